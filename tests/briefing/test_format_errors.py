"""Bad web pages, PDFs, mails and Word files: one clear line each; and nothing in them is run or fetched."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import zipfile
from email.message import EmailMessage

import pytest

from briefer.briefing import BriefingError, load
from briefer.library import scan
from tests.briefing.conftest import (
    ARTICLE,
    html_page,
    mail_message,
    pdf_document,
    report_pages,
    word_document,
)


def reason_of(path) -> str:
    with pytest.raises(BriefingError) as caught:
        load(path)
    assert caught.value.path == path and "\n" not in str(caught.value)
    return caught.value.reason


def written(path, data: bytes | str):
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_document(report_pages(3)))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_password_protected_pdf_says_so(tmp_path):
    path = written(tmp_path / "locked.pdf", encrypted_pdf("secret"))
    assert reason_of(path) == "password-protected PDF: briefer cannot open it"


def test_a_pdf_protected_only_against_editing_opens(tmp_path):
    path = written(tmp_path / "no-edit.pdf", encrypted_pdf(""))
    assert ARTICLE[0] in load(path).body


def test_a_scanned_pdf_without_a_text_layer_says_ocr_is_not_supported(tmp_path):
    path = written(tmp_path / "scan.pdf", pdf_document([[], []], font=False))
    assert reason_of(path).startswith("no text layer: OCR is not supported")


@pytest.mark.parametrize("damage", [lambda raw: raw[:300], lambda raw: b"%PDF-1.7\n" + b"\x00garbage" * 50])
def test_a_damaged_pdf_is_one_line(tmp_path, damage):
    path = written(tmp_path / "broken.pdf", damage(pdf_document(report_pages(3))))
    assert reason_of(path).startswith("not a readable PDF")


def test_a_text_file_named_pdf_is_refused_not_shown_as_text(tmp_path):
    path = written(tmp_path / "notes.pdf", "Just some notes.\n")
    assert reason_of(path) == "not a PDF: the file has no %PDF- header"


def test_a_corrupt_word_file_is_one_line(tmp_path):
    assert reason_of(written(tmp_path / "memo.docx", b"PK\x03\x04 not really a zip")).startswith(
        "not a readable Word document"
    )
    assert reason_of(written(tmp_path / "text.docx", "plain text\n")).startswith("not a Word document")
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as package:
        package.writestr("[Content_Types].xml", "<Types")
        package.writestr("word/document.xml", "<w:document")
    assert reason_of(written(tmp_path / "damaged.docx", damaged.getvalue())).startswith(
        "not a readable Word document"
    )


def test_a_word_file_that_unpacks_to_gigabytes_is_refused_before_parsing(tmp_path):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<" + b" " * (300 * 2**20))
    path = written(tmp_path / "bomb.docx", bomb.getvalue())
    assert "unpacks to 300 MB" in reason_of(path)


def test_a_word_file_cannot_pull_in_a_local_file_through_an_xml_entity(tmp_path):
    secret = written(tmp_path / "secret.txt", "TOP-SECRET-CONTENT")
    memo = tmp_path / "memo.docx"
    word_document(memo)
    source = zipfile.ZipFile(memo)
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as package:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                header, rest = data.split(b"?>", 1)
                data = (
                    header
                    + b'?><!DOCTYPE d [<!ENTITY x SYSTEM "file://'
                    + str(secret).encode()
                    + b'">]>'
                    + rest
                )
                data = data.replace(b"Situation</w:t>", b"Situation &x;</w:t>")
            package.writestr(item, data)
    path = written(tmp_path / "evil.docx", evil.getvalue())
    try:
        body = load(path).body
    except BriefingError:
        return  # refusing the file is as safe as reading it without the entity
    assert "TOP-SECRET" not in body


def test_an_eml_without_readable_text_or_headers_is_one_line(tmp_path):
    message = EmailMessage()
    message["From"] = "brief@example.org"
    message["Subject"] = "Attachment only"
    message.set_content(b"\x00\x01\x02", maintype="application", subtype="octet-stream")
    assert reason_of(written(tmp_path / "a.eml", message.as_bytes())).startswith("no readable text")
    assert reason_of(written(tmp_path / "b.eml", "no headers here\n\njust text\n")).startswith(
        "not an e-mail message"
    )


@pytest.mark.parametrize("declared", ["utf-8", "x-no-such-charset"])
def test_a_mail_with_a_wrong_declared_charset_still_reads(tmp_path, declared):
    message = mail_message(text="Kherson café reopened on Friday.")
    raw = message.as_bytes().replace(b"utf-8", declared.encode())
    raw = raw.replace("café".encode(), "café".encode("cp1252"))
    briefing = load(written(tmp_path / "m.eml", raw))
    assert "café" in briefing.body
    assert any("charset" in warning for warning in briefing.warnings)


def test_a_page_with_a_wrong_declared_charset_still_reads(tmp_path):
    page = html_page(paragraphs=[*ARTICLE, "The café near the river reopened on Friday, the owner said."])
    path = written(tmp_path / "p.html", page.encode("cp1252"))  # it declares UTF-8
    assert "café" in load(path).body


def test_a_page_without_article_text_says_so(tmp_path):
    path = written(tmp_path / "nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert reason_of(path) == "no article text found in the page"


def test_terminal_escapes_in_pages_mails_and_pdfs_never_pass(tmp_path):
    attack = (
        "Floods \x1b]52;c;ZXZpbA==\x07hit\x1b[2J Kherson\u202e on Thursday, officials said in a statement."
    )
    page = written(tmp_path / "p.html", html_page(title="Floods\x1b[31m", paragraphs=[attack, *ARTICLE]))
    mail = written(tmp_path / "m.eml", mail_message(text=attack, subject="Brief\x1b[31m red").as_bytes())
    latin = attack.replace("\u202e", "\x9b31m")  # a PDF string here is Latin-1: the 8-bit CSI instead
    pdf = written(tmp_path / "r.pdf", pdf_document([[latin, *ARTICLE]], {"Title": "Sitrep\x1b[2J"}))
    for path in (page, mail, pdf):
        briefing = load(path)
        for text in (briefing.body, briefing.title, briefing.source or ""):
            assert not {"\x1b", "\x07", "\x9b", "\u202e"} & set(text), path


def test_a_page_is_parsed_never_fetched_from(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.3)
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    head = (
        f'<link rel="stylesheet" href="{base}/a.css"><script src="{base}/a.js"></script>'
        f'<meta http-equiv="refresh" content="0; url={base}/next"><base href="{base}/">'
    )
    page = html_page(
        extra_head=head, paragraphs=[*ARTICLE, f'<img src="{base}/i.png"><iframe src="{base}/f">']
    )
    path = written(tmp_path / "p.html", page)
    assert load(path).title == "Floods hit Kherson"
    with pytest.raises(TimeoutError):
        listener.accept()  # nobody connected
    listener.close()


def test_a_bad_file_stays_listed_with_its_reason(tmp_path):
    written(tmp_path / "locked.pdf", encrypted_pdf("secret"))
    written(tmp_path / "good.html", html_page())
    entries = {entry.path.name: entry for entry in scan([tmp_path])}
    assert entries["locked.pdf"].error == "password-protected PDF: briefer cannot open it"
    assert entries["good.html"].error is None


def test_a_pdf_repaired_on_reading_opens_without_a_word_on_standard_error(tmp_path):
    raw = pdf_document(report_pages(3))
    damaged = raw.replace(b"startxref\n", b"startxref\n9")  # a wrong offset: pypdf searches instead
    path = written(tmp_path / "offsets.pdf", damaged)
    # A fresh interpreter, as the app is: pytest's own log handlers would hide what Python prints.
    code = f"from briefer.briefing import load; print(load({str(path)!r}).body)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert ARTICLE[0] in run.stdout
    assert run.stderr == ""  # standard error would be drawn over the TUI


def test_a_parser_failing_in_an_unforeseen_way_is_still_one_line(tmp_path, monkeypatch):
    from briefer.briefing.convert import pdf

    def broken(raw):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pdf, "convert", broken)
    path = written(tmp_path / "odd.pdf", pdf_document(report_pages(3)))
    assert reason_of(path) == "cannot read this pdf file (IndexError: list index out of range)"


def test_a_page_too_large_to_convert_in_seconds_is_refused_before_parsing(tmp_path):
    path = written(tmp_path / "huge.html", html_page(paragraphs=["<b>x</b>"] * 60_000))
    assert reason_of(path) == "a page of about 240,032 tags: briefer converts pages of up to 100,000"
