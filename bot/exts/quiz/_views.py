"""The quiz buttons and the typed-answer modal.

The buttons are ``DynamicItem``s: their ``custom_id`` carries the run id (and the
choice index), and the bot registers them in ``setup_hook``, so a click works on
any quiz message, even one posted before a restart. Whether a run still takes
answers is asked of the database, never of memory. Answers are acknowledged
privately (ephemeral) and never reveal whether they were right before the close.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.core.model import QuestionKind
from bot.exts._common import PersistentButton, bot_of, reply_private, report_failure
from bot.exts.quiz._render import BUTTON_LABEL_LIMIT, choice_labels, clip, local_time
from bot.exts.quiz._report import ReportButton, report_view
from bot.i18n import language_of, text
from bot.services import runs, schedules
from bot.services.types import AnswerStatus, RunStatus, RunView

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = [
    "ANSWER_FORM",
    "AnswerModal",
    "ChoiceButton",
    "TypedAnswerButton",
    "answer_field",
    "closed_view",
    "quiz_view",
    "record_and_reply",
    "submit_typed_answer",
    "submitted_answer",
]

log = logging.getLogger(__name__)

#: Discord's own limit for a text input: an accepted answer from a card may be a long sentence.
ANSWER_MAX_LENGTH = 4000


class ChoiceButton(PersistentButton, template=r"quiz:(?P<run>[0-9]+):(?P<choice>[0-9]+)"):
    """A multiple-choice or true/false answer button of one run."""

    def __init__(
        self,
        run_id: int,
        choice: int,
        *,
        label: str | None = None,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or str(choice + 1),
                style=style,
                custom_id=f"quiz:{run_id}:{choice}",
                disabled=disabled,
            )
        )
        self.run_id = run_id
        self.choice = choice

    @classmethod
    def from_match(cls, match: re.Match[str], *, label: str | None) -> ChoiceButton:
        """The button of the clicked run and choice."""
        return cls(int(match["run"]), int(match["choice"]), label=label)

    async def handle(self, interaction: discord.Interaction) -> None:
        """Record the chosen option as the member's answer."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        run = await runs.get_run(bot_of(interaction).db, run_id=self.run_id)
        choices = run.question.choices if run is not None else None
        if run is None or not choices or not 0 <= self.choice < len(choices):
            await reply_private(interaction, text("answer.unknown", language_of(interaction)))
            return
        await record_and_reply(interaction, run, choices[self.choice])


class TypedAnswerButton(PersistentButton, template=r"quiz:(?P<run>[0-9]+):type"):
    """The "Answer" button of a typed-answer run; it opens a fresh modal every time."""

    def __init__(self, run_id: int, *, label: str | None = None, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or "Answer",
                style=discord.ButtonStyle.primary,
                custom_id=f"quiz:{run_id}:type",
                disabled=disabled,
            )
        )
        self.run_id = run_id

    @classmethod
    def from_match(cls, match: re.Match[str], *, label: str | None) -> TypedAnswerButton:
        """The Answer button of the clicked run."""
        return cls(int(match["run"]), label=label)

    async def handle(self, interaction: discord.Interaction) -> None:
        """Open the answer modal, or say why the run takes no answer."""
        lang = language_of(interaction)
        run = await runs.get_run(bot_of(interaction).db, run_id=self.run_id)
        if run is None:
            await reply_private(interaction, text("answer.unknown", lang))
            return
        if run.status is not RunStatus.OPEN:
            await reply_private(interaction, text("answer.closed", lang))
            return
        await interaction.response.send_modal(AnswerModal(run.id, lang))


#: The answer form's custom id carries its run, so a form submitted after a restart (or
#: after the form's ten minutes) is still recorded: see :func:`submit_typed_answer`.
ANSWER_FORM = re.compile(r"quiz:(?P<run>[0-9]+):answer")


def answer_field(lang: str) -> discord.ui.TextInput[Any]:
    """The one text field of an answer form, read back by its ``answer`` id."""
    return discord.ui.TextInput(
        label=text("run.modal_label", lang),
        custom_id="answer",
        max_length=ANSWER_MAX_LENGTH,
        required=True,
    )


class AnswerModal(discord.ui.Modal):
    """One text field for a typed answer; submitting records it."""

    def __init__(self, run_id: int, lang: str) -> None:
        super().__init__(
            title=text("run.modal_title", lang), timeout=600, custom_id=f"quiz:{run_id}:answer"
        )
        self.run_id = run_id
        self.answer = answer_field(lang)
        self.add_item(self.answer)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Record the typed answer (matching happens in the service)."""
        await submit_typed_answer(interaction, self.run_id, self.answer.value)

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:
        """A failed submission still gets a private answer."""
        await report_failure(interaction, error)


async def submit_typed_answer(interaction: discord.Interaction, run_id: int, value: str) -> None:
    """Record a typed answer to ``run_id`` and answer privately (the form's submission)."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    lang = language_of(interaction)
    given = value.strip()
    if not given:
        await reply_private(interaction, text("answer.empty", lang))
        return
    run = await runs.get_run(bot_of(interaction).db, run_id=run_id)
    if run is None:
        await reply_private(interaction, text("answer.unknown", lang))
        return
    await record_and_reply(interaction, run, given)


def submitted_answer(data: Any) -> str | None:
    """The value of the ``answer`` field in a form submission's data, if it has one."""
    stack = list(data.get("components", [])) if isinstance(data, dict) else []
    while stack:
        component = stack.pop(0)
        if not isinstance(component, dict):
            continue
        if component.get("custom_id") == "answer" and isinstance(component.get("value"), str):
            return component["value"]
        stack.extend(component.get("components", []))
        if isinstance(component.get("component"), dict):  # a field inside a label
            stack.append(component["component"])
    return None


def _shown_choice(run: RunView, choice: str) -> str:
    question = run.question
    if question.choices and question.kind is not QuestionKind.TRUE_FALSE:
        labels = choice_labels(question)
        for label, option in zip(labels, question.choices, strict=True):
            if option == choice:
                return clip(f"{label}. {choice}", 300)
    return clip(discord.utils.escape_markdown(choice), 300)


async def record_and_reply(interaction: discord.Interaction, run: RunView, choice: str) -> None:
    """Record ``choice`` for the clicking member and answer privately (already deferred)."""
    bot = bot_of(interaction)
    lang = language_of(interaction)
    user = interaction.user
    if run.guild_id != interaction.guild_id:
        # A button carries only a run id: one of another server's quizzes is not answered
        # from here, whatever client sent it.
        await reply_private(interaction, text("answer.unknown", lang))
        return
    result = await runs.record_answer(
        bot.db,
        run_id=run.id,
        member_id=user.id,
        display_name=user.display_name,
        choice=choice,
        at=discord.utils.utcnow(),
    )
    view: discord.ui.View | None = None
    if result.status in (AnswerStatus.CORRECT, AnswerStatus.WRONG, AnswerStatus.ALREADY_ANSWERED):
        # A member who doubts the question can say so already while the quiz is open.
        view = report_view(run.id, lang)
    if result.status in (AnswerStatus.CORRECT, AnswerStatus.WRONG):
        timezone = await channel_timezone(bot, run)
        message = text(
            "answer.locked",
            lang,
            choice=_shown_choice(run, choice),
            time=local_time(run.closes_at, timezone),
            timezone=timezone,
        )
    elif result.status is AnswerStatus.ALREADY_ANSWERED:
        message = text("answer.already", lang, choice=_shown_choice(run, result.choice or ""))
    elif result.status is AnswerStatus.CLOSED:
        message = text("answer.closed", lang)
    else:
        message = text("answer.unknown", lang)
    await reply_private(interaction, message, view=view)


async def channel_timezone(bot: QuizBot, run: RunView) -> str:
    """The time zone of the run's channel schedule (UTC when the schedule is gone)."""
    configured = await schedules.get_schedule(
        bot.db, guild_id=run.guild_id, channel_id=run.channel_id
    )
    return configured.schedule.timezone if configured is not None else "UTC"


def _buttons(run: RunView, *, disabled: bool, answer: str | None) -> list[discord.ui.Item[Any]]:
    question = run.question
    lang = question.language
    if not question.choices:
        return [TypedAnswerButton(run.id, label=text("run.answer_button", lang), disabled=disabled)]
    items: list[discord.ui.Item[Any]] = []
    for index, (label, choice) in enumerate(
        zip(choice_labels(question), question.choices, strict=True)
    ):
        style = discord.ButtonStyle.primary
        if answer is not None:
            style = (
                discord.ButtonStyle.success if choice == answer else discord.ButtonStyle.secondary
            )
        items.append(
            ChoiceButton(
                run.id,
                index,
                label=clip(label, BUTTON_LABEL_LIMIT),
                style=style,
                disabled=disabled,
            )
        )
    return items


def quiz_view(run: RunView) -> discord.ui.View:
    """The buttons under a posted quiz: one per choice, or one "Answer" button."""
    view = discord.ui.View(timeout=None)
    for item in _buttons(run, disabled=False, answer=None):
        view.add_item(item)
    return view


def closed_view(run: RunView, answer: str) -> discord.ui.View:
    """The same buttons, disabled, with the right one in green, and "🚩 Report" below."""
    view = discord.ui.View(timeout=None)
    for item in _buttons(run, disabled=False, answer=answer):
        # A DynamicItem only wraps the real button: disable the wrapped one.
        item.item.disabled = True  # type: ignore[attr-defined]
        view.add_item(item)
    lang = run.question.language
    view.add_item(ReportButton(run.id, label=text("report.button", lang), row=4))
    return view
