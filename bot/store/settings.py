"""Per-guild settings rules shared by every backend: defaults, and what may change to what."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import fields

from bot.engine.config import MODES
from bot.store.errors import SettingsError
from bot.store.types import GuildSettings

_DEFAULTS = GuildSettings()


def _int_in(low: int, high: int) -> Callable[[str, object], object]:
    """A validator for an int between ``low`` and ``high``."""

    def check(name: str, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise SettingsError(f"{name} must be a whole number from {low} to {high}")
        return value

    return check


def _mode(name: str, value: object) -> object:
    if value not in MODES:
        raise SettingsError(f"{name} must be one of: {', '.join(MODES)}")
    return value


def _snowflake(name: str, value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SettingsError(f"{name} must be a Discord id")
    return value


def _channels(name: str, value: object) -> object:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise SettingsError(f"{name} must be a list of channel ids")
    ids = [_snowflake(name, v) for v in value]
    return json.dumps(sorted(set(ids)))  # type: ignore[type-var]


def _flag(name: str, value: object) -> object:
    if not isinstance(value, bool):
        raise SettingsError(f"{name} must be true or false")
    return int(value)


#: Setting name -> (its column, its validator). Column names come only from this table:
#: a caller's field name is looked up here, never put into SQL itself.
_FIELDS: dict[str, tuple[str, Callable[[str, object], object]]] = {
    "default_mode": ("default_mode", _mode),
    "seconds": ("seconds", _int_in(5, 120)),
    "questions": ("questions", _int_in(1, 50)),
    "moderator_role_id": ("moderator_role_id", _snowflake),
    "allowed_channel_ids": ("allowed_channel_ids", _channels),
    "max_games": ("max_games", _int_in(1, 50)),
    "streak_bonus": ("streak_bonus", _flag),
    "start_cooldown": ("start_cooldown", _int_in(0, 3600)),
}
assert set(_FIELDS) == {f.name for f in fields(GuildSettings)}

#: The settings a moderator may change.
SETTING_NAMES: tuple[str, ...] = tuple(_FIELDS)


def from_row(row: tuple[object, ...] | None) -> GuildSettings:
    """A guild_settings row as GuildSettings, defaults where the column is NULL."""
    if row is None:
        return _DEFAULTS
    mode, seconds, questions, role, channels, max_games, bonus, cooldown = row
    d = _DEFAULTS
    return GuildSettings(
        default_mode=str(mode) if mode is not None else d.default_mode,
        seconds=int(seconds) if seconds is not None else d.seconds,  # type: ignore[call-overload]
        questions=int(questions) if questions is not None else d.questions,  # type: ignore[call-overload]
        moderator_role_id=int(role) if role is not None else d.moderator_role_id,  # type: ignore[call-overload]
        allowed_channel_ids=(
            tuple(json.loads(str(channels))) if channels is not None else d.allowed_channel_ids
        ),
        max_games=int(max_games) if max_games is not None else d.max_games,  # type: ignore[call-overload]
        streak_bonus=bool(bonus) if bonus is not None else d.streak_bonus,
        start_cooldown=int(cooldown) if cooldown is not None else d.start_cooldown,  # type: ignore[call-overload]
    )


def column_changes(changes: dict[str, object]) -> tuple[list[str], list[object]]:
    """The columns and stored values for ``changes`` (None: back to the default), validated."""
    unknown = sorted(set(changes) - set(_FIELDS))
    if unknown:
        raise SettingsError(
            f"unknown setting {', '.join(map(repr, unknown))}; "
            f"known settings: {', '.join(SETTING_NAMES)}"
        )
    columns: list[str] = []
    values: list[object] = []
    for name, value in changes.items():
        column, validate = _FIELDS[name]
        columns.append(column)
        values.append(None if value is None else validate(name, value))
    return columns, values
