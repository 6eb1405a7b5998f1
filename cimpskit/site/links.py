"""Links that open another app: a calendar subscription in Google, Outlook or Apple, and a prepared e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

GOOGLE = "https://calendar.google.com/calendar/r?"
"""Google Calendar's 'add this calendar' page; it takes the feed's webcal:// address as cid."""
OUTLOOK = "https://outlook.live.com/calendar/0/addfromweb?"
"""Outlook.com's 'subscribe from web' page (personal accounts); it takes the https address and a name."""
OUTLOOK_WORK = "https://outlook.office.com/calendar/0/addfromweb?"
"""The same page for work and school accounts (Microsoft 365), which many city halls use."""
MAILTO_LIMIT = 1800
"""Longest mailto: link kept: mail apps and browsers cut longer ones (about 2,000 characters)."""


@dataclass(frozen=True)
class Subscribe:
    """One calendar feed as the site offers it: a link per calendar app, the address to copy and the file."""

    label: str
    path: str
    webcal: str
    https: str
    google: str
    outlook: str
    outlook_work: str


def subscribe(label: str, path: str, webcal: str, https: str, name: str) -> Subscribe:
    """Return the links that add a feed to Google Calendar, Outlook (personal and work) and Apple's apps."""
    google = GOOGLE + urlencode({"cid": webcal})
    query = urlencode({"url": https, "name": name})
    return Subscribe(label, path, webcal, https, google, OUTLOOK + query, OUTLOOK_WORK + query)


@dataclass(frozen=True)
class Mail:
    """A prepared e-mail link and its recipient (None: the person writes it)."""

    href: str
    to: str | None


def mailto(to: str | None, subject: str, body: str) -> str:
    """Return a mailto: link with a prepared subject and body (no recipient when none is known)."""
    query = "subject=" + quote(subject, safe="") + "&body=" + quote(body, safe="")
    link = f"mailto:{quote(to or '', safe='@')}?{query}"
    if len(link) > MAILTO_LIMIT:
        raise ValueError(f"mailto link of {len(link)} characters: shorten the prepared text")
    return link
