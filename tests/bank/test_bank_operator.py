"""An operator's folder on top of the shipped packs: moderators' rules, broken files skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bank import BankError
from bot.bank.check import run_check_loaded
from bot.bank.layers import load_packs, skipped_report
from bot.bank.shipped import shipped_folder

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

OWN_PACK = """\
pack: fan-questions
title: Our own questions
questions:
  - id: k-job
    question: "What is K's job?"
    answer: singer-songwriter
    wrong_answers: [chef, lawyer, pilot]
"""

BROKEN = """\
pack: broken-pack
title: Broken
questions:
  - id: one
    question: "Which?"
    answer: [not, text]
    hint: nope
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An operator folder with one good pack (no source/evidence/category) and one broken."""
    extra = tmp_path / "packs"
    extra.mkdir()
    (extra / "fan.yaml").write_text(OWN_PACK)
    (extra / "broken.yaml").write_text(BROKEN)
    return extra


def test_the_shipped_folder_is_questions_beside_the_package_in_a_clone() -> None:
    assert shipped_folder() == ROOT / "questions"


def test_an_operator_pack_without_source_or_evidence_loads_beside_the_shipped(
    folder: Path,
) -> None:
    loaded = load_packs(folder)
    assert {"soundtrack-2", "soundtrack-1", "fan-questions"} <= set(loaded.bank.packs)
    question = loaded.bank.pack("fan-questions").questions[0]
    assert (question.source, question.evidence, question.category) == (
        None,
        None,
        "fan-questions",
    )


def test_a_broken_file_is_skipped_whole_with_every_problem_at_its_place(folder: Path) -> None:
    loaded = load_packs(folder)
    assert "broken-pack" not in loaded.bank.packs
    broken = str(folder / "broken.yaml")
    assert loaded.skipped_files == [broken]
    assert [str(p) for p in loaded.skipped] == [
        f"{broken}:6:13: question 'one': field 'answer': must be text, not a list",
        f"{broken}:7:5: question 'one': unknown field 'hint' (known: id, question, answer, "
        "aliases, wrong_answers, category, difficulty, source, evidence, note, episode, "
        "gives_away)",
    ]
    report = skipped_report(loaded)
    assert report[:2] == [str(p) for p in loaded.skipped]
    assert report[2].startswith(f"Skipped 1 broken pack file ({broken})")


def test_a_slug_clash_with_a_shipped_pack_names_both_files(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(OWN_PACK.replace("fan-questions", "soundtrack-2"))
    loaded = load_packs(tmp_path)
    (problem,) = loaded.skipped
    assert (problem.file, problem.line, problem.col) == (str(tmp_path / "mine.yaml"), 1, 7)
    assert problem.message == (
        f"pack slug 'soundtrack-2' is already used by {shipped_folder() / 'soundtrack-2.yaml'}"
    )
    assert loaded.bank.pack("soundtrack-2").origin.endswith("questions/soundtrack-2.yaml")


def test_shipped_packs_off_leaves_only_the_operators(folder: Path) -> None:
    loaded = load_packs(folder, shipped=False)
    assert set(loaded.bank.packs) == {"fan-questions"}


def test_the_shipped_folder_named_again_is_not_loaded_twice() -> None:
    loaded = load_packs(ROOT / "questions")
    assert loaded.skipped == () and set(loaded.bank.packs) == {"soundtrack-2", "soundtrack-1"}


def test_a_missing_operator_folder_is_reported_and_the_shipped_still_load(
    tmp_path: Path,
) -> None:
    loaded = load_packs(tmp_path / "nope")
    assert [str(p) for p in loaded.skipped] == [
        f"{tmp_path / 'nope'}: TRIVIA_QUESTIONS: no such folder"
    ]
    assert "soundtrack-2" in loaded.bank.packs


def test_a_broken_shipped_bank_is_still_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "x.yaml").write_text(BROKEN)
    monkeypatch.setattr("bot.bank.layers.shipped_folder", lambda: tmp_path)
    with pytest.raises(BankError):
        load_packs(None)


def test_check_with_no_path_lists_the_broken_file_and_exits_1(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_check_loaded(str(folder), shipped=True) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{folder / 'broken.yaml'}:6:13: ")
    assert out[-1] == "FAILED: 2 problems in 1 file"


def test_check_with_no_path_and_a_good_folder_counts_every_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fan.yaml").write_text(OWN_PACK)
    assert run_check_loaded(str(tmp_path), shipped=True, strict=True) == 0
    assert capsys.readouterr().out.startswith("OK: 3 packs, ")


def test_check_strict_holds_the_shipped_bank_to_source_and_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fan.yaml").write_text(OWN_PACK)
    monkeypatch.setattr("bot.bank.layers.shipped_folder", lambda: tmp_path)
    assert run_check_loaded(None, shipped=True) == 0
    assert run_check_loaded(None, shipped=True, strict=True) == 1
    assert "missing field 'source'" in capsys.readouterr().out
