"""The pending-items board: contacts, quantities, logos and the publication choice, with deadlines from the calendar."""

from __future__ import annotations

import csv
import datetime as dt
import io

from helpers import REPO, make_project

from cimpskit.inputs.validate import check_project
from cimpskit.produce import pending

VERIFIED_CT = """\
      - kind: conselho-tutelar
        name: Conselho Tutelar de Jarinu
        phone: "(11) 4016-0000"
        address: "Rua Exemplo, 10 – Centro"
        hours: "Segunda a sexta, das 8h às 17h"
        verification:
          date: {date}
          source: "Ofício da Secretaria Municipal de Assistência Social"
"""
UNVERIFIED_CT = """\
      - kind: conselho-tutelar
        name: Conselho Tutelar de Jarinu
        phone: null
        address: null
        hours: null
        verification: null
"""


def _board(root, today: dt.date) -> list[pending.Item]:
    """Return the board of a project on a day."""
    project, problems = check_project(root)
    assert [p for p in problems if p.severity == "error"] == []
    return pending.items(project, [c.model for c in project.campaigns if c.model.status == "approved"], today)


def test_deadlines_come_from_the_production_calendar():
    board = _board(REPO, dt.date(2026, 3, 1))
    nazare = [i for i in board if i.municipality == "nazare-paulista"]
    # Maio Laranja starts 1 May: delivery 5 days before (26 Apr), print order 10 days before that (16 Apr),
    # artwork approval 5 days before the order (11 Apr).
    quantity = next(i for i in nazare if i.kind == "quantidade")
    assert (quantity.deadline, quantity.campaign) == (dt.date(2026, 4, 16), "Maio Laranja 2026")
    assert quantity.what == "quantidade de Cartaz A4 (Cartaz couchê 150 g/m² 4x0 A4)"
    council = next(i for i in nazare if i.kind == "contato" and "Conselho Tutelar" in i.what)
    assert council.deadline == dt.date(2026, 4, 11) and not council.overdue
    cras = next(i for i in nazare if i.kind == "contato" and i.what.startswith("CRAS"))
    assert (cras.deadline, cras.campaign) == (dt.date(2026, 6, 11), "Cadastro Único em dia")
    assert {i.kind for i in nazare} == {"contato", "quantidade", "decisao", "logo", "comprador", "entrega", "empenho"}
    empenho = next(i for i in nazare if i.kind == "empenho")
    assert (empenho.deadline, empenho.what) == (dt.date(2026, 4, 16), "número da nota de empenho")


def test_items_past_their_deadline_are_overdue():
    board = _board(REPO, dt.date(2026, 4, 20))
    late = [i for i in board if i.municipality == "jarinu" and i.overdue]
    assert {i.kind for i in late} == {"contato", "decisao", "logo", "comprador", "entrega", "empenho"}
    assert all(i.deadline < dt.date(2026, 4, 20) for i in late)
    assert pending.summary(board) == (
        "pendências: 72 item(ns) em 7 município(s) e 20 do consórcio, 73 atrasado(s) (pendencias.md)"
    )
    kit = [i for i in board if i.kind == "email"]
    assert [(i.municipality, i.what) for i in kit] == [
        (
            "regional",
            "e-mail da equipe do kit em brand/brand.yml (identity.feedback.email): sem ele, os e-mails preparados "
            "do site (contatos confirmados, sugestões) abrem sem destinatário",
        )
    ]


def test_the_consortium_has_its_own_items_on_the_board():
    board = _board(REPO, dt.date(2026, 3, 1))
    own = [(i.deadline, i.kind, i.what) for i in board if i.municipality == "regional"]
    assert own[0][:2] == (dt.date(2026, 4, 11), "email")  # the kit's e-mail, by the first artwork approval
    assert own[1:4] == [
        (dt.date(2026, 4, 16), "ata", "CNPJ da gráfica registrada na ata"),
        (dt.date(2026, 4, 16), "ata", "contato técnico: nome e telefone ou e-mail"),
        (dt.date(2026, 4, 16), "ata", "nome da gráfica registrada na ata"),
    ]
    assert (dt.date(2026, 4, 16), "comprador", "CNPJ do órgão comprador") in own
    assert (dt.date(2026, 4, 16), "entrega", "endereço de entrega, quem recebe e o horário de recebimento") in own
    quantities = [(d, w) for d, k, w in own if k == "quantidade"]
    assert len(quantities) == 8  # the regional run of every print item of the four approved campaigns
    assert (dt.date(2026, 8, 17), "quantidade de Cartaz A4 (Cartaz couchê 150 g/m² 4x0 A4)") in quantities
    rows = pending.to_csv(check_project(REPO)[0], board).decode("utf-8-sig").splitlines()
    assert (
        "CIMPS (consórcio);16/04/2026;não;Completar a ata;número da ata de registro de preços;Maio Laranja 2026" in rows
    )


def test_a_confirmed_contact_leaves_the_board_until_it_grows_old(tmp_path):
    munis = (REPO / "brand/municipalities.yml").read_text()
    fresh = munis.replace(UNVERIFIED_CT, VERIFIED_CT.format(date="2026-02-01"))
    root = make_project(tmp_path / "fresh", {"brand/municipalities.yml": fresh})
    jarinu = [i.what for i in _board(root, dt.date(2026, 3, 1)) if i.municipality == "jarinu"]
    assert not any(w.startswith("Conselho Tutelar") for w in jarinu)
    old = munis.replace(UNVERIFIED_CT, VERIFIED_CT.format(date="2025-01-15"))
    root = make_project(tmp_path / "old", {"brand/municipalities.yml": old})
    again = [i for i in _board(root, dt.date(2026, 3, 1)) if i.municipality == "jarinu" and i.kind == "reconfirmar"]
    assert [i.what for i in again] == ["Conselho Tutelar: dados confirmados em 15/01/2025, há mais de 12 meses"]


def test_choosing_to_publish_with_confirmed_contacts_only_removes_the_decision(tmp_path):
    munis = (REPO / "brand/municipalities.yml").read_text()
    start = munis.index("  - slug: jarinu")
    chosen = munis[:start] + munis[start:].replace("publish_verified_only: false", "publish_verified_only: true", 1)
    root = make_project(tmp_path, {"brand/municipalities.yml": chosen})
    kinds = {i.kind for i in _board(root, dt.date(2026, 3, 1)) if i.municipality == "jarinu"}
    assert "decisao" not in kinds and "contato" in kinds


def test_nothing_ahead_leaves_standing_items_without_a_deadline():
    board = _board(REPO, dt.date(2026, 11, 26))
    assert board and all(i.deadline is None and not i.overdue and i.campaign == "" for i in board)
    assert {i.kind for i in board} == {"contato", "decisao", "logo", "email"}


def test_board_csv_reads_back(tmp_path):
    project, _ = check_project(REPO)
    board = pending.items(
        project, [c.model for c in project.campaigns if c.model.status == "approved"], dt.date(2026, 4, 20)
    )
    data = pending.to_csv(project, board)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Município", "Prazo", "Atrasado", "Tipo", "O que falta", "Campanha"]
    assert len(rows) == len(board) + 1
    nazare = [r for r in rows if r[0] == "Nazaré Paulista" and r[3] == "Informar quantidade"]
    assert nazare[0][1:3] == ["16/04/2026", "sim"]
