"""Valid packs load into engine dataclasses: native and Red formats, sources, the Bank API."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bank import Bank, PackError, load_bank, load_sources, parse_pack
from bot.bank.red import question_id
from bot.engine.model import Pack, Question, Source

SOURCES = {"test-source": Source(id="test-source", title="A test article")}

MINIMAL = """\
pack: server-pack
title: A server's pack
questions:
  - id: q1
    question: "In what year did Soundtrack #2 come out?"
    answer: 2023
"""


def _parse(text: str, *, shipped: bool = False, filename: str = "pack.yaml") -> Pack:
    return parse_pack(text, filename=filename, sources=SOURCES, require_evidence=shipped)


def test_good_pack_loads_with_every_field(good: Path) -> None:
    bank = load_bank([good])
    pack = bank.pack("good-pack")
    assert pack.format == "native"
    assert pack.origin == str(good / "good-pack.yaml")
    assert pack.description == "Three valid questions, one of each kind."
    first = pack.questions[0]
    assert first == Question(
        id="k-actor",
        pack="good-pack",
        question="Who plays the singer-songwriter K?",
        answer="Sohn Jeong-hyuck",
        aliases=("Sohn Jung Hyuk", "DEMIAN"),
        wrong_answers=("Noh Sang-hyun", "Park Hyung-sik", "Han So-hee"),
        category="cast",
        difficulty="easy",
        source=Source(
            id="test-source",
            title="A test article about Soundtrack #2",
            outlet="Test Times",
            date="2023-12-18",
        ),
        evidence="played by real-life singer-songwriter Sohn Jeong-hyuck",
        episode=1,
    )


def test_numbers_in_answers_keep_their_spelling(good: Path) -> None:
    question = load_bank([good]).question("good-pack/instalments")
    assert question is not None
    assert (question.answer, question.aliases, question.wrong_answers) == (
        "6",
        ("six",),
        ("4", "8", "12"),
    )
    assert question.source is not None and question.source.id == "004"
    assert question.note == "Soundtrack #1 had four."


def test_a_shipped_pack_may_use_its_own_slug_as_category(good: Path) -> None:
    assert load_bank([good]).questions(category="good-pack")[0].id == "good-pack-typed"


def test_import_mode_defaults_category_difficulty_and_needs_no_source() -> None:
    (question,) = _parse(MINIMAL).questions
    assert question.answer == "2023"
    assert (question.category, question.difficulty) == ("server-pack", "medium")
    assert (question.source, question.evidence, question.wrong_answers) == (None, None, ())
    assert not question.supports_choice


def test_shipped_mode_requires_what_import_mode_does_not() -> None:
    with pytest.raises(PackError) as caught:
        _parse(MINIMAL, shipped=True)
    assert {p.message.split("missing field ")[1].split()[0] for p in caught.value.problems} == {
        "'category'",
        "'difficulty'",
        "'source'",
        "'evidence'",
    }


def test_an_import_may_cite_a_known_source_but_not_an_unknown_one() -> None:
    cited = MINIMAL + "    source: test-source\n"
    assert _parse(cited).questions[0].source == SOURCES["test-source"]
    with pytest.raises(PackError, match="unknown source 'elsewhere'"):
        _parse(MINIMAL + "    source: elsewhere\n")


def test_bytes_and_a_byte_order_mark_are_accepted() -> None:
    pack = parse_pack(
        ("\ufeff" + MINIMAL).encode("utf-8"),
        filename="bom.yaml",
        sources=None,
        require_evidence=False,
    )
    assert pack.slug == "server-pack"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("    answer: yes\n", None),
        ("    episode: 3\n", None),
        ("    episode: 100\n", "100 is not a whole number from 1 to 99"),
        ("    episode: '3'\n", "must be a whole number from 1 to 99, not text"),
        ("    episode: true\n", "not a true/false value"),
        ("    note: ''\n", "field 'note': is empty"),
        ("    note:\n", "field 'note': is empty"),
        ("    difficulty: [hard]\n", "must be text, not a list"),
        ("    wrong_answers: []\n", "needs exactly 3 wrong answers, found 0"),
        ("    wrong_answers: [a, '', c]\n", "field 'wrong_answers': is empty"),
        ("    aliases: [~]\n", "field 'aliases': is empty"),
        ("    question: " + "x" * 301 + "\n", "is 301 characters long; the limit is 300"),
        ("    evidence: " + "x" * 401 + "\n", "is 401 characters long; the limit is 400"),
        ("    note: " + "x" * 301 + "\n", "is 301 characters long; the limit is 300"),
        ("    category: Cast\n", "'Cast' is not a valid slug"),
        ("    {a: b}: c\n", "a key must be text, not a mapping"),
    ],
)
def test_field_rules(line: str, message: str | None) -> None:
    field = line.split(":")[0]
    kept = [row for row in MINIMAL.splitlines(keepends=True) if row.split(":")[0] != field]
    text = "".join(kept) + line
    if message is None:
        assert len(_parse(text).questions) == 1
    else:
        with pytest.raises(PackError) as caught:
            _parse(text)
        (problem,) = caught.value.problems
        assert message in problem.message
        assert problem.line == text.splitlines().index(line.rstrip("\n")) + 1


def test_title_and_description_limits() -> None:
    text = MINIMAL.replace(
        "title: A server's pack", "title: " + "t" * 101 + "\ndescription: " + "d" * 301
    )
    with pytest.raises(PackError) as caught:
        _parse(text)
    assert [p.message for p in caught.value.problems] == [
        "field 'title': is 101 characters long; the limit is 100",
        "field 'description': is 301 characters long; the limit is 300",
    ]


def test_red_list_loads_typed_mode_only() -> None:
    path = Path(__file__).parent / "red" / "soundtrack_2_red.yaml"
    bank = load_bank([path], require_evidence=False)
    pack = bank.pack("soundtrack-2-red")
    assert (pack.format, pack.title) == ("red", "soundtrack 2 red")
    assert pack.description == "A Red-style list about Soundtrack #2, with numeric answers."
    assert len(pack.questions) == 4
    assert all(not q.supports_choice for q in pack.questions)
    assert {(q.category, q.difficulty) for q in pack.questions} == {("soundtrack-2-red", "medium")}
    k, instalments, episodes, _ = pack.questions
    assert (k.answer, k.aliases) == ("Sohn Jeong-hyuck", ("DEMIAN",))
    # Red stringifies numeric answers: 6 is the answer "6"
    assert (instalments.answer, instalments.aliases) == ("6", ("six",))
    assert episodes.accepted == ("4", "four")


def test_red_question_ids_are_stable_and_distinct() -> None:
    a = question_id("Who plays the singer-songwriter K in Soundtrack #2?")
    assert a == question_id("Who plays the singer-songwriter K in Soundtrack #2?")
    assert a.startswith("who-plays-the-singer-songwriter")
    assert a != question_id("Who plays the singer-songwriter K in Soundtrack #1?")


def test_red_pack_slug_comes_from_the_file_name() -> None:
    pack = _parse("AUTHOR: me\n'2 + 2?': [4, four]\n", filename="uploads/My Maths_List.yml")
    assert pack.slug == "my-maths-list"
    assert pack.questions[0].accepted == ("4", "four")


def test_sources_load_with_dates_kept_as_written(good: Path) -> None:
    sources = load_sources(good / "sources.yaml")
    assert sources["test-source"].date == "2023-12-18"
    assert sources["004"].outlet is None


def test_duplicate_source_ids_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - {id: a, title: A}\n  - {id: a, title: B}\n")
    with pytest.raises(PackError, match=r"sources.yaml:3:10: source #2: field 'id': duplicate"):
        load_sources(path)


@pytest.fixture
def bank(good: Path) -> Bank:
    return load_bank([good])


def test_bank_lookups(bank: Bank) -> None:
    assert bank.categories() == ["cast", "production", "good-pack"]
    assert bank.question("good-pack/k-actor") is not None
    assert bank.question("good-pack/nope") is None
    assert bank.question("nope/k-actor") is None
    with pytest.raises(KeyError, match="no pack named 'nope'"):
        bank.pack("nope")
    assert len(bank) == 3
    assert bank.difficulty_counts() == {"easy": 1, "medium": 1, "hard": 1}


def test_bank_filters(bank: Bank) -> None:
    assert [q.id for q in bank.questions(difficulty="easy")] == ["k-actor"]
    assert [q.id for q in bank.questions(choice_only=True)] == ["k-actor", "instalments"]
    # spoiler-safe: k-actor is revealed in episode 1
    assert "k-actor" not in [q.id for q in bank.questions(max_episode=0)]
    assert "k-actor" in [q.id for q in bank.questions(max_episode=1)]
    with pytest.raises(KeyError):
        bank.questions(packs=["nope"])


def test_server_packs_layer_on_shipped_ones(bank: Bank) -> None:
    server = _parse(MINIMAL)
    both = bank.with_packs([server])
    assert set(both.packs) == {"good-pack", "server-pack"}
    assert set(bank.packs) == {"good-pack"}
    assert [q.pack for q in both.questions(packs=["server-pack"])] == ["server-pack"]
    with pytest.raises(ValueError, match="already in the bank"):
        both.with_packs([server])


def test_load_bank_takes_one_path_as_well_as_a_list(good: Path) -> None:
    # a bare string is one path, not a sequence of one-letter paths
    assert load_bank(str(good)).packs.keys() == load_bank([good]).packs.keys()
    assert "good-pack" in load_bank(good).packs
