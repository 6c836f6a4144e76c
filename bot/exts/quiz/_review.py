"""``/quiz review``: the server's admins go through reported, held and misleading questions.

One question per page, privately: its prompt, choices, answer, source ``file:line``,
the members' reasons and comments and its statistics and flags. Buttons **Retire**,
**Keep** and **Skip** (or **Restore** in the list of retired questions) are
``DynamicItem``s carrying the list, the page and the question, so a click decides about
the question the admin saw, even after a restart. Each click checks Manage Server
again; the decisions themselves live in :mod:`bot.services.reviews`.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from typing import Any

import discord

from bot.core.model import QuestionKind
from bot.core.review import Decision
from bot.exts._common import NO_MENTIONS, PersistentButton, bot_of, reply_private
from bot.exts.quiz._render import (
    DESCRIPTION_LIMIT,
    FIELD_LIMIT,
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    choice_labels,
    clip,
    fit,
    source_file,
)
from bot.i18n import language_of, text
from bot.services import reviews

__all__ = ["RETIRED", "WAITING", "ReviewButton", "review_message"]

log = logging.getLogger(__name__)

#: The list of questions waiting for review, and the list of retired ones.
WAITING, RETIRED = "w", "r"
#: Discord's limit for a component's custom id.
CUSTOM_ID_LIMIT = 100

_ACTIONS = {"retire": Decision.RETIRE, "keep": Decision.KEEP, "restore": Decision.RESTORE}


class ReviewButton(
    PersistentButton,
    template=r"review:(?P<mode>[wr]):(?P<action>retire|keep|skip|restore):(?P<page>[0-9]+):(?P<qid>.+)",
):
    """Retire, Keep, Skip or Restore the question shown on a page of the review list."""

    def __init__(
        self, mode: str, action: str, page: int, question_id: str, *, label: str | None = None
    ) -> None:
        styles = {
            "retire": discord.ButtonStyle.danger,
            "keep": discord.ButtonStyle.success,
            "restore": discord.ButtonStyle.primary,
        }
        super().__init__(
            discord.ui.Button(
                label=label or action,
                style=styles.get(action, discord.ButtonStyle.secondary),
                custom_id=f"review:{mode}:{action}:{page}:{question_id}"[:CUSTOM_ID_LIMIT],
            )
        )
        self.mode, self.action, self.page, self.question_id = mode, action, page, question_id

    @classmethod
    def from_match(cls, match: re.Match[str], *, label: str | None) -> ReviewButton:
        """The clicked button of the review list."""
        return cls(match["mode"], match["action"], int(match["page"]), match["qid"], label=label)

    async def handle(self, interaction: discord.Interaction) -> None:
        """Store the decision (admins only) and show the list's next question."""
        lang = language_of(interaction)
        if interaction.guild_id is None or not interaction.permissions.manage_guild:
            await reply_private(interaction, text("error.manage_guild", lang))
            return
        bot = bot_of(interaction)
        page = self.page
        notice: str | None = None
        decision = _ACTIONS.get(self.action)
        if decision is not None:
            done = await reviews.decide(
                bot.db,
                guild_id=interaction.guild_id,
                question_id=self.question_id,
                decision=decision,
                member_id=interaction.user.id,
                at=discord.utils.utcnow(),
            )
            notice = text(f"review.done.{self.action}" if done else "review.done.nothing", lang)
        else:
            page += 1
        if self.mode == RETIRED:
            shown = await reviews.retired_questions(
                bot.db, guild_id=interaction.guild_id, page=page
            )
        else:
            shown = await reviews.review_queue(bot.db, guild_id=interaction.guild_id, page=page)
        if self.action == "skip" and page > shown.pages:
            shown = await _first_page(bot, interaction.guild_id, self.mode)
        content, embed, view = review_message(shown, self.mode, lang, bot.settings.content_dir)
        if notice:
            content = clip(f"{notice}\n{content}".strip(), MESSAGE_LIMIT)
        await interaction.response.edit_message(
            content=content, embed=embed, view=view, allowed_mentions=NO_MENTIONS
        )


async def _first_page(bot: Any, guild_id: int, mode: str) -> reviews.ReviewPage:
    if mode == RETIRED:
        return await reviews.retired_questions(bot.db, guild_id=guild_id, page=1)
    return await reviews.review_queue(bot.db, guild_id=guild_id, page=1)


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


def _stats_text(item: reviews.ReviewItem, lang: str) -> str:
    stats = item.stats
    lines = [
        text(
            "review.stats",
            lang,
            asked=stats.asked,
            answers=stats.answers,
            right=_percent(stats.share_right),
            discrimination="-" if stats.discrimination is None else f"{stats.discrimination:+.2f}",
        )
    ]
    question = item.question
    if stats.wrong_choices and question.choices:
        labels = dict(zip(question.choices, choice_labels(question), strict=True))
        shares = ", ".join(
            f"{labels.get(choice, choice)} {_percent(share)}"
            for choice, share in stats.wrong_choices.items()
        )
        lines.append(text("review.wrong_choices", lang, shares=shares))
    return "\n".join(lines)


def _embed(
    item: reviews.ReviewItem, page: reviews.ReviewPage, lang: str, root: Path | None
) -> discord.Embed:
    question = item.question
    lines = [question.prompt]
    if question.choices and question.kind is not QuestionKind.TRUE_FALSE:
        lines.append("")
        for label, choice in zip(choice_labels(question), question.choices, strict=True):
            mark = " ✅" if choice == question.answer else ""
            lines.append(f"**{label}.** {choice}{mark}")
    embed = discord.Embed(
        title=clip(text("review.title", lang, page=page.page, pages=page.pages), TITLE_LIMIT),
        description=clip("\n".join(lines), DESCRIPTION_LIMIT),
        colour=discord.Colour.red() if item.held or item.retired else discord.Colour.orange(),
    )
    embed.add_field(
        name=text("reveal.answer", lang), value=clip(question.answer, FIELD_LIMIT), inline=False
    )
    embed.add_field(
        name=text("reveal.source", lang),
        value=clip(
            f"{source_file(question.source.file, root)}:{question.source.line}", FIELD_LIMIT
        ),
        inline=False,
    )
    if item.retired:
        status = text("review.status.retired", lang)
    elif item.held:
        status = text("review.status.held", lang, count=len(item.reports))
    elif item.reports:
        status = text("review.status.reported", lang, count=len(item.reports))
    else:
        status = text("review.status.flagged", lang)
    flags = ", ".join(text(f"review.flag.{flag.value}", lang) for flag in sorted(item.flags))
    embed.add_field(
        name=text("review.status", lang),
        value=clip(f"{status}\n{flags}" if flags else status, FIELD_LIMIT),
        inline=False,
    )
    if item.reports:
        reasons = Counter(report.reason for report in item.reports)
        embed.add_field(
            name=text("review.reasons", lang),
            value=clip(
                ", ".join(
                    f"{text(f'report.reason.{reason.value}', lang)} ×{count}"
                    for reason, count in reasons.most_common()
                ),
                FIELD_LIMIT,
            ),
            inline=False,
        )
        comments = [
            f"- {discord.utils.escape_markdown(report.comment)}"
            for report in item.reports
            if report.comment
        ]
        if comments:
            embed.add_field(
                name=text("review.comments", lang),
                value=clip("\n".join(comments), FIELD_LIMIT),
                inline=False,
            )
    embed.add_field(
        name=text("review.statistics", lang),
        value=clip(_stats_text(item, lang), FIELD_LIMIT),
        inline=False,
    )
    return fit(embed)


def review_message(
    page: reviews.ReviewPage, mode: str, lang: str, root: Path | None = None
) -> tuple[str, discord.Embed | None, discord.ui.View | None]:
    """The content, embed and buttons of one page of the review list (or retired list)."""
    lines = []
    if page.changed:
        prompts = ", ".join(clip(changed.prompt, 80) for changed in page.changed[:5])
        lines.append(text("review.changed", lang, count=len(page.changed), prompts=prompts))
    if not page.items:
        lines.append(text("review.empty" if mode == WAITING else "review.none_retired", lang))
        return clip("\n".join(lines), MESSAGE_LIMIT), None, None
    lines.append(
        text("review.intro" if mode == WAITING else "review.intro_retired", lang, total=page.total)
    )
    (item,) = page.items[:1]
    view = discord.ui.View(timeout=None)
    actions = ("retire", "keep", "skip") if mode == WAITING else ("restore", "skip")
    for action in actions:
        view.add_item(
            ReviewButton(
                mode,
                action,
                page.page,
                item.question.id,
                label=text(f"review.button.{action}", lang),
            )
        )
    return clip("\n".join(lines), MESSAGE_LIMIT), _embed(item, page, lang, root), view
