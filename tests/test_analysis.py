"""The analysis service: reopening is free, a changed text or date is analysed afresh, long
briefings are analysed in a child process, and the word tables are cached."""

from __future__ import annotations

import dataclasses
import json
import marshal

import pytest

from briefer.analysing import extraction
from briefer.analysing.cache import AnalysisCache, effective_briefing, extractor_fingerprint
from briefer.analysing.child import AnalysisChild, _guess
from briefer.analysing.service import AnalysisService
from briefer.briefing import briefing_from_text, load
from briefer.extract import analyse, lexicon

TEXT = (
    "Finance Minister Ana Ruiz said on Thursday that the budget would pass. "
    '"We have the votes," Ruiz told reporters in Madrid.\n'
)


@pytest.fixture
def counted(monkeypatch):
    """The briefings the extractor is run on, by id."""
    calls = []

    def counting(briefing, reference_date=None, nameless=None):
        calls.append(briefing.id)
        return analyse(briefing, reference_date, nameless)

    monkeypatch.setattr(extraction, "extract", counting)
    return calls


def service(tmp_path, process_threshold: int = 200_000) -> AnalysisService:
    return AnalysisService(AnalysisCache(tmp_path / "analyses"), process_threshold)


def test_second_open_uses_memory_then_disk(counted, tmp_path):
    briefing = briefing_from_text(TEXT)
    analysis = service(tmp_path)
    first = analysis.request(briefing, None).result()
    assert analysis.request(briefing, None).cached == first
    reopened = service(tmp_path)  # a new process: memory empty, the disk is left
    assert reopened.request(briefing, None).cached == first
    assert len(counted) == 1


def test_a_changed_text_or_reference_date_is_analysed_again(counted, tmp_path):
    analysis = service(tmp_path)
    briefing = briefing_from_text(TEXT)
    analysis.request(briefing, None).result()
    analysis.request(briefing_from_text(TEXT + "\nMore text.\n"), None).result()
    dated = analysis.request(briefing, "2025-11-20").result()
    assert len(counted) == 3
    assert [(t["text"], t["value"]) for t in dated["when"]] == [("Thursday", "2025-11-20")]


def test_a_users_reference_date_wins_over_the_files_own():
    briefing = dataclasses.replace(briefing_from_text(TEXT), date="2024-01-01")
    assert effective_briefing(briefing, "2025-11-20").date == "2025-11-20"
    assert effective_briefing(briefing, None).date == "2024-01-01"


def test_long_briefings_are_analysed_in_a_child_process_with_the_same_result(tmp_path):
    briefing = briefing_from_text(TEXT)
    request = service(tmp_path, process_threshold=0).request(briefing, None)
    assert request.child is not None
    assert request.result() == analyse(briefing)


def test_short_briefings_are_analysed_in_this_process(tmp_path):
    request = service(tmp_path).request(briefing_from_text(TEXT), None)
    assert request.child is None


@pytest.mark.parametrize("reference_date", [None, "2025-11-20"], ids=["as-read", "user-date"])
def test_a_prestarted_child_analyses_what_it_is_sent_and_stores_it(tmp_path, reference_date):
    """The child reads the file and starts on it at once; what it answers must still be the
    analysis of the briefing it is sent (here with or without a date of the user's)."""
    path = tmp_path / "long.txt"
    path.write_text(TEXT, encoding="utf-8")
    analysis = service(tmp_path, process_threshold=0)
    analysis.prestart(path)
    briefing = load(path)
    request = analysis.request(briefing, reference_date)
    assert request.child is not None and request.child.path == path
    result = request.result()
    assert result == analyse(effective_briefing(briefing, reference_date))
    assert any(t["value"] == "2025-11-20" for t in result["when"]) == (reference_date is not None)
    request.child.wait(timeout=30)  # the child stores after it has answered
    assert service(tmp_path).request(briefing, reference_date).cached == result  # a new process: the disk


def test_a_prestarted_child_whose_file_changed_analyses_the_text_it_is_sent(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(TEXT, encoding="utf-8")
    analysis = service(tmp_path, process_threshold=0)
    analysis.prestart(path)
    # What the reader shows when the file changed between the child's read and its own.
    changed = briefing_from_text(TEXT.replace("Ana Ruiz", "Marta Gil").replace("Ruiz", "Gil"), path=path)
    result = analysis.request(changed, None).result()
    assert [p["name"] for p in result["who"] if p["kind"] == "person"] == ["Marta Gil"]


def test_short_files_get_no_child_and_an_unused_child_is_stopped(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text(TEXT, encoding="utf-8")
    short = service(tmp_path)
    short.prestart(path)
    short.prestart(tmp_path / "missing.txt")
    assert short._children == []
    analysis = service(tmp_path, process_threshold=0)
    analysis.prestart(path)
    [child] = analysis._children
    analysis.drop_prestarted()  # the file could not be opened after all
    assert child.wait(timeout=30) != 0  # killed, not left loading word lists


def test_a_child_prestarted_for_a_cached_briefing_is_stopped(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(TEXT, encoding="utf-8")
    analysis = service(tmp_path, process_threshold=0)
    analysis.request(load(path), None).result()
    analysis.prestart(path)
    [_, prestarted] = analysis._children
    request = analysis.request(load(path), None)
    assert request.cached is not None and request.child is None
    assert prestarted.wait(timeout=30) != 0


def test_a_failing_child_gives_the_last_line_of_its_error(tmp_path):
    child = AnalysisChild(tmp_path)
    broken = dataclasses.replace(briefing_from_text(TEXT), blocks=("not a block",))
    with pytest.raises(RuntimeError, match=r"^AttributeError: 'str' object has no attribute 'kind'"):
        child.analyse(broken, tmp_path / "never.json")
    assert not (tmp_path / "never.json").exists()


def test_analyses_of_an_older_extractor_are_pruned(tmp_path):
    folder = tmp_path / "analyses"
    folder.mkdir()
    stale = folder / "abc-nodate-0000000000000000.json"
    stale.write_text("{}", encoding="utf-8")
    service(tmp_path).request(briefing_from_text(TEXT), None).result()
    assert not stale.exists()
    assert [p.name.endswith(f"-{extractor_fingerprint()}.json") for p in folder.iterdir()] == [True]


def test_a_child_begins_no_analysis_of_a_briefing_reopened(tmp_path):
    """Its analysis is cached: the reader will show that, and a child working meanwhile only slows it."""
    path = tmp_path / "long.txt"
    path.write_text(TEXT, encoding="utf-8")
    folder = tmp_path / "analyses"
    _read, guessed = _guess(str(path), folder)
    assert guessed == analyse(load(path))
    service(tmp_path).request(load(path), None).result()
    assert _guess(str(path), folder) is None


def test_the_child_never_imports_code_from_the_working_folder(monkeypatch, tmp_path):
    """A folder of downloaded files may hold a `briefer` package of its own: running there must not run it."""
    planted = tmp_path / "briefer"
    planted.mkdir()
    marker = tmp_path / "ran"
    (planted / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    briefing = briefing_from_text(TEXT)
    assert service(tmp_path, process_threshold=0).request(briefing, None).result() == analyse(briefing)
    assert not marker.exists()


def test_word_tables_are_built_once_per_version_of_their_sources(tmp_path):
    source = tmp_path / "names.txt"
    source.write_text("Ana\nBen\n", encoding="utf-8")
    builds = []

    def build():
        builds.append(1)
        return {"names": set(source.read_text(encoding="utf-8").split())}

    tables = lexicon.DerivedTables("test-names", lambda: [source], build, dict[str, set[str]])
    folder = tmp_path / "lexicon"
    first = extraction.cached_tables(tables, folder)
    assert extraction.cached_tables(tables, folder) == first == {"names": {"Ana", "Ben"}}
    assert len(builds) == 1  # the second came from the cache folder
    source.write_text("Ana\nBen\nCleo\n", encoding="utf-8")
    assert extraction.cached_tables(tables, folder) == {"names": {"Ana", "Ben", "Cleo"}}
    assert len(builds) == 2
    assert len(list(folder.iterdir())) == 1  # the older version's file is gone


def test_a_corrupt_or_unwritable_word_table_cache_only_costs_a_rebuild(tmp_path):
    source = tmp_path / "names.txt"
    source.write_text("Ana\n", encoding="utf-8")
    folder = tmp_path / "lexicon"
    extraction.cached_tables(
        lexicon.DerivedTables("test-names", lambda: [source], lambda: {"Ana": "f"}, dict[str, str]), folder
    )
    [stored] = folder.iterdir()
    stored.write_bytes(b"\x00 not marshal data")
    rebuilt = lexicon.DerivedTables("test-names", lambda: [source], lambda: {"Ana": "f"}, dict[str, str])
    assert extraction.cached_tables(rebuilt, folder) == {"Ana": "f"}
    unwritable = lexicon.DerivedTables("test-names", lambda: [source], lambda: {"Ana": "?"}, dict[str, str])
    assert extraction.cached_tables(unwritable, source) == {"Ana": "?"}  # a file, not a folder


def test_the_gazetteer_and_names_read_back_equal_a_fresh_build(tmp_path):
    folder = tmp_path / "lexicon"
    for tables in lexicon.DERIVED_TABLES:
        fresh = tables.build()
        extraction.cached_tables(tables, folder)
        [stored] = folder.glob(f"{tables.name}-*")
        assert marshal.loads(stored.read_bytes()) == fresh
        assert extraction.cached_tables(tables, folder) == fresh
    gazetteer = lexicon.Gazetteer(extraction.cached_tables(lexicon.GAZETTEER_TABLES, folder))
    assert gazetteer.kind("Kyiv") == "capital" and gazetteer.kind("Texas") == "region"
    assert extraction.cached_tables(lexicon.GIVEN_NAME_TABLES, folder)["maria"] == "f"


def _wrong_shapes(good: str) -> list[str]:
    analysis = json.loads(good)
    other_briefing = {**analysis, "briefing": {**analysis["briefing"], "id": "0" * 64}}
    mention_cut = {**analysis, "who": [{**analysis["who"][0], "mentions": [[5]]}]}
    backwards = {**analysis, "what": [{**analysis["what"][0], "start": 9, "end": 2}]}
    role_number = {**analysis, "who": [{**analysis["who"][0], "role": 7}]}
    no_when = {k: v for k, v in analysis.items() if k != "when"}
    return [
        good[: len(good) // 2],  # cut short by a crash
        "null",
        "[]",
        '{"schema": "briefer.extract/1", "who": "Ana Ruiz"}',
        "[" * 100_000 + "]" * 100_000,  # too deep for the parser
        *map(json.dumps, (other_briefing, mention_cut, backwards, role_number, no_when)),
    ]


@pytest.mark.parametrize("case", range(10))
def test_an_analysis_cache_file_of_the_wrong_shape_is_analysed_again(counted, tmp_path, case):
    briefing = briefing_from_text(TEXT)
    first = service(tmp_path).request(briefing, None).result()
    [stored] = (tmp_path / "analyses").iterdir()
    wrong = _wrong_shapes(stored.read_text(encoding="utf-8"))
    assert len(wrong) == 10
    stored.write_text(wrong[case], encoding="utf-8")
    request = service(tmp_path).request(briefing, None)  # a new process: only the disk
    assert request.cached is None
    assert request.result() == first
    assert len(counted) == 2
    assert json.loads(stored.read_text(encoding="utf-8")) == first  # the bad file replaced


@pytest.mark.parametrize(
    "stored",
    [["Ana", "f"], {"Ana": 1}, {1: "f"}, {"Ana": "f", "Ben": None}, "Ana"],
    ids=["a list", "int values", "int keys", "a None value", "a string"],
)
def test_word_tables_of_another_shape_are_built_again(tmp_path, stored):
    source = tmp_path / "names.txt"
    source.write_text("Ana\n", encoding="utf-8")
    folder = tmp_path / "lexicon"
    tables = lexicon.DerivedTables("test-names", lambda: [source], lambda: {"Ana": "f"}, dict[str, str])
    extraction.cached_tables(tables, folder)
    [path] = folder.iterdir()
    path.write_bytes(marshal.dumps(stored))
    assert extraction.cached_tables(tables, folder) == {"Ana": "f"}
    assert marshal.loads(path.read_bytes()) == {"Ana": "f"}  # and the cache holds good tables again


def test_a_gazetteer_cache_missing_a_table_is_built_again(tmp_path):
    folder = tmp_path / "lexicon"
    fresh = extraction.cached_tables(lexicon.GAZETTEER_TABLES, folder)
    [path] = folder.iterdir()
    path.write_bytes(marshal.dumps({k: v for k, v in fresh.items() if k != "cities"}))
    assert extraction.cached_tables(lexicon.GAZETTEER_TABLES, folder) == fresh
    path.write_bytes(marshal.dumps({**fresh, "cities": {"paris": "big"}}))
    assert extraction.cached_tables(lexicon.GAZETTEER_TABLES, folder) == fresh
