"""Watch items: kinds, hits from the archive index, and "new since the last visit" across restarts."""

from __future__ import annotations

import os
import time
from datetime import date, datetime

import pytest

from briefer.desk.watch import (
    WatchError,
    add_watch,
    find_watch,
    hit_sentence,
    hits_in_period,
    infer_kind,
    items_by_briefing,
    mark_seen,
    new_hits,
    remove_watch,
    rename_watch,
    watch_hits,
    watch_items,
)
from briefer.notes.store import NotesStore


def test_the_kind_is_inferred_from_what_is_typed():
    assert infer_kind("who:Driscoll") == ("actor", "Driscoll")
    assert infer_kind('where:"Odesa"') == ("place", "Odesa")
    assert infer_kind("grain  corridor") == ("phrase", "grain corridor")
    assert infer_kind("who:Zelensky -where:Moscow") == ("search", "who:Zelensky -where:Moscow")
    assert infer_kind("grain OR wheat") == ("search", "grain OR wheat")


def test_a_given_kind_keeps_the_text_as_typed_for_searches_and_the_name_for_actors(store):
    assert (add_watch(store, "where:Kyiv", kind="search").text) == "where:Kyiv"
    assert (add_watch(store, "who:Driscoll", kind="actor").text) == "Driscoll"
    assert (add_watch(store, "Lviv", kind="place").query) == 'where:"Lviv"'


def test_items_are_kept_renamed_and_removed_across_restarts(store, notes_path):
    actor = add_watch(store, "who:Daniel Driscoll")
    add_watch(store, "peace plan", kind="phrase", name="Plan")
    assert add_watch(store, "who:daniel driscoll") == actor  # the same item, not a second one
    store.close()
    again = NotesStore.open(notes_path)
    assert [(i.kind, i.text, i.name) for i in watch_items(again)] == [
        ("actor", "Daniel Driscoll", "Daniel Driscoll"),
        ("phrase", "peace plan", "Plan"),
    ]
    rename_watch(again, actor.id, "The envoy")
    assert find_watch(again, "the envoy").id == actor.id
    remove_watch(again, actor.id)
    with pytest.raises(WatchError):
        find_watch(again, actor.id)
    again.close()


def test_a_query_that_cannot_be_read_is_refused_with_its_hint(store):
    with pytest.raises(WatchError, match="cannot watch"):
        add_watch(store, "date:2025-13", kind="search")
    assert watch_items(store) == []


def test_hits_of_each_kind_come_from_the_index(store, index, folder):
    actor = add_watch(store, "who:Zelensky")
    place = add_watch(store, "where:Odesa")
    phrase = add_watch(store, "peace plan")
    search = add_watch(store, "talks -who:Driscoll")
    assert [h.path.name for h in watch_hits(index, [folder], actor)] == ["moscow.md", "kyiv.md"]
    (odesa,) = watch_hits(index, [folder], place)
    body = "Ships left Odesa with grain on Monday."
    assert body[odesa.offset : odesa.offset + 5] == "Odesa"
    assert hit_sentence(odesa) == "Ships left Odesa with grain on Monday."
    assert [h.path.name for h in watch_hits(index, [folder], phrase)] == ["kyiv.md"]
    assert [h.path.name for h in watch_hits(index, [folder], search)] == ["moscow.md"]
    marks = items_by_briefing(index, [folder], watch_items(store))
    assert sorted(marks[str(folder / "kyiv.md")]) == ["Zelensky", "peace plan"]


def test_new_hits_are_those_that_arrived_after_the_last_look_across_restarts(
    store, notes_path, index, folder, add_briefing
):
    item = add_watch(store, "who:Driscoll")
    hits = watch_hits(index, [folder], item)
    assert [h.path.name for h in new_hits(store, item, hits)] == ["kyiv.md"]  # never looked at: all new
    os.utime(folder / "kyiv.md", (time.time() - 60, time.time() - 60))
    mark_seen(store, item)
    store.close()
    time.sleep(0.01)
    add_briefing("driscoll.md", "Envoy returns", "2025-11-23", "Daniel Driscoll flew back to Washington.")
    index.refresh([folder], analyse=True)
    again = NotesStore.open(notes_path)
    hits = watch_hits(index, [folder], item)
    assert [h.path.name for h in hits] == ["driscoll.md", "kyiv.md"]
    assert [h.path.name for h in new_hits(again, item, hits)] == ["driscoll.md"]
    again.close()


def test_the_digest_gets_each_items_hits_in_the_period(store, index, folder):
    add_watch(store, "who:Zelensky")
    add_watch(store, "where:Odesa")
    undated = folder / "undated.md"
    undated.write_text("---\ntitle: No date\n---\nVolodymyr Zelensky spoke in Lviv.\n", encoding="utf-8")
    day = datetime(2025, 11, 21, 12).timestamp()
    os.utime(undated, (day, day))  # undated: its file's day counts
    index.refresh([folder], analyse=True)
    period = hits_in_period(index, store, [folder], date(2025, 11, 20), date(2025, 11, 22))
    assert [(item.name, [h.path.name for h in hits]) for item, hits in period] == [
        ("Zelensky", ["moscow.md", "kyiv.md", "undated.md"])
    ]
    assert hit_sentence(period[0][1][2]) == "Volodymyr Zelensky spoke in Lviv."
    assert hits_in_period(index, store, [folder], date(2025, 11, 23), date(2025, 11, 30)) == []
    moscow = period[0][1][0]
    assert (moscow.title, moscow.date) == ("Envoys in Moscow", "2025-11-22")
    assert hit_sentence(moscow) == "Ukrainian President Volodymyr Zelensky was not invited, officials said."
