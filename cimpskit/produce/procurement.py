"""Consolidated demand for shared price records (atas): per item, municipality, campaign and year."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from cimpskit.core.paths import data_file
from cimpskit.inputs.model import Ata, Campaign
from cimpskit.inputs.project import Project
from cimpskit.produce.context import Context


@dataclass(frozen=True)
class Cell:
    """A quantity for one municipality: known amount plus whether some of it is still pending."""

    value: float
    pending: bool

    def text(self) -> str:
        """Render for people: 'pendente', '120' or '120 + pendente'."""
        if self.pending and not self.value:
            return "pendente"
        return number(self.value) + (" + pendente" if self.pending else "")


@dataclass(frozen=True)
class Row:
    """One ata item's demand in one group (a campaign, an ata list, or the year)."""

    group: str
    item: str
    unit: str
    lead_time_days: int | None
    cells: tuple[Cell, ...]

    @property
    def total(self) -> Cell:
        """Return the regional total, pending if any municipality is."""
        return Cell(sum(c.value for c in self.cells), any(c.pending for c in self.cells))


@dataclass(frozen=True)
class Consolidation:
    """The consolidated demand of one ata."""

    slug: str
    title: str
    placeholder: bool
    municipalities: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...]
    year: tuple[Row, ...]


def number(value: float) -> str:
    """Format a quantity the Brazilian way, without thousands separators (spreadsheet-safe)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").replace(".", ",")


def _cell(quantity: float | None) -> Cell:
    """Turn a given or missing quantity into a cell."""
    return Cell(0, True) if quantity is None else Cell(quantity, False)


def _year(rows: list[Row]) -> tuple[Row, ...]:
    """Add up rows of the same item across groups, keeping pending marks."""
    by_item: dict[str, Row] = {}
    for row in rows:
        seen = by_item.get(row.item)
        if seen is None:
            by_item[row.item] = Row("Total do ano", row.item, row.unit, row.lead_time_days, row.cells)
            continue
        cells = tuple(
            Cell(a.value + b.value, a.pending or b.pending) for a, b in zip(seen.cells, row.cells, strict=True)
        )
        by_item[row.item] = Row("Total do ano", row.item, row.unit, row.lead_time_days, cells)
    return tuple(by_item.values())


def print_ata(project: Project, campaigns: list[Campaign], year: int) -> Consolidation:
    """Consolidate the print quantities of the year's campaigns, per print format's ata item."""
    munis = tuple((m.slug, m.name) for m in project.municipalities.model.municipalities)
    rows = []
    for campaign in sorted(campaigns, key=lambda c: c.period.start):
        if campaign.period.start.year != year:
            continue
        for name in campaign.formats:
            fmt = project.format(name)
            if fmt.print is None:
                continue
            given = campaign.print_quantities.get(name, {})
            cells = tuple(_cell(given.get(slug)) for slug, _ in munis)
            rows.append(Row(campaign.title, fmt.print.item, fmt.print.unit, fmt.print.lead_time_days, cells))
    title = f"Impressos das campanhas {year}"
    return Consolidation(f"impressos-{year}", title, False, munis, tuple(rows), _year(rows))


def item_ata(project: Project, ata: Ata) -> Consolidation:
    """Consolidate a plain item list with per-municipality quantities."""
    munis = tuple((m.slug, m.name) for m in project.municipalities.model.municipalities)
    rows = tuple(
        Row(ata.title, item.description, item.unit, None, tuple(_cell(item.quantities.get(s)) for s, _ in munis))
        for item in ata.items
    )
    return Consolidation(ata.slug, ata.title, ata.placeholder, munis, rows, ())


def table_csv(header: list[str], rows: list[list]) -> bytes:
    """Return a CSV for LibreOffice and Excel in Brazilian Portuguese: ';', UTF-8 with BOM, decimal comma.

    Numbers stay numbers (no thousands separator); None is an empty cell, never zero.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else number(v) if isinstance(v, int | float) else v for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


@dataclass(frozen=True)
class Line:
    """One municipality's demand of one item in one group: a known quantity, or None while pending."""

    group: str
    item: str
    unit: str
    lead_time_days: int | None
    municipality: str
    name: str
    quantity: float | None


@dataclass(frozen=True)
class Total:
    """One item's total over every group: known quantities per municipality and how many are still pending."""

    item: str
    unit: str
    quantities: tuple[float, ...]
    pending: tuple[int, ...]

    @property
    def total(self) -> float:
        """Return the regional total of the known quantities."""
        return sum(self.quantities)


def lines(c: Consolidation) -> list[Line]:
    """Return the detail: one line per group × item × municipality (summing quantities never counts twice)."""
    return [
        Line(row.group, row.item, row.unit, row.lead_time_days, slug, name, None if cell.pending else cell.value)
        for row in c.rows
        for (slug, name), cell in zip(c.municipalities, row.cells, strict=True)
    ]


def totals(c: Consolidation) -> list[Total]:
    """Return each item's total per municipality over every group, with pending counts kept apart."""
    by_item: dict[str, list[Line]] = {}
    for line in lines(c):
        by_item.setdefault(line.item, []).append(line)
    out = []
    for item, found in by_item.items():
        per = [[x for x in found if x.municipality == slug] for slug, _ in c.municipalities]
        known = tuple(sum(x.quantity or 0 for x in mine) for mine in per)
        pending = tuple(sum(x.quantity is None for x in mine) for mine in per)
        out.append(Total(item, found[0].unit, known, pending))
    return out


DETAIL_COLUMNS = ["Grupo", "Item", "Unidade", "Prazo (dias)", "Município", "Quantidade", "Pendentes"]


def to_csv(c: Consolidation) -> bytes:
    """Return the detail CSV: one row per group × item × municipality; a pending quantity is empty, counted apart."""
    rows = [[x.group, x.item, x.unit, x.lead_time_days, x.name, x.quantity, int(x.quantity is None)] for x in lines(c)]
    return table_csv(DETAIL_COLUMNS, rows)


def totals_csv(c: Consolidation) -> bytes:
    """Return the totals CSV: one row per item, a number per municipality, the regional total and the pending count."""
    header = ["Item", "Unidade", *[name for _, name in c.municipalities], "Total regional", "Pendentes"]
    rows = [[t.item, t.unit, *t.quantities, t.total, sum(t.pending)] for t in totals(c)]
    return table_csv(header, rows)


def _json_line(x: Line) -> dict:
    """Return one detail line as plain data; a pending quantity is null, never zero."""
    return {
        "group": x.group,
        "item": x.item,
        "unit": x.unit,
        "lead_time_days": x.lead_time_days,
        "municipality": x.municipality,
        "quantity": x.quantity,
        "pending": x.quantity is None,
    }


def _json_total(c: Consolidation, t: Total) -> dict:
    """Return one item's totals as plain data: known quantities and pending counts per municipality."""
    slugs = [slug for slug, _ in c.municipalities]
    return {
        "item": t.item,
        "unit": t.unit,
        "quantities": dict(zip(slugs, t.quantities, strict=True)),
        "pending": dict(zip(slugs, t.pending, strict=True)),
        "total": t.total,
        "pending_total": sum(t.pending),
    }


def to_json(c: Consolidation) -> bytes:
    """Return the consolidation as JSON for other systems: the detail lines and the totals per item."""
    data = {
        "ata": c.slug,
        "title": c.title,
        "placeholder": c.placeholder,
        "municipalities": dict(c.municipalities),
        "lines": [_json_line(x) for x in lines(c)],
        "totals": [_json_total(c, t) for t in totals(c)],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def paths(c: Consolidation) -> dict[str, str]:
    """Return the site paths of a consolidation's files by kind: detail CSV, totals CSV and JSON."""
    base = data_file(f"ata-{c.slug}")
    return {"lines": f"{base}.csv", "totals": f"{base}-totais.csv", "json": f"{base}.json"}


def consolidations(project: Project, campaigns: list[Campaign]) -> list[Consolidation]:
    """Return the print ata of every campaign year and every item ata."""
    years = sorted({c.period.start.year for c in campaigns})
    out = [print_ata(project, campaigns, y) for y in years]
    return out + [item_ata(project, a.model) for a in project.atas]


def files(ctx: Context) -> dict[str, bytes]:
    """Return the detail CSV, totals CSV and JSON of every consolidation, under the site's data folder."""
    out = {}
    for c in consolidations(ctx.project, ctx.campaigns):
        where = paths(c)
        out[where["lines"]] = to_csv(c)
        out[where["totals"]] = totals_csv(c)
        out[where["json"]] = to_json(c)
    return out
