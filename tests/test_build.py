"""The build command: variants, files, bundles, cache, determinism and failures."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from helpers import REPO, make_project
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


@pytest.fixture(scope="module")
def maio(tmp_path_factory) -> tuple[Path, Path, str]:
    """Build Maio Laranja once for the whole module."""
    root = make_project(tmp_path_factory.mktemp("proj"))
    out = root / "out"
    status, err = build(root, out, "--campaign", "maio-laranja-2026")
    assert status == 0, err
    return root, out, err


def test_maio_laranja_has_eight_variants_in_every_format(maio):
    _, out, err = maio
    for muni in MUNIS:
        for fmt, ext in FORMATS.items():
            stem = out / "maio-laranja-2026" / muni / f"maio-laranja-2026-{muni}-{fmt}"
            assert Path(f"{stem}.{ext}").is_file(), stem
            assert Path(f"{stem}.webp").is_file(), stem
            assert Path(f"{stem}.alt.txt").is_file(), stem
            assert Path(f"{stem}.legenda.txt").is_file() == (ext == "png"), stem
    assert "peças: 56 geradas, 0 reaproveitadas; pacotes ZIP: 8 atualizados" in err


def _boxes_mm(page) -> dict[str, list[float]]:
    """Return a page's boxes in millimetres."""
    return {b: [round(float(v) / MM, 2) for v in getattr(page, b)] for b in ("mediabox", "bleedbox", "trimbox")}


def test_poster_pdf_is_print_ready(maio):
    _, out, _ = maio
    reader = PdfReader(out / "maio-laranja-2026/vinhedo/maio-laranja-2026-vinhedo-poster-a3.pdf")
    page = reader.pages[0]
    assert _boxes_mm(page) == {
        "mediabox": [0.0, 0.0, 323.0, 446.0],
        "bleedbox": [10.0, 10.0, 313.0, 436.0],
        "trimbox": [13.0, 13.0, 310.0, 433.0],
    }
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    assert sorted(str(f["/BaseFont"]).split("+")[1] for f in fonts) == [
        "AtkinsonHyperlegible-Bold",
        "AtkinsonHyperlegible-Regular",
    ]
    assert all("/FontFile2" in f["/FontDescriptor"] for f in fonts)
    text = page.extract_text()
    assert "Proteger crianças e" in text and "Conselho Tutelar de Vinhedo" in text
    assert "telefone a confirmar" in text
    content = page.get_contents().get_data().decode("latin-1")
    assert "0 .55 .9 0 k" in content  # laranja, CMYK 0/55/90/0 from the brand
    assert ".7 .6 .5 .8 k" in content  # grafite
    assert not re.search(r"\brg\b", content), "flat colours must be CMYK, not RGB"
    assert reader.metadata.title == "Maio Laranja 2026 — Vinhedo — Cartaz A3"
    assert reader.trailer["/Root"]["/Lang"] == "pt-BR"


def test_banner_has_five_millimetre_bleed_and_flyer_two_pages(maio):
    _, out, _ = maio
    banner = PdfReader(out / "maio-laranja-2026/itupeva/maio-laranja-2026-itupeva-banner.pdf").pages[0]
    boxes = _boxes_mm(banner)
    assert boxes["trimbox"][2] - boxes["trimbox"][0] == 800
    assert boxes["bleedbox"][2] - boxes["bleedbox"][0] == 810
    flyer = PdfReader(out / "maio-laranja-2026/itupeva/maio-laranja-2026-itupeva-flyer-a5.pdf")
    assert len(flyer.pages) == 2
    back = flyer.pages[1].extract_text()
    assert "Onde procurar ajuda em Itupeva" in back
    assert "CRAS de Itupeva" in back and "Cadastro Único de Itupeva" in back


def test_zip_bundle_holds_assets_texts_and_checksums(maio):
    _, out, _ = maio
    with zipfile.ZipFile(out / "maio-laranja-2026/jarinu/maio-laranja-2026-jarinu.zip") as zf:
        names = sorted(zf.namelist())
        sums = zf.read("SHA256SUMS").decode().splitlines()
        assert len(names) == 7 + 7 + 3 + 1
        for line in sums:
            digest, name = line.split("  ")
            assert hashlib.sha256(zf.read(name)).hexdigest() == digest
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in zf.infolist())
    assert "maio-laranja-2026-jarinu-poster-a3.pdf" in names
    assert not any(n.endswith(".webp") for n in names)


def test_alt_text_and_caption(maio):
    _, out, _ = maio
    folder = out / "maio-laranja-2026/louveira"
    alt = (folder / "maio-laranja-2026-louveira-social-square.alt.txt").read_text()
    assert alt == (
        "Post quadrado (feed) da campanha Maio Laranja 2026 (Louveira). Proteger crianças e adolescentes é "
        "dever de todos. Denuncie: ligue 100. Abuso e exploração sexual são crimes. Se você desconfia ou "
        "sabe de algum caso, denuncie.\n"
    )
    assert len(alt.strip()) <= 250
    caption = (folder / "maio-laranja-2026-louveira-social-square.legenda.txt").read_text()
    assert "Conselho Tutelar de Louveira: telefone a confirmar" in caption
    assert caption.rstrip().endswith("#MaioLaranja #18deMaio #Disque100 #FaçaBonito")


def test_regional_variant_carries_only_the_consortium(maio):
    _, out, _ = maio
    text = PdfReader(out / "maio-laranja-2026/regional/maio-laranja-2026-regional-poster-a4.pdf").pages[0]
    words = text.extract_text()
    assert "CIMPS" in words and "Vinhedo" not in words
    assert "Procure no seu município" in words


def test_noop_rebuild_renders_nothing(maio):
    root, out, _ = maio
    before = tree(out)
    status, err = build(root, out, "--campaign", "maio-laranja-2026")
    assert status == 0
    assert "peças: 0 geradas, 56 reaproveitadas; pacotes ZIP: 0 atualizados" in err
    assert tree(out) == before


def test_change_to_one_campaign_rerenders_only_it(tmp_path):
    root = make_project(tmp_path)
    out = tmp_path / "out"
    assert build(root, out, "--municipality", "vinhedo")[0] == 0
    path = root / "campaigns/cadastro-unico-2026.yml"
    path.write_text(path.read_text().replace("Atualize seu Cadastro Único", "Cadastro Único em dia"))
    status, err = build(root, out, "--municipality", "vinhedo")
    assert status == 0
    assert "peças: 5 geradas, 15 reaproveitadas; pacotes ZIP: 1 atualizados" in err


def test_two_clean_builds_are_byte_identical(tmp_path):
    root = make_project(tmp_path)
    assert build(root, tmp_path / "a", "--municipality", "nazare-paulista")[0] == 0
    assert build(root, tmp_path / "b", "--municipality", "nazare-paulista", "--jobs", "1")[0] == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_removed_format_and_campaign_outputs_are_deleted(tmp_path):
    root = make_project(tmp_path)
    out = tmp_path / "out"
    assert build(root, out)[0] == 0
    path = root / "campaigns/trabalho-infantil-2026.yml"
    path.write_text(path.read_text().replace("  - landscape\n", ""))
    (root / "campaigns/atendimento-domicilio-2026.yml").unlink()
    status, err = build(root, out)
    assert status == 0
    assert not list(out.rglob("*trabalho-infantil-2026-*-landscape.*"))
    assert not (out / "atendimento-domicilio-2026").exists()
    assert (out / "trabalho-infantil-2026/vinhedo/trabalho-infantil-2026-vinhedo-story.png").is_file()


def test_drafts_only_with_flag_and_watermarked(tmp_path):
    root = make_project(tmp_path)
    out = tmp_path / "out"
    assert build(root, out, "--municipality", "jarinu")[0] == 0
    assert not (out / "agosto-lilas-2026").exists()
    status, _ = build(root, out, "--municipality", "jarinu", "--campaign", "agosto-lilas-2026", "--drafts")
    assert status == 0
    pdf = out / "agosto-lilas-2026/jarinu/agosto-lilas-2026-jarinu-poster-a3.pdf"
    assert "RASCUNHO — NÃO PUBLICAR" in PdfReader(pdf).pages[0].extract_text()
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
    long_body = " ".join(["Pessoas idosas e pessoas com deficiência podem receber a visita da equipe."] * 14)
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
        "campaigns/atendimento-domicilio-2026.yml:18:9: texto não cabe (frente): corte cerca de 600 caracteres "
        "(passa 353,3 px no formato Horizontal (site e prévia de link)) — formato(s): Post quadrado (feed), "
        "Horizontal (site e prévia de link); versões: Jarinu\n"
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
    args = ("--campaign", "maio-laranja-2026", "--municipality", "vinhedo")
    status, err = build(root, out, *args)
    assert status == 0, err
    page = PdfReader(out / "maio-laranja-2026/vinhedo/maio-laranja-2026-vinhedo-poster-a3.pdf").pages[0]
    assert len(page.images) == 1
    assert "Secretaria Municipal de Assistência Social" not in page.extract_text()
    assert "CIMPS" in page.extract_text()
    _logo(root / "brand/logos/vinhedo.png", "#1E6B52")
    status, err = build(root, out, *args)
    assert "peças: 7 geradas, 0 reaproveitadas" in err
