"""The word lists load once, even when two threads ask for them at the same moment."""

import threading
import time

from briefer.extract.lexicon import _load_once


def test_a_second_thread_waits_for_the_first_build_instead_of_building_again():
    builds = []

    def build():
        builds.append(threading.get_ident())
        time.sleep(0.05)  # long enough for the second thread to arrive mid-build
        return object()

    get = _load_once(build)
    results = []
    threads = [threading.Thread(target=lambda: results.append(get())) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    assert results[0] is results[1]


def test_derived_tables_are_built_once_per_version_of_their_sources(tmp_path):
    from briefer.extract.lexicon import _derived

    source = tmp_path / "names.txt"
    source.write_text("Ana\nBen\n", encoding="utf-8")
    builds = []

    def build():
        builds.append(1)
        return {"names": set(source.read_text(encoding="utf-8").split())}

    first = _derived("test-names", [source], build)
    assert _derived("test-names", [source], build) == first == {"names": {"Ana", "Ben"}}
    assert len(builds) == 1  # the second came from the cache folder
    source.write_text("Ana\nBen\nCleo\n", encoding="utf-8")
    assert _derived("test-names", [source], build) == {"names": {"Ana", "Ben", "Cleo"}}
    assert len(builds) == 2


def test_a_corrupt_or_unwritable_cache_only_costs_a_rebuild(tmp_path, monkeypatch):
    from briefer.config import cache_dir
    from briefer.extract.lexicon import _derived

    source = tmp_path / "names.txt"
    source.write_text("Ana\n", encoding="utf-8")
    _derived("test-names", [source], lambda: {"Ana": "f"})
    [stored] = (cache_dir() / "lexicon").glob("test-names-*")
    stored.write_bytes(b"\x00 not marshal data")
    assert _derived("test-names", [source], lambda: {"Ana": "f"}) == {"Ana": "f"}
    monkeypatch.setenv("XDG_CACHE_HOME", str(source))  # a file, not a folder: nothing can be written
    assert _derived("test-names", [source], lambda: {"Ana": "?"}) == {"Ana": "?"}


def test_the_gazetteer_and_names_read_back_equal_a_fresh_build():
    from briefer.extract import lexicon

    fresh = lexicon.Gazetteer.build_tables()
    gazetteer = lexicon.Gazetteer(
        lexicon._derived("gazetteer", lexicon.Gazetteer.sources(), lexicon.Gazetteer.build_tables)
    )
    again = lexicon.Gazetteer(
        lexicon._derived("gazetteer", lexicon.Gazetteer.sources(), lexicon.Gazetteer.build_tables)
    )
    assert again.cities == gazetteer.cities == fresh["cities"] and again.countries == fresh["countries"]
    assert again.regions == fresh["regions"] and again.country_codes == fresh["country_codes"]
    assert again.kind("Kyiv") == "capital" and again.kind("Texas") == "region"
    names = [
        lexicon._derived("given-names", [lexicon._name_dictionary()], lexicon._read_given_names) for _ in "12"
    ]
    assert names[0] == names[1] == lexicon._read_given_names() and names[1]["maria"] == "f"
