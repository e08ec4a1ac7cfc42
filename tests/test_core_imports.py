"""The core (loading, extraction, notes, export, config) never imports Textual."""
from __future__ import annotations

import subprocess
import sys

CORE = ("briefer.briefing", "briefer.briefing.loader", "briefer.extract", "briefer.extract.analysis",
        "briefer.notes.store", "briefer.notes.anchoring", "briefer.notes.export", "briefer.notes.export_command",
        "briefer.notes.command", "briefer.analysis", "briefer.library", "briefer.search", "briefer.config",
        "briefer.cli")


def test_core_modules_do_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_plain_text_briefing_loads_without_the_markdown_and_yaml_parsers(tmp_path):
    """They cost 0.1 s of start-up, on the way to a long plain-text briefing's analysis."""
    path = tmp_path / "wire.txt"
    path.write_text("KYIV, Nov 20 (Reuters) - Talks went on.\n\nMore text.\n", encoding="utf-8")
    code = (
        "import sys\nfrom briefer.briefing import load\n"
        f"load({str(path)!r})\n"
        "print(sorted(m for m in ('markdown_it', 'yaml') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
