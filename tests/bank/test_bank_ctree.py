"""libyaml's C composer is used only where it is safe, and gives the tree the exact path gives.

The reference is the composer used before it: libyaml's events composed in Python, refusing
anchors, aliases and tags and counting depth (the pure-Python parser places a few empty nodes
differently, so it is not the reference)."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.bank import ctree
from bot.bank.gcpause import gc_paused
from bot.bank.limits import MAX_DEPTH
from bot.bank.yamlnodes import _compose_with, _FastComposer, compose, decode

pytestmark = pytest.mark.skipif(not ctree.AVAILABLE, reason="PyYAML built without libyaml")

HERE = Path(__file__).resolve().parent
_ALL_FIXTURES = sorted(HERE.glob("*/*.yaml")) + sorted(
    (HERE.parent.parent / "questions").glob("*.yaml")
)


def _text_or_none(path: Path) -> str | None:
    try:
        return decode(path.read_bytes(), str(path))
    except Exception:
        return None


#: the fixtures that are text at all (the binary and wrongly encoded ones never reach YAML)
FIXTURES = [p for p in _ALL_FIXTURES if _text_or_none(p) is not None]

PACK = """\
pack: p
title: T
questions:
  - id: q1
    question: "Who? [the lead]"
    answer: Kim Min-seo
    aliases: ["Min-seo", 'Kim Min seo', Minseo]
    wrong_answers: [Lee Ha-jun, "Park \\"Ji\\" Won", it's him]
"""


def _shape(node: Node | None) -> Any:
    """A node tree as plain data: kind, tag, value and where it starts."""
    if node is None:
        return None
    where = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, ScalarNode):
        return ("scalar", node.tag, node.value, where)
    if isinstance(node, SequenceNode):
        return ("seq", node.tag, [_shape(n) for n in node.value], where)
    assert isinstance(node, MappingNode)
    return ("map", node.tag, [(_shape(k), _shape(v)) for k, v in node.value], where)


def _exact(text: str) -> Any:
    node, rep = _compose_with(_FastComposer, text, "f.yaml", MAX_DEPTH)
    return _shape(node), rep.problems


@pytest.mark.parametrize("path", FIXTURES, ids=[f"{p.parent.name}/{p.name}" for p in FIXTURES])
def test_every_eligible_fixture_composes_as_the_pure_python_parser_does(path: Path) -> None:
    text = _text_or_none(path)
    assert text is not None
    if not ctree.eligible(text, MAX_DEPTH):
        return
    try:
        fast = _shape(ctree.ctree(text))
    except Exception:
        return  # libyaml refuses it: the caller falls back to the exact path
    assert (fast, []) == _exact(text)


def test_a_pack_with_flow_lists_is_eligible_and_identical() -> None:
    assert ctree.eligible(PACK, MAX_DEPTH)
    assert (_shape(ctree.ctree(PACK)), []) == _exact(PACK)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: 2\n",  # an anchor never used leaves no trace in libyaml's tree
        "a: &x 1\nb: *x\n",
        "a: [&x 1, *x]\n",
        "a: !secret 1\n",
        "a: !!str 1\n",
        "a: ! 1\n",
        "- !!python/object/apply:os.system [ls]\n",
        "a: {b: *x}\n",
        "\ufeffa: &x 1\n",
        "a: 1\r*x: 2\r",
    ],
)
def test_anchors_aliases_and_tags_are_never_composed_by_libyaml(text: str) -> None:
    assert not ctree.eligible(text, MAX_DEPTH)


@pytest.mark.parametrize(
    "text",
    [
        "answer: Tom & Jerry\n",
        "answer: R&B\n",
        "answer: Q*bert\n",
        "answer: Yes!\n",
        "answer: 5 * 3\n",
        "aliases: [Tom & Jerry, AT&T]\n",
    ],
)
def test_ampersands_and_stars_in_text_keep_the_fast_path(text: str) -> None:
    assert ctree.eligible(text, MAX_DEPTH)
    assert (_shape(ctree.ctree(text)), []) == _exact(text)


def _deep_texts(levels: int) -> list[str]:
    return [
        "[" * levels + "]" * levels,
        "{a: " * levels + "1" + "}" * levels,
        "- " * levels + "x\n",
        "".join("  " * i + "k:\n" for i in range(levels)) + "  " * levels + "v\n",
        # brackets hidden from a naive scan by quotes: every line opens a real list
        "".join(f'{"  " * 0}k{i}: "]" [\n' for i in range(levels)),
        "a: '\n" + "k: [']\n" * levels,
        "\r".join("- " * 3 + "x" for _ in range(levels)) + "\r" + "- " * levels + "x",
        "a: 1\u2028" + "- " * levels + "x",
    ]


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 200])
def test_deep_or_tricky_nesting_is_never_composed_by_libyaml(levels: int) -> None:
    for text in _deep_texts(levels):
        assert not ctree.eligible(text, MAX_DEPTH), text[:60]


@pytest.mark.parametrize(
    ("line", "flat"),
    [
        ("  - aliases: [\"A\", 'B', it's C, D]", True),
        ("    wrong_answers: []", True),
        ("k: [? a]", False),  # a one-pair mapping inside the list: two levels
        ("k: [a: b]", False),
        ("k: [a] # note", False),
        ('k: "x" [a]', False),
        ("k: [a, [b]]", False),
        ("k: [a, {b: c}]", False),
        ('k: ["a]", b]', False),
        ("k: [a, 'b]", False),
    ],
)
def test_only_one_line_flat_lists_count_as_one_level(line: str, flat: bool) -> None:
    found = ctree._FLOW_LINE.match(f"\n{line}\n")
    assert (found is not None and found.end() == len(line) + 1) is flat


@pytest.mark.parametrize("levels", [1, 2, 3])
def test_shallow_nesting_keeps_the_fast_path(levels: int) -> None:
    text = "".join("  " * i + "k:\n" for i in range(levels)) + "  " * levels + "[[v]]\n"
    assert ctree.eligible(text, MAX_DEPTH)
    assert (_shape(ctree.ctree(text)), []) == _exact(text)


def test_a_huge_nesting_is_refused_without_crashing() -> None:
    # libyaml's composer recurses in C: this many levels would overflow the stack (a crash, not
    # an exception), so the child process must end normally with the depth problem reported
    code = (
        "from bot.bank import PackError\n"
        "from bot.bank.yamlnodes import compose\n"
        "for text in ('[' * 300000, '- ' * 300000 + 'x', 'k: [\\n' * 100000):\n"
        "    try:\n"
        "        compose(text, 'f.yaml')\n"
        "    except PackError as exc:\n"
        "        print(exc.problems[0].message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("nested more than 20 levels deep") == 3, done.stdout


# ASCII pieces of YAML that stress the scan: indicators, quotes, brackets, breaks
_PIECES = st.lists(
    st.sampled_from(
        [
            *("- ", "  ", "k: ", "[", "]", "{", "}", ", ", '"', "'", "\n", "\r", "#", "a"),
            *("b: c", "&", "*", "!", "? ", ": ", "x'y", '\\"', "--- ", "...", "? - ", "|\n"),
        ]
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(_PIECES.map("".join))
def test_whatever_libyaml_composes_the_exact_path_composes_the_same(text: str) -> None:
    if not ctree.eligible(text, MAX_DEPTH):
        return
    try:
        fast = _shape(ctree.ctree(text))
    except Exception:
        return
    assert (fast, []) == _exact(text)


def test_compose_takes_the_fast_path_and_gives_the_same_tree() -> None:
    assert _shape(compose(PACK, "f.yaml")) == _exact(PACK)[0]


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
