"""What users do, as the fake Discord delivers it: slash commands, clicks, modal submits, chat."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import payloads
from .records import MODAL, Callback, StoredMessage
from .world import Channel, Member

if TYPE_CHECKING:
    from .server import FakeDiscord

APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5


class Actions:
    """Mixed into FakeDiscord: each method builds a realistic payload, dispatches it, returns it."""

    async def slash(
        self: FakeDiscord,
        command: str,
        *,
        member: Member,
        channel: Channel | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """`member` runs `/command` (e.g. "trivia start") with these options in `channel`
        (default: the guild's #trivia). Option types come from the synced definition."""
        name, *path = command.split()
        definition = self.registered_command(name, member.guild.id)
        data = payloads.command_data(definition, path, options)
        return await self._interact(APPLICATION_COMMAND, member, channel, data)

    async def autocomplete(
        self: FakeDiscord,
        command: str,
        *,
        member: Member,
        focused: str,
        channel: Channel | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        """`member` is typing option `focused` of `/command`; the others are already filled."""
        name, *path = command.split()
        definition = self.registered_command(name, member.guild.id)
        data = payloads.command_data(definition, path, options, focused=focused)
        return await self._interact(AUTOCOMPLETE, member, channel, data)

    async def click(
        self: FakeDiscord,
        message: StoredMessage | int,
        *,
        member: Member,
        label: str | None = None,
        custom_id: str | None = None,
        values: list[str] | None = None,
        component_type: int = 2,
    ) -> dict[str, Any]:
        """`member` clicks the button with this label (or custom_id) on a stored bot message,
        or picks `values` in a select (component_type 3)."""
        stored = self.messages[message] if isinstance(message, int) else message
        if custom_id is None:
            if label is None:
                raise ValueError("click needs a label or a custom_id")
            button = stored.button(label)
            if button.get("disabled"):
                raise AssertionError(
                    f"button {label!r} is disabled: Discord would not let anyone click it"
                )
            custom_id = button["custom_id"]
        channel = self.world.find_channel(stored.channel_id)
        assert channel is not None, f"message {stored.id} is in an unknown channel"
        data = payloads.component_data(custom_id, component_type, values)
        return await self._interact(
            MESSAGE_COMPONENT, member, channel, data, message=stored.payload()
        )

    async def submit_modal(
        self: FakeDiscord, modal: Callback, *, member: Member, values: dict[str, str]
    ) -> dict[str, Any]:
        """`member` fills the modal the bot opened (a type 9 callback) and submits it."""
        if modal.type != MODAL:
            raise ValueError(f"callback type {modal.type} is not a modal")
        opener = self.interactions[modal.interaction_id].payload
        channel = self.world.find_channel(int(opener["channel_id"]))
        assert channel is not None
        data = payloads.modal_submit_data(modal.data, values)
        return await self._interact(
            MODAL_SUBMIT, member, channel, data, message=opener.get("message")
        )

    async def say(
        self: FakeDiscord, member: Member, content: str, channel: Channel | None = None
    ) -> dict[str, Any]:
        """`member` posts `content` in `channel` (default #trivia): a MESSAGE_CREATE."""
        payload = payloads.chat_message(member, channel or member.guild.channel("trivia"), content)
        # Kept apart from the bot's messages, so that the bot can react to it.
        self.chat[int(payload["id"])] = StoredMessage(
            id=int(payload["id"]),
            channel_id=int(payload["channel_id"]),
            guild_id=int(payload["guild_id"]),
            author=payload["author"],
            content=content,
        )
        await self.dispatch("MESSAGE_CREATE", payload)
        return payload

    async def _interact(
        self: FakeDiscord,
        kind: int,
        member: Member,
        channel: Channel | None,
        data: dict[str, Any],
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        payload = payloads.interaction(
            self.world,
            type=kind,
            member=member,
            channel=channel or member.guild.channel("trivia"),
            data=data,
            message=message,
        )
        return await self.send_interaction(payload)
