"""A Word document (.docx) -> markdown: headings, paragraphs, lists and tables in document order.

python-docx reads the package (its XML parser resolves no external entities);
macros, embedded objects and linked files are never touched. The package's
unpacked size is checked first, so a small file that unzips to gigabytes is
refused before it is parsed.
"""

from __future__ import annotations

import io
import re
import zipfile

from briefer.briefing.convert import Converted, compose, first_line
from briefer.briefing.model import BriefingError

MAX_UNPACKED = 200 * 1024 * 1024
_HEADING_STYLE = re.compile(r"(?i)heading\s*(\d)")
_NUMBERED_STYLE = re.compile(r"(?i)list\s*number")


def convert(raw: bytes) -> Converted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_unpacked_size(raw)
    try:
        document = docx.Document(io.BytesIO(raw))
        lines = list(_blocks(document))
        properties = document.core_properties
        title, author, created = properties.title, properties.author, properties.created
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, AttributeError) as exc:
        raise BriefingError("", f"not a readable Word document ({first_line(exc)})") from None
    except SyntaxError as exc:  # lxml's XMLSyntaxError: a damaged part
        raise BriefingError("", f"not a readable Word document (damaged XML: {first_line(exc)})") from None
    body = "\n\n".join(line for line in lines if line.strip())
    if not body:
        raise BriefingError("", "the Word document has no text")
    return compose(
        body, "markdown", title=title, date=created.date().isoformat() if created else None, source=author
    )


def _check_unpacked_size(raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            unpacked = sum(item.file_size for item in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BriefingError("", f"not a readable Word document ({first_line(exc)})") from None
    if unpacked > MAX_UNPACKED:
        raise BriefingError(
            "",
            f"the Word document unpacks to {unpacked / 2**20:,.0f} MB; the limit is {MAX_UNPACKED // 2**20} MB",
        )


def _blocks(document):
    """Markdown for each paragraph and table of the body, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield _paragraph(item)
        elif isinstance(item, Table):
            yield _table(item)


def _paragraph(paragraph) -> str:
    text = " ".join(paragraph.text.split())
    style = paragraph.style.name if paragraph.style is not None else ""
    if not text:
        return ""
    if style == "Title":
        return f"# {text}"
    if heading := _HEADING_STYLE.match(style):
        return "#" * int(heading.group(1)) + " " + text
    if _NUMBERED_STYLE.match(style):
        return f"1. {text}"
    if style.lower().startswith("list") or (
        paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    ):
        return f"- {text}"
    return text


def _table(table) -> str:
    rows = [[" ".join(cell.text.split()).replace("|", "\\|") for cell in row.cells] for row in table.rows]
    if not rows or not any(any(cells) for cells in rows):
        return ""
    width = max(len(cells) for cells in rows)
    lines = ["| " + " | ".join(cells + [""] * (width - len(cells))) + " |" for cells in rows]
    lines.insert(1, "|" + "---|" * width)
    return "\n".join(lines)
