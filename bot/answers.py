"""Answer matching: does a player's guess name the right answer, however fans spell it?"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

from bot.hangul import has_hangul, readings
from bot.romanisation import (
    FAMILY_ALIASES,
    FAMILY_KEYS,
    FAMILY_NAMES,
    ROMANISATION,
    roman_tokens,
    romanize,
    syllables,
    with_family,
)

__all__ = [
    "FAMILY_ALIASES",
    "FAMILY_NAMES",
    "MAX_GUESS_CHARS",
    "ROMANISATION",
    "is_correct",
    "normalize",
    "romanize",
    "squashed",
    "typo_budget",
]

#: Guesses longer than this (and longer than every accepted answer) are rejected unread.
MAX_GUESS_CHARS = 200
#: At most this many edits in a whole guess, however many long words it has.
MAX_TOTAL_EDITS = 2

# --- Normalisation ----------------------------------------------------------------------------
_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_NUMBER_WORDS = {word: value for value, word in enumerate(_ONES)}
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENS = {word: 10 * (i + 2) for i, word in enumerate(_TENS_WORDS)}
_ARTICLES = frozenset({"the", "a", "an"})
# "Soundtrack No. 1", "number one": the marker goes, the number stays.
_NUMBER_MARKERS = frozenset({"no", "nr", "num", "number"})
# What may follow a number in an answer like "40 minutes" or "six episodes".
_UNITS = {
    **dict.fromkeys(("episode", "episodes", "ep", "eps"), "episode"),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), "minute"),
    **dict.fromkeys(("hour", "hours", "hr", "hrs"), "hour"),
    **dict.fromkeys(("year", "years", "yr", "yrs"), "year"),
    **dict.fromkeys(("day", "days"), "day"),
    **dict.fromkeys(("week", "weeks"), "week"),
    **dict.fromkeys(("month", "months"), "month"),
    **dict.fromkeys(("season", "seasons"), "season"),
    **dict.fromkeys(("time", "times"), "time"),
    **dict.fromkeys(("ago", "long", "later", "each", "old", "more"), ""),
}
# Apostrophes vanish ("Let's" = "lets"); '+' and '&' are words ("Disney+" = "Disney Plus").
_SYMBOLS = str.maketrans(
    {"'": "", "’": "", "‘": "", "`": "", "´": "", "′": "", "+": " plus ", "&": " and "}
)
# Combining marks (accents) and format characters (zero-width spaces, BOM) are dropped.
_INVISIBLE = frozenset({"Mn", "Cf"})
_WORD = re.compile(r"\d+|[^\W\d_]+")
_DIGIT = re.compile(r"\d")
# _WORD, _DIGIT and _SYMBOLS on lower-case ASCII text (letters and digits are disjoint classes)
_ASCII_WORD = re.compile(r"[a-z]+|[0-9]+")
_ASCII_DIGITS = frozenset("0123456789")
_ASCII_SYMBOLS = frozenset(chr(code) for code in _SYMBOLS if code < 128)
_NUMERIC = frozenset(_NUMBER_WORDS) | frozenset(_TENS)
# A possessive ending the whole guess: "Su-ho's" answers "Whose suggestion is it?".
_POSSESSIVE = re.compile(r"(?<=\w)['’‘`]s\W*$")
_APOSTROPHES = frozenset("'’‘`")


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    """Split text into comparison tokens (see normalize()), keeping a leading article."""
    if text.isascii():
        # the same steps, specialised (most answers and guesses are ASCII)
        folded = text.lower()
        if not _ASCII_SYMBOLS.isdisjoint(folded):
            folded = folded.translate(_SYMBOLS)
        words = _ASCII_WORD.findall(folded)
        digits = not _ASCII_DIGITS.isdisjoint(folded)
    else:
        folded = unicodedata.normalize("NFKC", text).casefold()
        # Drop accents (combining marks) and invisible format characters (zero-width spaces).
        decomposed = unicodedata.normalize("NFD", folded)
        folded = "".join(c for c in decomposed if unicodedata.category(c) not in _INVISIBLE)
        folded = unicodedata.normalize("NFC", folded)
        folded = folded.translate(_SYMBOLS)
        words = _WORD.findall(folded)
        digits = _DIGIT.search(folded) is not None
    # most answers hold no number, and then nothing below changes a word
    if not digits and _NUMERIC.isdisjoint(words):
        return tuple(words)
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word[0].isdecimal():
            out.append(word if word.isascii() else "".join(str(unicodedata.digit(c)) for c in word))
        elif word in _TENS:
            value = _TENS[word]
            if i + 1 < len(words) and 0 < _NUMBER_WORDS.get(words[i + 1], 0) < 10:
                value += _NUMBER_WORDS[words[i + 1]]
                i += 1
            out.append(str(value))
        elif word in _NUMBER_WORDS:
            out.append(str(_NUMBER_WORDS[word]))
        else:
            out.append(word)
        i += 1
    out = [
        w
        for j, w in enumerate(out)
        if not (w in _NUMBER_MARKERS and 0 < j < len(out) - 1 and out[j + 1].isdecimal())
    ]
    return tuple(out)


def _drop_article(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens without a leading "the", "a" or "an" (unless that is all there is)."""
    return tokens[1:] if len(tokens) >= 2 and tokens[0] in _ARTICLES else tokens


def normalize(text: str) -> str:
    """The comparison form of text: NFKC, case-folded, no accents, punctuation or zero-width
    characters, single spaces, numbers as digits, no leading article ("The Fiery Priest" ->
    "fiery priest", "Six episodes" -> "6 episodes"). Romanisation is not applied here."""
    return " ".join(_drop_article(_tokens(text)))


def squashed(text: str) -> str:
    """normalize(text) without its spaces ("Noh Sang-hyun" and "Noh Sang Hyun" share it);
    shares is_correct's cache of guesses, so checking a wrong answer next costs less."""
    guess = _guess(text)
    return "" if guess is None else guess.squashed


def typo_budget(length: int) -> int:
    """Edits (insert, delete, substitute, swap) tolerated in a word of this many letters."""
    if length < 5:
        return 0
    return 1 if length < 9 else 2


def _number(tokens: tuple[str, ...]) -> tuple[str, frozenset[str]] | None:
    """(digits, units) when the tokens are a number and unit words ("40 minutes"), else None."""
    if not tokens or not tokens[0].isdecimal() or any(t not in _UNITS for t in tokens[1:]):
        return None
    return tokens[0], frozenset(_UNITS[t] for t in tokens[1:]) - {""}


# --- Compiled answers -------------------------------------------------------------------------
class _Part(NamedTuple):
    """One token of an accepted answer and how a guess token may match it."""

    token: str
    roman: str
    korean: bool
    budget: int


class _Variant(NamedTuple):
    """One accepted spelling (or its given name alone), ready for comparison."""

    parts: tuple[_Part, ...]
    squashed: str
    # all tokens are long ordinary words: a typo may also move a space ("New Jeens")
    loose: bool
    # a Korean name in Western order (given name, family name): compare the guess read that way
    western: bool


class _Answers(NamedTuple):
    """Everything derived from one accepted tuple; built once and cached."""

    squashed: frozenset[str]
    roman: frozenset[str]
    # romanised Korean names in Western order ("sanghyunno" for Noh Sang-hyun)
    roman_western: frozenset[str]
    numbers: tuple[tuple[str, frozenset[str]], ...]
    by_count: dict[int, tuple[_Variant, ...]]
    loose: tuple[_Variant, ...]
    limit: int


class _Guess(NamedTuple):
    """A guess in comparison form."""

    tokens: tuple[str, ...]
    roman: tuple[str, ...]
    squashed: str
    # with its leading article, if any
    full_squashed: str
    roman_squashed: str
    # the tokens romanised reading the LAST one as a family name (Western order)
    roman_western: tuple[str, ...]
    roman_western_squashed: str
    number: tuple[str, frozenset[str]] | None
    # some token is a number
    digits: bool


def _variants(tokens: tuple[str, ...]) -> list[tuple[tuple[str, ...], bool]]:
    """The answer itself, plus, for a Korean family name + given name, its Western order (given
    name first: "Sang-hyun Noh", "Isaac Baek") and, when the given name reads as two Korean
    syllables, the given name alone ("Sang-hyun"); True marks Western order."""
    out = [(tokens, False)]
    if 2 <= len(tokens) <= 3 and syllables(tokens[0]) == 1:
        family = romanize(FAMILY_ALIASES.get(tokens[0], tokens[0]))
        given = tokens[1:]
        if family in FAMILY_KEYS and all(t.isalpha() for t in given):
            counts = [syllables(t) for t in given]
            if all(counts) and sum(counts) == 2:
                out.append((given, False))
            out.append(((*given, tokens[0]), True))
    return out


@lru_cache(maxsize=8192)
def _part(token: str, roman: str) -> _Part:
    """How a guess token may match this answer token (tokens recur across answers: cached)."""
    budget = 0 if token.isdecimal() else typo_budget(len(token))
    return _Part(token, roman, syllables(token) > 0, budget)


class _Form(NamedTuple):
    """What one accepted spelling adds to its question's _Answers (cached by its tokens)."""

    number: tuple[str, frozenset[str]] | None
    squashed: tuple[str, ...]
    roman: tuple[str, ...]
    roman_western: tuple[str, ...]
    # the variants compared token by token: a variant whose tokens are all Korean-looking is
    # left out, since it matches a guess token by token only when their romanised forms are
    # equal, and then the guess's joined romanised form is already in ``roman``/``roman_western``
    variants: tuple[_Variant, ...]


@lru_cache(maxsize=8192)
def _forms(full: tuple[str, ...]) -> _Form:
    """One answer's number, squashed and romanised forms and variants (cached by tokens: "Kim
    Min-seo" and "Kim Min seo" are one answer to compile)."""
    tokens = _drop_article(full)
    # "theSun" and "The Sun" are one answer: the article-free form is not the only one
    squashed = ["".join(full)]
    roman: list[str] = []
    roman_western: list[str] = []
    variants: list[_Variant] = []
    for variant, western in _variants(tokens):
        romans = roman_tokens(variant, western=western)
        parts = tuple(map(_part, variant, romans))
        korean = loose = True
        for part in parts:
            if part.korean:
                loose = False
            else:
                korean = False
                if not part.budget:
                    loose = False
        joined = "".join(variant)
        squashed.append(joined)
        if korean:
            (roman_western if western else roman).append("".join(romans))
        else:
            variants.append(_Variant(parts, joined, loose, western))
    return _Form(
        _number(tokens), tuple(squashed), tuple(roman), tuple(roman_western), tuple(variants)
    )


@lru_cache(maxsize=4096)
def _compile(accepted: tuple[str, ...]) -> _Answers:
    """Normalise and index the accepted answers of one question."""
    squashed: set[str] = set()
    roman: set[str] = set()
    roman_western: set[str] = set()
    numbers: list[tuple[str, frozenset[str]]] = []
    # variants as dict keys: spellings with the same tokens give the same ones, checked once
    by_count: dict[int, dict[_Variant, None]] = {}
    loose: dict[_Variant, None] = {}
    seen: set[tuple[str, ...]] = set()
    longest = 0
    for answer in accepted:
        longest = max(longest, len(answer))
        # a Hangul alias also counts in its Latin readings ("떡볶이" is "tteokbokki")
        hangul = not answer.isascii() and has_hangul(answer)
        for spelling in (answer, *readings(answer)) if hangul else (answer,):
            full = _tokens(spelling)
            if not full or full in seen:
                continue
            seen.add(full)
            form = _forms(full)
            if form.number is not None:
                numbers.append(form.number)
            squashed.update(form.squashed)
            roman.update(form.roman)
            roman_western.update(form.roman_western)
            for item in form.variants:
                by_count.setdefault(len(item.parts), {})[item] = None
                if item.loose:
                    loose[item] = None
    return _Answers(
        frozenset(squashed),
        frozenset(roman),
        frozenset(roman_western),
        tuple(numbers),
        {n: tuple(v) for n, v in by_count.items()},
        tuple(loose),
        max(MAX_GUESS_CHARS, longest + 20),
    )


@lru_cache(maxsize=8192)
def _guess(text: str) -> _Guess | None:
    """Normalise a guess once (players repeat themselves, so it is cached)."""
    full = _tokens(text)
    if not full:
        return None
    tokens = _drop_article(full)
    plain = tuple(map(romanize, tokens))
    if len(tokens) >= 2:
        romans = with_family(tokens, plain, False)
        western = with_family(tokens, plain, True)
    else:
        romans = western = plain
    roman_squashed = "".join(romans)
    squashed = "".join(tokens)
    digits = not squashed.isalpha() and any(t.isdecimal() for t in tokens)
    return _Guess(
        tokens,
        romans,
        squashed,
        squashed if full is tokens else "".join(full),
        roman_squashed,
        western,
        roman_squashed if western is romans else "".join(western),
        _number(tokens) if digits else None,
        digits,
    )


def _plural_pair(one: str, other: str) -> bool:
    """True if one word is the other plus a plural "s" ("car", "cars"), stem 3+ letters."""
    short, long = (one, other) if len(one) < len(other) else (other, one)
    return len(short) >= 3 and long == short + "s" and short.isalpha()


def _parts_match(guess: _Guess, variant: _Variant) -> bool:
    """Token by token: equal, same romanisation (Korean-looking), or a small typo (long words)."""
    edits = 0
    romans = guess.roman_western if variant.western else guess.roman
    for token, roman, part in zip(guess.tokens, romans, variant.parts, strict=True):
        if token == part.token:
            continue
        if part.korean:
            if roman != part.roman:
                return False
            continue
        if _plural_pair(token, part.token):
            continue
        if not part.budget:
            return False
        distance = OSA.distance(token, part.token, score_cutoff=part.budget)
        edits += distance
        if distance > part.budget or edits > MAX_TOTAL_EDITS:
            return False
    return True


def is_correct(guess: str, accepted: Sequence[str]) -> bool:
    """True if the guess names one of the accepted answers (the answer and its aliases).

    The guess must match an accepted answer as a whole, up to: case, accents, punctuation,
    spacing and hyphens, a leading article, number words, romanisation (ROMANISATION), a
    dropped Korean family name or Western name order, Hangul (read in Latin letters), a plural
    "s" or a possessive "'s" at the end, and a small typo in a long ordinary word. A guess
    naming several candidates, or only a family name, does not match.
    """
    if not guess or not accepted:
        return False
    answers = _compile(tuple(accepted))
    if len(guess) > answers.limit:
        return False
    if _matches(guess, answers):
        return True
    if not _APOSTROPHES.isdisjoint(guess):
        possessive = _POSSESSIVE.search(guess)
        if possessive is not None and _matches(guess[: possessive.start()], answers):
            return True
    # a Hangul guess ("손정혁", "떡볶이") is compared through its Latin readings, by the same rules
    return has_hangul(guess) and any(_matches(r, answers) for r in readings(guess))


def _matches(guess: str, answers: _Answers) -> bool:
    """The body of is_correct for one spelling of the guess."""
    g = _guess(guess)
    if g is None:
        return False
    if g.squashed in answers.squashed or g.full_squashed in answers.squashed:
        return True
    if g.roman_squashed in answers.roman or g.roman_western_squashed in answers.roman_western:
        return True
    if g.number is not None:
        digits, units = g.number
        for a_digits, a_units in answers.numbers:
            if digits == a_digits and (not units or not a_units or units == a_units):
                return True
    for variant in answers.by_count.get(len(g.tokens), ()):
        if _parts_match(g, variant):
            return True
    if g.number is None and not g.digits:
        for variant in answers.loose:
            if len(variant.parts) == len(g.tokens):
                continue
            budget = min(typo_budget(len(variant.squashed)), MAX_TOTAL_EDITS)
            if abs(len(variant.squashed) - len(g.squashed)) > budget:
                continue
            if OSA.distance(g.squashed, variant.squashed, score_cutoff=budget) <= budget:
                return True
    return False
