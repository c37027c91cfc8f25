"""One question in play: who tried what, the hints shown, and the scoring when it closes."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bot.engine.errors import NoQuestions
from bot.engine.events import HintRevealed, Winner
from bot.engine.hints import hint_text
from bot.engine.model import AnswerRecord, Question
from bot.engine.ranking import PlayerScore


@dataclass(slots=True)
class Attempt:
    """One player's answers to the current question."""

    tries: int = 0
    option: int | None = None
    correct: bool = False
    points: int = 0
    #: when the right answer (or else the last try) came in
    at: float = 0.0


@dataclass(slots=True)
class Round:
    """The question in play and everything said about it so far."""

    index: int
    question: Question
    options: tuple[str, ...]
    correct_option: int | None
    asked_at: float
    deadline: float
    hint_times: tuple[float, ...]
    hints_shown: int = 0
    #: waiting for the front end to show it: no time runs yet (``Game.shown`` starts it)
    waiting: bool = False
    attempts: dict[int, Attempt] = field(default_factory=dict)
    winners: list[Winner] = field(default_factory=list)

    def next_time(self) -> float:
        """The next hint time, or the deadline when every hint is out."""
        if self.hints_shown < len(self.hint_times):
            return min(self.hint_times[self.hints_shown], self.deadline)
        return self.deadline

    def hints_due(self, now: float) -> int:
        """How many hints are due by ``now`` (shown or not: scoring must not depend on ticks)."""
        return sum(1 for t in self.hint_times if t <= now)

    def reveal_hints(self, now: float) -> list[HintRevealed]:
        """The hints that have become due and were not shown yet."""
        events = []
        while self.hints_shown < len(self.hint_times) and now >= self.hint_times[self.hints_shown]:
            self.hints_shown += 1
            text = hint_text(self.question.answer, self.hints_shown)
            events.append(HintRevealed(self.index, text, self.hints_shown, now))
        return events

    def settle(self, scores: dict[int, PlayerScore], interrupted: bool) -> tuple[AnswerRecord, ...]:
        """Update every joined player's tally in ``scores`` and return their records."""
        q = self.question
        results = []
        for uid, score in list(scores.items()):
            attempt = self.attempts.get(uid)
            right = attempt is not None and attempt.correct
            if attempt is not None and attempt.correct:
                streak = score.streak + 1
                score = PlayerScore(
                    score.player,
                    points=score.points + attempt.points,
                    right=score.right + 1,
                    streak=streak,
                    best_streak=max(score.best_streak, streak),
                )
            elif attempt is not None or not interrupted:
                # A wrong or missing answer breaks the streak; a skip or stop is nobody's fault.
                score = PlayerScore(score.player, score.points, score.right, 0, score.best_streak)
            scores[uid] = score
            results.append(
                AnswerRecord(
                    question_key=q.key,
                    pack=q.pack,
                    category=q.category,
                    user_id=uid,
                    name=score.player.name,
                    correct=right,
                    points=attempt.points if attempt is not None and right else 0,
                    ms=ms(attempt.at - self.asked_at) if attempt is not None else None,
                    streak=score.streak,
                )
            )
        return tuple(results)


def make_options(question: Question, rng: random.Random) -> tuple[tuple[str, ...], int]:
    """Four shuffled options (the answer and three wrong ones) and the right one's index."""
    if not question.supports_choice:
        raise NoQuestions(f"Question {question.key} cannot be played as multiple choice.")
    wrong = rng.sample(list(question.wrong_answers), 3)
    options = [(question.answer, True)] + [(w, False) for w in wrong]
    rng.shuffle(options)
    right = next(i for i, (_, ok) in enumerate(options) if ok)
    return tuple(text for text, _ in options), right


def ms(seconds: float) -> int:
    """Seconds to whole milliseconds, never negative."""
    return max(0, round(seconds * 1000))
