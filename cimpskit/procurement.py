"""Consolidated demand for shared price records (atas): per item, municipality, campaign and year."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from .model import Ata, Campaign
from .project import Project

DATA_DIR = "dados"


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


def to_csv(c: Consolidation) -> bytes:
    """Return a CSV for LibreOffice and Excel in Brazilian Portuguese: ';', UTF-8 with BOM, decimal comma."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Grupo", "Item", "Unidade", "Prazo (dias)", *[n for _, n in c.municipalities], "Total regional"])
    for row in (*c.rows, *c.year):
        lead = "" if row.lead_time_days is None else str(row.lead_time_days)
        writer.writerow([row.group, row.item, row.unit, lead, *[x.text() for x in row.cells], row.total.text()])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _json_row(c: Consolidation, row: Row) -> dict:
    """Return one row as plain data; a pending quantity is null, never zero."""
    return {
        "group": row.group,
        "item": row.item,
        "unit": row.unit,
        "lead_time_days": row.lead_time_days,
        "quantities": {
            slug: (None if cell.pending and not cell.value else cell.value)
            for (slug, _), cell in zip(c.municipalities, row.cells, strict=True)
        },
        "pending": [slug for (slug, _), cell in zip(c.municipalities, row.cells, strict=True) if cell.pending],
        "total_known": row.total.value,
    }


def to_json(c: Consolidation) -> bytes:
    """Return the consolidation as JSON for other systems."""
    data = {
        "ata": c.slug,
        "title": c.title,
        "placeholder": c.placeholder,
        "municipalities": dict(c.municipalities),
        "rows": [_json_row(c, r) for r in c.rows],
        "year": [_json_row(c, r) for r in c.year],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def consolidations(project: Project, campaigns: list[Campaign]) -> list[Consolidation]:
    """Return the print ata of every campaign year and every item ata."""
    years = sorted({c.period.start.year for c in campaigns})
    out = [print_ata(project, campaigns, y) for y in years]
    return out + [item_ata(project, a.model) for a in project.atas]


def files(project: Project, campaigns: list[Campaign]) -> dict[str, bytes]:
    """Return the CSV and JSON of every consolidation, under the site's data folder."""
    out = {}
    for c in consolidations(project, campaigns):
        out[f"{DATA_DIR}/ata-{c.slug}.csv"] = to_csv(c)
        out[f"{DATA_DIR}/ata-{c.slug}.json"] = to_json(c)
    return out
