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
