"""Real processes: killed mid-save, or saving at the same time as another."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

from briefer.notes.model import Note, Target
from briefer.notes.store import NotesStore

# Adds notes (to a few briefings, so shards hold many) and rewrites some, printing each
# note id only after `add` returned: every printed id was acknowledged as saved.
WRITER = r"""
import random, sys, time
from briefer.notes.model import Note, Target, new_note_id
from briefer.notes.store import NotesStore

path, count, start_at, seed = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
store = NotesStore.open(path, wait=10)
print("ready", flush=True)
while time.time() < start_at:
    time.sleep(0.001)
mine = []
for i in range(count):
    briefing = f"briefing-{rng.randrange(3)}"
    note = Note(id=new_note_id(), briefing_id=briefing, briefing_path=f"/b/{briefing}.md",
                briefing_title=briefing, target=Target("quoted text", "", "", i, i + 11),
                text="x" * rng.randrange(0, 3000), tags=["key"])
    mine.append(store.add(note))
    print(note.id, flush=True)
    if rng.random() < 0.3:
        index = rng.randrange(len(mine))
        mine[index].text = "y" * rng.randrange(0, 3000)
        mine[index] = store.update(mine[index])
"""


def start_writer(path, count, start_at=0.0, seed=0):
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(count), str(start_at), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_at_random_moments_never_loses_an_acknowledged_note(notes_path):
    rng = random.Random(5)
    acknowledged: set[str] = set()
    for round_ in range(50):
        writer = start_writer(notes_path, 1_000_000, seed=round_)
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        time.sleep(rng.uniform(0, 0.12))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        acknowledged.update(line for line in out.split() if line)
        with NotesStore.open(notes_path, wait=1) as store:
            assert store.messages == [], store.messages
            assert not store.read_only
            on_disk = {n.id for n in store.all_notes()}
        missing = acknowledged - on_disk
        assert not missing, f"round {round_}: {len(missing)} acknowledged notes lost"
    assert len(acknowledged) > 100  # the kills did land mid-stream


def test_two_processes_adding_200_notes_each_at_once_keep_all_400(notes_path):
    NotesStore.open(notes_path).close()
    start_at = time.time() + 1.0
    writers = [start_writer(notes_path, 200, start_at, seed) for seed in (1, 2)]
    outputs = [w.communicate(timeout=120) for w in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=False):
        assert writer.returncode == 0, err
    ids = {line for out, _ in outputs for line in out.split()[1:]}
    assert len(ids) == 400
    with NotesStore.open(notes_path) as store:
        assert {n.id for n in store.all_notes()} == ids
        assert sum(store.note_counts().values()) == 400
        assert store.tag_counts() == {"key": 400}


# Reads a shared note, appends a line, saves: 200 rounds. Prints "ok N" for an
# acknowledged edit and "conflict N" for one refused as made from a stale copy.
APPENDER = r"""
import sys, time
from briefer.notes.store import NoteConflict, NotesStore

path, note_id, name, start_at = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
store = NotesStore.open(path, wait=10)
while time.time() < start_at:
    time.sleep(0.001)
for i in range(200):
    note = store.get(note_id)
    note.text += f"{name}{i}\n"
    try:
        store.update(note)
        print("ok", i, flush=True)
    except NoteConflict as conflict:
        assert conflict.current is not None and f"{name}{i}" not in conflict.current.text
        print("conflict", i, flush=True)
"""


def test_two_processes_editing_one_note_keep_every_acknowledged_edit(notes_path):
    with NotesStore.open(notes_path) as store:
        shared = store.add(
            Note(
                id="shared",
                briefing_id="b",
                briefing_path="/b.md",
                briefing_title="b",
                target=Target("x", "", "", 0, 1),
            )
        )
    start_at = time.time() + 1.0
    writers = {
        name: subprocess.Popen(
            [sys.executable, "-c", APPENDER, str(notes_path), shared.id, name, str(start_at)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    }
    results = {name: writer.communicate(timeout=120) for name, writer in writers.items()}
    with NotesStore.open(notes_path) as store:
        lines = set(store.get(shared.id).text.split())
    for name, (out, err) in results.items():
        assert writers[name].returncode == 0, err
        outcomes = [line.split() for line in out.splitlines()]
        assert len(outcomes) == 200  # every round either saved or reported its conflict
        for outcome, round_ in outcomes:
            assert (f"{name}{round_}" in lines) == (outcome == "ok"), (name, outcome, round_)
