import codecs

import pytest

from briefer.briefing import load

TEXT = "# Café Zürich\n\nKovačević said “yes” – 3 €.\n"


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-le-bom"],
)
def test_unicode_encodings_decode_to_the_same_body_without_warnings(tmp_path, raw):
    path = tmp_path / "b.md"
    path.write_bytes(raw)
    briefing = load(path)
    assert briefing.body == TEXT
    assert briefing.warnings == ()
    # The BOM is gone, so the first line is still a heading.
    assert briefing.blocks[0].kind == "heading"
    assert briefing.title == "Café Zürich"


def test_other_bytes_fall_back_to_cp1252_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Caf\xe9 \x93quoted\x94 \x80 5.".encode("latin-1"))
    briefing = load(path)
    assert briefing.body == "Café “quoted” € 5."
    assert briefing.warnings == ("not valid UTF-8 (byte 3); read as Windows-1252",)


def test_invalid_utf16_is_replaced_with_a_warning(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8")  # lone high surrogate
    briefing = load(path)
    assert briefing.body == "ok\ufffd"
    assert "invalid UTF-16" in briefing.warnings[0]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_lf(tmp_path, newline):
    path = tmp_path / "dos.txt"
    path.write_bytes(newline.join(["First line.", "", "Second para."]).encode())
    briefing = load(path)
    assert briefing.body == "First line.\n\nSecond para."
    assert [briefing.body[b.start : b.end] for b in briefing.blocks] == ["First line.", "Second para."]
    assert briefing.warnings == ()


def test_loading_twice_gives_the_same_id(tmp_path):
    path = tmp_path / "same.md"
    path.write_bytes(codecs.BOM_UTF8 + b"Some text.\r\n")
    assert load(path).id == load(path).id
