"""Notes follow their passage when the briefing is edited, or say they could not."""

from __future__ import annotations

import random
import time

import pytest

from briefer.briefing import briefing_from_text
from briefer.notes.anchoring import accept_changed, anchor_note, anchor_notes, find_notes_for_briefing
from briefer.notes.model import Note, Target
from briefer.notes.store import NotesStore, StoreError

P1 = (
    "Ministers from both sides met in Geneva on Tuesday to restart the grain talks, "
    "which collapsed in July after a strike on the port."
)
P2 = (
    "The envoy said the goverment would reopen the port at Odesa within a week "
    "if the ceasefire held through the weekend."
)
P3 = (
    "Officials warned that shipping insurers were still refusing cover for the route, "
    "and that freight rates had tripled since the spring."
)
P4 = "Analysts said the deal could lower bread prices across North Africa by the autumn."
BODY = "\n\n".join([P1, P2, P3, P4]) + "\n"


def note_on(quote: str, body: str = BODY, occurrence: int = 0) -> Note:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(quote, start + 1)
    return Note(
        id=f"n{start}",
        briefing_id="v1",
        briefing_path="/b/geneva.md",
        briefing_title="Geneva",
        target=Target.from_span(body, start, start + len(quote)),
    )


def passage(note: Note, body: str) -> str:
    return body[note.target.start : note.target.end]


def test_unchanged_text_keeps_every_note_where_it_was():
    notes = [note_on("grain talks"), note_on("reopen the port at Odesa"), note_on(P4)]
    assert anchor_notes(notes, BODY) == notes
    assert all(n.anchor == "anchored" for n in anchor_notes(notes, BODY))


def test_a_typo_fixed_inside_the_quote_marks_the_note_changed_and_one_call_accepts():
    note = note_on("The envoy said the goverment would reopen the port at Odesa")
    edited = BODY.replace("goverment", "government")
    moved = anchor_note(note, edited)
    assert moved.anchor == "changed"
    assert passage(moved, edited) == "The envoy said the government would reopen the port at Odesa"
    assert moved.target.exact == note.target.exact  # what the user quoted, until accepted
    accepted = accept_changed(moved, edited)
    assert accepted.anchor == "anchored"
    assert accepted.target.exact == "The envoy said the government would reopen the port at Odesa"
    assert anchor_note(accepted, edited) == accepted


def test_a_moved_paragraph_takes_its_notes_along():
    note = note_on("shipping insurers were still refusing cover")
    edited = "\n\n".join([P3, P1, P2, P4]) + "\n"
    moved = anchor_note(note, edited)
    assert moved.anchor == "anchored"
    assert passage(moved, edited) == note.target.exact
    assert moved.target.start < note.target.start


def test_a_phrase_duplicated_elsewhere_is_found_by_its_context():
    traders = "Traders said the port at Odesa handled most of the grain before the war.\n"
    body = BODY + traders
    note = note_on("the port at Odesa", body)  # the one in the envoy's paragraph
    edited = "\n\n".join([P2, P4]) + "\n" + traders  # two paragraphs cut, one of them before it
    envoy, other = edited.index("the port at Odesa"), edited.rindex("the port at Odesa")
    assert abs(other - note.target.start) < abs(envoy - note.target.start)  # position alone would pick wrong
    moved = anchor_note(note, edited)
    assert moved.anchor == "anchored"
    assert moved.target.start == envoy


def test_a_deleted_passage_orphans_the_note_and_keeps_it():
    note = note_on("Analysts said the deal could lower bread prices")
    edited = "\n\n".join([P1, P2, P3]) + "\n"
    orphan = anchor_note(note, edited)
    assert orphan.anchor == "orphan"
    assert orphan.target == note.target and orphan.id == note.id


def test_a_paraphrase_is_an_orphan_not_a_forced_match():
    note = note_on("Officials warned that shipping insurers were still refusing cover for the route")
    edited = BODY.replace(
        "Officials warned that shipping insurers were still refusing cover for the route",
        "Underwriters, officials said, continue to decline to insure vessels on this corridor",
    )
    assert anchor_note(note, edited).anchor == "orphan"


def test_a_similar_but_different_sentence_is_not_a_wrong_match():
    said = "The minister said talks would resume on Monday in Geneva."
    other = "The minister said talks would end on Friday in Vienna."
    body = BODY + said + "\n" + other + "\n"
    note = note_on(said, body)
    edited = body.replace(said + "\n", "")
    assert anchor_note(note, edited).anchor == "orphan"


def test_short_quotes_are_never_matched_fuzzily():
    note = note_on("Odesa")
    assert anchor_note(note, BODY.replace("Odesa", "Odessa")).anchor == "orphan"
    assert anchor_note(note, "Odesa is mentioned here first.\n\n" + BODY).anchor == "anchored"


def test_rewritten_context_around_an_exact_quote_still_anchors():
    note = note_on("freight rates had tripled")
    edited = BODY.replace(
        "and that freight rates had tripled since the spring", "while freight rates had tripled, brokers said"
    )
    assert anchor_note(note, edited).anchor == "anchored"


def test_fuzzy_anchoring_stays_fast_on_a_2_mb_briefing():
    rng = random.Random(3)
    words = BODY.split()
    filler = " ".join(rng.choice(words) for _ in range(330_000))
    body = filler[: len(filler) // 2] + "\n\n" + P2 + "\n\n" + filler[len(filler) // 2 :]
    note = note_on("The envoy said the goverment would reopen the port at Odesa", body)
    edited = body.replace("goverment", "government")
    started = time.perf_counter()
    moved = anchor_note(note, edited)
    assert time.perf_counter() - started < 1.0
    assert moved.anchor == "changed"
    assert passage(moved, edited).startswith("The envoy said the government")


# ---------------------------------------------------------------- with the store


@pytest.fixture
def store(tmp_path):
    with NotesStore.open(tmp_path / "notes.json") as opened:
        yield opened


def briefing(text: str, path):
    path.write_text(text)
    return briefing_from_text(text, path=path)


def add_note(store, version, quote):
    start = version.body.index(quote)
    return store.add(
        Note(
            id=f"n{start}",
            briefing_id=version.id,
            briefing_path=str(version.path),
            briefing_title=version.title,
            target=Target.from_span(version.body, start, start + len(quote)),
        )
    )


def test_an_edited_file_keeps_its_notes_and_they_move_to_the_new_version(store, tmp_path):
    v1 = briefing(BODY, tmp_path / "geneva.md")
    kept = add_note(store, v1, "shipping insurers")
    typo = add_note(store, v1, "the goverment would reopen")
    gone = add_note(store, v1, "bread prices across North Africa")
    v2 = briefing("\n\n".join([P3, P1, P2.replace("goverment", "government")]) + "\n", tmp_path / "geneva.md")
    assert v2.id != v1.id
    found = {n.id: n for n in find_notes_for_briefing(store, v2)}
    assert {k: n.anchor for k, n in found.items()} == {
        kept.id: "anchored",
        typo.id: "changed",
        gone.id: "orphan",
    }
    assert store.notes_for(v1.id) == []
    saved = {n.id: n for n in store.notes_for(v2.id)}
    assert saved == found  # persisted: the next open is a plain lookup by id


def test_a_renamed_unchanged_file_keeps_its_notes(store, tmp_path):
    v1 = briefing(BODY, tmp_path / "geneva.md")
    note = add_note(store, v1, "grain talks")
    (tmp_path / "archive").mkdir()
    renamed = briefing(BODY, tmp_path / "archive" / "2026-geneva.md")
    found = find_notes_for_briefing(store, renamed)
    assert [n.id for n in found] == [note.id]
    assert store.get(note.id).briefing_path == str(tmp_path / "archive" / "2026-geneva.md")


def test_nothing_is_written_when_nothing_changed(store, tmp_path, monkeypatch):
    v1 = briefing(BODY, tmp_path / "geneva.md")
    add_note(store, v1, "grain talks")
    writes = []
    monkeypatch.setattr(store, "update", lambda note: writes.append(note) or note)
    assert len(find_notes_for_briefing(store, v1)) == 1
    assert writes == []


def test_a_rewrapped_paragraph_keeps_its_notes_anchored():
    note = note_on("shipping insurers were still refusing cover for the route")
    edited = BODY.replace("shipping insurers were still refusing", "shipping insurers\nwere  still refusing")
    moved = anchor_note(note, edited)
    assert moved.anchor == "anchored"
    assert passage(moved, edited) == "shipping insurers\nwere  still refusing cover for the route"


def test_a_long_deleted_passage_orphans_quickly_on_a_2_mb_briefing():
    rng = random.Random(4)
    words = BODY.split()
    filler = " ".join(rng.choice(words) for _ in range(330_000))
    gone = " ".join(f"unique{i}" for i in range(120))  # ~1,000 characters, nowhere else
    body = filler + "\n\n" + gone + "\n"
    note = note_on(gone, body)
    started = time.perf_counter()
    assert anchor_note(note, filler + "\n").anchor == "orphan"
    assert time.perf_counter() - started < 1.0


def test_a_typo_in_a_passage_that_also_moved_in_a_2_mb_briefing_is_found():
    rng = random.Random(5)
    words = BODY.split()
    filler = " ".join(rng.choice(words) for _ in range(330_000))
    body = P2 + "\n\n" + filler + "\n"
    note = note_on("The envoy said the goverment would reopen the port at Odesa", body)
    edited = filler + "\n\n" + P2.replace("goverment", "government") + "\n"
    moved = anchor_note(note, edited)
    assert moved.anchor == "changed"
    assert passage(moved, edited) == "The envoy said the government would reopen the port at Odesa"


def test_a_failed_save_still_returns_the_reanchored_notes_and_says_why(store, tmp_path, monkeypatch):
    v1 = briefing(BODY, tmp_path / "geneva.md")
    note = add_note(store, v1, "shipping insurers")
    v2 = briefing("\n\n".join([P3, P1]) + "\n", tmp_path / "geneva.md")

    def full_disk(_note):
        raise StoreError("could not save the note: No space left on device")

    monkeypatch.setattr(store, "update", full_disk)
    [found] = find_notes_for_briefing(store, v2)
    assert found.id == note.id and found.anchor == "anchored" and found.briefing_id == v2.id
    assert any("No space left" in m for m in store.messages)
