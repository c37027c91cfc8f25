"""Settings from the environment and `.env`: one frozen object, read only when asked for."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_DB = "data/trivia.sqlite3"


class ConfigError(ValueError):
    """A setting has a value the bot cannot use; the message names it and says why."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting the bot reads; see `.env.example` for what each one does."""

    discord_token: str | None = None
    trivia_db: str = DEFAULT_DB
    #: an operator's folder of extra packs, loaded on top of the shipped ones (None: no extra)
    trivia_questions: str | None = None
    #: whether the shipped packs are loaded (off: only the operator's own)
    trivia_shipped_packs: bool = True
    trivia_dev_guild: int | None = None
    trivia_typed_answers: bool = False
    log_level: str = "INFO"
    #: how many shards the bot has in all (None: as many as Discord recommends)
    trivia_shard_count: int | None = None
    #: the shards this process runs (None: every one of them)
    trivia_shards: tuple[int, ...] | None = None

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        dotenv_path: str | os.PathLike[str] | None = ".env",
    ) -> Settings:
        """Build settings from `.env` (if the file exists) overridden by the real environment."""
        merged: dict[str, str] = {}
        if dotenv_path is not None and Path(dotenv_path).is_file():
            merged.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
        merged.update(os.environ if environ is None else environ)
        shard_count = _shard_count(merged, "TRIVIA_SHARD_COUNT")
        return cls(
            discord_token=_text(merged, "DISCORD_TOKEN"),
            trivia_db=_text(merged, "TRIVIA_DB") or DEFAULT_DB,
            trivia_questions=_text(merged, "TRIVIA_QUESTIONS"),
            trivia_shipped_packs=_flag(merged, "TRIVIA_SHIPPED_PACKS", default=True),
            trivia_dev_guild=_guild_id(merged, "TRIVIA_DEV_GUILD"),
            trivia_typed_answers=_flag(merged, "TRIVIA_TYPED_ANSWERS"),
            log_level=_level(merged, "LOG_LEVEL"),
            trivia_shard_count=shard_count,
            trivia_shards=_shards(merged, "TRIVIA_SHARDS", shard_count),
        )

    @property
    def runs_every_shard(self) -> bool:
        """Whether this process holds every shard (False: other processes hold the rest)."""
        count, shards = self.trivia_shard_count, self.trivia_shards
        return shards is None or count is None or set(shards) == set(range(count))

    @property
    def holds_shard_zero(self) -> bool:
        """Whether this process runs shard 0 (the one that syncs the slash commands)."""
        return self.trivia_shards is None or 0 in self.trivia_shards

    @property
    def log_level_number(self) -> int:
        """The `logging` module's number for LOG_LEVEL."""
        return logging.getLevelNamesMapping()[self.log_level]


def _text(values: Mapping[str, str], name: str) -> str | None:
    """A stripped string, or None when unset or blank."""
    value = values.get(name, "").strip()
    return value or None


def _guild_id(values: Mapping[str, str], name: str) -> int | None:
    """A Discord id (a positive integer), or None when unset."""
    raw = _text(values, name)
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) <= 0:
        raise ConfigError(f"{name} must be a server id (digits only), got {raw!r}")
    return int(raw)


def _flag(values: Mapping[str, str], name: str, *, default: bool = False) -> bool:
    """An on/off switch: 1/true/yes/on or 0/false/no/off, any case; unset or blank: default."""
    raw = values.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ConfigError(f"{name} must be one of 1/true/yes/on or 0/false/no/off, got {raw!r}")


def _level(values: Mapping[str, str], name: str) -> str:
    """A logging level name, upper-cased."""
    raw = (_text(values, name) or "INFO").upper()
    if raw not in _LEVELS:
        raise ConfigError(f"{name} must be one of {', '.join(_LEVELS)}, got {raw!r}")
    return raw


def _shard_count(values: Mapping[str, str], name: str) -> int | None:
    """A shard count (a positive integer), or None when unset."""
    raw = _text(values, name)
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) <= 0:
        raise ConfigError(f"{name} must be a whole number of shards, 1 or more, got {raw!r}")
    return int(raw)


def _shards(values: Mapping[str, str], name: str, count: int | None) -> tuple[int, ...] | None:
    """Shard ids like ``0-3`` or ``0,2,4-5``, sorted; None when unset (every shard)."""
    raw = _text(values, name)
    if raw is None:
        return None
    if count is None:
        raise ConfigError(f"{name} needs TRIVIA_SHARD_COUNT (how many shards in all), set too")
    ids: set[int] = set()
    for part in raw.replace(" ", "").split(","):
        low, dash, high = part.partition("-")
        if not low.isdigit() or (dash and not high.isdigit()):
            raise ConfigError(f"{name} must list shard ids like 0-3 or 0,2,5, got {raw!r}")
        first, last = int(low), int(high) if dash else int(low)
        if first > last:
            raise ConfigError(f"{name} has a range that runs backwards: {part!r}")
        if last >= count:
            raise ConfigError(
                f"{name} names shard {last}, but with TRIVIA_SHARD_COUNT={count} the shards "
                f"are 0-{count - 1}"
            )
        ids.update(range(first, last + 1))
    return tuple(sorted(ids))
