"""Where the shipped packs are: inside the installed package, or questions/ in a clone."""

from __future__ import annotations

from pathlib import Path

import bot

#: the wheel carries questions/ as this folder of the bot package (see setup.py)
PACKAGED = "shipped_questions"


def shipped_folder() -> Path:
    """The folder of the shipped packs, wherever the command runs.

    An installed wheel has them in ``bot/shipped_questions``; a clone (or an editable install)
    has them in ``questions/`` beside the ``bot`` package.
    """
    package = Path(bot.__file__).resolve().parent
    packaged = package / PACKAGED
    if packaged.is_dir():
        return packaged
    return package.parent / "questions"
