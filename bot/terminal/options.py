"""What `trivia-bot play` was asked for, and the local ids its games are stored under."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.engine.config import GameConfig, Mode
from bot.engine.model import Player

#: terminal games are stored under bot.session.identity.LOCAL_GUILD_ID, in one channel
LOCAL_CHANNEL_ID = 0
#: pause after a reveal when a person is watching; piped games do not pause at all
TTY_REVEAL_SECONDS = 3.0
MAX_NAME_CHARS = 32
DEFAULT_NAME = "player"


@dataclass(frozen=True, slots=True)
class PlayOptions:
    """The command line of `trivia-bot play`, before it is checked against the bank."""

    packs: tuple[str, ...] = ()
    category: str | None = None
    questions: int = 10
    mode: Mode = "choice"
    seconds: float = 20.0
    player: str = DEFAULT_NAME
    seed: int | None = None
    up_to_episode: int | None = None

    def config(self, *, interactive: bool) -> GameConfig:
        """The engine's settings (InvalidConfig if a number is out of range)."""
        return GameConfig(
            questions=self.questions,
            seconds=self.seconds,
            mode=self.mode,
            guess_style="private",
            up_to_episode=self.up_to_episode,
            seed=self.seed,
            reveal_seconds=TTY_REVEAL_SECONDS if interactive else 0.0,
        )


def player_name(given: str | None, user: str | None) -> str:
    """The name to play under: --player, else $USER, else "player" (trimmed, at most 32 chars)."""
    for candidate in (given, user):
        name = " ".join((candidate or "").split())[:MAX_NAME_CHARS]
        if name:
            return name
    return DEFAULT_NAME


def local_player(name: str) -> Player:
    """A terminal player: the id is a stable positive 53-bit hash of the name (any case)."""
    digest = hashlib.sha256(name.casefold().encode("utf-8")).digest()
    user_id = int.from_bytes(digest[:7], "big") >> 3
    # Zero is the local guild's id and reads like "nobody": never hand it out.
    return Player(user_id=user_id or 1, name=name)
