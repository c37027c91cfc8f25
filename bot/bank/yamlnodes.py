"""Safe YAML composing: a node tree with line and column, no anchors, no tags, bounded depth."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:
    from yaml import cyaml as _cyaml
except ImportError:  # PyYAML built without libyaml: the pure-Python parser does it all
    _cyaml = None  # type: ignore[assignment]
from bot.bank import ctree
from bot.bank.gcpause import gc_paused
from bot.bank.limits import MAX_DEPTH, MAX_FILE_BYTES, human_size
from bot.bank.problems import PackError, Problem, Reporter

#: libyaml's event parser (a C extension type), or None
_CParser: Any = getattr(_cyaml, "CParser", None)

NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"
_STD = "tag:yaml.org,2002:"
#: anchors, aliases and tags reported one by one; past this, one line counts the rest
MAX_REFUSALS = 20


class _TooDeep(Exception):
    """Raised mid-compose: nesting past the limit (before Python's recursion limit)."""

    def __init__(self, mark: Any) -> None:
        super().__init__("too deep")
        self.mark = mark


class _Refusing:
    """A composer that refuses anchors, aliases and tags as it meets them, and deep nesting."""

    refused: list[tuple[Any, str]]
    _depth: int
    _max_depth: int
    # provided by the parser class it is mixed with
    peek_event: Any
    get_event: Any

    def _limits(self, max_depth: int) -> None:
        self.refused = []
        self._depth = 0
        self._max_depth = max_depth

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Compose one node; an alias becomes a null (never the anchored node: no expansion)."""
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            self.get_event()
            self.refused.append(
                (event.start_mark, f"YAML alias '*{event.anchor}' is not allowed: write it out")
            )
            marks: Any = (event.start_mark, event.end_mark)
            return ScalarNode(NULL, "", *marks)
        if isinstance(event, NodeEvent) and event.anchor is not None:
            self.refused.append((event.start_mark, f"YAML anchor '&{event.anchor}' is not allowed"))
            # never registered, so no later alias can point at it
            event.anchor = None
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = "!!" + tag[len(_STD) :] if tag.startswith(_STD) else tag
            self.refused.append(
                (event.start_mark, f"YAML tag '{shown}' is not allowed: tags are never loaded")
            )
            event.tag = None  # type: ignore[union-attr]
        if isinstance(event, CollectionStartEvent):
            self._depth += 1
            if self._depth > self._max_depth:
                raise _TooDeep(event.start_mark)
            try:
                return super().compose_node(parent, index)  # type: ignore[misc]
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)  # type: ignore[misc]


class _SafeComposer(_Refusing, yaml.SafeLoader):
    """The pure-Python parser under the refusing composer: slow, but its messages are the ones
    reported (a file libyaml finds fault with is read again this way)."""

    def __init__(self, stream: str, max_depth: int) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self._limits(max_depth)


_FastComposer: Any = None
if _CParser is not None:

    class _CComposer(_Refusing, Composer, _CParser, SafeConstructor, Resolver):
        """libyaml's C parser for the events, the same refusing composer in Python on top:
        about five times faster on big packs (the pure-Python scanner was most of the time)."""

        def __init__(self, stream: str, max_depth: int) -> None:
            _CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._limits(max_depth)

    _FastComposer = _CComposer


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _too_big(filename: str, size: int, max_bytes: int) -> Problem:
    return Problem(
        filename,
        1,
        1,
        f"file is too big ({human_size(size)}); the limit is {human_size(max_bytes)}: "
        "split it into several packs",
    )


def decode(data: str | bytes, filename: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Check size and encoding and return the text; raises PackError on binary or non-UTF-8."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise PackError([_too_big(filename, len(raw), max_bytes)])
    if isinstance(data, str):
        text = data
    else:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise PackError([Problem(filename, 1, 1, "file is UTF-16 text: save it as UTF-8")])
        if b"\x00" in raw:
            raise PackError(
                [
                    Problem(
                        filename,
                        1,
                        1,
                        "looks like a binary file (it contains NUL bytes), not YAML text",
                    )
                ]
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise PackError(
                [
                    Problem(
                        filename,
                        line,
                        col,
                        f"not valid UTF-8 text (byte 0x{raw[exc.start]:02x} here): "
                        "save the file as UTF-8",
                    )
                ]
            ) from None
    if "\x00" in text:
        line, col = _line_col(text, text.index("\x00"))
        raise PackError(
            [
                Problem(
                    filename,
                    line,
                    col,
                    "looks like a binary file (it contains NUL characters), not YAML text",
                )
            ]
        )
    return text


def _syntax_problem(filename: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context == "expected a single document in the stream":
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return Problem(filename, line, col, "only one YAML document per file: remove this '---'")
    message = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem and exc.context_mark is not None:
        cm = exc.context_mark
        message += f" ({exc.context} at line {cm.line + 1}, column {cm.column + 1})"
    if "'\\t'" in message:
        message += ": indent with spaces, not tabs"
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return Problem(filename, line, col, f"YAML syntax error: {message}")


def compose(data: str | bytes, filename: str, *, max_depth: int = MAX_DEPTH) -> Node | None:
    """Parse YAML text into nodes (None for an empty file); every failure becomes a PackError."""
    text = decode(data, filename)
    with gc_paused():
        return _compose(text, filename, max_depth)


def _compose(text: str, filename: str, max_depth: int) -> Node | None:
    if ctree.AVAILABLE and ctree.eligible(text, max_depth):
        try:
            return ctree.ctree(text)
        except Exception:
            pass
    if _FastComposer is not None:
        try:
            node, rep = _compose_with(_FastComposer, text, filename, max_depth)
        except Exception:  # anything libyaml chokes on (e.g. a lone surrogate) is read again
            rep = None
        if rep is not None and not rep.problems:
            return node
    # any problem: read it again with the pure-Python parser, whose messages are the ones shown
    node, rep = _compose_with(_SafeComposer, text, filename, max_depth)
    if rep.problems:
        raise rep.error()
    return node


def _compose_with(
    cls: Any, text: str, filename: str, max_depth: int
) -> tuple[Node | None, Reporter]:
    """Compose with one loader class; the node (or None) and the problems found."""
    rep = Reporter(filename)
    loader: Any = None
    node: Node | None = None
    try:
        loader = cls(text, max_depth)
        node = loader.get_single_node()
    except _TooDeep as exc:
        rep.at(exc.mark, f"nested more than {max_depth} levels deep")
    except yaml.MarkedYAMLError as exc:
        rep.problems.append(_syntax_problem(filename, exc))
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position) if exc.position >= 0 else (1, 1)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        rep.problems.append(
            Problem(filename, line, col, f"character U+{char:04X} is not allowed in YAML text")
        )
    except yaml.YAMLError as exc:
        rep.at(None, f"YAML error: {exc}")
    except RecursionError:
        rep.at(None, "nested too deeply to read")
    finally:
        if loader is not None:
            refused = loader.refused
            rep.problems[:0] = [
                Problem(filename, m.line + 1, m.column + 1, msg)
                for m, msg in refused[:MAX_REFUSALS]
            ]
            if len(refused) > MAX_REFUSALS:
                mark = refused[MAX_REFUSALS][0]
                rep.at(mark, f"{len(refused) - MAX_REFUSALS} more anchors, aliases or tags")
            loader.dispose()
    return node, rep


def describe(node: Node) -> str:
    """What a node is, in words for an error message ("a list", "a number", ...)."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {
        NULL: "empty",
        BOOL: "a true/false value",
        INT: "a number",
        FLOAT: "a number",
        TIMESTAMP: "a date",
    }.get(node.tag, "text")


_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate(text: str) -> str | None:
    """A message if the text holds a lone surrogate (a "\\ud800" escape), which no UTF-8
    output (Discord, SQLite, a terminal) can carry; else None."""
    if text.isascii():
        return None
    found = _SURROGATE.search(text)
    if found is None:
        return None
    return f"contains U+{ord(found.group()):04X}, a lone surrogate, which is not a character"


def shorten(text: str, width: int = 50) -> str:
    """Text quoted for an error message, cut short if long (lone surrogates escaped)."""
    one_line = " ".join(text.split())
    if len(one_line) > width:
        one_line = one_line[: width - 1] + "…"
    if not one_line.isascii():
        one_line = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", one_line)
    return f"'{one_line}'"


def mapping_entries(
    node: MappingNode, rep: Reporter, where: str, *, later_wins: bool = False
) -> dict[str, tuple[ScalarNode, Node]]:
    """A mapping's entries by key text; reports duplicate, empty, merge and non-text keys.

    ``later_wins`` (Red lists, as Red's own loader does): a duplicated key is a warning naming
    both lines, and the later entry replaces the earlier one.
    """
    entries: dict[str, tuple[ScalarNode, Node]] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode) or key.tag == NULL:
            rep.at(key, f"{where}a key must be text, not {describe(key)}")
            continue
        if key.tag == MERGE:
            rep.at(key, f"{where}merge keys '<<' are not allowed")
            continue
        name = key.value
        if name in entries:
            first = entries[name][0].start_mark
            if later_wins:
                rep.warn(
                    key,
                    f"{where}duplicate key {shorten(name)} (also at line {first.line + 1}): "
                    "this later one is used",
                )
                del entries[name]  # re-inserted below, in the later one's place
            else:
                rep.at(
                    key, f"{where}duplicate key {shorten(name)} (first at line {first.line + 1})"
                )
                continue
        entries[name] = (key, value)
    return entries


def read_limited(path: Path, filename: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refusing (before reading) one over the size limit; raises PackError."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise PackError([_too_big(filename, size, max_bytes)])
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise PackError([Problem(filename, 0, 0, f"cannot read: {exc.strerror or exc}")]) from None
    if len(data) > max_bytes:
        raise PackError([_too_big(filename, len(data), max_bytes)])
    return data
