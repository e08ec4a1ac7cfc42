"""A feed's items -> markdown briefings with front matter.

feedparser reads RSS 0.9x, 1.0 and 2.0 and Atom, and cleans the items' HTML
(no scripts). It is given the fetched bytes as a stream: given bytes or a
string it would try them as a file name or URL. An item that carries only a
summary takes its text from the page it links to, through the web-page
converter; the summary is kept when the page cannot be had.
"""

from __future__ import annotations

import html as html_module
import io
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax import SAXException

from briefer.briefing.convert import Converted, compose
from briefer.briefing.model import BriefingError
from briefer.feeds.http import FetchError, Response

FULL_TEXT_WORDS = 150  # an item's own text of fewer words is a summary: the linked page is read
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class Item:
    ids: tuple[str, ...]  # GUID and link: an item seen under either is not saved again
    title: str
    link: str | None
    date: str | None  # ISO
    author: str | None
    html: str  # the item's content, else its summary


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    items: list[Item]


def parse_feed(body: bytes) -> ParsedFeed:
    """The feed's title and items; FetchError when `body` is not a feed."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(body))
    problem = parsed.get("bozo_exception")
    if isinstance(problem, SAXException):  # feedparser would guess at broken XML; briefer says so
        raise FetchError(f"not an RSS or Atom feed: malformed XML ({_first_line(problem)})")
    if not parsed.get("version") and not parsed.entries:
        raise FetchError(f"not an RSS or Atom feed{f' ({_first_line(problem)})' if problem else ''}")
    return ParsedFeed(parsed.feed.get("title"), [_item(entry) for entry in parsed.entries])


def _item(entry) -> Item:
    link = entry.get("link")
    ids = tuple(dict.fromkeys(i for i in (entry.get("id"), link) if i))
    content = entry.get("content") or []
    html = content[0].get("value", "") if content else entry.get("summary", "")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return Item(
        ids=ids or (entry.get("title", "") + html[:200],),
        title=entry.get("title") or "",
        link=link,
        date=time.strftime("%Y-%m-%d", stamp) if stamp else None,
        author=entry.get("author"),
        html=html,
    )


def item_briefing(item: Item, feed: str, source: str | None, get: Callable[[str], Response]) -> Converted:
    """The item as a markdown briefing; the linked page's article when the item is a summary."""
    body = _text_of(item.html)
    if len(body.split()) < FULL_TEXT_WORDS and item.link:
        body = _linked_article(item.link, get) or body
    return compose(
        body or item.title,
        "markdown",
        title=item.title,
        date=item.date,
        source=source or feed,
        url=item.link,
        author=item.author,
        feed=feed,
    )


def page_briefing(response: Response) -> tuple[str, Converted]:
    """A fetched web page's title and its markdown briefing; FetchError when it is not a page
    with an article."""
    from briefer.briefing.convert import page

    if response.content_type not in _PAGE_TYPES:
        raise FetchError(f"not a web page (the server says {response.content_type or 'nothing'})")
    try:
        body, meta = page.article(page.decoded(response.body))
    except BriefingError as exc:
        raise FetchError(exc.reason) from None
    title = meta.title or response.url
    return title, compose(
        body,
        "markdown",
        title=title,
        date=meta.date,
        source=meta.sitename or meta.author,
        url=response.url,
        author=meta.author,
    )


def _linked_article(link: str, get: Callable[[str], Response]) -> str | None:
    from briefer.briefing.convert import page

    try:
        response = get(link)
        if response.content_type not in _PAGE_TYPES:
            return None
        return page.article(page.decoded(response.body))[0]
    except (FetchError, BriefingError):
        return None  # the item's own summary stands


def _text_of(html: str) -> str:
    """An item's HTML as text: the web-page path for an article, the fragment's words for a summary
    too short to be one."""
    from briefer.briefing.convert import page

    if not html.strip():
        return ""
    try:
        return page.article(f"<html><body><article>{html}</article></body></html>")[0]
    except BriefingError:
        return " ".join(html_module.unescape(_TAG.sub(" ", html)).split())


def _first_line(problem: BaseException) -> str:
    return (str(problem).splitlines() or [type(problem).__name__])[0][:100]
