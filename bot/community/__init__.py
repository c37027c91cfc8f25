"""Between watch parties: the daily question, seasons and fans' suggestions (pure rules)."""
