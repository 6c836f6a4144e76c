"""What a user sees when the database, the arguments or the terminal's streams fail.

Each case runs the real command in a separate process and checks the exit code and
the one line on stderr, never a traceback: a malformed database URL, PostgreSQL down
(refused, black-holed, an unknown host), a database written by a newer quizbot, bytes
that are not UTF-8, closed or vanishing streams and Ctrl-C during ``quizbot play``.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_cli_play import ENGLISH_TRIVIA, KOREAN_NOTES, quizbot

#: What ``quizbot run`` prints to announce the mode before anything can fail.
MODE_LINES = ("DISCORD_TOKEN is not set: starting the terminal quiz.", "Starting the Discord bot")
#: Every command that opens the database, with the exit code it gives when it cannot.
DATABASE_COMMANDS = [
    pytest.param(("health",), {}, 1, id="health"),
    pytest.param(("db", "upgrade"), {}, 1, id="db-upgrade"),
    pytest.param(("play", "--as", "alice"), {}, 1, id="play"),
    pytest.param(("checkin", "1", "--as", "alice"), {}, 1, id="checkin"),
    pytest.param(("progress",), {}, 1, id="progress"),
    pytest.param(("run",), {}, 1, id="run-terminal"),
    pytest.param(("run",), {"DISCORD_TOKEN": "not-a-real-token"}, 1, id="run-discord"),
]
#: A few of them (each front door and the health check), for the slower failures.
SOME_COMMANDS = [DATABASE_COMMANDS[i] for i in (0, 2, 6)]


def failure_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line a failed command printed on stderr (after ``run``'s mode line)."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith(MODE_LINES)]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def trivia(tmp_path: Path) -> Path:
    """English notes, so the terminal commands speak English."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "geography.yaml").write_text(ENGLISH_TRIVIA, encoding="utf-8")
    return content


@pytest.fixture
def free_port() -> int:
    """A local TCP port that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def black_hole() -> Iterator[int]:
    """A port whose connections are queued but never accepted, so they never get an answer."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        yield server.getsockname()[1]


# ------------------------------------------------------------------ the database URL


@pytest.mark.parametrize(
    ("url", "command", "code"),
    [
        ("nonsense://", ("play",), 2),
        ("nonsense://", ("health",), 1),
        ("not a url", ("run",), 2),
        ("postgresql+asyncpg://user:secret@host:port/db", ("db", "upgrade"), 2),
        ("postgresql+asyncpg://user:secret@host:port/db", ("play",), 2),
        ("mysql+foo://user:secret@x/y", ("checkin", "1"), 2),
        ("mysql+foo://user:secret@x/y", ("run",), 2),
    ],
)
@pytest.mark.usefixtures("trivia")
def test_a_malformed_database_url_is_one_line(
    tmp_path: Path, url: str, command: tuple[str, ...], code: int
) -> None:
    """A URL that is not a database URL, or names an unknown driver, is a bad setting."""
    result = quizbot(tmp_path, *command, env={"QUIZBOT_DATABASE_URL": url}, timeout=60)
    assert result.returncode == code, result.stderr
    line = failure_line(result)
    assert line.startswith("invalid settings: DATABASE_URL:"), line
    assert "secret" not in line


# ------------------------------------------------------------------ PostgreSQL down


@pytest.mark.parametrize(("command", "extra", "code"), DATABASE_COMMANDS)
@pytest.mark.usefixtures("trivia")
def test_postgres_refusing_connections_is_one_line(
    tmp_path: Path, free_port: int, command: tuple[str, ...], extra: dict[str, str], code: int
) -> None:
    """Nothing listening on the PostgreSQL port: every command says so in one line."""
    url = f"postgresql+asyncpg://quizbot:secret@127.0.0.1:{free_port}/quizbot"
    result = quizbot(tmp_path, *command, env={"QUIZBOT_DATABASE_URL": url, **extra}, timeout=60)
    assert result.returncode == code, result.stderr
    line = failure_line(result)
    assert f"nothing accepts connections at 127.0.0.1:{free_port} (connection refused)" in line
    assert "secret" not in line


@pytest.mark.parametrize(("command", "extra", "code"), SOME_COMMANDS)
@pytest.mark.usefixtures("trivia")
def test_a_black_holed_postgres_port_times_out_in_one_line(
    tmp_path: Path, black_hole: int, command: tuple[str, ...], extra: dict[str, str], code: int
) -> None:
    """A server that never answers is given up after the connect timeout, not a minute."""
    env = {
        "QUIZBOT_DATABASE_URL": f"postgresql+asyncpg://quizbot@127.0.0.1:{black_hole}/quizbot",
        "QUIZBOT_DATABASE_CONNECT_TIMEOUT": "0.5",
        **extra,
    }
    started = time.monotonic()
    result = quizbot(tmp_path, *command, env=env, timeout=30)
    assert time.monotonic() - started < 20
    assert result.returncode == code, result.stderr
    assert f"no answer from 127.0.0.1:{black_hole} in time" in failure_line(result)


@pytest.mark.parametrize(("command", "extra", "code"), SOME_COMMANDS)
@pytest.mark.usefixtures("trivia")
def test_an_unknown_database_host_is_one_line(
    tmp_path: Path, command: tuple[str, ...], extra: dict[str, str], code: int
) -> None:
    """A host name that does not resolve (offline DNS, a typo) is named in one line."""
    url = "postgresql+asyncpg://quizbot@no-such-host.invalid/quizbot"
    result = quizbot(tmp_path, *command, env={"QUIZBOT_DATABASE_URL": url, **extra}, timeout=60)
    assert result.returncode == code, result.stderr
    assert "cannot find the host 'no-such-host.invalid'" in failure_line(result)


#: Makes looking up any ``*.hung.test`` host hang for two minutes, as offline DNS can.
HUNG_LOOKUP = """\
import socket, time
_real = socket.getaddrinfo
def _hung(host, *args, **kwargs):
    if isinstance(host, str) and host.endswith(".hung.test"):
        time.sleep(120)
    return _real(host, *args, **kwargs)
socket.getaddrinfo = _hung
"""


@pytest.mark.parametrize(("command", "extra", "code"), SOME_COMMANDS)
@pytest.mark.usefixtures("trivia")
def test_a_host_lookup_that_hangs_does_not_keep_the_command_alive(
    tmp_path: Path, command: tuple[str, ...], extra: dict[str, str], code: int
) -> None:
    """A lookup stuck past the connect timeout is abandoned: the command ends with its
    one line instead of waiting minutes for the lookup to give up."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(HUNG_LOOKUP, encoding="utf-8")
    env = {
        "QUIZBOT_DATABASE_URL": "postgresql+asyncpg://quizbot@db.hung.test/quizbot",
        "QUIZBOT_DATABASE_CONNECT_TIMEOUT": "0.5",
        "PYTHONPATH": str(hooks),
        **extra,
    }
    result = quizbot(tmp_path, *command, env=env, timeout=60)
    assert result.returncode == code, result.stderr
    assert "no answer from db.hung.test:5432 in time" in failure_line(result)


# ------------------------------------------------------------------ a newer schema


@pytest.mark.parametrize(("command", "extra", "code"), DATABASE_COMMANDS)
@pytest.mark.usefixtures("trivia")
def test_a_database_written_by_a_newer_quizbot_is_refused(
    tmp_path: Path, command: tuple[str, ...], extra: dict[str, str], code: int
) -> None:
    """A schema revision this code does not know is never touched, and health is not ok."""
    assert quizbot(tmp_path, "db", "upgrade").returncode == 0
    with sqlite3.connect(tmp_path / "quiz.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")
    result = quizbot(tmp_path, *command, env=extra, timeout=60)
    assert result.returncode == code, result.stderr
    line = failure_line(result)
    assert "written by a newer quizbot" in line
    assert "f00dfeedbeef" in line
    with sqlite3.connect(tmp_path / "quiz.db") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("f00dfeedbeef",)
        ]


# ------------------------------------------------------------------ bytes that are not text


@pytest.mark.parametrize(
    "args",
    [
        ("play", "--as", b"\xff"),
        ("checkin", "1", "--as", b"bob\xfe"),
        ("progress", "--as", b"\xff"),
    ],
)
@pytest.mark.usefixtures("trivia")
def test_a_name_that_is_not_utf8_is_a_usage_error(tmp_path: Path, args: tuple) -> None:
    """``--as`` given bytes that are not UTF-8 stops with one line and exit code 2."""
    result = quizbot(tmp_path, *args, stdin="paris\n")
    assert result.returncode == 2, result.stderr
    assert failure_line(result) == "quizbot: --as is not valid UTF-8 text"


@pytest.mark.parametrize("io_encoding", ["", "utf-8"])
@pytest.mark.usefixtures("trivia")
def test_a_typed_answer_that_is_not_utf8_is_just_wrong(tmp_path: Path, io_encoding: str) -> None:
    """Bad bytes in a typed answer count as a wrong answer; the game goes on to its end."""
    result = quizbot(
        tmp_path,
        "play",
        "--as",
        "alice",
        "--questions",
        "1",
        stdin=b"\xff\xfe\n",
        env={"PYTHONIOENCODING": io_encoding},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "✘ Wrong: ��" in result.stdout
    assert "Game over: 0 of 1 right" in result.stdout


# ------------------------------------------------------------------ closed streams


@pytest.mark.usefixtures("trivia")
def test_play_with_stdin_closed_is_one_line(tmp_path: Path) -> None:
    """``quizbot play <&-`` says there is nowhere to read answers from, exit code 1."""
    result = quizbot(tmp_path, "play", "--as", "alice", closed=0)
    assert result.returncode == 1, result.stderr
    assert failure_line(result) == (
        "Standard input is closed: there is nowhere to read answers from."
    )


@pytest.mark.usefixtures("trivia")
def test_play_with_stdout_closed_is_one_line(tmp_path: Path) -> None:
    """``quizbot play >&-`` says there is nowhere to print, exit code 1."""
    result = quizbot(tmp_path, "play", "--as", "alice", stdin="paris\n", closed=1)
    assert result.returncode == 1, result.stderr
    assert failure_line(result) == "quizbot: standard output is closed: nowhere to print"


def test_play_into_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    """``quizbot play | head -2`` ends at once, exit code 0, nothing on stderr, no open quiz."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "database.md").write_text(KOREAN_NOTES, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZBOT_")}
    env.update(
        QUIZBOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/quiz.db",
        QUIZBOT_CONTENT_DIR=str(content),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "play", "--as", "alice", "--questions", "3"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    assert process.stdout is not None
    assert process.stdin is not None
    assert process.stdout.readline()  # the welcome line: the game has begun
    process.stdout.close()  # the reader goes away, as head does after its lines
    _out, err = process.communicate(input=b"1\n1\n1\n", timeout=60)
    assert process.returncode == 0, err
    assert err.decode("utf-8", "replace") == ""
    with sqlite3.connect(tmp_path / "quiz.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM quiz_runs WHERE status = 'open'").fetchone() == (
            0,
        )


# ------------------------------------------------------------------ Ctrl-C


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.usefixtures("trivia")
def test_ctrl_c_while_waiting_for_an_answer_ends_the_game_at_once(tmp_path: Path) -> None:
    """The first Ctrl-C at the prompt stops the game with its summary, exit code 130."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZBOT_")}
    env.update(
        QUIZBOT_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/quiz.db",
        QUIZBOT_CONTENT_DIR=str(tmp_path / "content"),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "play", "--as", "alice"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
        # a shell's background job would ignore Ctrl-C; a terminal's foreground one does not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stdout is not None
        shown = b""
        while not shown.endswith("» ".encode()):
            chunk = os.read(process.stdout.fileno(), 1)
            assert chunk, shown
            shown += chunk
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    output = (shown + out).decode("utf-8")
    assert process.returncode == 130, err
    assert b"Traceback" not in err
    assert "Interrupted (Ctrl-C): stopping here." in output
    assert "Game over: 0 of 0 right" in output
    assert "Leaderboard" in output
