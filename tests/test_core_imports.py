"""The core (loading, extraction, notes, export, config) never imports Textual."""

from __future__ import annotations

import subprocess
import sys

CORE = (
    "briefer.briefing",
    "briefer.briefing.loader",
    "briefer.extract",
    "briefer.extract.extractor",
    "briefer.notes.store",
    "briefer.notes.anchoring",
    "briefer.notes.export",
    "briefer.notes.export_command",
    "briefer.notes.command",
    "briefer.analysing.service",
    "briefer.library",
    "briefer.search",
    "briefer.config",
    "briefer.cli",
)


def modules_loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded once it has run `code`."""
    result = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_core_modules_do_not_import_textual():
    loaded = modules_loaded_after(
        f"import importlib\nfor name in {CORE!r}:\n    importlib.import_module(name)"
    )
    assert sorted(m for m in loaded if m == "textual" or m.startswith("textual.")) == []


def test_a_plain_text_briefing_loads_without_the_markdown_and_yaml_parsers(tmp_path):
    """They cost 0.1 s of start-up, on the way to a long plain-text briefing's analysis."""
    path = tmp_path / "wire.txt"
    path.write_text("KYIV, Nov 20 (Reuters) - Talks went on.\n\nMore text.\n", encoding="utf-8")
    loaded = modules_loaded_after(f"from briefer.briefing import load\nload({str(path)!r})")
    assert "briefer.briefing.loader" in loaded
    assert {"markdown_it", "yaml"} & loaded == set()
