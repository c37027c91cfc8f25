"""The terminal game: `trivia-bot play` and `trivia-bot leaderboard` on the shared engine."""
