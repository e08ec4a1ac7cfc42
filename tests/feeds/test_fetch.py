"""Feeds fetched from a local server into briefings: new items once, failures in one line each."""

from __future__ import annotations

from functools import partial

import pytest

from briefer import cli
from briefer.briefing import load
from briefer.feeds import http
from briefer.feeds.fetching import fetch_feeds, save_page, summary
from briefer.feeds.names import safe_stem, write_new
from briefer.feeds.store import Feed, load_feeds
from tests.briefing.conftest import ARTICLE


def feed(server, tmp_path, path, name=None):
    return Feed(name or path.strip("/"), server.base + path, tmp_path / "lib" / (name or path.strip("/")))


def files_under(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_rss_and_atom_items_become_briefings_with_front_matter(server, tmp_path):
    feeds = [feed(server, tmp_path, "/rss"), feed(server, tmp_path, "/atom")]
    results = fetch_feeds(feeds)
    assert summary(results) == "2 feeds, 3 new"
    wire = {load(p).title: load(p) for p in files_under(feeds[0].folder)}
    floods = wire["Floods hit Kherson"]
    assert (floods.date, floods.source, floods.url) == (
        "2025-11-20",
        "Example Wire",
        server.base + "/article/a1",
    )
    assert ARTICLE[1] in floods.body  # a summary-only item takes the linked page's article
    assert 'feed: "rss"' in floods.path.read_text() and "author:" in floods.path.read_text()
    [escape] = [title for title in wire if "escape" in title]
    assert not {"\x9b", "\u202e"} & set(escape)  # titles are cleaned like any briefing's
    assert all(p.parent in (feeds[0].folder, feeds[1].folder) for p in files_under(tmp_path))
    [relief] = [load(p) for p in files_under(feeds[1].folder)]
    assert (relief.title, relief.date, relief.source) == (
        "Shelters open in Kherson",
        "2025-11-21",
        "Relief Updates",
    )


def test_a_second_fetch_saves_nothing_twice(server, tmp_path):
    feeds = [feed(server, tmp_path, "/rss"), feed(server, tmp_path, "/etag")]
    assert summary(fetch_feeds(feeds)) == "2 feeds, 3 new"
    before = files_under(tmp_path / "lib")
    assert summary(fetch_feeds(feeds)) == "2 feeds, 0 new"
    assert files_under(tmp_path / "lib") == before
    assert server.headers["/etag"].get("If-None-Match") == '"v1"'  # the second asked "if changed"


def test_an_item_seen_under_its_link_is_not_saved_again_under_a_new_guid(server, tmp_path):
    wire = feed(server, tmp_path, "/rss")
    wire.seen.append(server.base + "/article/a1")  # saved before, when its GUID was another
    server.rss_items = server.rss_items[:1]
    assert fetch_feeds([wire])[0].new == 0


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/503", "HTTP 503"),
        ("/loop", "redirect loop (or more than 10 redirects)"),
        ("/malformed", "not an RSS or Atom feed"),
        ("/notfeed", "not an RSS or Atom feed"),
        ("/to-file", "only http and https URLs are fetched"),
        ("/big", "larger than 1 MB"),
        ("/slow", "timed out after 0.3 s"),
        ("/missing", "HTTP 404"),
    ],
)
def test_each_failure_is_one_line_and_writes_nothing(server, tmp_path, path, error):
    get = partial(http.get, timeout=0.3, max_bytes=1024 * 1024)
    [result] = fetch_feeds([feed(server, tmp_path, path)], get=get)
    assert result.new == 0 and error in result.error and "\n" not in result.error
    assert not (tmp_path / "lib").exists()


def test_a_server_error_is_retried_before_it_is_reported(server, tmp_path):
    fetch_feeds([feed(server, tmp_path, "/503")])
    assert server.hits["/503"] == 1 + http.RETRIES


def test_the_summary_names_each_failure(server, tmp_path):
    feeds = [
        feed(server, tmp_path, "/rss"),
        feed(server, tmp_path, "/atom"),
        feed(server, tmp_path, "/503", "busy"),
    ]
    assert summary(fetch_feeds(feeds)) == "3 feeds, 3 new, 1 failed: busy: HTTP 503"


def test_file_names_from_titles_stay_in_their_folder(tmp_path):
    folder = tmp_path / "lib"
    for title in ("../../outside", "/etc/passwd", "..", "a\x1b]52;c;x\x07b", "x" * 500, ""):
        stem = safe_stem(title)
        assert "/" not in stem and not stem.startswith(".") and "\x1b" not in stem and len(stem) <= 100
        write_new(folder, stem, "text")
    assert all(path.parent == folder for path in files_under(tmp_path))
    assert [p.name for p in sorted(folder.iterdir())][:2] == ["ab.md", "etc passwd.md"]
    write_new(folder, "etc passwd", "again")
    assert (folder / "etc passwd (2).md").read_text() == "again"


def test_add_saves_a_page_and_refuses_what_is_not_one(server, tmp_path):
    saved = save_page(server.base + "/article/x", tmp_path / "pages")
    briefing = load(saved)
    assert (briefing.title, briefing.url) == ("Floods hit Kherson", server.base + "/article/x")
    with pytest.raises(http.FetchError, match="not a web page"):
        save_page(server.base + "/pdf", tmp_path / "pages")
    with pytest.raises(http.FetchError, match="only http and https"):
        save_page("file:///etc/passwd", tmp_path / "pages")


def test_the_commands_subscribe_fetch_and_unsubscribe(server, tmp_path, capsys):
    folder = tmp_path / "wire"
    assert cli.main(["feeds", "add", server.base + "/rss", "--name", "wire", "--folder", str(folder)]) == 0
    assert cli.main(["feeds", "list"]) == 0
    assert f"wire\t{server.base}/rss\t{folder}" in capsys.readouterr().out
    assert cli.main(["fetch"]) == 0
    assert capsys.readouterr().out.strip() == "1 feed, 2 new"
    assert cli.main(["fetch", "wire"]) == 0
    assert capsys.readouterr().out.strip() == "1 feed, 0 new"
    assert cli.main(["feeds", "add", "file:///etc/passwd"]) == 2
    assert "only http and https" in capsys.readouterr().err
    assert cli.main(["feeds", "rm", "wire"]) == 0 and load_feeds() == []
    assert len(files_under(folder)) == 2  # unsubscribing keeps what was saved


def test_a_feed_added_during_a_fetch_is_kept_and_two_fetches_both_count_their_items(
    server, tmp_path, monkeypatch
):
    """Another briefer changes the feeds file while a fetch is on the network: the fetch saves
    what it learnt into the file as it is then, never the copy it read before."""
    from briefer.feeds import fetching
    from briefer.feeds.store import changing_feeds

    path = tmp_path / "feeds.json"
    with changing_feeds(path) as feeds:
        feeds.append(feed(server, tmp_path, "/rss"))
    fetch = fetching.fetch_feeds

    def while_another_briefer_adds_one(chosen, **options):
        results = fetch(chosen, **options)
        with changing_feeds(path) as meanwhile:  # `briefer feeds add` in another terminal
            meanwhile.append(feed(server, tmp_path, "/atom"))
        return results

    monkeypatch.setattr(fetching, "fetch_feeds", while_another_briefer_adds_one)
    assert summary(fetching.fetch_saved_feeds(path=path)) == "1 feed, 2 new"
    saved = {f.name: f for f in load_feeds(path)}
    assert sorted(saved) == ["atom", "rss"]
    assert len(saved["rss"].seen) >= 2  # the fetch's items are remembered
    monkeypatch.setattr(fetching, "fetch_feeds", fetch)
    assert summary(fetching.fetch_saved_feeds(path=path)) == "2 feeds, 1 new"  # only atom's item
