"""The core and the commands never import Textual: only the TUI does, so commands start fast."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from importlib.util import find_spec
from pathlib import Path

import briefer.commands

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def core_packages() -> list[str]:
    """The core as the import contract names it: one list for the static check and this one."""
    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    (core,) = [c for c in contracts if c["id"] == "core"]
    return core["source_modules"]


def modules_under(name: str) -> list[str]:
    """`name` and, for a package, every module in it."""
    spec = find_spec(name)
    assert spec is not None, f"{name} does not exist"
    if spec.submodule_search_locations is None:
        return [name]
    return [name] + [m.name for m in pkgutil.walk_packages(spec.submodule_search_locations, name + ".")]


def command_modules() -> list[str]:
    """Every module in briefer/commands: a command added there is checked without being listed."""
    return modules_under(briefer.commands.__name__)


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


def textual_after_importing(modules: list[str]) -> list[str]:
    loaded = modules_loaded_after(
        f"import importlib\nfor name in {modules!r}:\n    importlib.import_module(name)"
    )
    return sorted(m for m in loaded if m == "textual" or m.startswith("textual."))


def test_the_core_does_not_import_textual():
    modules = [m for package in core_packages() for m in modules_under(package)]
    assert {"briefer.notes.exporting", "briefer.extract.extractor", "briefer.analysing.service"} <= set(
        modules
    )
    assert textual_after_importing(modules) == []


def test_no_command_module_imports_textual():
    modules = command_modules()
    assert {"briefer.commands.common", "briefer.commands.export", "briefer.commands.notes"} <= set(modules)
    assert textual_after_importing([*modules, "briefer.cli"]) == []


def test_a_plain_text_briefing_loads_without_the_markdown_and_yaml_parsers(tmp_path):
    """They cost 0.1 s of start-up, on the way to a long plain-text briefing's analysis."""
    path = tmp_path / "wire.txt"
    path.write_text("KYIV, Nov 20 (Reuters) - Talks went on.\n\nMore text.\n", encoding="utf-8")
    loaded = modules_loaded_after(f"from briefer.briefing import load\nload({str(path)!r})")
    assert "briefer.briefing.loader" in loaded
    assert {"markdown_it", "yaml"} & loaded == set()
