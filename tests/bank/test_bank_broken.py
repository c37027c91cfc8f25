"""One broken pack per kind of error: each is refused with the right FILE:LINE:COL and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bank import BankError, PackError, Problem, load_bank, parse_pack
from bot.bank.limits import MAX_FILE_BYTES, MAX_QUESTIONS

# (file in tests/bank/broken, line, col, message substring): the file's only problem
SINGLE = [
    ("aliases-not-list", 8, 14, "field 'aliases': must be a list such as [A, B], not a mapping"),
    ("bad-slug", 5, 9, "question 'K Actor': field 'id': 'K Actor' is not a valid slug"),
    ("binary", 1, 1, "looks like a binary file"),
    ("bool-question", 6, 15, "field 'question': must be text, not a true/false value"),
    ("control-char", 6, 49, "character U+0007 is not allowed"),
    ("custom-tag", 7, 13, "YAML tag '!secret' is not allowed"),
    ("deep-nesting", 14, 28, "nested more than 20 levels deep"),
    ("duplicate-id", 14, 9, "question 'k-actor': field 'id': duplicate id (first used at line 5)"),
    ("duplicate-key", 12, 5, "question 'k-actor': duplicate key 'difficulty' (first at line 11)"),
    ("empty-answer", 7, 13, "question 'k-actor': field 'answer': is empty"),
    ("empty", 1, 1, "the top level must be a mapping"),
    ("episode-text", 13, 14, "field 'episode': must be a whole number from 1 to 99, not text"),
    ("episode-zero", 13, 14, "field 'episode': 0 is not a whole number from 1 to 99"),
    ("latin1", 3, 11, "not valid UTF-8 text (byte 0xe9 here)"),
    ("long-answer", 7, 13, "field 'answer': is 87 characters long; the limit is 80"),
    ("merge-key", 5, 5, "merge keys '<<' are not allowed"),
    ("missing-answer", 5, 5, "question 'k-actor': missing field 'answer'"),
    ("missing-evidence", 5, 5, "question 'k-actor': missing field 'evidence'"),
    ("missing-pack", 2, 1, "missing field 'pack'"),
    ("missing-source", 5, 5, "question 'k-actor': missing field 'source'"),
    ("no-questions", 4, 12, "field 'questions': has no questions"),
    ("python-tag", 7, 13, "YAML tag '!!python/object/apply:os.system' is not allowed"),
    ("question-list", 6, 15, "question 'k-actor': field 'question': must be text, not a list"),
    ("question-not-mapping", 14, 5, "question #2: must be a mapping of fields, not text"),
    ("red-answers-not-list", 3, 15, "question 'Who plays K?': the answers must be a list"),
    ("red-config-list", 3, 9, "field 'CONFIG': must be a mapping of settings, not a list"),
    ("red-empty-answers", 5, 23, "question 'Who plays Hyeon-seo?': the list of answers is empty"),
    ("red-long-answer", 5, 3, "is 4001 characters long; the limit is 4000"),
    ("tab-indent", 6, 1, "YAML syntax error: found character '\\t'"),
    ("too-many-aliases", 8, 14, "field 'aliases': has 21 items; the limit is 20"),
    ("top-list", 2, 1, "the top level must be a mapping"),
    ("two-documents", 14, 1, "only one YAML document per file"),
    ("unclosed-quote", 14, 1, "YAML syntax error: found unexpected end of stream"),
    ("unknown-category", 10, 15, "field 'category': 'gossip' is not one of cast, characters"),
    (
        "unknown-difficulty",
        11,
        17,
        "field 'difficulty': 'hardest' is not one of easy, medium, hard",
    ),
    ("unknown-field", 13, 5, "question 'k-actor': unknown field 'hint'"),
    ("unknown-source", 12, 13, "field 'source': unknown source 'no-such-source'"),
    ("utf16", 1, 1, "file is UTF-16 text: save it as UTF-8"),
    ("wrong-accepted", 9, 21, "'sohn jeong hyuck' would be accepted as the right answer"),
    ("wrong-count", 9, 20, "needs exactly 3 wrong answers, found 2"),
    ("wrong-duplicate", 9, 52, "'park hyung-sik' is listed twice"),
    ("wrong-nested", 9, 52, "field 'wrong_answers': must be text, not a list"),
    ("wrong-same", 9, 52, "'Noh Sang Hyun' is the same answer as 'Noh Sang-hyun'"),
    ("surrogate", 7, 13, "field 'answer': contains U+D800, a lone surrogate"),
    ("red-null-answer", 3, 36, "an answer must be text or a number, not empty"),
]


def _problems(paths: list[Path], *, require_evidence: bool = True) -> list[Problem]:
    with pytest.raises(BankError) as caught:
        load_bank(paths, require_evidence=require_evidence)
    return caught.value.problems


@pytest.mark.parametrize(("stem", "line", "col", "message"), SINGLE, ids=[s[0] for s in SINGLE])
def test_broken_file_reports_one_problem_at_its_place(
    broken: Path, stem: str, line: int, col: int, message: str
) -> None:
    path = broken / f"{stem}.yaml"
    problems = _problems([path])
    assert len(problems) == 1, "\n".join(map(str, problems))
    (problem,) = problems
    assert (problem.file, problem.line, problem.col) == (str(path), line, col)
    assert message in problem.message
    assert str(problem) == f"{path}:{line}:{col}: {problem.message}"


def test_every_broken_fixture_is_covered(broken: Path) -> None:
    covered = {s[0] for s in SINGLE} | {"billion-laughs", "typo-field", "dup-slug-a", "dup-slug-b"}
    on_disk = {p.stem for p in broken.glob("*.yaml")} - {"sources"}
    assert on_disk == covered


def test_typo_in_a_field_name_suggests_the_right_one(broken: Path) -> None:
    messages = [p.message for p in _problems([broken / "typo-field.yaml"])]
    assert "question 'k-actor': unknown field 'dificulty': did you mean 'difficulty'?" in messages
    assert "question 'k-actor': missing field 'difficulty'" in messages


def test_billion_laughs_is_refused_at_compose_time(broken: Path) -> None:
    problems = _problems([broken / "billion-laughs.yaml"])
    assert str(problems[0]).endswith("billion-laughs.yaml:2:6: YAML anchor '&a' is not allowed")
    assert "YAML alias '*a' is not allowed" in problems[2].message
    # reported one by one up to a cap, then counted: never one line per expanded node
    assert len(problems) <= 21
    assert problems[-1].message.endswith("more anchors, aliases or tags")


def test_a_large_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a: &a [" + ", ".join(["x"] * 50) + "]"]
    lines += [
        f"b{i}: &b{i} [" + ", ".join([f"*{'a' if i == 0 else f'b{i - 1}'}"] * 50) + "]"
        for i in range(30)
    ]
    with pytest.raises(PackError) as caught:
        parse_pack("\n".join(lines), filename="bomb.yaml", sources={}, require_evidence=False)
    assert "YAML anchor '&a' is not allowed" in caught.value.problems[0].message


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"pack: p\ntitle: t\nquestions: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(PackError) as caught:
        parse_pack(text, filename="evil.yaml", sources={}, require_evidence=False)
    assert not marker.exists()
    assert "YAML tag '!!python/object/apply:os.system' is not allowed" in str(caught.value)


def test_duplicate_pack_slugs_across_files(broken: Path) -> None:
    problems = _problems([broken / "dup-slug-a.yaml", broken / "dup-slug-b.yaml"])
    assert [str(p) for p in problems] == [
        f"{broken / 'dup-slug-b.yaml'}:2:7: pack slug 'dup-slug' is already used by "
        f"{broken / 'dup-slug-a.yaml'}"
    ]


def test_a_folder_reports_every_problem_of_every_file_sorted(broken: Path) -> None:
    problems = _problems([broken])
    assert problems == sorted(problems)
    assert {Path(p.file).stem for p in problems} == {
        p.stem for p in broken.glob("*.yaml") if p.stem not in ("sources", "dup-slug-a")
    }


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    # not even valid YAML: the size check must come first
    path.write_bytes(b"\t[" * (MAX_FILE_BYTES // 2 + 1))
    (problem,) = _problems([path])
    assert (problem.line, problem.col) == (1, 1)
    assert "file is too big (1.0 MiB); the limit is 1.0 MiB" in problem.message


def test_text_over_the_size_limit_is_refused_by_parse_pack() -> None:
    with pytest.raises(PackError, match="file is too big"):
        parse_pack(
            "#" * (MAX_FILE_BYTES + 1), filename="a.yaml", sources={}, require_evidence=False
        )


def test_too_many_questions_in_a_pack(tmp_path: Path) -> None:
    rows = "".join(f"- {{id: q{i}, question: q, answer: a}}\n" for i in range(MAX_QUESTIONS + 1))
    text = "pack: big\ntitle: Big\nquestions:\n" + rows
    with pytest.raises(PackError) as caught:
        parse_pack(text, filename="big.yaml", sources={}, require_evidence=False)
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == (4, 1)
    assert f"has {MAX_QUESTIONS + 1} questions; the limit is {MAX_QUESTIONS}" in problem.message


def test_too_many_questions_in_a_red_list() -> None:
    text = "".join(f"q{i}: [a]\n" for i in range(MAX_QUESTIONS + 1))
    with pytest.raises(PackError, match=f"the list has {MAX_QUESTIONS + 1} questions"):
        parse_pack(text, filename="big.yaml", sources={}, require_evidence=False)


def test_all_problems_of_a_file_are_listed_not_just_the_first() -> None:
    text = (
        "pack: Bad Slug\n"
        "title: ''\n"
        "questions:\n"
        "  - id: a\n"
        "    question: q\n"
        "    answer: x\n"
        "    difficulty: extreme\n"
        "  - id: a\n"
        "    question: q\n"
        "    answer: y\n"
    )
    with pytest.raises(PackError) as caught:
        parse_pack(text, filename="m.yaml", sources={}, require_evidence=False)
    assert [(p.line, p.col) for p in caught.value.problems] == [(1, 7), (2, 8), (7, 17), (8, 9)]


def test_a_file_loads_whole_or_not_at_all(good: Path, broken: Path) -> None:
    # one good file and one broken file: no bank at all, not a bank without the broken pack
    problems = _problems([good, broken / "wrong-count.yaml"])
    assert [Path(p.file).stem for p in problems] == ["wrong-count"]


@pytest.mark.parametrize("missing", ["no/such/folder", "nothing-here.yaml"])
def test_a_path_that_does_not_exist_is_a_problem(missing: str) -> None:
    (problem,) = _problems([missing])
    assert str(problem) == f"{missing}: no such file or folder"


def test_a_folder_without_packs_is_a_problem(tmp_path: Path) -> None:
    (problem,) = _problems([tmp_path])
    assert str(problem) == f"{tmp_path}: no question packs (*.yaml) in this folder"


def test_a_broken_sources_file_is_reported_without_cascading(tmp_path: Path, good: Path) -> None:
    (tmp_path / "sources.yaml").write_text("sources:\n  - id: a\n    titel: typo\n")
    (tmp_path / "pack.yaml").write_text((good / "good-pack.yaml").read_text())
    problems = _problems([tmp_path])
    assert [(Path(p.file).name, p.line) for p in problems] == [
        ("sources.yaml", 2),
        ("sources.yaml", 3),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "pack: p\ntitle: t\n"
            'questions: [{id: "a\\ud800", question: q, answer: a, "x\\udfff": 1}]\n',
            [
                "3:18: question 'a\\ud800': field 'id': contains U+D800, a lone surrogate",
                "3:53: question 'a\\ud800': unknown field 'x\\udfff'",
            ],
        ),
        (
            '"Q\\ud800?": [a]\n"Q2?": ["\\udc00"]\n',
            [
                "1:1: question 'Q\\ud800?': the question contains U+D800, a lone surrogate",
                "2:9: question 'Q2?': answer '\\udc00' contains U+DC00, a lone surrogate",
            ],
        ),
    ],
)
def test_a_lone_surrogate_is_refused_and_every_message_prints(
    text: str, expected: list[str]
) -> None:
    with pytest.raises(PackError) as caught:
        parse_pack(text, filename="s.yaml", sources={}, require_evidence=False)
    shown = [str(p) for p in caught.value.problems]
    for line in shown:
        line.encode("utf-8")  # no lone surrogate left to break a terminal or Discord
    assert len(shown) == len(expected)
    for line, want in zip(shown, expected, strict=True):
        assert line.startswith(f"s.yaml:{want}"), line


def test_a_problem_naming_an_undecodable_file_prints_as_utf8() -> None:
    problem = Problem("\udcff.yaml", 1, 1, "missing field 'title'")
    assert str(problem) == "\\udcff.yaml:1:1: missing field 'title'"
