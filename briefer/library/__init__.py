"""The archive: the library folders' briefings, listed, indexed and searched. No Textual.

Listing without an index (`scan`): every file described, cached in memory by path, size and
mtime. The index (`LibraryIndex`, SQLite in the cache folder, derived and disposable) keeps
the metadata, the words (FTS5) and, optionally, each briefing's analysis summary, so that a
library of 20,000 briefings lists at once and is searched in milliseconds.

For a screen (one `LibraryIndex` per thread; every call may raise `IndexUnavailable`, one
line to show, after which `scan` still lists the folders; `index.notices` may grow on any
call: a damaged index moved aside and rebuilt):

    index = LibraryIndex()                      # say index.notices
    entries = index.rows(folders)               # [LibraryEntry] at once, from the last refresh
    report = index.refresh(folders, progress=on_progress, stop=event)   # in a thread worker
        # on_progress(Progress(done, total, files_per_second, eta_seconds, changes, phase)) is
        # called in that thread, at the start and at most every 0.25 s; `changes`
        # (Change(kind, path, old_path, reason), kind: added / changed / renamed / removed /
        # failed) are committed: update those rows. `stop.set()` ends it within a file or
        # two; what was read is kept. Many files are parsed in niced worker processes.
    index.refresh(folders, analyse=True)        # then analyse what is not yet (who:, where:),
        # phase "analysing"; about 160 briefings/s on two cores
    index.analyse(folders, progress=p, stop=event, apart=True)   # the same alone; `apart`: in
        # niced processes however few (the app's keys never wait for the extractor)
    rows.peek_newest(folders, 100)              # the newest rows, read-only, for a first frame:
        # [] when the index is missing, busy or damaged; imports nothing heavy
    index.sync_notes(store.all_notes())         # when store.change_token() moved (tag:, note:)
    results = index.search(query, folders, limit=50)   # raises QueryError (str(exc): the hint)
        # SearchResult(path, title, date, source, briefing_id, snippet, snippet_hits, hits,
        # terms), best first: hits are (start, end) offsets into the briefing's body (open the
        # reader at hits[0]), snippet_hits into the snippet, terms the folded words to light.

The query language is described in `briefer.library.query`.
"""

from __future__ import annotations

import importlib

# Names are imported on first use: the library's first frame needs only `rows`, listing by
# scanning needs no SQLite, and the index needs no scanning.
_HOMES = {
    "LibraryEntry": "rows",
    "remember": "listing",
    "scan": "listing",
    "LibraryIndex": "index",
    "SearchResult": "index",
    "IndexUnavailable": "database",
    "Change": "refresh",
    "Progress": "refresh",
    "RefreshReport": "refresh",
    "QueryError": "query",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'briefer.library' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"briefer.library.{home}"), name)
    globals()[name] = value
    return value
