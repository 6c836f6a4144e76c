"""Buttons and error replies driven by real ``discord.Interaction`` objects (beyond simcord).

simcord refuses to click a disabled button and to invoke a command that was never
synced, so these cases use a real interaction built from a gateway payload, with
discord.py's webhook adapter replaced by one that records each HTTP call (and
fails like Discord does on a second acknowledgement).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

from bot.client import QuizBot
from bot.config import Settings
from bot.core.content import load_library
from bot.core.schedule import Schedule
from bot.db import Database
from bot.exts import _common
from bot.exts.leaderboard._views import LeaderboardButton
from bot.exts.quiz._views import ChoiceButton, TypedAnswerButton, record_and_reply
from bot.exts.reading._views import CheckinButton, ProgressButton
from bot.services import catalogue, reading, runs, schedules, stats
from bot.services.types import RunView

GUILD, CHANNEL, MEMBER, APP = 20, 30, 40, 50
NOW = dt.datetime(2026, 1, 5, 1, tzinfo=dt.UTC)
EPHEMERAL = 64


class _Response:
    status = 404
    reason = "Not Found"


class RecordingAdapter(AsyncWebhookAdapter):
    """Records interaction callbacks and followups; a second callback fails like Discord."""

    def __init__(self, *, fail_first_callback: bool = False) -> None:
        super().__init__()
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.fail_first_callback = fail_first_callback
        self._acknowledged: set[int] = set()
        self._next_id = 1000

    async def request(self, route: Any, session: Any, **kwargs: Any) -> Any:
        payload = kwargs.get("payload") or {}
        kind = "callback" if route.path.endswith("/callback") else "followup"
        self.calls.append((route.method, kind, payload))
        if kind == "callback":
            if self.fail_first_callback:
                self.fail_first_callback = False
                raise discord.NotFound(
                    _Response(), {"code": 10062, "message": "Unknown interaction"}
                )  # type: ignore[arg-type]
            if route.webhook_id in self._acknowledged:
                raise discord.HTTPException(
                    _Response(),  # type: ignore[arg-type]
                    {"code": 40060, "message": "Interaction has already been acknowledged."},
                )
            self._acknowledged.add(route.webhook_id)
            return {"interaction": {"id": str(route.webhook_id), "type": payload.get("type")}}
        self._next_id += 1
        return {
            "id": str(self._next_id),
            "channel_id": str(CHANNEL),
            "type": 0,
            "content": payload.get("content") or "",
            "author": {"id": str(APP), "username": "quizbot", "discriminator": "0", "avatar": None},
            "attachments": [],
            "embeds": payload.get("embeds") or [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "timestamp": NOW.isoformat(),
            "edited_timestamp": None,
            "flags": payload.get("flags", 0),
        }

    def messages(self) -> list[tuple[str, int]]:
        """(content, flags) of every message the member was sent."""
        shown = []
        for _method, kind, payload in self.calls:
            body = payload.get("data", payload) if kind == "callback" else payload
            if body.get("content"):
                shown.append((body["content"], body.get("flags", 0)))
        return shown


@pytest.fixture
def adapter() -> Iterator[RecordingAdapter]:
    """discord.py's interaction HTTP calls go to a recorder for the test."""
    recorder = RecordingAdapter()
    token = async_context.set(recorder)
    yield recorder
    async_context.reset(token)


def interaction_payload(kind: int, data: dict[str, Any], *, interaction_id: int = 1) -> Any:
    return {
        "id": str(interaction_id),
        "application_id": str(APP),
        "type": kind,
        "token": f"token-{interaction_id}",
        "version": 1,
        "data": data,
        "channel_id": str(CHANNEL),
        "channel": {
            "id": str(CHANNEL),
            "type": 0,
            "guild_id": str(GUILD),
            "name": "quiz",
            "position": 0,
            "permission_overwrites": [],
        },
        "guild_id": str(GUILD),
        "member": {
            "user": {"id": str(MEMBER), "username": "alice", "discriminator": "0", "avatar": None},
            "roles": [],
            "joined_at": "2025-01-01T00:00:00+00:00",
            "permissions": "0",
            "deaf": False,
            "mute": False,
            "flags": 0,
        },
        "locale": "en-US",
        "attachment_size_limit": 26214400,
        "entitlements": [],
        "authorizing_integration_owners": {},
        "context": 0,
    }


@pytest.fixture
async def bot(tmp_path: Path, content_dir_path: Path) -> Any:
    """A QuizBot (not connected) on a database holding the test notes' questions."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'units.db'}",
        content_dir=content_dir_path,
    )
    db = Database.from_url(settings.database_url)
    await db.upgrade()
    library = load_library([content_dir_path])
    await catalogue.sync_catalogue(db, library.questions)
    await schedules.configure_channel(
        db, guild_id=GUILD, channel_id=CHANNEL, schedule=Schedule(dt.time(10), "Asia/Seoul")
    )
    client = QuizBot(settings, db=db)
    state = client._connection
    state.user = discord.ClientUser(
        state=state,
        data={"id": str(APP), "username": "quizbot", "discriminator": "0", "avatar": None},
    )
    yield client
    await db.dispose()


async def closed_run(bot: QuizBot) -> RunView:
    run, _created = await runs.claim_run(
        bot.db, guild_id=GUILD, channel_id=CHANNEL, slot=NOW, now=NOW
    )
    assert await runs.close_run(bot.db, run_id=run.id, at=NOW + dt.timedelta(hours=13))
    return run


async def test_a_click_on_a_closed_run_gets_a_private_closed_reply(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """Clicking a choice of a closed run (an old client, a race) says it closed, privately, once."""
    run = await closed_run(bot)
    interaction = discord.Interaction(
        data=interaction_payload(3, {"custom_id": f"quiz:{run.id}:0", "component_type": 2}),
        state=bot._connection,
    )
    await ChoiceButton(run.id, 0).callback(interaction)
    callbacks = [call for call in adapter.calls if call[1] == "callback"]
    assert len(callbacks) == 1  # deferred once, never acknowledged twice
    assert callbacks[0][2]["data"]["flags"] & EPHEMERAL
    assert adapter.messages() == [("This quiz has closed; answers are no longer taken.", EPHEMERAL)]


async def test_a_click_on_an_unknown_run_says_it_no_longer_exists(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """A button of a run that is gone gets a clear private answer instead of silence."""
    interaction = discord.Interaction(
        data=interaction_payload(3, {"custom_id": "quiz:999:1", "component_type": 2}),
        state=bot._connection,
    )
    await ChoiceButton(999, 1).callback(interaction)
    assert adapter.messages() == [("This quiz no longer exists.", EPHEMERAL)]


async def test_a_button_of_another_server_s_quiz_is_refused(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """An answer carrying the run id of another server's quiz is refused and stores nothing."""
    other_guild, other_channel = GUILD + 1, CHANNEL + 1
    await schedules.configure_channel(
        bot.db,
        guild_id=other_guild,
        channel_id=other_channel,
        schedule=Schedule(dt.time(10), "Asia/Seoul"),
    )
    run, _ = await runs.claim_run(
        bot.db, guild_id=other_guild, channel_id=other_channel, slot=NOW, now=NOW
    )
    interaction = discord.Interaction(
        data=interaction_payload(3, {"custom_id": f"quiz:{run.id}:0", "component_type": 2}),
        state=bot._connection,
    )
    await interaction.response.defer(ephemeral=True, thinking=True)
    await record_and_reply(interaction, run, run.question.answer)
    assert adapter.messages() == [("This quiz no longer exists.", EPHEMERAL)]
    reveal = await runs.close_run(bot.db, run_id=run.id, at=NOW + dt.timedelta(hours=13))
    assert reveal is not None
    assert reveal.correct == reveal.wrong == []


async def test_the_answer_button_of_a_closed_run_opens_no_modal(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """The typed-answer button of a closed run answers privately instead of opening a modal."""
    run = await closed_run(bot)
    interaction = discord.Interaction(
        data=interaction_payload(3, {"custom_id": f"quiz:{run.id}:type", "component_type": 2}),
        state=bot._connection,
    )
    await TypedAnswerButton(run.id).callback(interaction)
    (call,) = adapter.calls
    assert call[2]["type"] == discord.InteractionResponseType.channel_message.value
    assert adapter.messages() == [("This quiz has closed; answers are no longer taken.", EPHEMERAL)]


async def test_an_unknown_command_gets_a_private_answer(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """A command the bot no longer knows (stale client) gets a private pointer to /help."""
    interaction = discord.Interaction(
        data=interaction_payload(2, {"id": "77", "name": "gone", "type": 1}), state=bot._connection
    )
    await bot.tree.on_error(interaction, app_commands.CommandNotFound("gone", []))
    (message,) = adapter.messages()
    assert "/help" in message[0]
    assert message[1] & EPHEMERAL


async def test_a_failed_first_response_falls_back_to_a_followup(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """When the first reply fails (expired interaction), the error still reaches the member."""
    adapter.fail_first_callback = True
    interaction = discord.Interaction(
        data=interaction_payload(2, {"id": "78", "name": "quiz", "type": 1}), state=bot._connection
    )

    async def broken(interaction: discord.Interaction) -> None:
        raise RuntimeError("boom")

    command = app_commands.Command(name="broken", description="fails", callback=broken)
    error = app_commands.CommandInvokeError(command, RuntimeError("boom"))
    await bot.tree.on_error(interaction, error)
    kinds = [kind for _method, kind, _payload in adapter.calls]
    assert kinds == ["callback", "followup"]
    assert adapter.messages()[-1][0].startswith("Something went wrong")


async def test_errors_after_a_deferral_use_a_followup(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """An error after the command deferred is sent as a private followup, not a second reply."""
    interaction = discord.Interaction(
        data=interaction_payload(2, {"id": "79", "name": "quiz", "type": 1}), state=bot._connection
    )
    await interaction.response.defer(ephemeral=True, thinking=True)
    await bot.tree.on_error(interaction, app_commands.MissingPermissions(["manage_guild"]))
    kinds = [kind for _method, kind, _payload in adapter.calls]
    assert kinds == ["callback", "followup"]
    assert "Manage Server" in adapter.messages()[-1][0]


async def test_a_failing_click_still_gets_a_private_answer(
    bot: QuizBot, adapter: RecordingAdapter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When storage fails during a click, the member is told privately instead of silence."""

    async def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(runs, "get_run", broken)
    interaction = discord.Interaction(
        data=interaction_payload(3, {"custom_id": "quiz:1:0", "component_type": 2}),
        state=bot._connection,
    )
    await ChoiceButton(1, 0).callback(interaction)
    kinds = [kind for _method, kind, _payload in adapter.calls]
    assert kinds == ["callback", "followup"]  # deferred, then one private followup
    (message,) = adapter.messages()
    assert message[0].startswith("Something went wrong")
    assert message[1] & EPHEMERAL


async def test_a_korean_client_gets_korean_replies(bot: QuizBot, adapter: RecordingAdapter) -> None:
    """Replies follow the member's Discord language: Korean for a Korean client."""
    payload = interaction_payload(3, {"custom_id": "quiz:999:0", "component_type": 2})
    payload["locale"] = "ko"
    await ChoiceButton(999, 0).callback(discord.Interaction(data=payload, state=bot._connection))
    assert adapter.messages() == [("이 퀴즈는 더 이상 없어요.", EPHEMERAL)]


async def test_quick_public_answers_are_sent_at_once_and_slow_ones_deferred_first(
    bot: QuizBot, adapter: RecordingAdapter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A public answer is sent directly when ready in time; slower work is acknowledged
    ("thinking…") before Discord's 3 seconds run out, then completed."""

    async def quick() -> dict[str, Any]:
        return {"content": "board", "view": None}

    async def slow() -> dict[str, Any]:
        await asyncio.sleep(0.05)
        return {"content": "slow board"}

    first = discord.Interaction(
        data=interaction_payload(2, {"id": "80", "name": "progress", "type": 1}, interaction_id=2),
        state=bot._connection,
    )
    await _common.answer_publicly(first, quick())
    (call,) = adapter.calls
    assert call[2]["type"] == discord.InteractionResponseType.channel_message.value
    assert adapter.messages() == [("board", 0)]  # public, and no "view": None sent

    monkeypatch.setattr(_common, "DEFER_AFTER", 0.01)
    second = discord.Interaction(
        data=interaction_payload(2, {"id": "81", "name": "progress", "type": 1}, interaction_id=3),
        state=bot._connection,
    )
    await _common.answer_publicly(second, slow())
    kinds = [(kind, payload.get("type")) for _method, kind, payload in adapter.calls[1:]]
    assert kinds == [
        ("callback", discord.InteractionResponseType.deferred_channel_message.value),
        ("followup", None),
    ]
    assert adapter.messages()[-1] == ("slow board", 0)


@pytest.mark.parametrize(
    ("custom_id", "module", "attribute"),
    [
        ("quiz:1:type", runs, "get_run"),
        ("lb:all:points:2:next", stats, "leaderboard"),
        ("reading:1:done", reading, "checkin"),
        ("progress:2:next", reading, "board"),
    ],
)
async def test_every_kind_of_button_answers_privately_when_it_fails(
    bot: QuizBot,
    adapter: RecordingAdapter,
    monkeypatch: pytest.MonkeyPatch,
    custom_id: str,
    module: Any,
    attribute: str,
) -> None:
    """Answer, paging and check-in buttons all tell the member privately when storage fails."""

    async def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(module, attribute, broken)
    interaction = discord.Interaction(
        data=interaction_payload(3, {"custom_id": custom_id, "component_type": 2}),
        state=bot._connection,
    )
    item = discord.ui.Button(label="x", custom_id=custom_id)
    button_classes = (
        TypedAnswerButton,
        LeaderboardButton,
        CheckinButton,
        ProgressButton,
    )
    (cls,) = [c for c in button_classes if c.__discord_ui_compiled_template__.fullmatch(custom_id)]
    match = cls.__discord_ui_compiled_template__.fullmatch(custom_id)
    assert match is not None
    button = await cls.from_custom_id(interaction, item, match)
    await button.callback(interaction)
    (message,) = adapter.messages()
    assert message[0].startswith("Something went wrong")
    assert message[1] & EPHEMERAL


async def test_a_button_no_handler_knows_gets_a_private_no_longer_active(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """A click on an unknown button or a stale form is answered privately, never silence."""
    click = discord.Interaction(
        data=interaction_payload(3, {"custom_id": "old-bot:thing", "component_type": 2}),
        state=bot._connection,
    )
    await bot.on_interaction(click)
    form = discord.Interaction(
        data=interaction_payload(
            5, {"custom_id": "answer-form-of-a-gone-process", "components": []}, interaction_id=2
        ),
        state=bot._connection,
    )
    await bot.on_interaction(form)
    stale = "This button or form is no longer active."
    assert adapter.messages() == [(stale, EPHEMERAL), (stale, EPHEMERAL)]


async def test_a_known_button_is_left_to_its_handler(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """A click on a quiz button (a registered dynamic item) gets no second answer."""
    bot.add_dynamic_items(ChoiceButton)
    interaction = discord.Interaction(
        data=interaction_payload(3, {"custom_id": "quiz:999:1", "component_type": 2}),
        state=bot._connection,
    )
    await bot.on_interaction(interaction)
    assert adapter.messages() == []


async def test_a_reload_from_an_empty_folder_keeps_every_question(
    bot: QuizBot, tmp_path: Path
) -> None:
    """Pointing the bot at a wrong content folder keeps the pool and says so."""
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    before = await runs.question_pool(bot.db, guild_id=GUILD, channel_id=CHANNEL)
    await bot.reload_content()
    chapters_before = await reading.list_chapters(bot.db, guild_id=GUILD)
    assert chapters_before
    bot.settings = bot.settings.model_copy(update={"content_dir": empty})
    _library, change = await bot.reload_content()
    assert change.kept
    assert await reading.list_chapters(bot.db, guild_id=GUILD) == chapters_before
    after = await runs.question_pool(bot.db, guild_id=GUILD, channel_id=CHANNEL)
    assert after.total == before.total > 0


async def test_a_typed_answer_submitted_after_a_restart_is_recorded(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """A form this process never opened (it restarted) still records the typed answer."""
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    run, _ = await runs.claim_run(bot.db, guild_id=GUILD, channel_id=CHANNEL, slot=now, now=now)
    form = discord.Interaction(
        data=interaction_payload(
            5,
            {
                "custom_id": f"quiz:{run.id}:answer",
                "components": [
                    {
                        "type": 1,
                        "components": [
                            {"type": 4, "custom_id": "answer", "value": run.question.answer}
                        ],
                    }
                ],
            },
        ),
        state=bot._connection,
    )
    await bot.on_interaction(form)
    ((reply, flags),) = adapter.messages()
    assert reply.startswith("Locked in")
    assert flags & EPHEMERAL
    reveal = await runs.close_run(bot.db, run_id=run.id, at=run.closes_at)
    assert reveal is not None
    assert [entry.member_id for entry in reveal.correct] == [MEMBER]


async def test_a_late_form_of_a_closed_quiz_says_it_closed(
    bot: QuizBot, adapter: RecordingAdapter
) -> None:
    """A form submitted after its quiz closed gets the private "closed" reply, not silence."""
    run = await closed_run(bot)
    form = discord.Interaction(
        data=interaction_payload(
            5,
            {
                "custom_id": f"quiz:{run.id}:answer",
                "components": [
                    {"type": 18, "component": {"type": 4, "custom_id": "answer", "value": "x"}}
                ],
            },
        ),
        state=bot._connection,
    )
    await bot.on_interaction(form)
    assert adapter.messages() == [("This quiz has closed; answers are no longer taken.", EPHEMERAL)]
