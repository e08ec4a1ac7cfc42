"""A web page (HTML) -> the article as markdown, with its title, byline, date and site.

trafilatura finds the main text and drops navigation, footers and boilerplate;
it parses with lxml and never runs scripts or fetches anything the page links to.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefer.briefing.convert import Converted, compose
from briefer.briefing.model import BriefingError

if TYPE_CHECKING:
    from trafilatura.settings import Document

_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)
NO_ARTICLE = "no article text found in the page"
# Fewer words than this is what is left of a page's navigation when it has no article ("Home").
MIN_ARTICLE_WORDS = 10
# trafilatura takes about 0.7 s per 10,000 tags; a news page has 2,000-30,000. Past this a page
# would take over 7 s (20 MB of paragraphs, over a minute), so it is refused before parsing.
MAX_TAGS = 100_000


def convert(raw: bytes) -> Converted:
    """The page's article; BriefingError(NO_ARTICLE) when the page has none."""
    body, meta = article(decoded(raw))
    return compose(
        body,
        "markdown",
        title=meta.title,
        date=meta.date,
        source=meta.sitename or meta.author,
        url=meta.url,
    )


def article(html: str) -> tuple[str, Document]:
    """The main text of `html` as markdown, and the page's metadata (trafilatura's)."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    if (tags := html.count("<")) > MAX_TAGS:
        raise BriefingError(
            "", f"a page of about {tags:,} tags: briefer converts pages of up to {MAX_TAGS:,}"
        )

    try:
        tree = trafilatura.load_html(html)
    except ValueError:
        tree = None
    if tree is None:
        raise BriefingError("", "not a readable HTML page")
    meta = extract_metadata(tree)  # before the extraction, which prunes the tree
    body = trafilatura.extract(
        tree,
        output_format="markdown",
        include_formatting=True,  # headings and lists as markdown blocks
        include_tables=True,
        include_links=False,
        include_images=False,
        include_comments=False,
        favor_recall=True,  # a short briefing page is still an article
    )
    if not body or len(body.split()) < MIN_ARTICLE_WORDS:
        raise BriefingError("", NO_ARTICLE)
    return body, meta


def decoded(raw: bytes) -> str:
    """The page's text: UTF-8, else the charset it declares, else Windows-1252 (what a
    browser assumes), so a wrong declaration still gives readable text. Never decompressed."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(raw[:4096])
    if declared:
        try:
            return raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return raw.decode("cp1252", errors="replace")
