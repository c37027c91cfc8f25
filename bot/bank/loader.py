"""Loading packs: one file's text (native or Red format) and whole folders of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode

from bot.bank import cache
from bot.bank.bank import Bank
from bot.bank.gcpause import gc_paused
from bot.bank.native import looks_native, parse_native
from bot.bank.problems import BankError, Located, PackError, Problem, Reporter
from bot.bank.red import parse_red
from bot.bank.sources import SOURCES_FILE, is_sources_file, load_sources
from bot.bank.yamlnodes import compose, describe, read_limited
from bot.engine.model import Pack, Source

PACK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A validated pack and the warnings its file gave (what the pack cache keeps)."""

    pack: Located[Pack]
    warnings: tuple[Problem, ...]


def _parse(
    data: str | bytes,
    *,
    filename: str,
    sources: Mapping[str, Source] | None,
    require_evidence: bool,
    check_sources: bool = True,
    warnings: list[Problem] | None = None,
) -> Located[Pack]:
    cited = None if sources is None else sorted(sources.items())
    options = (cited, require_evidence, check_sources)
    parsed = cache.cached(
        data,
        filename,
        options,
        lambda: _validate(data, filename, sources, require_evidence, check_sources),
        _Parsed,
    )
    if warnings is not None:
        warnings.extend(parsed.warnings)
    return parsed.pack


def _validate(
    data: str | bytes,
    filename: str,
    sources: Mapping[str, Source] | None,
    require_evidence: bool,
    check_sources: bool,
) -> _Parsed:
    root = compose(data, filename)
    rep = Reporter(filename)
    if not isinstance(root, MappingNode):
        shown = "empty" if root is None else describe(root)
        rep.at(
            root,
            "the top level must be a mapping (pack, title, questions; or a Red trivia list), "
            f"not {shown}",
        )
        raise rep.error()
    if looks_native(root):
        found = parse_native(
            root,
            rep,
            origin=filename,
            sources=sources or {},
            shipped=require_evidence,
            check_sources=check_sources,
        )
    else:
        found = parse_red(root, rep, origin=filename)
    if found is None or rep.problems:
        raise rep.error()
    return _Parsed(found, tuple(rep.warnings))


def parse_pack(
    data: str | bytes,
    *,
    filename: str,
    sources: Mapping[str, Source] | None,
    require_evidence: bool,
) -> Pack:
    """One pack from a file's text or bytes, native or Red format; raises PackError.

    ``require_evidence`` is True for shipped packs (source, evidence, category and difficulty
    required) and False for a server's import. ``sources`` are the ids a question may cite.
    """
    with gc_paused():
        found = _parse(data, filename=filename, sources=sources, require_evidence=require_evidence)
    return found.value


def _pack_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in PACK_SUFFIXES and p.is_file() and not is_sources_file(p)
    )


def load_bank(
    paths: Sequence[str | Path] | str | Path,
    *,
    require_evidence: bool = True,
    base: Bank | None = None,
) -> Bank:
    """Every pack in these files and folders (or this one); raises BankError listing every
    problem.

    ``base``: packs already loaded (a slug clash with one is a problem naming both files) and
    sources the new packs may cite too. The result holds the base's packs as well.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path, not a sequence of one-letter paths
    with gc_paused():
        return _load_bank(paths, require_evidence=require_evidence, base=base)


def _load_bank(paths: Sequence[str | Path], *, require_evidence: bool, base: Bank | None) -> Bank:
    problems: list[Problem] = []
    warnings: list[Problem] = list(base.warnings) if base else []
    packs: dict[str, Pack] = dict(base.packs) if base else {}
    sources: dict[str, Source] = dict(base.sources) if base else {}
    base_sources = dict(base.sources) if base else {}
    # per folder: its sources (None when its sources.yaml is broken: skip the source checks)
    folder_sources: dict[Path, dict[str, Source] | None] = {}
    done: set[Path] = set()

    def sources_for(folder: Path) -> dict[str, Source] | None:
        key = folder.resolve()
        if key not in folder_sources:
            path = folder / SOURCES_FILE
            found: dict[str, Source] | None = {}
            if path.is_file():
                try:
                    found = load_sources(path, str(path))
                    for sid, src in found.items():
                        sources.setdefault(sid, src)
                except PackError as exc:
                    problems.extend(exc.problems)
                    found = None
            folder_sources[key] = found
        return folder_sources[key]

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                files = _pack_files(path)
            except OSError as exc:
                problems.append(Problem(str(raw), 0, 0, f"cannot list: {exc.strerror or exc}"))
                continue
            sources_for(path)
            if not files:
                problems.append(
                    Problem(str(raw), 0, 0, "no question packs (*.yaml) in this folder")
                )
        elif path.is_file():
            files = [] if is_sources_file(path) else [path]
            sources_for(path.parent)
        else:
            what = "not a file or folder" if path.exists() else "no such file or folder"
            problems.append(Problem(str(raw), 0, 0, what))
            continue
        for file in files:
            if file.resolve() in done:
                continue
            done.add(file.resolve())
            name = str(file)
            known = sources_for(file.parent)
            if known is not None and base_sources:
                known = {**base_sources, **known}
            try:
                found = _parse(
                    read_limited(file, name),
                    filename=name,
                    sources=known,
                    require_evidence=require_evidence,
                    check_sources=known is not None,
                    warnings=warnings,
                )
            except PackError as exc:
                problems.extend(exc.problems)
                continue
            pack = found.value
            if pack.slug in packs:
                problems.append(
                    Problem(
                        name,
                        found.line,
                        found.col,
                        f"pack slug '{pack.slug}' is already used by {packs[pack.slug].origin}",
                    )
                )
                continue
            packs[pack.slug] = pack
    if problems:
        raise BankError(problems)
    return Bank(packs=packs, sources=sources, warnings=tuple(warnings))
