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
        return cls(
            discord_token=_text(merged, "DISCORD_TOKEN"),
            trivia_db=_text(merged, "TRIVIA_DB") or DEFAULT_DB,
            trivia_questions=_text(merged, "TRIVIA_QUESTIONS"),
            trivia_shipped_packs=_flag(merged, "TRIVIA_SHIPPED_PACKS", default=True),
            trivia_dev_guild=_guild_id(merged, "TRIVIA_DEV_GUILD"),
            trivia_typed_answers=_flag(merged, "TRIVIA_TYPED_ANSWERS"),
            log_level=_level(merged, "LOG_LEVEL"),
        )

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
