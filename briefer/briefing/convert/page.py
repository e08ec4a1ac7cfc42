"""A web page (HTML) -> the article as markdown, with its title, byline, date and site.

lxml parses the page (it never runs scripts or fetches anything the page links to);
jusText splits it into blocks and keeps the article's, dropping navigation, footers and
boilerplate by each block's length, link density and share of the language's stop words.
The kept blocks become markdown in reading order: headings, paragraphs, list items, tables.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from briefer.briefing.convert import Converted, compose
from briefer.briefing.convert.page_meta import PageMeta, page_meta
from briefer.briefing.dates import parse_date
from briefer.briefing.model import BriefingError

if TYPE_CHECKING:
    from justext.paragraph import Paragraph
    from lxml.html import HtmlElement

_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)
_CELL = re.compile(r"/t[dh]\[\d+\]$")
_ROW = re.compile(r"(?:/t(?:head|body|foot)\[\d+\])?/tr\[\d+\]$")
NO_ARTICLE = "no article text found in the page"
# Fewer words than this is what is left of a page's navigation when it has no article ("Home").
MIN_ARTICLE_WORDS = 10
# A news page has 2,000-30,000 tags; conversion takes about 15 ms per 10,000. A page of more
# than this is no article (a dump, a generated listing) and is refused before parsing.
MAX_TAGS = 100_000
# jusText's thresholds, for recall: a briefing page's paragraphs are often short. A block of
# fewer characters than LENGTH_LOW is judged by its neighbours; one of LENGTH_HIGH or more whose
# words are at least STOPWORDS_HIGH stop words is article text (jusText: 70, 200, 0.30, 0.32).
LENGTH_LOW = 50
LENGTH_HIGH = 100
STOPWORDS_LOW = 0.20
STOPWORDS_HIGH = 0.25
MAX_LINK_DENSITY = 0.2
_HEADER_BLOCKS = 3  # blocks above the article searched for its date
_HEADER_LINE_MAX = 100  # a dateline or byline is short; a longer block is a sentence with a date
_LANGUAGE_SAMPLE = 2_000  # words enough to tell the page's language by its stop words


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


def article(html: str) -> tuple[str, PageMeta]:
    """The main text of `html` as markdown, and what the page says about itself."""
    if (tags := html.count("<")) > MAX_TAGS:
        raise BriefingError(
            "", f"a page of about {tags:,} tags: briefer converts pages of up to {MAX_TAGS:,}"
        )
    tree = _parsed(html)
    meta = page_meta(tree)  # before the cleaning, which drops the <head>
    blocks = _blocks(tree)
    kept = _article_blocks(blocks)
    body = "\n\n".join(_markdown(kept))
    if len(body.split()) < MIN_ARTICLE_WORDS:
        raise BriefingError("", NO_ARTICLE)
    if meta.date is None:
        meta = replace(meta, date=_header_date(blocks, kept[0]))
    return body, meta


def _parsed(html: str) -> HtmlElement:
    import lxml.html
    from lxml.etree import ParserError

    try:
        try:
            return lxml.html.document_fromstring(html)
        except ValueError:  # a str with an XML encoding declaration: lxml wants bytes
            parser = lxml.html.HTMLParser(encoding="utf-8")
            return lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (ParserError, ValueError):
        raise BriefingError("", "not a readable HTML page") from None


def _blocks(tree: HtmlElement) -> list[Paragraph]:
    """The page's blocks of text, in reading order; scripts, styles, forms and <head> gone."""
    from justext.core import ParagraphMaker, preprocessor

    return ParagraphMaker.make_paragraphs(preprocessor(tree))


def _article_blocks(blocks: list[Paragraph]) -> list[Paragraph]:
    """The blocks that are article text. A page with no block long enough to stand alone is
    judged again with the bar at LENGTH_LOW: a short page is still an article."""
    from justext.core import classify_paragraphs, revise_paragraph_classification

    stoplist = _stoplist(blocks)
    for length_high in (LENGTH_HIGH, LENGTH_LOW):
        classify_paragraphs(
            blocks, stoplist, LENGTH_LOW, length_high, STOPWORDS_LOW, STOPWORDS_HIGH, MAX_LINK_DENSITY
        )
        revise_paragraph_classification(blocks)
        kept = [block for block in blocks if block.class_type == "good"]
        if kept:
            return kept
    return []


def _header_date(blocks: list[Paragraph], first: Paragraph) -> str | None:
    """The date of a line just above the article ("Posted on 12 March 2025 by ..."), for a page
    that declares none. Only the few blocks nearest the article: a masthead's date is today's."""
    at = next(index for index, block in enumerate(blocks) if block is first)
    for block in reversed(blocks[max(0, at - _HEADER_BLOCKS) : at]):
        if len(block.text) <= _HEADER_LINE_MAX and (found := parse_date(block.text, whole=False)):
            if date := found.iso():
                return date
    return None


def _stoplist(blocks: list[Paragraph]) -> frozenset[str]:
    """The stop words of the page's language: of jusText's lists, the one its words fill most."""
    counts: Counter[str] = Counter()
    for block in blocks:
        counts.update(word.lower() for word in block.text.split())
        if counts.total() > _LANGUAGE_SAMPLE:
            break
    lists = _stoplists()
    return max(lists, key=lambda words: sum(n for word, n in counts.items() if word in words))


@lru_cache(maxsize=1)
def _stoplists() -> list[frozenset[str]]:
    import justext

    return [justext.get_stoplist(language) for language in sorted(justext.get_stoplists())]


def _markdown(blocks: list[Paragraph]) -> Iterator[str]:
    """Markdown for the kept blocks: "## heading", a list's "- item" lines, a table's rows, else
    a paragraph. Each block is one line: the page's own line breaks would start markdown of
    their own."""
    items: list[str] = []  # the list being gathered
    table: list[list[str]] = []  # the table being gathered, row by row
    last_row = ""
    for block in blocks:
        text = " ".join(block.text.split())
        tag = block.dom_path.rsplit(".", 1)[-1]
        if _CELL.search(block.xpath):
            if items:
                yield "\n".join(items)
                items = []
            row = _CELL.sub("", block.xpath)
            if table and row != last_row and _ROW.sub("", row) != _ROW.sub("", last_row):
                yield _table(table)  # another table begins
                table = []
            if row != last_row:
                table.append([])
                last_row = row
            table[-1].append(text.replace("|", "\\|"))
            continue
        if table:
            yield _table(table)
            table, last_row = [], ""
        if tag == "li":
            items.append(f"- {text}")
            continue
        if items:
            yield "\n".join(items)
            items = []
        yield f"{'#' * int(tag[1])} {text}" if re.fullmatch(r"h[1-6]", tag) else text
    if table:
        yield _table(table)
    if items:
        yield "\n".join(items)


def _table(rows: list[list[str]]) -> str:
    """A markdown table; the first row is its header, short rows are padded with empty cells."""
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    lines.insert(1, "|" + "---|" * width)
    return "\n".join(lines)


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
