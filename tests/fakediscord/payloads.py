"""Builders for the payloads Discord sends a bot: interactions of each kind and chat messages."""

from __future__ import annotations

from typing import Any

from .world import Channel, Member, Role, World, new_id

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

#: application command option types
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = range(3, 12)


def interaction(
    world: World,
    *,
    type: int,
    member: Member,
    channel: Channel,
    data: dict[str, Any],
    message: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload from `member` in `channel` (the member's guild)."""
    guild = member.guild
    interaction_id = new_id()
    bot_member = world.find_member(guild.id, world.bot_user_id)
    app_permissions = bot_member.permissions.value if bot_member else 0
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(world.app_id),
        "type": type,
        "data": data,
        "guild_id": str(guild.id),
        "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
        "channel_id": str(channel.id),
        "channel": channel.payload(),
        "member": member.payload(with_permissions=True),
        "token": f"interaction-token-{interaction_id}",
        "version": 1,
        "app_permissions": str(app_permissions),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(guild.id)},
        "context": 0,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if message is not None:
        payload["message"] = message
    return payload


def command_data(
    command: dict[str, Any],
    path: list[str],
    options: dict[str, Any],
    *,
    focused: str | None = None,
) -> dict[str, Any]:
    """The `data` of a chat-input command, typed from the registered `command` definition.

    `path` names the subcommand group and/or subcommand under the command. Option values:
    str/int/float/bool as they are, a `Member` for user options, a `Role` for role options,
    an attachment payload (see `attachment_payload`) for attachment options. `focused` marks
    the option an autocomplete interaction is about (its value is sent as typed text)."""
    resolved: dict[str, dict[str, Any]] = {}
    leaf_options: list[dict[str, Any]] = []
    nested: list[dict[str, Any]] = leaf_options
    definitions: list[dict[str, Any]] = command.get("options") or []
    for name in path:
        option = _definition(definitions, name, command["name"])
        if option["type"] not in (SUB_COMMAND, SUB_COMMAND_GROUP):
            raise KeyError(f"{name!r} is an option, not a subcommand, in /{command['name']}")
        inner: list[dict[str, Any]] = []
        nested.append({"name": name, "type": option["type"], "options": inner})
        nested, definitions = inner, option.get("options") or []
    for name, value in options.items():
        option = _definition(definitions, name, command["name"])
        entry: dict[str, Any] = {"name": name, "type": option["type"]}
        if name == focused:
            entry.update(value=str(value), focused=True)
        else:
            entry["value"] = _option_value(option["type"], value, resolved)
            _check_limits(option, entry["value"])
        nested.append(entry)
    data: dict[str, Any] = {
        "id": command["id"],
        "name": command["name"],
        "type": 1,
        "options": leaf_options,
    }
    if resolved:
        data["resolved"] = resolved
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    return data


def _definition(definitions: list[dict[str, Any]], name: str, command: str) -> dict[str, Any]:
    """The registered option or subcommand called `name`."""
    for option in definitions:
        if option["name"] == name:
            return option
    known = [o["name"] for o in definitions]
    raise KeyError(f"/{command} has no option or subcommand {name!r} here (known: {known})")


def _check_limits(option: dict[str, Any], value: Any) -> None:
    """Refuse what Discord's client would not let a user send (ranges, lengths, choices)."""
    name = option["name"]
    if option.get("choices") and value not in [c["value"] for c in option["choices"]]:
        raise ValueError(f"{value!r} is not one of the choices of {name!r}")
    if option.get("min_value") is not None and value < option["min_value"]:
        raise ValueError(f"{name}={value!r} is below its min_value {option['min_value']}")
    if option.get("max_value") is not None and value > option["max_value"]:
        raise ValueError(f"{name}={value!r} is above its max_value {option['max_value']}")
    if option.get("min_length") is not None and len(value) < option["min_length"]:
        raise ValueError(f"{name}={value!r} is shorter than {option['min_length']}")
    if option.get("max_length") is not None and len(value) > option["max_length"]:
        raise ValueError(f"{name}={value!r} is longer than {option['max_length']}")


def _option_value(kind: int, value: Any, resolved: dict[str, dict[str, Any]]) -> Any:
    """An option's wire value, adding the objects Discord resolves for snowflake options."""
    if kind == USER:
        member: Member = value
        resolved.setdefault("users", {})[str(member.id)] = member.user_payload()
        data = member.payload(with_permissions=True)
        del data["user"]
        resolved.setdefault("members", {})[str(member.id)] = data
        return str(member.id)
    if kind == ROLE:
        role: Role = value
        resolved.setdefault("roles", {})[str(role.id)] = role.payload()
        return str(role.id)
    if kind == ATTACHMENT:
        resolved.setdefault("attachments", {})[value["id"]] = value
        return value["id"]
    if kind == INTEGER:
        return int(value)
    if kind == NUMBER:
        return float(value)
    if kind == BOOLEAN:
        return bool(value)
    return str(value)


def attachment_payload(
    url: str, filename: str, size: int, content_type: str | None
) -> dict[str, Any]:
    """An attachment object pointing at `url`."""
    data: dict[str, Any] = {
        "id": str(new_id()),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
    }
    if content_type is not None:
        data["content_type"] = content_type
    return data


def component_data(
    custom_id: str, component_type: int = 2, values: list[str] | None = None
) -> dict[str, Any]:
    """The `data` of a component interaction (2 = button, 3 = string select)."""
    data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
    if values is not None:
        data["values"] = values
    return data


def modal_submit_data(modal: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """The `data` of a modal submit, mirroring the modal the bot sent (rows or labels).

    `values` maps each text input's custom_id to what the user typed; inputs not named
    are submitted empty."""
    components: list[dict[str, Any]] = []
    for top in modal.get("components", []):
        if top["type"] == 1:
            components.append(
                {"type": 1, "components": [_submitted(c, values) for c in top["components"]]}
            )
        elif top["type"] == 18:
            components.append({"type": 18, "component": _submitted(top["component"], values)})
    unknown = set(values) - _text_input_ids(modal)
    if unknown:
        raise KeyError(f"the modal has no text input {sorted(unknown)}")
    return {"custom_id": modal["custom_id"], "components": components}


def _submitted(component: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """One submitted component: a text input carries its value."""
    if component["type"] == 4:
        return {
            "type": 4,
            "custom_id": component["custom_id"],
            "value": values.get(component["custom_id"], ""),
        }
    return {"type": component["type"], "custom_id": component.get("custom_id"), "values": []}


def _text_input_ids(modal: dict[str, Any]) -> set[str]:
    """The custom_ids of every text input in a modal."""
    found: set[str] = set()
    for top in modal.get("components", []):
        inner = top.get("components") or [top.get("component") or {}]
        found.update(c["custom_id"] for c in inner if c.get("type") == 4)
    return found


def chat_message(member: Member, channel: Channel, content: str) -> dict[str, Any]:
    """A MESSAGE_CREATE payload: `member` says `content` in `channel`."""
    author = member.payload()
    return {
        "id": str(new_id()),
        "channel_id": str(channel.id),
        "guild_id": str(member.guild.id),
        "author": author.pop("user"),
        "member": author,
        "content": content,
        "timestamp": "2025-01-01T00:00:00+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
        "flags": 0,
        "components": [],
    }
