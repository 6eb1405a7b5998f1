"""What the print shop gets: the order in units, the order sheet and ZIP per print round, fichas and versions."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest
import yaml
from helpers import REPO, make_project
from pdfcheck import pdfx_problems
from pypdf import PdfReader
from test_build import build as run_build

from cimpskit.app import build
from cimpskit.core.cnpj import check_digits, valid
from cimpskit.core.errors import errors_only
from cimpskit.inputs.model import Delivery
from cimpskit.inputs.validate import check_project
from cimpskit.produce import printorder, purchase, versions
from cimpskit.produce.options import BuildOptions

CAMPAIGN = "maio-laranja-2026"
ROUND = "2026-04-16"
ITEMS = {
    "poster-a3": "Cartaz couchê 150 g/m² 4x0 A3",
    "poster-a4": "Cartaz couchê 150 g/m² 4x0 A4",
    "flyer-a5": "Folheto couchê 115 g/m² 4x4 A5",
    "banner": "Banner lona 440 g/m² com bastão e corda 80×120 cm",
}
SCREEN = ("social-portrait", "social-square", "story", "landscape")
SLUGS = ["bom-jesus-dos-perdoes", "campo-limpo-paulista", "itupeva", "jarinu", "louveira", "nazare-paulista", "vinhedo"]
REGIONAL_RUN = {"poster-a3": 30, "poster-a4": 50, "flyer-a5": 1000, "banner": 2}
ITUPEVA_SPLIT = ("Rua do Teste, 100, Centro, Itupeva - SP, 13295-000", "Avenida do Teste, 5, Itupeva - SP, 13295-000")


def _cnpj(n: int) -> str:
    """Return a test CNPJ with valid check digits (a made-up number, for this fixture only)."""
    base = f"{11222000 + n:08d}0001"
    digits = base + check_digits(base)
    return f"{digits[:2]}.{digits[2:5]}.{digits[5:8]}/{digits[8:12]}-{digits[12:]}"


def _csv(data: bytes) -> list[dict[str, str]]:
    """Read a kit CSV (BOM, ';') back as rows of dicts."""
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _text(pdf: bytes) -> str:
    """Return the text of every page of a PDF, with runs of white space as one space."""
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _hand_sums(campaign_file: Path) -> dict[str, tuple[int, int]]:
    """Add up a campaign file's print quantities per item by hand: (units given, municipalities missing)."""
    data = yaml.safe_load(campaign_file.read_text(encoding="utf-8"))["print_quantities"]
    return {
        ITEMS[fmt]: (sum(data.get(fmt, {}).values()), sum(s not in data.get(fmt, {}) for s in [*SLUGS, "regional"]))
        for fmt in ITEMS
    }


# The shipped data: every planned unit, all waiting, and who must send what --------------------------------------


@pytest.fixture(scope="module")
def shipped():
    """The shipped project and its 2026 print order judged from the data alone (as `check` sees it)."""
    project, problems = check_project(REPO)
    assert problems == []
    approved = [c.model for c in project.campaigns if c.model.status == "approved"]
    return project, printorder.print_order(project, approved, None, 2026)


def test_shipped_order_shows_every_planned_unit_waiting(shipped):
    _, order = shipped
    got = {t.item: (t.planned, t.ready, t.waiting, t.unknown) for t in printorder.tally(order.lines)}
    assert got == {
        ITEMS["poster-a3"]: (2050, 0, 2050, 3),  # 930 + 560 + 560; the regional run of 3 campaigns unknown
        ITEMS["poster-a4"]: (2000, 0, 2000, 3),  # Nazaré Paulista's Maio Laranja A4 and 2 regional runs unknown
        ITEMS["flyer-a5"]: (58000, 0, 58000, 3),
        ITEMS["banner"]: (21, 0, 21, 1),
    }
    assert len(order.lines) == 8 * (4 + 1 + 2 + 1)  # 8 buyers × the print items of the 4 approved campaigns


def test_shipped_totals_equal_the_campaign_files_hand_sums(shipped):
    _, order = shipped
    files = sorted((REPO / "campaigns").glob("*-2026.yml"))
    approved = [f for f in files if yaml.safe_load(f.read_text())["status"] == "approved"]
    by_hand: dict[str, int] = {}
    for f in approved:
        data = yaml.safe_load(f.read_text())
        for fmt, per in data.get("print_quantities", {}).items():
            by_hand[ITEMS[fmt]] = by_hand.get(ITEMS[fmt], 0) + sum(per.values())
    assert {t.item: t.planned for t in printorder.tally(order.lines)} == by_hand
    maio = [x for x in order.lines if x.campaign_slug == CAMPAIGN]
    sums = _hand_sums(REPO / f"campaigns/{CAMPAIGN}.yml")
    assert {t.item: (t.planned, t.unknown) for t in printorder.tally(maio)} == sums
    assert sums[ITEMS["poster-a4"]] == (1300, 2)  # Nazaré Paulista gave no A4 quantity: never counted as zero


def test_shipped_order_says_who_must_send_what(shipped):
    _, order = shipped
    nazare = next(x for x in order.lines if x.municipality_slug == "nazare-paulista" and x.format == "poster-a4")
    assert nazare.quantity is None and not nazare.ready
    whats = [(n.who, n.what) for n in nazare.needs]
    who = "Nazaré Paulista (Secretaria Municipal de Assistência Social)"
    assert whats == [
        (who, "confirmar Conselho Tutelar de Nazaré Paulista: telefone, endereço, horário e quem confirmou"),
        (who, "confirmar CREAS de Nazaré Paulista: telefone, endereço, horário e quem confirmou"),
        (who, "quantidade de Cartaz A4 (Maio Laranja 2026)"),
        (who, "nome do órgão comprador, como sai na nota de empenho (Prefeitura ou Fundo Municipal)"),
        (who, "CNPJ do órgão comprador"),
        (who, "endereço de entrega, quem recebe e o horário de recebimento"),
        (who, "número da nota de empenho"),
    ]
    regional = next(x for x in order.lines if x.municipality_slug == "regional" and x.format == "banner")
    assert {n.who for n in regional.needs} == {"CIMPS (consórcio)"}
    assert [n.what for n in order.needs][:2] == [
        "número da ata de registro de preços",
        "número do processo administrativo",
    ]


def test_shipped_round_sheet_and_csv_show_planned_units_and_say_not_to_send(project_root):
    out = project_root / "docs/downloads/pedidos/impressos-2026"
    text = _text((out / f"pedido-impressos-2026-{ROUND}.pdf").read_bytes())
    assert "NÃO ENVIAR À GRÁFICA: pedido incompleto" in text
    assert "Cartaz couchê 150 g/m² 4x0 A3 930 0 930 1" in text
    assert "Cartaz couchê 150 g/m² 4x0 A4 1.300 0 1.300 2" in text
    assert "Folheto couchê 115 g/m² 4x4 A5 36.000 0 36.000 1" in text
    assert "Nenhuma linha pronta: nada a produzir nesta rodada ainda." in text
    assert "CIMPS (consórcio): número da ata de registro de preços; número do processo administrativo" in text
    rows = _csv((out / f"pedido-impressos-2026-{ROUND}.csv").read_bytes())
    assert {r["Situação"] for r in rows} == {"aguardando"}
    sums = _hand_sums(project_root / f"campaigns/{CAMPAIGN}.yml")
    for item, (units, missing) in sums.items():
        mine = [r for r in rows if r["Item da ata"] == item]
        assert sum(int(r["Quantidade"] or 0) for r in mine) == units
        assert sum(int(r["Sem quantidade"]) for r in mine) == missing
    with zipfile.ZipFile(out / f"pedido-impressos-2026-{ROUND}.zip") as zf:
        names = sorted(n.split("/", 1)[1] for n in zf.namelist())
        guide = zf.read(f"pedido-impressos-2026-{ROUND}/LEIA-ME.txt").decode()
    assert names == sorted(
        ["LEIA-ME.txt", "SHA256SUMS", f"pedido-impressos-2026-{ROUND}.csv", f"pedido-impressos-2026-{ROUND}.pdf"]
    )
    assert "NÃO ENVIAR À GRÁFICA" in guide and "Falta antes de enviar:" in guide


def test_shipped_previews_are_proofs_not_print_files(project_root):
    proofs = sorted((project_root / "docs/downloads").rglob("*-prova.pdf"))
    # every municipal print piece of the 4 approved campaigns but Jarinu's 5 of Maio Laranja and Trabalho Infantil,
    # final in the shared kit (tests/sites.py confirms their contacts)
    assert len(proofs) == 7 * 8 - 5
    for path in proofs:
        data = path.read_bytes()
        with pikepdf.open(io.BytesIO(data)) as doc:
            assert "/OutputIntents" not in doc.Root, path.name
            assert all("/TrimBox" not in page for page in doc.pages), path.name
        assert "PROVA — NÃO IMPRIMIR" in _text(data), path.name
    final = sorted(p.name for p in (project_root / "docs/downloads").rglob("*-v[0-9].pdf"))
    assert len(final) == 8 + 5 and all(n.endswith("-v1.pdf") for n in final)  # a fresh history starts at 1
    assert len([n for n in final if "-jarinu-" in n]) == 5


def test_the_committed_history_reads_back_and_names_shipped_pieces():
    history = versions.load(REPO)
    project, _ = check_project(REPO)
    campaigns = {c.model.slug for c in project.campaigns}
    assert history and all(name.rsplit("-regional-", 1)[0] in campaigns for name in history)
    assert (REPO / versions.HISTORY_FILE).read_bytes() == versions.to_bytes(history)


# A verified fixture: every datum confirmed, so the order goes out complete -----------------------------------


def _verified_contacts(text: str, name: str) -> str:
    """Confirm the CREAS and Conselho Tutelar of one municipality (Maio Laranja's contacts)."""
    for label in ("CREAS", "Conselho Tutelar"):
        old = f"        name: {label} de {name}\n        phone: null\n        address: null\n        hours: null\n"
        old += "        verification: null\n"
        new = f'        name: {label} de {name}\n        phone: "(11) 0000-0000"\n        address: "Rua do Teste, 1"\n'
        new += '        hours: "Segunda a sexta, das 8h às 17h"\n'
        new += "        verification:\n          date: 2026-01-20\n          source: Teste\n"
        assert text.count(old) == 1, (label, name)
        text = text.replace(old, new)
    return text


def _buyer_and_delivery(text: str, i: int, slug: str, name: str) -> str:
    """Give one municipality a buyer (a test CNPJ) and delivery data (Itupeva: two addresses, 60 % and 40 %)."""
    at = text.index("    publish_verified_only: false\n", text.index(f"  - slug: {slug}\n"))
    lines = f"    buyer:\n      name: Fundo Municipal de Assistência Social de {name}\n      cnpj: {_cnpj(i + 1)}\n"
    points = ITUPEVA_SPLIT if slug == "itupeva" else (f"Rua do Almoxarifado, {i + 10}, {name} - SP",)
    lines += "    delivery:\n"
    for point, share in zip(points, (60, 40) if len(points) == 2 else (100,), strict=True):
        lines += f'      - address: "{point}"\n        contact: "Almoxarifado (11) 0000-0000"\n'
        lines += f'        hours: "Segunda a sexta, das 8h às 16h"\n        share: {share}\n'
    return text[:at] + lines + text[at:]


ATA = """\
slug: impressos-2026
title: Impressos das campanhas 2026
print_year: 2026
purchase:
  ata_number: "07/2026"
  process_number: "PA 123/2026"
  supplier:
    name: Gráfica do Teste Ltda.
    cnpj: {supplier}
  technical_contact:
    name: Comunicação do CIMPS
    phone: "(19) 0000-0000"
    email: comunicacao@teste.invalid
  proof:
    kind: digital
    days: 2
  tolerance_percent: 0
  packing: Caixas de até 15 kg
  empenhos:
{empenhos}
"""


def verified_files() -> dict[str, str]:
    """Return the fixture's edits: every Maio Laranja contact confirmed, every buyer, delivery, ata datum filled."""
    munis = (REPO / "brand/municipalities.yml").read_text()
    names = dict(re.findall(r"  - slug: ([a-z-]+)\n    name: (.+)\n", munis))
    for i, slug in enumerate(SLUGS):
        munis = _buyer_and_delivery(_verified_contacts(munis, names[slug]), i, slug, names[slug])
    brand = (REPO / "brand/brand.yml").read_text()
    brand = brand.replace("  cnpj: null\n", f"  cnpj: {_cnpj(90)}\n")
    brand = brand.replace(
        "delivery: []\n",
        'delivery:\n  - address: "Sede do Teste, 1, Vinhedo - SP"\n    contact: "Recepção"\n    hours: "8h às 17h"\n',
    )
    campaign = (REPO / f"campaigns/{CAMPAIGN}.yml").read_text()
    for fmt in SCREEN:  # print formats only, to keep the build small
        campaign = campaign.replace(f"  - {fmt}\n", "", 1)
    campaign = campaign.replace("    vinhedo: 300\n", "    vinhedo: 300\n    nazare-paulista: 90\n")
    for fmt, units in REGIONAL_RUN.items():
        at = campaign.index(f"  {fmt}:\n", campaign.index("print_quantities:"))
        campaign = campaign[:at] + campaign[at:].replace("    vinhedo:", f"    regional: {units}\n    vinhedo:", 1)
    empenhos = "\n".join(f"    {s}: 2026NE{i:06d}" for i, s in enumerate([*SLUGS, "regional"], 1))
    ata = ATA.format(supplier=_cnpj(77), empenhos=empenhos)
    return {
        "brand/municipalities.yml": munis,
        "brand/brand.yml": brand,
        f"campaigns/{CAMPAIGN}.yml": campaign,
        "atas/impressos-2026.yml": ata,
    }


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """Build Maio Laranja's print pieces once with every datum confirmed; return root, out, project and result."""
    root = make_project(tmp_path_factory.mktemp("shop"), verified_files())
    project, problems = check_project(root)
    assert errors_only(problems) == []
    result, _ = build(project, BuildOptions(out=root / "out", campaign=CAMPAIGN, jobs=2))
    return root, root / "out", project, result


def _round(out: Path, ext: str) -> bytes:
    """Return one of the verified round's files."""
    return (out / f"pedidos/impressos-2026/pedido-impressos-2026-{ROUND}.{ext}").read_bytes()


def test_verified_round_is_complete_with_nothing_pending(shop, run):
    root, out, _, result = shop
    [made] = result.rounds
    assert (made.id, made.complete, made.can_send) == (ROUND, True, True)
    text = _text(_round(out, "pdf"))
    assert "Pedido completo: pronto para enviar à gráfica" in text
    assert "pendente" not in text.lower() and "aguardando — não produzir" not in text.lower()
    assert "pendente" not in _round(out, "csv").decode("utf-8-sig").lower()
    assert {(r["Quem deve enviar"], r["O que falta"]) for r in _csv(_round(out, "csv"))} == {("", "")}
    for expected in (
        "Impressos das campanhas 2026 — nº 07/2026",
        "PA 123/2026",
        f"Gráfica do Teste Ltda. — CNPJ {_cnpj(77)}",
        f"Consórcio Intermunicipal de Políticas Sociais — CNPJ {_cnpj(90)}",
        "Comunicação do CIMPS · (19) 0000-0000 · comunicacao@teste.invalid",
        "Prova digital (PDF enviado pela gráfica), aprovada pelo contato técnico em até 2 dia(s) útil(eis)",
        "Entregar exatamente a quantidade pedida",
        "Pedido à gráfica até 16/04/2026 Entrega até 26/04/2026",
    ):
        assert expected in text, expected
    status, out_text, _ = run("--root", root, "check")
    left = [line for line in out_text.splitlines() if ": pendente: " in line]
    assert status == 0 and left  # the other campaigns' contacts (CRAS, Cadastro Único) are still to confirm
    assert not [line for line in left if "Maio Laranja" in line or line.startswith(("atas/", "brand/brand.yml"))]


def test_verified_round_totals_in_sheet_and_csv_equal_hand_sums(shop):
    root, out, _, _ = shop
    sums = _hand_sums(root / f"campaigns/{CAMPAIGN}.yml")
    assert sums == {
        ITEMS["poster-a3"]: (960, 0),  # 930 + 30 regional
        ITEMS["poster-a4"]: (1440, 0),  # 1300 + Nazaré 90 + 50 regional
        ITEMS["flyer-a5"]: (37000, 0),
        ITEMS["banner"]: (23, 0),
    }
    text = _text(_round(out, "pdf"))
    for item, (units, _) in sums.items():
        shown = f"{units:,}".replace(",", ".")
        assert f"{item} {shown} {shown} 0 0" in text, item
    rows = _csv(_round(out, "csv"))
    assert {r["Situação"] for r in rows} == {"neste pedido"}
    for item, (units, _) in sums.items():
        assert sum(int(r["Quantidade"]) for r in rows if r["Item da ata"] == item) == units
    itupeva = [r for r in rows if r["Destino"] == "Itupeva" and r["Item da ata"] == ITEMS["poster-a3"]]
    assert [(r["Endereço de entrega"], r["Quantidade"]) for r in itupeva] == [
        (ITUPEVA_SPLIT[0], "108"),  # 60 % of 180
        (ITUPEVA_SPLIT[1], "72"),
    ]
    assert itupeva[0]["Nota de empenho"] == "2026NE000003" and itupeva[0]["CNPJ do comprador"] == _cnpj(3)


def test_verified_round_lists_every_file_with_its_version_and_checksum(shop):
    _, out, _, result = shop
    text = _text(_round(out, "pdf"))
    rows = _csv(_round(out, "csv"))
    for piece in (p for p in result.pieces if not p.series):  # the series are screen pieces
        for role in ("main", "trim-bleed", "ficha"):
            f = piece.files.get(role)
            if f is None:
                continue
            name = Path(f.path).name
            assert re.search(r"-v1(-sem-marcas)?(\.ficha)?\.pdf$", name), name
            assert name in text and f.sha256 in text, name
        main = piece.files["main"]
        row = next(r for r in rows if r["Arquivo"] == Path(main.path).name)
        assert (row["Versão"], row["SHA-256"]) == ("1", main.sha256)
        assert row["SHA-256 da ficha"] == piece.files["ficha"].sha256


def test_verified_round_zip_holds_files_fichas_and_the_order(shop):
    _, out, _, result = shop
    top = f"pedido-impressos-2026-{ROUND}"
    with zipfile.ZipFile(io.BytesIO(_round(out, "zip"))) as zf:
        members = {n.split("/", 1)[1]: zf.read(n) for n in zf.namelist()}
    expected = {"LEIA-ME.txt", "SHA256SUMS", f"{top}.pdf", f"{top}.csv"}
    for piece in (p for p in result.pieces if not p.series):  # the series are screen pieces
        expected |= {f"arquivos/{Path(piece.files[r].path).name}" for r in ("main", "trim-bleed") if r in piece.files}
        expected |= {f"fichas/{Path(piece.files[r].path).name}" for r in ("ficha", "ficha-csv")}
    assert set(members) == expected
    assert len([n for n in members if n.startswith("arquivos/")]) == 8 * 4 + 8 * 3  # no -sem-marcas for the flyer
    sums = dict(line.split("  ")[::-1] for line in members["SHA256SUMS"].decode().splitlines())
    assert sums == {name: hashlib.sha256(data).hexdigest() for name, data in members.items() if name != "SHA256SUMS"}
    assert members[f"{top}.pdf"] == _round(out, "pdf")
    assert "Pedido completo" in members["LEIA-ME.txt"].decode() and "Falta" not in members["LEIA-ME.txt"].decode()
    for name, data in members.items():
        if name.startswith("fichas/") and name.endswith(".pdf"):
            assert "pendente" not in _text(data).lower(), name
        elif name.startswith("fichas/"):
            assert "pendente" not in data.decode("utf-8-sig").lower(), name
        elif name.startswith("arquivos/"):
            assert pdfx_problems(data) == [], name


def test_ficha_carries_purchase_data_finishing_and_version(shop):
    _, out, _, _ = shop
    stem = out / CAMPAIGN / "itupeva" / f"{CAMPAIGN}-itupeva"
    text = _text(Path(f"{stem}-banner-v1.ficha.pdf").read_bytes())
    for expected in (
        "Banner 80 × 120 cm — Itupeva — versão 1",
        "Pronta para a gráfica",
        f"Fundo Municipal de Assistência Social de Itupeva — CNPJ {_cnpj(3)}",
        "2026NE000003",
        f"2 unidades (60 %) em {ITUPEVA_SPLIT[0]}",  # 2.4 and 1.6 of 4 banners: the larger remainder gets the 4th
        f"2 unidades (40 %) em {ITUPEVA_SPLIT[1]}",
        f"Itupeva · {ITUPEVA_SPLIT[1]} · Maio Laranja 2026 · Banner 80 × 120 cm v1 · empenho 2026NE000003 · "
        "2 unidades nesta entrega; anotar quantas neste volume",
        "Impressão digital em grande formato",
        "bolsa 35 mm",
        "(visível: 1130 mm)",
        "bastão 860 mm",
        "cordão 1000 mm",
        "corte da bolsa de cima (sem escala)",
        f"{CAMPAIGN}-itupeva-banner-v1.pdf",
        f"{CAMPAIGN}-itupeva-banner-v1-sem-marcas.pdf",
    ):
        assert expected in text, expected
    flyer = _text(Path(f"{stem}-flyer-a5-v1.ficha.pdf").read_bytes())
    assert "cabeça com cabeça: o verso na mesma orientação da frente" in flyer
    assert "vira pela borda lateral" in flyer and "topo" in flyer
    assert "Offset, em chapas CMYK" in flyer
    [row] = _csv(Path(f"{stem}-poster-a3-v1.ficha.csv").read_bytes())
    assert (row["Processo de impressão"], row["Versão"], row["Situação"], row["O que falta"]) == (
        "Impressão digital em folha (toner ou jato de tinta), tiragem curta",
        "1",
        "pronta para a gráfica",
        "",
    )
    assert row["Entregas"].startswith(f"108 unidades (60 %) em {ITUPEVA_SPLIT[0]}; recebe: Almoxarifado")


def test_a_content_change_bumps_the_version_and_keeps_the_previous_checksum(shop, tmp_path):
    root, out, _, result = shop
    copy = tmp_path / "proj"
    shutil.copytree(root, copy)
    before = {p.stem: p for p in result.pieces}
    path = copy / f"campaigns/{CAMPAIGN}.yml"
    path.write_text(path.read_text().replace("é dever de todos", "é dever geral"))
    args = ("--campaign", CAMPAIGN, "--municipality", "itupeva")
    status, err = run_build(copy, copy / "out", *args)
    assert status == 0, err
    history = versions.load(copy)
    old = before[f"{CAMPAIGN}/itupeva/{CAMPAIGN}-itupeva-poster-a3"]
    kept = history[f"{CAMPAIGN}-itupeva-poster-a3"]
    assert [v.number for v in kept] == [1, 2]
    assert dict(kept[0].sha256)["pdf"] == old.files["main"].sha256
    new_pdf = copy / "out" / CAMPAIGN / "itupeva" / f"{CAMPAIGN}-itupeva-poster-a3-v2.pdf"
    assert dict(kept[1].sha256)["pdf"] == hashlib.sha256(new_pdf.read_bytes()).hexdigest()
    [row] = _csv(Path(str(new_pdf).replace(".pdf", ".ficha.csv")).read_bytes())
    assert row["Versão"] == "2"
    assert f"v1 {CAMPAIGN}-itupeva-poster-a3-v2.pdf: {old.files['main'].sha256}" in row["Versões anteriores (SHA-256)"]
    assert history[f"{CAMPAIGN}-vinhedo-poster-a3"] == versions.load(root)[f"{CAMPAIGN}-vinhedo-poster-a3"]
    saved = (copy / versions.HISTORY_FILE).read_bytes()
    status, err = run_build(copy, copy / "out", *args)
    assert status == 0 and "peças: 0 geradas, 8 reaproveitadas" in err
    assert (copy / versions.HISTORY_FILE).read_bytes() == saved  # the same inputs give the same numbers


def test_order_files_of_the_year_read_back(shop):
    _, _, project, result = shop
    campaign = next(c.model for c in project.campaigns if c.model.slug == CAMPAIGN)
    history = dict(result.history)
    files = printorder.order_files(project, [campaign], list(result.pieces), history)
    totals = {r["Item da ata"]: r for r in _csv(files["dados/pedido-impressos-2026-totais.csv"])}
    assert totals[ITEMS["poster-a3"]] == {
        "Item da ata": ITEMS["poster-a3"],
        "Unidade": "unidade",
        "Previsto": "960",
        "Pronto para pedir": "960",
        "Aguardando": "0",
        "Linhas sem quantidade": "0",
    }
    destinations = _csv(files["dados/pedido-impressos-2026-destinos.csv"])
    assert sum(int(r["Previsto"]) for r in destinations if r["Item da ata"] == ITEMS["banner"]) == 23
    assert _csv(files["dados/pedido-impressos-2026-aguardando.csv"]) == []
    assert _csv(files["dados/pedido-impressos-2026-pendencias.csv"]) == []
    data = json.loads(files["dados/pedido-impressos-2026.json"])
    assert data["rounds"] == [
        {"id": ROUND, "order_by": ROUND, "campaigns": ["Maio Laranja 2026"], "can_send": True, "complete": True}
    ]
    assert files == printorder.order_files(project, [campaign], list(result.pieces), history)


# Rules ------------------------------------------------------------------------------------------------------------


def test_a_quantity_splits_by_share_with_the_largest_remainder_first():
    points = tuple(Delivery(address=a, share=s) for a, s in (("A", 50), ("B", 30), ("C", 20)))
    assert [d.units for d in purchase.split(7, points)] == [4, 2, 1]  # 3.5, 2.1, 1.4
    assert [d.units for d in purchase.split(1, points)] == [1, 0, 0]
    assert [d.units for d in purchase.split(None, points)] == [None, None, None]
    assert sum(d.units for d in purchase.split(58001, points)) == 58001


def test_version_numbers_follow_the_bytes_and_the_history():
    history: versions.History = {}
    assert versions.assign(history, "x", {"pdf": "a"}) == 1
    assert versions.assign(history, "x", {"pdf": "a"}) == 1
    assert versions.assign(history, "x", {"pdf": "b"}) == 2
    assert versions.assign(history, "x", {"pdf": "a"}) == 3  # back to old bytes is still a new version
    assert [v.number for v in versions.previous(history, "x", 3)] == [2, 1]
    assert versions.versioned("c/m/c-m-banner.pdf", 2) == "c/m/c-m-banner-v2.pdf"
    assert versions.versioned("c/m/c-m-banner-sem-marcas.pdf", 2) == "c/m/c-m-banner-v2-sem-marcas.pdf"


def test_cnpj_check_digits():
    assert valid("11.222.333/0001-81") and not valid("11.222.333/0001-82")
    assert valid("12.ABC.345/01DE-35")  # the Receita Federal's alphanumeric example
    assert not valid("00.000.000/0000-00") and not valid("11.111.111/1111-11")
    assert all(valid(_cnpj(n)) for n in range(1, 100))
