from __future__ import annotations

import shutil
from pathlib import Path

import pytest

BUNDLED = Path(__file__).resolve().parents[2] / "briefings"


@pytest.fixture
def library_dir(tmp_path):
    """A copy of the bundled briefings that a test may change."""
    target = tmp_path / "briefings"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture
def sample(library_dir):
    return library_dir / "00-peace-plan.txt"
