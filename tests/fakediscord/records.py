"""What the fake Discord records: requests, interaction callbacks, command syncs and messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EPHEMERAL = 64
LOADING = 128  # a deferred ("thinking") response waiting for its edit

#: interaction callback types
MESSAGE = 4
DEFERRED_MESSAGE = 5
DEFERRED_UPDATE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE = 8
MODAL = 9


@dataclass
class Request:
    """One HTTP request the bot made (the path is relative to /api/v10 for API calls)."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: dict[str, bytes]
    status: int = 0


@dataclass
class Callback:
    """An interaction response (POST /interactions/{id}/{token}/callback)."""

    interaction_id: int
    type: int
    data: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    message_id: int | None = None

    @property
    def ephemeral(self) -> bool:
        """Whether only the user who interacted sees it (flag 64)."""
        return bool(int(self.data.get("flags") or 0) & EPHEMERAL)

    @property
    def content(self) -> str | None:
        """The message text, if any."""
        return self.data.get("content")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        """The message embeds."""
        return list(self.data.get("embeds") or [])

    @property
    def components(self) -> list[dict[str, Any]]:
        """Top-level components (action rows, or a modal's rows and labels)."""
        return list(self.data.get("components") or [])


@dataclass
class CommandSync:
    """One bulk overwrite of the application commands (guild_id None = global)."""

    guild_id: int | None
    commands: list[dict[str, Any]]


@dataclass
class StoredMessage:
    """A message the bot created, kept up to date with every edit the bot makes."""

    id: int
    channel_id: int
    guild_id: int | None
    author: dict[str, Any]
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    attachments: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    reactions: list[str] = field(default_factory=list)
    interaction_id: int | None = None
    webhook_id: int | None = None
    edits: int = 0
    deleted: bool = False

    @property
    def ephemeral(self) -> bool:
        """Whether only one user sees it."""
        return bool(self.flags & EPHEMERAL)

    def buttons(self) -> list[dict[str, Any]]:
        """Every button in the message's action rows, in order."""
        return [
            c for row in self.components for c in row.get("components", []) if c.get("type") == 2
        ]

    def button(self, label: str) -> dict[str, Any]:
        """The button with this label (KeyError if absent)."""
        for button in self.buttons():
            if button.get("label") == label:
                return button
        raise KeyError(f"no button labelled {label!r} on message {self.id}: {self.buttons()}")

    def apply(self, body: dict[str, Any], new_attachments: list[dict[str, Any]]) -> None:
        """Apply a message create/edit body: only the fields it names change."""
        for key in ("content", "embeds", "components"):
            if key in body:
                setattr(
                    self, key, body[key] if body[key] is not None else type(getattr(self, key))()
                )
        if "flags" in body and body["flags"] is not None:
            self.flags = int(body["flags"]) | (self.flags & EPHEMERAL)
        if "attachments" in body:
            keep = {str(a.get("id")) for a in body["attachments"] or []}
            self.attachments = [a for a in self.attachments if a["id"] in keep]
        self.attachments.extend(new_attachments)

    def payload(self) -> dict[str, Any]:
        """The message object Discord returns."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": self.author,
            "content": self.content,
            "timestamp": "2025-01-01T00:00:00+00:00",
            "edited_timestamp": "2025-01-01T00:00:01+00:00" if self.edits else None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": list(self.attachments),
            "embeds": list(self.embeds),
            "reactions": [
                {"count": 1, "me": True, "emoji": {"id": None, "name": e}, "burst_colors": []}
                for e in self.reactions
            ],
            "pinned": False,
            "type": 20 if self.interaction_id else 0,
            "flags": self.flags,
            "components": list(self.components),
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
            data["application_id"] = str(self.webhook_id)
        return data
