"""The digest from the app: the palette's "Write the digest" (yesterday and today) and `d` on a
desk view (its period), each a markdown file in the export folder, said when written."""

from __future__ import annotations

from briefer import config
from briefer.ui.screens.desk_actors import ActorsScreen
from tests.ui.test_desk_actors import desk_app, open_actors
from tests.waiting import messages, until


async def test_the_palette_writes_the_mornings_digest(tmp_path):
    app = desk_app(tmp_path)
    out = config.export_dir() / "digest-2025-11-22.md"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"Write the digest")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(
            pilot,
            lambda: any("Digest of 2025-11-21 to 2025-11-22 written" in m for m in messages(app)),
            "said",
        )
    written = out.read_text(encoding="utf-8")
    assert written.startswith("# Digest: 2025-11-21 to 2025-11-22\n")
    assert "## New briefings: 1\n" in written


async def test_d_on_a_view_writes_the_digest_of_its_period(tmp_path):
    app = desk_app(tmp_path)
    out = config.export_dir() / "digest-2025-11-22.md"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_actors(app, pilot)
        await pilot.press("right_square_bracket")  # 30 days
        await pilot.press("d")
        await until(
            pilot,
            lambda: any("Digest of 2025-10-24 to 2025-11-22 written" in m for m in messages(app)),
            "said",
        )
        assert isinstance(app.screen, ActorsScreen) and app.screen is screen
    assert "## New briefings: 4\n" in out.read_text(encoding="utf-8")
