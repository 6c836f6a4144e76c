"""Pure functions turning reading-group results into Discord text and embeds.

Nothing here talks to Discord or the database. Names and notes come from members, so
they are escaped; everything is cut to Discord's limits with the quiz renderer's
helpers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import discord

from bot.core.reading import progress_bar
from bot.exts.quiz._render import (
    DESCRIPTION_LIMIT,
    FIELD_LIMIT,
    FOOTER_LIMIT,
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    clip,
    fit,
)
from bot.i18n import text
from bot.services.reading import (
    ChapterInfo,
    CheckinResult,
    MemberProgress,
    ProgressBoard,
    ReminderData,
    WeeklySummary,
)
from bot.services.types import CheckinStatus, CheckinView, MemberRef

__all__ = [
    "CHAPTERS_PER_PAGE",
    "MEMBERS_PER_PAGE",
    "board_embed",
    "board_pages",
    "chapter_label",
    "checkin_reply",
    "member_embed",
    "progress_bar",
    "progress_line",
    "reminder_content",
    "reminder_embeds",
    "status_text",
    "undo_reply",
]

CHAPTERS_PER_PAGE = 10
MEMBERS_PER_PAGE = 15
#: The longest list of names shown on one line of the board.
NAMES_LIMIT = 160


def chapter_label(chapter: ChapterInfo | None, number: int | None = None) -> str:
    """``3. 저장 장치``; the bare number when the chapter is not known."""
    if chapter is None:
        return str(number) if number is not None else "-"
    return f"{chapter.number}. {chapter.title}"


def status_text(status: CheckinStatus, lang: str) -> str:
    """``done`` / ``still reading`` in ``lang``."""
    return text(f"checkin.status.{status.value}", lang)


def _name(member: MemberRef) -> str:
    return discord.utils.escape_mentions(discord.utils.escape_markdown(member.display_name))


def _names(members: Sequence[MemberRef], limit: int = NAMES_LIMIT) -> str:
    shown: list[str] = []
    used = 0
    for index, member in enumerate(members):
        name = _name(member)
        if used + len(name) + 2 > limit - 6:
            shown.append(f"+{len(members) - index}")
            break
        shown.append(name)
        used += len(name) + 2
    return ", ".join(shown)


def progress_line(progress: MemberProgress, lang: str, *, name: str | None = None) -> str:
    """``Your progress: 2 of 5 chapter(s) done, reading 3. Check-in streak: …``.

    With ``name`` (another member's progress) the line speaks of that member.
    """
    reading = ""
    if progress.reading:
        reading = text("checkin.reading_list", lang, chapters=", ".join(map(str, progress.reading)))
    extra = {} if name is None else {"name": name}
    return text(
        "checkin.progress" if name is None else "checkin.progress_of",
        lang,
        **extra,
        done=len(progress.done),
        total=progress.total_chapters,
        reading=reading,
        streak=progress.current_streak,
        best=progress.best_streak,
    )


def checkin_reply(result: CheckinResult, lang: str) -> str:
    """The private answer to a check-in: what was stored, the note, progress and streak."""
    key = "checkin.updated" if result.updated else "checkin.saved"
    lines = [
        text(
            key,
            lang,
            chapter=discord.utils.escape_markdown(chapter_label(result.chapter)),
            status=status_text(result.checkin.status, lang),
        )
    ]
    if result.checkin.note:
        lines.append(text("checkin.note", lang, note=clip(result.checkin.note, 600)))
    lines.append(progress_line(result.progress, lang))
    return clip("\n".join(lines), MESSAGE_LIMIT)


def undo_reply(removed: CheckinView, chapter: ChapterInfo | None, lang: str) -> str:
    """The private answer to ``/checkin undo``: which check-in was removed."""
    return text(
        "checkin.undone",
        lang,
        chapter=discord.utils.escape_markdown(chapter_label(chapter, removed.chapter)),
        status=status_text(removed.status, lang),
    )


def board_pages(board: ProgressBoard) -> int:
    """How many pages the board takes."""
    return max(
        1,
        math.ceil(len(board.chapters) / CHAPTERS_PER_PAGE),
        math.ceil(len(board.members) / MEMBERS_PER_PAGE),
    )


def board_embed(
    board: ProgressBoard, lang: str, *, goal: str | None, page: int = 1
) -> discord.Embed:
    """One page of the group's board: goal, chapters with bars and finishers, members."""
    pages = board_pages(board)
    page = min(max(page, 1), pages)
    members = len(board.members)
    labels = {row.chapter.number: row.chapter for row in board.chapters}
    lines: list[str] = []
    if goal:
        lines += [text("progress.goal", lang, goal=clip(goal, 300)), ""]
    if not board.members:
        lines += [text("progress.empty", lang), ""]
    chapters = board.chapters[(page - 1) * CHAPTERS_PER_PAGE : page * CHAPTERS_PER_PAGE]
    if chapters:
        lines.append(f"**{text('progress.chapters', lang)}**")
    for row in chapters:
        mark = "✅" if row.reached else "▫️"
        label = discord.utils.escape_markdown(clip(chapter_label(row.chapter), 80))
        line = f"{mark} {label}  `{progress_bar(len(row.done), members)}` {len(row.done)}/{members}"
        if row.done:
            line += " · " + text("progress.done_by", lang, names=_names(row.done))
        lines.append(line)
    if board.common is not None:
        common = chapter_label(labels.get(board.common), board.common)
        lines += [
            "",
            text("progress.common", lang, chapter=discord.utils.escape_markdown(common)),
        ]
    shown = board.members[(page - 1) * MEMBERS_PER_PAGE : page * MEMBERS_PER_PAGE]
    if shown:
        lines += ["", f"**{text('progress.members', lang)}**"]
    for member in shown:
        on = (
            clip(chapter_label(labels.get(member.on), member.on), 60)
            if member.on is not None
            else text("progress.finished", lang)
        )
        lines.append(
            text(
                "progress.member_row",
                lang,
                name=_name(member.member),
                done=member.done,
                on=discord.utils.escape_markdown(on),
                date=member.last_checkin.isoformat() if member.last_checkin else "-",
            )
        )
    embed = discord.Embed(
        title=text("progress.title", lang),
        description=clip("\n".join(lines), DESCRIPTION_LIMIT),
        colour=discord.Colour.green(),
    )
    embed.set_footer(text=clip(text("progress.footer", lang, page=page, pages=pages), FOOTER_LIMIT))
    return fit(embed)


def member_embed(
    progress: MemberProgress,
    chapters: Sequence[ChapterInfo],
    lang: str,
    timezone: str,
    *,
    own: bool = True,
) -> discord.Embed:
    """One member's progress: finished and in-progress chapters, last check-in, streak.

    ``own`` is whether the member asking is the one shown ("Your progress").
    """
    titles = {c.number: c for c in chapters}
    name = discord.utils.escape_markdown(progress.display_name)
    embed = discord.Embed(
        title=clip(text("progress.member_title", lang, name=name), TITLE_LIMIT),
        description=clip(
            progress_line(progress, lang, name=None if own else name), DESCRIPTION_LIMIT
        ),
        colour=discord.Colour.green(),
    )

    def listing(numbers: Sequence[int]) -> str:
        if not numbers:
            return text("progress.none", lang)
        labels = [discord.utils.escape_markdown(chapter_label(titles.get(n), n)) for n in numbers]
        return clip("\n".join(labels), FIELD_LIMIT)

    embed.add_field(name=text("progress.done", lang), value=listing(progress.done))
    embed.add_field(name=text("progress.reading", lang), value=listing(progress.reading))
    if progress.last_checkin is not None:
        from bot.exts.quiz._render import local_datetime

        embed.add_field(
            name=text("progress.last", lang),
            value=local_datetime(progress.last_checkin, timezone, lang),
            inline=False,
        )
    embed.add_field(
        name=text("progress.streak", lang),
        value=text(
            "progress.streak_value",
            lang,
            current=progress.current_streak,
            best=progress.best_streak,
        ),
    )
    return fit(embed)


def reminder_content(data: ReminderData, lang: str) -> str:
    """The message text: who has not checked in; opted-in members as mentions, others by name."""
    if not data.missing:
        return text("reminder.everyone", lang)
    pinged = set(data.pinged)
    names = [
        f"<@{member.member_id}>" if member.member_id in pinged else _name(member)
        for member in data.missing
    ]
    body = text("reminder.missing", lang, names=", ".join(names))
    if len(body) > MESSAGE_LIMIT:
        body = clip(body, MESSAGE_LIMIT - 1)
        body = body[: body.rfind(",")] + " …" if "," in body else body
    return body


def _summary_embed(
    summary: WeeklySummary, lang: str, chapters: dict[int, ChapterInfo]
) -> discord.Embed:
    embed = discord.Embed(
        title=clip(text("summary.title", lang, week=summary.week_start.isoformat()), TITLE_LIMIT),
        colour=discord.Colour.gold(),
    )
    finished = [
        f"{_name(member)}: "
        + ", ".join(
            discord.utils.escape_markdown(chapter_label(chapters.get(n), n)) for n in numbers
        )
        for member, numbers in summary.finished
    ]
    embed.add_field(
        name=text("summary.finished", lang),
        value=clip("\n".join(finished), FIELD_LIMIT) or text("summary.nobody", lang),
        inline=False,
    )
    top = [
        text(
            "summary.top_row",
            lang,
            rank=row.rank,
            name=discord.utils.escape_markdown(row.display_name),
            points=row.points,
        )
        for row in summary.top
    ]
    embed.add_field(
        name=text("summary.top", lang),
        value=clip("\n".join(top), FIELD_LIMIT) or text("summary.no_quiz", lang),
        inline=False,
    )
    return fit(embed)


def reminder_embeds(
    data: ReminderData, lang: str, chapters: Sequence[ChapterInfo]
) -> list[discord.Embed]:
    """The reminder (chapter of the week) and, with the first reminder of a week, the summary."""
    if data.chapter is not None:
        body = text(
            "reminder.chapter",
            lang,
            chapter=discord.utils.escape_markdown(chapter_label(data.chapter)),
        )
    elif not chapters:
        body = text("checkin.no_chapters", lang)
    else:
        body = text("reminder.all_done", lang)
    embed = discord.Embed(
        title=text("reminder.title", lang),
        description=clip(body, DESCRIPTION_LIMIT),
        colour=discord.Colour.green(),
    )
    embeds = [fit(embed)]
    if data.summary is not None:
        embeds.append(_summary_embed(data.summary, lang, {c.number: c for c in chapters}))
    return embeds
