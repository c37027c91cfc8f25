"""The game state machine: commands and the time in, events out; it never waits or reads a clock."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Collection, Sequence
from enum import StrEnum

from bot.answers import is_correct
from bot.engine import scoring
from bot.engine.config import GameConfig
from bot.engine.errors import (
    AlreadyAnswered,
    GameError,
    GameOver,
    InvalidOption,
    NoGuessesLeft,
    NoQuestions,
    NotAllowed,
    NotStarted,
    QuestionNotOpen,
    WrongMode,
)
from bot.engine.events import (
    AnswerLocked,
    CloseReason,
    Event,
    FinishReason,
    GameFinished,
    GameStarted,
    GuessJudged,
    PlayerJoined,
    QuestionAsked,
    QuestionClosed,
    Winner,
)
from bot.engine.model import Player, Question
from bot.engine.ranking import PlayerScore, RankingRow, rank
from bot.engine.round import Attempt, Round, make_options, ms
from bot.engine.selection import select_questions

#: checks a typed guess against the accepted spellings (``bot.answers.is_correct``)
Matcher = Callable[[str, Sequence[str]], bool]

#: longer guesses are cut: no right answer is this long, and events stay small
MAX_GUESS_CHARS = 200


class Phase(StrEnum):
    """Where the game is: before the first question, a question open, the reveal pause, over."""

    READY = "ready"
    OPEN = "open"
    REVEAL = "reveal"
    FINISHED = "finished"


class Game:
    """One trivia game: call ``start``, feed it answers and ``tick``, render the events."""

    def __init__(
        self,
        questions: Sequence[Question],
        config: GameConfig | None = None,
        *,
        starter: Player | None = None,
        players: Sequence[Player] = (),
        matcher: Matcher | None = None,
        game_id: int | None = None,
    ) -> None:
        self.config = config if config is not None else GameConfig()
        self.starter = starter
        #: free for the front end (e.g. the store's game id); the engine never reads it
        self.game_id = game_id
        self._questions = tuple(questions)[: self.config.questions]
        if not self._questions:
            raise NoQuestions("There are no questions to play.")
        self._rng = random.Random(self.config.seed)
        typed = self.config.mode == "typed"
        self._options = [
            ((), None) if typed else make_options(q, self._rng) for q in self._questions
        ]
        self._matcher = matcher if matcher is not None else is_correct
        self._phase = Phase.READY
        self._now = -math.inf
        self._scores: dict[int, PlayerScore] = {}
        self._round: Round | None = None
        self._asked = 0
        #: questions skipped because the front end could not show them (nobody played them)
        self._unseen = 0
        self._next_at: float | None = None
        self._silent = 0
        self._finished: GameFinished | None = None
        for player in (starter, *players):
            if player is not None:
                self._add_player(player)

    # ----- read-only state -------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """The current phase."""
        return self._phase

    @property
    def finished(self) -> bool:
        """True once GameFinished has been emitted."""
        return self._phase is Phase.FINISHED

    @property
    def result(self) -> GameFinished | None:
        """The GameFinished event, once the game is over."""
        return self._finished

    @property
    def total(self) -> int:
        """How many questions this game will ask (fewer than asked for if fewer were left)."""
        return len(self._questions)

    @property
    def asked(self) -> int:
        """How many questions have been asked so far."""
        return self._asked

    @property
    def index(self) -> int:
        """1-based number of the current (or last) question; 0 before the start."""
        return self._round.index if self._round else 0

    @property
    def question(self) -> Question | None:
        """The current (or last) question."""
        return self._round.question if self._round else None

    @property
    def players(self) -> tuple[Player, ...]:
        """Everyone who joined, in the order they joined."""
        return tuple(s.player for s in self._scores.values())

    @property
    def scores(self) -> tuple[PlayerScore, ...]:
        """Each joined player's running tally, in join order."""
        return tuple(self._scores.values())

    def ranking(self) -> tuple[RankingRow, ...]:
        """The ranking as it stands (final once the game is over)."""
        return rank(self._scores.values(), self._asked - self._unseen)

    def next_deadline(self) -> float | None:
        """When ``tick`` should next be called; None before the start and after the end."""
        if self._phase is Phase.OPEN and self._round is not None:
            return self._round.next_time()
        if self._phase is Phase.REVEAL:
            return self._next_at
        return None

    # ----- commands --------------------------------------------------------------------

    def start(self, now: float) -> list[Event]:
        """Begin the game and ask the first question."""
        now = self._clock(now)
        if self._phase is not Phase.READY:
            raise GameError("The game has already started.")
        events: list[Event] = [
            GameStarted(
                total=self.total,
                mode=self.config.mode,
                guess_style=self.config.guess_style,
                seconds=self.config.seconds,
                starter=self.starter,
                players=self.players,
                config=self.config,
                at=now,
            )
        ]
        events += self._ask(now)
        return events

    def tick(self, now: float) -> list[Event]:
        """Let time pass: hints, closing on time, the next question after the reveal pause."""
        return self._advance(self._clock(now))

    def join(self, player: Player, now: float | None = None) -> list[Event]:
        """Add a player (answering also joins); joining twice does nothing."""
        at = self._clock(self._now if now is None else now)
        if self._phase is Phase.FINISHED:
            raise GameOver("This game is over.")
        if player.user_id in self._scores:
            return []
        self._add_player(player)
        return [PlayerJoined(player=player, at=at)]

    def answer(
        self, player: Player, option: int, now: float, *, index: int | None = None
    ) -> list[Event]:
        """Lock in a choice answer (0-based option); one per player per question, final.

        ``index``: the question number the click was for (a button on an old message is
        refused as closed); None skips that check.
        """
        now = self._clock(now)
        r = self._open_round("choice", now, index)
        if isinstance(option, bool) or not isinstance(option, int):
            raise InvalidOption("That is not one of the options.")
        if not 0 <= option < len(r.options):
            raise InvalidOption("That is not one of the options.")
        if player.user_id in r.attempts:
            raise AlreadyAnswered("You already answered this question.")
        events = self.join(player, now)
        correct = option == r.correct_option
        points = self._points(player, r, now, bonus=0) if correct else 0
        r.attempts[player.user_id] = Attempt(
            tries=1, option=option, correct=correct, points=points, at=now
        )
        if correct:
            r.winners.append(Winner(player, points, ms(now - r.asked_at)))
        events.append(
            AnswerLocked(
                player=player,
                index=r.index,
                option=option,
                at=now,
                answered=len(r.attempts),
                joined=len(self._scores),
            )
        )
        if self._may_close_early(r) and all(uid in r.attempts for uid in self._scores):
            events += self._close("all_answered", now)
        return events + self._advance(now)

    def guess(
        self, player: Player, text: str, now: float, *, index: int | None = None
    ) -> list[Event]:
        """Check a typed guess (private: up to max_guesses each; public: first right wins)."""
        now = self._clock(now)
        r = self._open_round("typed", now, index)
        text = text.strip()[:MAX_GUESS_CHARS]
        if not text:
            raise GameError("Type an answer first.")
        limit = self._guess_limit()
        attempt = r.attempts.get(player.user_id)
        if attempt is not None and attempt.correct:
            raise AlreadyAnswered("You already got this one right.")
        if attempt is not None and attempt.tries >= limit:
            raise NoGuessesLeft(f"You have used all {limit} guesses for this question.")
        events = self.join(player, now)
        attempt = r.attempts.setdefault(player.user_id, Attempt())
        correct = bool(self._matcher(text, r.question.accepted))
        attempt.tries += 1
        attempt.at = now
        first = correct and not r.winners
        private = self.config.guess_style == "private"
        if correct:
            bonus = self.config.first_bonus if (first and private) else 0
            attempt.correct = True
            attempt.points = self._points(player, r, now, bonus=bonus)
            r.winners.append(Winner(player, attempt.points, ms(now - r.asked_at)))
        events.append(
            GuessJudged(
                player=player,
                index=r.index,
                guess=text,
                correct=correct,
                guesses_left=0 if correct else limit - attempt.tries,
                points=attempt.points if correct else 0,
                first=first,
                at=now,
                guess_style=self.config.guess_style,
            )
        )
        if correct and not private:
            events += self._close("won", now)
        elif self._may_close_early(r) and all(
            self._done(r.attempts.get(uid), limit) for uid in self._scores
        ):
            events += self._close("all_answered", now)
        return events + self._advance(now)

    def skip(self, by: Player, allowed: bool, now: float) -> list[Event]:
        """Close the open question unscored for those who had not answered, or end the pause."""
        now = self._clock(now)
        if not allowed:
            raise NotAllowed("Only the player who started the game or a moderator can skip.")
        self._check_running()
        if self._phase is Phase.OPEN:
            events = self._close("skipped", now)
        else:
            events = []
            self._next_at = now
        return events + self._advance(now)

    def stop(self, by: Player, allowed: bool, now: float) -> list[Event]:
        """End the game now (the front end decides who is ``allowed``: starter or moderator)."""
        now = self._clock(now)
        if not allowed:
            raise NotAllowed("Only the player who started the game or a moderator can stop it.")
        if self._phase is Phase.FINISHED:
            raise GameOver("This game is already over.")
        return self._end("stopped", now, by=by)

    def end(self, reason: FinishReason, now: float) -> list[Event]:
        """End the game for a system reason ("shutdown", "error"); does nothing if it is over."""
        now = self._clock(now)
        if self._phase is Phase.FINISHED:
            return []
        return self._end(reason, now, by=None)

    def shown(self, index: int, now: float) -> list[Event]:
        """Question ``index`` is on screen at ``now``: its time (and hints) start now.

        Only for ``config.wait_for_display``; anything else (an old question, a second call)
        does nothing.
        """
        now = self._clock(now)
        r = self._round
        if self._phase is not Phase.OPEN or r is None or r.index != index or not r.waiting:
            return []
        seconds = self.config.seconds
        r.waiting = False
        r.asked_at = now
        r.deadline = now + seconds
        if self.config.mode == "typed":
            r.hint_times = tuple(now + f * seconds for f in self.config.hint_fractions)
        return self._advance(now)

    def unseen(self, index: int, now: float) -> list[Event]:
        """Question ``index`` could not be shown at all: skip it, scoring nobody."""
        now = self._clock(now)
        r = self._round
        if self._phase is not Phase.OPEN or r is None or r.index != index:
            return []
        return self._close("unseen", now) + self._advance(now)

    def forget(self, user_ids: Collection[int] | None = None) -> None:
        """Drop players (None: everyone) as if they never played: a moderator removed their data.

        Their points so far, their answer to the open question and their place in the ranking
        go; nothing more is recorded for them unless they answer again.
        """
        gone = set(self._scores) if user_ids is None else set(user_ids) & set(self._scores)
        for uid in gone:
            del self._scores[uid]
        r = self._round
        if r is not None and self._phase is Phase.OPEN:
            for uid in gone:
                r.attempts.pop(uid, None)
            r.winners[:] = [w for w in r.winners if w.player.user_id not in gone]

    # ----- internals -------------------------------------------------------------------

    def _clock(self, now: float) -> float:
        """The game's time: never goes backwards, ignores NaN and infinities."""
        if isinstance(now, int | float) and math.isfinite(now) and now > self._now:
            self._now = float(now)
        # Before any valid time has been seen, a bad one counts as zero.
        if not math.isfinite(self._now):
            self._now = 0.0
        return self._now

    def _add_player(self, player: Player) -> None:
        self._scores.setdefault(player.user_id, PlayerScore(player))

    def _check_running(self) -> None:
        if self._phase is Phase.FINISHED:
            raise GameOver("This game is over.")
        if self._phase is Phase.READY:
            raise NotStarted("The game has not started yet.")

    def _open_round(self, mode: str, now: float, index: int | None) -> Round:
        """The open question, or the GameError that explains why there is none."""
        self._check_running()
        if self.config.mode != mode:
            if mode == "choice":
                raise WrongMode("This game takes typed answers, not options.")
            raise WrongMode("This game is multiple choice: pick one of the options.")
        r = self._round
        if self._phase is not Phase.OPEN or r is None or now >= r.deadline:
            raise QuestionNotOpen("This question is closed.")
        if index is not None and index != r.index:
            raise QuestionNotOpen("This question is closed.")
        return r

    def _guess_limit(self) -> int:
        if self.config.guess_style == "private":
            return self.config.max_guesses
        return self.config.public_guess_limit

    def _may_close_early(self, r: Round) -> bool:
        """Whether this question may close before its time once every player is done."""
        return r.index >= self.config.early_close_from

    @staticmethod
    def _done(attempt: Attempt | None, limit: int) -> bool:
        return attempt is not None and (attempt.correct or attempt.tries >= limit)

    def _points(self, player: Player, r: Round, now: float, bonus: int) -> int:
        """Points for a right answer given now: speed, hints, first bonus, streak bonus."""
        points = scoring.speed_points(now - r.asked_at, self.config.seconds)
        if self.config.mode == "typed":
            # Hints count by time, so a guess scores the same whether or not tick ran first.
            hints = r.hints_due(now)
            points = round(points * scoring.hint_factor(hints, self.config.hint_penalty))
        streak = self._scores[player.user_id].streak + 1
        return points + bonus + scoring.streak_bonus(streak, self.config.streak_bonus)

    def _ask(self, now: float) -> list[Event]:
        """Ask the next question, or finish if every question has been asked."""
        if self._asked >= self.total:
            return self._finish("completed", now)
        question = self._questions[self._asked]
        options, right = self._options[self._asked]
        self._asked += 1
        seconds = self.config.seconds
        typed = self.config.mode == "typed"
        hint_times = tuple(now + f * seconds for f in self.config.hint_fractions) if typed else ()
        waiting = self.config.wait_for_display
        self._round = Round(
            index=self._asked,
            question=question,
            options=options,
            correct_option=right,
            asked_at=now,
            # waiting for the front end: no deadline and no hint until ``shown``
            deadline=math.inf if waiting else now + seconds,
            hint_times=() if waiting else hint_times,
            waiting=waiting,
        )
        self._phase = Phase.OPEN
        self._next_at = None
        return [
            QuestionAsked(
                index=self._asked,
                total=self.total,
                question=question,
                options=options,
                asked_at=now,
                deadline=now + seconds,
                mode=self.config.mode,
                guess_style=self.config.guess_style,
                guesses_per_player=self._guess_limit() if typed else 1,
                hint_times=hint_times,
            )
        ]

    def _advance(self, now: float) -> list[Event]:
        """Everything that is due at ``now``: hints, a close on time, the next question."""
        events: list[Event] = []
        while True:
            r = self._round
            if self._phase is Phase.OPEN and r is not None:
                if now >= r.deadline:
                    events += self._close("time", now)
                    continue
                return events + r.reveal_hints(now)
            if self._phase is Phase.REVEAL and self._next_at is not None and now >= self._next_at:
                events += self._ask(now)
                continue
            return events

    def _close(self, reason: CloseReason, now: float) -> list[Event]:
        """Score the open question for every joined player and reveal the answer."""
        r = self._round
        assert r is not None and self._phase is Phase.OPEN
        # a question nobody could see scores nobody and records nothing
        unseen = reason == "unseen"
        self._unseen += unseen
        results = (
            () if unseen else r.settle(self._scores, interrupted=reason in ("skipped", "stopped"))
        )
        if not r.attempts and reason == "time":
            self._silent += 1
        elif reason != "stopped":
            self._silent = 0
        last = self._asked >= self.total
        idle = self._silent >= self.config.idle_limit
        ending = reason == "stopped" or last or idle
        self._phase = Phase.REVEAL
        pause = 0.0 if unseen else self.config.reveal_seconds
        self._next_at = None if ending else now + pause
        events: list[Event] = [
            QuestionClosed(
                index=r.index,
                total=self.total,
                question=r.question,
                reason=reason,
                results=results,
                winners=() if unseen else tuple(r.winners),
                correct_option=r.correct_option,
                options=r.options,
                closed_at=now,
                next_at=self._next_at,
                standings=self.ranking(),
            )
        ]
        if reason != "stopped" and (last or idle):
            events += self._finish("completed" if last else "idle", now)
        return events

    def _end(self, reason: FinishReason, now: float, by: Player | None) -> list[Event]:
        """Close the open question (keeping points already won) and finish."""
        events: list[Event] = []
        if self._phase is Phase.OPEN:
            events += self._close("stopped", now)
        return events + self._finish(reason, now, by=by)

    def _finish(self, reason: FinishReason, now: float, by: Player | None = None) -> list[Event]:
        self._phase = Phase.FINISHED
        self._next_at = None
        self._finished = GameFinished(
            reason=reason,
            ranking=self.ranking(),
            # what the players were asked: a question nobody could see does not count
            asked=self._asked - self._unseen,
            total=self.total,
            at=now,
            by=by,
        )
        return [self._finished]


def new_game(
    candidates: Sequence[Question],
    config: GameConfig | None = None,
    *,
    recent: Sequence[str] = (),
    starter: Player | None = None,
    players: Sequence[Player] = (),
    matcher: Matcher | None = None,
) -> Game:
    """Pick questions from ``candidates`` for ``config`` and build the game (GameError if none)."""
    config = config if config is not None else GameConfig()
    chosen = select_questions(
        candidates,
        config.questions,
        mode=config.mode,
        up_to_episode=config.up_to_episode,
        recent=recent,
        rng=random.Random(config.seed),
    )
    return Game(chosen, config, starter=starter, players=players, matcher=matcher)
