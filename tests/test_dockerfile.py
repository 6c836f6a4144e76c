"""The Dockerfile cannot rot silently: its own install and start commands are run here.

No Docker engine is needed. The build is replayed in a temporary directory: the
``COPY`` lines copy from the repository into a fake ``/app``, the ``RUN pip install``
line installs into a fresh virtual environment, and the ``CMD`` and ``HEALTHCHECK``
commands are started from that environment with the image's ``ENV`` (``/data`` moved
under the temporary directory). The install takes some 20 seconds.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO / "Dockerfile"


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str


def instructions() -> list[Instruction]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    result: list[Instruction] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = (pending + line).strip()
        pending = ""
        keyword, _, args = full.partition(" ")
        result.append(Instruction(keyword.upper(), args.strip()))
    assert not pending, "the Dockerfile ends inside a continued line"
    return result


def only(keyword: str) -> Instruction:
    found = [i for i in instructions() if i.keyword == keyword]
    assert len(found) == 1, f"expected one {keyword}, found {len(found)}"
    return found[0]


def env_values() -> dict[str, str]:
    """The ``ENV key=value ...`` settings of the image."""
    values: dict[str, str] = {}
    for instruction in instructions():
        if instruction.keyword == "ENV":
            for pair in shlex.split(instruction.args):
                key, _, value = pair.partition("=")
                values[key] = value
    return values


def exec_form(args: str) -> list[str]:
    """A JSON exec-form command such as ``["quizbot", "run"]``."""
    command = json.loads(args)
    assert isinstance(command, list)
    assert all(isinstance(part, str) for part in command)
    return command


def healthcheck_command() -> list[str]:
    args = only("HEALTHCHECK").args
    _, _, command = args.partition("CMD ")
    return exec_form(command)


def test_image_runs_the_bot_as_a_non_root_user_with_data_in_a_volume() -> None:
    """The image is python:3.11-slim, runs ``quizbot run`` as non-root, keeps SQLite in /data."""
    assert only("FROM").args == "python:3.11-slim"
    assert exec_form(only("CMD").args) == ["quizbot", "run"]
    user = only("USER").args
    assert user not in {"root", "0"}
    assert "/data" in exec_form(only("VOLUME").args)
    assert env_values()["QUIZBOT_DATABASE_URL"] == "sqlite+aiosqlite:////data/quizbot.db"
    assert healthcheck_command()[0] == "quizbot"


def test_image_installs_git_for_the_servers_repositories() -> None:
    """The image has the git command that fetches a server's notes, with HTTPS certificates."""
    installs = [
        shlex.split(i.args)
        for i in instructions()
        if i.keyword == "RUN" and "apt-get install" in i.args
    ]
    assert len(installs) == 1
    words = installs[0]
    assert {"git", "ca-certificates", "--no-install-recommends"} <= set(words)
    assert "rm -rf /var/lib/apt/lists/*" in only_apt_run()
    assert shutil.which("git"), "the tests replay the image's git fetches with this git"


def only_apt_run() -> str:
    """The text of the RUN line that installs system packages."""
    (run,) = [i.args for i in instructions() if i.keyword == "RUN" and "apt-get" in i.args]
    return run


def test_everything_the_image_copies_exists_and_is_not_ignored() -> None:
    """Each COPY source is in the repository and not excluded by .dockerignore."""
    ignored = {
        line.strip().rstrip("/")
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    copies = [i for i in instructions() if i.keyword == "COPY"]
    assert copies
    for copy in copies:
        *sources, _dest = shlex.split(copy.args)
        for source in sources:
            assert (REPO / source).exists(), f"COPY {source}: not in the repository"
            assert source.rstrip("/") not in ignored, f"COPY {source}: excluded by .dockerignore"
    copied = {s.rstrip("/") for c in copies for s in shlex.split(c.args)[:-1]}
    assert {"bot", "migrations", "content", "pyproject.toml"} <= copied


def test_compose_runs_the_bot_and_offers_postgres_as_a_profile() -> None:
    """docker-compose.yml starts the bot with a data volume; PostgreSQL only on request."""
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["bot"]["build"] == "."
    assert any(volume.endswith(":/data") for volume in services["bot"]["volumes"])
    assert services["postgres"]["profiles"] == ["postgres"]
    assert "profiles" not in services["bot"]


def replay_build(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Replay COPY and ``RUN pip install`` into tmp_path; return (app dir, bin dir, env)."""
    app = tmp_path / "app"
    prefix = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(prefix)
    bin_dir = prefix / "bin"
    workdir = app
    installs = 0
    for instruction in instructions():
        if instruction.keyword == "WORKDIR":
            workdir = tmp_path / "app" / Path(instruction.args).relative_to("/app")
            workdir.mkdir(parents=True, exist_ok=True)
        elif instruction.keyword == "COPY":
            *sources, dest = shlex.split(instruction.args)
            target = workdir / dest
            for source in sources:
                origin = REPO / source
                if origin.is_dir():  # a directory's contents go into the target
                    shutil.copytree(
                        origin,
                        target,
                        dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
                    )
                elif dest.endswith("/") or len(sources) > 1:
                    target.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(origin, target / origin.name)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(origin, target)
        elif instruction.keyword == "RUN" and instruction.args.startswith("pip install"):
            command = shlex.split(instruction.args)
            subprocess.run(
                [str(bin_dir / "python"), "-m", *command],
                cwd=workdir,
                check=True,
                capture_output=True,
                timeout=300,
            )
            installs += 1
    assert installs == 1, "the Dockerfile should install the package with one RUN pip install"
    data = tmp_path / "data"
    data.mkdir()
    env = {
        key: value.replace("/data", str(data)).replace("/app", str(app))
        for key, value in env_values().items()
    }
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("QUIZBOT_")},
        **env,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("DISCORD_TOKEN", None)
    return workdir, bin_dir, env


def start(
    command: list[str], bin_dir: Path, cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / command[0]), *command[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """The Dockerfile's build, replayed once for the tests below."""
    return replay_build(tmp_path_factory.mktemp("image"))


def test_installed_image_starts_its_command(image: tuple[Path, Path, dict[str, str]]) -> None:
    """The CMD's entry point exists after the Dockerfile's install and starts."""
    workdir, bin_dir, env = image
    command = exec_form(only("CMD").args)
    result = start([*command, "--help"], bin_dir, workdir, env)
    assert result.returncode == 0, result.stderr
    assert "usage: quizbot run" in result.stdout
    # The package is installed in the environment, not just lying in the working directory.
    where = start(["python", "-c", "import bot; print(bot.__file__)"], bin_dir, bin_dir, env)
    assert where.returncode == 0, where.stderr
    assert "site-packages" in where.stdout


def test_installed_image_reports_unhealthy_before_the_database_exists(
    image: tuple[Path, Path, dict[str, str]],
) -> None:
    """The HEALTHCHECK fails with a reason while there is no database in /data."""
    workdir, bin_dir, env = image
    result = start(healthcheck_command(), bin_dir, workdir, env)
    assert result.returncode == 1
    assert "unhealthy" in result.stderr


def test_installed_image_migrates_and_becomes_healthy(
    image: tuple[Path, Path, dict[str, str]],
) -> None:
    """After ``quizbot db upgrade`` in the installed image, the HEALTHCHECK passes."""
    workdir, bin_dir, env = image
    upgrade = start(["quizbot", "db", "upgrade"], bin_dir, workdir, env)
    assert upgrade.returncode == 0, upgrade.stderr
    health = start(healthcheck_command(), bin_dir, workdir, env)
    assert health.returncode == 0, health.stderr
    assert health.stdout.startswith("ok")
