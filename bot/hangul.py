"""Hangul in answers: read a Hangul guess (or alias) as the Latin spellings fans would type."""

from __future__ import annotations

import re
from functools import lru_cache

from korean_romanizer.romanizer import Romanizer

__all__ = ["has_hangul", "readings"]

# Precomposed Hangul syllables (가-힣) and the compatibility jamo (ㄱ-ㆎ) a phone keyboard leaves.
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_RUN = re.compile(r"[\uac00-\ud7a3]+")


def has_hangul(text: str) -> bool:
    """Whether the text holds any Hangul."""
    return not text.isascii() and _HANGUL.search(text) is not None


@lru_cache(maxsize=4096)
def _syllable(char: str) -> str:
    """One syllable in Revised Romanisation, on its own ("록" -> "rok", "이" -> "i")."""
    return str(Romanizer(char).romanize())


def _as_name(run: str) -> str:
    """A run of syllables read the way Korean names are written: syllable by syllable, with no
    sound changes between them, the family name apart ("백이삭" -> "baek i-sak", "선우" ->
    "seon-u": hyphens keep "seon-u" from reading as "seo-nu")."""
    parts = [_syllable(c) for c in run]
    if len(parts) == 3:
        return f"{parts[0]} {parts[1]}-{parts[2]}"
    return "-".join(parts)


@lru_cache(maxsize=4096)
def readings(text: str) -> tuple[str, ...]:
    """The Latin readings of a text holding Hangul: as a name (syllable by syllable) and as a
    word (with Korean sound changes: "떡볶이" -> "tteokbokki"); other characters are kept."""
    as_name = _RUN.sub(lambda m: f" {_as_name(m.group())} ", text)
    try:
        as_word = _RUN.sub(lambda m: f" {Romanizer(m.group()).romanize()} ", text)
    except Exception:
        # The library's sound-change rules raise KeyError on some rare syllable pairs
        # ("젆쮻"): a guess never fails for that, it is read as a name only.
        return (as_name,)
    return tuple(dict.fromkeys((as_name, as_word)))
