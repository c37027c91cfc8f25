"""Seasons in Discord: /trivia-admin season start|end and /trivia leaderboard period:season."""
