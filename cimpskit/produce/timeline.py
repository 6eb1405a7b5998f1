"""The year at a glance: one SVG row per month with campaign bars and markers for milestones, dates and meetings."""

from __future__ import annotations

import calendar as stdcal
import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from cimpskit.core import fonts, paths
from cimpskit.inputs.model import Campaign
from cimpskit.inputs.project import Project
from cimpskit.produce import calendar
from cimpskit.produce.context import Context

WIDE, NARROW = 720, 380
"""The picture's two widths in CSS pixels: the content column of a laptop and a phone (13 px text in both)."""
ROW = 58
"""Height of one month: a lane for campaign bars, a lane for markers and two staggered lines of day numbers."""
DAY_GAP = 18
"""Day numbers closer than this go one line lower, so neighbours (11 and 12) never overlap."""
BAR = 20
TEXT = 13
SMALL = 11
LABEL = {WIDE: 96, NARROW: 44}
"""Width of the month-name column at each picture width."""
MONTHS = "jan fev mar abr mai jun jul ago set out nov dez".split()
MONTH_NAMES = "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split()
SHAPES = {"producao": "triangle", "reuniao": "diamond", "data": "circle"}
CORNERS = {"triangle": ((0, -6), (6, 5), (-6, 5)), "diamond": ((0, -7), (7, 0), (0, 7), (-7, 0))}
LEGEND = (("campanha", "Campanha"), ("producao", "Produção"), ("reuniao", "Reunião"), ("data", "Data"))
FAMILY = "Atkinson Hyperlegible, DejaVu Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Colours:
    """Ink of the picture from the palette: text, lines, markers, today's line and the month background."""

    text: str
    rule: str
    marker: str
    meeting: str
    today: str
    field: str


def colours(project: Project) -> Colours:
    """Pick the picture's colours from the brand palette by their site roles."""
    brand = project.brand.model
    return Colours(
        text=project.colour(brand.signature.text).hex,
        rule="#8C959F",
        marker=project.colour(brand.signature.text).hex,
        meeting=project.colour(brand.site.primary).hex,
        today=project.colour(brand.site.accent).hex,
        field="#F3F4F6",
    )


def path(year: int, width: int) -> str:
    """Return the site path of a year's picture at one width."""
    return paths.data_file(f"calendario-{year}{'-celular' if width == NARROW else ''}.svg")


def _x(day: dt.date, left: float, width: float) -> float:
    """Return the x of the middle of a day in its month's row."""
    days = stdcal.monthrange(day.year, day.month)[1]
    return left + (day.day - 0.5) / days * width


def _fit(text: str, width: float, font: str) -> str:
    """Shorten a bar's label with an ellipsis until it fits the bar."""
    if fonts.width(text, font, TEXT) <= width:
        return text
    while text and fonts.width(text + "…", font, TEXT) > width:
        text = text[:-1].rstrip()
    return text + "…" if text else ""


def _marker(kind: str, x: float, y: float, fill: str) -> str:
    """Draw the marker of an event kind centred at x, y."""
    shape = SHAPES.get(kind, "circle")
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}"/>'
    corners = CORNERS[shape]
    d = "M" + "L".join(f"{x + dx:.1f} {y + dy:.1f}" for dx, dy in corners) + "Z"
    return f'<path d="{d}" fill="{fill}"/>'


def _legend(ink: Colours, width: int, swatch: str, font: str) -> tuple[list[str], float]:
    """Draw the legend above the months, wrapping onto a second line when narrow; return it and its height."""
    out, x, y = [], 4.0, 18.0
    items = [*LEGEND, ("hoje", "Hoje")]
    for kind, label in items:
        room = 20 + fonts.width(label, font, TEXT) + 18
        if x + room > width:
            x, y = 4.0, y + 24
        if kind == "campanha":
            out.append(f'<rect x="{x:.1f}" y="{y - 6:.1f}" width="14" height="12" fill="{swatch}"/>')
        elif kind == "hoje":
            out.append(f'<path d="M{x + 7:.1f} {y - 8:.1f}V{y + 8:.1f}" stroke="{ink.today}" stroke-width="3"/>')
        else:
            out.append(_marker(kind, x + 7, y, ink.meeting if kind == "reuniao" else ink.marker))
        out.append(f'<text x="{x + 20:.1f}" y="{y + 4.5:.1f}">{escape(label)}</text>')
        x += room
    return out, y + 18


def _bars(project: Project, campaigns: list[Campaign], year: int, month: int, row: tuple[float, float, float]):
    """Draw the campaign bars crossing one month, each in its campaign's colours, labelled inside."""
    left, width, y = row
    first = dt.date(year, month, 1)
    last = dt.date(year, month, stdcal.monthrange(year, month)[1])
    out = []
    for c in campaigns:
        start, end = max(c.period.start, first), min(c.period.end, last)
        if start > end:
            continue
        x0, x1 = _x(start, left, width) - width / 62, _x(end, left, width) + width / 62
        bg, fg = project.colour(c.colors.background).hex, project.colour(c.colors.text).hex
        out.append(f'<rect x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" height="{BAR}" rx="3" fill="{bg}"/>')
        label = _fit(c.title, x1 - x0 - 8, str(project.typeface.path("bold")))
        if label:
            out.append(
                f'<text x="{x0 + 4:.1f}" y="{y + 14.5:.1f}" fill="{fg}" font-weight="700">{escape(label)}</text>'
            )
    return out


def _markers(events: list[calendar.Event], ink: Colours, year: int, month: int, row: tuple[float, float, float]):
    """Draw the one-day events of a month as markers with their day number underneath."""
    left, width, y = row
    out, ends = [], [-1e9, -1e9]
    for e in sorted(e for e in events if e.kind in SHAPES and (e.start.year, e.start.month) == (year, month)):
        x = _x(e.start, left, width)
        out.append(_marker(e.kind, x, y, ink.meeting if e.kind == "reuniao" else ink.marker))
        level = 0 if x - ends[0] >= DAY_GAP else 1
        ends[level] = x
        day_y = y + 17 + level * 12
        out.append(f'<text x="{x:.1f}" y="{day_y:.1f}" font-size="{SMALL}" text-anchor="middle">{e.start.day}</text>')
    return out


def svg(project: Project, campaigns: list[Campaign], year: int, today: dt.date, width: int) -> bytes:
    """Return the picture of a year: one row per month, campaigns as bars, other events as markers, today's line."""
    ink = colours(project)
    events = [e for e in calendar.events(project, campaigns) if e.start.year == year]
    label_w = LABEL[width]
    left, axis = label_w, width - label_w - 4
    swatch = project.colour(project.brand.model.site.primary).hex
    body, head_h = _legend(ink, width, swatch, str(project.typeface.path("regular")))
    height = round(head_h + 12 * ROW)
    for month in range(1, 13):
        top = head_h + (month - 1) * ROW
        name = MONTHS[month - 1] if width == NARROW else MONTH_NAMES[month - 1]
        body.append(
            f'<rect x="{left:.1f}" y="{top + 2:.1f}" width="{axis:.1f}" height="{ROW - 6}" fill="{ink.field}"/>'
        )
        body.append(f'<text x="2" y="{top + 17:.1f}" font-weight="700">{name.capitalize()}</text>')
        body += _bars(project, campaigns, year, month, (left, axis, top + 4))
        body += _markers(events, ink, year, month, (left, axis, top + 30))
        if (today.year, today.month) == (year, month):
            x = _x(today, left, axis)
            body.append(f'<path d="M{x:.1f} {top + 2:.1f}V{top + ROW - 4:.1f}" stroke="{ink.today}" stroke-width="3"/>')
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{FAMILY}" font-size="{TEXT}" fill="{ink.text}">'
    )
    return (head + "".join(body) + "</svg>\n").encode()


def files(ctx: Context) -> dict[str, bytes]:
    """Return the picture of every campaign year at both widths."""
    years = sorted({c.period.start.year for c in ctx.campaigns})
    return {path(y, w): svg(ctx.project, ctx.campaigns, y, ctx.today, w) for y in years for w in (WIDE, NARROW)}
