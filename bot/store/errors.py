"""The store's errors."""

from __future__ import annotations


class StoreError(Exception):
    """Something the store refuses or cannot do; the message is safe to log and show."""


class SettingsError(StoreError, ValueError):
    """An unknown setting or a value out of range; the message is safe to show a moderator."""


class AlreadyReported(StoreError):
    """This member already has an open report on this question."""
