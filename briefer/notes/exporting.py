"""Writing notes to export files: what `briefer export` and the app's `e` key both call.

The format is `briefer.notes.export` (rendering) and `briefer.notes.export_parsing`
(reading a file back); this module adds the store, the files and the clock.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

import yaml

from briefer import config
from briefer.briefing import BriefingError, load
from briefer.files import atomic_write
from briefer.notes import export
from briefer.notes.export import MARKDOWN_SUFFIXES, BriefingInfo
from briefer.notes.export_desk import DESK_FILE_NAME, desk_text
from briefer.notes.export_parsing import (
    is_briefer_file,
    is_briefer_json,
    my_notes_region,
    normalise_newlines,
    parse_export,
    previous_exported,
    unimported_edits,
    unimported_handwritten,
)
from briefer.notes.model import now_iso

SINGLE_FILE_NAME = "briefer-notes.md"
JSON_FILE_NAME = "briefer-annotations.json"

# An export file's text from (exported, my_notes): when it last changed, and the
# previous file's My notes region (None for a new file).
Render = Callable[[str, str | None], str]


class ExportError(Exception):
    """An export or import that cannot go ahead; the message is one line for the user."""


def export_briefing_notes(store, briefing, out_dir: Path | None = None, force: bool = False) -> Path:
    """Write the notes of one open briefing to its file in `out_dir`; returns that file."""
    notes = store.notes_for(briefing.id)
    if not notes:
        raise ExportError("this briefing has no notes to export")
    info = BriefingInfo.from_briefing(briefing)
    folder = Path(out_dir) if out_dir is not None else config.export_dir()
    _check_folder(folder, may_create=True)
    target = _inside(folder, export.export_file_name(info))
    _write_markdown_files(store, [(target, _briefing_render(info, notes))], force)
    return target


def export_notes(
    store,
    out: Path | None = None,
    *,
    notes=None,
    tags=(),
    since: str | None = None,
    briefing_ids=None,
    paths=None,
    single: bool = False,
    force: bool = False,
    fmt: str = "markdown",
    briefings=None,
    with_desk: bool = False,
) -> list[Path]:
    """Export notes (all, `notes` if given, narrowed by the filters) and return the files written
    or left unchanged. `out` is a folder (one file per briefing, or one file with `single`), or a
    `.md`/`.json` file; default: `config.export_dir()`. `briefings` maps briefing id -> metadata already
    at hand (a Briefing, or anything with title, path, source and date such as a library entry);
    other briefings are loaded from their paths (about 1 ms each) when they still exist.
    `with_desk` (a folder export of everything): the desk tables go in `briefer-desk.md` beside
    the notes' files, even when there are no notes."""
    chosen = export.select_notes(
        store.all_notes() if notes is None else notes,
        tags=tags,
        since=since,
        briefing_ids=briefing_ids,
        paths=paths,
    )
    out = Path(out) if out is not None else config.export_dir()
    desk = []
    if with_desk and fmt == "markdown" and not single and out.suffix.lower() not in MARKDOWN_SUFFIXES:
        desk = _write_desk(store, out, force)
    if not chosen:
        if desk:
            return desk
        raise ExportError("no notes to export")
    groups = briefing_groups(chosen, briefings, store.reference_dates())
    if fmt == "json":
        target = _file_target(out, JSON_FILE_NAME, (".json",))
        (old,) = _read_targets([target], force, json_file=True).values()
        text = export.render_annotations(groups)
        if text != old:
            _write(target, text)
        return [target]
    if out.suffix.lower() in MARKDOWN_SUFFIXES or single:
        target = _file_target(out, SINGLE_FILE_NAME, MARKDOWN_SUFFIXES)
        _write_markdown_files(
            store,
            [
                (
                    target,
                    lambda exported, mine: export.render_collection(groups, exported=exported, my_notes=mine),
                )
            ],
            force,
        )
        return [target]
    names = export.export_file_names([info for info, _ in groups])
    _check_folder(out, may_create=True)
    targets = [(_inside(out, names[info.id]), info, group) for info, group in groups]
    _write_markdown_files(
        store, [(target, _briefing_render(info, group)) for target, info, group in targets], force
    )
    return [t for t, _, _ in targets] + desk


def _write_desk(store, folder: Path, force: bool) -> list[Path]:
    """The desk file in `folder` (written when its records changed); [] when there are none."""
    _check_folder(folder, may_create=True)
    target = _inside(folder, DESK_FILE_NAME)
    (old,) = _read_targets([target], force).values()
    text = desk_text(store, old)
    if text is not None:
        _write(target, text)
    return [target] if text is not None or old is not None else []


def briefing_groups(notes, briefings=None, reference_dates=None) -> list:
    """(BriefingInfo, notes) per briefing; metadata from the briefing file when it still loads.
    A reference date the user set for a briefing (`reference_dates`, by id) is its date."""
    briefings = briefings or {}
    groups = []
    for briefing_id, group in export.group_by_briefing(notes).items():
        briefing = briefings.get(briefing_id)
        if briefing is None:
            path = BriefingInfo.from_notes(group).path
            if path and os.path.isfile(path):
                try:
                    briefing = load(path)
                except (BriefingError, ValueError, yaml.YAMLError):
                    briefing = None  # the notes still say which briefing they belong to
        if briefing is not None:
            info = BriefingInfo.from_briefing(briefing, briefing_id=briefing_id)
        else:
            info = BriefingInfo.from_notes(group)
        if reference_dates and briefing_id in reference_dates:
            info = dataclasses.replace(info, date=reference_dates[briefing_id])
        groups.append((info, group))
    return groups


def _file_target(out: Path, default_name: str, suffixes) -> Path:
    """`out` itself when it names a file (its folder must exist), else `default_name` in the
    folder `out`."""
    if out.suffix.lower() in suffixes:
        _check_folder(out.parent, may_create=False)
        return out
    _check_folder(out, may_create=True)
    return _inside(out, default_name)


def _check_folder(folder: Path, *, may_create: bool) -> None:
    """Refuse, before anything is written, a folder that is missing, unless the export may
    create it: a named export folder whose own folder exists, or any folder in briefer's data
    folder (the default export folder). A mistyped path never grows a tree of folders."""
    if folder.is_dir():
        return
    if folder.exists():
        raise ExportError(f"{folder}: not a folder")
    if may_create and (folder.parent.is_dir() or _in_data_dir(folder)):
        return
    raise ExportError(f"{folder if not may_create else folder.parent}: no such folder")


def _in_data_dir(folder: Path) -> bool:
    return Path(os.path.abspath(folder)).is_relative_to(os.path.abspath(config.data_dir()))


def _inside(folder: Path, name: str) -> Path:
    """`folder / name`, refused unless it stays in `folder` once resolved (a link to a file
    elsewhere would have the export write there)."""
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise ExportError(f"{target}: leads outside {folder}; not written")
    return target


def _briefing_render(info: BriefingInfo, notes) -> Render:
    def render(exported: str, my_notes: str | None) -> str:
        return export.render_briefing(info, notes, exported=exported, my_notes=my_notes)

    return render


def render_to_text(groups, *, single: bool, fmt: str) -> str:
    """The export as one text, for standard output."""
    if fmt == "json":
        return export.render_annotations(groups)
    if len(groups) == 1 and not single:
        info, notes = groups[0]
        return export.render_briefing(info, notes, exported=now_iso())
    return export.render_collection(groups, exported=now_iso())


def _read_targets(targets, force: bool, json_file: bool = False) -> dict[Path, str | None]:
    """The current text of each target (None when absent). Refuses, before anything is
    written, to overwrite a file briefer did not write unless `force`; with `force` such a
    file counts as absent."""
    texts: dict[Path, str | None] = {}
    for target in targets:
        try:
            text = normalise_newlines(target.read_text(encoding="utf-8", errors="surrogateescape"))
        except FileNotFoundError:
            texts[target] = None
            continue
        except IsADirectoryError:
            raise ExportError(f"{target}: is a folder") from None
        except OSError as exc:
            raise ExportError(f"{target}: {exc.strerror or exc}") from None
        if not (is_briefer_json(text) if json_file else is_briefer_file(text)):
            if not force:
                raise ExportError(f"{target}: not written by briefer; use --force to overwrite it")
            texts[target] = None
            continue
        texts[target] = text
    return texts


def _write_markdown_files(store, renders: list[tuple[Path, Render]], force: bool) -> None:
    """Write each (target, render).

    The old file's My notes region is kept; a file whose notes did not change keeps its
    `exported` and so its bytes. Nothing is written if any target is someone else's file or
    holds note edits not yet imported (unless `force`): re-exporting must not undo them."""
    old_texts = _read_targets([target for target, _ in renders], force)
    now = now_iso()
    planned = []
    for target, render in renders:
        old = old_texts[target]
        mine = my_notes_region(old) if old is not None else None
        if old is not None:
            exported = previous_exported(old)
            if exported is not None and render(exported, mine) == old:
                continue
            if not force:
                _refuse_unimported_edits(store, target, old)
        planned.append((target, render(now, mine)))
    for target, text in planned:
        _write(target, text)


def _refuse_unimported_edits(store, target: Path, old: str) -> None:
    parsed = parse_export(old)
    if parsed.problems:
        raise ExportError(f"{target}: {parsed.problems[0]}; mend the file, or use --force to overwrite it")
    edited = unimported_edits(parsed, store.get)
    written = unimported_handwritten(
        parsed, lambda b: store.notes_for(b.id) + (store.notes_for_path(b.path) if b.path else [])
    )
    for count, what in ((len(edited), "edited"), (len(written), "written")):
        if count:
            raise ExportError(
                f"{target}: {count} note{'s' * (count != 1)} {what} in this file not imported yet; "
                f"run `briefer import` on it first, or use --force to overwrite"
            )


def _write(target: Path, text: str) -> None:
    """Write the file whole or not at all, making its folder if `_check_folder` allowed it."""
    try:
        if not target.parent.is_dir():
            target.parent.mkdir(parents=_in_data_dir(target.parent), exist_ok=True)
        # surrogateescape: a My notes region read from an undecodable file goes back byte for byte.
        # Not synced to disk: an export can be written again, and a sync per file would
        # triple the time of a large one.
        atomic_write(target, text.encode("utf-8", "surrogateescape"), durable=False)
    except OSError as exc:
        raise ExportError(f"{target}: {exc.strerror or exc}") from None
