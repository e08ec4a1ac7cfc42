"""Fetch feeds into their folders: several at once, each new item saved once across runs.

`fetch_feeds` updates each Feed (its ETag, Last-Modified and the ids seen) in place;
the caller saves them. A feed that fails is reported and leaves its folder as it was:
a briefing file appears whole (written to a temporary name, then renamed) or not at all.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from briefer.briefing.convert import quiet_libraries
from briefer.briefing.sanitize import one_line
from briefer.feeds import http
from briefer.feeds.items import item_briefing, page_briefing, parse_feed
from briefer.feeds.names import safe_stem, write_new
from briefer.feeds.store import Feed, FeedsError, changing_feeds, load_feeds, merge_fetched

WORKERS = 4  # feeds fetched at once: polite to servers, and most of the wait is the network


@dataclass(frozen=True, slots=True)
class FeedResult:
    name: str
    new: int
    error: str | None = None


def fetch_feeds(
    feeds: list[Feed],
    *,
    progress: Callable[[int, int], None] | None = None,
    get: Callable[..., http.Response] = http.get,
    workers: int = WORKERS,
) -> list[FeedResult]:
    """Fetch every feed; `progress(done, total)` after each (from a worker thread)."""
    quiet_libraries()
    done = 0
    lock = threading.Lock()

    def one(feed: Feed) -> FeedResult:
        nonlocal done
        result = fetch_feed(feed, get)
        with lock:
            done += 1
            if progress:
                progress(done, len(feeds))
        return result

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(one, feeds))
    if any(result.new for result in results):
        os.sync()  # the new briefings on disk before the caller saves them as seen
    return results


def fetch_saved_feeds(
    names: Collection[str] = (),
    *,
    progress: Callable[[int, int], None] | None = None,
    path: Path | None = None,
) -> list[FeedResult]:
    """Fetch the user's feeds (all, or those named) and save what was seen, so that the next
    fetch saves nothing twice: what `briefer fetch` and the app's fetch key both do. FeedsError
    with one line for no feeds, an unknown name or an unreadable feeds file; OSError when the
    state cannot be saved."""
    feeds = load_feeds(path)
    if not feeds:
        raise FeedsError("no feeds yet: add one with briefer feeds add URL")
    unknown = sorted(set(names) - {f.name for f in feeds})
    if unknown:
        raise FeedsError(f"no feed named {one_line(unknown[0])!r} (see briefer feeds list)")
    results = fetch_feeds([f for f in feeds if not names or f.name in names], progress=progress)
    with changing_feeds(path) as current:  # as they are now: another briefer may have changed them
        merge_fetched(current, feeds)
    return results


def fetch_feed(feed: Feed, get: Callable[..., http.Response] = http.get) -> FeedResult:
    try:
        response = get(feed.url, etag=feed.etag, modified=feed.modified)
        if response.status == 304:
            return FeedResult(feed.name, 0)
        parsed = parse_feed(response.body)
    except http.FetchError as exc:
        return FeedResult(feed.name, 0, one_line(str(exc)))
    seen = set(feed.seen)
    new = 0
    try:
        for item in parsed.items:
            if seen.intersection(item.ids):
                continue
            briefing = item_briefing(item, feed.name, parsed.title, get)
            write_new(feed.folder, safe_stem(_stem(item.date, item.title)), briefing.text, durable=False)
            feed.seen.extend(i for i in item.ids if i not in seen)
            seen.update(item.ids)
            new += 1
    except OSError as exc:
        return FeedResult(
            feed.name, new, f"cannot write in {feed.folder}: {one_line(exc.strerror or str(exc))}"
        )
    feed.etag, feed.modified = response.etag, response.modified
    return FeedResult(feed.name, new)


def save_page(url: str, folder: Path, get: Callable[..., http.Response] = http.get) -> Path:
    """Fetch the page at `url` and save its article in `folder`; FetchError with one line."""
    quiet_libraries()
    response = get(url)
    title, briefing = page_briefing(response)
    return write_new(folder, safe_stem(title), briefing.text)


def summary(results: list[FeedResult]) -> str:
    """One line: "4 feeds, 37 new, 1 failed: name: HTTP 503"."""
    failed = [r for r in results if r.error]
    line = f"{len(results)} feed{'s' * (len(results) != 1)}, {sum(r.new for r in results)} new"
    if failed:
        line += f", {len(failed)} failed: " + "; ".join(f"{r.name}: {r.error}" for r in failed)
    return line


def _stem(date: str | None, title: str) -> str:
    return f"{date} {title}" if date else title
