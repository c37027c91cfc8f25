"""The question bank: every loaded pack, their sources, and lookups for games."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.bank.problems import Problem
from bot.engine.model import CATEGORIES, DIFFICULTIES, Pack, Question, Source


def ordered_categories(names: Iterable[str]) -> list[str]:
    """Categories in a stable order: the shipped ones first as listed, then the rest sorted."""
    present = set(names)
    return [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))


@dataclass(frozen=True)
class Bank:
    """Packs by slug (shipped, possibly with a server's own layered on) and their sources."""

    packs: Mapping[str, Pack]
    sources: Mapping[str, Source] = field(default_factory=dict)
    #: what loaded anyway but deserves a look (a Red list's repeated question), by file
    warnings: tuple[Problem, ...] = ()

    def pack(self, slug: str) -> Pack:
        """The pack with this slug; raises KeyError naming it if there is none."""
        try:
            return self.packs[slug]
        except KeyError:
            raise KeyError(f"no pack named {slug!r}") from None

    def question(self, key: str) -> Question | None:
        """The question whose key is ``pack/id``, or None."""
        slug, _, qid = key.partition("/")
        pack = self.packs.get(slug)
        if pack is None:
            return None
        return next((q for q in pack.questions if q.id == qid), None)

    def questions(
        self,
        packs: Sequence[str] | None = None,
        category: str | None = None,
        *,
        difficulty: str | None = None,
        max_episode: int | None = None,
        choice_only: bool = False,
    ) -> list[Question]:
        """Questions of some packs (default all), filtered; raises KeyError for an unknown pack.

        ``max_episode`` keeps spoiler-free questions: those with no episode or one up to it.
        ``choice_only`` keeps questions that have wrong answers for multiple choice.
        """
        chosen = [self.pack(s) for s in packs] if packs is not None else list(self.packs.values())
        return [
            q
            for p in chosen
            for q in p.questions
            if (category is None or q.category == category)
            and (difficulty is None or q.difficulty == difficulty)
            and (max_episode is None or q.episode is None or q.episode <= max_episode)
            and (not choice_only or q.supports_choice)
        ]

    def categories(self, packs: Sequence[str] | None = None) -> list[str]:
        """The categories in use (shipped ones first)."""
        return ordered_categories(q.category for q in self.questions(packs))

    def difficulty_counts(self) -> dict[str, int]:
        """How many questions there are at each difficulty."""
        counts = dict.fromkeys(DIFFICULTIES, 0)
        for q in self.questions():
            counts[q.difficulty] = counts.get(q.difficulty, 0) + 1
        return counts

    def with_packs(self, extra: Iterable[Pack]) -> Bank:
        """A new bank with more packs (e.g. a server's own); raises ValueError on a slug clash."""
        packs = dict(self.packs)
        for pack in extra:
            if pack.slug in packs:
                raise ValueError(f"a pack named {pack.slug!r} is already in the bank")
            packs[pack.slug] = pack
        return Bank(packs=packs, sources=self.sources)

    def __len__(self) -> int:
        return sum(len(p.questions) for p in self.packs.values())
