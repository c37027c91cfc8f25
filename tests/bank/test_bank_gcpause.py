"""gc_paused: the collector off inside, back on after, what the block left alive promoted."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from bot.bank.gcpause import gc_paused


@pytest.fixture
def nothing_frozen() -> Iterator[None]:
    """A process where nothing is frozen (as at the bot's start-up), restored after."""
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    try:
        yield
    finally:
        if frozen:
            gc.freeze()


def _generation_of(obj: object) -> int | None:
    for generation in range(3):
        if any(o is obj for o in gc.get_objects(generation)):
            return generation
    return None


def test_what_a_load_leaves_alive_goes_to_the_oldest_generation(nothing_frozen: None) -> None:
    with gc_paused():
        kept = [[i] for i in range(5000)]  # 5,000 tracked objects, more than a collection's 700
    # no young collection is due to walk them, and they wait in the oldest generation
    assert gc.get_count()[0] < 700
    assert _generation_of(kept) == 2
    assert _generation_of(kept[-1]) == 2
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


class _Cyclic:
    """An object that refers to itself (only the cyclic collector can free it)."""

    me: object


def test_young_cycles_are_still_collected_by_a_full_collection(nothing_frozen: None) -> None:
    with gc_paused():
        cyclic = _Cyclic()
        cyclic.me = cyclic
        ref = weakref.ref(cyclic)
        del cyclic
    assert _generation_of(ref()) == 2
    gc.collect()
    assert ref() is None


def test_objects_the_program_froze_stay_frozen() -> None:
    marker = [object()]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with gc_paused():
            kept = [[i] for i in range(1000)]
        assert gc.get_freeze_count() == frozen  # not unfrozen into the oldest generation
        assert _generation_of(marker) is None  # still out of the collector's sight
        assert _generation_of(kept) in (0, 1, 2)
    finally:
        gc.unfreeze()
