"""The feeds a user subscribed to, with what each fetch remembers: the ETag and Last-Modified for
a conditional GET and the ids (GUIDs and links) of the items already saved. One JSON file in the
data folder, written atomically, and changed only under its lock (`changing_feeds`): a fetch in
the app and `briefer feeds add` or another fetch at the same time never write over each other."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from briefer import config
from briefer.briefing.sanitize import clean_text
from briefer.feeds.http import check_url
from briefer.files import FileLock, atomic_write, read_regular

FEEDS_FILE = "feeds.json"
LOCK_SECONDS = 30.0  # another briefer saving its fetch holds the lock for milliseconds
_NAME = re.compile(r"[\w.-]{1,60}")


class FeedsError(Exception):
    """A feeds file that cannot be read, or a feed that cannot be added or removed; one line."""


@dataclass
class Feed:
    name: str
    url: str
    folder: Path
    etag: str | None = None
    modified: str | None = None
    seen: list[str] = field(default_factory=list)  # GUIDs and links of the items saved, oldest first


def feeds_path() -> Path:
    return config.data_dir() / FEEDS_FILE


def load_feeds(path: Path | None = None) -> list[Feed]:
    path = path or feeds_path()
    try:
        data = json.loads(read_regular(path))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise FeedsError(f"{path}: cannot read the feeds file ({exc})") from None
    feeds = data.get("feeds") if isinstance(data, dict) else None
    if not isinstance(feeds, list) or not all(_is_feed_record(f) for f in feeds):
        raise FeedsError(f"{path}: not a feeds file briefer wrote (fix or remove it)")
    return [
        Feed(
            f["name"], f["url"], Path(f["folder"]), f.get("etag"), f.get("modified"), list(f.get("seen", []))
        )
        for f in feeds
    ]


def _is_feed_record(record: object) -> bool:
    return (
        isinstance(record, dict)
        and all(isinstance(record.get(key), str) for key in ("name", "url", "folder"))
        and all(record.get(key) is None or isinstance(record[key], str) for key in ("etag", "modified"))
        and isinstance(record.get("seen", []), list)
        and all(isinstance(item, str) for item in record.get("seen", []))
    )


def save_feeds(feeds: list[Feed], path: Path | None = None) -> None:
    path = path or feeds_path()
    records = [
        {
            "name": f.name,
            "url": f.url,
            "folder": str(f.folder),
            "etag": f.etag,
            "modified": f.modified,
            "seen": f.seen,
        }
        for f in feeds
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps({"feeds": records}, indent=1).encode("utf-8"))


@contextmanager
def changing_feeds(path: Path | None = None) -> Iterator[list[Feed]]:
    """The feeds as they are on disk now, saved when the block ends without an error, under the
    feeds file's lock. FeedsError when another briefer keeps the lock."""
    path = path or feeds_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(Path(f"{path}.lock"))
    if not lock.acquire(LOCK_SECONDS):
        raise FeedsError(f"{path}: another briefer kept the feeds file locked; try again")
    try:
        feeds = load_feeds(path)
        yield feeds
        save_feeds(feeds, path)
    finally:
        lock.release()


def merge_fetched(current: list[Feed], fetched: list[Feed]) -> None:
    """What a fetch learnt (new items seen, ETag, Last-Modified) into the feeds as they are now:
    a feed added or removed meanwhile stays so, and items another fetch saw stay seen."""
    learnt = {feed.name: feed for feed in fetched}
    for feed in current:
        news = learnt.get(feed.name)
        if news is None or news.url != feed.url:
            continue
        feed.etag, feed.modified = news.etag, news.modified
        known = set(feed.seen)
        feed.seen.extend(item for item in news.seen if item not in known)


def add_feed(feeds: list[Feed], url: str, name: str | None, folder: Path | None, library: Path) -> Feed:
    """A new feed, appended to `feeds`: named by `name` or the URL's host, saved in `folder` or
    the library folder's `feeds/NAME`."""
    check_url(url)
    name = name if name is not None else _name_from(url)
    if not _NAME.fullmatch(name):
        raise FeedsError(f"feed name {clean_text(name)!r}: use letters, digits, '.', '-' or '_' (up to 60)")
    if any(f.name == name for f in feeds):
        raise FeedsError(f"there is already a feed named {name!r} (choose another with --name)")
    feed = Feed(name, url, (folder or library / "feeds" / name).expanduser().absolute())
    feeds.append(feed)
    return feed


def remove_feed(feeds: list[Feed], name: str) -> Feed:
    for feed in feeds:
        if feed.name == name:
            feeds.remove(feed)
            return feed
    raise FeedsError(f"no feed named {clean_text(name)!r} (see briefer feeds list)")


def _name_from(url: str) -> str:
    host = (urlsplit(url).hostname or "feed").removeprefix("www.")
    return re.sub(r"[^\w.-]", "-", host)[:60] or "feed"
