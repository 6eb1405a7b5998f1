"""Annual calendar: campaigns, key dates, production milestones and meetings; iCalendar feeds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

import icalendar

from cimpskit.core import paths
from cimpskit.inputs.model import Campaign, Meeting
from cimpskit.inputs.project import Project
from cimpskit.produce.context import Context

UID_DOMAIN = "kit-campanhas.cimps"
KINDS = {
    "campanha": "Campanha",
    "data": "Data",
    "producao": "Produção",
    "reuniao": "Reunião",
    "vedacao": "Vedação eleitoral",
}


TIMEZONE = "America/Sao_Paulo"
MEETING_HOURS = 2


@dataclass(frozen=True, order=True)
class Event:
    """One calendar entry; end is inclusive; time, when known, is the local start time (HH:MM)."""

    start: dt.date
    end: dt.date
    kind: str
    title: str
    uid: str
    description: str = ""
    url: str = ""
    time: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class Deadlines:
    """Production dates of one campaign's print items: artwork approval, print order and delivery."""

    artwork: dt.date
    order: dt.date
    delivery: dt.date
    items: tuple[str, ...]
    """The ata items these dates cover."""


def print_deadlines(project: Project, campaign: Campaign, municipality: str | None) -> Deadlines | None:
    """Return the print dates from the lead times of the items ordered (all of them for the region), or None."""
    specs = []
    for name in campaign.formats:
        fmt = project.format(name)
        wanted = municipality is None or campaign.print_quantities.get(name, {}).get(municipality, 1)
        if fmt.print and wanted:
            specs.append(fmt.print)
    if not specs:
        return None
    production = project.brand.model.production
    delivery = campaign.period.start - dt.timedelta(days=production.delivery_buffer_days)
    order = delivery - dt.timedelta(days=max(s.lead_time_days for s in specs))
    artwork = order - dt.timedelta(days=production.artwork_review_days)
    return Deadlines(artwork, order, delivery, tuple(sorted({s.item for s in specs})))


def _milestones(project: Project, campaign: Campaign, municipality: str | None) -> list[Event]:
    """Turn the print dates of a campaign into artwork approval, print order and delivery events."""
    d = print_deadlines(project, campaign, municipality)
    if d is None:
        return []
    items, title, base = "; ".join(d.items), campaign.title, campaign.slug
    return [
        Event(d.artwork, d.artwork, "producao", f"Aprovar a arte: {title}", f"{base}-arte", items),
        Event(d.order, d.order, "producao", f"Pedido à gráfica: {title}", f"{base}-pedido", items),
        Event(d.delivery, d.delivery, "producao", f"Entrega dos impressos: {title}", f"{base}-entrega", items),
    ]


def events(project: Project, campaigns: list[Campaign], municipality: str | None = None) -> list[Event]:
    """Return every event of the year for the region, or for one municipality."""
    site = project.brand.model.identity.site_url.rstrip("/")
    out = []
    for c in campaigns:
        url = f"{site}/campanhas/{c.slug}/"
        out.append(Event(c.period.start, c.period.end, "campanha", c.title, f"{c.slug}-periodo", c.purpose, url))
        for kd in c.key_dates:
            out.append(Event(kd.date, kd.date, "data", kd.label, f"{c.slug}-{kd.date:%Y%m%d}", c.title, url))
        out += [replace(e, url=url) for e in _milestones(project, c, municipality)]
    years = {c.period.start.year for c in campaigns} | {c.period.end.year for c in campaigns}
    for w in project.electoral.model.windows:
        if w.sphere == "municipal" and (w.start.year in years or w.end.year in years):
            title = "Vedação de publicidade institucional (municípios e consórcio)"
            out.append(Event(w.start, w.end, "vedacao", title, f"vedacao-{w.year}-{w.sphere}", w.basis))
    for m in project.meetings.model.meetings:
        note = "Data confirmada." if m.confirmed else "Data prevista, ainda não confirmada."
        out.append(Event(m.date, m.date, "reuniao", m.title, f"reuniao-{m.id}", note, "", m.time, m.place))
    return sorted(out)


def summary(e: Event) -> str:
    """Return an event's summary, prefixed with its kind unless the title already says what it is.

    No prefix when the title starts with the kind's first word ("Reunião da Câmara Técnica", "Vedação de
    publicidade…") or already names the step before a colon ("Pedido à gráfica: Maio Laranja").
    """
    label = KINDS[e.kind]
    first = e.title.split(maxsplit=1)[0].casefold() if e.title else ""
    if first == label.split(maxsplit=1)[0].casefold() or ":" in e.title:
        return e.title
    return f"{label}: {e.title}"


def next_meeting(project: Project, today: dt.date) -> Meeting | None:
    """Return the first Technical Chamber meeting on or after today, if any."""
    ahead = [m for m in project.meetings.model.meetings if m.date >= today]
    return min(ahead, key=lambda m: m.date, default=None)


def status(campaign: Campaign, today: dt.date) -> str:
    """Tell where a campaign stands on a day: 'encerrada', 'em-andamento' or 'proxima'."""
    if campaign.period.end < today:
        return "encerrada"
    return "em-andamento" if campaign.period.start <= today else "proxima"


def _when(e: Event) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    """Return an event's start and end: whole days, or a timed slot in the consortium's time zone."""
    if e.time is None:
        return e.start, e.end + dt.timedelta(days=1)
    hour, minute = (int(v) for v in e.time.split(":"))
    start = dt.datetime(e.start.year, e.start.month, e.start.day, hour, minute, tzinfo=ZoneInfo(TIMEZONE))
    return start, start + dt.timedelta(hours=MEETING_HOURS)


def to_ics(items: list[Event], name: str, scope: str) -> bytes:
    """Return an RFC 5545 feed with stable UIDs, so subscribed calendars update in place."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//CIMPS//Kit de Campanhas//PT-BR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = dt.datetime(min((e.start.year for e in items), default=2026), 1, 1, tzinfo=dt.UTC)
    for e in items:
        event = icalendar.Event()
        event.add("uid", f"{e.uid}-{scope}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        start, end = _when(e)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", summary(e))
        if e.description:
            event.add("description", e.description)
        if e.place:
            event.add("location", e.place)
        if e.url:
            event.add("url", e.url)
        event.add("categories", [KINDS[e.kind]])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def subscribe_url(project: Project, path: str) -> str:
    """Return a feed's webcal:// address (calendar apps subscribe to it instead of downloading the file)."""
    site = project.brand.model.identity.site_url.rstrip("/") + "/"
    return "webcal://" + (site + path).split("://", 1)[1]


def feed_url(project: Project, path: str) -> str:
    """Return a feed's https address, the one Google Agenda and Outlook ask for ("a partir de um URL")."""
    return project.brand.model.identity.site_url.rstrip("/") + "/" + path


def feed_paths(project: Project) -> list[tuple[str, str]]:
    """Return the label and site path of every calendar feed: the region's, then each municipality's."""
    name = project.brand.model.identity.short_name
    feeds = [(f"regional ({name})", paths.data_file(f"calendario-{name.lower()}.ics"))]
    return feeds + [
        (m.name, paths.data_file(f"calendario-{m.slug}.ics")) for m in project.municipalities.model.municipalities
    ]


PLANNED = " (rascunho, data prevista)"
"""What a feed adds to the title of a draft campaign's event: its dates move if the approval changes them."""


def feed_events(project: Project, campaigns: list[Campaign], municipality: str | None = None) -> list[Event]:
    """Return a feed's events: the published campaigns', and the drafts still to come (next year's round), marked
    as planned, so that a subscribed calendar shows the deadlines ahead before the drafts are approved."""
    published = {c.slug for c in campaigns}
    ends = max((c.period.end for c in campaigns), default=dt.date.min)
    drafts = [
        c.model
        for c in project.campaigns
        if c.model.status == "draft" and c.model.slug not in published and c.model.period.start > ends
    ]
    planned = tuple(f"{c.slug}-" for c in drafts)
    return [
        replace(e, title=e.title + PLANNED) if e.uid.startswith(planned) else e
        for e in events(project, campaigns + drafts, municipality)
    ]


def files(ctx: Context) -> dict[str, bytes]:
    """Return the iCalendar feeds: one for the region and one per municipality."""
    project, campaigns = ctx.project, ctx.campaigns
    name = project.brand.model.identity.short_name
    feeds = feed_paths(project)
    out = {feeds[0][1]: to_ics(feed_events(project, campaigns), f"{name} — campanhas", "regional")}
    for (label, path), m in zip(feeds[1:], project.municipalities.model.municipalities, strict=True):
        out[path] = to_ics(feed_events(project, campaigns, m.slug), f"{name} — {label}", m.slug)
    return out
