"""Plain data shared by every layer: sources, questions, packs, players and answer records."""

from __future__ import annotations

from dataclasses import dataclass, field

DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
#: The categories the shipped bank uses; a moderator's pack may add its own.
CATEGORIES: tuple[str, ...] = ("cast", "characters", "story", "production", "soundtrack-1")


@dataclass(frozen=True, slots=True)
class Source:
    """An article a question may cite, from questions/sources.yaml."""

    id: str
    title: str
    outlet: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One trivia question, as loaded from a pack."""

    id: str
    pack: str
    question: str
    answer: str
    aliases: tuple[str, ...] = ()
    wrong_answers: tuple[str, ...] = ()
    category: str = "general"
    difficulty: str = "medium"
    source: Source | None = None
    evidence: str | None = None
    note: str | None = None
    episode: int | None = None
    #: ids of questions in the same pack whose answer this one gives away (kept out of its game)
    gives_away: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Globally unique id: ``pack/id`` (what scores and reports point at)."""
        return f"{self.pack}/{self.id}"

    @property
    def accepted(self) -> tuple[str, ...]:
        """The answer and its aliases: every spelling that counts as right."""
        return (self.answer, *self.aliases)

    @property
    def supports_choice(self) -> bool:
        """A question can be multiple choice only with at least three wrong answers."""
        return len(self.wrong_answers) >= 3


@dataclass(frozen=True, slots=True)
class Pack:
    """A named set of questions: a shipped YAML file, a server's import, or a Red list."""

    slug: str
    title: str
    description: str = ""
    questions: tuple[Question, ...] = ()
    #: "native" (this project's format) or "red" (Red-DiscordBot trivia list)
    format: str = "native"
    #: where it came from: a file path for shipped packs, an attachment name for imports
    origin: str = ""
    categories: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.categories:
            cats = sorted({q.category for q in self.questions})
            object.__setattr__(self, "categories", tuple(cats))


@dataclass(frozen=True, slots=True)
class Player:
    """Someone playing: a Discord user, or a name typed into the terminal game."""

    user_id: int
    name: str


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One player's result on one question; the store writes a question's records together."""

    question_key: str  # "pack/id"
    pack: str
    category: str
    user_id: int
    name: str
    correct: bool
    points: int
    #: milliseconds from the question being asked to the (first right, or last) answer;
    #: None when the player gave no answer to this question
    ms: int | None
    #: the player's streak of right answers after this question
    streak: int
