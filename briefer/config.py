"""Where briefer keeps things, and the user's TOML config file.

Paths come from platformdirs, overridable by flags and environment variables.
The config file is optional: a missing file means every default. A broken one
raises `ConfigError` with one line naming the file, the line and the problem;
settings briefer does not know are reported as warnings and otherwise ignored.
"""

from __future__ import annotations

import itertools
import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import NoReturn

import platformdirs

from briefer.briefing.sanitize import escape_controls
from briefer.files import atomic_write, read_regular
from briefer.notes.tags import InvalidTag, parse_tag
from briefer.toml_lines import find_key_line, toml_string, with_setting

APP_NAME = "briefer"

DEFAULT_THEME = "textual-dark"
DEFAULT_QUICK_TAGS = MappingProxyType(
    {"1": "key", "2": "claim", "3": "follow-up", "4": "question", "5": "source"}
)
QUICK_TAG_KEYS = tuple(str(digit) for digit in range(1, 10))
TOP_LEVEL_KEYS = ("briefings", "notes_file", "export_dir", "theme", "quick_tags", "keymap")
# Key names as Textual writes them (core must not import Textual; tests/test_config.py
# checks these against it): modifiers, then one key that is not a character. A
# character is named by itself ("a", "A", "?") or by its Unicode name ("question_mark").
KEY_MODIFIERS = frozenset({"ctrl", "alt", "shift", "super", "meta", "hyper"})
NAMED_KEYS = frozenset(
    {"escape", "enter", "return", "tab", "space", "backspace", "newline", "insert", "delete"}
    | {"left", "right", "up", "down", "home", "end", "pageup", "pagedown"}
    | {"slash", "backslash", "at", "minus", "plus", "underscore"}  # Textual's short character names
    | {f"f{number}" for number in range(1, 25)}
)
# The settings `save_setting` may change: plain strings at the top level.
SCALAR_SETTINGS = ("notes_file", "export_dir", "theme")


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME))


def config_path(override: str | Path | None = None) -> Path:
    """--config FILE, else $BRIEFER_CONFIG, else config.toml in the config dir."""
    if override:
        return Path(override)
    if os.environ.get("BRIEFER_CONFIG"):
        return Path(os.environ["BRIEFER_CONFIG"])
    return config_dir() / "config.toml"


def notes_path(override: str | Path | None = None, config: Config | None = None) -> Path:
    """--notes FILE, else $BRIEFER_NOTES, else the config's notes_file, else notes.json in the data dir."""
    if override:
        return Path(override)
    if os.environ.get("BRIEFER_NOTES"):
        return Path(os.environ["BRIEFER_NOTES"])
    if config is not None and config.notes_file is not None:
        return config.notes_file
    return data_dir() / "notes.json"


def export_dir(config: Config | None = None) -> Path:
    """The config's export_dir, else export/ in the data dir."""
    if config is not None and config.export_dir is not None:
        return config.export_dir
    return data_dir() / "export"


def briefing_folders(config: Config | None = None, cwd: Path | None = None) -> list[Path]:
    """./briefings when it exists (briefer started in a project folder), else the config's folders, else the current folder."""
    cwd = Path.cwd() if cwd is None else cwd
    if (cwd / "briefings").is_dir():
        return [cwd / "briefings"]
    if config is not None and config.briefings:
        return list(config.briefings)
    return [cwd]


class ConfigError(Exception):
    """The config file cannot be used; str() is one line naming the file, the line and the problem."""


@dataclass(frozen=True)
class Config:
    """The settings in force. Paths in the file have `~` expanded and, when relative, are joined to its folder.

    `notes_file` and `export_dir` are None when the file leaves them out: use
    `notes_path(flag, config)` and `export_dir(config)`, which apply the
    precedence and the defaults.
    """

    path: Path
    briefings: tuple[Path, ...] = ()
    notes_file: Path | None = None
    export_dir: Path | None = None
    theme: str = DEFAULT_THEME
    # Digit key "1".."9" -> tag name: the defaults with the user's table merged over them.
    quick_tags: Mapping[str, str] = field(default_factory=lambda: DEFAULT_QUICK_TAGS)
    # Binding id -> comma-separated Textual key names, for `App.set_keymap`.
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    warnings: tuple[str, ...] = ()


def load_config(path: Path | None = None, *, known_binding_ids: set[str] | None = None) -> Config:
    """Read the config at `path` (default: `config_path()`); a missing file gives the defaults.

    Relative paths in the file are taken relative to the file's folder, so the
    file means the same wherever briefer is started.
    """
    path = config_path() if path is None else Path(path)
    text = _read_text(path)
    if text is None:
        return Config(path=path)
    return _Reader(path, text, known_binding_ids).read(_parse(path, text))


def save_setting(path: Path, key: str, value: str) -> None:
    """Set the top-level setting `key` to the string `value` in the config file at `path`.

    The user's comments and other lines stay as they are: the setting's line is
    edited in place, or added (after its commented-out example when there is
    one, else before the first table), or the file is created with a header.
    The file is replaced atomically, and only with TOML that reads back with
    exactly this change.
    """
    if key not in SCALAR_SETTINGS:
        raise ValueError(f"save_setting cannot set {key!r}; it sets {', '.join(SCALAR_SETTINGS)}")
    path = Path(path)
    text = _read_text(path)
    if text is None:
        text = _CREATED_HEADER
    before = _parse(path, text)
    _Reader(path, "", None).scalar(key, value)  # the rules of loading: a value saved is a value that loads
    assignment = f"{key} = {toml_string(value)}"
    after_text = with_setting(text, key, assignment, before.get(key))
    expected = {**before, key: value}
    try:
        after = tomllib.loads(after_text)
    except tomllib.TOMLDecodeError:
        after = None
    if after != expected:
        raise ConfigError(
            _line(path, None, f"cannot update {key} automatically here; set {assignment} by hand")
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, after_text.encode("utf-8"))
    except OSError as exc:
        raise ConfigError(
            _line(path, None, f"cannot write the config file ({exc.strerror or exc})")
        ) from None


def default_config_text() -> str:
    """The commented file `briefer config init` writes: every setting, at its default, commented out."""
    quick_tags = "\n".join(f"# {key} = {toml_string(tag)}" for key, tag in DEFAULT_QUICK_TAGS.items())
    return _DEFAULT_CONFIG_TEMPLATE.format(
        notes_file=toml_string(str(data_dir() / "notes.json")),
        export_dir=toml_string(str(export_dir())),
        theme=toml_string(DEFAULT_THEME),
        quick_tags=quick_tags,
    )


# ---------------------------------------------------------------------------
# Reading and checking


_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


class _Reader:
    """Checks parsed TOML into a Config, finding line numbers in `text` for messages."""

    def __init__(self, path: Path, text: str, known_binding_ids: set[str] | None) -> None:
        self.path = path
        self.text = text
        self.known_binding_ids = known_binding_ids
        self.warnings: list[str] = []

    def read(self, data: dict) -> Config:
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                self.warn((key,), f"unknown setting {_shown(key)} (ignored)")
        settings: dict = {}
        if "briefings" in data:
            settings["briefings"] = self.briefings(data["briefings"])
        for key in ("notes_file", "export_dir"):
            if key in data:
                settings[key] = self.relative_path(self.scalar(key, data[key]))
        if "theme" in data:
            settings["theme"] = self.scalar("theme", data["theme"])
        if "quick_tags" in data:
            settings["quick_tags"] = self.quick_tags(data["quick_tags"])
        if "keymap" in data:
            settings["keymap"] = self.keymap(data["keymap"])
        return Config(path=self.path, warnings=tuple(self.warnings), **settings)

    def scalar(self, key: str, value: object) -> str:
        if not isinstance(value, str):
            self.fail((key,), f"{key} must be a string, like {key} = {_EXAMPLES[key]}")
        if not value.strip():
            self.fail((key,), f"{key} must not be empty")
        if any(map(_is_control, value)):
            self.fail((key,), f"{key} {_shown(value)} must not contain control characters")
        return value

    def briefings(self, value: object) -> tuple[Path, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.fail(
                ("briefings",), 'briefings must be a list of folder paths, like briefings = ["~/briefings"]'
            )
        return tuple(self.relative_path(item) for item in value)

    def quick_tags(self, value: object) -> MappingProxyType:
        if not isinstance(value, dict):
            self.fail(
                ("quick_tags",), 'quick_tags must be a table, like [quick_tags] with 1 = "key" under it'
            )
        tags = dict(DEFAULT_QUICK_TAGS)
        for key, tag in value.items():
            where = ("quick_tags", key)
            if key not in QUICK_TAG_KEYS:
                if key.strip().isdigit():
                    self.fail(where, f"quick_tags key {_shown(key)} must be a digit from 1 to 9")
                self.warn(where, f"unknown quick_tags key {_shown(key)} (ignored; keys are 1 to 9)")
                continue
            if not isinstance(tag, str):
                self.fail(where, f'quick_tags.{key} must be a tag name in quotes, like {key} = "key"')
            if tag == "":
                tags.pop(key, None)  # "" unsets a default quick tag
            else:
                tags[key] = self.tag(where, f"quick_tags.{key}", tag)
        return MappingProxyType(dict(sorted(tags.items())))

    def tag(self, where: tuple[str, ...], name: str, tag: str) -> str:
        """`tag` by the notes' one rule; the name of a tag, so without the `#` of `#tag` in text."""
        if tag.lstrip().startswith("#"):
            self.fail(where, f"{name} {_shown(tag)} is not a tag: write it without the leading #")
        try:
            return parse_tag(tag)
        except InvalidTag as exc:
            self.fail(where, f"{name} {_shown(tag)} is not a tag: it {exc.reason}")

    def keymap(self, value: object) -> MappingProxyType:
        if not isinstance(value, dict):
            self.fail(("keymap",), 'keymap must be a table, like [keymap] with annotate = "a" under it')
        keymap = {}
        for binding_id, keys in value.items():
            where = ("keymap", binding_id)
            if not isinstance(keys, str):
                self.fail(where, f'keymap.{_shown(binding_id)} must be keys in quotes, like "j,down"')
            names = [name.strip() for name in keys.split(",")]
            if not all(names) or any(len(name.split()) != 1 or any(map(_is_control, name)) for name in names):
                self.fail(
                    where,
                    f"keymap.{_shown(binding_id)} {_shown(keys)} must be key names separated by "
                    'commas, like "j,down" (write "comma" for the comma key)',
                )
            unknown = [name for name in names if not is_key_name(name)]
            for name in unknown:
                self.warn(
                    where,
                    f"unknown key {_shown(name)} for keymap.{_shown(binding_id)} (ignored; key names "
                    'are Textual\'s, like "ctrl+s", "pagedown", "question_mark")',
                )
            names = [name for name in names if name not in unknown]
            if not names:
                continue  # the binding keeps its default keys
            if self.known_binding_ids is not None and binding_id not in self.known_binding_ids:
                self.warn(
                    where,
                    f"unknown binding id {_shown(binding_id)} in [keymap] (ignored; "
                    "? in the app lists every binding id)",
                )
                continue
            keymap[binding_id] = ",".join(names)
        return MappingProxyType(keymap)

    def relative_path(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.path.parent / path

    def fail(self, key_path: tuple[str, ...], problem: str) -> NoReturn:
        raise ConfigError(_line(self.path, find_key_line(self.text, key_path), problem))

    def warn(self, key_path: tuple[str, ...], problem: str) -> None:
        self.warnings.append(_line(self.path, find_key_line(self.text, key_path), problem))


_EXAMPLES = {
    "theme": '"textual-dark"',
    "notes_file": '"~/notes/briefer.json"',
    "export_dir": '"~/notes/briefings"',
}


def _read_text(path: Path) -> str | None:
    """The file's text, None when it does not exist; ConfigError when it cannot be read or decoded."""
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(_line(path, None, f"cannot read the config file ({exc.strerror or exc})")) from None
    try:
        return raw.decode("utf-8-sig")  # editors on Windows may start the file with a BOM
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(_line(path, line, "the file is not UTF-8 text")) from None


def _parse(path: Path, text: str) -> dict:
    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(_line(path, None, "not valid TOML: arrays or tables nested too deeply")) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        problem = message[: position.start()] if position else message
        if position and position.group(1):
            where = f"line {position.group(1)}, column {position.group(2)}"
        else:
            where = f"line {max(len(text.splitlines()), 1)} (end of file)"
        raise ConfigError(
            f"{_shown_path(path)}, {where}: not valid TOML: {problem[:1].lower()}{problem[1:]}"
        ) from None


def is_key_name(name: str) -> bool:
    """`ctrl+s`, `pagedown`, `A`, `question_mark`: a key Textual can bind (see NAMED_KEYS)."""
    *modifiers, key = name.split("+")
    if not key or len(set(modifiers)) != len(modifiers) or not KEY_MODIFIERS.issuperset(modifiers):
        return False
    if len(key) == 1:
        return key.isprintable()
    return key in NAMED_KEYS or _is_character_name(key)


def _is_character_name(key: str) -> bool:
    """`question_mark`, `less_than_sign`: a Unicode character name as Textual writes it
    (lower case; spaces and hyphens both become `_`)."""
    words = key.upper().split("_")
    if len(words) > 8 or not all(words):
        return False
    for joins in itertools.product(" -", repeat=len(words) - 1):
        try:
            unicodedata.lookup("".join(word + join for word, join in zip(words, (*joins, ""), strict=True)))
        except KeyError:
            continue
        return True
    return False


def _line(path: Path, line: int | None, problem: str) -> str:
    where = f", line {line}" if line else ""
    return f"{_shown_path(path)}{where}: {problem}"


def _shown(text: str) -> str:
    """`text` in double quotes, safe on a terminal."""
    return f'"{escape_controls(text)}"'


def _shown_path(path: Path) -> str:
    return escape_controls(str(path))


def _is_control(char: str) -> bool:
    return unicodedata.category(char)[0] == "C"


# ---------------------------------------------------------------------------
# Writing


_CREATED_HEADER = (
    "# briefer configuration. `briefer config init --force` rewrites it with every setting explained.\n"
)


_DEFAULT_CONFIG_TEMPLATE = """\
# briefer configuration (TOML).
#
# Every setting is shown at its default, commented out: remove the leading
# "# " to change one. Settings you leave commented follow briefer's defaults,
# also when a later version changes them. `briefer config path` prints where
# this file is; --config FILE or $BRIEFER_CONFIG use another one.
#
# Paths may start with ~ (your home folder); relative paths are taken
# relative to the folder this file is in.

# Folders of briefings the library shows when briefer is started without a
# path in a folder that has no ./briefings. Empty: the current folder.
# Example: briefings = ["~/briefings", "~/work/daily"]
# briefings = []

# The notes file. --notes FILE and $BRIEFER_NOTES take precedence.
# notes_file = {notes_file}

# Where `e` (export) writes markdown notes.
# export_dir = {export_dir}

# Colour theme: any Textual theme, e.g. "textual-dark", "textual-light",
# "nord", "gruvbox", "ansi-dark", "ansi-light". Choosing a theme from the
# command palette (ctrl+p) saves it here.
# theme = {theme}

# Keys 1 to 9 in the reader tag the current passage. Entries here are merged
# over these defaults: set a key to change its tag, or to "" to remove it.
# Tags have no spaces; nest them with /, like "topic/energy".
[quick_tags]
{quick_tags}

# Key bindings: binding id = "keys", several keys separated by commas.
# Bindings you do not list keep their default keys. `?` in the app lists
# every binding id with the keys in force. Key names are Textual's:
# "a", "A", "ctrl+s", "down", "pageup", "space", "question_mark", "comma".
[keymap]
# annotate = "a,enter"
# next-sentence = "j,down,ctrl+n"
"""
