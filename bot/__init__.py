"""Soundtrack trivia: a Discord trivia bot and terminal game about the K-drama Soundtrack #2."""

__version__ = "0.1.0"
