"""This project's pack format: pack, title, description and a list of questions."""

from __future__ import annotations

from collections.abc import Mapping

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.answers import is_correct, squashed
from bot.bank import limits
from bot.bank.fields import Fields
from bot.bank.problems import Located, Reporter
from bot.bank.yamlnodes import describe, shorten
from bot.engine.model import CATEGORIES, DIFFICULTIES, Pack, Question, Source

PACK_FIELDS = ("pack", "title", "description", "questions")
QUESTION_FIELDS = (
    "id",
    "question",
    "answer",
    "aliases",
    "wrong_answers",
    "category",
    "difficulty",
    "source",
    "evidence",
    "note",
    "episode",
    "gives_away",
)
DEFAULT_DIFFICULTY = "medium"


def looks_native(root: MappingNode) -> bool:
    """Whether a top-level mapping is meant as this project's format (not a Red list)."""
    return any(isinstance(k, ScalarNode) and k.value in PACK_FIELDS for k, _ in root.value)


def parse_native(
    root: MappingNode,
    rep: Reporter,
    *,
    origin: str,
    sources: Mapping[str, Source],
    shipped: bool,
    check_sources: bool = True,
) -> Located[Pack] | None:
    """Build a Pack from a native-format mapping; None (with problems reported) if invalid."""
    top = Fields(root, rep, "", PACK_FIELDS)
    slug = top.slug("pack", required=True, example="my-pack", why=" (the pack's slug)")
    title = top.text("title", required=True, max_len=limits.MAX_TITLE)
    description = top.text("description", required=False, max_len=limits.MAX_DESCRIPTION)
    qnode = top.value("questions")
    questions: list[Question] = []
    if qnode is None:
        top.missing("questions", " (a list of questions)")
    elif not isinstance(qnode, SequenceNode):
        top.problem("questions", qnode, f"must be a list of questions, not {describe(qnode)}")
    elif len(qnode.value) > limits.MAX_QUESTIONS:
        top.problem(
            "questions",
            qnode,
            f"has {len(qnode.value)} questions; the limit is {limits.MAX_QUESTIONS} per pack: "
            "split it into several packs",
        )
    elif not qnode.value:
        top.problem("questions", qnode, "has no questions")
    else:
        seen: dict[str, int] = {}
        linked: list[tuple[int, Node | None, SequenceNode]] = []
        for index, node in enumerate(qnode.value, start=1):
            id_node = _field_node(node, "id") if isinstance(node, MappingNode) else None
            question = _question(
                index, node, id_node, rep, slug or "?", sources, shipped, check_sources, linked
            )
            qid = id_node.value.strip() if isinstance(id_node, ScalarNode) else ""
            if qid and qid in seen:
                rep.at(
                    id_node,
                    f"question {shorten(qid, 40)}: field 'id': duplicate id "
                    f"(first used at line {seen[qid]})",
                )
            elif qid:
                seen[qid] = id_node.start_mark.line + 1 if id_node else 0
            if question is not None:
                questions.append(question)
        _check_links(linked, set(seen), rep)
    if rep.problems or slug is None or title is None:
        return None
    pack = Pack(
        slug=slug,
        title=title,
        description=description or "",
        questions=tuple(questions),
        format="native",
        origin=origin,
    )
    slug_node = top.value("pack")
    assert slug_node is not None
    mark = slug_node.start_mark
    return Located(pack, mark.line + 1, mark.column + 1)


def _field_node(node: MappingNode, name: str) -> Node | None:
    """The value of the mapping's first key written ``name`` (None if there is none)."""
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == name:
            return value  # type: ignore[no-any-return]
    return None


def _label(index: int, id_node: Node | None) -> str:
    """How a problem names a question: by its id ('id_node'), else by its position."""
    if isinstance(id_node, ScalarNode) and id_node.value.strip():
        return f"question {shorten(id_node.value.strip(), 40)}: "
    return f"question #{index}: "


def _question(
    index: int,
    node: Node,
    id_node: Node | None,
    rep: Reporter,
    pack: str,
    sources: Mapping[str, Source],
    shipped: bool,
    check_sources: bool,
    linked: list[tuple[int, Node | None, SequenceNode]],
) -> Question | None:
    """One question, or None if anything in it is wrong (every problem is reported); one with
    a ``gives_away`` list is added to ``linked`` for _check_links."""
    if not isinstance(node, MappingNode):
        rep.at(node, f"question #{index}: must be a mapping of fields, not {describe(node)}")
        return None
    before = len(rep.problems)
    f = Fields(node, rep, _label(index, id_node), QUESTION_FIELDS)
    # the first 'gives_away' key, as mapping_entries keeps the first of duplicated keys
    links_node = f.value("gives_away")
    if isinstance(links_node, SequenceNode):
        linked.append((index, id_node, links_node))
    qid = f.slug("id", required=True, example="k-actor")
    text = f.text("question", required=True, max_len=limits.MAX_QUESTION)
    answer = f.text("answer", required=True, max_len=limits.MAX_ANSWER, loose=True)
    aliases = f.text_list("aliases", max_items=limits.MAX_ALIASES, max_len=limits.MAX_ANSWER)
    wrong = _wrong_answers(f, answer, aliases)
    category = _category(f, pack, shipped)
    difficulty = f.choice("difficulty", DIFFICULTIES, required=shipped)
    source = _source(f, sources, shipped, check_sources)
    evidence = f.text(
        "evidence",
        required=shipped,
        max_len=limits.MAX_EVIDENCE,
        why=" (shipped questions quote their source word for word)",
    )
    note = f.text("note", required=False, max_len=limits.MAX_NOTE)
    episode = f.integer("episode", 1, limits.MAX_EPISODE)
    links = f.text_list("gives_away", max_items=limits.MAX_ALIASES, max_len=limits.MAX_SLUG)
    if len(rep.problems) > before:
        return None
    assert qid is not None and text is not None and answer is not None and aliases is not None
    assert wrong is not None and category is not None and links is not None
    return Question(
        id=qid,
        pack=pack,
        question=text,
        answer=answer,
        aliases=tuple(a for a, _ in aliases),
        wrong_answers=tuple(wrong),
        category=category,
        difficulty=difficulty or DEFAULT_DIFFICULTY,
        source=source,
        evidence=evidence,
        note=note,
        episode=episode,
        gives_away=tuple(dict.fromkeys(t for t, _ in links)),
    )


def _check_links(
    linked: list[tuple[int, Node | None, SequenceNode]], ids: set[str], rep: Reporter
) -> None:
    """Every id in a question's ``gives_away`` names another question of the same pack
    (``linked``: each question with a ``gives_away`` list, its position and its id node)."""
    for index, own, links in linked:
        own_id = own.value.strip() if isinstance(own, ScalarNode) else None
        for item in links.value:
            if not isinstance(item, ScalarNode) or not item.value.strip():
                continue
            target = item.value.strip()
            if target == own_id:
                why = "is this question's own id"
            elif target not in ids:
                why = "is not the id of a question in this pack"
            else:
                continue
            rep.at(item, f"{_label(index, own)}field 'gives_away': {shorten(target, 40)} {why}")


def _category(f: Fields, pack: str, shipped: bool) -> str | None:
    if not f.has("category") and not shipped:
        return pack  # a moderator's pack may leave it out: the pack is the category
    category = f.slug("category", required=True, example="cast")
    if category is not None and shipped and category not in (*CATEGORIES, pack):
        f.problem(
            "category",
            f.value("category"),
            f"{shorten(category)} is not one of {', '.join(CATEGORIES)} "
            f"(or the pack's own slug '{pack}')",
        )
        return None
    return category


def _source(
    f: Fields, sources: Mapping[str, Source], shipped: bool, check_sources: bool
) -> Source | None:
    source_id = f.text(
        "source",
        required=shipped,
        max_len=limits.MAX_SLUG,
        why=" (shipped questions cite an id from sources.yaml)",
    )
    if source_id is None or not check_sources:
        return None
    if source_id not in sources:
        f.problem(
            "source",
            f.value("source"),
            f"unknown source {shorten(source_id)} (not listed in sources.yaml)",
        )
        return None
    return sources[source_id]


def _wrong_answers(
    f: Fields, answer: str | None, aliases: list[tuple[str, Node]] | None
) -> list[str] | None:
    items = f.text_list("wrong_answers", max_items=limits.MAX_ALIASES, max_len=limits.MAX_ANSWER)
    if items is None:
        return None
    if f.has("wrong_answers") and len(items) != limits.WRONG_ANSWERS:
        f.problem(
            "wrong_answers",
            f.value("wrong_answers"),
            f"needs exactly {limits.WRONG_ANSWERS} wrong answers, found {len(items)} "
            "(or leave the field out: typed mode only)",
        )
        return None
    ok = True
    seen: dict[str, str] = {}
    for text, node in items:
        # two buttons naming one thing ("Noh Sang-hyun", "Noh Sang Hyun") are one wrong
        # answer; comparing the matcher's normal forms without spaces is exact enough for
        # that and costs nothing, where the matcher itself would double the load time
        key = squashed(text)
        same = seen.get(key)
        if same is not None and " ".join(same.casefold().split()) == " ".join(
            text.casefold().split()
        ):
            f.problem("wrong_answers", node, f"{shorten(text)} is listed twice")
            ok = False
        elif same is not None:
            f.problem(
                "wrong_answers", node, f"{shorten(text)} is the same answer as {shorten(same)}"
            )
            ok = False
        seen.setdefault(key, text)
    if answer is not None and aliases is not None:
        accepted = [answer, *(a for a, _ in aliases)]
        for text, node in items:
            if is_correct(text, accepted):
                f.problem(
                    "wrong_answers",
                    node,
                    f"{shorten(text)} would be accepted as the right answer "
                    f"{shorten(answer)}: pick a clearly different wrong answer",
                )
                ok = False
    return [t for t, _ in items] if ok else None
