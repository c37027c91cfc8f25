"""Problems found in pack files, each pinned to a file, line and column."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file; line and col are 1-based, 0 means the whole file."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            text = f"{self.file}: {self.message}"
        else:
            text = f"{self.file}:{self.line}:{self.col}: {self.message}"
        # a lone surrogate (an odd file name, a "\ud800" escape) cannot be printed: escape it
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


class PackError(Exception):
    """A pack (or sources file) could not be loaded; ``problems`` says why, all of it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid pack")


class BankError(PackError):
    """The bank could not be loaded: every problem across every file."""


class _Marked(Protocol):
    line: int
    column: int


class _HasMark(Protocol):
    start_mark: _Marked


class Reporter:
    """Collects problems for one file; positions come from YAML nodes or marks (0-based)."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        #: things loaded anyway but worth telling the author (a Red list's repeated question)
        self.warnings: list[Problem] = []

    def at(self, where: _HasMark | _Marked | None, message: str) -> None:
        """Record a problem at a node's start (or a mark); None means line 1, column 1."""
        mark: Any = getattr(where, "start_mark", where)
        if mark is None:
            self.problems.append(Problem(self.filename, 1, 1, message))
        else:
            self.problems.append(Problem(self.filename, mark.line + 1, mark.column + 1, message))

    def warn(self, where: _HasMark | _Marked | None, message: str) -> None:
        """Record a warning (the file still loads) at a node's start or a mark."""
        before = len(self.problems)
        self.at(where, message)
        self.warnings.append(self.problems.pop(before))

    def error(self) -> PackError:
        """The collected problems as an exception to raise."""
        return PackError(self.problems)


@dataclass(frozen=True)
class Located(Generic[T]):
    """A loaded value and where it was written (1-based; for cross-file problems)."""

    value: T
    line: int
    col: int
