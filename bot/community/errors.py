"""The one error of the community rules: a moderator's or member's mistake, safe to show."""

from __future__ import annotations


class CommunityError(ValueError):
    """Bad input to a daily, season or suggestion rule; ``str(error)`` is the message to show."""
