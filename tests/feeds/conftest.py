"""A local HTTP server on 127.0.0.1 serving feeds, pages and failures, started by the tests."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from briefer.feeds import http
from tests.briefing.conftest import ARTICLE, html_page


def rss(base: str, items: list[tuple[str, str, str]]) -> str:
    """RSS 2.0 with items (guid, title, description)."""
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><link>{base}/article/{guid}</link>"
        f"<pubDate>Thu, 20 Nov 2025 08:00:00 GMT</pubDate><author>desk@example.org (Jane Doe)</author>"
        f"<description><![CDATA[{text}]]></description></item>"
        for guid, title, text in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>{entries}</channel></rss>'


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Relief Updates</title><id>urn:relief</id>
<updated>2025-11-21T09:00:00Z</updated>
<entry><id>urn:relief:1</id><title>Shelters open in Kherson</title><updated>2025-11-21T09:00:00Z</updated>
<link href="http://example.invalid/shelters"/><content type="html">&lt;p&gt;{text}&lt;/p&gt;</content></entry>
</feed>""".format(text=" ".join(ARTICLE * 20))


class Server:
    def __init__(self) -> None:
        self.hits: dict[str, int] = {}
        self.headers: dict[str, dict[str, str]] = {}
        self.base = ""
        self.rss_items = [
            ("a1", "Floods hit Kherson", "Summary only: floods hit Kherson."),
            ("a2", "../../escape\x9b31m attempt\u202e", " ".join(ARTICLE * 20)),
        ]


@pytest.fixture
def server():
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send(self, status, body=b"", content_type="application/rss+xml", headers=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            path = self.path
            state.hits[path] = state.hits.get(path, 0) + 1
            state.headers[path] = dict(self.headers)
            if path == "/rss":
                self.send(200, rss(state.base, state.rss_items).encode(), headers={"ETag": '"v1"'})
            elif path == "/etag":
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send(304)
                else:
                    self.send(200, rss(state.base, state.rss_items[:1]).encode(), headers={"ETag": '"v1"'})
            elif path == "/atom":
                self.send(200, ATOM.encode(), "application/atom+xml")
            elif path.startswith("/article/"):
                self.send(200, html_page().encode(), "text/html; charset=utf-8")
            elif path == "/malformed":
                self.send(200, b"<rss><channel><item><title>broken", "application/rss+xml")
            elif path == "/notfeed":
                self.send(200, b"<html><body><p>Just a page.</p></body></html>", "text/html")
            elif path == "/pdf":
                self.send(200, b"%PDF-1.4 not a page", "application/pdf")
            elif path == "/503":
                self.send(503, b"busy", "text/plain")
            elif path == "/slow":
                time.sleep(1.5)
                self.send(200, rss(state.base, state.rss_items).encode())
            elif path == "/loop":
                self.send(302, headers={"Location": "/loop"})
            elif path == "/to-file":
                self.send(302, headers={"Location": "file:///etc/passwd"})
            elif path == "/big":
                self.send(200, b"<rss>" + b" " * (2 * 1024 * 1024) + b"</rss>")
            else:
                self.send(404, b"no", "text/plain")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    monkeypatch.setattr(http, "BACKOFF", 0.01)
