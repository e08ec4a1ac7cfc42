"""Front matter: the YAML block a markdown briefing may open with, read safely (no aliases,
dates left as text, a size limit), or line by line when a person wrote it by hand."""

from __future__ import annotations

import re
from functools import lru_cache

from briefer.briefing.dates import ParsedDate, parse_date, year_in
from briefer.briefing.sanitize import clean_text

FRONT_MATTER_MAX = 64 * 1024  # PyYAML is pure Python: ~100 us per line

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:(.*?)\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@lru_cache(maxsize=1)
def _front_matter_loader() -> type:
    """PyYAML, imported only for a file with front matter (38 ms of start-up otherwise):
    a SafeLoader that leaves dates as text, so "2025-02-30" does not sink the whole block,
    and refuses aliases: nine nested anchors expand a few hundred bytes into gigabytes
    ("billion laughs"), and front matter never needs them."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                raise _AliasRefused(None, None, ALIASES_REFUSED, self.peek_event().start_mark)
            return super().compose_node(parent, index)

    class _AliasRefused(yaml.composer.ComposerError):
        pass

    FrontMatterLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return FrontMatterLoader


ALIASES_REFUSED = "it uses YAML aliases (*name), which briefer does not expand"
_YAML_KEY_LINE = re.compile(r"\s*[\w-]+\s*:")
# A key and a plain value: one that YAML's flow, quoting and block syntax would not start.
_PLAIN_LINE = re.compile(r"([\w-]+)\s*:\s*((?:[^\s\[{\"'|>&*!].*)?)\s*")


def split_front_matter(text: str, warnings: list[str]) -> tuple[dict, str]:
    """(metadata, body). A block that is not YAML front matter stays in the body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    source = match.group(1) or ""
    if len(source) > FRONT_MATTER_MAX:
        warnings.append(f"front matter ignored: longer than {FRONT_MATTER_MAX // 1024} KB")
        return {}, text[match.end() :]
    import yaml

    try:
        loaded = yaml.load(source, Loader=_front_matter_loader())
    except (yaml.YAMLError, RecursionError) as exc:
        if not _YAML_KEY_LINE.match(source):
            return {}, text  # a thematic break, not front matter
        reason = str(exc).split("\n")[0]
        if ALIASES_REFUSED in str(exc):
            warnings.append(f"front matter ignored: {ALIASES_REFUSED}")
        elif (pairs := _plain_pairs(source)) is not None:
            warnings.append(f"front matter read line by line: not valid YAML ({reason})")
            return _metadata(pairs, warnings), text[match.end() :]
        else:
            warnings.append(f"front matter ignored: not valid YAML ({reason})")
        return {}, text[match.end() :]
    if loaded is None:
        return {}, text[match.end() :]
    if not isinstance(loaded, dict):
        return {}, text  # "---\nSome text\n---" is markdown, not front matter
    return _metadata(loaded, warnings), text[match.end() :]


def _plain_pairs(source: str) -> dict[str, str] | None:
    """Front matter of `key: value` lines that YAML refuses, as people write it by hand
    ("title: Talks: day two"), read a line at a time; None when a line is not one."""
    pairs: dict[str, str] = {}
    for line in source.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _PLAIN_LINE.fullmatch(line)
        if match is None:
            return None
        pairs[match[1]] = match[2].strip()
    return pairs


def _metadata(raw: dict, warnings: list[str]) -> dict:
    meta: dict = {}
    for key in ("title", "source", "url"):
        value = raw.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, (str, int, float)):
            meta[key] = " ".join(clean_text(str(value)).split()) or None
        else:
            warnings.append(f"front matter {key} is not text; ignored")
    tags = raw.get("tags")
    if isinstance(tags, str):
        tags = tags.split(",")
    if isinstance(tags, list) and all(isinstance(t, (str, int, float)) for t in tags):
        meta["tags"] = tuple(t for t in (" ".join(clean_text(str(t)).split()) for t in tags) if t)
    elif tags is not None:
        warnings.append("front matter tags are not a list of words; ignored")
    if raw.get("date") is not None:
        meta.update(_front_matter_date(raw["date"], warnings))
    return meta


def _front_matter_date(value: object, warnings: list[str]) -> dict:
    """{"date": ISO}, or {"year": int} for a partial date ("2025", "November 2025"), or {}."""
    if not isinstance(value, str | int | float):  # a list or mapping: never str() a structure
        warnings.append("front matter date is not a date; ignored")
        return {}
    text = clean_text(str(value)).strip()
    iso = re.match(r"(\d{4})-(\d\d)-(\d\d)(?:[T ]|$)", text)
    parsed = ParsedDate(*map(int, iso.groups())) if iso else parse_date(text, whole=True)
    if parsed and parsed.iso():
        return {"date": parsed.iso()}
    if parsed is None and isinstance(value, (str, int)) and year_in(text):
        return {"year": year_in(text)}
    warnings.append(f"front matter date not understood: {text[:40]!r}")
    return {}
