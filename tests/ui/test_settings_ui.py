"""Config in the app: keymap remaps (footer and help follow), quick tags, theme kept across restarts."""

from __future__ import annotations

from textual.widgets import Footer

from briefer.config import load_config
from briefer.ui.app import BrieferApp
from briefer.ui.dialogs.help import HelpScreen, key_rows
from briefer.ui.dialogs.note import NoteDialog
from briefer.ui.screens.reader import ReaderScreen


def footer_text(app) -> str:
    footer = app.screen.query_one(Footer)
    return " ".join(str(key.render()) for key in footer.query("FooterKey"))


async def test_remapped_annotate_key_works_and_the_footer_and_help_show_it(sample, tmp_path):
    config_file = tmp_path / "config.toml"
    config_file.write_text('[keymap]\nannotate = "m"\n', encoding="utf-8")
    app = BrieferApp(
        folders=[sample.parent],
        open_file=sample,
        notes_file=tmp_path / "n.json",
        settings=load_config(config_file),
    )
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert "m Annotate" in footer_text(app)
        assert "a Annotate" not in footer_text(app)
        rows = {row.description: row for row in key_rows(app.screen)}
        assert rows["Annotate"].keys == "m" and rows["Annotate"].binding_id == "annotate"
        await pilot.press("a")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("m")
        assert isinstance(app.screen, NoteDialog)


async def test_help_lists_the_keys_in_force(sample, tmp_path):
    app = BrieferApp(folders=[sample.parent], open_file=sample, notes_file=tmp_path / "n.json")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.screen
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {row.description: row.keys for row in app.screen.rows}
        assert set(rows["Next sentence"].split()) == {"j", "↓"}
        assert rows["Annotate"] == "a"
        assert rows["Back"] == "q"
        assert all(label for label in rows)
        expected = {
            b.binding.description
            for b in reader.active_bindings.values()
            if b.binding.description and not b.binding.system
        }
        assert set(rows) == expected
        await pilot.press("escape")
        assert app.screen is reader


async def test_configured_quick_tags_are_shown_and_applied(sample, tmp_path):
    config_file = tmp_path / "config.toml"
    config_file.write_text('[quick_tags]\n1 = "verify"\n2 = ""\n', encoding="utf-8")
    app = BrieferApp(
        folders=[sample.parent],
        open_file=sample,
        notes_file=tmp_path / "n.json",
        settings=load_config(config_file),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        bar = str(app.screen.query_one("#quick-tags").content)
        assert "1 verify" in bar and "claim" not in bar
        await pilot.press("1", "j", "2")
        assert [n.tags for n in app.screen.notes] == [["verify"]]


async def test_theme_choice_survives_a_restart(sample, tmp_path):
    config_file = tmp_path / "config.toml"
    app = BrieferApp(
        folders=[sample.parent],
        open_file=sample,
        notes_file=tmp_path / "n.json",
        settings=load_config(config_file),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "ansi-light"
        await pilot.pause()
    assert load_config(config_file).theme == "ansi-light"
    app = BrieferApp(
        folders=[sample.parent],
        open_file=sample,
        notes_file=tmp_path / "n.json",
        settings=load_config(config_file),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "ansi-light"


async def test_an_unknown_binding_id_is_reported_not_fatal(sample, tmp_path):
    config_file = tmp_path / "config.toml"
    config_file.write_text('[keymap]\nannotatee = "m"\n', encoding="utf-8")
    app = BrieferApp(
        folders=[sample.parent],
        open_file=sample,
        notes_file=tmp_path / "n.json",
        settings=load_config(config_file),
    )
    async with app.run_test(size=(120, 40), notifications=True):
        messages = [n.message for n in app._notifications]
        assert any("annotatee" in m for m in messages)


async def test_a_key_the_keymap_gives_to_two_actions_is_reported_at_start(sample, tmp_path):
    config_file = tmp_path / "config.toml"
    config_file.write_text('[keymap]\nannotate = "j"\n', encoding="utf-8")
    app = BrieferApp(
        folders=[sample.parent],
        open_file=sample,
        notes_file=tmp_path / "n.json",
        settings=load_config(config_file),
    )
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert (
            f'{config_file}: [keymap] annotate = "j": j is also "Next sentence" (next-sentence); '
            "only one of them can work"
        ) in shown
