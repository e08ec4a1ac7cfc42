"""`briefer fetch` of 20 feeds with 50 items each, served on 127.0.0.1.

Prints the first fetch (1,000 new briefings: each item's own text, about 400 words, is
converted and written), a second fetch (every feed answers 304 Not Modified), and a third
with conditional GET defeated (every item parsed again and recognised as seen). Half the
first run's items are summaries whose linked page is fetched and converted when --pages.

    python benchmarks/bench_fetch.py [--feeds 20] [--items 50] [--pages]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SENTENCE = (
    "Officials said the convoy reached Kherson on Friday after floods cut the road from Mykolaiv, "
    "and the Red Cross opened shelters for displaced families near the river. "
)


def feed_xml(base: str, feed: int, items: int, pages: bool) -> bytes:
    entries = []
    for item in range(items):
        summary_only = pages and item % 2
        text = "A short summary." if summary_only else SENTENCE * 16
        entries.append(
            f"<item><guid>f{feed}-i{item}</guid><title>Feed {feed} item {item}: floods in Kherson</title>"
            f"<link>{base}/page/{feed}/{item}</link><pubDate>Thu, 20 Nov 2025 08:00:00 GMT</pubDate>"
            f"<description><![CDATA[<p>{text}</p>]]></description></item>"
        )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>{"".join(entries)}</channel></rss>'
    ).encode()


def page_html(title: str) -> bytes:
    paragraphs = "".join(f"<p>{SENTENCE * 4}</p>" for _ in range(8))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav>Home</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def serve(feeds: int, items: int, pages: bool) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            parts = self.path.strip("/").split("/")
            if parts[0] == "feed":
                if self.headers.get("If-None-Match") == '"same"':
                    self.send_response(304)
                    self.end_headers()
                    return
                body, kind = feed_xml(base, int(parts[1]), items, pages), "application/rss+xml"
            else:
                body, kind = page_html(f"Page {parts[1]}-{parts[2]}"), "text/html"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", '"same"')
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--pages", action="store_true", help="half the items are summaries of a linked page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
        from briefer.feeds.fetching import fetch_feeds, summary
        from briefer.feeds.store import Feed

        server, base = serve(args.feeds, args.items, args.pages)
        feeds = [
            Feed(f"feed{n}", f"{base}/feed/{n}", Path(folder) / "lib" / f"feed{n}") for n in range(args.feeds)
        ]
        for label in ("first fetch", "second fetch (304)", "third fetch (no conditional GET)"):
            if label.startswith("third"):
                for feed in feeds:
                    feed.etag = None
            start = time.perf_counter()
            line = summary(fetch_feeds(feeds))
            print(f"{label:<34} {time.perf_counter() - start:6.2f} s  {line}")
        written = list((Path(folder) / "lib").rglob("*.md"))
        print(f"briefings written: {len(written):,}")
        server.shutdown()


if __name__ == "__main__":
    main()
