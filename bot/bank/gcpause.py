"""Pausing Python's cyclic garbage collector while packs are loaded."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off, then restore it as it was.

    Loading builds about twenty long-lived objects per question (nodes, marks, questions) and
    frees almost none, so the collector, triggered every few hundred allocations, would walk the
    growing tree again and again for nothing: measured, it took most of a 20,000-question load
    (4 s of 5). Reference counting still frees everything at once. Nested or concurrent uses
    never leave it off. On the way out, see _promote_survivors.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            _promote_survivors()
            gc.enable()


def _promote_survivors() -> None:
    """Move every object the collector tracks into its oldest generation, unexamined.

    What a load leaves alive (the bank, the matcher's caches: ~160,000 tracked objects for
    20,000 questions) is long-lived; left in the youngest generation, the first allocation
    after the collector comes back runs a collection that walks them all and frees nothing
    (75-110 ms). ``gc.freeze()`` then ``gc.unfreeze()`` moves them to the oldest generation in
    constant time instead; a cycle left among young objects waits for the next full collection.
    Done only when nothing is frozen: once the bot has frozen its start-up objects
    (bot/startup.py), unfreezing would undo that, so later loads skip it.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
