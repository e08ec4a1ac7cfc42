"""`briefer watch add|list|rm` as a script uses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def briefer(tmp_path, *args):
    env = dict(
        os.environ,
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    return subprocess.run(
        [sys.executable, "-m", "briefer", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_add_list_and_remove(tmp_path, folder):
    added = briefer(tmp_path, "watch", "add", "who:Zelensky")
    assert added.returncode == 0 and "actor" in added.stdout
    assert briefer(tmp_path, "watch", "add", "peace", "plan", "--name", "Plan").returncode == 0
    listed = briefer(tmp_path, "watch", "list", folder, "--json")
    assert listed.returncode == 0, listed.stderr
    items = {item["name"]: item for item in json.loads(listed.stdout)}
    assert sorted(h["path"].rsplit("/", 1)[1] for h in items["Zelensky"]["hits"]) == ["kyiv.md", "moscow.md"]
    assert items["Zelensky"]["new"] == 2  # never looked at: every hit is new
    assert [h["title"] for h in items["Plan"]["hits"]] == ["Peace plan talks in Kyiv"]
    assert briefer(tmp_path, "watch", "rm", "plan").returncode == 0
    listed = briefer(tmp_path, "watch", "list", folder, "--json")
    assert [item["name"] for item in json.loads(listed.stdout)] == ["Zelensky"]


def test_bad_input_is_one_line_and_changes_nothing(tmp_path, folder):
    bad = briefer(tmp_path, "watch", "add", "after:soon")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    missing = briefer(tmp_path, "watch", "rm", "nobody")
    assert missing.returncode == 2 and "no watch item" in missing.stderr
    assert "nothing watched yet" in briefer(tmp_path, "watch", "list", folder).stdout
