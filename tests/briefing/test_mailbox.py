"""A mailbox (.mbox): each message is a briefing of its own, named `file.mbox#N`."""

from __future__ import annotations

import json

import pytest

from briefer import cli
from briefer.briefing import BriefingError, load
from briefer.library import scan
from tests.briefing.conftest import ARTICLE, mail_message, mailbox

SUBJECTS = ["Morning Brief: floods in Kherson", "Evening Brief: aid arrives", "Weekend Brief: shelters open"]


@pytest.fixture
def news(tmp_path):
    path = tmp_path / "news.mbox"
    texts = ["\n\n".join(ARTICLE), "From the field: aid arrived in Kherson on Friday.", ARTICLE[2]]
    path.write_bytes(mailbox(mail_message(text=t, subject=s) for t, s in zip(texts, SUBJECTS, strict=True)))
    return path


def test_the_library_lists_one_row_per_message(news):
    entries = scan([news.parent])
    assert [e.path.name for e in entries] == ["news.mbox#1", "news.mbox#2", "news.mbox#3"]
    assert [e.title for e in entries] == SUBJECTS
    assert all(
        e.error is None and e.date == "2025-11-20" and e.source == "Example Briefings" for e in entries
    )


def test_a_message_reads_as_a_briefing_with_its_quoted_from_line_restored(news):
    briefing = load(news.parent / "news.mbox#2")
    assert briefing.title == SUBJECTS[1]
    assert briefing.body.strip() == "From the field: aid arrived in Kherson on Friday."


def test_opening_the_whole_mailbox_or_a_missing_message_is_one_line(news):
    with pytest.raises(BriefingError) as whole:
        load(news)
    assert whole.value.reason == "a mailbox of 3 messages: open one as news.mbox#1 to #3"
    with pytest.raises(BriefingError) as missing:
        load(news.parent / "news.mbox#9")
    assert missing.value.reason == "no message 9: the mailbox holds 3"


def test_a_file_that_is_not_a_mailbox_is_listed_with_its_reason(tmp_path):
    (tmp_path / "notes.mbox").write_text("just notes\n")
    [entry] = scan([tmp_path])
    assert (
        entry.path.name == "notes.mbox"
        and entry.error == 'not a mailbox: it does not begin with a "From " line'
    )


def test_extract_reads_one_message(news, capsys):
    assert cli.main(["extract", f"{news}#1", "--json"]) == 0
    analysis = json.loads(capsys.readouterr().out)
    assert analysis["briefing"]["title"] == SUBJECTS[0]
    assert any(who["name"] == "Roman Mrochko" for who in analysis["who"])
