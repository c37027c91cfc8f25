"""Typed reading of one mapping's fields, reporting each problem at its node."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.bank.limits import MAX_SLUG
from bot.bank.problems import Reporter
from bot.bank.yamlnodes import (
    BOOL,
    INT,
    NULL,
    describe,
    mapping_entries,
    shorten,
    surrogate,
)

SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
#: reads YAML integers ("0x1f", "1_000") as YAML does; keeps no state between calls
_INTEGERS = SafeConstructor()


class Fields:
    """The fields of one YAML mapping; each reader reports problems and returns None on one."""

    def __init__(
        self,
        node: MappingNode,
        rep: Reporter,
        where: str,
        known: Collection[str],
        entries: dict[str, tuple[ScalarNode, Node]] | None = None,
    ) -> None:
        self.node = node
        self.rep = rep
        self.where = where
        if entries is not None:
            # the caller has read the mapping and keeps only the known fields
            self.entries = {k: v for k, v in entries.items() if k in known}
            return
        self.entries = mapping_entries(node, rep, where)
        for name, (key, _value) in self.entries.items():
            if name not in known:
                hint = difflib.get_close_matches(name, list(known), n=1)
                also = f": did you mean '{hint[0]}'?" if hint else f" (known: {', '.join(known)})"
                rep.at(key, f"{where}unknown field {shorten(name)}{also}")

    def has(self, name: str) -> bool:
        """Whether the field is present (even if empty)."""
        return name in self.entries

    def value(self, name: str) -> Node | None:
        """The field's value node, or None when absent."""
        entry = self.entries.get(name)
        return entry[1] if entry else None

    def problem(self, name: str, node: Node | None, message: str) -> None:
        """Report a problem with one field, at its value."""
        self.rep.at(node or self.node, f"{self.where}field '{name}': {message}")

    def missing(self, name: str, why: str = "") -> None:
        """Report a required field that is absent, at the start of the mapping."""
        self.rep.at(self.node, f"{self.where}missing field '{name}'{why}")

    def text(
        self, name: str, *, required: bool, max_len: int, why: str = "", loose: bool = False
    ) -> str | None:
        """A text field; ``loose`` also accepts true/false written plainly (answers)."""
        node = self.value(name)
        if node is None:
            if required:
                self.missing(name, why)
            return None
        return self.text_of(name, node, max_len=max_len, loose=loose)

    def text_of(self, name: str, node: Node, *, max_len: int, loose: bool = False) -> str | None:
        """Text from one scalar node, exactly as written (numbers and dates keep their spelling)."""
        if not isinstance(node, ScalarNode):
            self.problem(name, node, f"must be text, not {describe(node)}")
            return None
        value = node.value.strip()
        tag = node.tag
        if tag == NULL or not value:
            self.problem(name, node, "is empty")
            return None
        bad = None if value.isascii() else surrogate(value)
        if bad is not None:
            self.problem(name, node, bad)
            return None
        if tag == BOOL and not loose:
            self.problem(
                name, node, f"must be text, not a true/false value: quote it ('{node.value}')"
            )
            return None
        if len(value) > max_len:
            self.problem(name, node, f"is {len(value)} characters long; the limit is {max_len}")
            return None
        return value

    def slug(self, name: str, *, required: bool, example: str, why: str = "") -> str | None:
        """A slug field: lower-case letters, digits and hyphens."""
        value = self.text(name, required=required, max_len=MAX_SLUG, why=why)
        if value is None:
            return None
        if not SLUG.fullmatch(value):
            self.problem(
                name,
                self.value(name),
                f"{shorten(value)} is not a valid slug: use lower-case letters, digits and "
                f"hyphens (e.g. {example})",
            )
            return None
        return value

    def choice(self, name: str, options: Collection[str], *, required: bool) -> str | None:
        """A text field that must be one of a few values."""
        value = self.text(name, required=required, max_len=MAX_SLUG)
        if value is None:
            return None
        if value not in options:
            self.problem(
                name, self.value(name), f"{shorten(value)} is not one of {', '.join(options)}"
            )
            return None
        return value

    def integer(self, name: str, low: int, high: int) -> int | None:
        """An optional whole number between low and high."""
        node = self.value(name)
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag != INT:
            shown = f" ({shorten(node.value)})" if isinstance(node, ScalarNode) else ""
            self.problem(
                name,
                node,
                f"must be a whole number from {low} to {high}, not {describe(node)}{shown}",
            )
            return None
        try:
            number = int(_INTEGERS.construct_yaml_int(node))
        except ValueError:
            self.problem(name, node, f"{shorten(node.value)} is not a whole number")
            return None
        if not low <= number <= high:
            self.problem(name, node, f"{number} is not a whole number from {low} to {high}")
            return None
        return number

    def text_list(
        self, name: str, *, max_items: int, max_len: int
    ) -> list[tuple[str, Node]] | None:
        """An optional list of short texts (numbers allowed, kept as written); None if broken."""
        node = self.value(name)
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.problem(name, node, f"must be a list such as [A, B], not {describe(node)}")
            return None
        if len(node.value) > max_items:
            self.problem(name, node, f"has {len(node.value)} items; the limit is {max_items}")
            return None
        items: list[tuple[str, Node]] = []
        ok = True
        for item in node.value:
            text = self.text_of(name, item, max_len=max_len, loose=True)
            if text is None:
                ok = False
            else:
                items.append((text, item))
        return items if ok else None
