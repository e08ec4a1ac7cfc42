"""The analysis cache: reopening is free, a changed text or date is analysed afresh, big ones in a child."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from briefer import analysis
from briefer.briefing import briefing_from_text
from briefer.extract import analyse

TEXT = (
    "Finance Minister Ana Ruiz said on Thursday that the budget would pass. "
    '"We have the votes," Ruiz told reporters in Madrid.\n'
)


@pytest.fixture
def counted(monkeypatch):
    calls = []
    import briefer.extract

    def counting(briefing, reference_date=None, **sharing):
        calls.append(briefing.id)
        return analyse(briefing, reference_date, **sharing)

    monkeypatch.setattr(briefer.extract, "analyse", counting)
    monkeypatch.setattr(analysis, "_MEMORY", type(analysis._MEMORY)())
    return calls


def test_second_open_uses_memory_then_disk(counted, monkeypatch):
    briefing = briefing_from_text(TEXT)
    first = analysis.analyse_cached(briefing)
    assert analysis.analyse_cached(briefing) == first
    monkeypatch.setattr(analysis, "_MEMORY", type(analysis._MEMORY)())  # a new process: memory empty
    assert analysis.analyse_cached(briefing) == first
    assert len(counted) == 1


def test_a_changed_text_or_reference_date_is_analysed_again(counted):
    briefing = briefing_from_text(TEXT)
    analysis.analyse_cached(briefing)
    analysis.analyse_cached(briefing_from_text(TEXT + "\nMore text.\n"))
    dated = analysis.analyse_cached(briefing, "2025-11-20")
    assert len(counted) == 3
    thursday = next(t for t in dated["when"] if t["text"] == "Thursday")
    assert thursday["value"] == "2025-11-20"


def test_a_users_reference_date_wins_over_the_files_own():
    briefing = dataclasses.replace(briefing_from_text(TEXT), date="2024-01-01")
    assert analysis.effective_briefing(briefing, "2025-11-20").date == "2025-11-20"
    assert analysis.effective_briefing(briefing, None).date == "2024-01-01"


def test_long_briefings_are_analysed_in_a_child_process_with_the_same_result(monkeypatch):
    briefing = briefing_from_text(TEXT)
    monkeypatch.setattr(analysis, "PROCESS_THRESHOLD", 0)
    monkeypatch.setattr(analysis, "_MEMORY", type(analysis._MEMORY)())
    assert analysis.analyse_cached(briefing) == analyse(briefing)


@pytest.mark.parametrize("reference_date", [None, "2025-11-20"], ids=["as-read", "user-date"])
def test_a_prestarted_child_analyses_what_it_is_sent_and_stores_it(monkeypatch, tmp_path, reference_date):
    """The child reads the file and starts on it at once; what it answers must still be the
    analysis of the briefing it is sent (here with or without a date of the user's)."""
    from briefer.briefing import load

    path = tmp_path / "long.txt"
    path.write_text(TEXT, encoding="utf-8")
    briefing = load(path)
    monkeypatch.setattr(analysis, "PROCESS_THRESHOLD", 0)
    monkeypatch.setattr(analysis, "_MEMORY", type(analysis._MEMORY)())
    analyser = analysis.Analyser.for_file(path)
    assert analyser is not None
    result = analysis.analyse_cached(briefing, reference_date, analyser)
    assert result == analyse(analysis.effective_briefing(briefing, reference_date))
    assert any(t["value"] == "2025-11-20" for t in result["when"]) == (reference_date is not None)
    analyser._process.wait(timeout=30)  # the child stores after it has answered
    monkeypatch.setattr(analysis, "_MEMORY", type(analysis._MEMORY)())  # a new process: only the disk is left
    assert analysis.cached(briefing, reference_date) == result


def test_a_prestarted_child_whose_file_changed_analyses_the_text_it_is_sent(monkeypatch, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(analysis, "PROCESS_THRESHOLD", 0)
    monkeypatch.setattr(analysis, "_MEMORY", type(analysis._MEMORY)())
    analyser = analysis.Analyser.for_file(path)
    # What the reader shows when the file changed between the child's read and its own.
    changed = briefing_from_text(TEXT.replace("Ana Ruiz", "Marta Gil").replace("Ruiz", "Gil"), path=path)
    result = analysis.analyse_cached(changed, None, analyser)
    assert [p["name"] for p in result["who"] if p["kind"] == "person"] == ["Marta Gil"]


def test_short_files_get_no_child_and_an_unused_child_is_stopped(monkeypatch, tmp_path):
    path = tmp_path / "short.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert analysis.Analyser.for_file(path) is None
    assert analysis.Analyser.for_file(tmp_path / "missing.txt") is None
    monkeypatch.setattr(analysis, "PROCESS_THRESHOLD", 0)
    analyser = analysis.Analyser.for_file(path)
    analyser.stop()
    assert analyser._process.wait(timeout=30) != 0  # killed, not left loading word lists


def test_a_failing_child_gives_the_last_line_of_its_error(tmp_path):
    analyser = analysis.Analyser()
    broken = dataclasses.replace(briefing_from_text(TEXT), blocks=("not a block",))
    with pytest.raises(RuntimeError, match=r"^AttributeError: 'str' object has no attribute 'kind'"):
        analyser.analyse(broken, tmp_path / "never.json")
    assert not (tmp_path / "never.json").exists()


def test_analyses_of_an_older_extractor_are_pruned(monkeypatch):
    analysis._prune_stale.cache_clear()
    folder = analysis._cache_file("x").parent
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / "abc-nodate-0000000000000000.json"
    stale.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(analysis, "_MEMORY", type(analysis._MEMORY)())
    analysis.analyse_cached(briefing_from_text(TEXT))
    assert not stale.exists()
    assert any(p.name.endswith(f"-{analysis.extractor_fingerprint()}.json") for p in folder.iterdir())


def _group_members(group: int) -> set[int]:
    members = set()
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        if int(fields[2]) == group and fields[0] != "Z":
            members.add(int(entry.name))
    return members


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see the processes")
def test_stopping_a_child_also_ends_the_copy_it_forked_for_a_second_core(tmp_path):
    from briefer.extract.sharing import machine_can_share

    if not machine_can_share():
        pytest.skip("one core: the child forks no copy")
    path = tmp_path / "long.txt"
    path.write_text(TEXT * 40_000, encoding="utf-8")  # 4.8 MB: seconds of work for the copy
    analyser = analysis.Analyser.for_file(path)
    group = analyser._process.pid
    deadline = time.monotonic() + 60
    while len(_group_members(group)) < 2:  # the child has read the file and forked its copy
        assert analyser._process.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    analyser.stop()
    deadline = time.monotonic() + 1.5  # far less than the copy's work left
    while _group_members(group):
        assert time.monotonic() < deadline, "the copy went on working"
        time.sleep(0.02)


def test_a_child_begins_no_analysis_of_a_briefing_reopened(monkeypatch, tmp_path):
    """Its analysis is cached: the reader will show that, and a child working meanwhile only slows it."""
    from briefer.briefing import load

    path = tmp_path / "long.txt"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(analysis, "_MEMORY", type(analysis._MEMORY)())
    _read, guessed = analysis._guess(str(path))
    assert guessed == analyse(load(path))
    analysis.analyse_cached(load(path))
    assert analysis._guess(str(path)) is None


def test_the_child_never_imports_code_from_the_working_folder(monkeypatch, tmp_path):
    """A folder of downloaded files may hold a `briefer` package of its own: running there must not run it."""
    planted = tmp_path / "briefer"
    planted.mkdir()
    marker = tmp_path / "ran"
    (planted / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(analysis, "PROCESS_THRESHOLD", 0)
    monkeypatch.setattr(analysis, "_MEMORY", type(analysis._MEMORY)())
    briefing = briefing_from_text(TEXT)
    assert analysis.analyse_cached(briefing, None, analysis.Analyser()) == analyse(briefing)
    assert not marker.exists()
