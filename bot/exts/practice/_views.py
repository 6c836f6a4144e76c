"""The buttons and the typed-answer form of a private practice session.

A session keeps nothing in memory: each button's ``custom_id`` carries the session
(:class:`Session`: question number, length, right so far, chapter, mode, start) and,
on an answer button, the question and when it was shown. The buttons are
``DynamicItem``s registered in ``setup_hook``, so a click after a restart carries on
where the session was; the database decides what is due and refuses a second answer
to the same showing. An answer replaces the question with its result (the right
answer, why, the source, when it comes back) and a "Next" button; the last one ends
with the summary.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace
from typing import Any, Self

import discord

from bot.core.errors import PracticeError
from bot.core.model import Question
from bot.exts._common import PersistentButton, bot_of, reply_private
from bot.exts.practice._render import answer_embed, error_text, question_embed, summary_embed
from bot.exts.quiz._render import BUTTON_LABEL_LIMIT, choice_labels, clip
from bot.exts.quiz._views import answer_field, submitted_answer
from bot.i18n import language_of, text
from bot.services import practice
from bot.services.practice import PracticeMode
from bot.services.reading import guild_timezone

__all__ = [
    "PRACTICE_FORM",
    "PracticeChoiceButton",
    "PracticeNextButton",
    "PracticeTypedButton",
    "Session",
    "late_practice_answer",
    "show_question",
]

log = logging.getLogger(__name__)

_SESSION = r"(?P<s>[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+\.[dm]\.[0-9]+)"
_QUESTION = r"(?P<qid>[A-Za-z0-9_\-]{1,40})"
#: The form's custom id carries the session and the question, so a form submitted after
#: a restart is still recorded (see :func:`late_practice_answer`).
PRACTICE_FORM = re.compile(rf"prf:{_QUESTION}:{_SESSION}:(?P<shown>[0-9]+)")


@dataclass(frozen=True, slots=True)
class Session:
    """Where a practice session is: ``number`` is the question shown (1-based).

    ``chapter`` 0 means every chapter in reach; ``since`` (epoch seconds) is the start,
    so ``misses`` asks each missed question once.
    """

    number: int
    count: int
    right: int
    chapter: int
    mode: PracticeMode
    since: int

    def encode(self) -> str:
        """The session as it travels in a ``custom_id``."""
        mode = "m" if self.mode is PracticeMode.MISSES else "d"
        return f"{self.number}.{self.count}.{self.right}.{self.chapter}.{mode}.{self.since}"

    @classmethod
    def decode(cls, value: str) -> Self:
        """The session of a ``custom_id``."""
        number, count, right, chapter, mode, since = value.split(".")
        return cls(
            number=int(number),
            count=int(count),
            right=int(right),
            chapter=int(chapter),
            mode=PracticeMode.MISSES if mode == "m" else PracticeMode.DUE,
            since=int(since),
        )

    @property
    def started(self) -> dt.datetime:
        """When the session started."""
        return dt.datetime.fromtimestamp(self.since, tz=dt.UTC)


def _stamp(at: dt.datetime) -> int:
    return int(at.timestamp())


class PracticeChoiceButton(
    PersistentButton, template=rf"pr:{_QUESTION}:(?P<choice>[0-9]+):{_SESSION}:(?P<shown>[0-9]+)"
):
    """One option of a practice question."""

    def __init__(
        self,
        question_id: str,
        choice: int,
        session: Session,
        shown: int,
        *,
        label: str | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or str(choice + 1),
                style=discord.ButtonStyle.primary,
                custom_id=f"pr:{question_id}:{choice}:{session.encode()}:{shown}",
            )
        )
        self.question_id = question_id
        self.choice = choice
        self.session = session
        self.shown = shown

    @classmethod
    def from_match(cls, match: re.Match[str], *, label: str | None) -> Self:
        """The button of the clicked question and option."""
        return cls(
            match["qid"],
            int(match["choice"]),
            Session.decode(match["s"]),
            int(match["shown"]),
            label=label,
        )

    async def handle(self, interaction: discord.Interaction) -> None:
        """Record the chosen option and show the result."""
        await record_and_show(interaction, self.question_id, self.choice, self.session, self.shown)


class PracticeTypedButton(
    PersistentButton, template=rf"pr:{_QUESTION}:type:{_SESSION}:(?P<shown>[0-9]+)"
):
    """The "Answer" button of a typed practice question: it opens a fresh form each time."""

    def __init__(
        self, question_id: str, session: Session, shown: int, *, label: str | None = None
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or "Answer",
                style=discord.ButtonStyle.primary,
                custom_id=f"pr:{question_id}:type:{session.encode()}:{shown}",
            )
        )
        self.question_id = question_id
        self.session = session
        self.shown = shown

    @classmethod
    def from_match(cls, match: re.Match[str], *, label: str | None) -> Self:
        """The Answer button of the clicked question."""
        return cls(match["qid"], Session.decode(match["s"]), int(match["shown"]), label=label)

    async def handle(self, interaction: discord.Interaction) -> None:
        """Open the answer form."""
        lang = language_of(interaction)
        custom_id = f"prf:{self.question_id}:{self.session.encode()}:{self.shown}"
        await interaction.response.send_modal(PracticeForm(custom_id, lang))


class PracticeNextButton(PersistentButton, template=rf"prn:{_SESSION}"):
    """Go on to the next question of the session."""

    def __init__(self, session: Session, *, label: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or "Next",
                style=discord.ButtonStyle.success,
                custom_id=f"prn:{session.encode()}",
            )
        )
        self.session = session

    @classmethod
    def from_match(cls, match: re.Match[str], *, label: str | None) -> Self:
        """The Next button of the clicked session."""
        return cls(Session.decode(match["s"]), label=label)

    async def handle(self, interaction: discord.Interaction) -> None:
        """Show the next question in place of the last result."""
        await show_question(interaction, self.session, edit=True)


class PracticeForm(discord.ui.Modal):
    """One text field for a typed practice answer."""

    def __init__(self, custom_id: str, lang: str) -> None:
        super().__init__(title=text("run.modal_title", lang), timeout=600, custom_id=custom_id)
        self.answer = answer_field(lang)
        self.add_item(self.answer)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Record the typed answer (a form without its field gets "no longer active")."""
        if not await late_practice_answer(interaction):
            await reply_private(interaction, text("interaction.stale", language_of(interaction)))

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:
        """A failed submission still gets a private answer."""
        from bot.exts._common import report_failure

        await report_failure(interaction, error)


async def late_practice_answer(interaction: discord.Interaction) -> bool:
    """Record a submitted practice form, also one opened before a restart.

    ``False`` when the submission is not a practice form.
    """
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    match = PRACTICE_FORM.fullmatch(str(data.get("custom_id", "")))
    value = submitted_answer(data)
    if match is None or value is None:
        return False
    session = Session.decode(match["s"])
    if not value.strip():
        await reply_private(interaction, text("answer.empty", language_of(interaction)))
        return True
    await record_and_show(interaction, match["qid"], value.strip(), session, int(match["shown"]))
    return True


# -------------------------------------------------------------------- the flow


def _question_view(question: Question, session: Session, shown: int, lang: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    if not question.choices:
        view.add_item(
            PracticeTypedButton(question.id, session, shown, label=text("run.answer_button", lang))
        )
        return view
    for index, label in enumerate(choice_labels(question)):
        view.add_item(
            PracticeChoiceButton(
                question.id, index, session, shown, label=clip(label, BUTTON_LABEL_LIMIT)
            )
        )
    return view


async def _send(
    interaction: discord.Interaction, *, edit: bool, embeds: list[discord.Embed], view: Any
) -> None:
    if edit and interaction.message is not None:
        await interaction.response.edit_message(content=None, embeds=embeds, view=view)
    else:
        kwargs = {"view": view} if view is not None else {}
        await interaction.response.send_message(embeds=embeds, ephemeral=True, **kwargs)


async def _summary(
    interaction: discord.Interaction, session: Session, answered: int, lang: str
) -> discord.Embed:
    bot = bot_of(interaction)
    assert interaction.guild_id is not None
    now = discord.utils.utcnow()
    due, next_due = await practice.due_count(
        bot.db, guild_id=interaction.guild_id, member_id=interaction.user.id, now=now
    )
    timezone = await guild_timezone(bot.db, guild_id=interaction.guild_id)
    return summary_embed(
        right=session.right,
        answered=answered,
        due=due,
        next_due=next_due,
        now=now,
        timezone=timezone,
        lang=lang,
    )


async def show_question(interaction: discord.Interaction, session: Session, *, edit: bool) -> None:
    """Show question ``session.number`` (or the summary once the session is over)."""
    bot = bot_of(interaction)
    lang = language_of(interaction)
    assert interaction.guild_id is not None
    answered = session.number - 1
    now = discord.utils.utcnow()
    if session.number > session.count:
        await _send(
            interaction, edit=edit, embeds=[await _summary(interaction, session, answered, lang)],
            view=None,
        )  # fmt: skip
        return
    try:
        found = await practice.next_question(
            bot.db,
            guild_id=interaction.guild_id,
            member_id=interaction.user.id,
            now=now,
            chapter=session.chapter or None,
            mode=session.mode,
            since=session.started,
        )
    except PracticeError as exc:
        if answered:  # the session ran out of questions: it ends here
            summary = await _summary(interaction, session, answered, lang)
            await _send(interaction, edit=edit, embeds=[summary], view=None)
            return
        timezone = await guild_timezone(bot.db, guild_id=interaction.guild_id)
        message = error_text(
            exc, lang, misses=session.mode is PracticeMode.MISSES, now=now, timezone=timezone
        )
        await reply_private(interaction, message or str(exc))
        return
    question = found.question
    embed = question_embed(
        question, number=session.number, count=session.count, new=found.due is None, lang=lang
    )
    view = _question_view(question, session, _stamp(now), lang)
    await _send(interaction, edit=edit, embeds=[embed], view=view)


async def record_and_show(
    interaction: discord.Interaction, question_id: str, choice: int | str, session: Session,
    shown: int,
) -> None:  # fmt: skip
    """Record the answer (an option's index or typed text) and show its result."""
    bot = bot_of(interaction)
    lang = language_of(interaction)
    assert interaction.guild_id is not None
    now = discord.utils.utcnow()
    db = bot.db
    if isinstance(choice, int):
        # The option's text is read from the question as stored now.
        found = await practice.practice_question(
            db, guild_id=interaction.guild_id, question_id=question_id
        )
        if found is None or not found.choices or not 0 <= choice < len(found.choices):
            await reply_private(interaction, text("practice.gone", lang))
            return
        given = found.choices[choice]
    else:
        given = choice
    result = await practice.record_practice(
        db,
        guild_id=interaction.guild_id,
        member_id=interaction.user.id,
        question_id=question_id,
        choice=given,
        at=now,
        shown_at=dt.datetime.fromtimestamp(shown, tz=dt.UTC),
    )
    if result is None:
        await reply_private(interaction, text("practice.gone", lang))
        return
    timezone = await guild_timezone(db, guild_id=interaction.guild_id)
    after = replace(session, right=session.right + int(result.correct and result.recorded))
    embeds = [
        answer_embed(
            result,
            given,
            number=session.number,
            count=session.count,
            now=now,
            timezone=timezone,
            lang=lang,
            root=bot.settings.content_dir,
        )
    ]
    following = replace(after, number=session.number + 1)
    view: discord.ui.View | None = None
    if following.number > following.count:
        embeds.append(await _summary(interaction, after, session.number, lang))
    else:
        view = discord.ui.View(timeout=None)
        view.add_item(PracticeNextButton(following, label=text("practice.next_button", lang)))
    await _send(interaction, edit=True, embeds=embeds, view=view)
