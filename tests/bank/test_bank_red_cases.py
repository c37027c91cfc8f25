"""Red-DiscordBot lists load as Red loads them: limits follow where Discord shows the text."""

from __future__ import annotations

from pathlib import Path

from bot.bank import load_bank
from bot.bank.check import run_check
from bot.bank.layers import load_packs

CASES = Path(__file__).resolve().parent / "red" / "red_cases.yaml"


def test_a_red_list_with_every_case_red_accepts_loads_with_one_warning() -> None:
    bank = load_bank([CASES], require_evidence=False)
    pack = bank.pack("red-cases")
    by_text = {q.question: q for q in pack.questions}
    long_question = next(t for t in by_text if t.startswith("In the second season"))
    assert len(long_question) > 300
    assert max(len(a) for a in by_text[long_question].accepted) > 80  # typed-only: no button
    many = by_text["Name one of the 34 accepted answers"]
    assert len(many.accepted) == 34
    assert not any(q.supports_choice for q in pack.questions)
    # the duplicated key: one question, the later answers (as Red keeps the last)
    assert by_text["Who plays K?"].accepted == ("DEMIAN", "Sohn Jeong-hyuck")
    assert len(pack.questions) == 4
    (warning,) = bank.warnings
    assert (warning.file, warning.line, warning.col) == (str(CASES), 48, 1)
    assert (
        warning.message == "duplicate key 'Who plays K?' (also at line 44): this later one is used"
    )


def test_check_prints_the_warning_and_passes(capsys) -> None:  # type: ignore[no-untyped-def]
    assert run_check([str(CASES)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        out[0] == f"warning: {CASES}:48:1: duplicate key 'Who plays K?' (also at line 44): "
        "this later one is used"
    )
    assert out[1].startswith("OK: 1 pack, 4 questions")


def test_a_red_list_in_the_operator_folder_keeps_its_warning(tmp_path: Path) -> None:
    (tmp_path / "red_cases.yaml").write_bytes(CASES.read_bytes())
    loaded = load_packs(tmp_path)
    assert loaded.skipped == ()
    assert [w.line for w in loaded.bank.warnings] == [48]


def test_a_native_pack_keeps_its_strict_duplicate_key_check(broken: Path) -> None:
    from bot.bank import BankError

    try:
        load_bank([broken / "duplicate-key.yaml"])
    except BankError as exc:
        assert any("duplicate key" in p.message for p in exc.problems)
    else:
        raise AssertionError("a native pack with a duplicated key loaded")
