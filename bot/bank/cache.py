"""A cache of validated packs, keyed by a file's bytes and the loader's code, so an unchanged
bank is not parsed and checked again at every start.

One file per validated pack in a folder (the user's cache folder by default): its name is the
key, a SHA-256 over the loader's version, the code that validates (every ``bot/bank`` module,
the matcher and the model), the file name, the options and the cited sources, and the file's
bytes. Anything different is a different key, so a stale entry is never read. Entries are
pickles of the ``Located[Pack]`` the loader built; each also stores its key, checked on read.
Any error reading or writing (a corrupt or truncated file, an unreadable folder, a class that
changed) falls back to the full load, with nothing raised. The cache is off until the program
turns it on with :func:`enable` (the bot and the terminal game do; tests and tools do not).
Entries are unpickled, so the folder must be writable by the bot's user only (as a user's
cache folder is); old entries are never removed, and deleting the folder is always safe.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import logging
import operator
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from bot.engine.model import Pack, Question, Source

log = logging.getLogger(__name__)

#: bump when the cached data's meaning changes in a way the code digest would not show
LOADER_VERSION = 1
#: what the cache is made of: the pickles' first bytes
MAGIC = b"trivia-pack-cache\n"
#: the code whose change must invalidate every entry (besides LOADER_VERSION)
_CODE = (
    "bot/bank",
    "bot/answers.py",
    "bot/romanisation.py",
    "bot/hangul.py",
    "bot/engine/model.py",
)
_ROOT = Path(__file__).resolve().parent.parent.parent

T = TypeVar("T")

_folder: Path | None = None
_code_digest: bytes | None = None


def default_folder(environ: Mapping[str, str] | None = None) -> Path:
    """The user's cache folder: ``$XDG_CACHE_HOME`` (or ``~/.cache``)/soundtrack-trivia/packs."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "soundtrack-trivia" / "packs"


def enable(folder: str | Path | None) -> None:
    """Keep validated packs in ``folder`` from now on (None turns the cache off)."""
    global _folder
    _folder = None if folder is None else Path(folder)


@contextmanager
def enabled(where: str | Path | None) -> Iterator[None]:
    """The cache kept in ``where`` for the block, then back to what it was (e.g. off)."""
    global _folder
    previous = _folder
    enable(where)
    try:
        yield
    finally:
        _folder = previous


def folder() -> Path | None:
    """Where validated packs are kept, or None when the cache is off."""
    return _folder


def code_digest() -> bytes:
    """A hash of LOADER_VERSION and the source of every module that validates packs."""
    global _code_digest
    if _code_digest is None:
        h = hashlib.sha256(f"loader {LOADER_VERSION}\n".encode())
        for part in _CODE:
            path = _ROOT / part
            files = sorted(path.glob("*.py")) if path.is_dir() else [path]
            for file in files:
                h.update(file.name.encode() + b"\0")
                h.update(file.read_bytes())
        _code_digest = h.digest()
    return _code_digest


def key(data: str | bytes, filename: str, options: Any) -> str:
    """The entry name for this text, file name and options (their ``repr`` must be stable)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    h = hashlib.sha256(code_digest())
    head = f"{type(data).__name__}\0{filename}\0{options!r}\0"
    h.update(head.encode("utf-8", "backslashreplace"))
    h.update(raw)
    return h.hexdigest()


def _read(path: Path, name: str) -> Any:
    blob = path.read_bytes()
    head = MAGIC + name.encode() + b"\n"
    if not blob.startswith(head):
        raise ValueError("not this entry")
    return pickle.loads(blob[len(head) :])


def _slots_reducer(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """What ``pickle`` makes of a frozen, slotted dataclass by default (its class, then the list
    of its field values for ``__setstate__``), with the values read by one C call instead of
    dataclasses' ``__getstate__`` calling ``fields()`` on every object (most of a pack's
    pickling time). Unpickling is unchanged."""
    names = [f.name for f in dataclasses.fields(cls)]
    newobj: Callable[..., Any] = copyreg.__newobj__  # type: ignore[attr-defined]
    read = operator.attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (newobj, (cls,), (read(obj),))
    return lambda obj: (newobj, (cls,), read(obj))


#: the pickler's reducers for the model's slotted dataclasses (what a pack is made of)
_REDUCERS: dict[type, Any] = {cls: _slots_reducer(cls) for cls in (Question, Pack, Source)}


def _dumps(value: Any) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, **_REDUCERS}
    pickler.dump(value)
    return buffer.getvalue()


def _write(path: Path, name: str, value: Any) -> None:
    blob = MAGIC + name.encode() + b"\n" + _dumps(value)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached(data: str | bytes, filename: str, options: Any, build: Callable[[], T], kind: type) -> T:
    """``build()``'s result for this text, from the cache when an identical entry is there.

    ``kind`` is the type a cached value must have; anything else is ignored and rebuilt.
    Errors ``build`` raises (a PackError) propagate and are not cached.
    """
    where = _folder
    if where is None:
        return build()
    try:
        name = key(data, filename, options)
    except Exception:  # the code digest cannot be read: no cache at all
        log.warning("Pack cache disabled: cannot hash the loader's code", exc_info=True)
        return build()
    path = where / name[:2] / name
    try:
        value = _read(path, name)
        if isinstance(value, kind):
            return cast(T, value)
        log.warning("Pack cache entry %s holds a %s: ignored", path, type(value).__name__)
    except FileNotFoundError:
        pass
    except Exception as exc:
        log.warning("Pack cache entry %s unreadable (%s): loading the file", path, exc)
    value = build()
    try:
        _write(path, name, value)
    except Exception as exc:
        log.warning("Pack cache: cannot write %s (%s)", path, exc)
    return value
