"""The game session service: starting, recording, stopping games for every front end."""
