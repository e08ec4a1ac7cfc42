import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.library import QueryError
from briefer.notes.model import Note, Target
from briefer.notes.store import NotesStore
from tests.library.conftest import briefing, write

CORPUS = {
    "kyiv.md": briefing(
        "Peace plan talks in Kyiv",
        "Volodymyr Zelensky met Daniel Driscoll in Kyiv on Thursday. The peace plan was discussed.",
        date="2025-11-20",
        source="Reuters",
    ),
    "moscow.md": briefing(
        "Kremlin reply",
        "In Moscow, officials said the peace plan needed changes. Ukrainian President Volodymyr Zelensky rejected them.",
        date="2025-11-22",
        source="AFP",
    ),
    "grain.md": briefing(
        "Grain corridor reopens",
        "Ships left Odesa as the grain deal resumed. Planners expect more plans next month.",
        date="2025-10-02",
        source="Reuters",
    ),
    "cafe.md": briefing(
        "Café diplomacy in Québec",
        "Negotiators met in a café; the talks on the plan were informal.",
        date="2024-05-01",
        source="AP",
    ),
}


@pytest.fixture
def corpus(index, tmp_path):
    folder = tmp_path / "b"
    for name, text in CORPUS.items():
        write(folder / name, text)
    index.refresh([folder])
    return index


def found(index, query):
    return sorted(result.path.name for result in index.search(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Driscoll", ["kyiv.md"]),
        ("zelensky", ["kyiv.md", "moscow.md"]),
        ('"peace plan"', ["kyiv.md", "moscow.md"]),
        ('"peace plan" -Moscow', ["kyiv.md"]),
        ('"peace plan" NOT Moscow', ["kyiv.md"]),
        ("plan*", ["cafe.md", "grain.md", "kyiv.md", "moscow.md"]),
        ("plans", ["grain.md"]),
        ("grain OR Driscoll", ["grain.md", "kyiv.md"]),
        ("grain AND Driscoll", []),
        ("(grain OR Driscoll) Thursday", ["kyiv.md"]),
        ("-plan", ["grain.md"]),
        ("title:plan", ["kyiv.md"]),
        ('title:"grain corridor"', ["grain.md"]),
        ("source:reuters", ["grain.md", "kyiv.md"]),
        ("source:reuters -grain", ["kyiv.md"]),
        ("cafe", ["cafe.md"]),  # diacritics do not matter
        ("QUEBEC", ["cafe.md"]),
        ("date:2025-11", ["kyiv.md", "moscow.md"]),
        ("date:2025-11-22", ["moscow.md"]),
        ("after:2025-11-21", ["moscow.md"]),
        ("after:2025-11-20", ["kyiv.md", "moscow.md"]),
        ("before:2025", ["cafe.md"]),
        ("plan after:2025-10 before:2025-11-21", ["kyiv.md"]),
        ("Driscoll OR date:2024", ["cafe.md", "kyiv.md"]),
    ],
)
def test_each_query_form_finds_its_briefings(corpus, query, expected):
    assert found(corpus, query) == expected


def test_results_are_ranked_with_the_title_weighing_most(corpus):
    assert corpus.search("plan")[0].path.name == "kyiv.md"


def test_a_result_carries_its_best_snippet_and_the_hits_in_the_body(corpus):
    (result,) = corpus.search('"peace plan" Driscoll')
    assert (result.title, result.date, result.source) == ("Peace plan talks in Kyiv", "2025-11-20", "Reuters")
    body = "Volodymyr Zelensky met Daniel Driscoll in Kyiv on Thursday. The peace plan was discussed."
    assert [body[start:end] for start, end in result.hits] == ["Driscoll", "peace plan"]
    assert [result.snippet[start:end] for start, end in result.snippet_hits] == ["Driscoll", "peace plan"]


def test_hits_ignore_case_and_diacritics_and_keep_offsets_into_the_body(corpus):
    (result,) = corpus.search("CAFE")
    body = "Negotiators met in a café; the talks on the plan were informal."
    assert [body[start:end] for start, end in result.hits] == ["café"]


def test_who_and_where_match_only_analysed_briefings(corpus, tmp_path):
    assert found(corpus, "who:Zelensky") == []
    corpus.refresh([tmp_path / "b"], analyse=True)
    assert found(corpus, "who:Zelensky") == ["kyiv.md", "moscow.md"]
    assert found(corpus, 'who:"Daniel Driscoll"') == ["kyiv.md"]
    assert found(corpus, "who:Zelensky after:2025-11-21") == ["moscow.md"]
    assert found(corpus, "where:odesa") == ["grain.md"]
    assert found(corpus, "where:Kyiv -who:Driscoll") == []
    (result,) = corpus.search('who:"Daniel Driscoll"')  # the snippet and the reader's first hit: the name
    assert result.snippet[slice(*result.snippet_hits[0])] == "Daniel Driscoll"
    assert result.terms == ("daniel", "driscoll")


def test_tags_and_note_text_come_from_the_notes_store(corpus, tmp_path):
    (kyiv,) = [row for row in corpus.rows([tmp_path / "b"]) if row.path.name == "kyiv.md"]
    body = "Volodymyr Zelensky met Daniel Driscoll"
    with NotesStore.open(tmp_path / "notes.json") as store:
        note = store.add(
            Note(
                id="n1",
                briefing_id=kyiv.briefing_id,
                briefing_path=str(kyiv.path),
                briefing_title=kyiv.title,
                target=Target.from_span(body, 0, 18),
                text="Check the envoy's timeline",
                tags=["ukraine/diplomacy"],
            )
        )
        corpus.sync_notes(store.all_notes())
        assert found(corpus, "tag:ukraine") == ["kyiv.md"]
        assert found(corpus, "tag:ukraine/diplomacy") == ["kyiv.md"]
        assert found(corpus, "tag:ukr") == []
        assert found(corpus, "note:timeline") == ["kyiv.md"]
        assert found(corpus, 'note:"envoy timeline"') == []
        store.update(dataclasses.replace(note, tags=["gaza"], text="Other"))
        corpus.sync_notes(store.all_notes())
        assert found(corpus, "tag:ukraine") == [] and found(corpus, "tag:gaza") == ["kyiv.md"]
        assert found(corpus, "note:timeline") == []


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ('"peace plan', "not closed"),
        ("grain OR", "word on each side"),
        ("(grain", "( is not closed"),
        ("grain)", "no ( before it"),
        ("colour:red", "no field colour:"),
        ("date:November", "takes a date"),
        ("", "nothing to search for"),
        ("-", "nothing to search for"),
    ],
)
def test_a_malformed_query_is_a_one_line_hint(corpus, query, hint):
    with pytest.raises(QueryError, match=re.escape(hint)) as caught:
        corpus.search(query)
    assert "\n" not in str(caught.value)


QUERY_PIECES = st.sampled_from(
    [
        "a",
        "b",
        " ",
        "-",
        "*",
        '"',
        "(",
        ")",
        ":",
        "OR",
        "NOT",
        "AND",
        "é",
        "\u0130",
        "title:",
        "who:",
        "date:",
        "2025",
        "-11",
        "\x00",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(QUERY_PIECES, max_size=12).map("".join))
def test_any_query_gives_results_or_a_query_error_never_another_exception(corpus, query):
    try:
        corpus.search(query)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
