"""Mentions without evidence are kept as offsets: a file of a million one-line paragraphs, each a
capitalised word, held a million Mention objects (about 220 bytes each) until resolved."""

import dataclasses
import tracemalloc

from briefer.briefing import briefing_from_text
from briefer.extract import analyse
from briefer.extract.entities import resolve
from briefer.extract.names import Mention, MentionStore, NameFinder

# a value unlike each field's default, for every field after `words`
_EVIDENCE = {
    "person": 1.0,
    "org": 1.0,
    "place": 1.0,
    "role": "minister",
    "role_rank": 2,
    "locative": True,
    "heading": True,
    "acronym_of": 0,
    "descriptor": "owner",
    "gender": "f",
    "void": True,
    "lone_sayer": True,
}


def test_every_field_after_words_counts_as_evidence():
    names = [f.name for f in dataclasses.fields(Mention)]
    assert names[names.index("words") + 1 :] == list(_EVIDENCE)  # a new field needs has_evidence too
    assert not Mention(0, 2, "Hi", "hi", ("hi",)).has_evidence()
    for field, value in _EVIDENCE.items():
        assert dataclasses.replace(Mention(0, 2, "Hi", "hi", ("hi",)), **{field: value}).has_evidence()


def test_the_store_gives_back_each_mention_and_keeps_changes_to_it():
    store = MentionStore()
    plain = [Mention(i * 5, i * 5 + 2, "Hi", "hi", ("hi",)) for i in range(3)]
    evident = Mention(20, 24, "Anna", "anna", ("anna",), person=2.0)
    for m in [*plain, evident]:
        store.append(m)
    assert list(store) == [*plain, evident]
    assert store[3] is evident
    store[-2].place += 4  # as `_mark_coordinated_place` does
    assert store[2] is store[-2]
    assert store[2].place == 4
    assert [m.place for m in store] == [0, 0, 4, 0]
    store.clear()
    assert not store and list(store) == []


def test_reading_many_tiny_paragraphs_keeps_a_few_bytes_per_mention():
    count = 50_000
    briefing = briefing_from_text("\n\n".join(["Hi."] * count))
    NameFinder("", ())  # the word lists, loaded once for the process, are not the briefing's cost
    tracemalloc.start()
    try:
        finder = NameFinder(briefing.body, briefing.blocks)
        finder.read(briefing.sentences)
        assert len(finder.mentions) == count
        people, places = resolve(finder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert people == [] and places == []
    assert peak / count < 80  # a Mention object each: about 220 bytes


def test_analysing_many_tiny_paragraphs_keeps_a_few_bytes_per_paragraph():
    count = 50_000
    briefing = briefing_from_text("\n\n".join(["Hi."] * count))
    analyse(briefing_from_text("Hi."))  # the word lists, loaded once for the process
    tracemalloc.start()
    try:
        analysis = analyse(briefing)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert analysis["who"] == analysis["what"] == []
    # over the loaded briefing: about 240 bytes a paragraph when a million of them (5 MB) peaked at
    # 500 MB, now about 30
    assert peak / count < 80
