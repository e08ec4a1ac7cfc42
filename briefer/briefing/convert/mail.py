"""An e-mail message (.eml) -> its text, with subject, sender and date.

The standard library's `email` parses it (policy.default). The text/plain part
is read as it is; a message with only HTML goes through the web-page path.
A charset the message declares wrongly (or one Python does not know) falls
back to UTF-8, then Windows-1252, with a warning. Recognisable newsletter
footers (the unsubscribe block, a signature after "-- ") are dropped.
"""

from __future__ import annotations

import email
import re
from email import policy
from email.message import EmailMessage, Message
from email.utils import parseaddr, parsedate_to_datetime

from briefer.briefing.convert import Converted, compose
from briefer.briefing.model import BriefingError

NO_PART = "no readable text in the message (no text/plain or text/html part)"
NOT_MAIL = "not an e-mail message (no From, Subject or Date header)"
_SIGNATURE = re.compile(r"\n-- ?\n")
_FOOTER = re.compile(
    r"unsubscribe|manage (?:your )?(?:subscription|preferences|email)|update your preferences"
    r"|you (?:are )?receiv(?:ed|ing) this (?:e-?mail|message|newsletter)|view (?:this email )?in (?:your )?browser",
    re.I,
)


def convert(raw: bytes) -> Converted:
    message = email.message_from_bytes(raw, policy=policy.default)
    if not any(message.get(name) for name in ("From", "Subject", "Date")):
        raise BriefingError("", NOT_MAIL)
    assert isinstance(message, EmailMessage)  # policy.default builds EmailMessage
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise BriefingError("", NO_PART)
    text, warnings = _part_text(part)
    subject, sender, date = _header(message, "Subject"), _sender(message), _date(message)
    if part.get_content_subtype() == "html":
        from briefer.briefing.convert import page

        body, fmt = page.article(text)[0], "markdown"
    else:
        body, fmt = text, "text"
    return compose(_without_footer(body), fmt, title=subject, date=date, source=sender, warnings=warnings)


def _part_text(part: Message) -> tuple[str, tuple[str, ...]]:
    """The part's text by its declared charset, else UTF-8, else Windows-1252 (which reads any byte)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise BriefingError("", NO_PART)
    declared = part.get_content_charset() or "us-ascii"
    try:
        return payload.decode(declared), ()
    except (LookupError, UnicodeDecodeError):
        pass
    try:
        return payload.decode("utf-8"), (
            f"the message's declared charset {declared!r} is wrong; read as UTF-8",
        )
    except UnicodeDecodeError:
        text = payload.decode("cp1252", errors="replace")
        return text, (f"the message's declared charset {declared!r} is wrong; read as Windows-1252",)


def _header(message: Message, name: str) -> str | None:
    try:
        value = message.get(name)
    except (ValueError, IndexError):  # a malformed header the parser could not fold
        return None
    return str(value) if value else None


def _sender(message: Message) -> str | None:
    name, address = parseaddr(_header(message, "From") or "")
    return name or address or None


def _date(message: Message) -> str | None:
    value = _header(message, "Date")
    try:
        return parsedate_to_datetime(value).date().isoformat() if value else None
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def _without_footer(text: str) -> str:
    """The text without a signature ("-- " line and after) and without the trailing paragraphs
    that are a newsletter's footer (unsubscribe, preferences, "you are receiving this")."""
    text = _SIGNATURE.split(text.replace("\r\n", "\n"), maxsplit=1)[0]
    paragraphs = re.split(r"\n\s*\n", text.strip())
    while len(paragraphs) > 1 and _FOOTER.search(paragraphs[-1]):
        paragraphs.pop()
    return "\n\n".join(paragraphs)
