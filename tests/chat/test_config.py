"""Settings: defaults, .env merging (the environment wins), bad values, and .env.example."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_with_an_empty_environment_and_no_dotenv(tmp_path: Path) -> None:
    settings = Settings.from_env({}, dotenv_path=tmp_path / "missing.env")
    assert settings == Settings(
        discord_token=None,
        trivia_db="data/trivia.sqlite3",
        trivia_questions=None,
        trivia_shipped_packs=True,
        trivia_dev_guild=None,
        trivia_typed_answers=False,
        log_level="INFO",
    )


def test_dotenv_values_are_read_and_the_environment_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("DISCORD_TOKEN=from-file\nTRIVIA_DB=file.sqlite3\nTRIVIA_DEV_GUILD=123\n")
    settings = Settings.from_env(
        {"DISCORD_TOKEN": "from-env", "LOG_LEVEL": "debug"}, dotenv_path=dotenv
    )
    assert settings.discord_token == "from-env"
    assert settings.trivia_db == "file.sqlite3"
    assert settings.trivia_dev_guild == 123
    assert settings.log_level == "DEBUG"


def test_nothing_is_read_at_import_or_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "from-env")
    assert Settings().discord_token is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("TRUE", True),
        ("yes", True),
        ("on", True),
        ("0", False),
        ("off", False),
        ("no", False),
        ("", False),
    ],
)
def test_typed_answers_accepts_the_usual_switch_words(raw: str, expected: bool) -> None:
    settings = Settings.from_env({"TRIVIA_TYPED_ANSWERS": raw}, dotenv_path=None)
    assert settings.trivia_typed_answers is expected


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("TRIVIA_DEV_GUILD", "my-server", "TRIVIA_DEV_GUILD must be a server id"),
        ("TRIVIA_DEV_GUILD", "-5", "TRIVIA_DEV_GUILD must be a server id"),
        ("TRIVIA_TYPED_ANSWERS", "maybe", "TRIVIA_TYPED_ANSWERS must be one of"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL must be one of"),
    ],
)
def test_bad_values_raise_a_config_error_naming_the_setting(
    name: str, raw: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env({name: raw}, dotenv_path=None)


def test_every_setting_is_documented_in_env_example() -> None:
    text = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z_]+)=", text, flags=re.MULTILINE))
    assert documented == {f.name.upper() for f in dataclasses.fields(Settings)}


def test_env_example_itself_is_a_valid_configuration() -> None:
    settings = Settings.from_env({}, dotenv_path=ROOT / ".env.example")
    assert settings == Settings()


def test_env_example_explains_the_message_content_intent() -> None:
    text = (ROOT / ".env.example").read_text()
    assert "Message Content Intent" in text and "Developer Portal" in text
