"""Markdown blocks: spans slice the body to the block's text, markers left outside."""

from briefer.briefing import briefing_from_text


def blocks_of(text):
    briefing = briefing_from_text(text, fmt="markdown")
    return [(b.kind, b.level, briefing.body[b.start : b.end]) for b in briefing.blocks]


def test_atx_and_setext_headings_with_levels():
    assert blocks_of("# Title #\n\nSome text.\n\n### Third level\n\nSetext two\n----------\n") == [
        ("heading", 1, "Title"),
        ("paragraph", 0, "Some text."),
        ("heading", 3, "Third level"),
        ("heading", 2, "Setext two"),
    ]


def test_paragraph_spanning_lines_keeps_its_inner_newline():
    assert blocks_of("First line\nsecond line.\n\nNext.") == [
        ("paragraph", 0, "First line\nsecond line."),
        ("paragraph", 0, "Next."),
    ]


def test_list_items_with_nesting_levels_and_no_markers():
    text = "- top one\n  - nested **bold**\n    - deeper\n- top two\n\n1. first\n2) second\n"
    assert blocks_of(text) == [
        ("list_item", 1, "top one"),
        ("list_item", 2, "nested **bold**"),
        ("list_item", 3, "deeper"),
        ("list_item", 1, "top two"),
        ("list_item", 1, "first"),
        ("list_item", 1, "second"),
    ]


def test_loose_list_item_gives_one_block_per_paragraph():
    assert blocks_of("- para one\n\n  para two\n- next\n") == [
        ("list_item", 1, "para one"),
        ("list_item", 1, "para two"),
        ("list_item", 1, "next"),
    ]


def test_block_quote_levels_and_inner_markers():
    text = "> quoted line\n> continues\n>\n> > nested quote\n\nAfter."
    assert blocks_of(text) == [
        ("quote", 1, "quoted line\n> continues"),
        ("quote", 2, "nested quote"),
        ("paragraph", 0, "After."),
    ]


def test_table_cells_without_pipes_including_escaped_pipe_and_missing_cell():
    text = "| Date | Event |\n|---|:--|\n| 2 June | AWC \\| SNM talks |\n| 9 June |\n"
    assert blocks_of(text) == [
        ("table_cell", 0, "Date"),
        ("table_cell", 0, "Event"),
        ("table_cell", 0, "2 June"),
        ("table_cell", 0, "AWC \\| SNM talks"),
        ("table_cell", 0, "9 June"),
    ]


def test_table_without_outer_pipes():
    assert [b[2] for b in blocks_of("a | b\n--|--\nc | d\n")] == ["a", "b", "c", "d"]


def test_fenced_and_indented_code_blocks_exclude_fences():
    text = "Text.\n\n```python\nx = 1\ny = 2\n```\n\n    indented()\n\n```\nunclosed\n"
    assert blocks_of(text) == [
        ("paragraph", 0, "Text."),
        ("code", 0, "x = 1\ny = 2"),
        ("code", 0, "indented()"),
        ("code", 0, "unclosed"),
    ]


def test_code_lines_are_the_sentences_of_a_code_block():
    briefing = briefing_from_text("```\nfirst()\n\n  second()\n```\n", fmt="markdown")
    assert [briefing.body[a:b] for a, b in briefing.sentences] == ["first()", "second()"]


def test_thematic_breaks_and_empty_items_give_no_blocks():
    assert blocks_of("One.\n\n---\n\n-\n\nTwo.") == [("paragraph", 0, "One."), ("paragraph", 0, "Two.")]


def test_raw_html_is_text_not_dropped():
    assert blocks_of("<div>hidden fact</div>\n") == [("paragraph", 0, "<div>hidden fact</div>")]


def test_list_in_a_quote_and_quote_in_a_list_take_the_innermost_container():
    assert blocks_of("> - item in quote\n\n- > quote in item\n") == [
        ("list_item", 1, "item in quote"),
        ("quote", 1, "quote in item"),
    ]


def test_markdown_with_front_matter_offsets_point_into_body():
    text = "---\ntitle: T\n---\n# Head\n\n- a point.\n"
    briefing = briefing_from_text(text, fmt="markdown")
    assert briefing.body == "# Head\n\n- a point.\n"
    assert [briefing.body[b.start : b.end] for b in briefing.blocks] == ["Head", "a point."]


def test_sentences_stay_inside_blocks_and_are_ordered():
    text = (
        "# Salar brief\n\n**Prepared by:** Corvid. Clients only\n\n- No final stop\n- Two. Sentences here.\n\n"
        "| A | Done. Next. |\n|---|---|\n| x | y |\n\n> Quoted. Text\n> more.\n"
    )
    briefing = briefing_from_text(text, fmt="markdown")
    for start, end in briefing.sentences:
        assert any(b.start <= start and end <= b.end for b in briefing.blocks)
    assert [briefing.body[a:b] for a, b in briefing.sentences] == [
        "Salar brief",
        "**Prepared by:** Corvid.",
        "Clients only",
        "No final stop",
        "Two.",
        "Sentences here.",
        "A",
        "Done.",
        "Next.",
        "x",
        "y",
        "Quoted.",
        "Text\n> more.",
    ]
    assert list(briefing.sentences) == sorted(briefing.sentences)


def test_bundled_intel_brief_has_every_block_kind(tmp_path):
    from pathlib import Path

    from briefer.briefing import load

    briefing = load(Path(__file__).resolve().parents[2] / "briefings" / "05-salar-access-brief.md")
    kinds = {b.kind for b in briefing.blocks}
    assert {"heading", "paragraph", "list_item", "table_cell"} <= kinds
    cells = [briefing.body[b.start : b.end] for b in briefing.blocks if b.kind == "table_cell"]
    assert cells[:4] == [
        "Date",
        "Event",
        "2 June",
        "AWC gives SNM a 7-day ultimatum over groundwater monitoring data.",
    ]
    for block in briefing.blocks:
        text = briefing.body[block.start : block.end]
        assert text == text.strip() and not text.startswith(("#", "- ", "|"))


def _table(rows: int) -> str:
    return "| Date | Official |\n|---|---|\n" + "".join(
        f"| 2025-03-01 | Anna Berg {i} |\n" for i in range(rows)
    )


def test_a_table_too_costly_for_markdown_it_reads_as_lines_at_once(monkeypatch):
    """A 2 MB table took 9 s to parse: markdown-it costs about eight lines of prose per table row."""
    from briefer.briefing import loader

    def refuse(body):
        raise AssertionError("markdown-it parsed the body")

    monkeypatch.setattr(loader, "markdown_blocks", refuse)
    briefing = briefing_from_text(_table(4_000), fmt="markdown")  # 4,002 lines: 32,000 for the budget
    assert [w for w in briefing.warnings if "markdown structure not parsed" in w]
    assert (
        briefing.body[briefing.blocks[-1].start : briefing.blocks[-1].end]
        == "| 2025-03-01 | Anna Berg 3999 |"
    )


def test_a_table_within_the_budget_keeps_its_cells():
    briefing = briefing_from_text(_table(3_000), fmt="markdown")
    assert not briefing.warnings
    cells = [briefing.body[b.start : b.end] for b in briefing.blocks if b.kind == "table_cell"]
    assert cells[-2:] == ["2025-03-01", "Anna Berg 2999"]
