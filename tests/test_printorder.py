"""What the print shop gets: fichas técnicas, the no-marks copy, the print order, and the bundles' print part."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from helpers import REPO, make_project
from pdfcheck import pdfx_problems
from pypdf import PdfReader
from test_build import build as run_build
from test_build import tree

from cimpskit.app import build
from cimpskit.core.errors import errors_only
from cimpskit.inputs.validate import check_project
from cimpskit.produce import ficha, printorder
from cimpskit.produce.options import BuildOptions
from cimpskit.produce.result import OutFile, Piece

CAMPAIGN = "maio-laranja-2026"
FINAL = {"itupeva": "Itupeva", "vinhedo": "Vinhedo"}
PREVIEWS = ["bom-jesus-dos-perdoes", "campo-limpo-paulista", "jarinu", "louveira", "nazare-paulista"]
ITUPEVA_ADDRESS = "Rua do Teste, 100, Centro, Itupeva - SP, 13295-000"
VINHEDO_ADDRESS = "Avenida do Teste, 200, Centro, Vinhedo - SP, 13280-000"
ITEMS = {
    "poster-a3": "Cartaz couchê 150 g/m² 4x0 A3",
    "poster-a4": "Cartaz couchê 150 g/m² 4x0 A4",
    "flyer-a5": "Folheto couchê 115 g/m² 4x4 A5",
    "banner": "Banner lona 440 g/m² com bastão e corda 80×120 cm",
}
SCREEN = ("social-portrait", "social-square", "story", "landscape")
MM = 72 / 25.4


def _verified(text: str, name: str) -> str:
    """Confirm the CREAS and Conselho Tutelar of one municipality (Maio Laranja's contacts)."""
    for label in ("CREAS", "Conselho Tutelar"):
        old = f"        name: {label} de {name}\n        phone: null\n        address: null\n        hours: null\n"
        old += "        verification: null\n"
        new = f'        name: {label} de {name}\n        phone: "(11) 0000-0000"\n        address: null\n'
        new += "        hours: null\n        verification:\n          date: 2026-01-20\n          source: Teste\n"
        assert text.count(old) == 1, (label, name)
        text = text.replace(old, new)
    return text


def _delivery(text: str, slug: str, address: str, contact: str | None) -> str:
    """Add a delivery address to one municipality."""
    at = text.index("    publish_verified_only: false\n", text.index(f"  - slug: {slug}\n"))
    lines = f'    delivery:\n      address: "{address}"\n'
    lines += f'      contact: "{contact}"\n' if contact else ""
    return text[:at] + lines + text[at:]


def printshop_files() -> dict[str, str]:
    """Return the test project's edits: Itupeva and Vinhedo confirmed with delivery addresses; quantities edited."""
    munis = (REPO / "brand/municipalities.yml").read_text()
    munis = _verified(_verified(munis, "Itupeva"), "Vinhedo")
    munis = _delivery(munis, "itupeva", ITUPEVA_ADDRESS, "Almoxarifado da Assistência Social")
    munis = _delivery(munis, "vinhedo", VINHEDO_ADDRESS, None)
    campaign = (REPO / f"campaigns/{CAMPAIGN}.yml").read_text()
    campaign = campaign.replace("    vinhedo: 200\n", "    vinhedo: 200\n    regional: 30\n")  # A3 for CIMPS
    campaign = campaign.replace("    vinhedo: 300\n", "")  # Vinhedo's A4 becomes pending
    for fmt in SCREEN:  # print formats only, to keep the build small
        campaign = campaign.replace(f"  - {fmt}\n", "", 1)
    return {"brand/municipalities.yml": munis, f"campaigns/{CAMPAIGN}.yml": campaign}


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    """Build Maio Laranja once with two confirmed municipalities; return root, out, project and result."""
    root = make_project(tmp_path_factory.mktemp("shop"), printshop_files())
    project, problems = check_project(root)
    assert errors_only(problems) == []
    result, _ = build(project, BuildOptions(out=root / "out", campaign=CAMPAIGN, jobs=2, videos=False))
    return root, root / "out", project, result


def _stem(out: Path, slug: str, fmt: str) -> Path:
    """Return the path of a piece's files without extension."""
    return out / CAMPAIGN / slug / f"{CAMPAIGN}-{slug}-{fmt}"


def _csv(data: bytes) -> list[dict[str, str]]:
    """Read a kit CSV (BOM, ';') back as rows of dicts."""
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_ficha_csv_reads_back_with_the_right_values(shop):
    _, out, _, _ = shop
    stem = _stem(out, "itupeva", "poster-a3")
    [row] = _csv(Path(f"{stem}.ficha.csv").read_bytes())
    pdf, plain = Path(f"{stem}.pdf"), Path(f"{stem}-sem-marcas.pdf")
    assert row == {
        "Campanha": "Maio Laranja 2026",
        "Município": "Itupeva",
        "Peça": "Cartaz A3",
        "Item da ata": ITEMS["poster-a3"],
        "Papel": "Couchê fosco 150 g/m²",
        "Cores": "4x0",
        "Acabamento": "Refilado",
        "Unidade": "unidade",
        "Largura final (mm)": "297",
        "Altura final (mm)": "420",
        "Sangria (mm)": "3",
        "Páginas": "1",
        "Quantidade": "180",
        "Quantidade pendente": "não",
        "Endereço de entrega": ITUPEVA_ADDRESS,
        "Contato na entrega": "Almoxarifado da Assistência Social",
        "Horário de recebimento": "",
        "Pedido à gráfica até": "16/04/2026",  # delivery 26/04 (5 days before 1 May) minus 10 days of lead time
        "Entrega até": "26/04/2026",
        "Padrão do PDF": "PDF/X-1a:2003",
        "Condição de saída": "FOGRA39 — Coated FOGRA39 (ISO 12647-2:2004)",
        "Arquivo": pdf.name,
        "Largura da página (mm)": "323",  # 297 + 2 × (3 bleed + 10 marks)
        "Altura da página (mm)": "446",
        "SHA-256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
        "Arquivo sem marcas": plain.name,
        "Largura da página sem marcas (mm)": "303",
        "Altura da página sem marcas (mm)": "426",
        "SHA-256 sem marcas": hashlib.sha256(plain.read_bytes()).hexdigest(),
        "Situação": "final",
        "Pendências": "",
    }


def test_ficha_csv_keeps_pending_quantity_and_missing_address_apart_from_numbers(shop):
    _, out, _, _ = shop
    [a4] = _csv(Path(f"{_stem(out, 'vinhedo', 'poster-a4')}.ficha.csv").read_bytes())
    assert (a4["Quantidade"], a4["Quantidade pendente"]) == ("", "sim")
    assert a4["Pendências"] == (
        "quantidade ainda não informada por Vinhedo: peça ao município e registre no kit antes de fazer o pedido"
    )
    [flyer] = _csv(Path(f"{_stem(out, 'regional', 'flyer-a5')}.ficha.csv").read_bytes())
    assert (flyer["Páginas"], flyer["Arquivo sem marcas"], flyer["Largura da página sem marcas (mm)"]) == ("2", "", "")
    assert flyer["Endereço de entrega"] == "" and flyer["Quantidade"] == ""
    assert flyer["Pendências"].endswith(
        "ainda não cadastrado: combine com o município e registre no kit antes de fazer o pedido"
    )


def test_ficha_pdf_is_one_a4_page_with_the_same_values(shop):
    _, out, _, _ = shop
    stem = _stem(out, "itupeva", "banner")
    reader = PdfReader(f"{stem}.ficha.pdf")
    assert len(reader.pages) == 1
    assert [round(float(v) / MM) for v in reader.pages[0].mediabox] == [0, 0, 210, 297]
    text = reader.pages[0].extract_text()
    for expected in (
        "Ficha técnica de impressão",
        "Banner 80 × 120 cm — Itupeva",
        ITEMS["banner"],
        "Lona vinílica 440 g/m²",
        "4x0 (frente: 4 cores (CMYK); verso: sem impressão)",
        "Bastão de madeira e corda",
        "800 × 1200 mm",
        "5 mm em cada lado",
        "4 unidades",
        "16/04/2026",
        "26/04/2026",
        ITUPEVA_ADDRESS,
        "PDF/X-1a:2003",
        "FOGRA39 — Coated FOGRA39 (ISO 12647-2:2004)",
        "830 × 1230 mm",
        "810 × 1210 mm",
        f"{CAMPAIGN}-itupeva-banner.pdf",
        hashlib.sha256(Path(f"{stem}.pdf").read_bytes()).hexdigest(),
        hashlib.sha256(Path(f"{stem}-sem-marcas.pdf").read_bytes()).hexdigest(),
    ):
        assert expected in text, expected
    assert "Antes de enviar" not in text
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert {str(f["/BaseFont"]).split("+")[1] for f in fonts} == {
        "CIMPSAtkinson-Bold",
        "CIMPSAtkinson-Regular",
    }
    assert all("/FontFile2" in f["/FontDescriptor"] for f in fonts)


def test_ficha_of_a_municipality_without_address_says_what_to_do(shop):
    root, _, project, result = shop
    piece = result.piece(CAMPAIGN, "vinhedo", "poster-a3")
    no_address = project.municipality("vinhedo").model_copy(update={"delivery": None})
    munis = project.municipalities.model.model_copy(update={"municipalities": [no_address]})
    loaded = dataclasses.replace(project.municipalities, model=munis)
    sheet = printorder.sheet(dataclasses.replace(project, municipalities=loaded), piece)
    missing = (
        "endereço de entrega de Vinhedo ainda não cadastrado: combine com o município e registre no kit antes de "
        "fazer o pedido"
    )
    assert sheet.problems() == [missing]
    text = PdfReader(io.BytesIO(ficha.ficha_pdf(sheet, *_fonts(project)))).pages[0].extract_text()
    assert "Antes de enviar à gráfica:" in text
    assert "endereço de entrega de Vinhedo ainda não cadastrado" in text


def _fonts(project) -> tuple[str, str]:
    """Return the brand font files (regular, bold)."""
    return str(project.typeface.path("regular")), str(project.typeface.path("bold"))


def test_previews_get_no_fichas_and_no_print_part(shop):
    _, out, _, result = shop
    for slug in PREVIEWS:
        piece = result.piece(CAMPAIGN, slug, "poster-a3")
        assert piece.preview and not set(printorder.ROLES) & set(piece.files)
        assert not list((out / CAMPAIGN / slug).glob("*.ficha.*"))
        assert not list((out / CAMPAIGN / slug).glob("*-sem-marcas.pdf"))
        with zipfile.ZipFile(out / CAMPAIGN / slug / f"{CAMPAIGN}-{slug}.zip") as zf:
            assert not [n for n in zf.namelist() if "/impressao/" in n]


def test_final_bundle_holds_print_files_no_marks_copies_and_fichas(shop):
    _, out, _, result = shop
    with zipfile.ZipFile(out / CAMPAIGN / "itupeva" / f"{CAMPAIGN}-itupeva.zip") as zf:
        names = sorted(n.split("/impressao/")[1] for n in zf.namelist() if "/impressao/" in n)
        sums = zf.read(f"{CAMPAIGN}-itupeva/SHA256SUMS").decode()
        guide = zf.read(f"{CAMPAIGN}-itupeva/LEIA-ME.txt").decode()
    expected = []
    for fmt in sorted(ITEMS):
        name = f"{CAMPAIGN}-itupeva-{fmt}"
        expected += [f"{name}.alt.txt", f"{name}.ficha.csv", f"{name}.ficha.pdf", f"{name}.pdf"]
        expected += [f"{name}-sem-marcas.pdf"] if fmt != "flyer-a5" else []
    assert names == sorted(expected)
    piece = result.piece(CAMPAIGN, "itupeva", "banner")
    assert f"{piece.files['ficha'].sha256}  impressao/{CAMPAIGN}-itupeva-banner.ficha.pdf" in sums
    assert ".ficha.pdf e .ficha.csv" in guide


def test_no_marks_copy_is_trim_plus_bleed_and_pdfx(shop):
    _, out, _, _ = shop
    data = Path(f"{_stem(out, 'vinhedo', 'banner')}-sem-marcas.pdf").read_bytes()
    page = PdfReader(io.BytesIO(data)).pages[0]
    box = {b: [round(float(v) / MM, 2) for v in getattr(page, b)] for b in ("mediabox", "bleedbox", "trimbox")}
    assert box == {"mediabox": [0, 0, 810, 1210], "bleedbox": [0, 0, 810, 1210], "trimbox": [5, 5, 805, 1205]}
    assert pdfx_problems(data) == []
    assert "PRÉVIA" not in page.extract_text()


def test_print_order_totals_equal_hand_sums(shop):
    _, _, project, result = shop
    campaign = next(c.model for c in project.campaigns if c.model.slug == CAMPAIGN)
    files = printorder.order_files(project, [campaign], list(result.pieces))
    own = [f"dados/pedido-impressos-2026-{m.slug}.csv" for m in project.municipalities.model.municipalities]
    assert sorted(files) == sorted(
        [
            "dados/pedido-impressos-2026-aguardando.csv",
            "dados/pedido-impressos-2026-totais.csv",
            "dados/pedido-impressos-2026.csv",
            "dados/pedido-impressos-2026.json",
            *own,
        ]
    )
    itupeva = _csv(files["dados/pedido-impressos-2026-itupeva.csv"])
    assert {r["Situação"] for r in itupeva} == {"no pedido"}
    assert all(r["Quantidade"].isdigit() for r in itupeva)
    totals = {r["Item da ata"]: r for r in _csv(files["dados/pedido-impressos-2026-totais.csv"])}
    columns = ("Quantidade", "Pendentes", "Pedidos", "Aguardando confirmação de contatos")
    got = {item: tuple(row[c] for c in columns) for item, row in totals.items()}
    assert got == {
        ITEMS["poster-a3"]: ("410", "0", "3", "5"),  # Itupeva 180 + Vinhedo 200 + CIMPS 30
        ITEMS["poster-a4"]: ("250", "2", "3", "5"),  # Itupeva 250; Vinhedo and CIMPS pending
        ITEMS["flyer-a5"]: ("15000", "1", "3", "5"),  # Itupeva 7000 + Vinhedo 8000; CIMPS pending
        ITEMS["banner"]: ("8", "1", "3", "5"),  # Itupeva 4 + Vinhedo 4; CIMPS pending
    }
    lines = _csv(files["dados/pedido-impressos-2026.csv"])
    for item, row in totals.items():
        mine = [r for r in lines if r["Item da ata"] == item]
        assert sum(int(r["Quantidade"] or 0) for r in mine) == int(row["Quantidade"])
        assert sum(int(r["Pendentes"]) for r in mine) == int(row["Pendentes"])
    assert sum(int(r["Quantidade"] or 0) for r in lines) == 410 + 250 + 15000 + 8
    a3 = next(r for r in lines if r["Município"] == "Itupeva" and r["Item da ata"] == ITEMS["poster-a3"])
    assert a3["Endereço de entrega"] == ITUPEVA_ADDRESS and a3["Pedido à gráfica até"] == "16/04/2026"
    assert a3["Arquivos"] == f"{CAMPAIGN}-itupeva-poster-a3.pdf, {CAMPAIGN}-itupeva-poster-a3-sem-marcas.pdf"
    assert a3["Ficha técnica"] == f"{CAMPAIGN}-itupeva-poster-a3.ficha.pdf"


def test_previews_are_apart_from_the_print_order(shop):
    _, _, project, result = shop
    campaign = next(c.model for c in project.campaigns if c.model.slug == CAMPAIGN)
    files = printorder.order_files(project, [campaign], list(result.pieces))
    lines = _csv(files["dados/pedido-impressos-2026.csv"])
    assert {r["Município"] for r in lines} == {"Itupeva", "Vinhedo", "CIMPS (versão regional)"}
    waiting = _csv(files["dados/pedido-impressos-2026-aguardando.csv"])
    names = {m.slug: m.name for m in project.municipalities.model.municipalities}
    assert {r["Município"] for r in waiting} == {names[s] for s in PREVIEWS}
    assert len(waiting) == len(PREVIEWS) * len(ITEMS)
    assert {r["Situação"] for r in waiting} == {"aguardando confirmação de contatos"}
    nazare = next(r for r in waiting if r["Município"] == "Nazaré Paulista" and r["Item da ata"] == ITEMS["poster-a4"])
    assert (nazare["Quantidade prevista"], nazare["Pendentes"]) == ("", "1")
    data = json.loads(files["dados/pedido-impressos-2026.json"])
    assert len(data["lines"]) == 12 and len(data["waiting"]) == 20
    assert all(x["files"] == [] and x["sha256"] is None and x["ficha"] is None for x in data["waiting"])
    vinhedo_a4 = next(x for x in data["lines"] if x["municipality"] == "vinhedo" and x["item"] == ITEMS["poster-a4"])
    assert vinhedo_a4["quantity"] is None and vinhedo_a4["pending"] is True
    assert data["totals"][0] == {
        "item": ITEMS["poster-a3"],
        "unit": "unidade",
        "quantity": 410,
        "pending": 0,
        "lines": 3,
        "waiting": 5,
    }


def test_quantity_or_address_change_rebuilds_only_the_fichas(shop, tmp_path):
    root, out, _, _ = shop
    copy = tmp_path / "proj"
    shutil.copytree(root, copy)
    args = ("--campaign", CAMPAIGN, "--sem-videos")
    status, err = run_build(copy, copy / "out", *args)  # 32 print pieces and 32 of the series
    assert status == 0 and "peças: 0 geradas, 64 reaproveitadas; pacotes ZIP: 0 atualizados; fichas técnicas: 0" in err
    path = copy / f"campaigns/{CAMPAIGN}.yml"
    path.write_text(path.read_text().replace("    itupeva: 180\n", "    itupeva: 181\n"))
    status, err = run_build(copy, copy / "out", *args)
    assert status == 0 and "peças: 0 geradas, 64 reaproveitadas; pacotes ZIP: 1 atualizados; fichas técnicas: 1" in err
    [row] = _csv(Path(f"{_stem(copy / 'out', 'itupeva', 'poster-a3')}.ficha.csv").read_bytes())
    assert row["Quantidade"] == "181"
    path = copy / "brand/municipalities.yml"
    path.write_text(path.read_text().replace(VINHEDO_ADDRESS, "Rua Nova do Teste, 1"))
    status, err = run_build(copy, copy / "out", *args)
    assert status == 0 and "peças: 0 geradas, 64 reaproveitadas; pacotes ZIP: 1 atualizados; fichas técnicas: 4" in err


def test_two_builds_give_the_same_bytes(shop, tmp_path):
    root, out, project, result = shop
    args = ("--campaign", CAMPAIGN, "--municipality", "itupeva", "--jobs", "1", "--sem-videos")
    status, err = run_build(root, tmp_path / "again", *args)
    assert status == 0, err
    again = tree(tmp_path / "again" / CAMPAIGN / "itupeva")
    assert again == tree(out / CAMPAIGN / "itupeva")
    assert any(name.endswith(".ficha.pdf") for name in again)
    campaign = next(c.model for c in project.campaigns if c.model.slug == CAMPAIGN)
    pieces = list(result.pieces)
    assert printorder.order_files(project, [campaign], pieces) == printorder.order_files(project, [campaign], pieces)


def test_ficha_digest_follows_its_data():
    piece = Piece("c/x/c-x-banner", "c", "x", "banner", "d", "print", files={"main": OutFile("c/x/a.pdf", 1, "0" * 64)})
    project, _ = check_project(REPO)
    shipped = printorder.sheet(project, dataclasses.replace(piece, campaign=CAMPAIGN, municipality="regional"))
    key = printorder.sheet_digest(shipped, "fonts")
    assert printorder.sheet_digest(dataclasses.replace(shipped, quantity=3), "fonts") != key
    assert printorder.sheet_digest(dataclasses.replace(shipped, delivery_address="Rua 1"), "fonts") != key
    assert printorder.sheet_digest(shipped, "other fonts") != key
    assert shipped.quantity is None and shipped.delivery_address is None
