"""Claim a scheduler tick's due slots as a batch, and record their messages in batches.

When many channels are due at once (a hosted bot with thousands of servers at 09:00),
claiming them one by one costs a dozen statements per channel before each post.
:func:`claim_slots` plans a whole batch with a fixed number of set-based statements:

1. the runs the batch's slots already have (posted, refused, or claimed by another
   process a moment ago), so a slot claimed before is never claimed again;
2. the live catalogue, once for the batch, and the questions each server of the batch
   holds back after reports or retired (:func:`~bot.db.queries.held_back_in`);
3. the reading scope of the guilds whose channels follow the reading, once per guild
   (:func:`~bot.services.reading.scope.scopes_in`);
4. what each channel asked and how it was answered, two grouped reads;
5. one ``INSERT … ON CONFLICT DO NOTHING RETURNING`` of every new run, keyed as ever by
   (channel, slot, seq): two processes claiming the same slot meet on that key and
   only the one whose row went in posts it;
6. the new runs with their questions, to post.

Each channel's question is chosen as :func:`~bot.services.runs.claim_run` chooses it
(never-asked questions first, then the most missed). :func:`set_messages` stores the
message ids of many posts with one statement.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, case, func, select, type_coerce, update

from bot.db.models import Answer, QuestionRow, QuizRun, UTCDateTime
from bot.db.queries import (
    DEFAULT_SOURCE,
    held_back_in,
    insert_for,
    run_select,
    run_view,
    sources_of,
)
from bot.db.session import Database
from bot.services.reading.scope import scopes_in
from bot.services.runs import _pick, _Usage
from bot.services.types import ChannelSchedule, RunStatus, RunView

__all__ = ["MessageRecord", "SlotClaim", "claim_slots", "set_messages"]

log = logging.getLogger(__name__)

#: How many channels' questions are chosen between two yields to the event loop.
PICKS_PER_YIELD = 20


@dataclass(frozen=True, slots=True)
class SlotClaim:
    """What claiming one channel's due slot gave.

    ``created`` are the runs this call claimed, to post now; a run of the slot that was
    there before (or that another process claimed first) is not among them. ``empty``
    says the channel's scope holds no question, so nothing was claimed.
    """

    schedule: ChannelSchedule
    slot: dt.datetime
    closes_at: dt.datetime
    created: list[RunView] = field(default_factory=list)
    empty: bool = False


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """The Discord message that shows a run, and when it was sent."""

    run_id: int
    message_id: int
    at: dt.datetime


def _in_scope(
    chapter: int | None,
    chapters: tuple[int, ...] | None,
    reached: tuple[int, ...] | None,
) -> bool:
    """Whether a live question of ``chapter`` belongs to a channel's scope.

    Mirrors the filters of :mod:`bot.services.runs`: an explicit list asks its chapters
    (empty: every chapter); the default scope asks the chapters reached, plus questions
    outside any chapter.
    """
    if chapters is not None:
        return not chapters or chapter in chapters
    return reached is None or chapter is None or chapter in reached


async def claim_slots(
    db: Database, due: Sequence[tuple[ChannelSchedule, dt.datetime]], *, now: dt.datetime
) -> list[SlotClaim]:
    """Claim every question of each (channel, slot) in ``due`` not claimed yet.

    Returns one :class:`SlotClaim` per entry, in order. The statements are the same few
    however many channels the batch holds (see the module's docstring).
    """
    if not due:
        return []
    entries = sorted(due, key=lambda entry: (entry[0].channel_id, entry[1]))
    guilds = sorted({cs.guild_id for cs, _ in entries})
    channels = sorted({cs.channel_id for cs, _ in entries})
    slots = sorted({slot for _, slot in entries})
    wanted = {(cs.channel_id, slot) for cs, slot in entries}
    existing: defaultdict[tuple[int, dt.datetime], dict[int, str]] = defaultdict(dict)
    async with db.read() as conn:
        found = await conn.execute(
            select(QuizRun.channel_id, QuizRun.slot, QuizRun.seq, QuizRun.question_id).where(
                QuizRun.guild_id.in_(guilds),
                QuizRun.channel_id.in_(channels),
                QuizRun.slot.in_(slots),
            )
        )
        for channel_id, slot, seq, question_id in found:
            if (channel_id, slot) in wanted:
                existing[(channel_id, slot)][seq] = question_id
        missing = [
            (cs, slot)
            for cs, slot in entries
            if any(seq not in existing[(cs.channel_id, slot)] for seq in _seqs(cs))
        ]
        if not missing:
            return [_claim(cs, slot) for cs, slot in due]
        plan = await _Plan.read(conn, missing)
    values: list[dict[str, Any]] = []
    empty: set[tuple[int, dt.datetime]] = set()
    for index, (cs, slot) in enumerate(missing):
        if index and index % PICKS_PER_YIELD == 0:
            await asyncio.sleep(0)  # let clicks through while a large batch is chosen
        key = (cs.channel_id, slot)
        picked = plan.pick(cs, slot, existing[key])
        if picked is None:
            empty.add(key)
            continue
        values.extend(
            {
                "guild_id": cs.guild_id,
                "channel_id": cs.channel_id,
                "slot": slot,
                "seq": seq,
                "question_id": question_id,
                "opened_at": now,
                "closes_at": slot + cs.schedule.window,
                "status": RunStatus.OPEN.value,
            }
            for seq, question_id in picked
        )
    created: defaultdict[tuple[int, dt.datetime], list[RunView]] = defaultdict(list)
    if values:
        # Rows in key order, so two processes claiming the same slots lock in the same
        # order and one waits for the other instead of deadlocking.
        values.sort(key=lambda v: (v["channel_id"], v["slot"], v["seq"]))
        async with db.write() as conn:
            # executemany: compiled once and cached, sent as multi-row statements.
            inserted = await conn.execute(
                insert_for(db.dialect, QuizRun)
                .on_conflict_do_nothing(index_elements=["channel_id", "slot", "seq"])
                .returning(QuizRun.id),
                values,
            )
            ids = sorted(run_id for (run_id,) in inserted)
            if ids:
                rows = await conn.execute(
                    run_select()
                    .where(QuizRun.guild_id.in_(guilds), QuizRun.id.in_(ids))
                    .order_by(QuizRun.channel_id, QuizRun.seq)
                )
                for row in rows.mappings():
                    run = run_view(row)
                    created[(run.channel_id, run.slot)].append(run)
        log.info("claimed %d runs for %d channels", len(ids), len(missing))
    for key in empty:
        log.warning("channel %s has no question left in its scope", key[0])
    return [
        _claim(
            cs,
            slot,
            created=created.get((cs.channel_id, slot), []),
            empty=(cs.channel_id, slot) in empty,
        )
        for cs, slot in due
    ]


def _seqs(cs: ChannelSchedule) -> range:
    return range(max(cs.questions_per_run, 1))


def _claim(
    cs: ChannelSchedule,
    slot: dt.datetime,
    *,
    created: list[RunView] | None = None,
    empty: bool = False,
) -> SlotClaim:
    return SlotClaim(
        schedule=cs,
        slot=slot,
        closes_at=slot + cs.schedule.window,
        created=created or [],
        empty=empty,
    )


@dataclass(slots=True)
class _Plan:
    """What a batch's questions are chosen from, read once for the whole batch."""

    #: Every live question: its chapter, its place in the notes, its score, its notes.
    catalogue: dict[str, tuple[int | None, tuple[str, int], float, str]]
    #: The chapters reached, per guild of a channel that follows the reading.
    reached: dict[int, tuple[int, ...] | None]
    #: What each channel asked and how it was answered.
    usage: dict[int, dict[str, _Usage]]
    #: The questions each guild holds back or retired: never chosen there.
    withheld: dict[int, frozenset[str]]
    #: The notes of each guild that chose its own (others read ``DEFAULT_SOURCE``).
    sources: dict[int, str] = field(default_factory=dict)
    #: The candidates (places and scores) of each scope met so far: channels share them.
    scopes: dict[Any, tuple[dict[str, tuple[str, int]], dict[str, float]]] = field(
        default_factory=dict
    )

    @classmethod
    async def read(cls, conn: Any, due: Sequence[tuple[ChannelSchedule, dt.datetime]]) -> _Plan:
        guilds = sorted({cs.guild_id for cs, _ in due})
        channels = sorted({cs.channel_id for cs, _ in due})
        rows = await conn.execute(
            select(
                QuestionRow.id,
                QuestionRow.chapter,
                QuestionRow.source_file,
                QuestionRow.source_line,
                QuestionRow.score,
                QuestionRow.source,
            ).where(QuestionRow.retired_at.is_(None))
        )
        catalogue = {
            qid: (chapter, (file, line), score, source)
            for qid, chapter, file, line, score, source in rows
        }
        sources: dict[int, str] = dict((await conn.execute(sources_of(guilds))).all())
        withheld_pairs: defaultdict[int, set[str]] = defaultdict(set)
        for guild_id, qid in await conn.execute(held_back_in(guilds)):
            withheld_pairs[guild_id].add(qid)
        withheld = {guild: frozenset(qids) for guild, qids in withheld_pairs.items()}
        following = {cs.guild_id for cs, _ in due if cs.chapters is None}
        scopes = await scopes_in(conn, guild_ids=following, sources=sources)
        reached = {guild: scope.chapters for guild, scope in scopes.items()}
        usage: dict[int, dict[str, _Usage]] = defaultdict(dict)
        in_batch = (QuizRun.guild_id.in_(guilds), QuizRun.channel_id.in_(channels))
        asked = await conn.execute(
            select(
                QuizRun.channel_id,
                QuizRun.question_id,
                func.count(),
                # An aggregate loses the column type; keep it so SQLite returns datetimes.
                type_coerce(func.max(QuizRun.slot), UTCDateTime()),
            )
            .where(*in_batch)
            .group_by(QuizRun.channel_id, QuizRun.question_id)
        )
        for channel_id, qid, count, last in asked:
            usage[channel_id][qid] = _Usage(asked=count, last_asked=last)
        answered = await conn.execute(
            select(
                QuizRun.channel_id,
                QuizRun.question_id,
                func.count(),
                func.sum(case((Answer.correct, 1), else_=0)),
            )
            .join_from(Answer, QuizRun, Answer.run_id == QuizRun.id)
            .where(Answer.guild_id.in_(guilds), *in_batch)
            .group_by(QuizRun.channel_id, QuizRun.question_id)
        )
        for channel_id, qid, count, right in answered:
            entry = usage[channel_id].setdefault(qid, _Usage())
            entry.answered, entry.correct = count, int(right or 0)
        return cls(catalogue, reached, usage, withheld, sources)

    def pick(
        self, cs: ChannelSchedule, slot: dt.datetime, taken: dict[int, str]
    ) -> list[tuple[int, str]] | None:
        """The (seq, question) of each run of the slot not claimed yet; ``None``: no question.

        ``taken`` are the slot's runs already claimed (seq → question): their questions
        are not asked twice in one slot while others remain.
        """
        candidates, quality = self._candidates(cs)
        if not candidates:
            return None
        usage = self.usage.setdefault(cs.channel_id, {})
        same_slot = set(taken.values())
        picked: list[tuple[int, str]] = []
        for seq in _seqs(cs):
            if seq in taken:
                continue
            qid = _pick(cs.channel_id, candidates, usage, same_slot, quality)
            picked.append((seq, qid))
            # The next seq sees this one asked, as a claim after this one's would.
            entry = usage.setdefault(qid, _Usage())
            entry.asked += 1
            entry.last_asked = max(entry.last_asked or slot, slot)
            same_slot.add(qid)
        return picked

    def _candidates(
        self, cs: ChannelSchedule
    ) -> tuple[dict[str, tuple[str, int]], dict[str, float]]:
        reached = self.reached.get(cs.guild_id) if cs.chapters is None else None
        # Servers that hold nothing back share their scopes' candidates.
        withheld = self.withheld.get(cs.guild_id, frozenset())
        notes = self.sources.get(cs.guild_id, DEFAULT_SOURCE)
        key = (cs.chapters, reached, withheld, notes)
        known = self.scopes.get(key)
        if known is not None:
            return known
        candidates: dict[str, tuple[str, int]] = {}
        quality: dict[str, float] = {}
        for qid, (chapter, place, score, source) in self.catalogue.items():
            if source == notes and qid not in withheld and _in_scope(chapter, cs.chapters, reached):
                candidates[qid] = place
                quality[qid] = score
        self.scopes[key] = (candidates, quality)
        return candidates, quality


async def set_messages(db: Database, records: Sequence[MessageRecord]) -> None:
    """Remember the messages of many posted runs with one statement.

    As :func:`~bot.services.runs.set_message`: the speed bonus counts from ``at``.
    """
    if not records:
        return
    table = QuizRun.__table__
    c = table.c
    async with db.write() as conn:
        await conn.execute(
            update(table)
            .where(c.id == bindparam("b_run"))
            .values(message_id=bindparam("b_message"), posted_at=bindparam("b_at")),
            [
                {"b_run": r.run_id, "b_message": r.message_id, "b_at": r.at}
                for r in sorted(records, key=lambda r: r.run_id)
            ],
        )
