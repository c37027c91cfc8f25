"""The one non-Discord server identity both front ends must agree on."""

from __future__ import annotations

#: The guild id the terminal game records under. Discord ids are never 0, so the bot's
#: start-up recovery can leave a terminal game running beside it on the same database alone.
LOCAL_GUILD_ID = 0
