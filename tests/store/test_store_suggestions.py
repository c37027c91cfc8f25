"""Suggestions on both backends: the queue, edits, reviews once, declines told once, removal."""

from __future__ import annotations

from bot.store import Store
from tests.store.store_helpers import T0

G = 10
FIELDS = ("Who sings?", "Ha-neul", ("A", "B", "C"), "https://example.com/a")


async def test_the_queue_edits_and_reviews(store: Store) -> None:
    first = await store.add_suggestion(G, 1, "alice", FIELDS, T0)
    second = await store.add_suggestion(
        G, 2, "bob", ("Q2?", "A2", ("x", "y", "z"), "quote"), T0 + 5
    )
    await store.add_suggestion(G + 1, 1, "alice", FIELDS, T0)
    assert await store.suggestion_times(G, 1, T0 - 1) == [T0]
    assert await store.suggestion_times(G, 1, T0) == []

    page, total = await store.pending_suggestions(G)
    assert total == 2 and [s.id for s in page] == [first]
    got = page[0]
    assert (got.user_name, got.question, got.wrong_answers, got.status) == (
        "alice",
        "Who sings?",
        ("A", "B", "C"),
        "pending",
    )
    assert await store.edit_suggestion(G, first, ("Who sings it?", "Ha-neul", ("A", "B", "D"), "q"))
    edited = await store.get_suggestion(G, first)
    assert edited is not None and (edited.question, edited.wrong_answers) == (
        "Who sings it?",
        ("A", "B", "D"),
    )

    ok = await store.review_suggestion(
        G, first, approved=True, by_user_id=9, at=T0 + 9, pack="community", question_key="c/x"
    )
    assert ok
    again = await store.review_suggestion(G, first, approved=False, by_user_id=9, at=T0 + 10)
    assert not again
    assert not await store.edit_suggestion(G, first, FIELDS)
    approved = await store.get_suggestion(G, first)
    assert approved is not None and (approved.status, approved.question_key) == (
        "approved",
        "c/x",
    )

    await store.review_suggestion(
        G, second, approved=False, by_user_id=9, at=T0 + 11, reason="Not true."
    )
    untold = await store.untold_declines(G, 2)
    assert [(s.id, s.reason) for s in untold] == [(second, "Not true.")]
    await store.mark_told(G, [second], T0 + 12)
    assert await store.untold_declines(G, 2) == []
    assert await store.pending_suggestions(G) == ([], 0)


async def test_removing_a_member_deletes_their_suggestions(store: Store) -> None:
    mine = await store.add_suggestion(G, 1, "alice", FIELDS, T0)
    theirs = await store.add_suggestion(G, 2, "bob", FIELDS, T0)
    await store.review_suggestion(G, theirs, approved=False, by_user_id=1, at=T0, reason="No.")
    await store.remove_player(1, G)
    assert await store.get_suggestion(G, mine) is None
    kept = await store.get_suggestion(G, theirs)
    assert kept is not None and kept.status == "declined"
