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
    (4 s of 5). Reference counting still frees everything at once; the few cycles left behind
    are collected once the collector is back on. Nested or concurrent uses never leave it off.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
