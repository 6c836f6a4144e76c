"""``quizbot content check | preview | export``: look at what quizbot makes of the notes.

``content check --stats`` also reads the configured database and prints, per server,
each question's statistics (times asked, answers, share right, wrong choices,
discrimination, reports) and flags (too easy, misleading, reported).

Exit codes: 0 when every file was read (warnings allowed), 1 when a file cannot be
read (one line per file on stderr, never a traceback), 2 for usage errors (an
unknown chapter or kind, a bad limit).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from bot.core.content import DEFAULT_MAX_NOTE_MB, Library, chapter_label, find_chapter, load_library
from bot.core.errors import UnknownChapter
from bot.core.model import Book, Question, QuestionKind

__all__ = ["check_command", "export_command", "export_data", "format_question", "preview_command"]

EXIT_OK = 0
EXIT_UNREADABLE = 1
EXIT_USAGE = 2
LETTERS = "ABCDEFGHIJ"


def _utf8(stream: TextIO) -> TextIO:
    """``stream`` writing UTF-8 (Korean must never fail on a legacy console encoding)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() not in {
        "utf-8",
        "utf8",
    }:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(encoding="utf-8")
    return stream


def _closed_pipe() -> int:
    """The reader went away (``quizbot content preview … | head``): stop quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK


def _report_errors(library: Library) -> bool:
    """Print one line per unreadable file on stderr; whether there was any."""
    err = _utf8(sys.stderr)
    for file, reason in library.errors:
        print(f"quizbot: cannot read {file}: {reason}", file=err)
    return bool(library.errors)


def _paths(values: list[str]) -> list[Path]:
    return [Path(value) for value in values]


def _load(values: list[str]) -> Library:
    """The library of ``values``, files over ``QUIZBOT_MAX_NOTE_MB`` skipped."""
    from pydantic import ValidationError

    from bot.config import Settings

    try:
        max_mb = Settings().max_note_mb
    except ValidationError:  # the content commands need no other setting to be right
        max_mb = DEFAULT_MAX_NOTE_MB
    return load_library(_paths(values), max_mb=max_mb)


def _kind_counts(questions: list[Question]) -> str:
    counts = Counter(str(q.kind) for q in questions)
    ordered = [kind for kind in QuestionKind if counts[str(kind)]]
    return ", ".join(f"{kind} {counts[str(kind)]}" for kind in ordered) or "none"


def _book_summary(book: Book, library: Library) -> list[str]:
    questions = [q for q in library.questions if q.source.file == book.file]
    rejected = [pair for pair in library.rejected if pair[0].source.file == book.file]
    terms = sum(len(chapter.terms) for chapter in book.chapters)
    lines = [f"{book.file}: {book.title} ({book.language})"]
    if book.goal:
        lines.append(f"  goal: {book.goal}")
    lines.append(f"  chapters: {len(book.chapters)}")
    for chapter in book.chapters:
        read = " [read]" if chapter.read else ""
        lines.append(
            f"    {chapter_label(chapter)}{read}: {len(chapter.terms)} terms (line {chapter.line})"
        )
    lines.append(f"  terms: {terms}")
    lines.append(f"  cards: {len(book.cards)}")
    lines.append(f"  questions: {len(questions)} ({_kind_counts(questions)})")
    if rejected:
        reasons = Counter(defect for _, defects in rejected for defect in defects)
        top = "; ".join(f"{reason} ×{count}" for reason, count in reasons.most_common(3))
        lines.append(f"  rejected: {len(rejected)} ({top})")
    held = [pair for pair in library.held if pair[0].source.file == book.file]
    if held:
        reasons = Counter(reason for _, why in held for reason in why)
        top = "; ".join(f"{reason} ×{count}" for reason, count in reasons.most_common(3))
        lines.append(f"  held back: {len(held)} ({top}; see content preview --held)")
    for warning in book.warnings:
        lines.append(f"  warning: {warning.file}:{warning.line}: {warning.message}")
    return lines


def check_command(args: argparse.Namespace) -> int:
    """Per file: chapters, terms, questions by kind, warnings with file:line; with
    ``--stats`` also each question's statistics and flags per server (from the database)."""
    library = _load(args.paths)
    out = _utf8(sys.stdout)
    try:
        for book in library.books:
            print("\n".join(_book_summary(book, library)), file=out)
        if len(library.books) > 1:
            print(
                f"total: {len(library.books)} files, {len(library.questions)} questions, "
                f"{len(library.warnings)} warnings",
                file=out,
            )
        out.flush()
        if getattr(args, "stats", False):
            lines = _statistics_lines()
            if lines is None:
                return EXIT_UNREADABLE
            print("\n".join(lines), file=out)
            out.flush()
    except BrokenPipeError:
        return _closed_pipe()
    return EXIT_UNREADABLE if _report_errors(library) else EXIT_OK


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _statistics_lines() -> list[str] | None:
    """The statistics of every server's questions, or ``None`` after one line on stderr
    when the settings or the database cannot be used."""
    import asyncio

    from bot.cli._settings import settings_or_none
    from bot.db import Database
    from bot.db.session import describe_failure
    from bot.services import reviews

    settings = settings_or_none(terminal=True)
    if settings is None:
        return None

    async def read() -> list[str]:
        db = Database.from_url(
            settings.database_url, connect_timeout=settings.database_connect_timeout
        )
        try:
            await db.upgrade()
            lines: list[str] = []
            servers = await reviews.servers_with_answers(db)
            if not servers:
                return ["statistics: no answers in the database yet"]
            for guild_id in servers:
                found = await reviews.server_statistics(db, guild_id=guild_id)
                name = "terminal" if guild_id == 0 else f"server {guild_id}"
                lines.append(f"statistics: {name}: {len(found)} questions")
                for question, stats in found:
                    flags = ", ".join(flag.value.replace("_", " ") for flag in sorted(stats.flags))
                    wrong = ", ".join(
                        f"{choice} {_share(share)}" for choice, share in stats.wrong_choices.items()
                    )
                    disc = "-" if stats.discrimination is None else f"{stats.discrimination:+.2f}"
                    lines.append(
                        f"  {question.id} {question.source.file}:{question.source.line}"
                        f"{' [' + flags + ']' if flags else ''}"
                    )
                    lines.append(f"    {question.prompt[:100]}")
                    lines.append(
                        f"    asked {stats.asked} · answers {stats.answers} · right "
                        f"{_share(stats.share_right)} · discrimination {disc} · reports "
                        f"{stats.reports}" + (f" · wrong choices: {wrong}" if wrong else "")
                    )
            return lines
        finally:
            await db.dispose()

    try:
        return asyncio.run(read())
    except Exception as exc:
        print(
            f"quizbot: cannot read the statistics: {describe_failure(exc, settings.database_url)}",
            file=_utf8(sys.stderr),
        )
        return None


def _usage_error(message: str) -> int:
    print(f"quizbot content: {message}", file=_utf8(sys.stderr))
    return EXIT_USAGE


def format_question(index: int, question: Question, reasons: list[str] | None = None) -> str:
    """A question as readable text: id, kind, chapter, prompt, choices, answer, source.

    ``reasons`` (for a held question) adds its score and why it lost points.
    """
    chapter = (
        f"{question.chapter}. {question.chapter_title}"
        if question.chapter is not None
        else question.chapter_title
    )
    lines = [f"[{index}] {question.id} · {question.kind} · {chapter}", question.prompt]
    for letter, choice in zip(LETTERS, question.choices or (), strict=False):
        mark = "  ✓" if choice == question.answer else ""
        lines.append(f"  {letter}) {choice}{mark}")
    lines.append(f"answer: {question.answer}")
    if len(question.accepted) > 1:
        lines.append(f"accepted: {' | '.join(question.accepted)}")
    lines.append(f"explanation: {question.explanation}")
    lines.append(f"source: {question.source.file}:{question.source.line}")
    if reasons is not None:
        lines.append(f"score: {question.score:.2f} ({'; '.join(reasons) or 'no reason'})")
    return "\n".join(lines)


def preview_command(args: argparse.Namespace) -> int:
    """Readable questions with answers, filtered by chapter and kind."""
    kinds = [str(kind) for kind in QuestionKind]
    if args.kind is not None and args.kind not in kinds:
        return _usage_error(f"unknown kind {args.kind!r}; choose one of: {', '.join(kinds)}")
    if args.limit is not None and args.limit < 1:
        return _usage_error("--limit must be 1 or more")
    library = _load([args.path])
    if _report_errors(library):
        return EXIT_UNREADABLE
    held = {q.id: why for q, why in library.held} if args.held else {}
    questions = [q for q, _ in library.held] if args.held else library.questions
    if args.chapter is not None:
        try:
            title, chapter = find_chapter(library, args.chapter)
        except UnknownChapter as exc:
            return _usage_error(str(exc))
        questions = [q for q in questions if q.book == title and q.chapter_title == chapter.title]
    if args.kind is not None:
        questions = [q for q in questions if str(q.kind) == args.kind]
    if args.limit is not None:
        questions = questions[: args.limit]
    out = _utf8(sys.stdout)
    try:
        if not questions:
            print("no questions", file=out)
        for index, question in enumerate(questions, start=1):
            print(format_question(index, question, held.get(question.id)), file=out)
            print(file=out)
        out.flush()
    except BrokenPipeError:
        return _closed_pipe()
    return EXIT_OK


def export_data(library: Library) -> dict[str, object]:
    """The JSON document printed by ``content export``."""
    return {
        "books": [
            {
                "file": book.file,
                "title": book.title,
                "goal": book.goal,
                "language": book.language,
                "chapters": [
                    {
                        "number": chapter.number,
                        "title": chapter.title,
                        "read": chapter.read,
                        "line": chapter.line,
                    }
                    for chapter in book.chapters
                ],
            }
            for book in library.books
        ],
        "questions": [question.to_json() for question in library.questions],
        "warnings": [
            {"file": warning.file, "line": warning.line, "message": warning.message}
            for warning in library.warnings
        ],
    }


def export_command(args: argparse.Namespace) -> int:
    """Every book, question and warning as one JSON document on stdout."""
    library = _load(args.paths)
    if _report_errors(library):
        return EXIT_UNREADABLE
    out = _utf8(sys.stdout)
    try:
        json.dump(export_data(library), out, ensure_ascii=False, indent=2)
        out.write("\n")
        out.flush()
    except BrokenPipeError:
        return _closed_pipe()
    return EXIT_OK
