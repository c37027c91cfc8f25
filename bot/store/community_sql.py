"""The daily question's and seasons' SQL for both backends (``?`` marks; see ``numbered``)."""

from __future__ import annotations

import re

GET_DAILY = """
SELECT channel_id, post_time, timezone, packs, enabled, up_to_episode, paused_reason
FROM daily_schedules WHERE guild_id = ?
"""

RUNNING_DAILIES = """
SELECT guild_id, channel_id, post_time, timezone, packs, enabled, up_to_episode, paused_reason
FROM daily_schedules WHERE enabled AND paused_reason IS NULL ORDER BY guild_id
"""

SET_DAILY = """
INSERT INTO daily_schedules
    (guild_id, channel_id, post_time, timezone, packs, enabled, up_to_episode, paused_reason,
     updated_by, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
ON CONFLICT (guild_id) DO UPDATE SET
    channel_id = excluded.channel_id, post_time = excluded.post_time,
    timezone = excluded.timezone, packs = excluded.packs, enabled = excluded.enabled,
    up_to_episode = excluded.up_to_episode,
    paused_reason = NULL, updated_by = excluded.updated_by, updated_at = excluded.updated_at
"""

PAUSE_DAILY = """
UPDATE daily_schedules SET paused_reason = ?, updated_at = ? WHERE guild_id = ?
"""

DAILY_POSTS = """
SELECT day, question_key, channel_id, message_id, posted_at
FROM daily_posts WHERE guild_id = ? ORDER BY day
"""

CLAIM_POST = """
INSERT INTO daily_posts (guild_id, day, question_key, channel_id, posted_at)
VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, day) DO NOTHING RETURNING 1
"""

SET_MESSAGE = "UPDATE daily_posts SET message_id = ? WHERE guild_id = ? AND day = ?"

RECORD_ANSWER = """
INSERT INTO daily_answers (guild_id, day, user_id, choice, correct, answered_at)
VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, day, user_id) DO NOTHING RETURNING 1
"""

RESULTS = "SELECT day, correct FROM daily_answers WHERE guild_id = ? AND user_id = ?"

TALLY = """
SELECT coalesce(sum(CASE WHEN correct THEN 1 ELSE 0 END), 0), count(*)
FROM daily_answers WHERE guild_id = ? AND day = ?
"""

#: data removal: a member's daily answers in one guild (user_id, guild_id)
REMOVE_ANSWERS = "DELETE FROM daily_answers WHERE user_id = ? AND guild_id = ?"
#: a whole server's score reset also forgets its daily answers (guild_id)
RESET_DAILY_ANSWERS = "DELETE FROM daily_answers WHERE guild_id = ?"
#: and the moderator named as the schedule's last editor
FORGET_EDITOR = "UPDATE daily_schedules SET updated_by = NULL WHERE updated_by = ? AND guild_id = ?"
#: and the moderator who started a season
FORGET_SEASON_CREATOR = "UPDATE seasons SET created_by = NULL WHERE created_by = ? AND guild_id = ?"

_MARK = re.compile(r"\?")


def numbered(sql: str) -> str:
    """The statement with PostgreSQL's ``$1, $2, …`` in place of each ``?``."""
    count = iter(range(1, 1000))
    return _MARK.sub(lambda _: f"${next(count)}", sql)


# ----- seasons ------------------------------------------------------------------------------

SEASONS = """
SELECT name, starts_at, ends_at FROM seasons WHERE guild_id = ? ORDER BY starts_at
"""

ADD_SEASON = """
INSERT INTO seasons (guild_id, name, name_key, starts_at, ends_at, created_by)
VALUES (?, ?, ?, ?, ?, ?)
"""

END_SEASON = "UPDATE seasons SET ends_at = ? WHERE guild_id = ? AND name_key = ?"

UNPOSTED_FINALS = """
SELECT name FROM seasons
WHERE guild_id = ? AND ends_at IS NOT NULL AND ends_at <= ? AND final_posted_at IS NULL
ORDER BY ends_at
"""

SEASON_FINAL = """
UPDATE seasons SET final_channel_id = ?, final_posted_at = ? WHERE guild_id = ? AND name_key = ?
"""


# ----- suggestions --------------------------------------------------------------------------

SUGGESTION_COLUMNS = """
SELECT id, guild_id, user_id, user_name, question, answer, wrong_answers, source, created_at,
       status, reason, question_key
FROM suggestions
"""

ADD_SUGGESTION = """
INSERT INTO suggestions
    (guild_id, user_id, user_name, question, answer, wrong_answers, source, created_at, status)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending') RETURNING id
"""

SUGGESTION_TIMES = """
SELECT created_at FROM suggestions WHERE guild_id = ? AND user_id = ? AND created_at > ?
"""

PENDING = (
    SUGGESTION_COLUMNS
    + """
WHERE guild_id = ? AND status = 'pending' ORDER BY id LIMIT ? OFFSET ?
"""
)

PENDING_COUNT = "SELECT count(*) FROM suggestions WHERE guild_id = ? AND status = 'pending'"

GET_SUGGESTION = SUGGESTION_COLUMNS + "WHERE guild_id = ? AND id = ?"

EDIT_SUGGESTION = """
UPDATE suggestions SET question = ?, answer = ?, wrong_answers = ?, source = ?
WHERE guild_id = ? AND id = ? AND status = 'pending'
RETURNING id
"""

REVIEW_SUGGESTION = """
UPDATE suggestions
SET status = ?, reviewed_by = ?, reviewed_at = ?, reason = ?, target_pack = ?, question_key = ?
WHERE guild_id = ? AND id = ? AND status = 'pending'
RETURNING id
"""

UNTOLD_DECLINES = (
    SUGGESTION_COLUMNS
    + """
WHERE guild_id = ? AND user_id = ? AND status = 'declined' AND notified_at IS NULL ORDER BY id
"""
)

APPROVED_OF_USER = (
    SUGGESTION_COLUMNS
    + """
WHERE guild_id = ? AND user_id = ? AND status = 'approved' ORDER BY id
"""
)

MARK_TOLD = "UPDATE suggestions SET notified_at = ? WHERE guild_id = ? AND id = ?"

#: data removal: a member's suggestions (user_id, guild_id), and their name as a reviewer
REMOVE_SUGGESTIONS = "DELETE FROM suggestions WHERE user_id = ? AND guild_id = ?"
FORGET_REVIEWER = "UPDATE suggestions SET reviewed_by = NULL WHERE reviewed_by = ? AND guild_id = ?"
