"""Saved web pages: the article's structure, and metadata from wherever the page declares it."""

from __future__ import annotations

from briefer.briefing import load

CONVOY = (
    "A convoy of twelve trucks reached the flooded city of Kherson on Wednesday, carrying water "
    "and medicine for thousands of displaced families, officials said."
)
SHELTERS = (
    "The Red Cross said it would open two more shelters near the river on Friday if the water "
    "kept rising through the night."
)


def news_page(head: str, article: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head><body>'
        '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>'
        f"<main><article>{article}</article></main>"
        "<aside><h3>Most read</h3><ul><li><a href='/a'>Celebrity weds in secret</a></li></ul></aside>"
        "<footer><p>Copyright 2025 The Daily Planet. All rights reserved. Privacy policy.</p></footer>"
        "</body></html>"
    )


def blocks(briefing) -> list[tuple[str, str]]:
    return [(b.kind, briefing.body[b.start : b.end]) for b in briefing.blocks]


def test_headings_lists_and_tables_keep_their_shape_in_reading_order(tmp_path):
    article = (
        f"<h1>Aid convoy reaches Kherson</h1><p>{CONVOY}</p><h2>What the convoy carried</h2>"
        "<p>The trucks carried the following supplies, according to the United Nations office in Kyiv:</p>"
        "<ul><li>drinking water for 20,000 people</li><li>medical kits for two hospitals</li></ul>"
        "<table><tr><th>District</th><th>Families</th></tr><tr><td>Kherson</td><td>2,000</td></tr></table>"
        f"<p>{SHELTERS}</p>"
    )
    path = tmp_path / "convoy.html"
    path.write_text(news_page("<title>Aid convoy reaches Kherson</title>", article), encoding="utf-8")
    found = blocks(load(path))
    assert found == [
        ("heading", "Aid convoy reaches Kherson"),
        ("paragraph", CONVOY),
        ("heading", "What the convoy carried"),
        (
            "paragraph",
            "The trucks carried the following supplies, according to the United Nations office in Kyiv:",
        ),
        ("list_item", "drinking water for 20,000 people"),
        ("list_item", "medical kits for two hospitals"),
        ("table_cell", "District"),
        ("table_cell", "Families"),
        ("table_cell", "Kherson"),
        ("table_cell", "2,000"),
        ("paragraph", SHELTERS),
    ]


def test_json_ld_gives_title_date_and_publisher_and_the_title_loses_the_sites_name(tmp_path):
    head = (
        "<title>Aid convoy reaches Kherson - The Daily Planet</title>"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "datePublished": "2025-11-19T10:00:00+02:00",'
        ' "author": [{"@type": "Person", "name": "Olena Kovalenko"}],'
        ' "publisher": {"@type": "Organization", "name": "The Daily Planet"}}]}</script>'
    )
    path = tmp_path / "convoy.html"
    path.write_text(news_page(head, f"<p>{CONVOY}</p><p>{SHELTERS}</p>"), encoding="utf-8")
    briefing = load(path)
    assert (briefing.title, briefing.date, briefing.source) == (
        "Aid convoy reaches Kherson",
        "2025-11-19",
        "The Daily Planet",
    )


def test_without_metadata_the_date_comes_from_time_or_the_url_and_the_site_from_the_url(tmp_path):
    article = f'<p>{CONVOY}</p><time datetime="2025-11-18">Tuesday</time><p>{SHELTERS}</p>'
    timed = tmp_path / "timed.html"
    timed.write_text(news_page("", article), encoding="utf-8")
    assert load(timed).date == "2025-11-18"
    canonical = '<link rel="canonical" href="https://www.example.org/world/2025/11/17/convoy">'
    linked = tmp_path / "linked.html"
    linked.write_text(news_page(canonical, f"<p>{CONVOY}</p><p>{SHELTERS}</p>"), encoding="utf-8")
    briefing = load(linked)
    assert (briefing.date, briefing.source) == ("2025-11-17", "example.org")


def test_a_page_in_another_language_keeps_its_article(tmp_path):
    paragraphs = [
        "Der Konvoi mit zwölf Lastwagen erreichte am Mittwoch die überflutete Stadt Cherson, "
        "wie die Behörden mitteilten, und brachte Wasser und Medikamente für die Familien.",
        "Das Rote Kreuz will am Freitag zwei weitere Notunterkünfte in der Nähe des Flusses öffnen, "
        "wenn das Wasser in der Nacht weiter steigt.",
    ]
    path = tmp_path / "konvoi.html"
    article = "".join(f"<p>{p}</p>" for p in paragraphs)
    path.write_text(news_page("<title>Konvoi erreicht Cherson</title>", article), encoding="utf-8")
    briefing = load(path)
    assert [text for _, text in blocks(briefing)] == paragraphs


def test_a_page_declaring_no_date_takes_the_one_above_its_article_not_the_mastheads(tmp_path):
    page = (
        "<html><head><title>Weekly sitrep: Zambezia floods</title></head><body>"
        "<div>Wednesday, 3 December 2025</div>"
        "<div><a href='/'>Home</a> <a href='/about'>About us</a></div><div><a href='/news'>News</a></div>"
        "<div><a href='/contact'>Contact</a></div>"
        "<div class='meta'>Posted on 12 March 2025 by Maria Santos</div>"
        f"<div class='content'>{CONVOY}<br><br>{SHELTERS}</div>"
        "</body></html>"
    )
    path = tmp_path / "sitrep.html"
    path.write_text(page, encoding="utf-8")
    assert load(path).date == "2025-03-12"
    path.write_text(page.replace("Posted on 12 March 2025 by", "Posted by"), encoding="utf-8")
    assert load(path).date is None
