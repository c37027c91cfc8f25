"""The fake gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, and dispatching events."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .world import World, new_id

HELLO, HEARTBEAT, IDENTIFY, RESUME, INVALID_SESSION, HEARTBEAT_ACK = 10, 1, 2, 6, 9, 11
GUILD_MEMBERS = 1 << 1
#: the privileged intents: members, presences, message content
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)


@dataclass
class GatewaySocket:
    """One client connection; sends plain text frames, or zlib-stream when the client asks."""

    ws: web.WebSocketResponse
    compressor: Any = None
    sequence: int = 0
    session_id: str = field(default_factory=lambda: f"session-{new_id()}")
    identified: bool = False
    #: [shard_id, num_shards] from IDENTIFY (Discord's default when absent: one shard)
    shard: tuple[int, int] = (0, 1)

    def holds(self, guild_id: int) -> bool:
        """Whether this connection's shard receives the guild's events (Discord's formula)."""
        return shard_of(guild_id, self.shard[1]) == self.shard[0]

    async def send(self, op: int, data: Any, event: str | None = None) -> None:
        """Send one gateway payload (dispatches carry the next sequence number)."""
        seq = None
        if op == 0:
            self.sequence += 1
            seq = self.sequence
        text = json.dumps({"op": op, "d": data, "s": seq, "t": event})
        if self.compressor is None:
            await self.ws.send_str(text)
        else:
            raw = self.compressor.compress(text.encode()) + self.compressor.flush(zlib.Z_SYNC_FLUSH)
            await self.ws.send_bytes(raw)


def shard_of(guild_id: int, num_shards: int) -> int:
    """The shard a guild's events go to: ``(guild_id >> 22) % num_shards``."""
    return (guild_id >> 22) % num_shards


def shard_from(identify: dict[str, Any]) -> tuple[int, int] | None:
    """IDENTIFY's ``shard: [shard_id, num_shards]`` (absent: one shard); None if invalid."""
    raw = identify.get("shard")
    if raw is None:
        return (0, 1)
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or not all(isinstance(n, int) for n in raw)
        or not 0 <= raw[0] < raw[1]
    ):
        return None
    return (raw[0], raw[1])


def ready_payload(
    world: World, socket: GatewaySocket, gateway_url: str, user: dict[str, Any]
) -> dict[str, Any]:
    """READY: the bot user, its shard's guilds (unavailable until GUILD_CREATE), the session."""
    return {
        "v": 10,
        "user": user,
        "guilds": [
            {"id": str(g.id), "unavailable": True} for g in world.guilds if socket.holds(g.id)
        ],
        "shard": list(socket.shard),
        "session_id": socket.session_id,
        "resume_gateway_url": gateway_url,
        "application": {"id": str(world.app_id), "flags": 0},
        "private_channels": [],
        "relationships": [],
    }


def close_code_for(identify: dict[str, Any], *, token: str, allow_privileged: bool) -> int | None:
    """The close code Discord answers an IDENTIFY with (None: accepted)."""
    if identify.get("token") != token:
        return 4004  # Authentication failed
    if shard_from(identify) is None:
        return 4010  # Invalid shard
    if not allow_privileged and int(identify.get("intents") or 0) & PRIVILEGED_INTENTS:
        return 4014  # Disallowed intent(s)
    return None
