"""A process killed with SIGKILL mid-game loses no finished question."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.store import open_store
from tests.store.store_helpers import T0

# The child opens the store, starts a game and records QUESTIONS questions one by one (three
# players each, user 1 always right for 100 points), printing a line after each commit; then
# it writes half of one more question inside an open transaction, says so, and blocks.
CHILD = """
import asyncio, sys
from bot.engine.model import AnswerRecord, Player
from bot.store import open_store

async def main(path, questions):
    store = await open_store(path, now=1000.0)
    game = await store.create_game(5, 50, ["main"], "choice", Player(1, "one"), 1000.0)
    print("game", game, flush=True)
    for q in range(questions + 1):
        records = [
            AnswerRecord(f"main/q{q}", "main", "cast", u, f"p{u}", u == 1,
                         100 if u == 1 else 0, 900, q + 1 if u == 1 else 0)
            for u in (1, 2, 3)
        ]
        if q == questions:
            db = store._conn
            await db.execute("BEGIN IMMEDIATE")
            await db.execute(
                "INSERT INTO rounds (game_id, guild_id, channel_id, question_key, asked_at)"
                " VALUES (?, 5, 50, 'main/x', 2000.0)", (game,))
            await db.execute(
                "INSERT INTO answers (round_id, user_id, correct, points, ms, streak)"
                " VALUES (last_insert_rowid(), 1, 1, 100, 1, 1)")
            await db.execute("UPDATE totals SET points = points + 100 WHERE user_id = 1")
            print("in flight", flush=True)
        else:
            await store.record_question(game, 5, records, 1000.0 + q)
            print("recorded", q + 1, flush=True)
    sys.stdin.readline()  # block until killed

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
async def test_sigkill_mid_game_keeps_every_finished_question(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite3"
    questions = 4
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(questions)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        lines = [child.stdout.readline().strip() for _ in range(questions + 2)]
        assert lines[1:] == [f"recorded {q}" for q in range(1, questions + 1)] + ["in flight"]
        game = int(lines[0].split()[1])
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    async with await open_store(path, now=T0) as store:
        assert store.recovered == [game]
        [summary] = await store.recent_games(5, 5)
        assert (summary.status, summary.asked, summary.players) == ("interrupted", questions, 3)
        page = await store.leaderboard(5, "all", 1000.0)
        assert [(r.user_id, r.points, r.right, r.answered, r.name) for r in page.rows] == [
            (1, questions * 100, questions, questions, "p1"),
            (2, 0, 0, questions, "p2"),
            (3, 0, 0, questions, "p3"),
        ]
        stats = await store.player_stats(5, 1, 1000.0)
        assert stats is not None and stats.best_streak == questions
        keys = await store.recent_question_keys(5, 50, 10)
        assert keys == [f"main/q{q}" for q in reversed(range(questions))]
        async with store._read() as db:
            [(count,)] = await db.execute_fetchall("SELECT count(*) FROM answers")
        assert count == questions * 3
