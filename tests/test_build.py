"""The build command: variants, files, bundles, cache, determinism and failures."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from helpers import REPO, make_project, make_tiny
from pypdf import PdfReader

from cimpskit.cli import main

MUNIS = [
    "bom-jesus-dos-perdoes",
    "campo-limpo-paulista",
    "itupeva",
    "jarinu",
    "louveira",
    "nazare-paulista",
    "vinhedo",
    "regional",
]
FORMATS = {
    "social-portrait": "png",
    "social-square": "png",
    "story": "png",
    "landscape": "png",
    "poster-a3": "pdf",
    "poster-a4": "pdf",
    "flyer-a5": "pdf",
    "banner": "pdf",
}
MM = 72 / 25.4


def build(root: Path, out: Path, *args: str) -> tuple[int, str]:
    """Run a build in-process; return its status and stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["--root", str(root), "build", "--out", str(out), "--jobs", "2", *args])
    return status, err.getvalue()


def tree(out: Path) -> dict[str, bytes]:
    """Return every file under out with its bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def maio(built) -> tuple[Path, Path, str]:
    """The shared built kit (read only), with Maio Laranja in it: root, assets folder and the build's messages."""
    return built.root, built.out, built.log


def test_maio_laranja_has_eight_variants_in_every_format(maio):
    _, out, err = maio
    for muni in MUNIS:
        for fmt, ext in FORMATS.items():
            stem = out / "maio-laranja-2026" / muni / f"maio-laranja-2026-{muni}-{fmt}"
            final = muni in ("regional", "jarinu")  # the shared kit confirms Jarinu's contacts (tests/sites.py)
            main = "" if ext == "png" else ("-v1" if final else "-prova")  # final: versioned; else a proof
            assert Path(f"{stem}{main}.{ext}").is_file(), stem
            assert Path(f"{stem}.webp").is_file(), stem
            assert Path(f"{stem}.alt.txt").is_file(), stem
            screen = ext == "png"
            assert not Path(f"{stem}.full.webp").exists(), stem
            assert Path(f"{stem}.legenda.txt").is_file() == screen, stem
            assert Path(f"{stem}.whatsapp.txt").is_file() == screen, stem
            assert Path(f"{stem}.facebook.txt").is_file() == screen, stem
    # 198 pieces of the formats (manual examples included); per variant of the 4 approved campaigns, its series
    # (carousel and frame; a date post and its countdown per key date: 14 in all) and its two videos
    assert "peças: 374 geradas, 0 reaproveitadas; pacotes ZIP: 39 atualizados" in err


def test_png_is_the_drawn_piece_pixel_for_pixel_and_the_preview_480_wide(maio):
    from PIL import Image, ImageChops

    from cimpskit.inputs.validate import check_project
    from cimpskit.layout.planned import make_plan
    from cimpskit.layout.preflight import job_findings
    from cimpskit.render import raster
    from cimpskit.render.assets import render_job

    root, out, _ = maio
    stem = out / "maio-laranja-2026/jarinu/maio-laranja-2026-jarinu-social-portrait"
    with Image.open(f"{stem}.png") as png, Image.open(f"{stem}.webp") as preview:
        assert (png.format, png.mode, png.size) == ("PNG", "RGB", (1080, 1350))
        assert preview.size == (raster.PREVIEW_WIDTH, 600)
        drawn = png.convert("RGB")
    project, _ = check_project(root)
    job = next(j for j in make_plan(project, False, "maio-laranja-2026", "jarinu").jobs if j.stem.endswith("portrait"))
    assert render_job(job, root).files["main"][1] == Path(f"{stem}.png").read_bytes()
    scene, _ = job_findings(job)
    assert ImageChops.difference(raster.draw_page(scene, scene.pages[0], root, 1080), drawn).getbbox() is None


def _boxes_mm(page) -> dict[str, list[float]]:
    """Return a page's boxes in millimetres."""
    return {b: [round(float(v) / MM, 2) for v in getattr(page, b)] for b in ("mediabox", "bleedbox", "trimbox")}


def test_poster_pdf_is_print_ready(maio):
    _, out, _ = maio
    reader = PdfReader(out / "maio-laranja-2026/regional/maio-laranja-2026-regional-poster-a3-v1.pdf")
    page = reader.pages[0]
    assert _boxes_mm(page) == {
        "mediabox": [0.0, 0.0, 323.0, 446.0],
        "bleedbox": [10.0, 10.0, 313.0, 436.0],
        "trimbox": [13.0, 13.0, 310.0, 433.0],
    }
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    assert sorted(str(f["/BaseFont"]).split("+")[1] for f in fonts) == [
        "CIMPSAtkinson-Bold",
        "CIMPSAtkinson-Regular",
    ]
    assert all("/FontFile2" in f["/FontDescriptor"] for f in fonts)
    text = page.extract_text()
    assert "Proteger crianças" in text and "Conselho Tutelar" in text and "Disque\n100\n" in text
    assert "confirmar" not in text and "PRÉVIA" not in text and "PROVA" not in text
    content = page.get_contents().get_data().decode("latin-1")
    assert "0 .55 .9 0 k" in content  # laranja, CMYK 0/55/90/0 from the brand
    assert ".7 .6 .5 .8 k" in content  # grafite, in large text and the hero band
    assert "0 0 0 1 k" in content  # small grafite text prints in black ink only
    assert not re.search(r"\brg\b", content), "flat colours must be CMYK, not RGB"
    assert reader.metadata.title == "Maio Laranja 2026 — CIMPS — Cartaz A3"
    assert reader.trailer["/Root"]["/Lang"] == "pt-BR"


def test_banner_has_five_millimetre_bleed_and_flyer_two_pages(maio):
    _, out, _ = maio
    banner = PdfReader(out / "maio-laranja-2026/regional/maio-laranja-2026-regional-banner-v1.pdf").pages[0]
    boxes = _boxes_mm(banner)
    assert boxes["trimbox"][2] - boxes["trimbox"][0] == 800
    assert boxes["bleedbox"][2] - boxes["bleedbox"][0] == 810
    flyer = PdfReader(out / "maio-laranja-2026/itupeva/maio-laranja-2026-itupeva-flyer-a5-prova.pdf")
    assert len(flyer.pages) == 2
    back = flyer.pages[1].extract_text()
    assert "Onde procurar ajuda em Itupeva" in back
    assert "Conselho Tutelar de Itupeva" in back and "CREAS de Itupeva" in back


def _zip(path: Path) -> dict[str, bytes]:
    """Return the members of a ZIP, checking its dates and checksums on the way."""
    with zipfile.ZipFile(path) as zf:
        assert all(info.date_time == (2026, 2, 10, 12, 0, 0) for info in zf.infolist())  # approval meeting
        members = {name: zf.read(name) for name in zf.namelist()}
    top = {name.split("/", 1)[0] for name in members}
    assert len(top) == 1
    sums = members[f"{top.pop()}/SHA256SUMS"].decode().splitlines()
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256(next(v for k, v in members.items() if k.endswith("/" + name))).hexdigest() == digest
    return members


def test_zip_bundle_of_a_preview_has_no_print_files(maio):
    _, out, _ = maio
    names = sorted(_zip(out / "maio-laranja-2026/louveira/maio-laranja-2026-louveira.zip"))
    top = "maio-laranja-2026-louveira/"  # the shared kit confirms Jarinu's contacts (tests/sites.py), not Louveira's
    assert f"{top}redes-sociais/maio-laranja-2026-louveira-social-portrait.png" in names
    assert f"{top}LEIA-ME.txt" in names
    assert not any("/impressao/" in n or n.endswith((".pdf", "-verso.webp")) for n in names)
    series = [n for n in names if "/redes-sociais/serie/" in n]
    videos = [n for n in names if "/redes-sociais/videos/" in n]
    assert len(names) - len(series) - len(videos) == 4 * 5 + 2  # 4 social formats × (PNG, alt, 3 captions), guide, sums
    # The series: six carousel cards, the 18 de Maio, its countdown and the frame, each with alt and 3 captions
    assert len(series) == 6 + 3 + 4 * 4
    assert f"{top}redes-sociais/serie/maio-laranja-2026-louveira-carrossel-6.png" in names
    assert len(videos) == 2 * 5  # the MP4s with their alt texts and captions


def test_zip_bundle_of_a_final_variant_holds_print_and_social_parts(maio):
    _, out, _ = maio
    members = _zip(out / "maio-laranja-2026/regional/maio-laranja-2026-regional.zip")
    top = "maio-laranja-2026-regional/"
    prints = sorted(n for n in members if n.startswith(f"{top}impressao/"))
    print_files = [n for n in prints if n.endswith(".pdf") and not n.endswith((".ficha.pdf", "-sem-marcas.pdf"))]
    assert print_files == [
        f"{top}impressao/maio-laranja-2026-regional-{f}-v1.pdf"
        for f in ("banner", "flyer-a5", "poster-a3", "poster-a4")
    ]
    assert [n for n in prints if n.endswith("-sem-marcas.pdf")] == [
        f"{top}impressao/maio-laranja-2026-regional-{f}-v1-sem-marcas.pdf" for f in ("banner", "poster-a3", "poster-a4")
    ]
    assert len([n for n in prints if n.endswith((".ficha.pdf", ".ficha.csv"))]) == 4 * 2
    assert not any(n.endswith(".webp") and "/impressao/" in n for n in members)
    assert "arquivos PDF/X-1a para a gráfica" in members[f"{top}LEIA-ME.txt"].decode()


def test_alt_text_and_captions(maio):
    _, out, _ = maio
    folder = out / "maio-laranja-2026/louveira"
    alt = (folder / "maio-laranja-2026-louveira-social-square.alt.txt").read_text()
    assert alt == (  # the illustration in one sentence, then every drawn text in reading order, never cut
        "Ilustração: um adulto abraça e protege uma criança. PRÉVIA — CONTATOS A CONFIRMAR. MAIO LARANJA. 18 DE MAIO. "
        "18 de Maio: contra o abuso e a exploração sexual de crianças e adolescentes. Viu ou desconfia? Denuncie. "
        "Disque 100. Louveira. Secretaria Municipal de Assistência Social. CIMPS. "
        "Consórcio Intermunicipal de Políticas Sociais.\n"
    )
    instagram = (folder / "maio-laranja-2026-louveira-social-square.legenda.txt").read_text()
    facebook = (folder / "maio-laranja-2026-louveira-social-square.facebook.txt").read_text()
    for caption in (instagram, facebook):
        assert "confirmar." not in caption.split("#PraTodosVerem")[0]  # nothing unconfirmed in the text itself
        assert "#MaioLaranja #18deMaio #Disque100 #FaçaBonito #CIMPS\n\n#PraTodosVerem: " + alt in caption
    assert "Saiba onde pedir ajuda em Louveira: link na bio." in instagram and "https://" not in instagram
    link = "https://cimps-sp.github.io/kit-campanhas/c/louveira/maio-laranja/"
    assert f"Saiba onde pedir ajuda em Louveira: {link}" in facebook
    whatsapp = (folder / "maio-laranja-2026-louveira-social-square.whatsapp.txt").read_text()
    assert whatsapp == (
        "*Proteger crianças e adolescentes é dever de todos*\n"
        "18 de Maio: contra o abuso e a exploração sexual de crianças e adolescentes.\n\nViu ou desconfia? Denuncie.\n"
        f"Disque 100 — Ligação gratuita e anônima, 24 horas.\n\nSaiba onde pedir ajuda em Louveira: {link}\n"
    )
    flyer = (folder / "maio-laranja-2026-louveira-flyer-a5.alt.txt").read_text().splitlines()
    assert len(flyer) == 2 and "Onde procurar ajuda em Louveira. Ao ligar para o Disque 100." in flyer[1]
    assert "Conselho Tutelar de Louveira. Telefone, endereço e horário a confirmar." in flyer[1]


def test_regional_variant_lists_the_municipalities_and_the_consortium(maio):
    _, out, _ = maio
    words = PdfReader(out / "maio-laranja-2026/regional/maio-laranja-2026-regional-poster-a4-v1.pdf").pages[0]
    text = words.extract_text()
    assert "CIMPS" in text and "cimps.sp.gov.br" in text and "Procure o Conselho Tutelar ou o CREAS" in text
    assert "Bom Jesus dos Perdões · Campo Limpo Paulista" in text and "Vinhedo" in text
    assert "PRÉVIA" not in text and "confirmar" not in text


def test_noop_rebuild_renders_nothing(built_copy):
    out = built_copy / "docs/downloads"
    before = tree(out)
    status, err = build(built_copy, out)
    assert status == 0
    assert "peças: 0 geradas, 374 reaproveitadas; pacotes ZIP: 0 atualizados" in err
    assert tree(out) == before


def test_change_to_one_campaign_rerenders_only_it(tmp_path):
    root = make_tiny(tmp_path, campaigns=("maio-laranja-2026", "cadastro-unico-2026"))
    out = tmp_path / "out"
    assert build(root, out, "--municipality", "jarinu")[0] == 0
    path = root / "campaigns/cadastro-unico-2026.yml"
    path.write_text(path.read_text().replace("Atualize seu Cadastro Único", "Cadastro Único em dia"))
    status, err = build(root, out, "--municipality", "jarinu")
    assert status == 0
    # Cadastro Único's 2 formats and its series (carousel, frame); Maio Laranja's 2 formats and 4 series pieces reused
    assert "peças: 4 geradas, 6 reaproveitadas; pacotes ZIP: 1 atualizados" in err


def test_two_clean_builds_are_byte_identical(tmp_path):
    formats = ("social-portrait", "poster-a3", "flyer-a5")  # PNG and WebP, one- and two-page PDF/X, ZIP
    root = make_tiny(tmp_path, formats=formats, municipalities=("nazare-paulista",))
    assert build(root, tmp_path / "a", "--municipality", "nazare-paulista")[0] == 0
    assert build(root, tmp_path / "b", "--municipality", "nazare-paulista", "--jobs", "1")[0] == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_removed_format_and_campaign_outputs_are_deleted(tmp_path):
    campaigns = ("trabalho-infantil-2026", "atendimento-domicilio-2026")
    root = make_tiny(tmp_path, campaigns, formats=("story", "landscape"), municipalities=("vinhedo",))
    out = tmp_path / "out"
    assert build(root, out)[0] == 0
    path = root / "campaigns/trabalho-infantil-2026.yml"
    path.write_text(path.read_text().replace("- landscape\n", ""))
    (root / "campaigns/atendimento-domicilio-2026.yml").unlink()
    status, err = build(root, out)
    assert status == 0
    assert not list(out.rglob("*trabalho-infantil-2026-*-landscape.*"))
    assert not (out / "atendimento-domicilio-2026").exists()
    assert (out / "trabalho-infantil-2026/vinhedo/trabalho-infantil-2026-vinhedo-story.png").is_file()


def test_drafts_only_with_flag_and_watermarked(tmp_path):
    root = make_tiny(tmp_path, ("maio-laranja-2026", "agosto-lilas-2026"))
    out = tmp_path / "out"
    assert build(root, out, "--municipality", "jarinu")[0] == 0
    assert not (out / "agosto-lilas-2026").exists()
    status, _ = build(root, out, "--municipality", "jarinu", "--campaign", "agosto-lilas-2026", "--drafts")
    assert status == 0
    pdf = out / "agosto-lilas-2026/jarinu/agosto-lilas-2026-jarinu-poster-a3-prova.pdf"
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "PROVA — NÃO IMPRIMIR" in text and "campanha em rascunho, ainda não aprovada pela Câmara Técnica" in text
    assert build(root, out, "--municipality", "jarinu")[0] == 0
    assert build(root, out)[0] == 0
    assert not (out / "agosto-lilas-2026").exists()


def test_draft_campaign_needs_the_drafts_flag(tmp_path):
    status, err = build(make_project(tmp_path), tmp_path / "out", "--campaign", "agosto-lilas-2026")
    assert (status, err) == (
        2,
        "build_assets.py build: erro: campanha 'agosto-lilas-2026' é rascunho: use --drafts para gerar uma prévia\n",
    )


def test_unknown_campaign_or_municipality_is_a_usage_error(tmp_path):
    root = make_project(tmp_path)
    status, err = build(root, tmp_path / "out", "--campaign", "nope")
    assert status == 2
    assert err.startswith("build_assets.py build: erro: campanha 'nope' não existe em campaigns/ (campanhas: ")
    status, err = build(root, tmp_path / "out", "--municipality", "valinhos")
    assert (status, err) == (
        2,
        "build_assets.py build: erro: município 'valinhos' não existe em brand/municipalities.yml\n",
    )
    assert not (tmp_path / "out").exists()


def test_text_that_does_not_fit_names_every_failing_asset(tmp_path):
    campaign = (REPO / "campaigns/atendimento-domicilio-2026.yml").read_text()
    long_body = " ".join(["Pessoas idosas e pessoas com deficiência podem receber a visita da equipe."] * 40)
    campaign = campaign.replace(
        "    Pessoas idosas e pessoas com deficiência que têm dificuldade para sair de casa podem\n"
        "    receber a visita da equipe da assistência social. O atendimento é gratuito.\n",
        f"    {long_body}\n",
    )
    root = make_project(tmp_path, {"campaigns/atendimento-domicilio-2026.yml": campaign})
    out = tmp_path / "out"
    status, err = build(root, out, "--campaign", "atendimento-domicilio-2026", "--municipality", "jarinu")
    assert status == 1
    assert err == (
        "campaigns/atendimento-domicilio-2026.yml:18:9: texto não cabe (frente): corte cerca de 2550 caracteres "
        "(passa 207,9 mm no formato Cartaz A4) — formato(s): Cartaz A4; versões: Jarinu\n"
        "1 erro(s), 0 aviso(s)\n"
    )
    assert [p for p in out.rglob("*") if p.is_file()] == []


def _logo(path: Path, colour: str, size: tuple[int, int] = (2000, 800)) -> None:
    """Write a PNG logo (big enough for the banner at its format's resolution)."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGBA", size, colour).save(path)


def test_municipality_logo_replaces_the_typographic_signature_and_keys_the_cache(tmp_path):
    munis = (REPO / "brand/municipalities.yml").read_text()
    munis = munis.replace("    logo: null", "    logo: vinhedo.png", 7)  # the 7th entry is Vinhedo
    munis = munis.replace("    logo: vinhedo.png", "    logo: null", 6)
    root = make_project(tmp_path, {"brand/municipalities.yml": munis})
    _logo(root / "brand/logos/vinhedo.png", "#0B4F8A")
    out = tmp_path / "out"
    args = ("--campaign", "maio-laranja-2026", "--municipality", "vinhedo", "--sem-videos")
    status, err = build(root, out, *args)
    assert status == 0, err
    page = PdfReader(out / "maio-laranja-2026/vinhedo/maio-laranja-2026-vinhedo-poster-a3-prova.pdf").pages[0]
    [image] = page.images
    assert image.image.mode == "CMYK" and "/SMask" not in image.indirect_reference.get_object()
    text = page.extract_text()
    assert "Vinhedo" in text and "Secretaria Municipal de Assistência Social" in text and "CIMPS" in text
    _logo(root / "brand/logos/vinhedo.png", "#1E6B52")
    status, err = build(root, out, *args)
    assert "peças: 12 geradas, 0 reaproveitadas" in err  # 8 formats, 4 series pieces


def _jarinu(kinds: tuple[str, ...], publish_verified_only: bool = False) -> str:
    """Return brand/municipalities.yml with Jarinu's contacts of the given kinds confirmed."""
    text = (REPO / "brand/municipalities.yml").read_text()
    start = text.index("  - slug: jarinu")
    end = text.index("  - slug: louveira")
    block = text[start:end]
    for kind in kinds:
        head = f"      - kind: {kind}\n"
        at = block.index(head)
        old = "        phone: null\n        address: null\n        hours: null\n        verification: null\n"
        new = (
            '        phone: "(11) 4016-1234"\n        address: "Rua Exemplo, 100 – Centro"\n'
            '        hours: "Segunda a sexta, das 8h às 17h"\n'
            '        verification: {date: 2026-11-20, source: "E-mail da Secretaria Municipal de Assistência Social"}\n'
        )
        rest = block[at:]
        block = block[:at] + rest.replace(old, new, 1)
    if publish_verified_only:
        block = block.replace("publish_verified_only: false", "publish_verified_only: true")
    return text[:start] + block + text[end:]


def test_confirmed_contacts_make_final_pieces_with_print_files(tmp_path):
    root = make_project(tmp_path, {"brand/municipalities.yml": _jarinu(("conselho-tutelar", "creas"))})
    out = tmp_path / "out"
    assert build(root, out, "--campaign", "maio-laranja-2026", "--municipality", "jarinu")[0] == 0
    folder = out / "maio-laranja-2026/jarinu"
    text = PdfReader(folder / "maio-laranja-2026-jarinu-poster-a3-v1.pdf").pages[0].extract_text()
    assert "PRÉVIA" not in text and "confirmar" not in text and "(11) 4016-1234" in text
    caption = (folder / "maio-laranja-2026-jarinu-social-portrait.legenda.txt").read_text()
    assert "Conselho Tutelar de Jarinu: (11) 4016-1234" in caption and "CREAS de Jarinu: (11) 4016-1234" in caption
    members = _zip(folder / "maio-laranja-2026-jarinu.zip")
    assert "maio-laranja-2026-jarinu/impressao/maio-laranja-2026-jarinu-poster-a3-v1.pdf" in members
    assert "PRÉVIA" not in members["maio-laranja-2026-jarinu/LEIA-ME.txt"].decode()


def test_a_municipality_may_publish_with_its_confirmed_contacts_only(tmp_path):
    munis = _jarinu(("conselho-tutelar",), publish_verified_only=True)
    root = make_project(tmp_path, {"brand/municipalities.yml": munis})
    out = tmp_path / "out"
    assert build(root, out, "--campaign", "maio-laranja-2026", "--municipality", "jarinu")[0] == 0
    text = PdfReader(out / "maio-laranja-2026/jarinu/maio-laranja-2026-jarinu-poster-a4-v1.pdf").pages[0].extract_text()
    assert "Conselho Tutelar" in text and "CREAS" not in text
    assert "PRÉVIA" not in text and "confirmar" not in text and "Disque\n100\n" in text
