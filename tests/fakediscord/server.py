"""FakeDiscord: a local stand-in for Discord's gateway and REST API that discord.py connects to."""

from __future__ import annotations

import asyncio
import json
import re
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import WSMsgType, web

from . import gateway, limits
from .actions import Actions
from .faults import Faults, FaultScripting
from .records import (
    DEFERRED_MESSAGE,
    DEFERRED_UPDATE,
    EPHEMERAL,
    LOADING,
    MESSAGE,
    UPDATE_MESSAGE,
    Callback,
    CommandSync,
    Request,
    StoredMessage,
)
from .world import World, default_world, new_id, user_payload

T = TypeVar("T")
API = "/api/v10"
TOKEN = "fake-bot-token"


@dataclass
class _Interaction:
    """An interaction the fake dispatched, and what the bot answered."""

    payload: dict[str, Any]
    callback: Callback | None = None
    original_id: int | None = None
    #: wall-clock (monotonic) times it was dispatched and answered
    sent_at: float = field(default_factory=time.monotonic)
    answered_at: float | None = None


RECORD = web.RequestKey("record", Request)


def _json(data: Any, status: int = 200) -> web.Response:
    """A JSON response with the bare content type discord.py checks for."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def _error(status: int, code: int, message: str, **extra: Any) -> web.Response:
    """A Discord-style JSON error."""
    return _json({"message": message, "code": code, **extra}, status)


class FakeDiscord(Actions, FaultScripting):
    """The server: start() it, point discord.py at `api_base`/`gateway_url`, then drive the bot."""

    def __init__(
        self, world: World | None = None, *, token: str = TOKEN, allow_privileged: bool = True
    ) -> None:
        self.world = world or default_world()
        #: the shard count GET /gateway/bot recommends
        self.recommended_shards = 1
        self.token = token
        #: whether the "Developer Portal" lets the bot use privileged intents (else close 4014)
        self.allow_privileged = allow_privileged
        self.requests: list[Request] = []
        self.unknown: list[Request] = []
        self.syncs: list[CommandSync] = []
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.callbacks: list[Callback] = []
        self.messages: dict[int, StoredMessage] = {}
        #: members' chat messages (from `say`), by id
        self.chat: dict[int, StoredMessage] = {}
        self.identifies: list[dict[str, Any]] = []
        #: RESUME payloads accepted (a dropped connection picking its session up again)
        self.resumes: list[dict[str, Any]] = []
        #: each session handed out, with the last sequence number it reached
        self._sessions: dict[str, int] = {}
        #: each session's [shard_id, num_shards]
        self._session_shards: dict[str, tuple[int, int]] = {}
        self.close_codes: list[int] = []
        self.gateway_queries: list[dict[str, str]] = []
        self.files: dict[str, tuple[bytes, str]] = {}
        #: bytes of each served file written to the client (it may hang up early)
        self.served: dict[str, int] = {}
        self.interactions: dict[int, _Interaction] = {}
        #: scripted faults: rate limits, server errors, slow or held responses
        self.faults = Faults()
        self._command_ids: dict[tuple[int | None, str], str] = {}
        self._sockets: list[gateway.GatewaySocket] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on 127.0.0.1 on a free port."""
        app = web.Application(middlewares=[self._record], client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{id}/{filename}", self._attachment)
        self._add_api_routes(app.router)
        app.router.add_route("*", "/{tail:.*}", self._unknown_route)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        """Close every gateway connection and stop listening."""
        for socket in list(self._sockets):
            await socket.ws.close(code=1000)
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """What `discord.http.Route.BASE` must be."""
        return self.base_url + API

    @property
    def gateway_url(self) -> str:
        """What `DiscordWebSocket.DEFAULT_GATEWAY` must be."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    # -- waiting ---------------------------------------------------------------------------

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(
        self, predicate: Callable[[], T | None], timeout: float = 5.0, what: str = ""
    ) -> T:
        """Wait (bounded) until `predicate()` returns something truthy, and return it."""

        async def wait() -> T:
            async with self._changed:
                return await self._changed.wait_for(predicate)  # type: ignore[arg-type]

        try:
            return await asyncio.wait_for(wait(), timeout)
        except TimeoutError:
            recent = [f"{r.method} {r.path} -> {r.status}" for r in self.requests[-8:]]
            raise AssertionError(
                f"timed out after {timeout}s waiting for {what or predicate}; "
                f"last requests: {recent}"
            ) from None

    async def wait_for_callback(
        self, interaction: dict[str, Any] | int, timeout: float = 5.0
    ) -> Callback:
        """The bot's response to this interaction, once it arrives."""
        iid = int(interaction["id"]) if isinstance(interaction, dict) else interaction
        return await self.wait_until(
            lambda: self.interactions[iid].callback, timeout, f"a response to interaction {iid}"
        )

    async def wait_for_request(
        self, predicate: Callable[[Request], bool], *, since: int = 0, timeout: float = 5.0
    ) -> Request:
        """The first request from index `since` on that matches `predicate`."""
        return await self.wait_until(
            lambda: next((r for r in self.requests[since:] if predicate(r)), None),
            timeout,
            "a matching request",
        )

    async def wait_for_message(
        self, predicate: Callable[[StoredMessage], bool], timeout: float = 5.0
    ) -> StoredMessage:
        """The first stored message (in creation order) matching `predicate`."""
        return await self.wait_until(
            lambda: next((m for m in self.messages.values() if predicate(m)), None),
            timeout,
            "a matching message",
        )

    async def wait_until_identified(self, timeout: float = 5.0) -> None:
        """Wait until a client has identified and received READY and its guilds."""
        await self.wait_until(lambda: any(s.identified for s in self._sockets), timeout, "IDENTIFY")

    def shards_online(self) -> set[tuple[int, int]]:
        """The [shard_id, num_shards] of every identified connection."""
        return {s.shard for s in self._sockets if s.identified}

    # -- driving the bot -------------------------------------------------------------------

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event to every identified client; a guild's event only to the
        connections of its shard, as Discord routes it."""
        guild_id = data.get("guild_id")
        sockets = [
            s
            for s in self._sockets
            if s.identified and (guild_id is None or s.holds(int(guild_id)))
        ]
        if not sockets:
            where = "" if guild_id is None else f" for guild {guild_id}'s shard"
            raise RuntimeError(f"no bot is connected to the fake gateway{where}")
        for socket in sockets:
            await socket.send(0, data, event)

    async def send_interaction(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Dispatch INTERACTION_CREATE and remember it so the bot can answer it."""
        self.interactions[int(payload["id"])] = _Interaction(payload)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    def add_file(
        self,
        data: bytes,
        filename: str,
        content_type: str | None = None,
        *,
        declared_size: int | None = None,
    ) -> dict[str, Any]:
        """Serve `data` at a local URL and return an attachment object pointing at it.

        `declared_size`: the size the attachment object claims (a lying client), if not the
        real one."""
        from .payloads import attachment_payload

        size = len(data) if declared_size is None else declared_size
        attachment = attachment_payload("", filename, size, content_type)
        attachment["url"] = attachment["proxy_url"] = (
            f"{self.base_url}/attachments/{attachment['id']}/{filename}"
        )
        self.files[attachment["id"]] = (data, content_type or "application/octet-stream")
        return attachment

    def registered_command(self, name: str, guild_id: int | None) -> dict[str, Any]:
        """The command called `name` as last synced to this guild, or else globally."""
        for scope in (guild_id, None):
            for command in self.commands.get(scope, []):
                if command["name"] == name:
                    return command
        raise KeyError(f"/{name} was never synced (guild {guild_id} or global)")

    def original_message(self, interaction: dict[str, Any]) -> StoredMessage:
        """The message the interaction's response created or updated (@original)."""
        state = self.interactions[int(interaction["id"])]
        if state.original_id is None:
            raise KeyError(f"interaction {interaction['id']} has no response message")
        return self.messages[state.original_id]

    def followups(self, interaction: dict[str, Any]) -> list[StoredMessage]:
        """Messages sent through the interaction's webhook after its response."""
        iid = int(interaction["id"])
        original = self.interactions[iid].original_id
        return [m for m in self.messages.values() if m.interaction_id == iid and m.id != original]

    def channel_messages(self, channel_id: int) -> list[StoredMessage]:
        """Every non-deleted, non-ephemeral message in a channel, oldest first."""
        return [
            m
            for m in self.messages.values()
            if m.channel_id == channel_id and not m.deleted and not m.ephemeral
        ]

    # -- HTTP plumbing ---------------------------------------------------------------------

    @web.middleware
    async def _record(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        """Record every API request with its JSON body and uploaded files."""
        if not request.path.startswith(API + "/"):
            return await handler(request)
        body, files = await _read_body(request)
        record = Request(request.method, request.path[len(API) :], dict(request.query), body, files)
        request[RECORD] = record
        self.requests.append(record)
        fault = self.faults.take(request.method, record.path)
        scripted = await self.faults.apply(fault) if fault is not None else None
        response: web.StreamResponse = scripted or await handler(request)
        record.status = response.status
        await self._notify()
        return response

    async def _unknown_route(self, request: web.Request) -> web.Response:
        record = request.get(RECORD) or Request(
            request.method, request.path, dict(request.query), None, {}
        )
        self.unknown.append(record)
        return _error(
            404, 0, f"404: Not Found (the fake has no route for {request.method} {request.path})"
        )

    async def _attachment(self, request: web.Request) -> web.StreamResponse:
        """Serve a file in 64 KiB chunks, counting what the client actually took."""
        file_id = request.match_info["id"]
        found = self.files.get(file_id)
        if found is None:
            return web.Response(status=404)
        data, content_type = found
        response = web.StreamResponse(headers={"Content-Type": content_type})
        response.content_length = len(data)
        await response.prepare(request)
        self.served[file_id] = 0
        step = 64 * 1024
        try:
            for start in range(0, len(data), step):
                await response.write(data[start : start + step])
                self.served[file_id] += len(data[start : start + step])
        except ConnectionError:
            # the client stopped reading and hung up (aiohttp may also cancel this handler)
            return response
        await response.write_eof()
        return response

    def _authorized(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bot {self.token}"

    def _add_api_routes(self, router: web.UrlDispatcher) -> None:
        authed: Sequence[tuple[str, str, Callable[[web.Request], Any]]] = [
            ("GET", "/gateway/bot", self._gateway_bot),
            ("GET", "/users/@me", self._me),
            ("GET", "/oauth2/applications/@me", self._app_info),
            ("GET", "/applications/{app}/commands", self._get_commands),
            ("PUT", "/applications/{app}/commands", self._put_commands),
            ("GET", "/applications/{app}/guilds/{guild}/commands", self._get_commands),
            ("PUT", "/applications/{app}/guilds/{guild}/commands", self._put_commands),
            ("POST", "/channels/{channel}/messages", self._create_message),
            ("GET", "/channels/{channel}/messages/{message}", self._channel_message),
            ("PATCH", "/channels/{channel}/messages/{message}", self._channel_message),
            ("DELETE", "/channels/{channel}/messages/{message}", self._channel_message),
            ("PUT", "/channels/{channel}/messages/{message}/reactions/{emoji}/@me", self._reaction),
            (
                "DELETE",
                "/channels/{channel}/messages/{message}/reactions/{emoji}/@me",
                self._reaction,
            ),
            ("GET", "/channels/{channel}", self._get_channel),
            ("GET", "/guilds/{guild}/members/{user}", self._get_member),
        ]
        for method, path, handler in authed:
            router.add_route(method, API + path, self._require_auth(handler))
        router.add_get(API + "/gateway", self._gateway_bot)
        router.add_post(API + "/interactions/{interaction}/{token}/callback", self._callback)
        router.add_post(API + "/webhooks/{app}/{token}", self._followup)
        for method in ("GET", "PATCH", "DELETE"):
            router.add_route(
                method, API + "/webhooks/{app}/{token}/messages/{message}", self._webhook_message
            )

    def _require_auth(self, handler: Callable[[web.Request], Any]) -> Callable[[web.Request], Any]:
        async def checked(request: web.Request) -> web.StreamResponse:
            if not self._authorized(request):
                return _error(401, 0, "401: Unauthorized")
            return await handler(request)

        return checked

    # -- gateway ---------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.gateway_queries.append(dict(request.query))
        compressor = zlib.compressobj() if request.query.get("compress") == "zlib-stream" else None
        socket = gateway.GatewaySocket(ws, compressor)
        self._sockets.append(socket)
        try:
            await socket.send(gateway.HELLO, {"heartbeat_interval": 41250})
            async for message in ws:
                if message.type is WSMsgType.TEXT:
                    await self._gateway_op(socket, json.loads(message.data))
        finally:
            self._sockets.remove(socket)
            if socket.session_id in self._sessions:
                self._sessions[socket.session_id] = socket.sequence
            await self._notify()
        return ws

    async def _gateway_op(self, socket: gateway.GatewaySocket, payload: dict[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d")
        if op == gateway.HEARTBEAT:
            await socket.send(gateway.HEARTBEAT_ACK, None)
        elif op == gateway.IDENTIFY:
            self.identifies.append(data)
            code = gateway.close_code_for(
                data, token=self.token, allow_privileged=self.allow_privileged
            )
            if code is not None:
                self.close_codes.append(code)
                await socket.ws.close(code=code)
                return
            socket.shard = gateway.shard_from(data) or (0, 1)
            await socket.send(
                0,
                gateway.ready_payload(self.world, socket, self.gateway_url, self._bot_user()),
                "READY",
            )
            members_intent = bool(int(data.get("intents") or 0) & gateway.GUILD_MEMBERS)
            for guild in self.world.guilds:
                if not socket.holds(guild.id):
                    continue
                payload = guild.payload()
                if not members_intent:
                    # like Discord: without GUILD_MEMBERS a guild arrives with only the bot's member
                    payload["members"] = [
                        m
                        for m in payload["members"]
                        if m["user"]["id"] == str(self.world.bot_user_id)
                    ]
                await socket.send(0, payload, "GUILD_CREATE")
            socket.identified = True
            self._sessions[socket.session_id] = socket.sequence
            self._session_shards[socket.session_id] = socket.shard
            await self._notify()
        elif op == gateway.RESUME:
            session = (data or {}).get("session_id")
            if session not in self._sessions or (data or {}).get("token") != self.token:
                # an unknown session: make the client identify afresh
                await socket.send(gateway.INVALID_SESSION, False)
                return
            # a dropped connection resumes its session; nothing was dispatched meanwhile
            self.resumes.append(data)
            socket.session_id = session
            socket.sequence = self._sessions[session]
            socket.shard = self._session_shards.get(session, (0, 1))
            await socket.send(0, {}, "RESUMED")
            socket.identified = True
            await self._notify()

    # -- REST: identity and commands -------------------------------------------------------

    def _bot_user(self) -> dict[str, Any]:
        data = user_payload(self.world.bot_user_id, self.world.bot_name, bot=True)
        data.update(flags=0, verified=True, mfa_enabled=False, locale="en-US")
        return data

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return _json(
            {
                "url": self.gateway_url,
                "shards": self.recommended_shards,
                "session_start_limit": limit,
            }
        )

    async def _me(self, request: web.Request) -> web.Response:
        return _json(self._bot_user())

    async def _app_info(self, request: web.Request) -> web.Response:
        owner = self.world.guilds[0].owner_id if self.world.guilds else new_id()
        return _json(
            {
                "id": str(self.world.app_id),
                "name": self.world.bot_name,
                "icon": None,
                "description": "",
                "rpc_origins": [],
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": user_payload(owner, "owner"),
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "summary": "",
                "interactions_endpoint_url": None,
                "tags": [],
                "redirect_uris": [],
            }
        )

    async def _get_commands(self, request: web.Request) -> web.Response:
        guild = request.match_info.get("guild")
        return _json(self.commands.get(int(guild) if guild else None, []))

    async def _put_commands(self, request: web.Request) -> web.Response:
        if request.match_info["app"] != str(self.world.app_id):
            return _error(403, 50001, "Missing Access")
        guild = request.match_info.get("guild")
        guild_id = int(guild) if guild else None
        body = request[RECORD].json
        names = [c.get("name") for c in body]
        if len(set(names)) != len(names) or any(
            not re.fullmatch(r"[-_\w]{1,32}", n or "") for n in names
        ):
            return _error(400, 50035, "Invalid Form Body", errors={"names": names})
        stored = []
        for command in body:
            key = (guild_id, command["name"])
            entry = {
                "type": 1,
                "options": [],
                "default_member_permissions": None,
                "nsfw": False,
                **command,
                "id": self._command_ids.setdefault(key, str(new_id())),
                "application_id": str(self.world.app_id),
                "version": str(new_id()),
            }
            if guild_id is not None:
                entry["guild_id"] = str(guild_id)
            stored.append(entry)
        self.commands[guild_id] = stored
        self.syncs.append(CommandSync(guild_id, body))
        return _json(stored)

    # -- REST: interactions and webhooks ---------------------------------------------------

    async def _callback(self, request: web.Request) -> web.Response:
        iid = int(request.match_info["interaction"])
        state = self.interactions.get(iid)
        if state is None or state.payload["token"] != request.match_info["token"]:
            return _error(404, 10062, "Unknown interaction")
        if state.callback is not None:
            return _error(400, 40060, "Interaction has already been acknowledged.")
        record: Request = request[RECORD]
        kind, data = record.json["type"], record.json.get("data") or {}
        problems = limits.callback_problems(kind, data, has_files=bool(record.files))
        if problems:
            return _error(400, 50035, "Invalid Form Body", errors=problems)
        payload = state.payload
        message: StoredMessage | None = None
        if kind in (MESSAGE, DEFERRED_MESSAGE):
            flags = (int(data.get("flags") or 0) & EPHEMERAL) | (
                LOADING if kind == DEFERRED_MESSAGE else 0
            )
            message = self._new_message(
                int(payload["channel_id"]), payload.get("guild_id"), flags, iid
            )
            if kind == MESSAGE:
                message.apply(data, self._attachments(data, record.files))
        elif kind in (DEFERRED_UPDATE, UPDATE_MESSAGE):
            message = self.messages.get(int((payload.get("message") or {}).get("id", 0)))
            if message is None:
                return _error(404, 10008, "Unknown Message")
            if kind == UPDATE_MESSAGE:
                message.apply(data, self._attachments(data, record.files))
                message.edits += 1
        state.original_id = message.id if message else None
        state.callback = Callback(iid, kind, data, record.files, state.original_id)
        state.answered_at = time.monotonic()
        self.callbacks.append(state.callback)
        answer: dict[str, Any] = {
            "interaction": {
                "id": str(iid),
                "type": payload["type"],
                "response_message_loading": kind == DEFERRED_MESSAGE,
                "response_message_ephemeral": bool(message and message.ephemeral),
            }
        }
        if message is not None:
            answer["interaction"]["response_message_id"] = str(message.id)
            if kind != DEFERRED_UPDATE:
                answer["resource"] = {"type": kind, "message": message.payload()}
        return _json(answer)

    def _by_token(self, token: str) -> _Interaction | None:
        return next((s for s in self.interactions.values() if s.payload["token"] == token), None)

    async def _followup(self, request: web.Request) -> web.StreamResponse:
        state = self._by_token(request.match_info["token"])
        if state is None or state.callback is None:
            return _error(404, 10015, "Unknown Webhook")
        record: Request = request[RECORD]
        problems = limits.message_problems(record.json or {}, has_files=bool(record.files))
        if problems:
            return _error(400, 50035, "Invalid Form Body", errors=problems)
        payload = state.payload
        loading = self.messages.get(state.original_id or 0)
        if loading is not None and loading.flags & LOADING and not loading.deleted:
            # like Discord: the first followup after a deferral becomes the deferred message
            # (which keeps the deferral's ephemerality)
            message = loading
            message.flags &= ~LOADING
        else:
            flags = int((record.json or {}).get("flags") or 0) & EPHEMERAL
            message = self._new_message(
                int(payload["channel_id"]), payload.get("guild_id"), flags, int(payload["id"])
            )
        message.apply(record.json or {}, self._attachments(record.json or {}, record.files))
        if record.query.get("wait") in ("1", "true", "True"):
            return _json(message.payload())
        return web.Response(status=204)

    async def _webhook_message(self, request: web.Request) -> web.StreamResponse:
        state = self._by_token(request.match_info["token"])
        if state is None or state.callback is None:
            return _error(404, 10015, "Unknown Webhook")
        raw = request.match_info["message"]
        message_id = state.original_id if raw == "@original" else int(raw)
        message = self.messages.get(message_id or 0)
        if message is None or message.deleted:
            return _error(404, 10008, "Unknown Message")
        return self._message_verb(request, message)

    # -- REST: channels --------------------------------------------------------------------

    async def _create_message(self, request: web.Request) -> web.Response:
        channel = self.world.find_channel(int(request.match_info["channel"]))
        if channel is None:
            return _error(404, 10003, "Unknown Channel")
        record: Request = request[RECORD]
        body = record.json or {}
        problems = limits.message_problems(body, has_files=bool(record.files))
        if problems:
            return _error(400, 50035, "Invalid Form Body", errors=problems)
        message = self._new_message(channel.id, str(channel.guild_id), 0, None)
        message.apply(body, self._attachments(body, record.files))
        return _json(message.payload())

    def _channel_lookup(self, request: web.Request) -> StoredMessage | None:
        message = self.messages.get(int(request.match_info["message"]))
        if message is None or message.deleted or message.ephemeral:
            return None
        return message if message.channel_id == int(request.match_info["channel"]) else None

    async def _channel_message(self, request: web.Request) -> web.StreamResponse:
        message = self._channel_lookup(request)
        if message is None:
            return _error(404, 10008, "Unknown Message")
        return self._message_verb(request, message)

    def _message_verb(self, request: web.Request, message: StoredMessage) -> web.StreamResponse:
        """GET, PATCH or DELETE one stored message."""
        if request.method == "DELETE":
            message.deleted = True
            return web.Response(status=204)
        if request.method == "PATCH":
            record: Request = request[RECORD]
            body = record.json or {}
            problems = limits.message_problems(body, has_files=bool(record.files), edit=True)
            if problems:
                return _error(400, 50035, "Invalid Form Body", errors=problems)
            message.apply(body, self._attachments(body, record.files))
            message.flags &= ~LOADING
            message.edits += 1
        return _json(message.payload())

    async def _reaction(self, request: web.Request) -> web.Response:
        message = self._channel_lookup(request)
        if message is None:
            said = self.chat.get(int(request.match_info["message"]))
            if said is not None and said.channel_id == int(request.match_info["channel"]):
                message = said
        if message is None:
            return _error(404, 10008, "Unknown Message")
        emoji = request.match_info["emoji"]
        if request.method == "PUT" and emoji not in message.reactions:
            message.reactions.append(emoji)
        elif request.method == "DELETE" and emoji in message.reactions:
            message.reactions.remove(emoji)
        return web.Response(status=204)

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel = self.world.find_channel(int(request.match_info["channel"]))
        if channel is None:
            return _error(404, 10003, "Unknown Channel")
        return _json(channel.payload())

    async def _get_member(self, request: web.Request) -> web.Response:
        member = self.world.find_member(
            int(request.match_info["guild"]), int(request.match_info["user"])
        )
        if member is None:
            return _error(404, 10007, "Unknown Member")
        return _json(member.payload())

    # -- messages --------------------------------------------------------------------------

    def _new_message(
        self, channel_id: int, guild_id: str | None, flags: int, interaction_id: int | None
    ) -> StoredMessage:
        message = StoredMessage(
            id=new_id(),
            channel_id=channel_id,
            guild_id=int(guild_id) if guild_id else None,
            author=self._bot_user(),
            flags=flags,
            interaction_id=interaction_id,
            webhook_id=self.world.app_id if interaction_id else None,
        )
        self.messages[message.id] = message
        return message

    def _attachments(self, body: dict[str, Any], files: dict[str, bytes]) -> list[dict[str, Any]]:
        """Turn uploaded files into attachment objects served by the fake."""
        described = {str(a.get("id")): a for a in body.get("attachments") or []}
        made = []
        for index, (filename, data) in enumerate(files.items()):
            info = described.get(str(index), {})
            attachment = self.add_file(data, info.get("filename") or filename)
            if info.get("description"):
                attachment["description"] = info["description"]
            made.append(attachment)
        return made


async def _read_body(request: web.Request) -> tuple[Any, dict[str, bytes]]:
    """A request's JSON body, or a multipart body's payload_json and files (filename → bytes)."""
    if request.content_type.startswith("multipart/"):
        payload: Any = None
        files: dict[str, bytes] = {}
        reader = await request.multipart()
        async for part in reader:
            if part.name == "payload_json":
                payload = json.loads(await part.text())  # type: ignore[union-attr]
            else:
                files[part.filename or part.name or f"file{len(files)}"] = await part.read()  # type: ignore[union-attr]
        return payload, files
    raw = await request.read()
    return (json.loads(raw) if raw else None), {}
