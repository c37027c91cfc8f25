"""questions/sources.yaml: the articles shipped questions may cite."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, SequenceNode

from bot.bank import limits
from bot.bank.fields import Fields
from bot.bank.problems import Reporter
from bot.bank.yamlnodes import compose, describe, read_limited, shorten
from bot.engine.model import Source

SOURCES_FILE = "sources.yaml"
SOURCE_FIELDS = ("id", "title", "outlet", "date")


def is_sources_file(path: Path) -> bool:
    """Whether a file is a sources list rather than a pack."""
    return path.name == SOURCES_FILE


def parse_sources(data: str | bytes, *, filename: str) -> dict[str, Source]:
    """Sources by id from a sources file's text; raises PackError listing every problem."""
    root = compose(data, filename)
    rep = Reporter(filename)
    if not isinstance(root, MappingNode):
        shown = "empty" if root is None else describe(root)
        rep.at(root, f"the top level must be a mapping with a 'sources' list, not {shown}")
        raise rep.error()
    top = Fields(root, rep, "", ("sources",))
    listing = top.value("sources")
    found: dict[str, Source] = {}
    if listing is None:
        top.missing("sources", " (a list of {id, title, outlet, date})")
    elif not isinstance(listing, SequenceNode):
        top.problem("sources", listing, f"must be a list, not {describe(listing)}")
    else:
        for index, node in enumerate(listing.value, start=1):
            if not isinstance(node, MappingNode):
                rep.at(node, f"source #{index}: must be a mapping, not {describe(node)}")
                continue
            f = Fields(node, rep, f"source #{index}: ", SOURCE_FIELDS)
            sid = f.text("id", required=True, max_len=limits.MAX_SLUG)
            title = f.text("title", required=True, max_len=limits.MAX_DESCRIPTION)
            outlet = f.text("outlet", required=False, max_len=limits.MAX_TITLE)
            date = f.text("date", required=False, max_len=limits.MAX_TITLE)
            if sid is None or title is None:
                continue
            if sid in found:
                f.problem("id", f.value("id"), f"duplicate source id {shorten(sid)}")
                continue
            found[sid] = Source(id=sid, title=title, outlet=outlet, date=date)
    if rep.problems:
        raise rep.error()
    return found


def load_sources(path: Path, filename: str | None = None) -> dict[str, Source]:
    """Read and validate a sources file; raises PackError."""
    name = filename or str(path)
    return parse_sources(read_limited(path, name), filename=name)
