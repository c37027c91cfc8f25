# Set-up and everyday commands. Each target creates (or reuses) the virtual environment itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: play test lint bench run check

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## play: a game of Soundtrack trivia in the terminal (no Discord token needed); ARGS="--mode typed" etc.
play: $(STAMP)
	$(BIN)/trivia-bot play $(ARGS)

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## lint: ruff lint + format check, mypy type check
lint: $(STAMP)
	$(BIN)/ruff check bot bench tests
	$(BIN)/ruff format --check bot bench tests
	$(BIN)/mypy

## check: validate the shipped question bank
check: $(STAMP)
	$(BIN)/trivia-bot check --strict questions

## run: the Discord bot (needs DISCORD_TOKEN in .env)
run: $(STAMP)
	$(BIN)/trivia-bot run

## bench: the benchmark suite (prints a table, writes bench/results.json)
bench: $(STAMP)
	$(BIN)/python -m bench
