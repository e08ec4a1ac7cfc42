"""A web page's title, byline, site and date, from what the page declares about itself.

The sources, best first: OpenGraph and article <meta> properties, schema.org JSON-LD,
named <meta> tags, then the page itself (its one <h1>, <title>, a byline, <time datetime>,
a date in the canonical URL). Only the parsed tree is read: nothing is fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefer.briefing.dates import ParsedDate, parse_date

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# "Floods hit Kherson | Example News": a title and the site, on either side of a spaced separator.
_TITLE_PARTS = re.compile(r"^(.+?)\s+[|–—·•-]\s+([^|–—·•]+)$")
_ISO_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[T ]|$)")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?:/|[-_.]|$)")
_BY = re.compile(r"^by\s+", re.I)
_SITE_MAX = 60  # longer than this, the part after a title's separator is not a site's name
_AUTHOR_MAX = 120  # a byline longer than this is a sentence, not names
_JSON_LD_MAX = 200_000  # characters of one JSON-LD script read; past this it is not metadata

_AUTHOR_NAMES = ("author", "article:author", "byl", "dc.creator", "citation_author", "parsely-author")
_DATE_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
)
_BYLINE = (
    './/*[@rel="author"]',
    './/*[@itemprop="author"]',
    './/*[contains(concat(" ", normalize-space(@class), " "), " byline ")]',
    './/*[contains(concat(" ", normalize-space(@class), " "), " author ")]',
)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself; None where it says nothing usable."""

    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    date: str | None = None  # ISO, YYYY-MM-DD
    url: str | None = None


def page_meta(tree: HtmlElement) -> PageMeta:
    """The metadata of the parsed page `tree` (read before its boilerplate is cleaned away)."""
    meta = _meta_tags(tree)
    ld = _json_ld(tree)
    page_title = _text(tree.findtext(".//title"))
    title_parts = _TITLE_PARTS.match(page_title or "")
    url = meta.get("og:url") or _attribute(tree, './/link[@rel="canonical"]', "href")
    sitename = (
        meta.get("og:site_name")
        or ld.get("publisher")
        or meta.get("application-name")
        or (_site_from_title(title_parts) if title_parts else None)
        or _host(url)
    )
    sitename = sitename.lstrip("@") or None if sitename else None  # a Twitter handle
    return PageMeta(
        title=_without_site(
            _first(
                meta.get("og:title"),
                ld.get("headline"),
                meta.get("title"),
                meta.get("twitter:title"),
                _only_h1(tree),
                page_title,
            ),
            sitename,
        ),
        author=_first(*(_person(meta.get(name)) for name in _AUTHOR_NAMES), ld.get("author"), _byline(tree)),
        sitename=sitename,
        date=_first(
            *(_iso(meta.get(name)) for name in _DATE_NAMES),
            _iso(ld.get("datePublished")),
            _iso(ld.get("dateCreated")),
            _iso(_attribute(tree, ".//time[@datetime]", "datetime")),
            _url_date(url),
        ),
        url=url if url and url.startswith(("http://", "https://")) else None,
    )


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """<meta property|name|itemprop=... content=...>, first of each name, names lower-cased."""
    found: dict[str, str] = {}
    for element in tree.iterfind(".//meta[@content]"):
        name = element.get("property") or element.get("name") or element.get("itemprop")
        content = _text(element.get("content"))
        if name and content:
            found.setdefault(name.strip().lower(), content)
    return found


def _json_ld(tree: HtmlElement) -> dict[str, str]:
    """headline, author, publisher, datePublished, dateCreated of the page's first schema.org
    object that has any; a script that is not valid JSON is passed over."""
    found: dict[str, str] = {}
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        text = script.text or ""
        if len(text) > _JSON_LD_MAX:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        for thing in _things(data):
            for key in ("headline", "datePublished", "dateCreated"):
                if isinstance(value := thing.get(key), str) and _text(value):
                    found.setdefault(key, _text(value) or "")
            for key in ("author", "publisher"):
                if name := _person(thing.get(key)):
                    found.setdefault(key, name)
        if found:
            break
    return found


def _things(data: object, depth: int = 0) -> Iterator[dict]:
    """The objects of a JSON-LD document: the top one, a list's, an @graph's (not deeper)."""
    if isinstance(data, list) and depth < 2:
        for item in data:
            yield from _things(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if depth < 2:
            yield from _things(data.get("@graph"), depth + 1)


def _person(value: object) -> str | None:
    """A name from a meta value or JSON-LD person(s): "Jane Doe", {"name": ...}, a list of them.
    A profile URL is not a name."""
    if isinstance(value, list):
        names = [name for item in value[:10] if (name := _person(item))]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str) or "://" in value:
        return None
    return _text(value)


def _byline(tree: HtmlElement) -> str | None:
    for path in _BYLINE:
        for element in tree.xpath(path)[:5]:
            name = _text(_BY.sub("", _text(element.text_content()) or ""))
            if name and 2 < len(name) <= _AUTHOR_MAX:
                return name
    return None


def _only_h1(tree: HtmlElement) -> str | None:
    headings = tree.findall(".//h1")
    return _text(headings[0].text_content()) if len(headings) == 1 else None


def _site_from_title(parts: re.Match[str]) -> str | None:
    site = parts[2].strip()
    return site if len(site) <= _SITE_MAX and len(site) < len(parts[1]) else None


def _without_site(title: str | None, sitename: str | None) -> str | None:
    """ "Floods hit Kherson | Example News" -> "Floods hit Kherson" when the site is Example News."""
    parts = _TITLE_PARTS.match(title or "")
    return parts[1] if parts and sitename and parts[2].strip() == sitename else title


def _host(url: str | None) -> str | None:
    found = re.match(r"https?://(?:www\.)?([^/:?#]+)", url or "")
    return found[1] if found else None


def _iso(value: str | None) -> str | None:
    """`value` as YYYY-MM-DD when it is a whole date ("2025-11-20T08:00Z", "20 November 2025")."""
    if not value:
        return None
    iso = _ISO_DATE.match(value.strip())
    parsed = ParsedDate(*map(int, iso.groups())) if iso else parse_date(value, whole=True)
    return parsed.iso() if parsed else None


def _url_date(url: str | None) -> str | None:
    found = _URL_DATE.search(url or "")
    return ParsedDate(*map(int, found.groups())).iso() if found else None


def _attribute(tree: HtmlElement, path: str, name: str) -> str | None:
    element = tree.find(path)
    return _text(element.get(name)) if element is not None else None


def _first(*values: str | None) -> str | None:
    return next((value for value in values if value), None)


def _text(value: str | None) -> str | None:
    """`value` on one line, or None when it has no words."""
    return " ".join(value.split()) or None if value else None
