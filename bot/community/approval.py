"""An approved suggestion written into a server pack's YAML, checked by the bank's loader."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.bank.limits import MAX_FILE_BYTES, human_size
from bot.bank.loader import parse_pack
from bot.bank.native import looks_native
from bot.bank.problems import PackError
from bot.bank.red import slugify
from bot.community.suggestion import Suggestion, SuggestionError, credit
from bot.engine.model import Pack, Question, Source

#: the first words of the question make its id
ID_LENGTH = 40


@dataclass(frozen=True, slots=True)
class Approved:
    """The pack text to store, the pack the bank loaded from it, and the new question."""

    text: str
    pack: Pack
    question: Question


def question_id(text: str, taken: Iterable[str]) -> str:
    """A slug of the question's first words, made unique among ``taken`` with -2, -3..."""
    used = set(taken)
    base = slugify(text, ID_LENGTH) or "q"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _field(node: MappingNode, name: str) -> Node | None:
    return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == name), None)


def _questions_node(root: Node | None, slug: str) -> SequenceNode:
    """The ``questions`` list of a stored native pack; refuses a Red list."""
    if isinstance(root, MappingNode) and looks_native(root):
        found = _field(root, "questions")
        if isinstance(found, SequenceNode):
            return found
    raise SuggestionError(
        [
            f"`{slug}` is a Red-DiscordBot list, which cannot hold wrong answers or a source: "
            "approve it into another pack (a new one is made for you)."
        ]
    )


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=4096)


def _ids(questions: SequenceNode) -> list[str]:
    found = (_field(q, "id") for q in questions.value if isinstance(q, MappingNode))
    return [n.value.strip() for n in found if isinstance(n, ScalarNode)]


def added_text(suggestion: Suggestion, existing: str | None, slug: str) -> tuple[str, str]:
    """The pack text with the suggestion appended (or a new pack), and its question id.

    The stored text is edited as YAML nodes, so every other value keeps its type and quoting
    exactly as written (``episode: 3`` stays a number, ``'yes'`` stays quoted); comments and
    layout are not kept.
    """
    if existing is None:
        qid = question_id(suggestion.question, ())
        item = {"id": qid, **suggestion.mapping(), "note": credit(suggestion)}
        title = slug.replace("-", " ").replace("_", " ").capitalize()
        return _dump({"pack": slug, "title": title, "questions": [item]}), qid
    try:
        root = yaml.compose(existing, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        # stored packs passed the loader: this is a damaged copy, not a moderator's mistake
        raise SuggestionError(
            [f"`{slug}` as stored is not valid YAML: export it, fix it and import it again."]
        ) from None
    questions = _questions_node(root, slug)
    qid = question_id(suggestion.question, _ids(questions))
    item = {"id": qid, **suggestion.mapping(), "note": credit(suggestion)}
    new_node = yaml.compose(_dump([item]), Loader=yaml.SafeLoader)
    assert isinstance(new_node, SequenceNode)
    questions.value.append(new_node.value[0])
    text = yaml.serialize(root, Dumper=yaml.SafeDumper, allow_unicode=True, width=4096)
    return text, qid


def _same_question(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def approve(
    suggestion: Suggestion,
    existing: str | None,
    slug: str,
    *,
    sources: Mapping[str, Source],
) -> Approved:
    """Add an approved suggestion to server pack ``slug`` (``existing`` is its stored text).

    The result is loaded back by the bank's own loader, as an import is, so what is stored
    exports as YAML that ``trivia-bot check --import`` accepts; raises SuggestionError if not.
    ``sources`` are the ids the pack's other questions may cite (the shipped sources).
    """
    text, qid = added_text(suggestion, existing, slug)
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise SuggestionError(
            [
                f"`{slug}` would be {human_size(size)}, over the {human_size(MAX_FILE_BYTES)} "
                "a pack may hold: approve it into another pack."
            ]
        )
    try:
        pack = parse_pack(text, filename=f"{slug}.yaml", sources=sources, require_evidence=False)
    except PackError as exc:
        raise SuggestionError([p.message for p in exc.problems]) from None
    question = next(q for q in pack.questions if q.id == qid)
    if any(q.id != qid and _same_question(q.question, question.question) for q in pack.questions):
        raise SuggestionError([f"`{slug}` already has that question."])
    return Approved(text=text, pack=pack, question=question)


#: the note an approved question keeps once its suggester's data was removed
ANONYMOUS_CREDIT = "Suggested by a member."


def uncredit(text: str, question_id: str, slug: str) -> str | None:
    """The pack text with question ``question_id``'s note made anonymous; None if unchanged.

    Used when the suggester's data is removed: the question stays in the server's pack, but
    no longer names them. Edited as YAML nodes, like ``added_text``.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        questions = _questions_node(root, slug)
    except (yaml.YAMLError, SuggestionError):
        return None
    for item in questions.value:
        if not isinstance(item, MappingNode):
            continue
        found = _field(item, "id")
        note = _field(item, "note")
        if not (isinstance(found, ScalarNode) and found.value.strip() == question_id):
            continue
        if not isinstance(note, ScalarNode) or note.value == ANONYMOUS_CREDIT:
            return None
        note.value, note.style = ANONYMOUS_CREDIT, None
        return yaml.serialize(root, Dumper=yaml.SafeDumper, allow_unicode=True, width=4096)
    return None
