"""What a page says first: the campaigns running on a day, the dates of the next 30 days, and what comes next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from cimpskit.inputs.model import Campaign, Contact, Meeting
from cimpskit.inputs.project import Project
from cimpskit.produce import calendar

WINDOW_DAYS = 30
"""How far ahead the 'next dates' list looks: a month covers a campaign's key date and its print deadlines."""
WEEK_DAYS = 7
"""The home page's 'this week': today and the six days after it; the rest of the month follows the picker."""
WEEKDAYS = "seg. ter. qua. qui. sex. sáb. dom.".split()
"""Short weekday names, as Brazilian calendars print them."""
SOON_KINDS = ("data", "campanha", "producao", "reuniao", "vedacao")
"""Every kind of calendar entry an officer acts on (a campaign's start, a key date, a deadline, a meeting)."""
CONTACT_FIELDS = (("phone", "telefone"), ("address", "endereço"), ("hours", "horário"))
"""The contact fields a piece shows, with their names in the sentence that says what is missing."""


@dataclass(frozen=True)
class Soon:
    """One dated entry of the next days, with how far away it is."""

    event: calendar.Event
    days: int
    """Days from today to the entry's start (0 = today)."""

    @property
    def when(self) -> str:
        """Say how far away the entry is: 'hoje', 'amanhã', 'em 4 dias'."""
        return {0: "hoje", 1: "amanhã"}.get(self.days, f"em {self.days} dias")

    @property
    def weekday(self) -> str:
        """Return the weekday of the entry's start, as 'seg.'."""
        return WEEKDAYS[self.event.start.weekday()]


@dataclass(frozen=True)
class Planned:
    """A campaign in preparation (a draft, not published): its dates and, for one municipality, what it prints."""

    campaign: Campaign
    deadlines: calendar.Deadlines | None
    """Production dates from the draft's dates (for the municipality's own print items on its page)."""
    prints: tuple[tuple[str, int, str], ...]
    """The municipality's print items in the draft, as (format label, quantity, unit); empty for the region."""


@dataclass(frozen=True)
class Confirm:
    """A contact the next campaigns show that its municipality has not confirmed yet."""

    municipality: str
    contact: Contact

    @property
    def text(self) -> str:
        """Say the contact and what it lacks: 'CRAS de Jarinu: telefone, endereço e horário'."""
        return f"{self.contact.name}: {lacking(self.contact)}"


@dataclass(frozen=True)
class Now:
    """Where the campaigns stand on one day, for the region or one municipality."""

    today: dt.date
    running: tuple[Campaign, ...]
    """Campaigns in progress, the one ending first first."""
    soon: tuple[Soon, ...]
    """Calendar entries starting in the next WINDOW_DAYS days (today included), in date order."""
    upcoming: tuple[Campaign, ...]
    """Campaigns not started yet, the next first."""
    ended: tuple[Campaign, ...]
    """Campaigns that ended, the latest first."""
    deadlines: calendar.Deadlines | None
    """Production dates of the next campaign (for the municipality's own print items), when it prints."""
    preparing: tuple[Planned, ...] = ()
    """When nothing approved runs or comes: the drafts still ahead, so the page says what is being prepared."""
    meetings: tuple[Meeting, ...] = ()
    """Technical Chamber meetings from today until the first draft's artwork approval (they approve the drafts)."""
    confirm: tuple[Confirm, ...] = ()
    """When nothing runs: the contacts the next campaign (or the drafts) show that are still unconfirmed."""

    @property
    def next(self) -> Campaign | None:
        """Return the next campaign to start, if any."""
        return self.upcoming[0] if self.upcoming else None

    @property
    def current(self) -> tuple[Campaign, ...]:
        """Return what a page opens first: the running campaigns, else the next one."""
        return self.running or self.upcoming[:1]


def now(project: Project, campaigns: list[Campaign], today: dt.date, municipality: str | None = None) -> Now:
    """Return the running, upcoming and ended campaigns on a day and the entries of the next days."""
    running = sorted((c for c in campaigns if calendar.status(c, today) == "em-andamento"), key=_ends)
    upcoming = sorted((c for c in campaigns if calendar.status(c, today) == "proxima"), key=_starts)
    ended = sorted((c for c in campaigns if calendar.status(c, today) == "encerrada"), key=_ends, reverse=True)
    limit = today + dt.timedelta(days=WINDOW_DAYS)
    soon = tuple(
        Soon(e, (e.start - today).days)
        for e in calendar.events(project, campaigns, municipality)
        if today <= e.start <= limit and e.kind in SOON_KINDS
    )
    deadlines = calendar.print_deadlines(project, upcoming[0], municipality) if upcoming else None
    preparing = () if running or upcoming else planned(project, campaigns, today, municipality)
    meetings = _meetings(project, preparing, today)
    targets = [] if running else upcoming[:1] or [p.campaign for p in preparing]
    found = Now(today, tuple(running), soon, tuple(upcoming), tuple(ended), deadlines, preparing, meetings)
    return replace(found, confirm=to_confirm(project, targets, municipality))


def planned(project: Project, published: list[Campaign], today: dt.date, municipality: str | None) -> tuple[Planned, ...]:
    """Return the drafts not published whose period is still ahead, the first to start first."""
    shown = {c.slug for c in published}
    drafts = [
        c.model
        for c in project.campaigns
        if c.model.status == "draft" and c.model.slug not in shown and c.model.period.end >= today
    ]
    out = []
    for c in sorted(drafts, key=_starts):
        prints = tuple(
            (fmt.label, amounts[municipality], fmt.print.unit)
            for name, amounts in c.print_quantities.items()
            if municipality and amounts.get(municipality) and name in c.formats
            for fmt in [project.format(name)]
            if fmt.print
        )
        out.append(Planned(c, calendar.print_deadlines(project, c, municipality), prints))
    return tuple(out)


def _meetings(project: Project, preparing: tuple[Planned, ...], today: dt.date) -> tuple[Meeting, ...]:
    """Return the meetings between today and the first artwork approval of the drafts (none without drafts)."""
    if not preparing:
        return ()
    first = preparing[0]
    due = first.deadlines.artwork if first.deadlines else first.campaign.period.start
    return tuple(sorted((m for m in project.meetings.model.meetings if today <= m.date <= due), key=lambda m: m.date))


def lacking(contact: Contact) -> str:
    """Say what an unconfirmed contact lacks: 'telefone, endereço e horário', or 'confirmação dos dados'."""
    empty = [name for key, name in CONTACT_FIELDS if not getattr(contact, key)]
    text = ", ".join(empty[:-1]) + " e " + empty[-1] if len(empty) > 1 else "".join(empty)
    return text or "confirmação dos dados"


def to_confirm(project: Project, campaigns: list[Campaign], municipality: str | None) -> tuple[Confirm, ...]:
    """Return the unconfirmed contacts the campaigns show, of one municipality or of all, each once."""
    kinds = {k for c in campaigns for k in c.contacts}
    munis = project.municipalities.model.municipalities
    return tuple(
        Confirm(m.slug, contact)
        for m in munis
        if municipality in (None, m.slug)
        for contact in m.contacts
        if contact.kind in kinds and not contact.verified
    )


def _starts(c: Campaign) -> tuple[dt.date, str]:
    """Sort key: a campaign's first day, then its slug."""
    return c.period.start, c.slug


def _ends(c: Campaign) -> tuple[dt.date, str]:
    """Sort key: a campaign's last day, then its slug."""
    return c.period.end, c.slug


def describe(e: calendar.Event) -> str:
    """Say what a calendar entry is, in a short plain sentence (no Markdown)."""
    if e.kind == "data":
        return f"{e.title} ({e.description})"
    if e.kind == "campanha":
        return f"começa a campanha {e.title}"
    if e.kind == "reuniao":
        where = "".join(f", {part}" for part in (e.time and e.time.replace(":", "h"), e.place) if part)
        return f"{e.title}{where} ({'data confirmada' if e.description.startswith('Data confirmada') else 'data prevista'})"
    if e.kind == "vedacao":
        return f"{e.title}, até {e.end.day}/{e.end.month:02d}/{e.end.year}"
    return e.title
