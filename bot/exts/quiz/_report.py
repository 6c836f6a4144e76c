"""The "🚩 Report" button and its form: members say a question is wrong, unclear …

The button is a ``DynamicItem`` carrying the run id, shown under the reveal and under
the private "locked in" reply. It opens a form with a reason (a select) and an
optional comment; the form's custom id carries the run as well, so a form submitted
after a restart is still stored (see :func:`late_report`). One report per member and
question, a second updates it; the member is thanked privately and told what happens
next. The rules live in :mod:`bot.services.reviews`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from bot.core.review import COMMENT_MAX, ReportReason
from bot.exts._common import PersistentButton, bot_of, reply_private, report_failure
from bot.i18n import language_of, text
from bot.services import reviews, runs

__all__ = [
    "REPORT_FORM",
    "ReportButton",
    "ReportModal",
    "late_report",
    "report_view",
    "submit_report",
]

log = logging.getLogger(__name__)

#: The report form's custom id: the run it reports.
REPORT_FORM = re.compile(r"quiz:(?P<run>[0-9]+):reportform")


class ReportButton(PersistentButton, template=r"quiz:(?P<run>[0-9]+):report"):
    """The "🚩 Report" button of one run (under the reveal and the "locked in" reply)."""

    def __init__(self, run_id: int, *, label: str | None = None, row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label or "Report",
                emoji="🚩",
                style=discord.ButtonStyle.secondary,
                custom_id=f"quiz:{run_id}:report",
                row=row,
            )
        )
        self.run_id = run_id

    @classmethod
    def from_match(cls, match: re.Match[str], *, label: str | None) -> ReportButton:
        """The Report button of the clicked run."""
        return cls(int(match["run"]), label=label)

    async def handle(self, interaction: discord.Interaction) -> None:
        """Open the report form, or say privately that the quiz is not this server's."""
        lang = language_of(interaction)
        run = await runs.get_run(bot_of(interaction).db, run_id=self.run_id)
        if run is None or run.guild_id != interaction.guild_id:
            await reply_private(interaction, text("answer.unknown", lang))
            return
        await interaction.response.send_modal(ReportModal(run.id, lang))


def report_view(run_id: int, lang: str) -> discord.ui.View:
    """A view holding only the Report button (for the private "locked in" reply)."""
    view = discord.ui.View(timeout=None)
    view.add_item(ReportButton(run_id, label=text("report.button", lang)))
    return view


class ReportModal(discord.ui.Modal):
    """The report form: a reason and an optional comment."""

    def __init__(self, run_id: int, lang: str) -> None:
        super().__init__(
            title=text("report.title", lang), timeout=600, custom_id=f"quiz:{run_id}:reportform"
        )
        self.run_id = run_id
        self.reason: discord.ui.Select[ReportModal] = discord.ui.Select(
            custom_id="reason",
            options=[
                discord.SelectOption(
                    label=text(f"report.reason.{reason.value}", lang), value=reason
                )
                for reason in ReportReason
            ],
            min_values=1,
            max_values=1,
            required=True,
        )
        self.comment: discord.ui.TextInput[ReportModal] = discord.ui.TextInput(
            custom_id="comment",
            style=discord.TextStyle.paragraph,
            max_length=COMMENT_MAX,
            required=False,
        )
        self.add_item(
            discord.ui.Label(text=text("report.reason_label", lang), component=self.reason)
        )
        self.add_item(
            discord.ui.Label(text=text("report.comment_label", lang), component=self.comment)
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Store the report (or update the member's earlier one)."""
        reason = self.reason.values[0] if self.reason.values else ""
        await submit_report(interaction, self.run_id, reason, self.comment.value)

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:
        """A failed submission still gets a private answer."""
        await report_failure(interaction, error)


def _submitted(data: Any) -> tuple[str, str] | None:
    """The reason and comment of a report form's submission data, if it has a reason."""
    stack = list(data.get("components", [])) if isinstance(data, dict) else []
    reason: str | None = None
    comment = ""
    while stack:
        component = stack.pop(0)
        if not isinstance(component, dict):
            continue
        if component.get("custom_id") == "reason" and component.get("values"):
            reason = str(component["values"][0])
        if component.get("custom_id") == "comment" and isinstance(component.get("value"), str):
            comment = component["value"]
        stack.extend(component.get("components", []))
        if isinstance(component.get("component"), dict):  # a field inside a label
            stack.append(component["component"])
    return (reason, comment) if reason is not None else None


async def late_report(interaction: discord.Interaction) -> bool:
    """Store a report whose form this process never opened (a restart since).

    ``False`` when the submission is not a report form.
    """
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    match = REPORT_FORM.fullmatch(str(data.get("custom_id", "")))
    if match is None:
        return False
    reason, comment = _submitted(data) or ("", "")
    await submit_report(interaction, int(match["run"]), reason, comment)
    return True


async def submit_report(
    interaction: discord.Interaction, run_id: int, reason: str, comment: str | None
) -> None:
    """Store the member's report of the run's question and thank them privately.

    A missing reason, a comment over :data:`COMMENT_MAX` characters or a quiz of
    another server is answered privately and stores nothing.
    """
    await interaction.response.defer(ephemeral=True, thinking=True)
    lang = language_of(interaction)
    bot = bot_of(interaction)
    try:
        chosen = ReportReason(reason)
    except ValueError:
        await reply_private(interaction, text("report.no_reason", lang))
        return
    given = (comment or "").strip()
    if len(given) > COMMENT_MAX:
        await reply_private(
            interaction, text("report.too_long", lang, limit=COMMENT_MAX, length=len(given))
        )
        return
    if interaction.guild_id is None:
        await reply_private(interaction, text("answer.unknown", lang))
        return
    threshold = bot.settings.reports_to_hold
    outcome = await reviews.report_question(
        bot.db,
        guild_id=interaction.guild_id,
        member_id=interaction.user.id,
        run_id=run_id,
        reason=chosen,
        comment=given or None,
        at=discord.utils.utcnow(),
        threshold=threshold,
    )
    if outcome is None:
        await reply_private(interaction, text("answer.unknown", lang))
        return
    lines = [text("report.updated" if outcome.updated else "report.thanks", lang)]
    if outcome.held:
        lines.append(text("report.held", lang))
    else:
        lines.append(text("report.next", lang, threshold=threshold))
    await reply_private(interaction, "\n".join(lines))
