"""Click path: button clicks as INTERACTION_CREATE payloads through discord.py to the cog."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from pathlib import Path
from typing import Any

import discord
from discord.http import Route
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

from bench.common import Result, VirtualClock, median, now, pct, run_in_tmp
from bot.bank import load_bank
from bot.chat.client import TriviaBot
from bot.chat.trivia.games import StartOptions, service_of
from bot.config import Settings
from bot.engine.model import Player
from bot.startup import freeze_startup_objects
from bot.store import open_store

FULL = {"clicks": 1000, "repeats": 5}
#: a burst not answered within this many seconds is a failure, not a figure
TIMEOUT = 60.0
QUICK = {"clicks": 20, "repeats": 2}
APP_ID = 900_000_000_000_000_001
BOT_USER = {"id": str(APP_ID), "username": "trivia", "discriminator": "0", "avatar": None,
            "global_name": None, "bot": True}  # fmt: skip
TIMESTAMP = "2026-03-18T12:00:00.000000+00:00"
#: the member permissions a click carries (view channel, send messages, ...)
MEMBER_PERMISSIONS = "2248473465835073"
_ids = itertools.count(1_300_000_000_000_000_000)


class Recorder(AsyncWebhookAdapter):
    """Stands in for Discord: records each REST call and its time, returns a canned answer."""

    def __init__(self) -> None:
        super().__init__()
        #: interaction id -> (perf_counter when its response was sent, the response body)
        self.responses: dict[int, tuple[float, dict[str, Any]]] = {}
        self.messages: list[tuple[str, str, dict[str, Any]]] = []
        self.done = asyncio.Event()
        self.expected = 0

    async def request(self, route: Route, session: Any = None, **kwargs: Any) -> Any:
        """An interaction callback (the webhook adapter's path): record it, acknowledge."""
        at = now()
        iid = int(route.webhook_id or 0)  # type: ignore[attr-defined]
        body = kwargs.get("payload") or {}
        self.responses[iid] = (at, body)
        if len(self.responses) >= self.expected:
            self.done.set()
        return {"interaction": {"id": str(iid), "type": 3, "response_message_loading": False,
                                "response_message_ephemeral": True}}  # fmt: skip

    async def http(self, route: Route, **kwargs: Any) -> Any:
        """Every other REST call (bot.http.request): messages get a plausible message back."""
        body = kwargs.get("json") or {}
        self.messages.append((route.method, route.path, body))
        channel_id = int(route.channel_id or 0)  # type: ignore[attr-defined]
        message_id = int(getattr(route, "message_id", 0) or 0) or next(_ids)
        if "/messages" in route.path:
            return message_payload(message_id, channel_id, body.get("components") or [])
        return {}


def message_payload(message_id: int, channel_id: int, components: list[Any]) -> dict[str, Any]:
    """A bot message as Discord returns it (and as it comes inside a click)."""
    return {
        "id": str(message_id), "channel_id": str(channel_id), "type": 0, "content": "",
        "author": BOT_USER, "embeds": [], "components": components, "attachments": [],
        "mentions": [], "mention_roles": [], "pinned": False, "mention_everyone": False,
        "tts": False, "timestamp": TIMESTAMP, "edited_timestamp": None, "flags": 0,
    }  # fmt: skip


def click_payload(
    guild_id: int, channel_id: int, user_id: int, custom_id: str, message: dict[str, Any]
) -> dict[str, Any]:
    """An INTERACTION_CREATE for a button click, with the fields Discord sends."""
    iid = next(_ids)
    return {
        "id": str(iid),
        "application_id": str(APP_ID),
        "type": 3,
        "data": {"custom_id": custom_id, "component_type": 2},
        "guild_id": str(guild_id),
        "guild": {"id": str(guild_id), "locale": "en-US", "features": []},
        "channel_id": str(channel_id),
        "channel": {"id": str(channel_id), "type": 0, "guild_id": str(guild_id),
                    "name": "trivia", "position": 0, "permission_overwrites": [],
                    "nsfw": False, "parent_id": None, "rate_limit_per_user": 0, "flags": 0},
        "member": {
            "user": {"id": str(user_id), "username": f"fan{user_id % 100_000}",
                     "discriminator": "0", "avatar": None, "global_name": f"Fan {user_id}"},
            "nick": None, "avatar": None, "roles": [], "joined_at": TIMESTAMP, "deaf": False,
            "mute": False, "flags": 0, "pending": False, "permissions": MEMBER_PERMISSIONS,
        },
        "token": f"interaction-token-{iid}",
        "version": 1,
        "message": message,
        "app_permissions": MEMBER_PERMISSIONS,
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(guild_id)},
        "context": 0,
        "attachment_size_limit": 10 * 1024 * 1024,
    }  # fmt: skip


class FloorButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"floor:(?P<n>\d+)"):
    """The reference: a button that does nothing but answer (discord.py's own cost)."""

    def __init__(self, n: int) -> None:
        super().__init__(discord.ui.Button(label="floor", custom_id=f"floor:{n}"))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FloorButton:
        """Rebuild from the clicked custom_id."""
        return cls(int(match["n"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Answer privately, like the real button."""
        await interaction.response.send_message("ok", ephemeral=True)


async def _burst(bot: TriviaBot, rec: Recorder, payloads: list[dict[str, Any]]) -> list[float]:
    """Feed every payload to discord.py at once; each click's arrival-to-response time."""
    rec.responses.clear()
    rec.done.clear()
    rec.expected = len(payloads)
    arrived: dict[int, float] = {}
    parse = bot._connection.parse_interaction_create
    for data in payloads:
        arrived[int(data["id"])] = now()
        parse(data)  # type: ignore[arg-type]
    await asyncio.wait_for(rec.done.wait(), TIMEOUT)
    return [rec.responses[i][0] - t for i, t in arrived.items()]


async def _start_game(bot: TriviaBot, rec: Recorder, guild_id: int, channel_id: int) -> tuple:
    """Start a real choice game through the cog's service; the question message it posted."""
    service = service_of(bot)
    starter = Player(guild_id * 10, "starter")
    options = StartOptions(mode="choice", questions=5, seconds=120)
    prepared = await service.prepare(guild_id, channel_id, starter, options)
    channel = bot.get_partial_messageable(channel_id, guild_id=guild_id)
    sent = len(rec.messages)
    runner = service.launch(prepared, channel)
    for _ in range(1000):
        if len(rec.messages) > sent:
            break
        await asyncio.sleep(0)
    method, path, body = rec.messages[sent]
    assert method == "POST" and path.endswith("/messages"), path
    message = message_payload(next(_ids), channel_id, body.get("components") or [])
    return prepared.game_id, runner, message


async def _run(size: dict[str, int], folder: Path) -> Result:
    result = Result("click path", size=dict(size))
    clicks, repeats = size["clicks"], size["repeats"]
    rec = Recorder()
    token = async_context.set(rec)
    store = await open_store(folder / "clicks.sqlite3")
    root = Path(__file__).resolve().parent.parent
    bank = load_bank([root / "questions"])
    bot = TriviaBot(Settings(), store=store, bank=bank, extensions=())
    clock = VirtualClock()
    bot.clock, bot.sleep = clock, clock.sleep
    bot.http.request = rec.http  # type: ignore[method-assign]
    bot._connection.application_id = APP_ID
    # what READY would have told the client: who the bot is
    bot._connection.user = discord.ClientUser(state=bot._connection, data=BOT_USER)  # type: ignore[arg-type]
    real: list[float] = []
    floor: list[float] = []
    real_rate: list[float] = []
    floor_rate: list[float] = []
    answered_ok = True
    try:
        await bot.load_extension("bot.chat.trivia")
        bot.add_dynamic_items(FloorButton)
        # what `trivia-bot run` does once it is set up
        freeze_startup_objects()
        for r in range(repeats):
            guild_id, channel_id = 5000 + r, 7000 + r
            game_id, runner, message = await _start_game(bot, rec, guild_id, channel_id)
            users = [guild_id * 1_000_000 + i for i in range(clicks)]
            # the reference burst first, on the same message, then the real one
            # Discord only sends clicks on buttons that are on the message: the floor's
            # message is the question's, its four buttons renamed floor:0..3
            floor_message = json.loads(
                re.sub(r"trivia:[0-9]+:[0-9]+:([0-3])", r"floor:\1", json.dumps(message))
            )
            payloads = [click_payload(guild_id, channel_id, u, f"floor:{n % 4}", floor_message)
                        for n, u in enumerate(users)]  # fmt: skip
            t = now()
            floor += await _burst(bot, rec, payloads)
            floor_rate.append(clicks / (now() - t))
            payloads = [click_payload(guild_id, channel_id, u, f"trivia:{game_id}:1:{n % 4}",
                                      message) for n, u in enumerate(users)]  # fmt: skip
            t = now()
            real += await _burst(bot, rec, payloads)
            real_rate.append(clicks / (now() - t))
            # every click must have been taken by the game (the starter has not answered)
            answered_ok &= len(runner.game.players) == clicks + 1
        await service_of(bot).shutdown()
    finally:
        await bot.close()
        await store.close()
        async_context.reset(token)
    if not answered_ok:
        result.notes.append("not every click was recorded by the game: check the handler")
    p50, p99 = pct(real, 0.5) * 1000, pct(real, 0.99) * 1000
    result.add(f"clicks handled/s ({clicks} at once)", median(real_rate), "clicks/s",
               reference=f"median of {repeats} bursts")  # fmt: skip
    result.add("arrival -> response sent, p50", p50, "ms")
    result.add("arrival -> response sent, p99", p99, "ms", goal="< 100 ms", met=p99 < 100)
    result.add("floor: bare discord.py button, clicks/s", median(floor_rate), "clicks/s",
               reference="same payloads, same run")  # fmt: skip
    result.add("floor: arrival -> response, p50", pct(floor, 0.5) * 1000, "ms")
    result.add("floor: arrival -> response, p99", pct(floor, 0.99) * 1000, "ms")
    result.add("all clicks taken by the game", float(answered_ok), "bool")
    return result


def run(quick: bool = False) -> Result:
    """Measure the click path."""
    size = QUICK if quick else FULL
    return run_in_tmp("bench-clicks-", lambda tmp: _run(size, tmp))
