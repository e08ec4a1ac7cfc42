from briefer.briefing import briefing_from_text, clean_text


def test_csi_sequence_is_removed_whole():
    assert clean_text("a \x1b[31mred\x1b[0m word") == "a red word"


def test_osc_clipboard_write_terminated_by_bel_is_removed_whole():
    assert clean_text("before\x1b]52;c;aGk=\x07after") == "beforeafter"


def test_osc_terminated_by_st_and_unterminated_osc_stop_at_line_end():
    assert clean_text("x\x1b]0;TITLE\x1b\\y") == "xy"
    assert clean_text("x\x1b]8;;http://evil\nnext line") == "x\nnext line"


def test_bidi_overrides_and_isolates_are_removed():
    assert clean_text("abc\u202edcba\u202c and \u2066x\u2069") == "abcdcba and x"


def test_c0_c1_and_del_are_removed_but_tab_and_newline_stay():
    assert clean_text("a\x00b\x07c\x7fd\x85e\x9b31mf\tg\nh") == "abcdef\tg\nh"


def test_line_endings_become_lf():
    assert clean_text("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"


def test_lone_surrogate_from_an_undecodable_file_name_becomes_replacement_char():
    cleaned = clean_text("report-\udcff.md")
    assert cleaned == "report-\ufffd.md"
    cleaned.encode("utf-8")


def test_ordinary_text_is_unchanged():
    text = "Kovačević said: “Ça va” – 3.5% [Reuters] [@click=app.quit]x[/] \\ done"
    assert clean_text(text) == text


def test_briefing_body_and_title_are_cleaned_with_a_warning():
    briefing = briefing_from_text(
        '---\ntitle: "Evil \\e[31mtitle\\u202e"\n---\nBody \x1b[31mred\x1b[0m and \x1b]52;c;aGk=\x07 clip \u202e.\n',
        fmt="markdown",
    )
    assert "\x1b" not in briefing.body and "\u202e" not in briefing.body
    assert briefing.body == "Body red and  clip .\n"
    assert briefing.title == "Evil title"
    assert any("control character" in w for w in briefing.warnings)
