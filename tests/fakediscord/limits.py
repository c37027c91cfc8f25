"""Discord's documented size limits, checked on what the bot sends, as Discord's API does."""

from __future__ import annotations

from typing import Any

_EMBED_TEXT = {"title": 256, "description": 4096}


def message_problems(
    body: dict[str, Any], *, has_files: bool = False, edit: bool = False
) -> list[str]:
    """Why Discord would refuse this message body (empty list: it is fine)."""
    problems: list[str] = []
    content = body.get("content")
    if content is not None and len(content) > 2000:
        problems.append(f"content: {len(content)} characters, at most 2000")
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        problems.append(f"embeds: {len(embeds)}, at most 10")
    for i, embed in enumerate(embeds):
        problems.extend(f"embeds.{i}.{p}" for p in _embed_problems(embed))
    # the 6000 characters are for all of a message's embeds together
    combined = sum(_embed_length(embed) for embed in embeds)
    if len(embeds) > 1 and combined > 6000:
        problems.append(f"embeds: {combined} characters in all, at most 6000")
    problems.extend(components_problems(body.get("components") or []))
    if not edit and not (
        content or embeds or body.get("components") or has_files or body.get("poll")
    ):
        problems.append("Cannot send an empty message")
    return problems


def _embed_problems(embed: dict[str, Any]) -> list[str]:
    """Problems in one embed: field counts and text lengths, 6000 characters in all."""
    problems = [
        f"{key}: {len(embed[key])} characters, at most {limit}"
        for key, limit in _EMBED_TEXT.items()
        if len(embed.get(key) or "") > limit
    ]
    fields = embed.get("fields") or []
    if len(fields) > 25:
        problems.append(f"fields: {len(fields)}, at most 25")
    total = sum(len(embed.get(k) or "") for k in _EMBED_TEXT)
    for i, f in enumerate(fields):
        if not f.get("name") or not f.get("value"):
            problems.append(f"fields.{i}: name and value must not be empty")
        if len(f.get("name") or "") > 256:
            problems.append(f"fields.{i}.name: longer than 256")
        if len(f.get("value") or "") > 1024:
            problems.append(f"fields.{i}.value: {len(f['value'])} characters, at most 1024")
        total += len(f.get("name") or "") + len(f.get("value") or "")
    footer = (embed.get("footer") or {}).get("text") or ""
    author = (embed.get("author") or {}).get("name") or ""
    if len(footer) > 2048:
        problems.append("footer.text: longer than 2048")
    if len(author) > 256:
        problems.append("author.name: longer than 256")
    total += len(footer) + len(author)
    if total > 6000:
        problems.append(f"{total} characters in all, at most 6000")
    return problems


def _embed_length(embed: dict[str, Any]) -> int:
    """The characters Discord counts in an embed: title, description, fields, footer, author."""
    total = sum(len(embed.get(k) or "") for k in _EMBED_TEXT)
    for f in embed.get("fields") or []:
        total += len(f.get("name") or "") + len(f.get("value") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    return total + len((embed.get("author") or {}).get("name") or "")


def components_problems(rows: list[dict[str, Any]]) -> list[str]:
    """Problems in classic components: 5 rows of 5 buttons, labels of 80, custom ids of 100."""
    problems: list[str] = []
    if len(rows) > 5 and all(r.get("type") == 1 for r in rows):
        problems.append(f"components: {len(rows)} action rows, at most 5")
    for r, row in enumerate(rows):
        children = row.get("components") or []
        if row.get("type") == 1 and len(children) > 5:
            problems.append(f"components.{r}: {len(children)} items, at most 5")
        for c, item in enumerate(children):
            where = f"components.{r}.components.{c}"
            if len(item.get("label") or "") > 80:
                problems.append(f"{where}.label: longer than 80")
            if len(item.get("custom_id") or "") > 100:
                problems.append(f"{where}.custom_id: longer than 100")
            if len(item.get("options") or []) > 25:
                problems.append(f"{where}.options: more than 25")
    return problems


def callback_problems(kind: int, data: dict[str, Any], *, has_files: bool) -> list[str]:
    """Why Discord would refuse this interaction response."""
    if kind == 4:
        return message_problems(data, has_files=has_files)
    if kind == 7:
        return message_problems(data, has_files=has_files, edit=True)
    if kind == 8:
        choices = data.get("choices") or []
        problems = [f"choices: {len(choices)}, at most 25"] if len(choices) > 25 else []
        problems += [
            f"choices.{i}.name: longer than 100"
            for i, ch in enumerate(choices)
            if len(ch["name"]) > 100
        ]
        return problems
    if kind == 9:
        problems = []
        if not data.get("custom_id") or not data.get("title"):
            problems.append("a modal needs a custom_id and a title")
        if len(data.get("title") or "") > 45:
            problems.append("title: longer than 45")
        if not data.get("components"):
            problems.append("a modal needs at least one component")
        return problems
    return []
