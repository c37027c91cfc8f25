"""A lean stand-in for Discord, run in its own process: gateway, the REST calls a game makes,
and a control route that sends a burst of clicks and times each one to its response.

``python -m bench.standin`` prints its port on stdout once listening. The bot connects to it as
to Discord (``Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` pointed here): HELLO,
IDENTIFY → READY and one GUILD_CREATE per guild, compressed the way the bot asks (zlib-stream,
or zstd-stream when discord.py has zstandard). ``POST /bench/burst`` with a list of
INTERACTION_CREATE payloads sends them all as gateway frames, stamping each one just before it
goes out, and answers once every interaction's callback POST has arrived, with each click's
time from its frame leaving to its callback arriving, measured on this process's clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import sys
import time
import zlib
from typing import Any

from aiohttp import web

APP_ID = 900_000_000_000_000_001
TOKEN = "bench-token"
BOT_USER = {"id": str(APP_ID), "username": "trivia", "discriminator": "0", "avatar": None,
            "global_name": None, "bot": True}  # fmt: skip
TIMESTAMP = "2026-03-18T12:00:00.000000+00:00"
PERMISSIONS = "2248473465835073"
HELLO, HEARTBEAT, IDENTIFY, HEARTBEAT_ACK = 10, 1, 2, 11
_ids = itertools.count(1_400_000_000_000_000_000)


def message(message_id: int, channel_id: int, body: dict[str, Any]) -> dict[str, Any]:
    """A bot message as Discord returns it."""
    return {
        "id": str(message_id), "channel_id": str(channel_id), "type": 0,
        "content": body.get("content") or "", "author": BOT_USER,
        "embeds": body.get("embeds") or [], "components": body.get("components") or [],
        "attachments": [], "mentions": [], "mention_roles": [], "pinned": False,
        "mention_everyone": False, "tts": False, "timestamp": TIMESTAMP,
        "edited_timestamp": None, "flags": 0,
    }  # fmt: skip


def guild(guild_id: int, channels: int, roles: int) -> dict[str, Any]:
    """A GUILD_CREATE payload: text channels, roles, and the bot as its only member."""
    role_list = [
        {"id": str(guild_id if r == 0 else guild_id + 1000 + r),
         "name": "@everyone" if r == 0 else f"role {r}", "color": 0, "hoist": False,
         "position": r, "permissions": PERMISSIONS, "managed": False, "mentionable": False,
         "flags": 0}
        for r in range(roles)
    ]  # fmt: skip
    channel_list = [
        {"id": str(guild_id + 2000 + c), "type": 0, "guild_id": str(guild_id),
         "name": f"channel-{c}", "position": c, "parent_id": None, "topic": None,
         "permission_overwrites": [
             {"id": role_list[1 + c % max(1, roles - 1)]["id"] if roles > 1 else str(guild_id),
              "type": 0, "allow": "1024", "deny": "0"}],
         "nsfw": False, "rate_limit_per_user": 0, "last_message_id": None, "flags": 0}
        for c in range(channels)
    ]  # fmt: skip
    return {
        "id": str(guild_id), "name": f"Guild {guild_id}", "icon": None, "owner_id": "1",
        "afk_timeout": 300, "verification_level": 0, "default_message_notifications": 0,
        "explicit_content_filter": 0, "features": [], "mfa_level": 0, "system_channel_flags": 0,
        "premium_tier": 0, "preferred_locale": "en-US", "nsfw_level": 0, "unavailable": False,
        "member_count": 2, "large": False, "joined_at": TIMESTAMP, "emojis": [], "stickers": [],
        "roles": role_list, "channels": channel_list, "threads": [], "voice_states": [],
        "presences": [], "stage_instances": [], "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "members": [{"user": BOT_USER, "roles": [], "joined_at": TIMESTAMP, "deaf": False,
                     "mute": False, "flags": 0}],
    }  # fmt: skip


def _json(data: Any) -> web.Response:
    """A JSON response with the bare content type discord.py checks for."""
    headers = {"Content-Type": "application/json"}
    return web.Response(body=json.dumps(data).encode(), headers=headers)


class Compressor:
    """The gateway's transport compression: one stream per connection, flushed per message."""

    def __init__(self, kind: str | None) -> None:
        self.kind = kind
        if kind == "zstd-stream":
            import zstandard

            self._zstd = zstandard
            self._obj: Any = zstandard.ZstdCompressor().compressobj()
        elif kind == "zlib-stream":
            self._obj = zlib.compressobj()

    def __call__(self, text: str) -> bytes | str:
        if self.kind == "zstd-stream":
            data = text.encode()
            return self._obj.compress(data) + self._obj.flush(  # type: ignore[no-any-return]
                self._zstd.COMPRESSOBJ_FLUSH_BLOCK
            )
        if self.kind == "zlib-stream":
            return self._obj.compress(text.encode()) + self._obj.flush(zlib.Z_SYNC_FLUSH)  # type: ignore[no-any-return]
        return text


class StandIn:
    """The server: one bot connection at a time, its guilds, and the bursts' timings."""

    def __init__(self) -> None:
        self.port = 0
        self.ws: web.WebSocketResponse | None = None
        self.compress = Compressor(None)
        self.seq = 0
        self.guilds: list[dict[str, Any]] = []
        #: interaction id -> perf_counter when its frame was sent / its callback arrived
        self.sent: dict[int, float] = {}
        self.answered: dict[int, float] = {}
        self.expected: set[int] = set()
        self.all_answered = asyncio.Event()
        self.messages: list[dict[str, Any]] = []
        self.callbacks = 0
        self.loaded: list[dict[str, Any]] = []

    def app(self) -> web.Application:
        app = web.Application(client_max_size=256 * 1024 * 1024)
        r = app.router
        r.add_get("/gw", self.gateway)
        r.add_get("/api/v10/gateway", self.gateway_url)
        r.add_get("/api/v10/gateway/bot", self.gateway_url)
        r.add_get("/api/v10/users/@me", self.me)
        r.add_get("/api/v10/oauth2/applications/@me", self.app_info)
        r.add_put("/api/v10/applications/{app}/commands", self.commands)
        r.add_put("/api/v10/applications/{app}/guilds/{g}/commands", self.commands)
        r.add_post("/api/v10/channels/{channel}/messages", self.create_message)
        r.add_patch("/api/v10/channels/{channel}/messages/{mid}", self.edit_message)
        r.add_post("/api/v10/interactions/{iid}/{token}/callback", self.callback)
        r.add_post("/bench/guilds", self.set_guilds)
        r.add_post("/bench/load", self.load)
        r.add_post("/bench/fire", self.burst)
        r.add_get("/bench/messages", self.sent_messages)
        r.add_route("*", "/{tail:.*}", self.anything)
        return app

    async def me(self, request: web.Request) -> web.Response:
        return _json(BOT_USER)

    async def app_info(self, request: web.Request) -> web.Response:
        owner = {"id": "1", "username": "owner", "discriminator": "0", "avatar": None}
        return _json({"id": str(APP_ID), "name": "trivia", "icon": None, "description": "",
                      "rpc_origins": [], "bot_public": True, "bot_require_code_grant": False,
                      "owner": owner, "team": None, "verify_key": "0" * 64, "flags": 0,
                      "summary": "", "tags": [], "redirect_uris": []})  # fmt: skip

    async def sent_messages(self, request: web.Request) -> web.Response:
        return _json(self.messages)

    async def anything(self, request: web.Request) -> web.Response:
        await request.read()
        return _json({})

    async def gateway_url(self, request: web.Request) -> web.Response:
        return _json({"url": f"ws://127.0.0.1:{self.port}/gw", "shards": 1,
                                  "session_start_limit": {"total": 1000, "remaining": 1000,
                                                          "reset_after": 0,
                                                          "max_concurrency": 1}})  # fmt: skip

    async def commands(self, request: web.Request) -> web.Response:
        body = await request.json()
        return _json([
            {**c, "id": str(next(_ids)), "application_id": str(APP_ID), "version": "1"}
            for c in body
        ])  # fmt: skip

    async def create_message(self, request: web.Request) -> web.Response:
        body = await request.json()
        sent = message(next(_ids), int(request.match_info["channel"]), body)
        self.messages.append(sent)
        return _json(sent)

    async def edit_message(self, request: web.Request) -> web.Response:
        body = await request.json()
        mid, channel = int(request.match_info["mid"]), int(request.match_info["channel"])
        return _json(message(mid, channel, body))

    async def callback(self, request: web.Request) -> web.Response:
        at = time.perf_counter()
        await request.read()
        iid = int(request.match_info["iid"])
        self.callbacks += 1
        if iid in self.expected and iid not in self.answered:
            self.answered[iid] = at
            if len(self.answered) >= len(self.expected):
                self.all_answered.set()
        if request.query.get("with_response") in ("true", "True", "1"):
            return _json({"interaction": {
                "id": str(iid), "type": 3, "response_message_loading": False,
                "response_message_ephemeral": True}})  # fmt: skip
        return web.Response(status=204)

    async def send(self, op: int, data: Any, event: str | None = None) -> None:
        assert self.ws is not None
        seq = None
        if op == 0:
            self.seq += 1
            seq = self.seq
        frame = self.compress(json.dumps({"op": op, "d": data, "s": seq, "t": event}))
        if isinstance(frame, bytes):
            await self.ws.send_bytes(frame)
        else:
            await self.ws.send_str(frame)

    async def gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self.ws, self.seq = ws, 0
        self.compress = Compressor(request.query.get("compress"))
        await self.send(HELLO, {"heartbeat_interval": 41_250})
        async for msg in ws:
            payload = json.loads(msg.data)
            if payload["op"] == HEARTBEAT:
                await self.send(HEARTBEAT_ACK, None)
            elif payload["op"] == IDENTIFY:
                ready = {"v": 10, "user": BOT_USER, "session_id": "bench-session",
                         "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gw",
                         "guilds": [{"id": g["id"], "unavailable": True} for g in self.guilds],
                         "application": {"id": str(APP_ID), "flags": 0},
                         "shard": payload["d"].get("shard", [0, 1]),  # as sent in IDENTIFY
                         "private_channels": [], "relationships": []}  # fmt: skip
                await self.send(0, ready, "READY")
                for g in self.guilds:
                    await self.send(0, g, "GUILD_CREATE")
        return ws

    async def set_guilds(self, request: web.Request) -> web.Response:
        """The guilds the next IDENTIFY gets: ``{"count", "channels", "roles", "first"}``."""
        spec = await request.json()
        first = int(spec.get("first", 10_000_000))
        self.guilds = [guild(first + 10_000 * i, spec["channels"], spec["roles"])
                       for i in range(spec["count"])]  # fmt: skip
        return _json({"guilds": len(self.guilds)})

    async def load(self, request: web.Request) -> web.Response:
        """Keep the INTERACTION_CREATE payloads of the next burst (sent by ``/bench/fire``)."""
        self.loaded = await request.json()
        return _json({"loaded": len(self.loaded)})

    async def burst(self, request: web.Request) -> web.Response:
        """Send every loaded INTERACTION_CREATE at once; each one's frame→callback time."""
        payloads, self.loaded = self.loaded, []
        self.sent.clear()
        self.answered.clear()
        self.expected = {int(p["id"]) for p in payloads}
        self.all_answered.clear()
        for p in payloads:
            self.sent[int(p["id"])] = time.perf_counter()
            await self.send(0, p, "INTERACTION_CREATE")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.all_answered.wait(), 60)
        latencies = [self.answered[i] - t for i, t in self.sent.items() if i in self.answered]
        return _json({"latencies": latencies, "missing": len(self.sent) - len(latencies)})


async def main() -> None:
    """Serve on a free port of 127.0.0.1, print it, run until stdin closes."""
    standin = StandIn()
    runner = web.AppRunner(standin.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server = site._server
    assert server is not None
    standin.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
    print(standin.port, flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
