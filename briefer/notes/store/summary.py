"""The shard summary: what counts and lookups need from each shard, without reading it.

Per shard: the file's identity when summarised and, by briefing, note ids, paths and
tags, plus tag counts. Kept in memory and saved as FILE.d/summary.json, a derived cache:
a shard whose identity differs is re-read, so a stale or missing summary costs time,
never correctness.

Tags: a nested tag `area/topic` also counts once for `area` (as Obsidian does), so
filtering by `area` finds notes under it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, TypedDict

from briefer.files import atomic_write, read_regular
from briefer.notes.store.disk import Stamp
from briefer.notes.store.layout import SHARD_COUNT, SUMMARY_FORMAT
from briefer.notes.tags import tag_and_parents


class BriefingSummary(TypedDict):
    ids: list[str]  # note ids
    paths: list[str]  # the briefing paths its notes were made on
    tags: list[str]  # the distinct tags of its notes, as stored


class ShardSummary(TypedDict):
    briefings: dict[str, BriefingSummary]
    tags: dict[str, int]  # notes per tag, parents of nested tags included
    stamp: Stamp | None  # the shard file's identity when summarised


def summarise(notes_table: dict[str, Any], file_stamp: Stamp | None) -> ShardSummary:
    """What the index needs from one shard's `notes` table."""
    briefings: dict[str, BriefingSummary] = {}
    tag_sets: Counter[tuple[str, ...]] = Counter()  # few distinct sets: expand parents once per set
    for note_id, doc in notes_table.items():
        entry = briefings.setdefault(doc["briefing_id"], {"ids": [], "paths": [], "tags": []})
        entry["ids"].append(note_id)
        path = doc.get("briefing_path")
        if path and path not in entry["paths"]:
            entry["paths"].append(path)
        if doc.get("tags"):
            tag_sets[tuple(doc["tags"])] += 1
            entry["tags"].extend(t for t in doc["tags"] if t not in entry["tags"])
    tags: Counter[str] = Counter()
    for tag_set, count in tag_sets.items():
        for counted in {parent for tag in tag_set for parent in tag_and_parents(tag)}:
            tags[counted] += count
    return {"briefings": briefings, "tags": dict(tags), "stamp": file_stamp}


class Summaries:
    """The summaries of all shards, which shard holds each note, and the totals over them."""

    def __init__(self, path: Path) -> None:
        self.path = path  # FILE.d/summary.json
        self.dirty = False  # changed since loaded or saved
        self._entries: dict[str, ShardSummary] = {}  # shard key -> summary
        self._note_shard: dict[str, str] = {}  # note id -> shard key
        self._version = 0  # bumped whenever a shard's summary changes
        self._totals: tuple[int, dict[str, int], dict[str, int]] | None = None

    def get(self, key: str) -> ShardSummary | None:
        return self._entries.get(key)

    def shard_of(self, note_id: str) -> str | None:
        """The shard that held `note_id` when last summarised."""
        return self._note_shard.get(note_id)

    def ids_in(self, key: str) -> set[str]:
        """The ids of the notes shard `key` held when last summarised."""
        entry = self._entries.get(key)
        return (
            {note_id for info in entry["briefings"].values() for note_id in info["ids"]} if entry else set()
        )

    def set(self, key: str, entry: ShardSummary) -> None:
        self._put(key, entry)
        self.dirty = True

    def keys_with_notes(self) -> list[str]:
        return sorted(key for key, entry in self._entries.items() if entry["briefings"])

    def briefings_at(self, path: str) -> list[str]:
        """Ids of the briefings with notes made on the file at `path` (normalised)."""
        return [
            briefing_id
            for entry in self._entries.values()
            for briefing_id, info in entry["briefings"].items()
            if path in info["paths"]
        ]

    def tags_by_briefing(self) -> dict[str, list[str]]:
        return {
            briefing_id: list(info["tags"])
            for entry in self._entries.values()
            for briefing_id, info in entry["briefings"].items()
            if info["tags"]
        }

    def totals(self) -> tuple[dict[str, int], dict[str, int]]:
        """(notes per briefing id, notes per tag sorted by tag), cached until a summary changes."""
        if self._totals is None or self._totals[0] != self._version:
            notes = {
                briefing_id: len(info["ids"])
                for entry in self._entries.values()
                for briefing_id, info in entry["briefings"].items()
            }
            tags: Counter[str] = Counter()
            for entry in self._entries.values():
                tags.update(entry["tags"])
            self._totals = (self._version, notes, dict(sorted(tags.items())))
        return self._totals[1], self._totals[2]

    def load(self) -> None:
        """Take the saved summaries; a file that cannot be trusted is ignored (and rebuilt)."""
        try:
            data = json.loads(read_regular(self.path))
            if (data.get("format"), data.get("shards")) == (SUMMARY_FORMAT, SHARD_COUNT) and isinstance(
                data.get("entries"), dict
            ):
                for key, entry in data["entries"].items():
                    entry["stamp"] = tuple(entry["stamp"]) if entry.get("stamp") else None
                    self._put(key, entry)
        except (OSError, ValueError, AttributeError, TypeError, KeyError):
            self._entries.clear()
            self._note_shard.clear()

    def save(self) -> None:
        """Write the summaries when they changed; a failure only costs the next open time."""
        if not self.dirty:
            return
        payload = json.dumps(
            {"format": SUMMARY_FORMAT, "shards": SHARD_COUNT, "entries": self._entries},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        try:
            atomic_write(self.path, payload)
            self.dirty = False
        except OSError:
            pass  # a cache: the next open rebuilds what it cannot trust

    def _put(self, key: str, entry: ShardSummary) -> None:
        old = self._entries.get(key)
        if old:
            for info in old["briefings"].values():
                for note_id in info["ids"]:
                    if self._note_shard.get(note_id) == key:
                        del self._note_shard[note_id]
        self._entries[key] = entry
        self._version += 1
        for info in entry["briefings"].values():
            for note_id in info["ids"]:
                self._note_shard[note_id] = key
