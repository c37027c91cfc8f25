"""The Discord front end: the bot client, its cogs, error handling and the `run` command."""
