"""A long briefing's dates and quotes found in a forked copy of the process: the same analysis,
sooner on two cores, and never lost when the copy is."""

from __future__ import annotations

import os
import threading

from briefer.analysing import extraction
from briefer.analysing.beside import beside, can_fork
from briefer.briefing import briefing_from_text
from briefer.extract import analyse as pure_analyse
from briefer.extract import to_json

PARAGRAPH = (
    'Finance Minister Ana Ruiz said on Thursday {i} that the budget would pass. "We have the votes," '
    "Ruiz told reporters in Madrid, before talks with Olaf Brenner of the Bundesbank next Monday.\n\n"
)


def test_a_long_briefing_analysed_beside_its_names_is_the_pure_extractors_analysis(monkeypatch):
    body = "".join(PARAGRAPH.format(i=i) for i in range(1500))
    briefing = briefing_from_text(body)
    monkeypatch.setattr(extraction, "NAMELESS_BESIDE_ABOVE", len(body) // 2)
    forks = []
    real_fork = os.fork

    def counting_fork():
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counting_fork)
    assert can_fork()
    analysed = extraction.analyse(briefing, "2025-11-20")
    assert analysed["when"] and analysed["what"]  # dates and quotes found
    assert to_json(analysed) == to_json(pure_analyse(briefing, "2025-11-20"))
    assert forks == [1]


def test_a_result_is_computed_in_the_copy():
    parent = os.getpid()
    with beside(os.getpid) as result:
        assert result() != parent


def test_a_copy_that_dies_leaves_the_result_to_this_process():
    parent = os.getpid()

    def dies_in_the_copy():
        if os.getpid() != parent:
            os._exit(3)  # killed, out of memory: no result sent
        return "computed here"

    with beside(dies_in_the_copy) as result:
        assert result() == "computed here"


def test_a_process_with_threads_does_not_fork():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()
