"""Red-DiscordBot trivia lists: AUTHOR, DESCRIPTION, CONFIG, then ``question: [answers]``."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.bank import limits
from bot.bank.fields import Fields
from bot.bank.problems import Located, Reporter
from bot.bank.yamlnodes import NULL, describe, mapping_entries, shorten, surrogate
from bot.engine.model import Pack, Question

RED_KEYS = ("AUTHOR", "DESCRIPTION", "CONFIG")
#: Red lists have no difficulty; every question gets the middle one
RED_DIFFICULTY = "medium"


def slugify(text: str, max_len: int = limits.MAX_SLUG) -> str:
    """Lower-case ASCII letters and digits joined by hyphens ("" if nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    return slug or "-".join(words)[:max_len].strip("-")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def pack_slug(filename: str) -> str:
    """A Red list's pack slug: its file name without extension, slugified."""
    stem = PurePath(filename).stem
    return slugify(stem) or f"list-{_digest(stem)}"


def question_id(text: str) -> str:
    """A stable id for a Red question: a few words of it and a short hash of all of it."""
    return f"{slugify(text, 32) or 'q'}-{_digest(text)}"


def parse_red(root: MappingNode, rep: Reporter, *, origin: str) -> Located[Pack] | None:
    """Build a typed-mode-only Pack from a Red trivia list; None if invalid."""
    slug = pack_slug(origin)
    entries = mapping_entries(root, rep, "", later_wins=True)
    meta = Fields(root, rep, "", RED_KEYS, entries=entries)
    meta.text("AUTHOR", required=False, max_len=limits.MAX_RED_AUTHOR)
    description = meta.text("DESCRIPTION", required=False, max_len=limits.MAX_DESCRIPTION)
    config = meta.value("CONFIG")
    if config is not None and not isinstance(config, MappingNode):
        meta.problem("CONFIG", config, f"must be a mapping of settings, not {describe(config)}")
    items = [(k, v) for name, (k, v) in entries.items() if name not in RED_KEYS]
    if len(items) > limits.MAX_QUESTIONS:
        rep.at(
            root,
            f"the list has {len(items)} questions; the limit is {limits.MAX_QUESTIONS} per pack: "
            "split it into several files",
        )
        return None
    if not items:
        rep.at(root, "the list has no questions (expected 'question: [answers]' entries)")
        return None
    questions: list[Question] = []
    for key, value in items:
        question = _question(key, value, rep, slug)
        if question is not None:
            questions.append(question)
    if rep.problems:
        return None
    stem = PurePath(origin).stem
    title = " ".join(stem.replace("_", " ").replace("-", " ").split())[: limits.MAX_TITLE]
    pack = Pack(
        slug=slug,
        title=title or slug,
        description=description or "",
        questions=tuple(questions),
        format="red",
        origin=origin,
    )
    return Located(pack, 1, 1)


def _question(key: ScalarNode, value: Node, rep: Reporter, slug: str) -> Question | None:
    text = " ".join(key.value.split())
    if not text:
        rep.at(key, "a question's text is empty")
        return None
    where = f"question {shorten(text, 40)}: "
    bad = surrogate(text)
    if bad is not None:
        rep.at(key, f"{where}the question {bad}")
        return None
    if len(text) > limits.MAX_RED_QUESTION:
        rep.at(
            key, f"{where}is {len(text)} characters long; the limit is {limits.MAX_RED_QUESTION}"
        )
        return None
    if not isinstance(value, SequenceNode):
        rep.at(value, f"{where}the answers must be a list such as [A, B], not {describe(value)}")
        return None
    if not value.value:
        rep.at(value, f"{where}the list of answers is empty")
        return None
    if len(value.value) > limits.MAX_RED_ANSWERS:
        rep.at(
            value,
            f"{where}has {len(value.value)} answers; the limit is {limits.MAX_RED_ANSWERS}",
        )
        return None
    answers: list[str] = []
    for item in value.value:
        if not isinstance(item, ScalarNode) or item.tag == NULL or not item.value.strip():
            shown = "empty" if isinstance(item, ScalarNode) else describe(item)
            rep.at(item, f"{where}an answer must be text or a number, not {shown}")
            continue
        answer = item.value.strip()
        bad = surrogate(answer)
        if bad is not None:
            rep.at(item, f"{where}answer {shorten(answer)} {bad}")
            continue
        # a Red question is typed-only (no buttons), so its answers need no button's 80
        if len(answer) > limits.MAX_TYPED_ANSWER:
            rep.at(
                item,
                f"{where}answer {shorten(answer)} is {len(answer)} characters long; "
                f"the limit is {limits.MAX_TYPED_ANSWER}",
            )
            continue
        answers.append(answer)
    if len(answers) != len(value.value):
        return None
    return Question(
        id=question_id(text),
        pack=slug,
        question=text,
        answer=answers[0],
        aliases=tuple(answers[1:]),
        category=slug,
        difficulty=RED_DIFFICULTY,
    )
