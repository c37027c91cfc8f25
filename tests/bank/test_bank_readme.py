"""The format reference's examples (questions/README.md) load as documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.bank import PackError, load_sources, parse_pack, parse_sources

README = Path(__file__).resolve().parent.parent.parent / "questions" / "README.md"


def _examples() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_the_three_examples() -> None:
    assert len(_examples()) == 3


def test_the_pack_example_loads_as_a_shipped_pack() -> None:
    sources = load_sources(README.parent / "sources.yaml")
    pack = parse_pack(
        _examples()[0], filename="example.yaml", sources=sources, require_evidence=True
    )
    (question,) = pack.questions
    assert (pack.title, question.key, question.episode) == (
        "Soundtrack #2",
        "soundtrack-2/k-actor",
        1,
    )


def test_the_sources_example_loads() -> None:
    sources = parse_sources(_examples()[1], filename="sources.yaml")
    assert sources["glitz-review"].date == "2023-12-18"


def test_the_red_example_loads() -> None:
    pack = parse_pack(
        _examples()[2], filename="soundtrack-basics.yaml", sources=None, require_evidence=False
    )
    assert [q.accepted for q in pack.questions] == [("Sohn Jeong-hyuck", "DEMIAN"), ("6", "six")]


def test_the_comment_trap_is_real() -> None:
    pack = parse_pack(
        "pack: p\ntitle: Soundtrack #2\nquestions: [{id: q, question: q, answer: a}]\n",
        filename="p.yaml",
        sources=None,
        require_evidence=False,
    )
    assert pack.title == "Soundtrack"


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!binary", "!!str", "!anything"])
def test_every_tag_named_in_the_readme_is_refused(tag: str) -> None:
    text = f"pack: p\ntitle: {tag} x\nquestions: [{{id: q, question: q, answer: a}}]\n"
    with pytest.raises(PackError, match="is not allowed: tags are never loaded"):
        parse_pack(text, filename="p.yaml", sources=None, require_evidence=False)
