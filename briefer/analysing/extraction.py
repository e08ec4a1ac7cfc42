"""The extractor as this process runs it: word tables from the cache, the collector paused."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import marshal
import sys
import threading
from pathlib import Path
from typing import Any

from briefer import config
from briefer.analysing.beside import beside, can_fork
from briefer.analysing.shape import conforms
from briefer.briefing import Briefing
from briefer.extract import analyse as extract
from briefer.extract import lexicon, nameless_parts
from briefer.extract.schema import Analysis
from briefer.files import read_regular, write_cache
from briefer.gcpause import cyclic_gc_paused

_LOADING = threading.Lock()
_loaded = False


# Characters: below this, forking and pickling cost more than a second core saves.
NAMELESS_BESIDE_ABOVE = 1_000_000


def analyse(briefing: Briefing, reference_date: str | dt.date | None = None) -> Analysis:
    """`briefer.extract.analyse`, sooner: the word tables come from the cache folder, the cyclic
    collector does not scan the many objects it builds again and again (a quarter of the time),
    and a long briefing's dates and quotes are found beside its names, in a forked copy."""
    load_word_tables()
    with cyclic_gc_paused():
        if len(briefing.body) > NAMELESS_BESIDE_ABOVE and can_fork():
            with beside(functools.partial(nameless_parts, briefing, reference_date)) as nameless:
                return extract(briefing, reference_date, nameless)
        return extract(briefing, reference_date)


def warm_up() -> None:
    """Load the extractor's modules and word lists now (0.1 s; 0.5 s before their tables are cached),
    so that the first briefing opened fills its panes sooner."""
    from briefer.briefing import briefing_from_text

    analyse(briefing_from_text("Officials met in Paris on Monday."))


def load_word_tables() -> None:
    """Once per process: hand the extractor its derived word tables (the gazetteer, the given names),
    read back from the cache folder, where they are built and kept the first time.

    Parsing them is most of a first analysis's start-up (about 0.4 s, in every process that
    analyses); reading back the tables takes 20 ms.
    """
    global _loaded
    with _LOADING:
        if _loaded:
            return
        folder = config.cache_dir() / "lexicon"
        for tables in lexicon.DERIVED_TABLES:
            lexicon.provide(tables.name, cached_tables(tables, folder))
        _loaded = True


def cached_tables(tables: lexicon.DerivedTables, folder: Path) -> Any:
    """`tables.build()`, kept in `folder` for as long as its sources are unchanged.
    marshal: plain dicts and sets, written by this module only, in the user's own folder; read
    back only if of the tables' shape (a file of another shape is built again, and replaced)."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {marshal.version}".encode())
    for source in tables.sources():
        try:
            status = source.stat()
        except OSError:
            return tables.build()
        digest.update(f"{source}:{status.st_size}:{status.st_mtime_ns}".encode())
    path = folder / f"{tables.name}-{digest.hexdigest()[:16]}.marshal"
    try:
        raw = read_regular(path)
    except OSError:
        raw = b""
    stored = _unmarshal(raw)
    if conforms(stored, tables.shape):
        return stored
    built = tables.build()
    try:
        for stale in folder.glob(f"{tables.name}-*.marshal"):  # tables of older sources are never read again
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # best effort, like the write below
    write_cache(path, marshal.dumps(built))
    return built


def _unmarshal(raw: bytes) -> object:
    """The value marshalled in `raw`, or None for bytes that are not marshal data."""
    try:
        return marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return None
