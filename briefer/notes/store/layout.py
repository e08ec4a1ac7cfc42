"""Where the store keeps what, and why (chosen by measuring: benchmarks/bench_notes.py).

With `--notes FILE`:

    FILE              TinyDB JSON: table `_meta` (schema version, shard count) and
                      table `briefings` (per-briefing user data, keyed by briefing id)
    FILE.lock         lock file; an fcntl lock is held around every write transaction
    FILE.bak1, .bak2  the two previous versions of FILE (hard links, rotated on save)
    FILE.d/notes-XXX.json
                      the notes, in 1024 shards: XXX (hex) is sha256(briefing_id) mod
                      1024, so a briefing's notes all live in one shard. Each shard is
                      a TinyDB JSON file with one table `notes` keyed by note id, with
                      its own .bak1/.bak2.
    FILE.d/desk-NAME/XX.json
                      desk table NAME (read state, flags, last visits, watch items, actor
                      decisions) in 64 shards by key: TinyDB JSON files with one table
                      `items` keyed by string, with their own .bak1/.bak2 (see `desk`).
    FILE.d/summary.json
                      a derived cache: per shard, the file's identity (inode, size,
                      mtime) and, by briefing, note ids, paths and tags, plus tag
                      counts. A shard whose identity differs is re-read, so a stale or
                      missing summary costs time, never correctness.

Why shards: one JSON file rewritten per save costs O(all notes): about 40-70 ms at
10,000 notes and far more at 100,000. With 1024 shards a save rewrites about 100 notes
(~70 KB at 100,000 notes), listing a briefing reads one shard, and opening reads FILE
and the summary only. At 100,000 notes over 20,000 briefings, 1024 shards halved the
add time of 256 shards (~280 KB each, ~6 ms of JSON per save); what remains is mostly
the two fsyncs. Opening takes 0.1-0.45 s (the first open without a summary: 1-3 s).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

SCHEMA_VERSION = 2  # 1: every note in FILE's `notes` table; 2: notes in shards
SHARD_COUNT = 1024
BACKUP_GENERATIONS = 2
SUMMARY_FORMAT = 1  # of the derived FILE.d/summary.json; another format is ignored and rebuilt
SUMMARY_FILE = "summary.json"
SHARD_CACHE_SIZE = 16  # parsed shards kept in memory; the rest are re-read on demand
TABLE_NAME = re.compile(r"[a-z][a-z0-9_-]{0,39}")
DESK_PREFIX = "desk-"
# Each table in 64 files by its keys' hash: at 20,000 read states, one file per table made
# marking a briefing read rewrite 2 MB (52 ms p50, 152 ms p95); a shard is ~30 KB.
DESK_SHARDS = 64


def desk_shard(key: str) -> int:
    return (
        int.from_bytes(hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()[:4], "big") % DESK_SHARDS
    )


def shard_key(briefing_id: str) -> str:
    """The shard holding a briefing's notes."""
    digest = hashlib.sha256(briefing_id.encode("utf-8")).digest()
    return shard_name(int.from_bytes(digest[:4], "big") % SHARD_COUNT)


def shard_name(index: int) -> str:
    return f"{index:0{len(f'{SHARD_COUNT - 1:x}')}x}"


def shard_file_name(key: str) -> str:
    return f"notes-{key}.json"


def desk_folders(shard_dir: Path) -> list[Path]:
    """The desk tables' folders in the notes folder."""
    try:
        entries = list(os.scandir(shard_dir))
    except OSError:
        return []
    return [
        Path(entry.path)
        for entry in entries
        if entry.name.startswith(DESK_PREFIX)
        and TABLE_NAME.fullmatch(entry.name[len(DESK_PREFIX) :])
        and entry.is_dir(follow_symlinks=False)
    ]
