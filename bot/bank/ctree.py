"""libyaml's own C composer, used only on texts shown beforehand to be safe for it.

libyaml composes a node tree about ten times faster than composing its events in Python, but
it would expand nothing yet hide what we refuse: an alias comes back as the anchored node itself,
an anchor that is never used leaves no trace, an explicit tag looks like a resolved one, and its
composer recurses in C, so a deeply nested file could crash the process instead of raising.
``eligible`` is a cheap scan of the raw text that rules all of that out (or says no, and the
caller composes the slow, exact way): no anchor, alias or tag can start anywhere, and the
nesting provably stays within the depth limit.
"""

from __future__ import annotations

import operator
import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:
    from yaml import _yaml
except ImportError:  # PyYAML built without libyaml
    _yaml = None  # type: ignore[assignment]

__all__ = ["AVAILABLE", "ctree", "eligible"]

AVAILABLE = _yaml is not None
STR = "tag:yaml.org,2002:str"
MAP = Resolver.DEFAULT_MAPPING_TAG
SEQ = Resolver.DEFAULT_SEQUENCE_TAG

# '&anchor', '*alias' or '!tag' where a token could start, that is not right after a letter or
# digit ("R&B", "Q*bert" and "Yes!" are fine), nor '&' or '*' followed by a space or a flow
# indicator ("Tom & Jerry"): an anchor or alias needs a name right after it, so there libyaml
# raises an error and the caller falls back. Quoted text that matches merely takes the slow path.
_MARKS = "&*!"
_NOT_A_NAME = frozenset(" \t\r\n,[]{}")

# A run of spaces, block indicators, BOMs or dots at a line's start, at least this long. Every
# level of block nesting needs a deeper column than its parent, or the same column once (a
# sequence right under a mapping key), so a file whose lines' prefixes are all shorter than P
# nests block collections at most 2 * P deep. The pattern starts with a literal, so `re` jumps
# from newline to newline.
_PREFIXES = {n: re.compile(f"\n[ \t?:.\ufeff-]{{{n}}}") for n in (4, 6, 8, 10)}
# what libyaml also takes for a line break (scanned as "\n")
_BREAKS = ("\r", "\x85", "\u2028", "\u2029")

# One whole line holding a one-line flow list of scalars: `  - key: ["a", 'b', c]`, with no other
# bracket or brace, no quote before the list and no comment. Read from a line start outside any
# quoted text, the pattern splits it into tokens exactly as libyaml does, so it opens one list
# and closes it; read from inside quoted text carried over from an earlier line, its only '[' is
# still inside that text. Either way such lines nest one level at most, whatever their number:
# only brackets elsewhere can nest deeper. No item starts with '?' (`[? a]` would nest a mapping).
# (Loops unrolled: `re` is slow on `(?:a|b)*`.)
_DQ = r'"[^"\\\n\[\]{}]*(?:\\[^\n\[\]{}][^"\\\n\[\]{}]*)*"'
_SQ = r"'[^'\n\[\]{}]*(?:''[^'\n\[\]{}]*)*'"
_PLAIN = r"""[^\s\[\]{},#:?"'&*!|>%@`][^\n\[\]{},#:"']*(?:(?<=\w)'[^\n\[\]{},#:"']*)*"""
_ITEM = f"(?:{_DQ}|{_SQ}|{_PLAIN})"
_FLOW_LINE = re.compile(
    rf"\n *(?:- +)?[A-Za-z_][A-Za-z0-9_-]* *: +\[ *(?:{_ITEM}(?: *, *{_ITEM})* *,?)? *\] *(?=\n)"
)


def _refused(text: str) -> bool:
    """Whether an anchor, alias or tag may start somewhere in the text."""
    for mark in _MARKS:
        at = text.find(mark)
        while at >= 0:
            before = text[at - 1] if at else " "
            after = text[at + 1 : at + 2]
            if not (before.isalnum() or before == "_") and (
                mark == "!" or (after and after not in _NOT_A_NAME)
            ):
                return True
            at = text.find(mark, at + 1)
    return False


def eligible(text: str, max_depth: int) -> bool:
    """True if libyaml may compose this text: no anchor, alias or tag, nesting within max_depth."""
    if _refused(text):
        return False
    lines = "\n" + text + "\n"
    for brk in _BREAKS:
        if brk in lines:
            lines = lines.replace(brk, "\n")
    block = 0
    for width, prefix in _PREFIXES.items():
        if not prefix.search(lines):
            block = 2 * width
            break
    if not block or block >= max_depth:
        return False
    opens = text.count("[") + text.count("{")
    if block + opens <= max_depth:
        return True
    # every flow line holds exactly one '[' and no '{'
    flat = len(_FLOW_LINE.findall(lines))
    return block + 1 + opens - flat <= max_depth


if _yaml is not None:

    class _Composer(_yaml.CParser, Resolver):  # type: ignore[misc, name-defined]
        """libyaml's composer with a resolver that remembers plain scalars' tags."""

        def __init__(self, text: str) -> None:
            _yaml.CParser.__init__(self, text)
            Resolver.__init__(self)
            self._tags: dict[str, str] = {}
            if not self.yaml_path_resolvers:
                # libyaml's composer calls these two around every node, and with no path
                # resolvers they do nothing: C callables doing nothing (any two arguments; none)
                # save two Python calls a node
                self.descend_resolver = operator.is_  # type: ignore[method-assign, assignment]
                self.ascend_resolver = tuple  # type: ignore[method-assign, assignment]

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            """The tag of a node, as Resolver gives it: quoted text is text, plain scalars are
            resolved once per distinct value, collections get the default tags directly."""
            if kind is ScalarNode:
                if not implicit[0]:
                    return STR
                tag = self._tags.get(value)
                if tag is None:
                    tag = self._tags[value] = Resolver.resolve(self, kind, value, implicit)
                return tag
            if kind is MappingNode and not self.yaml_path_resolvers:
                return MAP
            if kind is SequenceNode and not self.yaml_path_resolvers:
                return SEQ
            return Resolver.resolve(self, kind, value, implicit)


def ctree(text: str) -> Node | None:
    """The node tree of one YAML document composed by libyaml (call ``eligible`` first).

    Raises whatever libyaml raises (syntax errors, several documents): the caller then reads the
    text again the exact way for the message.
    """
    composer = _Composer(text)
    try:
        return composer.get_single_node()  # type: ignore[no-any-return]
    finally:
        composer.dispose()
