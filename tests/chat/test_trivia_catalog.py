"""The Catalog: shipped packs plus each guild's stored packs, cached, minus disabled questions."""

from __future__ import annotations

import logging

import pytest

from bot.bank import Bank
from bot.chat.catalog import Catalog
from bot.engine.model import Pack
from bot.store import Store

from .trivia_helpers import FAN_PACK, small_bank

GUILD, OTHER = 111, 222


async def save(db: Store, guild_id: int, slug: str, text: str) -> None:
    await db.save_pack(guild_id, slug, slug, text, 1, None, 0.0)


async def test_a_guild_sees_the_shipped_packs_and_only_its_own(db: Store) -> None:
    catalog = Catalog(small_bank(), db)
    await save(db, GUILD, "fan-made", FAN_PACK)
    assert sorted((await catalog.bank_for(GUILD)).packs) == ["fan-made", "late", "test"]
    assert sorted((await catalog.bank_for(OTHER)).packs) == ["late", "test"]
    assert await catalog.guild_slugs(GUILD) == frozenset({"fan-made"})


async def test_the_bank_is_cached_until_invalidated(db: Store) -> None:
    catalog = Catalog(small_bank(), db)
    before = await catalog.bank_for(GUILD)
    await save(db, GUILD, "fan-made", FAN_PACK)
    assert await catalog.bank_for(GUILD) is before
    catalog.invalidate(GUILD)
    assert "fan-made" in (await catalog.bank_for(GUILD)).packs


async def test_a_stored_pack_that_no_longer_parses_is_skipped_and_logged(
    db: Store, caplog: pytest.LogCaptureFixture
) -> None:
    await save(db, GUILD, "broken", "pack: broken\nquestions: [{id: x}]\n")
    await save(db, GUILD, "fan-made", FAN_PACK)
    with caplog.at_level(logging.WARNING):
        bank = await Catalog(small_bank(), db).bank_for(GUILD)
    assert sorted(bank.packs) == ["fan-made", "late", "test"]
    assert any("'broken' no longer parses" in r.getMessage() for r in caplog.records)


async def test_playable_leaves_out_disabled_questions(db: Store) -> None:
    catalog = Catalog(small_bank(), db)
    await db.set_question_enabled(GUILD, "test/q2", False, 1, 0.0)
    keys = [q.key for q in await catalog.playable(GUILD, ["test"])]
    assert "test/q2" not in keys and len(keys) == 7
    assert len(await catalog.playable(OTHER, ["test"])) == 8
    assert [q.key for q in await catalog.playable(GUILD, None, "twists")] == [
        "late/l1",
        "late/l2",
        "late/l3",
    ]


async def test_an_unknown_pack_is_a_key_error(db: Store) -> None:
    with pytest.raises(KeyError):
        await Catalog(small_bank(), db).playable(GUILD, ["nope"])


async def test_replace_shipped_drops_every_cache(db: Store) -> None:
    catalog = Catalog(small_bank(), db)
    await catalog.bank_for(GUILD)
    catalog.replace_shipped(Bank(packs={"new": Pack(slug="new", title="New")}))
    assert sorted((await catalog.bank_for(GUILD)).packs) == ["new"]
    assert catalog.shipped.packs.keys() == {"new"}


async def test_a_guild_pack_named_like_a_shipped_one_is_skipped(db: Store) -> None:
    await save(db, GUILD, "test", FAN_PACK.replace("fan-made", "test"))
    bank = await Catalog(small_bank(), db).bank_for(GUILD)
    assert len(bank.packs["test"].questions) == 8


async def test_an_unchanged_pack_is_not_validated_again_after_an_invalidation(
    db: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = Catalog(small_bank(), db)
    await save(db, GUILD, "fan-made", FAN_PACK)
    await save(db, GUILD, "second", FAN_PACK.replace("fan-made", "second"))
    parsed: list[str] = []
    real = Catalog._parse

    def counting(guild_id: int, stored, shipped: Bank) -> Pack | None:  # type: ignore[no-untyped-def]
        parsed.append(stored.slug)
        return real(guild_id, stored, shipped)

    monkeypatch.setattr(Catalog, "_parse", staticmethod(counting))
    first = await catalog.bank_for(GUILD)
    assert sorted(parsed) == ["fan-made", "second"]

    # a question disabled: the bank is rebuilt, but no pack is parsed again
    catalog.invalidate(GUILD)
    again = await catalog.bank_for(GUILD)
    assert again is not first and again.packs["second"] is first.packs["second"]
    assert sorted(parsed) == ["fan-made", "second"]

    # one pack replaced, one removed: only the changed one is parsed again
    await save(db, GUILD, "fan-made", FAN_PACK.replace("Fan Made", "Fan Made 2"))
    await db.delete_pack(GUILD, "second")
    catalog.invalidate(GUILD)
    latest = await catalog.bank_for(GUILD)
    assert sorted(parsed) == ["fan-made", "fan-made", "second"]
    assert latest.packs["fan-made"].title == "Fan Made 2" and "second" not in latest.packs
