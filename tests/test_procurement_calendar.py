"""Consolidated demand, the CSV and JSON files, the iCalendar feeds and the electoral blackout rule."""

from __future__ import annotations

import csv
import io
import json

import icalendar
from helpers import REPO, make_project

from cimpskit.inputs.validate import check_project
from cimpskit.produce import calendar, procurement

MUNIS = ["Bom Jesus dos Perdões", "Campo Limpo Paulista", "Itupeva", "Jarinu", "Louveira", "Nazaré Paulista", "Vinhedo"]


def _approved(project):
    return [c.model for c in project.campaigns if c.model.status == "approved"]


def _print_ata():
    project, _ = check_project(REPO)
    return procurement.print_ata(project, _approved(project), 2026)


def test_year_totals_match_hand_computed_sums():
    year = {row.item: row for row in _print_ata().year}
    a3 = year["Cartaz couchê 150 g/m² 4x0 A3"]
    # Maio Laranja 930 + Trabalho infantil 560 + Cadastro Único 560, every municipality known.
    assert a3.total.text() == "2050"
    assert [c.text() for c in a3.cells] == ["140", "440", "380", "220", "300", "130", "440"]
    a4 = year["Cartaz couchê 150 g/m² 4x0 A4"]
    # Maio Laranja 1300 (Nazaré Paulista pending) + home care 700.
    assert a4.total.text() == "2000 + pendente"
    assert a4.cells[5].text() == "50 + pendente"
    flyer = year["Folheto couchê 115 g/m² 4x4 A5"]
    assert flyer.total.text() == "58000 + pendente"
    assert year["Banner lona 440 g/m² com bastão e corda 80×120 cm"].total.text() == "21"


def test_missing_quantity_is_pending_never_zero():
    maio_a4 = next(r for r in _print_ata().rows if r.group == "Maio Laranja 2026" and r.item.endswith("A4"))
    assert maio_a4.cells[5].text() == "pendente"
    data = json.loads(procurement.to_json(_print_ata()))
    maio = [x for x in data["lines"] if x["group"] == "Maio Laranja 2026" and x["item"].endswith("A4")]
    nazare = next(x for x in maio if x["municipality"] == "nazare-paulista")
    assert (nazare["quantity"], nazare["pending"]) == (None, True)
    assert sum(x["quantity"] or 0 for x in maio) == 1300
    a4 = next(t for t in data["totals"] if t["item"].endswith("A4"))
    assert (a4["total"], a4["pending_total"], a4["pending"]["nazare-paulista"]) == (2000, 1, 1)


def _rows(raw: bytes) -> list[list[str]]:
    """Read a pt-BR CSV back (BOM, semicolons)."""
    assert raw.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_detail_csv_has_one_numeric_row_per_municipality_and_pending_apart():
    rows = _rows(procurement.to_csv(_print_ata()))
    assert rows[0] == ["Grupo", "Item", "Unidade", "Prazo (dias)", "Município", "Quantidade", "Pendentes"]
    assert rows[1] == ["Maio Laranja 2026", "Cartaz couchê 150 g/m² 4x0 A3", "unidade", "10", MUNIS[0], "60", "0"]
    nazare_a4 = next(r for r in rows if r[0] == "Maio Laranja 2026" and r[1].endswith("A4") and r[4] == MUNIS[5])
    assert nazare_a4[5:] == ["", "1"]
    assert all(r[5] == "" or r[5].replace(",", "").isdigit() for r in rows[1:])
    a3 = [r for r in rows[1:] if r[1].endswith("A3")]
    assert sum(int(r[5]) for r in a3) == 2050
    assert procurement.number(2.5) == "2,5"


def test_totals_csv_is_numeric_with_the_pending_count_in_its_own_column():
    rows = _rows(procurement.totals_csv(_print_ata()))
    assert rows[0] == ["Item", "Unidade", *MUNIS, "Total regional", "Pendentes"]
    by_item = {r[0]: r[2:] for r in rows[1:]}
    assert by_item["Cartaz couchê 150 g/m² 4x0 A3"] == ["140", "440", "380", "220", "300", "130", "440", "2050", "0"]
    assert [by_item["Cartaz couchê 150 g/m² 4x0 A4"][i] for i in (5, 7, 8)] == ["50", "2000", "1"]
    assert all(cell == "" or cell.isdigit() for cells in by_item.values() for cell in cells)


def test_furniture_ata_uses_the_same_consolidation():
    project, _ = check_project(REPO)
    furniture = next(a.model for a in project.atas if a.model.slug == "mobiliario-2026")
    ata = procurement.item_ata(project, furniture)
    assert ata.placeholder is True
    chairs = ata.rows[0]
    assert chairs.item == "Cadeira giratória com braços e regulagem de altura"
    assert chairs.total.text() == "55"
    assert ata.rows[1].total.text() == "26 + pendente"


def test_ical_feed_parses_back_with_stable_uids():
    project, _ = check_project(REPO)
    events = calendar.events(project, _approved(project))
    first = calendar.to_ics(events, "CIMPS", "regional")
    assert calendar.to_ics(calendar.events(project, _approved(project)), "CIMPS", "regional") == first
    parsed = icalendar.Calendar.from_ical(first).walk("VEVENT")
    uids = [str(e["UID"]) for e in parsed]
    assert len(parsed) == len(events) == 4 + 3 + 3 * 4 + 7  # the 7th meeting approves the 2027 drafts
    assert len(set(uids)) == len(uids)
    maio = next(e for e in parsed if str(e["UID"]) == "maio-laranja-2026-periodo-regional@kit-campanhas.cimps")
    assert maio.decoded("DTSTART").isoformat() == "2026-05-01"
    assert maio.decoded("DTEND").isoformat() == "2026-06-01"
    order = next(e for e in parsed if str(e["UID"]) == "maio-laranja-2026-pedido-regional@kit-campanhas.cimps")
    # Delivery 5 days before 1 May (26 Apr), minus the longest lead time (10 days).
    assert order.decoded("DTSTART").isoformat() == "2026-04-16"


def test_municipal_feed_drops_print_milestones_it_does_not_order(tmp_path):
    text = (REPO / "campaigns/cadastro-unico-2026.yml").read_text()
    text = text.replace("    nazare-paulista: 40\n", "    nazare-paulista: 0\n")
    text = text.replace("    louveira: 3500\n", "    louveira: 3500\n    nazare-paulista: 0\n")
    project, problems = check_project(make_project(tmp_path, {"campaigns/cadastro-unico-2026.yml": text}))
    assert problems == []
    uids = {e.uid for e in calendar.events(project, _approved(project), "nazare-paulista")}
    assert "cadastro-unico-2026-periodo" in uids
    assert "cadastro-unico-2026-pedido" not in uids
    assert "maio-laranja-2026-pedido" in uids
    assert "cadastro-unico-2026-pedido" in {e.uid for e in calendar.events(project, _approved(project))}
    feed = calendar.to_ics(calendar.events(project, _approved(project), "nazare-paulista"), "N", "nazare-paulista")
    assert b"UID:cadastro-unico-2026-periodo-nazare-paulista@kit-campanhas.cimps" in feed


def test_blackout_exception_with_justification_passes(tmp_path, run):
    root = make_project(tmp_path, overlay=REPO / "tests/broken/electoral-blackout")
    path = root / "campaigns/maio-laranja-2026.yml"
    exception = "electoral_exception:\n  justification: Necessidade pública reconhecida pela Justiça Eleitoral.\n"
    path.write_text(path.read_text() + exception)
    status, _, err = run("--root", root, "check")
    assert (status, err) == (0, "")


def test_feeds_carry_next_years_drafts_deadlines_marked_as_planned():
    project, problems = check_project(REPO)
    assert [p for p in problems if p.severity == "error"] == []
    titles = {e.uid: e.title for e in calendar.feed_events(project, _approved(project), "jarinu")}
    assert titles["maio-laranja-2027-arte"] == "Aprovar a arte: Maio Laranja 2027 (rascunho, data prevista)"
    assert titles["maio-laranja-2027-periodo"] == "Maio Laranja 2027 (rascunho, data prevista)"
    assert titles["maio-laranja-2026-arte"] == "Aprovar a arte: Maio Laranja 2026"  # approved: as it is
    assert "agosto-lilas-2026-periodo" not in titles  # a draft of this year, not a planned round
