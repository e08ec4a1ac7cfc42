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
"""
