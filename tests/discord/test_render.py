"""The quiz, reveal, leaderboard and stats embeds: content, local times and Discord's limits."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.model import Question, QuestionKind, Source
from bot.exts.leaderboard._render import leaderboard_embed, stats_embed
from bot.exts.quiz._render import (
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_LIMIT,
    MESSAGE_LIMIT,
    choice_labels,
    clip,
    local_time,
    milestone_messages,
    question_embed,
    reveal_embed,
)
from bot.services.types import (
    ChapterStats,
    LeaderboardPage,
    LeaderboardRow,
    MemberRef,
    MemberStats,
    Reveal,
    RunStatus,
    RunView,
)

UTC = dt.UTC
SLOT = dt.datetime(2026, 1, 5, 0, 0, tzinfo=UTC)  # 09:00 in Seoul


def _question(**changes: object) -> Question:
    values: dict[str, object] = {
        "id": "q1",
        "kind": QuestionKind.TERM_FROM_DEFINITION,
        "language": "en",
        "book": "Kubernetes in Action",
        "chapter": 3,
        "chapter_title": "Pods",
        "prompt": "Which object groups containers that share a network namespace?",
        "answer": "Pod",
        "accepted": ("Pod", "pods"),
        "explanation": "A pod is the smallest deployable unit.",
        "source": Source("notes/k8s.md", 42),
        "choices": ("Node", "Pod", "Service", "Volume"),
    }
    values.update(changes)
    return Question(**values)  # type: ignore[arg-type]


def _run(question: Question | None = None) -> RunView:
    return RunView(
        id=7,
        guild_id=1,
        channel_id=2,
        slot=SLOT,
        seq=0,
        question=question or _question(),
        message_id=99,
        opened_at=SLOT,
        closes_at=SLOT + dt.timedelta(hours=12),
        closed_at=None,
        status=RunStatus.OPEN,
    )


def _reveal(run: RunView, **changes: object) -> Reveal:
    alice, bob = MemberRef(10, "alice"), MemberRef(11, "bob_*")
    values: dict[str, object] = {
        "run": run,
        "answer": "Pod",
        "explanation": run.question.explanation,
        "source": run.question.source,
        "counts": {"Pod": 1, "Node": 1},
        "correct": [alice],
        "wrong": [bob],
        "fastest": alice,
        "fastest_seconds": 3.4,
        "points": {10: 14},
        "milestones": [],
    }
    values.update(changes)
    return Reveal(**values)  # type: ignore[arg-type]


def test_question_embed_shows_chapter_prompt_choices_and_local_close_time() -> None:
    """A posted quiz names the chapter, asks, letters the choices and says when results come."""
    embed = question_embed(_run(), "Asia/Seoul")
    assert "Pods" in (embed.title or "")
    description = embed.description or ""
    assert "share a network namespace" in description
    assert "**A.** Node" in description
    assert "**B.** Pod" in description
    # closes 12 h after 09:00 Seoul = 21:00 local
    assert "21:00" in (embed.footer.text or "")
    assert "Asia/Seoul" in (embed.footer.text or "")


def test_true_false_buttons_use_the_choice_text() -> None:
    """True/false questions get O/X (or True/False) buttons instead of letters."""
    question = _question(kind=QuestionKind.TRUE_FALSE, choices=("O", "X"), language="ko")
    assert choice_labels(question) == ["O", "X"]
    assert choice_labels(_question()) == ["A", "B", "C", "D"]


def test_long_notes_text_is_cut_to_discord_limits() -> None:
    """A huge prompt or explanation is cut to the embed limits instead of failing to post."""
    question = _question(prompt="x" * 10_000, explanation="y" * 5000)
    embed = question_embed(_run(question), "UTC")
    assert len(embed.description or "") <= DESCRIPTION_LIMIT
    reveal = reveal_embed(_reveal(_run(question), explanation="y" * 5000), "UTC")
    assert len(reveal.description or "") <= DESCRIPTION_LIMIT
    assert all(len(field.value or "") <= FIELD_LIMIT for field in reveal.fields)
    assert len(reveal) <= EMBED_TOTAL_LIMIT  # Discord refuses larger embeds outright
    crowd = [MemberRef(i, "x" * 32) for i in range(100)]
    packed = reveal_embed(
        _reveal(_run(question), explanation="y" * 5000, correct=crowd, counts={"Pod": 100}),
        "UTC",
    )
    assert len(packed) <= EMBED_TOTAL_LIMIT


def test_reveal_shows_answer_source_counts_right_and_fastest() -> None:
    """The closed quiz shows the answer, why, the source, counts, who was right, the fastest."""
    embed = reveal_embed(_reveal(_run()), "Asia/Seoul")
    fields = {field.name: field.value for field in embed.fields}
    assert fields["Answer"] == "B. Pod"
    assert fields["Why"] == "A pod is the smallest deployable unit."
    assert fields["Source"] == "notes/k8s.md, line 42"
    assert fields["Answers"] == "A: 1\nB: 1\nC: 0\nD: 0"
    assert fields["Right (1)"] == "alice"
    assert fields["Fastest"] == "alice in 3.4 s"


def test_reveal_of_a_repository_s_question_links_to_its_line() -> None:
    """With the line's web page given, the reveal's source is a link to it."""
    link = "https://github.com/group/notes/blob/abc123/ch1.md#L12"
    embed = reveal_embed(_reveal(_run()), "Asia/Seoul", link=link)
    fields = {field.name: field.value for field in embed.fields}
    assert fields["Source"] == f"[notes/k8s.md, line 42]({link})"


def test_reveal_without_answers_says_so() -> None:
    """A quiz nobody answered says so rather than showing empty lists."""
    embed = reveal_embed(
        _reveal(_run(), counts={}, correct=[], wrong=[], fastest=None, fastest_seconds=None),
        "UTC",
    )
    assert "Nobody answered." in [field.value for field in embed.fields]


def test_milestones_are_packed_into_messages_under_2000_characters() -> None:
    """Many streak milestones are split across messages, none over 2000 characters."""
    members = [(MemberRef(i, f"member{i}" * 5), 7) for i in range(200)]
    messages = milestone_messages(_reveal(_run(), milestones=members))
    assert len(messages) > 1
    assert all(len(message) <= MESSAGE_LIMIT for message in messages)
    assert sum(message.count("🔥") for message in messages) == 200


def test_korean_question_speaks_korean() -> None:
    """A Korean question is posted with Korean labels."""
    embed = question_embed(_run(_question(language="ko")), "Asia/Seoul")
    assert "퀴즈" in (embed.title or "")
    assert "결과" in (embed.footer.text or "")


@pytest.mark.parametrize(("text", "limit"), [("abc", 3), ("abcdef", 4), ("", 1)])
def test_clip_never_exceeds_the_limit(text: str, limit: int) -> None:
    """Cut text always fits its limit and marks the cut."""
    result = clip(text, limit)
    assert len(result) <= limit
    if len(text) > limit:
        assert result.endswith("…")


def test_local_time_follows_dst() -> None:
    """The same UTC hour shows a different local time on either side of a DST change."""
    winter = dt.datetime(2026, 3, 28, 8, tzinfo=UTC)
    summer = dt.datetime(2026, 3, 30, 8, tzinfo=UTC)
    assert local_time(winter, "Europe/Berlin") == "09:00"
    assert local_time(summer, "Europe/Berlin") == "10:00"


def _row(rank: int, name: str) -> LeaderboardRow:
    return LeaderboardRow(rank, rank, name, 100 - rank, 10, 8, 0.8, 2, 5)


def test_leaderboard_embed_lists_ranks_and_my_rank() -> None:
    """The leaderboard lists ranks on the page and the caller's own rank below."""
    page = LeaderboardPage(
        "week", "points", 1, 3, 25, [_row(1, "alice"), _row(2, "bob")], _row(14, "me")
    )
    embed = leaderboard_embed(page, "en")
    assert "this week" in (embed.title or "")
    assert "**1.** alice" in (embed.description or "")
    assert "**14.** me" in (embed.fields[0].value or "")
    assert "Page 1 of 3" in (embed.footer.text or "")


def test_stats_embed_shows_points_accuracy_streaks_and_chapters() -> None:
    """/stats shows points, accuracy, current and best streak and answers per chapter."""
    stats = MemberStats(10, "alice", 42, 5, 4, 0.8, 2, 3, 1, [ChapterStats(3, "Pods", 5, 4)])
    fields = {field.name: field.value for field in stats_embed(stats, "en").fields}
    assert fields["Points"] == "42"
    assert fields["Accuracy"] == "80% (4/5)"
    assert fields["Streak"] == "2 now, best 3"
    assert fields["Answers per chapter"] == "Pods: 4/5 right"
