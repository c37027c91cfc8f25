"""Korean names the way fans spell them: one romanisation table, family names, syllables."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "FAMILY_ALIASES",
    "FAMILY_KEYS",
    "FAMILY_NAMES",
    "ROMANISATION",
    "roman_tokens",
    "romanize",
    "syllables",
    "with_family",
]

#: The one table of romanisation rules: ordered substitutions applied to each lower-case ASCII
#: token of a name ("hyeon", "saerok", "hyeonseo"). Each rule merges spellings that fans use for
#: the SAME Korean sound and nothing more, so distinct names stay distinct: open "seo" (서) is
#: not "su" (수), "eu" (ㅡ) is not "u" (ㅜ), "n" is not "ng", "na" (나) is not "no" (노).
ROMANISATION: tuple[tuple[str, str, str], ...] = (
    (r"ck", "k", "Hyuck -> hyuk"),
    (r"sh", "s", "Shik -> sik, Shin -> sin"),
    (r"ch", "j", "Chung -> jung, Cho -> jo: ㅈ is written j or ch"),
    (r"weo", "wo", "Weon -> won"),
    (
        r"eo(?=(?:ng|[nmlkptgb])(?![aeiou]))",
        "u",
        "ㅓ before a final consonant: Hyeon -> hyun, Jeong -> jung, Seon -> sun (open Seo stays)",
    ),
    (r"oo", "u", "Soo -> su, Yoo -> yu"),
    (r"ee", "i", "Hee -> hi"),
    (r"hui", "hi", "희 is Hee, or Hui in Revised Romanisation: Hui -> hi"),
    (r"wu", "u", "우 is Woo, Wu or U: Sunwoo -> sunu"),
    (r"ay", "ae", "Say -> sae"),
    (r"(?<=[aeiou])h(?![aeiouwy])", "", "silent h: Noh -> no, Sohn -> son, Ah -> a"),
    (r"k(?=[aeiouwy])", "g", "syllable-initial ㄱ: Keum -> geum, Kyu -> gyu, Kim -> gim"),
)
_ROMAN_RULES = tuple((re.compile(pattern), repl) for pattern, repl, _why in ROMANISATION)

#: Whole-token spellings of family names that the rules above cannot reach; used on the first
#: token of a name of two or more tokens only (so the syllable "no" inside a name is untouched).
FAMILY_ALIASES: dict[str, str] = {
    "yi": "lee",
    "i": "lee",
    "rhee": "lee",
    "rhie": "lee",
    "ri": "lee",
    "pak": "park",
    "bak": "park",
    "bahk": "park",
    "roh": "noh",
    "no": "noh",
    "choe": "choi",
    "chwe": "choi",
    "paek": "baek",
    "paik": "baek",
    "baik": "baek",
    "suh": "seo",
    "kum": "keum",
    "son": "sohn",
}

#: Korean family names a player may leave out ("Hyeon-seo" for "Do Hyeon-seo"), any spelling
#: the rules or FAMILY_ALIASES map onto one of these.
FAMILY_NAMES: frozenset[str] = frozenset(
    {
        "do", "ji", "han", "park", "lee", "kim", "keum", "noh", "nah", "na", "sohn", "choi",
        "jung", "seo", "baek", "kang", "cho", "yoon", "jang", "lim", "shin", "oh", "kwon",
        "hwang", "ahn", "song", "yoo", "hong", "jeon", "ko", "moon", "yang", "bae", "ryu",
        "nam", "kwak", "heo", "woo", "ha", "jin", "min", "gong", "byun", "cha", "uhm", "go",
    }
)  # fmt: skip

# A romanised Korean syllable: optional initial, a vowel, optional final. Only tokens of one or
# two such syllables count as "Korean-looking": they get romanisation and never typo tolerance,
# because two given names one letter apart ("Hee-won", "Hee-sun") are different people.
_SYLLABLE = (
    r"(?:kk|tt|pp|ss|jj|ch|sh|rh|[gkndtrlmbpsjh])?"
    r"(?:yeo|yae|yeu|wae|weo|woo|yoo|eo|eu|ae|ya|ye|yo|yu|yi|wa|we|wi|wo|oe|oi|ui|oo|ee|ou|a|e|i|o|u)"
    r"(?:ng|ck|hn|rk|[kntlmpgrbsh])?"
)
_ONE_SYLLABLE = re.compile(_SYLLABLE)
_TWO_SYLLABLES = re.compile(f"(?:{_SYLLABLE}){{2}}")


@lru_cache(maxsize=8192)
def syllables(token: str) -> int:
    """1 or 2 if the token reads as that many romanised Korean syllables, else 0."""
    if not token.isascii() or not token.isalpha():
        return 0
    if _ONE_SYLLABLE.fullmatch(token):
        return 1
    if _TWO_SYLLABLES.fullmatch(token):
        return 2
    return 0


@lru_cache(maxsize=4096)
def romanize(token: str) -> str:
    """The romanisation key of one lower-case token: spellings of one Korean sound share it."""
    for pattern, repl in _ROMAN_RULES:
        token = pattern.sub(repl, token)
    return token


def roman_tokens(tokens: tuple[str, ...], *, western: bool = False) -> tuple[str, ...]:
    """Romanise every token, reading the first one (the last one in Western order: given name
    first) as a family name when there are two or more."""
    romans = tuple(map(romanize, tokens))
    return with_family(tokens, romans, western) if len(tokens) >= 2 else romans


def with_family(tokens: tuple[str, ...], romans: tuple[str, ...], western: bool) -> tuple[str, ...]:
    """``romans`` (the tokens romanised one by one) with the family-name token (first, or last
    in Western order) read through FAMILY_ALIASES."""
    if western:
        family = FAMILY_ALIASES.get(tokens[-1])
        return romans if family is None else (*romans[:-1], romanize(family))
    family = FAMILY_ALIASES.get(tokens[0])
    return romans if family is None else (romanize(family), *romans[1:])


FAMILY_KEYS = frozenset(romanize(name) for name in FAMILY_NAMES)
