"""The desk: who and what across all briefings, what is new, what is watched. No Textual.

Desk tables (desk-state): named tables of small records keyed by string, in the notes
store, durable like notes (atomic write under the store's lock, another process's saves
re-read first, read-only respected), exported with the notes and imported back:

    store.desk_table(name) -> dict[str, dict]      # every record by key (a copy)
    store.desk_item(name, key) -> dict | None
    store.put_desk_item(name, key, data) -> dict   # replace one record; on disk on return
    store.put_desk_items(name, {key: data_or_None}) -> bool   # one write; None removes
    store.remove_desk_item(name, key) -> dict | None
    store.change_desk_item(name, key, change)      # read-modify-write under the lock:
        # change(current or None) -> new record or None; returns the old record
    store.change_token()                           # moves when any window saved a table

    Table names: a-z, 0-9, '_', '-' (1-40). Records: JSON objects; strings are cleaned of
    controls. Tables in use: "read" and "flags" and "visits" (`triage`), "watch"
    (`watch`); desk-core keeps its actor merge/split decisions in a table of its own.

Triage (`briefer.desk.triage`): read state per briefing id, flags, last visits.

    triage = load_triage(store)                 # Triage(read, flagged, since), one read
    triage.is_unread(briefing_id); triage.is_flagged(briefing_id)
    triage.is_new(arrival_times(paths)[path])   # arrived (file mtime) after the last visit
    set_state(store, briefing_id, "opened" | "read" | "marked" | None)   # None: unread
    set_flag(store, briefing_id, flagged); record_visit(store, "library")
    day_headings(days_in_row_order, today) -> {row index: "Today" | "Yesterday" | "Fri 2026-02-27"}

Watch-lists (`briefer.desk.watch`): items of kind actor, place, phrase or search.

    items = watch_items(store)                  # [WatchItem(id, kind, text, name, created)]
    item = add_watch(store, "who:Driscoll")     # kind inferred (or kind=...); WatchError
    rename_watch(store, item.id, name); remove_watch(store, item.id); find_watch(store, ref)
    hits = watch_hits(index, folders, item)     # [WatchHit(path, title, date, briefing_id,
        # offset, passage, arrived)], newest first; offset: into the body (open the reader there)
    new_hits(store, item, hits); mark_seen(store, item)   # "new since the last look", per item
    items_by_briefing(index, folders, items) -> {path: [item names]}   # the library's marks
    hits_in_period(index, store, folders, start, end) -> [(WatchItem, [WatchHit])]   # digest
    hit_sentence(hit) -> str                    # the hit's sentence, one line
"""
