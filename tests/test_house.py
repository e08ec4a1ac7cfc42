"""The house rules a contributor keeps without being told: style, types, one-way
imports and rooms of a size a newcomer can read. `python -m pytest` runs them
first (see conftest.py), so the one test command checks everything CI checks."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefer"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
# The extractor's rule functions are restructured under the extraction issue.
SIZE_EXEMPT = (PACKAGE / "extract",)


def _tool(name: str) -> str:
    """The tool installed beside this interpreter (the test extra brings it)."""
    path = Path(sys.executable).with_name(name)
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} is missing: install the test extra (pip install '.[test]')"
    return found


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if not any(p.is_relative_to(e) for e in SIZE_EXEMPT))


@pytest.mark.house
def test_ruff_finds_nothing():
    result = _run(_tool("ruff"), "check", "briefer", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.house
def test_the_code_is_formatted():
    result = _run(_tool("ruff"), "format", "--check", "briefer", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.house
def test_mypy_finds_nothing():
    result = _run(_tool("mypy"), "briefer")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.house
def test_imports_go_one_way():
    result = _run(_tool("lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.house
def test_no_module_is_too_long_to_read():
    long = {
        str(p.relative_to(ROOT)): n
        for p in _sources()
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}, f"modules over {MAX_MODULE_LINES} lines: split them by what they do"


@pytest.mark.house
def test_no_function_is_too_long_to_read():
    long = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = length
    assert long == {}, f"functions over {MAX_FUNCTION_LINES} lines"
