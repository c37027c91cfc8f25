"""Test helpers: a virtual clock whose sleep waits for the test to move time; small questions."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Awaitable, Callable, Sequence

from bot.engine.events import Event
from bot.engine.model import Player, Question, Source

#: loop iterations that let every ready task run to its next real wait
SETTLE_ROUNDS = 50


class FakeTime:
    """Virtual time: ``clock`` reads it, ``sleep`` waits until ``advance`` moves past its end."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self._timers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    def clock(self) -> float:
        """The current virtual time."""
        return self.now

    async def sleep(self, delay: float) -> None:
        """Wait ``delay`` virtual seconds (until a test advances the clock that far)."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._timers, (self.now + max(0.0, delay), next(self._seq), future))
        await future

    @property
    def pending(self) -> int:
        """Sleeps still waiting."""
        return sum(1 for *_, f in self._timers if not f.done())

    async def settle(self) -> None:
        """Let every task that can run, run (without moving time)."""
        for _ in range(SETTLE_ROUNDS):
            await asyncio.sleep(0)

    async def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds``, waking each sleeper at its own time, in order."""
        await self.advance_to(self.now + seconds)

    async def advance_to(self, target: float) -> None:
        """Move time forward to ``target`` (never backwards)."""
        await self.settle()
        while (timer := self._next_timer()) is not None and timer[0] <= target:
            when, _, future = heapq.heappop(self._timers)
            self.now = max(self.now, when)
            future.set_result(None)
            await self.settle()
        self.now = max(self.now, target)
        await self.settle()

    async def run(self, *tasks: Awaitable[object], max_steps: int = 100_000) -> None:
        """Jump from timer to timer until every task is done (RuntimeError if they are stuck)."""
        futures = [asyncio.ensure_future(t) for t in tasks]
        for _ in range(max_steps):
            await self.settle()
            if all(f.done() for f in futures):
                return
            timer = self._next_timer()
            if timer is None:
                raise RuntimeError("tasks are waiting but no fake sleep is pending")
            await self.advance_to(timer[0])
        raise RuntimeError("tasks did not finish")

    def _next_timer(self) -> tuple[float, int, asyncio.Future[None]] | None:
        while self._timers and self._timers[0][2].done():
            heapq.heappop(self._timers)
        return self._timers[0] if self._timers else None


class Recorder:
    """A sink that keeps every event; ``on`` hooks run on events of one type."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.hooks: dict[type, Callable[[Event], Awaitable[None]]] = {}

    async def __call__(self, event: Event) -> None:
        self.events.append(event)
        hook = self.hooks.get(type(event))
        if hook is not None:
            await hook(event)

    def of(self, kind: type) -> list:
        """The recorded events of one type."""
        return [e for e in self.events if isinstance(e, kind)]


SOURCE = Source(id="glitz", title="Glitz review", outlet="Glitz")


def make_question(
    qid: str,
    answer: str = "Right",
    *,
    wrong: Sequence[str] = ("Wrong 1", "Wrong 2", "Wrong 3"),
    aliases: Sequence[str] = (),
    episode: int | None = None,
    pack: str = "test",
    category: str = "story",
) -> Question:
    """A small question for tests."""
    return Question(
        id=qid,
        pack=pack,
        question=f"Question {qid}?",
        answer=answer,
        aliases=tuple(aliases),
        wrong_answers=tuple(wrong),
        category=category,
        source=SOURCE,
        evidence="It says so.",
        note="A note.",
        episode=episode,
    )


def make_questions(n: int, **kwargs: object) -> list[Question]:
    """``n`` questions q1..qn with the same answer."""
    return [make_question(f"q{i}", **kwargs) for i in range(1, n + 1)]  # type: ignore[arg-type]


ALICE = Player(1, "Alice")
BOB = Player(2, "Bob")
CARA = Player(3, "Cara")
DAN = Player(4, "Dan")
