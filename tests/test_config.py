"""The config file: defaults, each setting, precedence, warnings, one-line errors, saving, `briefer config`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from briefer import config
from briefer.cli import main
from briefer.commands.common import CommandError
from briefer.config import Config, ConfigError, load_config, save_setting


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def cfg(tmp_path) -> Path:
    return tmp_path / "conf" / "config.toml"


def make(cfg: Path, text: str) -> Path:
    cfg.parent.mkdir(parents=True, exist_ok=True)
    return write(cfg, text)


# --- defaults and each setting ---------------------------------------------------------------


def test_missing_file_means_every_default(cfg, tmp_path):
    loaded = load_config(cfg)
    assert loaded == Config(path=cfg)
    assert loaded.briefings == ()
    assert loaded.theme == "textual-dark"
    assert dict(loaded.quick_tags) == {
        "1": "key",
        "2": "claim",
        "3": "follow-up",
        "4": "question",
        "5": "source",
    }
    assert dict(loaded.keymap) == {}
    assert loaded.warnings == ()
    assert config.notes_path(None, loaded) == config.data_dir() / "notes.json"
    assert config.export_dir(loaded) == config.data_dir() / "export"


def test_default_path_follows_env_then_platform_dir(tmp_path, monkeypatch):
    assert load_config().path == config.config_dir() / "config.toml"
    monkeypatch.setenv("BRIEFER_CONFIG", str(tmp_path / "env.toml"))
    write(tmp_path / "env.toml", 'theme = "nord"\n')
    assert load_config().theme == "nord"
    assert config.config_path("flag.toml") == Path("flag.toml")


def test_briefing_folders_default_to_briefings_subfolder_when_present(tmp_path):
    assert config.briefing_folders(Config(path=tmp_path / "c.toml"), cwd=tmp_path) == [tmp_path]
    configured = Config(path=tmp_path / "c.toml", briefings=(tmp_path / "daily",))
    assert config.briefing_folders(configured, cwd=tmp_path) == [tmp_path / "daily"]
    (tmp_path / "briefings").mkdir()
    assert config.briefing_folders(None, cwd=tmp_path) == [tmp_path / "briefings"]
    assert config.briefing_folders(configured, cwd=tmp_path) == [tmp_path / "briefings"]


def test_each_setting_is_read(cfg, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    make(
        cfg,
        """
briefings = ["~/daily", "relative/folder", "/abs/folder"]
notes_file = "~/notes/mine.json"
export_dir = "exports"
theme = "gruvbox"

[quick_tags]
2 = "claim/disputed"
5 = ""
7 = "energy"

[keymap]
annotate = "n"
next-sentence = "j, down"
""",
    )
    loaded = load_config(cfg)
    home = tmp_path / "home"
    assert loaded.briefings == (home / "daily", cfg.parent / "relative/folder", Path("/abs/folder"))
    assert config.briefing_folders(loaded, cwd=tmp_path) == list(loaded.briefings)
    assert loaded.notes_file == home / "notes/mine.json"
    assert config.export_dir(loaded) == cfg.parent / "exports"
    assert loaded.theme == "gruvbox"
    # merged over the defaults; "" removes a default
    assert dict(loaded.quick_tags) == {
        "1": "key",
        "2": "claim/disputed",
        "3": "follow-up",
        "4": "question",
        "7": "energy",
    }
    assert dict(loaded.keymap) == {"annotate": "n", "next-sentence": "j,down"}
    assert loaded.warnings == ()


def test_a_quick_tag_is_stored_as_the_notes_write_it(cfg):
    make(cfg, '[quick_tags]\n1 = "cafe\u0301"\n')  # a decomposed accent
    assert load_config(cfg).quick_tags["1"] == "caf\u00e9"


def test_inline_and_dotted_tables_work_too(cfg):
    make(cfg, 'quick_tags = { 1 = "lead" }\nkeymap.annotate = "x"\n')
    loaded = load_config(cfg)
    assert loaded.quick_tags["1"] == "lead"
    assert dict(loaded.keymap) == {"annotate": "x"}


# --- notes precedence: flag > env > config > default ---------------------------------------


def test_notes_precedence(cfg, tmp_path, monkeypatch):
    make(cfg, 'notes_file = "/from/config.json"\n')
    loaded = load_config(cfg)
    assert config.notes_path(None, None) == config.data_dir() / "notes.json"
    assert config.notes_path(None, loaded) == Path("/from/config.json")
    monkeypatch.setenv("BRIEFER_NOTES", "/from/env.json")
    assert config.notes_path(None, loaded) == Path("/from/env.json")
    assert config.notes_path("/from/flag.json", loaded) == Path("/from/flag.json")
    assert config.notes_path("/from/flag.json") == Path("/from/flag.json")


# --- unknown keys are warnings -----------------------------------------------------------------


def test_unknown_keys_are_warned_with_file_and_line(cfg):
    make(
        cfg,
        """theme = "nord"
colour = "blue"

[quick_tags]
x = "oops"

[keymap]
annotate = "n"
anotate = "m"
""",
    )
    loaded = load_config(cfg, known_binding_ids={"annotate", "tag"})
    assert loaded.warnings == (
        f'{cfg}, line 2: unknown setting "colour" (ignored)',
        f'{cfg}, line 5: unknown quick_tags key "x" (ignored; keys are 1 to 9)',
        f'{cfg}, line 9: unknown binding id "anotate" in [keymap] (ignored; ? in the app lists every binding id)',
    )
    assert dict(loaded.keymap) == {"annotate": "n"}
    assert loaded.theme == "nord"


def test_binding_ids_are_not_checked_without_the_known_list(cfg):
    make(cfg, '[keymap]\nanything-at-all = "z"\n')
    loaded = load_config(cfg)
    assert loaded.warnings == ()
    assert dict(loaded.keymap) == {"anything-at-all": "z"}


def test_warnings_escape_control_characters(cfg):
    make(cfg, '"bad\\u001b[31m" = 1\n')
    (warning,) = load_config(cfg).warnings
    assert "\x1b" not in warning
    assert '"bad\\u001b[31m"' in warning


# --- bad configs: one line naming the file, the line and the problem ---------------------------


BAD_CONFIGS = [
    ('theme = "nord"\n\ntheme = \n', 3, "not valid TOML: invalid value"),
    ("# top\n\n\ntheme = 3\n", 4, "theme must be a string"),
    ('theme = ""\n', 1, "theme must not be empty"),
    ('\nbriefings = "~/one"\n', 2, "briefings must be a list of folder paths"),
    ('notes_file = ["a"]\n', 1, "notes_file must be a string"),
    ("export_dir = false\n", 1, "export_dir must be a string"),
    ('quick_tags = "key"\n', 1, "quick_tags must be a table"),
    ('[quick_tags]\n1 = "key"\n0 = "zero"\n', 3, 'quick_tags key "0" must be a digit from 1 to 9'),
    ('[quick_tags]\n"10" = "ten"\n', 2, 'quick_tags key "10" must be a digit from 1 to 9'),
    ('[quick_tags]\n\n3 = "follow up"\n', 3, 'quick_tags.3 "follow up" is not a tag'),
    ('[quick_tags]\n3 = "#hash"\n', 2, 'quick_tags.3 "#hash" is not a tag'),
    (
        '[quick_tags]\n3 = "area//topic"\n',
        2,
        'quick_tags.3 "area//topic" is not a tag: it has an empty level',
    ),
    ('[quick_tags]\n3 = "area/"\n', 2, 'quick_tags.3 "area/" is not a tag: it has an empty level'),
    (
        '[quick_tags]\n3 = "zero\\u200bwidth"\n',
        2,
        r'quick_tags.3 "zero\u200bwidth" is not a tag: it has a control or invisible character',
    ),
    ('[quick_tags]\n3 = "bell\\u0007"\n', 2, r'quick_tags.3 "bell\u0007" is not a tag'),
    ("[quick_tags]\n3 = 3\n", 2, "quick_tags.3 must be a tag name in quotes"),
    ("[keymap]\nannotate = 1\n", 2, 'keymap."annotate" must be keys in quotes'),
    ('[keymap]\ntag = "j,,k"\n', 2, 'keymap."tag" "j,,k" must be key names separated by commas'),
    ('[keymap]\ntag = "ctrl s"\n', 2, 'keymap."tag" "ctrl s" must be key names separated by commas'),
    ('keymap = ["a"]\n', 1, "keymap must be a table"),
    ('[keymap]\n"quick-tag-1" = "\\u001b"\n', 2, "must be key names separated by commas"),
]


@pytest.mark.parametrize(("text", "line", "problem"), BAD_CONFIGS)
def test_bad_config_is_one_line_naming_file_line_and_problem(cfg, text, line, problem):
    make(cfg, text)
    with pytest.raises(ConfigError) as caught:
        load_config(cfg)
    message = str(caught.value)
    assert "\n" not in message and "\x1b" not in message
    assert message.startswith(f"{cfg}, line {line}")
    assert problem in message


def test_toml_syntax_error_keeps_the_column(cfg):
    make(cfg, 'theme = "nord"\nkeymap = { annotate = "n" \n')
    with pytest.raises(ConfigError, match=re.escape(f"{cfg}, line 2, column ")):
        load_config(cfg)


def test_unterminated_string_points_at_end_of_file(cfg):
    make(cfg, 'theme = "nord"\nbriefings = [\n  "~/a",\n')
    with pytest.raises(ConfigError, match=re.escape(f"{cfg}, line 3 (end of file): not valid TOML")):
        load_config(cfg)


def test_not_utf8_and_unreadable(cfg, tmp_path):
    cfg.parent.mkdir()
    cfg.write_bytes(b'theme = "nord"\ntheme2 = "\xff"\n')
    with pytest.raises(ConfigError, match=re.escape(f"{cfg}, line 2: the file is not UTF-8 text")):
        load_config(cfg)
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_config(tmp_path)  # a folder


def test_a_byte_order_mark_is_accepted(cfg):
    cfg.parent.mkdir()
    cfg.write_bytes('\ufefftheme = "nord"\n'.encode())
    assert load_config(cfg).theme == "nord"


def test_save_setting_on_a_full_disk_keeps_the_old_file(cfg, monkeypatch):
    make(cfg, 'theme = "nord"\n')

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(
        ConfigError, match=re.escape(f"{cfg}: cannot write the config file (No space left on device)")
    ):
        save_setting(cfg, "theme", "gruvbox")
    assert cfg.read_text() == 'theme = "nord"\n'
    assert [p.name for p in cfg.parent.iterdir()] == ["config.toml"]


def test_error_line_for_key_in_a_table_is_not_fooled_by_same_key_elsewhere(cfg):
    make(cfg, '[keymap]\ntag = "t"\n\n[quick_tags]\n# 1 = "key"\n1 = 5\n')
    with pytest.raises(ConfigError, match=re.escape(f"{cfg}, line 6: quick_tags.1")):
        load_config(cfg)


# --- save_setting ------------------------------------------------------------------------------


def test_save_setting_edits_the_line_keeping_comments_and_order(cfg):
    original = """# my briefer settings
theme = "nord"   # the blue one
briefings = ["~/b"]  # theme = "not this"

[quick_tags]
# my tags
1 = "lead"
"""
    make(cfg, original)
    save_setting(cfg, "theme", "gruvbox")
    assert cfg.read_text() == original.replace('"nord"   ', '"gruvbox"  ')
    loaded = load_config(cfg)
    assert loaded.theme == "gruvbox"
    assert loaded.quick_tags["1"] == "lead"


def test_save_setting_value_containing_hash_and_quotes_round_trips(cfg):
    make(cfg, 'theme = "a # b" # comment\n')
    tricky = 'odd "name" \\ with # and ünïcode ✓'
    save_setting(cfg, "theme", tricky)
    assert load_config(cfg).theme == tricky
    assert cfg.read_text().endswith("# comment\n")
    save_setting(cfg, "theme", "nord")
    assert cfg.read_text() == 'theme = "nord"  # comment\n'


def test_save_setting_adds_an_absent_key_before_the_first_table(cfg):
    make(cfg, 'briefings = []\n\n# tags I use\n[quick_tags]\n1 = "lead"\n')
    save_setting(cfg, "theme", "nord")
    assert cfg.read_text() == 'briefings = []\n\ntheme = "nord"\n\n# tags I use\n[quick_tags]\n1 = "lead"\n'
    assert load_config(cfg).theme == "nord"


def test_save_setting_appends_to_a_file_without_tables_or_final_newline(cfg):
    make(cfg, 'briefings = ["x"]')
    save_setting(cfg, "export_dir", "~/out")
    assert cfg.read_text() == 'briefings = ["x"]\nexport_dir = "~/out"\n'


def test_save_setting_creates_a_missing_file_with_a_header(cfg):
    save_setting(cfg, "theme", "ansi-light")
    text = cfg.read_text()
    assert text.startswith("# briefer configuration")
    assert load_config(cfg).theme == "ansi-light"
    assert not [p for p in cfg.parent.iterdir() if p.name != "config.toml"]  # no temp file left behind


def test_save_setting_on_generated_file_lands_under_its_example(cfg):
    make(cfg, config.default_config_text())
    save_setting(cfg, "theme", "nord")
    lines = cfg.read_text().splitlines()
    at = lines.index('theme = "nord"')
    assert lines[at - 1] == '# theme = "textual-dark"'
    assert load_config(cfg).theme == "nord"
    assert len(lines) == len(config.default_config_text().splitlines()) + 1


def test_save_setting_keeps_crlf_and_a_symlink(cfg, tmp_path):
    real = tmp_path / "dotfiles" / "briefer.toml"
    real.parent.mkdir()
    real.write_bytes(b'theme = "nord"\r\n# keep me\r\n')
    cfg.parent.mkdir()
    cfg.symlink_to(real)
    save_setting(cfg, "theme", "dracula")
    assert cfg.is_symlink()
    assert real.read_bytes() == b'theme = "dracula"\r\n# keep me\r\n'
    save_setting(cfg, "export_dir", "x")
    assert real.read_bytes() == b'theme = "dracula"\r\n# keep me\r\nexport_dir = "x"\r\n'


def test_save_setting_refuses_bad_values_and_unknown_settings(cfg):
    make(cfg, 'theme = "nord"\n')
    with pytest.raises(ConfigError, match="theme must not be empty"):
        save_setting(cfg, "theme", " ")
    with pytest.raises(ConfigError, match="must not contain control characters"):
        save_setting(cfg, "theme", "evil\x1b]52;c;x\x07")
    with pytest.raises(ValueError):
        save_setting(cfg, "quick_tags", "x")
    assert cfg.read_text() == 'theme = "nord"\n'


def test_save_setting_refuses_a_layout_it_cannot_edit_safely(cfg):
    original = 'theme = """\nnord"""\n'
    make(cfg, original)
    with pytest.raises(ConfigError, match="cannot update theme automatically"):
        save_setting(cfg, "theme", "gruvbox")
    assert cfg.read_text() == original


def test_save_setting_refuses_a_broken_file(cfg):
    make(cfg, "theme = \n")
    with pytest.raises(ConfigError, match="line 1"):
        save_setting(cfg, "theme", "nord")
    assert cfg.read_text() == "theme = \n"


def test_toml_string_escapes_everything_toml_requires():
    for value in ["plain", 'q"uote', "back\\slash", "new\nline", "\x00\x1b\x7f", "ünïcode ✓", "\u2028"]:
        assert tomllib.loads(f"k = {config.toml_string(value)}")["k"] == value


# --- briefer config ---------------------------------------------------------------------------


def run_cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefer", *argv],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=60,
    )


def test_config_init_writes_a_file_that_reads_back_to_the_defaults(cfg, capsys):
    assert main(["config", "init", "--config", str(cfg)]) == 0
    assert capsys.readouterr().out == f"{cfg}\n"
    loaded = load_config(cfg)
    assert loaded == Config(path=cfg)


def test_config_init_restates_the_true_defaults(cfg):
    """Uncommenting every setting line in the generated file changes nothing."""
    make(cfg, config.default_config_text())
    head, keymap = cfg.read_text().split("[keymap]")
    uncommented = re.sub(r'(?m)^# ([\w"-]+ = )', r"\1", head) + "[keymap]" + keymap
    assert uncommented.count("\n# ") < head.count("\n# ")
    write(cfg, uncommented)
    loaded = load_config(cfg)
    assert loaded.warnings == ()
    assert loaded.theme == "textual-dark"
    assert loaded.briefings == ()
    assert dict(loaded.quick_tags) == dict(config.DEFAULT_QUICK_TAGS)
    assert config.notes_path(None, loaded) == config.notes_path(None, None)
    assert config.export_dir(loaded) == config.export_dir(None)


def test_config_init_mentions_every_setting(cfg):
    text = config.default_config_text()
    for key in config.TOP_LEVEL_KEYS:
        assert re.search(rf"(?m)^(# )?\[?{key}\b", text), key
    assert "? in the app lists" in text.replace("`", "")


def test_config_init_refuses_to_overwrite_without_force(cfg, capsys):
    make(cfg, 'theme = "mine"\n')
    with pytest.raises(CommandError, match="already exists; add --force"):
        from briefer.commands.config import run_init

        run_init(type("Args", (), {"config": str(cfg), "force": False})())
    assert cfg.read_text() == 'theme = "mine"\n'
    assert main(["config", "init", "--force", "--config", str(cfg)]) == 0
    assert load_config(cfg) == Config(path=cfg)


def test_cli_refusal_is_one_error_line_with_status_2(cfg):
    make(cfg, 'theme = "mine"\n')
    result = run_cli("config", "init", "--config", str(cfg))
    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        result.stderr
        == f"briefer: error: {cfg} already exists; add --force to replace it with the defaults\n"
    )
    assert cfg.read_text() == 'theme = "mine"\n'


def test_cli_init_into_a_folder_is_an_error(tmp_path):
    result = run_cli("config", "init", "--config", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("briefer: error: ") and result.stderr.count("\n") == 1


def test_cli_config_path_and_locate_agree(cfg, monkeypatch):
    assert run_cli("config", "path", "--config", str(cfg)).stdout == f"{cfg}\n"
    monkeypatch.setenv("BRIEFER_CONFIG", str(cfg))
    assert run_cli("config", "path").stdout == f"{cfg}\n"
    assert run_cli("locate", "config").stdout == f"{cfg}\n"


def test_cli_config_without_action_is_a_usage_error():
    result = run_cli("config")
    assert result.returncode == 2
    assert "ACTION" in result.stderr


def test_config_module_does_not_import_textual():
    code = "import sys, briefer.config, briefer.commands.config; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout == "False\n"


def test_a_fifo_config_is_one_line_not_a_hang(cfg):
    cfg.parent.mkdir(parents=True)
    os.mkfifo(cfg)
    with pytest.raises(ConfigError) as error:
        load_config(cfg)  # would wait forever for a writer
    assert str(error.value).count("\n") == 0 and "FIFO" in str(error.value)


@pytest.mark.parametrize(
    "deep", ["x = " + "[" * 5000 + "]" * 5000 + "\n", "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n"]
)
def test_a_config_nested_thousands_deep_is_one_line_not_a_traceback(cfg, deep):
    make(cfg, deep)
    with pytest.raises(ConfigError, match="nested too deeply") as error:
        load_config(cfg)
    assert "\n" not in str(error.value)


def test_unknown_key_names_are_warned_naming_the_file_key_and_binding(cfg):
    make(cfg, '[keymap]\nannotate = "ctrl+alt+shift+nonsense,n"\ntag = "ctrl+ctrl+t"\n')
    loaded = load_config(cfg, known_binding_ids={"annotate", "tag"})
    assert loaded.warnings == (
        f'{cfg}, line 2: unknown key "ctrl+alt+shift+nonsense" for keymap."annotate" (ignored; '
        'key names are Textual\'s, like "ctrl+s", "pagedown", "question_mark")',
        f'{cfg}, line 3: unknown key "ctrl+ctrl+t" for keymap."tag" (ignored; '
        'key names are Textual\'s, like "ctrl+s", "pagedown", "question_mark")',
    )
    assert dict(loaded.keymap) == {"annotate": "n"}  # tag keeps its default keys


def test_every_key_name_textual_knows_is_accepted():
    from textual.keys import Keys, _character_to_key

    names = [key.value for key in Keys if not key.value.startswith("<") and "-" not in key.value]
    names += [_character_to_key(chr(code)) for code in range(0x21, 0x7F)]
    names += ["A", "ctrl+shift+question_mark", "alt+comma", "super+f24", "shift+space"]
    assert [name for name in names if not config.is_key_name(name)] == []
