"""Every test runs with its own data, config and cache folders: no real user files are touched."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv("BRIEFER_NOTES", raising=False)
    monkeypatch.delenv("BRIEFER_CONFIG", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    return tmp_path


def pytest_collection_modifyitems(items):
    """The house rules (lint, format, types, import contracts, sizes) run first: a
    contributor sees a style or layering slip before waiting on the whole suite."""
    items.sort(key=lambda item: item.get_closest_marker("house") is None)
