"""The pure game core: no Discord, no SQLite, no YAML, no wall clock (time is an argument)."""
