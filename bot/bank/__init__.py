"""Question packs: YAML loading with line numbers, validation, and Red-format lists."""

from __future__ import annotations

from bot.bank.bank import Bank
from bot.bank.loader import load_bank, parse_pack
from bot.bank.problems import BankError, PackError, Problem
from bot.bank.sources import load_sources, parse_sources

__all__ = [
    "Bank",
    "BankError",
    "PackError",
    "Problem",
    "load_bank",
    "load_sources",
    "parse_pack",
    "parse_sources",
]
