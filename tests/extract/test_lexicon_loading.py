"""The word lists load once, even when two threads ask for them at the same moment, and tables
a caller built beforehand are used instead of building them again."""

import threading
import time

from briefer.extract import lexicon
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


def test_tables_provided_by_the_caller_are_used_instead_of_a_build():
    built = []
    tables = lexicon.DerivedTables(
        "test-names", lambda: [], lambda: built.append(1) or {"ana": "f"}, dict[str, str]
    )
    lexicon.provide("test-names", {"ben": "m"})
    assert lexicon._derived(tables) == {"ben": "m"}
    assert lexicon._derived(tables) == {"ana": "f"}  # provided once, for the one first use
    assert built == [1]
