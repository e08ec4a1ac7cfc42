"""The markdown export as text: round trip, literal rendering, front matter, JSON."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefer.notes.export import (
    BriefingInfo,
    export_file_names,
    front_matter,
    render_annotations,
    render_briefing,
    render_collection,
    tag_display,
    tags_line,
)
from briefer.notes.export_parsing import is_briefer_file, merge_imported, parse_export
from briefer.notes.model import Note, Target

BRIEFING_ID = "5cf393ad5aefc89bc764d1566b9fec0873910e1318b7250432057e1f1bacfe3d"
EXPORTED = "2026-11-28T13:00:00+00:00"

note_ids = st.from_regex(r"[0-9a-f]{10}", fullmatch=True)
absolute_paths = st.text().filter(lambda s: "\x00" not in s).map(lambda s: "/" + s)
stamps = st.datetimes().map(lambda d: d.replace(microsecond=0).isoformat() + "+00:00")


@st.composite
def notes(draw, briefing_id=BRIEFING_ID, path="/tmp/briefings/grid.md", title="Grid strikes"):
    start = draw(st.integers(0, 10**6))
    return Note(
        id=draw(note_ids),
        briefing_id=briefing_id,
        briefing_path=path,
        briefing_title=title,
        target=Target(
            exact=draw(st.text()),
            prefix=draw(st.text(max_size=32)),
            suffix=draw(st.text(max_size=32)),
            start=start,
            end=start + draw(st.integers(0, 5000)),
        ),
        kind=draw(st.sampled_from(["note", "highlight"])),
        text=draw(st.text()),
        tags=draw(st.lists(st.text(min_size=1, max_size=20).filter(str.strip), max_size=5)),
        created=draw(stamps),
        updated=draw(stamps),
        anchor=draw(st.sampled_from(["anchored", "changed", "orphan"])),
    )


INFO = BriefingInfo(id=BRIEFING_ID, title="Grid strikes", path="/tmp/briefings/grid.md")


def make_note(
    note_id="a1b2c3d4e5",
    text="Same node hit twice.",
    tags=("energy",),
    exact="Ukrenergo reported damage.",
    **fields,
):
    return Note(
        id=note_id,
        briefing_id=BRIEFING_ID,
        briefing_path="/tmp/briefings/grid.md",
        briefing_title="Grid strikes",
        target=Target(exact=exact, prefix="before ", suffix=" after", start=10, end=10 + len(exact)),
        text=text,
        tags=list(tags),
        created="2026-07-14T06:10:02+00:00",
        updated="2026-07-14T06:11:40+00:00",
        **fields,
    )


# ---------------------------------------------------------------- round trip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(notes(), max_size=6, unique_by=lambda n: n.id), st.text(), absolute_paths)
def test_any_notes_come_back_unchanged_from_their_export(notes_, title, path):
    notes_ = [replace(n, briefing_title=title, briefing_path=path) for n in notes_]
    info = BriefingInfo(id=BRIEFING_ID, title=title, path=path)
    parsed = parse_export(render_briefing(info, notes_, exported=EXPORTED))
    assert parsed.problems == []
    assert not any(i.edited for i in parsed.notes)
    by_id = {i.note.id: i.note for i in parsed.notes}
    assert by_id == {n.id: n for n in notes_}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        notes(briefing_id="b" * 64, path="/x/one.md", title="One"), max_size=3, unique_by=lambda n: n.id
    ),
    st.lists(
        notes(briefing_id="c" * 64, path="/x/two.md", title="Two"), max_size=3, unique_by=lambda n: n.id
    ),
)
def test_a_combined_file_restores_each_note_to_its_own_briefing(first, second):
    second = [n for n in second if n.id not in {f.id for f in first}]
    groups = [
        (BriefingInfo(id="b" * 64, title="One", path="/x/one.md"), first),
        (BriefingInfo(id="c" * 64, title="Two", path="/x/two.md"), second),
    ]
    parsed = parse_export(render_collection(groups, exported=EXPORTED))
    assert {i.note.id: i.note for i in parsed.notes} == {n.id: n for n in first + second}


def test_a_note_from_a_moved_briefing_keeps_its_own_path_and_title():
    moved = replace(make_note(), briefing_path="/old/place.md", briefing_title="Old title")
    parsed = parse_export(render_briefing(INFO, [moved, make_note("0123456789")], exported=EXPORTED))
    assert {i.note.id: (i.note.briefing_path, i.note.briefing_title) for i in parsed.notes} == {
        "a1b2c3d4e5": ("/old/place.md", "Old title"),
        "0123456789": ("/tmp/briefings/grid.md", "Grid strikes"),
    }


# ---------------------------------------------------------------- edits in the file


def test_note_text_edited_in_the_file_is_read_as_an_edit():
    note = make_note(text="Same node hit twice.")
    text = render_briefing(INFO, [note], exported=EXPORTED)
    text = text.replace("Same node hit twice.", "Same node hit *three* times.\n\nCheck crews.")
    (imported,) = parse_export(text).notes
    assert imported.text_edited and not imported.tags_edited
    assert imported.note.text == "Same node hit *three* times.\n\nCheck crews."


def test_tags_edited_in_the_file_keep_exact_spelling_of_the_ones_still_there():
    note = make_note(tags=["Source: Reuters", "energy"])
    text = render_briefing(INFO, [note], exported=EXPORTED)
    assert "#Source--Reuters #energy" in text
    (imported,) = parse_export(text.replace("#Source--Reuters #energy", "#Source--Reuters #grid/east")).notes
    assert imported.tags_edited and not imported.text_edited
    assert imported.note.tags == ["Source: Reuters", "grid/east"]


def test_deleting_the_tags_line_removes_the_tags():
    note = make_note(tags=["energy"])
    text = render_briefing(INFO, [note], exported=EXPORTED)
    (imported,) = parse_export(text.replace("#energy\n", "")).notes
    assert imported.tags_edited and imported.note.tags == []


def test_a_tag_typed_on_the_line_below_an_untagged_note_becomes_its_tag():
    note = make_note(tags=[], text="Follow up.")
    text = render_briefing(INFO, [note], exported=EXPORTED)
    (imported,) = parse_export(text.replace("Follow up.\n", "Follow up.\n#todo\n")).notes
    assert imported.note.tags == ["todo"] and imported.note.text == "Follow up."


def test_an_edited_passage_does_not_move_the_note():
    note = make_note(exact="Ukrenergo reported damage.")
    text = render_briefing(INFO, [note], exported=EXPORTED)
    (imported,) = parse_export(text.replace("> Ukrenergo reported", "> Somebody reported")).notes
    assert imported.note.target == note.target and not imported.edited


def test_merge_file_edit_wins_over_a_newer_store_edit():
    note = make_note(text="old")
    text = render_briefing(INFO, [note], exported=EXPORTED)
    (imported,) = parse_export(text.replace("\nold\n", "\nedited in the file\n")).notes
    in_store = replace(note, text="changed in briefer", updated="2026-08-01T00:00:00+00:00")
    merged = merge_imported(imported, in_store, now="2026-09-01T00:00:00+00:00")
    assert merged.text == "edited in the file" and merged.updated == "2026-09-01T00:00:00+00:00"


def test_merge_an_unedited_older_file_leaves_a_newer_store_note_alone():
    note = make_note(text="old")
    (imported,) = parse_export(render_briefing(INFO, [note], exported=EXPORTED)).notes
    in_store = replace(note, text="changed in briefer", tags=["x"], updated="2026-08-01T00:00:00+00:00")
    assert merge_imported(imported, in_store, now="2026-09-01T00:00:00+00:00") is None


def test_merge_an_unedited_newer_file_updates_an_older_store_note():
    note = replace(make_note(text="newer elsewhere"), updated="2026-08-01T00:00:00+00:00")
    (imported,) = parse_export(render_briefing(INFO, [note], exported=EXPORTED)).notes
    in_store = replace(note, text="older", updated="2026-07-20T00:00:00+00:00")
    assert merge_imported(imported, in_store, now="2026-09-01T00:00:00+00:00") == note


def test_merge_the_same_edit_twice_changes_nothing_the_second_time():
    note = make_note(text="old")
    text = render_briefing(INFO, [note], exported=EXPORTED).replace("\nold\n", "\nnew\n")
    (imported,) = parse_export(text).notes
    first = merge_imported(imported, note, now="2026-09-01T00:00:00+00:00")
    assert first.text == "new"
    assert merge_imported(imported, first, now="2026-09-02T00:00:00+00:00") is None


# ---------------------------------------------------------------- literal rendering

MARKDOWN_PIECES = [
    "#",
    "##",
    "*",
    "**",
    "_",
    "__",
    ">",
    "[",
    "]",
    "(",
    ")",
    "`",
    "```",
    "~~~",
    "---",
    "***",
    "===",
    "-->",
    "<script>",
    "</script>",
    "<!--",
    "<http://x.org>",
    "1.",
    "2)",
    "+",
    "-",
    "|",
    "\\",
    "&amp;",
    "&#32;",
    "&copy",
    "!",
    "[x](y)",
    "==",
    "%%",
    "^",
    "$",
    ":",
    ":-:",
    "a_b",
    "snake_case",
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "\u00a0",
    "é",
    "中文",
    "😀",
    "word",
    "Kyiv",
    "9",
    "\u200b",
    "\u3000",
]
markdownish = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=25).map("".join)


def _inline_text(token, odd: list) -> str:
    out = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type == "softbreak":
            out.append("\n")
        else:
            odd.append(child.type)
    return "".join(out)


def _paragraphs(text: str) -> list[str]:
    """Runs of non-empty lines: what CommonMark makes paragraphs of."""
    return [p for p in re.split(r"(?:^|\n)(?:\n|$)+", text) if p]


def rendered_items(markdown: str):
    """(passage paragraphs, text-and-tags paragraphs, unexpected token types) per note."""
    body = markdown.split("\n---\n", 1)[1]  # front matter is for Obsidian, not CommonMark
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    items, quote, after, odd, depth = [], [], [], [], 0
    for token in tokens:
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        elif token.type == "inline":
            (quote if depth else after).append(_inline_text(token, odd))
        elif token.type == "html_block":
            if "briefer:note" in token.content:
                items.append((quote, after, odd))
            quote, after, odd = [], [], []
        elif token.type not in ("paragraph_open", "paragraph_close", "heading_open", "heading_close"):
            odd.append(token.type)
    return items


@settings(max_examples=400, deadline=None)
@given(markdownish, markdownish, st.lists(markdownish.filter(bool), max_size=3))
def test_markdown_specials_in_passages_notes_and_tags_render_as_plain_text(passage, text, tags):
    note = make_note(exact=passage, text=text, tags=tags)
    markdown = render_briefing(INFO, [note], exported=EXPORTED)
    ((quote, after, odd),) = rendered_items(markdown)
    assert odd == []
    quote[-1] = re.sub(r" ?\^n-a1b2c3d4e5$", "", quote[-1])
    assert [q for q in quote if q] == _paragraphs(passage.strip())
    expected_after = _paragraphs(text) + ([tags_line(tags)] if tags else [])
    assert after == expected_after


def test_a_script_tag_and_comment_end_in_a_note_stay_text():
    note = make_note(text="<script>alert(1)</script> --> <!-- x", exact="a --> b")
    markdown = render_briefing(INFO, [note], exported=EXPORTED)
    html = MarkdownIt("commonmark").render(markdown.split("\n---\n", 1)[1])
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; --&gt; &lt;!-- x" in html
    assert parse_export(markdown).notes[0].note == note


def test_control_characters_never_appear_raw():
    note = make_note(text="red \x1b[31m bell \x07 c1 \x9b", exact="x\x1by", tags=["t\x1b"])
    markdown = render_briefing(INFO, [note], exported=EXPORTED)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", markdown)
    assert parse_export(markdown).notes[0].note == note


def test_passage_lines_stay_inside_one_block_quote():
    note = make_note(exact="first line\nsecond line\n\nnew paragraph")
    markdown = render_briefing(INFO, [note], exported=EXPORTED)
    tokens = MarkdownIt("commonmark").parse(markdown.split("\n---\n", 1)[1])
    assert [t.type for t in tokens].count("blockquote_open") == 1
    assert "> first line\n> second line\n>\n> new paragraph ^n-a1b2c3d4e5\n" in markdown


# ---------------------------------------------------------------- tags, names, front matter


def test_tags_display_as_obsidian_tags():
    assert tag_display("area/topic") == "area/topic"
    assert tag_display("Source: Reuters") == "Source--Reuters"
    assert tag_display("key judgement") == "key-judgement"
    assert tag_display("1984") == "tag-1984"
    assert tag_display("key_judgement") == "key_judgement"
    assert tag_display("_a_") == "-a-"
    assert tag_display("café") == "café"


@given(st.text())
def test_a_displayed_tag_is_one_legal_token(tag):
    shown = tag_display(tag)
    assert re.fullmatch(r"[\w/-]+", shown) and not shown.replace("/", "").isdigit()


def test_file_names_are_readable_and_stable():
    one = BriefingInfo(id="3f2a9c01" + "0" * 56, title="Grid strikes: overnight summary!", path="")
    other = BriefingInfo(id="77aa" + "1" * 60, title="Итоги дня", path="")
    assert export_file_names([one, other]) == {
        one.id: "grid-strikes-overnight-summary-3f2a9c01.md",
        other.id: "итоги-дня-77aa1111.md",
    }


def test_file_names_of_briefings_sharing_title_and_id_prefix_differ():
    one = BriefingInfo(id="3f2a9c01" + "0" * 56, title="Same", path="")
    two = BriefingInfo(id="3f2a9c01" + "1" * 56, title="Same", path="")
    names = export_file_names([one, two])
    assert len(set(names.values())) == 2


@settings(max_examples=200, deadline=None)
@given(
    st.text(),
    st.text(),
    st.one_of(st.none(), st.text(min_size=1)),
    st.one_of(st.none(), st.dates().map(str), st.text(min_size=1)),
    st.lists(st.text(min_size=1), max_size=4),
)
def test_front_matter_is_yaml_with_the_briefing_fields(title, path, source, date, tags):
    info = BriefingInfo(id=BRIEFING_ID, title=title, path=path, source=source, date=date)
    text = front_matter(info, [make_note(tags=tags)], EXPORTED)
    assert text.startswith("---\n") and text.endswith("\n---\n")
    data = yaml.safe_load(text[4:-4])
    assert data["generator"] == "briefer"
    assert data["title"] == title and data["briefing"] == path and data["briefing_id"] == BRIEFING_ID
    assert data["source"] == source
    assert (str(data["date"]) if data["date"] is not None else None) == date
    assert data["tags"] == sorted({tag_display(t) for t in tags})
    assert is_briefer_file(text)


def test_a_file_without_the_generator_mark_is_not_briefers():
    assert not is_briefer_file("---\ntitle: mine\n---\n# My own notes\n")
    assert not is_briefer_file("# generator: briefer\n")


# ---------------------------------------------------------------- W3C JSON


def test_w3c_annotations_carry_quote_position_note_and_tags():
    note = make_note(text="Same node.", tags=["energy", "grid/east"])
    highlight = make_note("h1", text="", tags=[], kind="highlight")
    data = json.loads(render_annotations([(INFO, [note, highlight])]))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    first = data["first"]["items"][0]
    assert first["type"] == "Annotation" and first["motivation"] == "commenting"
    assert first["target"]["source"] == "file:///tmp/briefings/grid.md"
    assert first["target"]["selector"] == [
        {
            "type": "TextQuoteSelector",
            "exact": "Ukrenergo reported damage.",
            "prefix": "before ",
            "suffix": " after",
        },
        {"type": "TextPositionSelector", "start": 10, "end": 36},
    ]
    assert first["body"] == [
        {"type": "TextualBody", "value": "Same node.", "format": "text/markdown", "purpose": "commenting"},
        {"type": "TextualBody", "value": "energy", "purpose": "tagging"},
        {"type": "TextualBody", "value": "grid/east", "purpose": "tagging"},
    ]
    assert (
        data["first"]["items"][1]["motivation"] == "highlighting" and "body" not in data["first"]["items"][1]
    )


def test_markdown_a_person_writes_into_a_note_is_kept_as_its_text():
    note = make_note(text="Same node hit twice.", tags=["energy"])
    text = render_briefing(INFO, [note], exported=EXPORTED)
    typed = "Same node hit twice.\n\n## Why it matters\n\n- repairs\n> a quote of mine"
    (imported,) = parse_export(text.replace("Same node hit twice.", typed)).notes
    assert imported.text_edited and imported.note.text == typed and imported.note.tags == ["energy"]
