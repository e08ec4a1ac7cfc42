"""Web pages, PDF, e-mail and Word files read in place: the text, title, date and source a user sees."""

from __future__ import annotations

import json

import pytest

from briefer import cli
from briefer.briefing import describe, load
from briefer.library import scan
from tests.briefing.conftest import (
    ARTICLE,
    html_page,
    mail_message,
    pdf_document,
    report_pages,
    word_document,
)

PDF_INFO = {"Title": "Situation Report 12", "Author": "OCHA", "CreationDate": "D:20251120083000Z"}


def write_formats(folder):
    """One file of each format, all carrying ARTICLE; returns {name: path}."""
    files = {
        "page.html": html_page(),
        "report.pdf": pdf_document(report_pages(4), PDF_INFO),
        "newsletter.eml": mail_message().as_bytes(),
    }
    paths = {}
    for name, content in files.items():
        paths[name] = folder / name
        if isinstance(content, str):
            paths[name].write_text(content, encoding="utf-8")
        else:
            paths[name].write_bytes(content)
    paths["memo.docx"] = folder / "memo.docx"
    word_document(paths["memo.docx"])
    return paths


def sentences(briefing):
    return [briefing.sentence_text(i) for i in range(len(briefing.sentences))]


def test_a_saved_page_reads_as_its_article_with_the_pages_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(html_page(), encoding="utf-8")
    briefing = load(path)
    assert (briefing.title, briefing.date, briefing.source) == (
        "Floods hit Kherson",
        "2025-11-20",
        "Example News",
    )
    assert all(sentence in sentences(briefing) for sentence in ARTICLE)
    for boilerplate in ("Home", "Sport", "Copyright", "EVIL", "main-quote.css", "<", "tracker"):
        assert boilerplate not in briefing.body
    assert briefing.blocks[0].kind == "heading"


def test_a_pdf_reads_page_by_page_without_running_headers_footers_or_page_numbers(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_document(report_pages(4), PDF_INFO))
    briefing = load(path)
    assert (briefing.title, briefing.date, briefing.source) == ("Situation Report 12", "2025-11-20", "OCHA")
    texts = [briefing.body[b.start : b.end] for b in briefing.blocks]
    assert texts == [*ARTICLE, "Annex 4: no change."]  # each page its own block
    assert "Situation Report No" not in briefing.body and "Page " not in briefing.body


def test_a_pdf_without_metadata_takes_its_title_from_the_text(tmp_path):
    path = tmp_path / "bare.pdf"
    path.write_bytes(pdf_document([["Kherson floods: second update", *ARTICLE]]))
    briefing = load(path)
    assert briefing.title == "Kherson floods: second update"
    # as in any text briefing, the wire dateline names the source; it has no year, so no date
    assert briefing.source == "Reuters" and briefing.date is None


def test_a_newsletter_mail_reads_as_its_text_part_with_subject_sender_and_date(tmp_path):
    path = tmp_path / "brief.eml"
    text = (
        "\n\n".join(ARTICLE) + "\n\nYou are receiving this e-mail because you subscribed. Unsubscribe here."
    )
    path.write_bytes(mail_message(text=text, html=html_page(paragraphs=["HTML copy."])).as_bytes())
    briefing = load(path)
    assert (briefing.title, briefing.date, briefing.source) == (
        "Morning Brief: floods in Kherson",
        "2025-11-20",
        "Example Briefings",
    )
    assert sentences(briefing) == ARTICLE  # the plain part, its footer dropped


def test_an_html_only_mail_goes_through_the_page_path(tmp_path):
    path = tmp_path / "brief.eml"
    path.write_bytes(mail_message(text=None, html=html_page()).as_bytes())
    briefing = load(path)
    assert briefing.title == "Morning Brief: floods in Kherson" and briefing.source == "Example Briefings"
    assert all(sentence in sentences(briefing) for sentence in ARTICLE)
    assert "<p>" not in briefing.body and "EVIL" not in briefing.body


def test_a_word_memo_reads_with_headings_lists_and_tables(tmp_path):
    path = tmp_path / "memo.docx"
    word_document(path)
    briefing = load(path)
    assert (briefing.title, briefing.date, briefing.source) == (
        "Memo: floods in Kherson",
        "2025-11-20",
        "Policy Unit",
    )
    kinds = {briefing.body[b.start : b.end]: b.kind for b in briefing.blocks}
    assert kinds["Situation"] == "heading"
    assert kinds["Twelve trucks of water"] == "list_item"
    assert kinds["Kherson"] == kinds["2,000"] == "table_cell"
    assert all(kinds[sentence] == "paragraph" for sentence in ARTICLE)


def test_offsets_point_into_the_body_the_reader_shows(tmp_path):
    for path in write_formats(tmp_path).values():
        briefing = load(path)
        for start, end in briefing.sentences:
            assert briefing.body[start:end].strip() == briefing.body[start:end] != ""
        assert describe(path).id == briefing.id  # the library and the reader agree on the briefing


def test_the_file_type_is_decided_by_content_not_name(tmp_path):
    disguised = tmp_path / "report.txt"
    disguised.write_bytes(pdf_document(report_pages(4), PDF_INFO))
    assert load(disguised).title == "Situation Report 12"
    page = tmp_path / "saved.txt"
    page.write_text(html_page(), encoding="utf-8")
    assert load(page).title == "Floods hit Kherson"


def test_a_library_folder_lists_each_format_with_its_title_date_and_source(tmp_path):
    write_formats(tmp_path)
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "main.css").write_text("body {}")  # a browser's saved assets
    listed = {entry.path.name: entry for entry in scan([tmp_path])}
    assert sorted(listed) == ["memo.docx", "newsletter.eml", "page.html", "report.pdf"]
    assert {name: (e.title, e.date, e.source, e.error) for name, e in listed.items()} == {
        "memo.docx": ("Memo: floods in Kherson", "2025-11-20", "Policy Unit", None),
        "newsletter.eml": ("Morning Brief: floods in Kherson", "2025-11-20", "Example Briefings", None),
        "page.html": ("Floods hit Kherson", "2025-11-20", "Example News", None),
        "report.pdf": ("Situation Report 12", "2025-11-20", "OCHA", None),
    }


def test_a_conversion_is_cached_by_content(tmp_path, isolated_dirs):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_document(report_pages(4), PDF_INFO))
    first = load(path)
    cached = list((isolated_dirs / "xdg_cache_home").rglob("*.json"))
    assert len(cached) == 1
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(path.read_bytes())
    assert load(copy).body == first.body
    assert list((isolated_dirs / "xdg_cache_home").rglob("*.json")) == cached  # same bytes, one conversion


def test_an_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    path = tmp_path / "page.html"
    path.write_text(html_page(), encoding="utf-8")
    assert load(path).title == "Floods hit Kherson"


def extracted(path, capsys) -> dict:
    assert cli.main(["extract", str(path), "--json"]) == 0
    analysis = json.loads(capsys.readouterr().out)
    del analysis["briefing"]  # names the file; the rest is what was found in the text
    return analysis


@pytest.mark.parametrize("name", ["page.html", "report.pdf", "newsletter.eml", "memo.docx"])
def test_extract_finds_in_each_format_what_it_finds_in_the_same_text_as_markdown(name, tmp_path, capsys):
    path = write_formats(tmp_path)[name]
    briefing = load(path)
    equivalent = tmp_path / "same.md"
    equivalent.write_text(f"---\ndate: {briefing.date}\n---\n{briefing.body}", encoding="utf-8")
    analysis = extracted(path, capsys)
    assert any(who["name"] == "Roman Mrochko" for who in analysis["who"])
    assert any(where["name"] == "Kherson" for where in analysis["where"])
    assert analysis == extracted(equivalent, capsys)


def test_a_text_briefing_that_mentions_a_pdf_header_stays_text(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Formats\n\nA PDF file begins with %PDF-1.7 and a comment line.\n", encoding="utf-8")
    assert load(path).title == "Formats"
