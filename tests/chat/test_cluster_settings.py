"""TRIVIA_SHARD_COUNT and TRIVIA_SHARDS; SQLite refused when bot processes would share it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.chat.app import recovery_for, run
from bot.chat.cluster import ClusterError, check_shards, sqlite_bot_lock
from bot.config import ConfigError, Settings
from bot.session.identity import LOCAL_GUILD_ID
from bot.store.types import Recovery

PG = "postgresql://bot@db.example/trivia"


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """run() configures logging for a real process; put the test process's back afterwards."""
    root, library = logging.getLogger(), logging.getLogger("discord")
    saved = (root.handlers[:], root.level, library.level)
    yield
    root.handlers[:], root.level = saved[0], saved[1]
    library.setLevel(saved[2])


def _settings(**values: str) -> Settings:
    return Settings.from_env(values, dotenv_path=None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("0-3", (0, 1, 2, 3)), ("4-7", (4, 5, 6, 7)), ("0,2,5", (0, 2, 5)), ("6, 1-2,1", (1, 2, 6))],
)
def test_shards_are_ranges_or_lists_of_ids(raw: str, expected: tuple[int, ...]) -> None:
    settings = _settings(TRIVIA_SHARD_COUNT="8", TRIVIA_SHARDS=raw)
    assert (settings.trivia_shard_count, settings.trivia_shards) == (8, expected)


def test_unset_means_every_shard_discord_recommends_in_this_process() -> None:
    settings = _settings()
    assert (settings.trivia_shard_count, settings.trivia_shards) == (None, None)
    assert settings.runs_every_shard and settings.holds_shard_zero
    counted = _settings(TRIVIA_SHARD_COUNT="4")
    assert counted.runs_every_shard and counted.holds_shard_zero


def test_which_process_holds_shard_zero_and_every_shard() -> None:
    assert not _settings(TRIVIA_SHARD_COUNT="8", TRIVIA_SHARDS="4-7").holds_shard_zero
    assert _settings(TRIVIA_SHARD_COUNT="8", TRIVIA_SHARDS="0-3").holds_shard_zero
    assert not _settings(TRIVIA_SHARD_COUNT="8", TRIVIA_SHARDS="0-3").runs_every_shard
    assert _settings(TRIVIA_SHARD_COUNT="2", TRIVIA_SHARDS="1,0").runs_every_shard


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"TRIVIA_SHARD_COUNT": "0"}, "TRIVIA_SHARD_COUNT must be a whole number of shards"),
        ({"TRIVIA_SHARD_COUNT": "two"}, "TRIVIA_SHARD_COUNT must be a whole number of shards"),
        ({"TRIVIA_SHARDS": "0-3"}, "TRIVIA_SHARDS needs TRIVIA_SHARD_COUNT"),
        ({"TRIVIA_SHARD_COUNT": "8", "TRIVIA_SHARDS": "4-8"}, "names shard 8, but with"),
        ({"TRIVIA_SHARD_COUNT": "8", "TRIVIA_SHARDS": "3-1"}, "runs backwards"),
        ({"TRIVIA_SHARD_COUNT": "8", "TRIVIA_SHARDS": "a-b"}, "must list shard ids like"),
        ({"TRIVIA_SHARD_COUNT": "8", "TRIVIA_SHARDS": "1,,2"}, "must list shard ids like"),
        ({"TRIVIA_SHARD_COUNT": "8", "TRIVIA_SHARDS": "-1"}, "must list shard ids like"),
    ],
)
def test_bad_shard_settings_say_what_is_wrong(values: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        _settings(**values)


def test_recovery_claims_only_this_processs_shards_and_never_the_terminals() -> None:
    part = recovery_for(_settings(TRIVIA_SHARD_COUNT="8", TRIVIA_SHARDS="4-7", TRIVIA_DB=PG))
    assert part == Recovery(shard_ids=(4, 5, 6, 7), shard_count=8, skip_guild_id=LOCAL_GUILD_ID)
    assert recovery_for(_settings()) == Recovery(skip_guild_id=LOCAL_GUILD_ID)


def test_some_shards_on_sqlite_are_refused_and_on_postgresql_allowed() -> None:
    with pytest.raises(ClusterError, match="SQLite is for one process"):
        check_shards(_settings(TRIVIA_SHARD_COUNT="8", TRIVIA_SHARDS="0-3"))
    check_shards(_settings(TRIVIA_SHARD_COUNT="8", TRIVIA_SHARDS="0-3", TRIVIA_DB=PG))
    check_shards(_settings(TRIVIA_SHARD_COUNT="8"))  # every shard here: SQLite is fine


def test_run_with_some_shards_on_sqlite_exits_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "trivia.sqlite3"
    settings = Settings(
        discord_token="token", trivia_db=str(db), trivia_shard_count=2, trivia_shards=(1,)
    )
    assert run(settings) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith("Cannot start: TRIVIA_SHARDS=1 runs only some of the 2 shards")
    assert not db.exists()  # refused before the database was touched


def test_a_second_bot_on_the_same_sqlite_file_exits_1_saying_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "trivia.sqlite3"
    with sqlite_bot_lock(db):  # the first bot, running
        assert run(Settings(discord_token="token", trivia_db=str(db))) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert "another `trivia-bot run` is already using" in err
    assert not db.exists()


def test_the_lock_is_free_again_once_the_bot_stops(tmp_path: Path) -> None:
    db = tmp_path / "trivia.sqlite3"
    with sqlite_bot_lock(db), pytest.raises(ClusterError), sqlite_bot_lock(db):
        pass
    with sqlite_bot_lock(db):  # taken again: no error
        assert (tmp_path / "trivia.sqlite3.bot.lock").exists()


def test_postgresql_takes_no_lock(tmp_path: Path) -> None:
    with sqlite_bot_lock(PG), sqlite_bot_lock(PG):
        assert list(tmp_path.iterdir()) == []
