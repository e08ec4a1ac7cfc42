"""The TUI: a thin layer over the core. `run_app` lives here, apart from the app
module, so that it can start work before Textual is imported."""

from __future__ import annotations

from pathlib import Path

from briefer import config


def run_app(paths: list[Path], notes: str | None = None, settings: config.Config | None = None) -> int:
    from briefer.ui.signals import hold_ending_signals

    hold_ending_signals()  # from here a ctrl+c ends the app once it can end cleanly, not mid-import
    settings = settings or config.load_config()
    folders = [p for p in paths if p.is_dir()]
    files = [p for p in paths if not p.is_dir()]
    open_file = files[0] if files else None
    if not folders:
        folders = [open_file.parent] if open_file else config.briefing_folders(settings)
    analysis = None
    if open_file is not None:
        from briefer.analysing.service import AnalysisService

        # A long briefing's analysis process starts now, so that its start-up and its reading of the
        # file overlap Textual's import and start (about half a second) instead of following them.
        analysis = AnalysisService()
        analysis.prestart(open_file)
    from briefer.ui.app import BrieferApp

    app = BrieferApp(
        folders=folders,
        open_file=open_file,
        notes_file=config.notes_path(notes, settings),
        settings=settings,
        analysis=analysis,
    )
    try:
        app.run()
    finally:
        if analysis is not None:
            analysis.close()  # the app may end before it has even mounted, and closed it itself
    return app.return_code or 0
