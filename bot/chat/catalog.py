"""The questions a server can play: the shipped bank plus that server's own packs, cached."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from bot.bank import Bank, parse_pack
from bot.engine.model import Pack, Question
from bot.store.port import CatalogStore
from bot.store.types import StoredPack

log = logging.getLogger(__name__)


class Catalog:
    """Per-guild banks: the shipped packs with each guild's stored packs layered on top."""

    def __init__(self, shipped: Bank | None, store: CatalogStore) -> None:
        self._shipped = shipped if shipped is not None else Bank(packs={})
        self._store = store
        self._banks: dict[int, Bank] = {}
        self._guild_slugs: dict[int, frozenset[str]] = {}
        # bumped by invalidate(): a load that started before it must not fill the cache
        self._generation: dict[int, int] = {}
        self._epoch = 0
        # each stored pack as last parsed, by (guild, slug): reused while its text and the
        # shipped bank are unchanged, so that disabling a question or importing one pack
        # does not validate all of a server's other packs again
        self._parsed: dict[tuple[int, str], tuple[tuple[int, int, int], Pack | None]] = {}

    @property
    def shipped(self) -> Bank:
        """The bank loaded from TRIVIA_QUESTIONS."""
        return self._shipped

    def replace_shipped(self, bank: Bank) -> None:
        """Use a newly loaded shipped bank (the owner's reload); every guild's cache is dropped."""
        self._shipped = bank
        self._epoch += 1
        self._banks.clear()
        self._guild_slugs.clear()

    def invalidate(self, guild_id: int) -> None:
        """Forget a guild's cached bank (after its packs or disabled questions changed)."""
        self._generation[guild_id] = self._generation.get(guild_id, 0) + 1
        self._banks.pop(guild_id, None)
        self._guild_slugs.pop(guild_id, None)

    async def bank_for(self, guild_id: int) -> Bank:
        """The shipped bank plus this guild's stored packs (broken ones skipped, logged)."""
        cached = self._banks.get(guild_id)
        if cached is not None:
            return cached
        stamp = (self._epoch, self._generation.get(guild_id, 0))
        shipped = self._shipped
        stored = await self._store.list_packs(guild_id)
        packs: dict[str, Pack] = {}
        slugs = {entry.slug for entry in stored}
        for gone in [k for k in self._parsed if k[0] == guild_id and k[1] not in slugs]:
            del self._parsed[gone]
        for entry in stored:
            pack = await self._parsed_pack(guild_id, entry, shipped)
            if pack is not None and pack.slug in packs:
                log.warning("Guild %s has two packs named %r: one skipped", guild_id, pack.slug)
            elif pack is not None:
                packs[pack.slug] = pack
        bank = shipped.with_packs(packs.values())
        if stamp == (self._epoch, self._generation.get(guild_id, 0)):
            self._banks[guild_id] = bank
            self._guild_slugs[guild_id] = frozenset(packs)
        return bank

    async def guild_slugs(self, guild_id: int) -> frozenset[str]:
        """The slugs of this guild's own packs that are in its bank."""
        bank = await self.bank_for(guild_id)
        found = self._guild_slugs.get(guild_id)
        if found is not None:
            return found
        return frozenset(slug for slug in bank.packs if slug not in self._shipped.packs)

    async def playable(
        self,
        guild_id: int,
        packs: Sequence[str] | None = None,
        category: str | None = None,
    ) -> list[Question]:
        """The guild's questions from ``packs`` (default all) and ``category``, minus disabled ones.

        Raises KeyError for a pack the guild does not have.
        """
        bank = await self.bank_for(guild_id)
        questions = bank.questions(packs, category)
        disabled = await self._store.disabled_questions(guild_id)
        return [q for q in questions if q.key not in disabled]

    async def _parsed_pack(self, guild_id: int, stored: StoredPack, shipped: Bank) -> Pack | None:
        """A stored pack parsed, from the cache while its text and the shipped bank are the same."""
        key = (guild_id, stored.slug)
        version = (self._epoch, len(stored.yaml_text), hash(stored.yaml_text))
        hit = self._parsed.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        # A big pack takes a moment to validate: off the event loop, so that every
        # other interaction is still answered within Discord's 3 seconds meanwhile.
        pack = await asyncio.to_thread(self._parse, guild_id, stored, shipped)
        self._parsed[key] = (version, pack)
        return pack

    @staticmethod
    def _parse(guild_id: int, stored: StoredPack, shipped: Bank) -> Pack | None:
        """A stored pack parsed again, or None (logged) if it no longer parses or clashes."""
        if stored.slug in shipped.packs:
            log.warning(
                "Guild %s pack %r has the slug of a shipped pack: skipped", guild_id, stored.slug
            )
            return None
        try:
            pack = parse_pack(
                stored.yaml_text,
                filename=f"{stored.slug}.yaml",
                sources=shipped.sources,
                require_evidence=False,
            )
        except Exception:
            log.warning(
                "Guild %s pack %r no longer parses: skipped", guild_id, stored.slug, exc_info=True
            )
            return None
        if pack.slug in shipped.packs:
            log.warning(
                "Guild %s pack %r clashes with a shipped pack: skipped", guild_id, pack.slug
            )
            return None
        return pack
