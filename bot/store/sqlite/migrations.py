"""Numbered schema migrations, each applied in one transaction and recorded in ``user_version``."""

from __future__ import annotations

import sqlite3

import aiosqlite

from bot.store.errors import StoreError

# v1: issue 3: games, the questions they asked, every answer, players, per-guild totals
# (all time, per month, per week, kept up to date with the answers) and per-guild settings.
V1 = """
CREATE TABLE games (
    id              INTEGER PRIMARY KEY,
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,
    packs           TEXT    NOT NULL,  -- JSON list of pack slugs
    mode            TEXT    NOT NULL,
    started_by_id   INTEGER,           -- NULL once the starter's data was removed
    started_by_name TEXT,
    started_at      REAL    NOT NULL,
    ended_at        REAL,
    status          TEXT    NOT NULL DEFAULT 'running' CHECK (status IN (
        'running', 'completed', 'stopped', 'idle', 'error', 'interrupted', 'shutdown')),
    asked           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX games_by_guild ON games (guild_id, started_at);
CREATE INDEX games_running ON games (status) WHERE status = 'running';

-- one row per question asked, so a channel can avoid repeats even when nobody answered
CREATE TABLE rounds (
    id           INTEGER PRIMARY KEY,
    game_id      INTEGER NOT NULL REFERENCES games (id),
    guild_id     INTEGER NOT NULL,
    channel_id   INTEGER NOT NULL,
    question_key TEXT    NOT NULL,
    asked_at     REAL    NOT NULL
);
CREATE INDEX rounds_by_channel ON rounds (guild_id, channel_id, id);
-- a game's count of questions asked stays right even if the process dies mid-game
CREATE TRIGGER rounds_count_asked AFTER INSERT ON rounds BEGIN
    UPDATE games SET asked = asked + 1 WHERE id = NEW.game_id;
END;

CREATE TABLE answers (
    id           INTEGER PRIMARY KEY,
    game_id      INTEGER NOT NULL REFERENCES games (id),
    guild_id     INTEGER NOT NULL,
    question_key TEXT    NOT NULL,
    pack         TEXT    NOT NULL,
    category     TEXT    NOT NULL,
    user_id      INTEGER NOT NULL,
    correct      INTEGER NOT NULL,
    points       INTEGER NOT NULL,
    ms           INTEGER,           -- NULL when the player gave no answer
    streak       INTEGER NOT NULL,
    answered_at  REAL    NOT NULL   -- unix seconds when the question closed
);
-- per-pack and past-period leaderboards read this index alone (it covers what they read);
-- it is the only index on answers: each one more costs every answer written
CREATE INDEX answers_by_pack
    ON answers (guild_id, pack, answered_at, user_id, points, correct, game_id);

-- the last display name seen for a member of a guild, shown after they leave
CREATE TABLE players (
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    seen_at  REAL    NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;

-- who took part in which game: counts games played, once per game
CREATE TABLE game_players (
    game_id INTEGER NOT NULL REFERENCES games (id),
    user_id INTEGER NOT NULL,
    PRIMARY KEY (game_id, user_id)
) WITHOUT ROWID;

-- one row per member of a guild, written in the same transaction as the answers: all-time
-- totals, and those of the member's latest month (from the 1st 00:00 UTC) and week (from
-- Monday 00:00 UTC). One row instead of one per period keeps it to one write per answer.
CREATE TABLE totals (
    guild_id       INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    points         INTEGER NOT NULL,
    right_answers  INTEGER NOT NULL,
    answered       INTEGER NOT NULL,
    games          INTEGER NOT NULL,
    best_streak    INTEGER NOT NULL,
    month_start    INTEGER NOT NULL,
    month_points   INTEGER NOT NULL,
    month_right    INTEGER NOT NULL,
    month_answered INTEGER NOT NULL,
    month_games    INTEGER NOT NULL,
    week_start     INTEGER NOT NULL,
    week_points    INTEGER NOT NULL,
    week_right     INTEGER NOT NULL,
    week_answered  INTEGER NOT NULL,
    week_games     INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;

-- right answers per member and category, for the favourite category
CREATE TABLE category_totals (
    guild_id      INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    category      TEXT    NOT NULL,
    right_answers INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id, category)
) WITHOUT ROWID;

-- the latest month and week a guild's totals hold; an earlier one is summed from answers
CREATE TABLE guild_periods (
    guild_id    INTEGER PRIMARY KEY,
    month_start INTEGER NOT NULL,
    week_start  INTEGER NOT NULL
);

-- NULL means "the default", so a changed default reaches every server that never set it
CREATE TABLE guild_settings (
    guild_id            INTEGER PRIMARY KEY,
    default_mode        TEXT,
    seconds             INTEGER,
    questions           INTEGER,
    moderator_role_id   INTEGER,
    allowed_channel_ids TEXT,   -- JSON list of channel ids
    max_games           INTEGER,
    streak_bonus        INTEGER,
    start_cooldown      INTEGER
);
"""

# v2: issues 4 and 5: question reports, disabled questions, server packs, key/value meta.
V2 = """
CREATE TABLE reports (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER NOT NULL,
    question_key TEXT    NOT NULL,
    user_id      INTEGER NOT NULL,
    reason       TEXT    NOT NULL,
    created_at   REAL    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'dismissed', 'disabled')),
    resolved_by  INTEGER,
    resolved_at  REAL
);
CREATE INDEX reports_by_status ON reports (guild_id, status, question_key);
CREATE INDEX reports_by_user ON reports (user_id);

CREATE TABLE disabled_questions (
    guild_id     INTEGER NOT NULL,
    question_key TEXT    NOT NULL,
    disabled_by  INTEGER,
    disabled_at  REAL,
    PRIMARY KEY (guild_id, question_key)
) WITHOUT ROWID;

CREATE TABLE server_packs (
    guild_id       INTEGER NOT NULL,
    slug           TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    yaml_text      TEXT    NOT NULL,  -- the file as imported, returned unchanged by export
    question_count INTEGER NOT NULL,
    updated_by     INTEGER,
    updated_at     REAL    NOT NULL,
    PRIMARY KEY (guild_id, slug)
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""

# v3: issue 6: fewer B-tree writes per answer. Each round records its pack and the range of
# answer ids it wrote (a question's answers are inserted together, so their ids are
# contiguous); per-pack and past-period leaderboards read a round's answers by that rowid
# range, so the 7-column covering index on answers (a second B-tree write per answer) goes.
# Old rounds are matched to their answers by game, question and close time (v2 wrote the
# round's asked_at and its answers' answered_at from the same value).
V3 = """
ALTER TABLE rounds ADD COLUMN pack TEXT;            -- NULL when a round's answers mix packs
ALTER TABLE rounds ADD COLUMN first_answer INTEGER; -- NULL when nobody answered
ALTER TABLE rounds ADD COLUMN last_answer INTEGER;
CREATE INDEX temp_answers_by_round ON answers (game_id, question_key, answered_at);
UPDATE rounds SET
    first_answer = (SELECT min(a.id) FROM answers AS a WHERE a.game_id = rounds.game_id
                    AND a.question_key = rounds.question_key AND a.answered_at = rounds.asked_at),
    last_answer = (SELECT max(a.id) FROM answers AS a WHERE a.game_id = rounds.game_id
                   AND a.question_key = rounds.question_key AND a.answered_at = rounds.asked_at),
    pack = (SELECT CASE WHEN min(a.pack) = max(a.pack) THEN min(a.pack) END
            FROM answers AS a WHERE a.game_id = rounds.game_id
            AND a.question_key = rounds.question_key AND a.answered_at = rounds.asked_at);
DROP INDEX temp_answers_by_round;
DROP INDEX answers_by_pack;
CREATE INDEX rounds_by_time ON rounds (guild_id, asked_at, pack, first_answer, last_answer);
"""

# v4: issue 10: the message showing a game's current question, so that after a crash the
# restarted bot can close it in public (buttons disabled) instead of leaving it live.
V4 = """
ALTER TABLE games ADD COLUMN message_id INTEGER;  -- NULL until a question is on screen
"""

# v5: issue 12: narrow answers. The facts a question's answers share (game, guild, key, pack,
# category, close time) are kept once, in its round; an answer keeps its round's id and what
# is its own. Each answer keeps its id, so the rounds' id ranges stay right. v3 matched every
# answer to its round by game, question and close time, and this copies exactly those; the
# round's category is its answers' (one question has one category).
V5 = """
ALTER TABLE rounds ADD COLUMN category TEXT;
UPDATE rounds SET category = (
    SELECT min(a.category) FROM answers AS a
    WHERE a.id BETWEEN rounds.first_answer AND rounds.last_answer)
WHERE first_answer IS NOT NULL;
CREATE TABLE answers_v5 (
    id       INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    user_id  INTEGER NOT NULL,
    correct  INTEGER NOT NULL,
    points   INTEGER NOT NULL,
    ms       INTEGER,           -- NULL when the player gave no answer
    streak   INTEGER NOT NULL
);
INSERT INTO answers_v5 (id, round_id, user_id, correct, points, ms, streak)
SELECT a.id, r.id, a.user_id, a.correct, a.points, a.ms, a.streak
FROM rounds AS r JOIN answers AS a ON a.id BETWEEN r.first_answer AND r.last_answer
WHERE a.game_id = r.game_id AND a.guild_id = r.guild_id
  AND a.question_key = r.question_key AND a.answered_at = r.asked_at;
DROP TABLE answers;
ALTER TABLE answers_v5 RENAME TO answers;
"""

# v6: issue 13: the daily question, seasons and fans' suggestions. A posted day's row is
# written before its message is sent (message_id filled after), so the primary key rules out
# posting a day twice.
V6 = """
CREATE TABLE daily_schedules (
    guild_id      INTEGER PRIMARY KEY,
    channel_id    INTEGER NOT NULL,
    post_time     TEXT    NOT NULL,  -- HH:MM, local time in timezone
    timezone      TEXT    NOT NULL,  -- IANA name
    packs         TEXT    NOT NULL,  -- comma-separated slugs; empty: every pack
    enabled       INTEGER NOT NULL,
    up_to_episode INTEGER,           -- spoiler limit; NULL: none
    paused_reason TEXT,              -- NULL while running
    updated_by    INTEGER,           -- NULL once that moderator's data was removed
    updated_at    REAL    NOT NULL
);
CREATE TABLE daily_posts (
    guild_id     INTEGER NOT NULL,
    day          TEXT    NOT NULL,  -- YYYY-MM-DD in the schedule's time zone
    question_key TEXT    NOT NULL,
    channel_id   INTEGER NOT NULL,
    message_id   INTEGER,           -- NULL until sent (or when the send failed)
    posted_at    REAL    NOT NULL,
    PRIMARY KEY (guild_id, day)
) WITHOUT ROWID;
CREATE TABLE daily_answers (
    guild_id    INTEGER NOT NULL,
    day         TEXT    NOT NULL,
    user_id     INTEGER NOT NULL,
    choice      INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    answered_at REAL    NOT NULL,
    PRIMARY KEY (guild_id, day, user_id)
) WITHOUT ROWID;
CREATE INDEX daily_answers_by_user ON daily_answers (guild_id, user_id, day);
-- season boards sum a span of daily answers by time (it covers what they read)
CREATE INDEX daily_answers_by_time ON daily_answers (guild_id, answered_at, user_id, correct);

-- seasons: named spans of time; their boards are summed from the answers, never copied
CREATE TABLE seasons (
    guild_id         INTEGER NOT NULL,
    name             TEXT    NOT NULL,
    name_key         TEXT    NOT NULL,  -- the name case-folded: unique per guild
    starts_at        REAL    NOT NULL,
    ends_at          REAL,              -- NULL while running with no end set
    created_by       INTEGER,           -- NULL once that moderator's data was removed
    final_channel_id INTEGER,           -- where the final board was posted
    final_posted_at  REAL,
    PRIMARY KEY (guild_id, name_key)
) WITHOUT ROWID;

-- questions suggested by fans, waiting for (or after) a moderator's review
CREATE TABLE suggestions (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    user_name     TEXT    NOT NULL,
    question      TEXT    NOT NULL,
    answer        TEXT    NOT NULL,
    wrong_answers TEXT    NOT NULL,  -- one a line
    source        TEXT    NOT NULL,  -- a link or a quote
    created_at    REAL    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
    reviewed_by   INTEGER,
    reviewed_at   REAL,
    reason        TEXT,              -- why it was declined (sent to the suggester)
    target_pack   TEXT,
    question_key  TEXT,              -- the approved question's pack/id
    notified_at   REAL               -- when the suggester was told it was declined
);
CREATE INDEX suggestions_by_status ON suggestions (guild_id, status, id);
CREATE INDEX suggestions_by_user ON suggestions (guild_id, user_id, created_at);
"""

MIGRATIONS: tuple[str, ...] = (V1, V2, V3, V4, V5, V6)
#: The schema version this code writes and understands.
LATEST = len(MIGRATIONS)


async def schema_version(conn: aiosqlite.Connection) -> int:
    """The database's ``PRAGMA user_version`` (0 for a new file)."""
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


def newer_schema_message(found: int) -> str:
    """The refusal for a database written by a newer bot."""
    return (
        f"database schema version {found} is newer than this bot understands ({LATEST}); "
        "upgrade the bot"
    )


async def migrate(conn: aiosqlite.Connection, target: int = LATEST) -> list[int]:
    """Apply every migration after the current version up to ``target``; return those applied."""
    if not 0 <= target <= LATEST:
        raise ValueError(f"no migration {target}")
    current = await schema_version(conn)
    if current > LATEST:
        raise StoreError(newer_schema_message(current))
    applied: list[int] = []
    for version in range(current + 1, target + 1):
        # user_version lives in the database header, so it commits (or rolls back) with the
        # tables: a failed migration leaves the previous version intact
        script = (
            f"BEGIN IMMEDIATE;\n{MIGRATIONS[version - 1]}\n"
            f"PRAGMA user_version = {version};\nCOMMIT;"
        )
        try:
            await conn.executescript(script)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                await conn.rollback()
            # another process opening the same new file may have applied it between our
            # read of the version and our write lock: then there is nothing left to do
            if await schema_version(conn) >= version:
                continue
            raise StoreError(f"migration {version} failed: {exc}") from exc
        applied.append(version)
    return applied
