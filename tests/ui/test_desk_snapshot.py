"""An SVG snapshot guarding the ACTORS view's layout at 80x24 (plain `def`: snap_compare runs its own loop)."""

from __future__ import annotations

from briefer.ui.screens.desk_actors import ActorsScreen
from tests.ui.test_desk_actors import desk_app
from tests.waiting import until


def test_actors_snapshot(snap_compare, tmp_path):
    app = desk_app(tmp_path)

    async def run_before(pilot):
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ActorsScreen) and app.screen.loaded, "ACTORS read")
        await pilot.press("down")  # the cursor's row shows in full: Driscoll's
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
