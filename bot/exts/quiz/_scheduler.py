"""The background task that posts scheduled quizzes and closes them, driven by the database.

Every wake-up ("tick") reads the schedules and open runs from the database, closes
the runs whose time has passed, posts each channel's due slot (also a slot missed
while the bot was down, as long as its answer window is still open), and then
sleeps until the next slot or close. A slot at or before the moment the schedule
was set up or resumed is never posted. Storage's unique claim per (channel, slot,
seq) makes posting idempotent, so a restart never posts a slot twice. Changing a
schedule pokes the task so it re-plans at once. The process only handles guilds
of its own shards.

Many channels due at once are claimed in batches of :data:`CLAIM_BATCH` with a few
statements per batch (:func:`bot.services.claims.claim_slots`) and posted
concurrently at Discord's pace (:mod:`bot.exts._fanout`); their message ids are
stored a few dozen at a time. The next batch is claimed only when the last one is
nearly posted, so a claim is posted seconds after it is made and another process
never mistakes it for a crash's orphan. A channel Discord refuses fails alone.
Long reads and plans yield to the event loop every few hundred rows, and the cycle
collector leaves the objects from before the burst alone while it runs, so clicks
are answered throughout.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import TYPE_CHECKING

import discord

from bot.core.model import Source
from bot.core.schedule import due_slot, next_slot
from bot.core.sources import blob_link
from bot.exts._common import NO_MENTIONS
from bot.exts._fanout import FanOut, Recorder, pacer_for, still_heap
from bot.exts._scheduling import (
    MAX_SLEEP,
    ORPHAN_AFTER,
    RETRY_AFTER,
    DatabaseScheduler,
    messageable,
)
from bot.exts.quiz._render import milestone_messages, question_embed, reveal_embed
from bot.exts.quiz._views import closed_view, quiz_view
from bot.services import claims, runs, schedules, sources
from bot.services.claims import MessageRecord
from bot.services.types import ChannelSchedule, RunStatus, RunView

if TYPE_CHECKING:
    from bot.client import QuizBot

__all__ = ["NowResult", "QuizScheduler"]

log = logging.getLogger(__name__)

#: How many due channels are claimed together, with one batch of statements.
CLAIM_BATCH = 100
#: How many channels' next slots are worked out between two yields to the event loop.
PLANS_PER_YIELD = 500


class NowResult(StrEnum):
    """What ``/quiz now`` did: posted, refused by Discord, or nothing (one was just posted)."""

    POSTED = "posted"
    REFUSED = "refused"
    JUST_POSTED = "just_posted"


class QuizScheduler(DatabaseScheduler):
    """Posts and closes quiz runs at the right instants; one per bot process."""

    name = "quiz-scheduler"

    def __init__(self, bot: QuizBot) -> None:
        super().__init__(bot)
        self._recorder: Recorder[MessageRecord] | None = None
        self._burst: FanOut | None = None

    # ---------------------------------------------------------------- work

    async def plan(self, now: dt.datetime) -> dt.datetime:
        """Close what is over, post what is due; returns when to look again."""
        db = self.bot.db
        channels = [
            cs for cs in await schedules.list_schedules(db) if self.bot.owns_guild(cs.guild_id)
        ]
        by_channel = {cs.channel_id: cs for cs in channels}
        wake_at = now + MAX_SLEEP
        orphans: list[RunView] = []
        for run in await runs.open_runs(db):
            if run.channel_id not in by_channel:
                continue  # another shard's guild, or a terminal game's run
            if run.closes_at <= now:
                try:
                    await self.close(run, now)
                except Exception:
                    # One broken run must not hold up every other channel.
                    log.exception("closing run %s failed; retrying later", run.id)
                    wake_at = min(wake_at, now + RETRY_AFTER)
                continue
            wake_at = min(wake_at, run.closes_at)
            if run.message_id is None:
                # Claimed but never posted: a crash between the two, or another
                # process posting right now. Give that one a minute, then post.
                if now - run.opened_at >= ORPHAN_AFTER:
                    orphans.append(run)
                else:
                    wake_at = min(wake_at, run.opened_at + ORPHAN_AFTER)
        due: list[tuple[ChannelSchedule, dt.datetime]] = []
        for index, cs in enumerate(channels):
            if index % PLANS_PER_YIELD == PLANS_PER_YIELD - 1:
                await asyncio.sleep(0)  # thousands of channels: let clicks through
            if cs.paused:
                continue
            slot = due_slot(cs.schedule, now, since=cs.active_since)
            if slot is not None:
                due.append((cs, slot))
            wake_at = min(wake_at, next_slot(cs.schedule, now))
        records = self._records()
        fan = self._burst = FanOut(pacer_for(self.bot), on_done=records.check)
        try:
            if orphans or due:
                with still_heap():
                    wake_at = min(
                        wake_at, await self._burst_out(fan, orphans, due, by_channel, now)
                    )
        finally:
            self._burst = None
            records.check()
        return wake_at

    async def _burst_out(
        self,
        fan: FanOut,
        orphans: list[RunView],
        due: list[tuple[ChannelSchedule, dt.datetime]],
        by_channel: dict[int, ChannelSchedule],
        now: dt.datetime,
    ) -> dt.datetime:
        """Post the orphans and claim and post the due slots, concurrently; when to look
        again for them (a refused post is tried again a minute later)."""
        began = time.monotonic()
        wake_at = now + MAX_SLEEP
        refused: list[int] = []  # the runs Discord refused (the burst keeps no tasks)
        async with asyncio.TaskGroup() as group:
            for run in orphans:
                cs = by_channel.get(run.channel_id)
                group.create_task(self._fan(fan, self.post_orphan, run, cs, refused))
            for start in range(0, len(due), CLAIM_BATCH):
                # Claim the next batch only when this one is nearly out: a claim is
                # posted within seconds, so no process takes it for an orphan.
                await fan.room(CLAIM_BATCH // 2)
                batch = due[start : start + CLAIM_BATCH]
                at = now + dt.timedelta(seconds=time.monotonic() - began)
                try:
                    claimed = await claims.claim_slots(self.bot.db, batch, now=at)
                except Exception:
                    log.exception("claiming %d channels failed; retrying later", len(batch))
                    wake_at = min(wake_at, now + RETRY_AFTER)
                    continue
                for claim in claimed:
                    if claim.closes_at > now:
                        wake_at = min(wake_at, claim.closes_at)
                    for run in claim.created:
                        if run.status is RunStatus.OPEN:
                            group.create_task(
                                self._fan(fan, self.post, run, claim.schedule, refused)
                            )
        if refused:
            wake_at = min(wake_at, now + RETRY_AFTER)
        return wake_at

    async def _fan(
        self,
        fan: FanOut,
        post: Callable[[RunView, ChannelSchedule | None], Awaitable[discord.Message | None]],
        run: RunView,
        cs: ChannelSchedule | None,
        refused: list[int],
    ) -> None:
        """One post of a burst; a failure is logged, noted in ``refused``, and fails only
        this channel."""
        try:
            message = await fan.run(lambda: post(run, cs))
        except Exception:
            log.exception("posting run %s in channel %s failed; retrying", run.id, run.channel_id)
            message = None
        if message is None:
            refused.append(run.id)

    async def post_now(self, cs: ChannelSchedule, now: dt.datetime) -> tuple[NowResult, RunView]:
        """Post a run at once (``/quiz now``) unless the channel's last one was claimed
        moments ago (:data:`~bot.services.runs.JUST_POSTED`): then nothing is posted and
        that run is returned. A run Discord refused is posted again a minute after its
        claim. Raises ``NoQuestions`` when the scope is empty."""
        async with self._lock:
            run, created = await runs.claim_now(
                self.bot.db, guild_id=cs.guild_id, channel_id=cs.channel_id, now=now
            )
            if not created:
                # Posted, being posted by another process, or refused and retried soon.
                return NowResult.JUST_POSTED, run
            posted = await self.post(run, cs) is not None
        self.poke()
        return (NowResult.POSTED if posted else NowResult.REFUSED), run

    async def post_orphan(self, run: RunView, cs: ChannelSchedule | None) -> discord.Message | None:
        """Post a run claimed but never recorded as posted, unless it reached the channel.

        A process killed right after sending left no record of the message: the bot's
        own message with this run's buttons in the channel's recent history is taken as
        the post instead of sending a second copy.
        """
        found = await self.find_posted(run)
        if found is None:
            return await self.post(run, cs)
        await runs.set_message(self.bot.db, run_id=run.id, message_id=found.id, at=found.created_at)
        log.info("run %s was posted before a restart: message %s", run.id, found.id)
        return found

    async def find_posted(self, run: RunView) -> discord.Message | None:
        """The bot's own message carrying ``run``'s buttons, among the channel's recent ones."""
        return await self.find_own(
            f"run {run.id}",
            guild_id=run.guild_id,
            channel_id=run.channel_id,
            after=run.opened_at,
            prefix=f"quiz:{run.id}:",
        )

    async def post(self, run: RunView, cs: ChannelSchedule | None) -> discord.Message | None:
        """Send the quiz message of ``run`` and remember its id; ``None`` when Discord refused.

        Sending and remembering finish together even when the bot stops meanwhile.
        """
        return await self.finish(self._post(run, cs))

    async def _post(self, run: RunView, cs: ChannelSchedule | None) -> discord.Message | None:
        timezone = cs.schedule.timezone if cs is not None else "UTC"
        message = await self.send(
            f"run {run.id}",
            guild_id=run.guild_id,
            channel_id=run.channel_id,
            embed=question_embed(run, timezone),
            view=quiz_view(run),
            allowed_mentions=NO_MENTIONS,
        )
        if message is None:
            return None
        await self._records().record(MessageRecord(run.id, message.id, message.created_at))
        log.info(
            "posted run %s (question %s) in channel %s", run.id, run.question.id, run.channel_id
        )
        return message

    def _records(self) -> Recorder[MessageRecord]:
        """Where posts leave their message ids, stored a few dozen at a time."""
        if self._recorder is None:
            db = self.bot.db
            self._recorder = Recorder(
                lambda batch: claims.set_messages(db, batch),
                expected=lambda: self._burst.under_way if self._burst is not None else 0,
            )
        return self._recorder

    async def channel_gone(self, *, guild_id: int, channel_id: int) -> None:
        """Pause the deleted channel's quizzes so no question is claimed for it every day."""
        await schedules.set_paused(
            self.bot.db, guild_id=guild_id, channel_id=channel_id, paused=True
        )

    async def close(self, run: RunView, now: dt.datetime) -> None:
        """Close ``run`` once: edit its message with the reveal and post streak milestones.

        Closing and revealing finish together even when the bot stops meanwhile.
        """
        await self.finish(self._close(run, now))

    async def _source_link(self, guild_id: int, source: Source) -> str | None:
        """The web page of ``source``'s line when the server reads a repository on a
        known host (GitHub, GitLab, Codeberg, Gitea), at the commit in use."""
        choice = await sources.notes_choice(self.bot.db, guild_id=guild_id)
        if choice.kind != sources.GIT or not choice.url or not choice.commit:
            return None
        return blob_link(choice.url, choice.commit, source.file, source.line)

    async def _close(self, run: RunView, now: dt.datetime) -> None:
        reveal = await runs.close_run(self.bot.db, run_id=run.id, at=now)
        if reveal is None:
            return  # someone else closed it
        configured = await schedules.get_schedule(
            self.bot.db, guild_id=run.guild_id, channel_id=run.channel_id
        )
        timezone = configured.schedule.timezone if configured is not None else "UTC"
        channel = self._channel(run)
        if run.message_id is not None:
            try:
                await channel.get_partial_message(run.message_id).edit(
                    embed=reveal_embed(
                        reveal,
                        timezone,
                        self.bot.settings.content_dir,
                        await self._source_link(run.guild_id, reveal.source),
                    ),
                    view=closed_view(run, reveal.answer),
                    allowed_mentions=NO_MENTIONS,
                )
            except discord.HTTPException as exc:
                log.warning("could not edit the message of run %s: %s", run.id, exc)
        for content in milestone_messages(reveal):
            try:
                await channel.send(content, allowed_mentions=NO_MENTIONS)
            except discord.HTTPException as exc:
                log.warning("could not post milestones of run %s: %s", run.id, exc)
        log.info("closed run %s in channel %s", run.id, run.channel_id)

    def _channel(self, run: RunView) -> discord.abc.Messageable:
        return messageable(self.bot, run.channel_id, run.guild_id)
