"""HTTP GET for feeds and pages: http(s) only, bounded size, timeouts, retries with back-off,
conditional requests, a polite User-Agent. The standard library's urllib; nothing is decompressed
(no Accept-Encoding is sent), and redirects are followed only to http(s) and not in a loop."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from briefer import __version__

USER_AGENT = f"briefer/{__version__} (a terminal briefing reader; fetches feeds its user subscribed to)"
TIMEOUT = 15.0  # seconds per attempt, connecting or waiting for bytes
RETRIES = 2  # after the first attempt, for a timeout, a lost connection or a 5xx answer
BACKOFF = 0.5  # seconds before the first retry, doubled for each next one
MAX_BYTES = 5 * 1024 * 1024  # a feed or page larger than this is refused


class FetchError(Exception):
    """Why a URL could not be fetched, in one line."""


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified) for a conditional request
    body: bytes
    content_type: str
    etag: str | None
    modified: str | None


def check_url(url: str) -> str:
    """`url` if briefer may fetch it (http or https with a host), else FetchError."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs are fetched")
    return url


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects only to http(s) (urllib would follow one to ftp); urllib itself refuses loops
    and more than ten in a row. A refused redirect is reported from its Location."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, msg, headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_SafeRedirects())


def get(
    url: str,
    *,
    etag: str | None = None,
    modified: str | None = None,
    timeout: float = TIMEOUT,
    retries: int = RETRIES,
    max_bytes: int = MAX_BYTES,
) -> Response:
    """GET `url`; FetchError with one line when it cannot be had."""
    check_url(url)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    for attempt in range(retries + 1):
        try:
            return _get_once(urllib.request.Request(url, headers=headers), timeout, max_bytes)
        except _Transient as exc:
            if attempt == retries:
                raise FetchError(str(exc)) from None
            time.sleep(BACKOFF * 2**attempt)
    raise AssertionError("the loop returns or raises")


class _Transient(Exception):
    """A failure worth another try: a timeout, a lost connection, a 5xx answer."""


def _get_once(request: urllib.request.Request, timeout: float, max_bytes: int) -> Response:
    try:
        with _opener.open(request, timeout=timeout) as answer:
            length = answer.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(_too_large(int(length), max_bytes))
            body = answer.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(_too_large(len(body), max_bytes))
            return Response(
                url=answer.geturl(),
                status=answer.status,
                body=body,
                content_type=answer.headers.get_content_type(),
                etag=answer.headers.get("ETag"),
                modified=answer.headers.get("Last-Modified"),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(
                request.full_url, 304, b"", "", exc.headers.get("ETag"), exc.headers.get("Last-Modified")
            )
        if 300 <= exc.code < 400:
            target = urljoin(request.full_url, exc.headers.get("Location", "") if exc.headers else "")
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchError(f"redirected to {target}: only http and https URLs are fetched") from None
            raise FetchError("redirect loop (or more than 10 redirects)") from None
        if exc.code >= 500:
            raise _Transient(f"HTTP {exc.code}") from None
        raise FetchError(f"HTTP {exc.code}") from None
    except TimeoutError:
        raise _Transient(f"timed out after {timeout:g} s") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _Transient(f"timed out after {timeout:g} s") from None
        raise _Transient(f"cannot connect: {exc.reason}") from None
    except (ConnectionError, OSError) as exc:
        raise _Transient(f"connection lost: {exc}") from None


def _too_large(size: int, limit: int) -> str:
    return f"larger than {limit // 2**20} MB ({size:,} bytes or more); not fetched"
