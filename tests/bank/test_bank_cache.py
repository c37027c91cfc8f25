"""The validated-pack cache: hits give the same bank, any difference misses, errors fall back."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.bank import PackError, cache, load_bank, parse_pack
from bot.bank import loader as loader_module

HERE = Path(__file__).resolve().parent


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    """The cache turned on in a fresh folder for one test, off again afterwards."""
    folder = tmp_path / "cache"
    cache.enable(folder)
    try:
        yield folder
    finally:
        cache.enable(None)


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    """A copy of the good fixture pack, its sources and a Red list, free to edit."""
    folder = tmp_path / "packs"
    shutil.copytree(HERE / "good", folder)
    shutil.copy(HERE / "red" / "soundtrack_2_red.yaml", folder)
    return folder


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file names the loader really validated (a cache hit adds nothing)."""
    seen: list[str] = []
    real = loader_module._validate

    def counting(data, filename, *args):  # type: ignore[no-untyped-def]
        seen.append(Path(filename).name)
        return real(data, filename, *args)

    monkeypatch.setattr(loader_module, "_validate", counting)
    return seen


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_off_by_default_writes_nothing(packs: Path, tmp_path: Path, builds: list[str]) -> None:
    assert cache.folder() is None
    load_bank([packs])
    load_bank([packs])
    assert len(builds) == 4
    assert not (tmp_path / "cache").exists()


def test_second_load_is_a_hit_and_identical(
    packs: Path, cache_dir: Path, builds: list[str]
) -> None:
    cache.enable(None)
    uncached = load_bank([packs])
    builds.clear()
    cache.enable(cache_dir)
    first = load_bank([packs])
    assert sorted(builds) == ["good-pack.yaml", "soundtrack_2_red.yaml"]
    assert len(entries(cache_dir)) == 2
    builds.clear()
    second = load_bank([packs])
    assert builds == []
    assert second == first == uncached
    assert second.packs.keys() == uncached.packs.keys()


def test_any_byte_changed_is_a_miss(packs: Path, cache_dir: Path, builds: list[str]) -> None:
    load_bank([packs])
    builds.clear()
    path = packs / "good-pack.yaml"
    path.write_bytes(path.read_bytes() + b"# one byte more or less is another file\n")
    bank = load_bank([packs])
    assert builds == ["good-pack.yaml"]
    cache.enable(None)
    assert bank == load_bank([packs])


def test_a_changed_file_with_an_error_is_reported_not_served(packs: Path, cache_dir: Path) -> None:
    load_bank([packs])
    path = packs / "good-pack.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    with pytest.raises(PackError, match="bogus"):
        load_bank([packs])


def test_changed_sources_are_a_miss(packs: Path, cache_dir: Path, builds: list[str]) -> None:
    load_bank([packs])
    builds.clear()
    sources = packs / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    load_bank([packs])  # same sources parsed: still a hit
    assert builds == []
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("title: ", "title: Renamed ", 1), encoding="utf-8")
    load_bank([packs])
    assert "good-pack.yaml" in builds


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:-40] + b"\x00" * 40,
        lambda blob: b"garbage" + blob,
    ],
    ids=["empty", "truncated", "zeroed tail", "bad header"],
)
def test_a_corrupt_entry_falls_back_to_a_full_load(
    packs: Path, cache_dir: Path, builds: list[str], damage
) -> None:  # type: ignore[no-untyped-def]
    good = load_bank([packs])
    for entry in entries(cache_dir):
        entry.write_bytes(damage(entry.read_bytes()))
    builds.clear()
    assert load_bank([packs]) == good
    assert len(builds) == 2
    # rewritten: the next load is a hit again
    builds.clear()
    assert load_bank([packs]) == good
    assert builds == []


def test_an_entry_of_the_wrong_type_is_ignored(
    packs: Path, cache_dir: Path, builds: list[str]
) -> None:
    import pickle

    good = load_bank([packs])
    for entry in entries(cache_dir):
        head = entry.read_bytes().split(b"\n", 2)
        entry.write_bytes(head[0] + b"\n" + head[1] + b"\n" + pickle.dumps({"not": "a pack"}))
    builds.clear()
    assert load_bank([packs]) == good
    assert len(builds) == 2


def test_a_loader_version_bump_is_a_miss(
    packs: Path, cache_dir: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_bank([packs])
    monkeypatch.setattr(cache, "LOADER_VERSION", cache.LOADER_VERSION + 1)
    monkeypatch.setattr(cache, "_code_digest", None)
    builds.clear()
    load_bank([packs])
    assert len(builds) == 2
    assert len(entries(cache_dir)) == 4


def test_an_unwritable_folder_still_loads(packs: Path, tmp_path: Path, builds: list[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache.enable(blocker / "cache")
    try:
        assert len(load_bank([packs])) > 0
        assert len(builds) == 2
    finally:
        cache.enable(None)


def test_server_packs_use_the_same_cache(cache_dir: Path, builds: list[str]) -> None:
    text = (HERE / "good" / "good-pack.yaml").read_text(encoding="utf-8")
    text = text.replace("source:", "# source:").replace("evidence:", "# evidence:")
    first = parse_pack(text, filename="mine.yaml", sources={}, require_evidence=False)
    second = parse_pack(text, filename="mine.yaml", sources={}, require_evidence=False)
    assert builds == ["mine.yaml"]
    assert first == second
    # the same text under another name, or shipped rules, is a different entry
    parse_pack(text, filename="other.yaml", sources={}, require_evidence=False)
    assert builds == ["mine.yaml", "other.yaml"]


def test_enabled_restores_what_was_there(tmp_path: Path) -> None:
    assert cache.folder() is None
    with cache.enabled(tmp_path / "a"):
        assert cache.folder() == tmp_path / "a"
        with cache.enabled(tmp_path / "b"):
            assert cache.folder() == tmp_path / "b"
        assert cache.folder() == tmp_path / "a"
    assert cache.folder() is None


def test_default_folder_follows_xdg(tmp_path: Path) -> None:
    folder = cache.default_folder({"XDG_CACHE_HOME": str(tmp_path)})
    assert folder == tmp_path / "soundtrack-trivia" / "packs"


async def test_the_bot_keeps_packs_in_the_user_cache_only_while_open(
    packs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.chat.app import NoPacks, open_bot
    from bot.config import Settings

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    where = tmp_path / "xdg" / "soundtrack-trivia" / "packs"
    settings = Settings(
        trivia_questions=str(packs),
        trivia_db=str(tmp_path / "t.sqlite3"),
        trivia_shipped_packs=False,
    )
    async with open_bot(settings):
        assert cache.folder() == where
        assert len(entries(where)) == 2
    assert cache.folder() is None
    broken = Settings(
        trivia_questions=str(tmp_path / "none"),
        trivia_db=settings.trivia_db,
        trivia_shipped_packs=False,
    )
    with pytest.raises(NoPacks):
        async with open_bot(broken):
            pass
    assert cache.folder() is None
