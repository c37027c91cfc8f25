"""Process habits of a long-running bot, shared by `trivia-bot run` and the benchmarks."""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Take everything alive after start-up out of the cyclic garbage collector's sight.

    Modules, discord.py's state and the question bank live as long as the process. Left in
    view, every full collection walks them all again: measured, that put 30-40 ms pauses into
    the close of a 1,000-answer question (p99 52-59 ms against 21-29 ms frozen or with the
    collector off; `python -m bench --only answer_path`). Frozen objects are still freed by
    reference counting; only cycles among them would stay, and start-up objects have none
    that die.
    """
    gc.collect()
    gc.freeze()
