"""Files of every format briefer converts, built by the tests with known text and metadata."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

ARTICLE = [
    "KYIV, Nov 20 (Reuters) - Floods hit the city of Kherson on Thursday, officials said.",
    '"We are working around the clock," said Mayor Roman Mrochko, speaking to reporters near the river.',
    "The United Nations sent aid to the region on Friday, and the Red Cross opened two shelters.",
]


def html_page(title="Floods hit Kherson", paragraphs=ARTICLE, extra_head="", charset="utf-8") -> str:
    """A saved news page: navigation, a script, a stylesheet, an article and a footer."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title} | Example News</title>'
        '<meta property="og:site_name" content="Example News"><meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2025-11-20T08:00:00Z">'
        '<link rel="stylesheet" href="styles/main-quote.css"><script src="http://127.0.0.1:9/tracker.js"></script>'
        f"<script>document.title = 'EVIL';</script>{extra_head}</head><body>"
        '<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"
    )


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf_document(pages: list[list[str]], info: dict[str, str] | None = None, *, font: bool = True) -> bytes:
    """A PDF whose pages show `pages` (lines of text, top to bottom) in Helvetica, with a correct
    cross-reference table. `font=False` draws a rectangle instead: a page without a text layer."""
    page_ids = []
    count = len(pages)
    font_id, pages_id = 3, 2
    next_id = 4
    bodies = []
    for lines in pages:
        if font:
            ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
            for line in lines:
                ops.append(f"{_pdf_string(line)} Tj T*")
            ops.append("ET")
        else:
            ops = ["0 0 1 rg", "72 72 400 600 re f"]
        stream = "\n".join(ops).encode("latin-1")
        page_id, content_id = next_id, next_id + 1
        next_id += 2
        page_ids.append(page_id)
        bodies.append(
            (
                page_id,
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 612 792] "
                f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >>".encode(),
            )
        )
        bodies.append((content_id, b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"))
    info_id = next_id
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    table = {
        1: f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode(),
        pages_id: f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        **dict(bodies),
        info_id: (
            "<< " + " ".join(f"/{k} {_pdf_string(v)}" for k, v in (info or {}).items()) + " >>"
        ).encode(),
    }
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(table):
        offsets[number] = out.tell()
        out.write(f"{number} 0 obj\n".encode() + table[number] + b"\nendobj\n")
    xref = out.tell()
    size = max(table) + 1
    out.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode())
    for number in range(1, size):
        out.write(f"{offsets[number]:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {size} /Root 1 0 R /Info {info_id} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def report_pages(count: int = 4) -> list[list[str]]:
    """A situation report: a running header, the article's sentences, a footer with the page number."""
    pages = []
    for number in range(1, count + 1):
        body = (
            [ARTICLE[(number - 1) % len(ARTICLE)]]
            if number <= len(ARTICLE)
            else [f"Annex {number}: no change."]
        )
        pages.append(["OCHA Situation Report No. 12", *body, f"Page {number} of {count}"])
    return pages


def mail_message(
    text: str | None = "\n\n".join(ARTICLE),
    html: str | None = None,
    subject="Morning Brief: floods in Kherson",
    charset="utf-8",
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Example Briefings <brief@example.org>"
    message["To"] = "analyst@example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2025, 11, 20, 7, 30, tzinfo=UTC))
    if text is not None:
        message.set_content(text, charset=charset)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    return message


def word_document(path, *, title="Memo: floods in Kherson", pages: int = 1, paragraphs=ARTICLE) -> None:
    """A memo with a title, a heading, the article's paragraphs, a list and a table."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = "Policy Unit"
    document.core_properties.created = datetime(2025, 11, 20, 9, 0)
    document.add_heading(title, level=0)
    for page in range(pages):
        document.add_heading("Situation" if page == 0 else f"Situation, part {page + 1}", level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        document.add_paragraph("Twelve trucks of water", style="List Bullet")
        document.add_paragraph("Blankets for 3,000 people", style="List Bullet")
        table = document.add_table(rows=2, cols=2)
        for row, cells in zip(table.rows, (("Town", "Displaced"), ("Kherson", "2,000")), strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
        if page + 1 < pages:
            document.add_page_break()
    document.save(str(path))


def mailbox(messages) -> bytes:
    """An mbox file (mboxrd: a body line beginning "From " is quoted as ">From ")."""
    import re

    chunks = []
    for message in messages:
        raw = re.sub(rb"(?m)^(>*From )", rb">\1", message.as_bytes().replace(b"\r\n", b"\n"))
        chunks.append(b"From brief@example.org Thu Nov 20 07:30:00 2025\n" + raw.rstrip(b"\n") + b"\n\n")
    return b"".join(chunks)
