"""PDF/X-1a:2003: the post-processor over reportlab's PDFs and the inspector that proves each requirement."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable

import pikepdf
import pytest
from helpers import REPO
from pdfcheck import _RUNNERS, CHECKS, TextRun, ink_coverages, pdfx_problems, text_runs
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from cimpskit.inputs.validate import check_project
from cimpskit.layout import layout
from cimpskit.layout.planned import make_plan
from cimpskit.render.pdf import draw_pdf, font_name, render_pdf
from cimpskit.render.pdfx import OutputCondition, flatten_for_print, pdf_date, rgb_to_cmyk, to_pdfx, xmp_date

DATE = datetime.datetime(2026, 4, 14, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-3)))
PRINT_FORMATS = ("poster-a3", "poster-a4", "flyer-a5", "banner")
SMALL_TEXT_PT = 18  # below this, rich black misregisters visibly; prepress guides ask for 100 K
LARANJA = (0, 55, 90, 0)


def _pdfx(raw: bytes, title: str, key: str, date: datetime.datetime = DATE) -> bytes:
    """Post-process with the kit's output condition."""
    return to_pdfx(raw, title=title, date=date, condition=OutputCondition(), file_key=key)


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[object, bytes, bytes]]:
    """Render Vinhedo's and the regional print assets once: stem -> (scene, reportlab bytes, PDF/X bytes)."""
    project, _ = check_project(REPO)
    out = {}
    for municipality in ("vinhedo", "regional"):
        plan = make_plan(project, drafts=True, campaign="maio-laranja-2026", municipality=municipality)
        for job in plan.jobs:
            if job.format.name in PRINT_FORMATS:
                scene = layout(job)
                raw = draw_pdf(scene, REPO)
                name = job.stem.rsplit("/", 1)[-1]
                out[name] = (scene, raw, _pdfx(raw, scene.title, name))
    return out


@pytest.fixture(scope="module")
def poster(rendered) -> bytes:
    """Return Vinhedo's A3 poster as PDF/X."""
    return rendered["maio-laranja-2026-vinhedo-poster-a3"][2]


def test_every_print_pdf_conforms(rendered):
    assert len(rendered) == 2 * len(PRINT_FORMATS)
    for stem, (_, _, pdfx) in rendered.items():
        assert pdfx_problems(pdfx) == [], stem
        with pikepdf.open(io.BytesIO(pdfx)) as doc:
            assert doc.check_pdf_syntax() == [], stem  # qpdf's own structural check


def test_an_independent_reader_sees_the_same_metadata(poster):
    reader = PdfReader(io.BytesIO(poster))
    assert reader.pdf_header == "%PDF-1.4"
    assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-1a:2003"
    assert reader.xmp_metadata.dc_title == {"x-default": reader.metadata.title}


def test_reportlab_output_alone_fails_exactly_where_to_pdfx_helps(rendered):
    raw = rendered["maio-laranja-2026-vinhedo-poster-a3"][1]
    assert pdfx_problems(raw) == [
        "Intenção de saída: falta a OutputIntent /GTS_PDFX (a condição de impressão, por exemplo FOGRA39)",
        "Versão PDF/X: falta GTS_PDFXVersion no dicionário Info",
        "Metadados XMP: falta o fluxo de metadados XMP no catálogo",
        "Etiquetas de subconjunto: a etiqueta AAAAAA aparece em fontes diferentes: "
        "CIMPSAtkinson-Bold, CIMPSAtkinson-Regular",
    ]


def test_output_intent_info_and_xmp(poster):
    with pikepdf.open(io.BytesIO(poster)) as doc:
        assert poster.startswith(b"%PDF-1.4\n")
        (intent,) = doc.Root.OutputIntents
        assert {k: str(v) for k, v in intent.items()} == {
            "/Type": "/OutputIntent",
            "/S": "/GTS_PDFX",
            "/OutputConditionIdentifier": "FOGRA39",
            "/OutputCondition": "Coated FOGRA39 (ISO 12647-2:2004)",
            "/RegistryName": "http://www.color.org",
            "/Info": OutputCondition().info,
        }
        info = doc.docinfo
        assert str(info.Title) == "Maio Laranja 2026 — Vinhedo — Cartaz A3"
        assert str(info.CreationDate) == str(info.ModDate) == "D:20260414093000-03'00'"
        assert str(info.GTS_PDFXVersion) == "PDF/X-1a:2003"
        assert info.Trapped == pikepdf.Name("/False")
        assert str(info.Producer) == "Kit de Campanhas CIMPS (reportlab e pikepdf)"
        assert str(info.Creator) == "Kit de Campanhas CIMPS"
        meta = doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        assert meta["dc:title"] == str(info.Title)
        assert (
            meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == meta["xmp:MetadataDate"] == "2026-04-14T09:30:00-03:00"
        )
        assert meta["pdf:Producer"] == str(info.Producer)
        assert meta["pdf:Trapped"] == "False"
        assert meta["{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"] == "PDF/X-1a:2003"
        assert "/Filter" not in doc.Root.Metadata  # readable by tools that do not parse PDF


def test_keeps_lang_page_boxes_and_text(rendered):
    _, raw, pdfx = rendered["maio-laranja-2026-vinhedo-flyer-a5"]
    with pikepdf.open(io.BytesIO(raw)) as before, pikepdf.open(io.BytesIO(pdfx)) as after:
        assert str(after.Root.Lang) == "pt-BR"
        for old, new in zip(before.pages, after.pages, strict=True):
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                assert list(new.obj[box]) == list(old.obj[box])
    assert [(r.text, r.size_pt, r.cmyk) for r in text_runs(pdfx)] == [
        (r.text, r.size_pt, r.cmyk) for r in text_runs(raw)
    ]


def test_no_object_or_xref_streams(poster):
    assert b"/ObjStm" not in poster and b"/XRef" not in poster
    assert re.search(rb"\nxref\n0 \d+\n", poster)


def test_same_input_gives_same_bytes_and_id_follows_content(rendered):
    scene, raw, pdfx = rendered["maio-laranja-2026-regional-banner"]
    again = draw_pdf(scene, REPO)
    assert again == raw
    assert _pdfx(again, scene.title, "maio-laranja-2026-regional-banner") == pdfx
    later = _pdfx(raw, scene.title, "maio-laranja-2026-regional-banner", DATE + datetime.timedelta(days=1))
    with pikepdf.open(io.BytesIO(pdfx)) as a, pikepdf.open(io.BytesIO(later)) as b:
        assert bytes(a.trailer.ID[0]) == bytes(a.trailer.ID[1])
        assert bytes(a.trailer.ID[0]) != bytes(b.trailer.ID[0])


def _tags(pdf: bytes) -> dict[str, str]:
    """Return font name -> subset tag, checking BaseFont and FontName agree."""
    tags = {}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for font in doc.pages[0].Resources.Font.values():
            tag, name = str(font.BaseFont)[1:].split("+")
            assert str(font.FontDescriptor.FontName) == str(font.BaseFont)
            tags[name] = tag
    return tags


def test_subset_tags_differ_per_font_and_per_file_and_are_deterministic(rendered):
    _, raw, pdfx = rendered["maio-laranja-2026-vinhedo-poster-a3"]
    mine = _tags(pdfx)
    assert set(mine) == {"CIMPSAtkinson-Bold", "CIMPSAtkinson-Regular"}
    assert all(re.fullmatch("[A-Z]{6}", t) and t != "AAAAAA" for t in mine.values())
    assert len(set(mine.values())) == 2
    other = _tags(_pdfx(raw, "x", "maio-laranja-2026-itupeva-poster-a3"))
    assert set(other.values()).isdisjoint(mine.values())
    assert _tags(_pdfx(raw, "x", "maio-laranja-2026-vinhedo-poster-a3")) == mine


def test_same_font_in_different_files_gets_different_tags(rendered):
    vinhedo = _tags(rendered["maio-laranja-2026-vinhedo-poster-a4"][2])
    regional = _tags(rendered["maio-laranja-2026-regional-poster-a4"][2])
    assert set(vinhedo.values()).isdisjoint(regional.values())


def test_dates_carry_their_offset():
    assert pdf_date(DATE) == "D:20260414093000-03'00'"
    assert pdf_date(datetime.datetime(2026, 5, 1)) == "D:20260501000000+00'00'"
    assert xmp_date(datetime.datetime(2026, 5, 1, 8, 0, 0, 5)) == "2026-05-01T08:00:00+00:00"


def test_refuses_pdf_newer_than_1_4(poster):
    newer = _rewrite(poster, lambda doc: {"force_version": "1.5"})
    with pytest.raises(ValueError, match="newer than PDF/X-1a:2003 allows"):
        _pdfx(newer, "x", "k")


def test_every_check_is_named_described_and_run():
    assert [c.name for c in CHECKS] == list(dict.fromkeys(c.name for c in CHECKS))
    assert set(_RUNNERS) == {c.name for c in CHECKS}
    assert all(c.label and c.description for c in CHECKS)


def _rewrite(pdf: bytes, change: Callable[[pikepdf.Pdf], dict | None]) -> bytes:
    """Open a PDF, apply one change and save it again (classic xref; save options may come from the change)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        options = {"object_stream_mode": pikepdf.ObjectStreamMode.disable, "deterministic_id": True}
        options.update(change(doc) or {})
        out = io.BytesIO()
        doc.save(out, **options)
    return out.getvalue()


def _resource(doc: pikepdf.Pdf, kind: str, name: str, value) -> None:
    """Add a named resource of a kind (/XObject, /ExtGState, /ColorSpace, /Font) to the first page."""
    res = doc.pages[0].Resources
    if kind not in res:
        res[kind] = pikepdf.Dictionary()
    res[kind][name] = value


def _append(doc: pikepdf.Pdf, content: bytes) -> None:
    """Append content to the first page."""
    doc.pages[0].contents_add(doc.make_stream(content), prepend=False)


def _image(doc: pikepdf.Pdf, data: bytes = b"\0\0\0\xff", **extra) -> pikepdf.Stream:
    """Return a 1×1 image XObject, DeviceCMYK unless extra says otherwise."""
    keys = {"Type": pikepdf.Name.XObject, "Subtype": pikepdf.Name.Image, "Width": 1, "Height": 1}
    keys.update({"ColorSpace": pikepdf.Name.DeviceCMYK, "BitsPerComponent": 8}, **extra)
    return doc.make_stream(data, **keys)


def _xmp(doc: pikepdf.Pdf, old: bytes, new: bytes) -> None:
    """Replace text inside the XMP packet."""
    data = doc.Root.Metadata.read_bytes()
    assert old in data
    doc.Root.Metadata.write(data.replace(old, new))


def _intent(doc: pikepdf.Pdf) -> pikepdf.Dictionary:
    """Return the PDF/X OutputIntent."""
    return doc.Root.OutputIntents[0]


def _del(obj, key: str) -> None:
    """Delete a key from a dictionary."""
    del obj[key]


def _trim_outside_bleed(doc: pikepdf.Pdf) -> None:
    """Make the TrimBox larger than the BleedBox."""
    x0, y0, x1, y1 = (float(v) for v in doc.pages[0].BleedBox)
    doc.pages[0].TrimBox = pikepdf.Array([x0 - 1, y0, x1, y1])


def _helvetica() -> pikepdf.Dictionary:
    """Return a font dictionary for Helvetica, which reportlab and readers never embed."""
    return pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)


def _claim_2001(doc: pikepdf.Pdf) -> None:
    """Declare PDF/X-1a:2001 in both the Info dictionary and the XMP."""
    _xmp(doc, b">PDF/X-1a:2003<", b">PDF/X-1a:2001<")
    doc.docinfo.GTS_PDFXVersion = pikepdf.String("PDF/X-1a:2001")


def _trapped_unknown(doc: pikepdf.Pdf) -> None:
    """Declare the trapping state unknown in both the Info dictionary and the XMP."""
    _xmp(doc, b">False<", b">Unknown<")
    doc.docinfo.Trapped = pikepdf.Name.Unknown


def _soft_mask_state(doc: pikepdf.Pdf) -> None:
    """Add a graphics state with a luminosity soft mask."""
    group = doc.make_stream(b"", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 1, 1])
    _resource(
        doc, "/ExtGState", "/GS9", pikepdf.Dictionary(SMask=pikepdf.Dictionary(S=pikepdf.Name.Luminosity, G=group))
    )


def _document_javascript(doc: pikepdf.Pdf) -> None:
    """Add a document-level JavaScript to the name tree."""
    action = doc.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
    doc.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=["a", action]))


def _link(doc: pikepdf.Pdf, rect: list[float]) -> None:
    """Put a link annotation at rect on the first page."""
    link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=rect)
    doc.pages[0].Annots = pikepdf.Array([link])


def _bleed_outside_media(doc: pikepdf.Pdf) -> None:
    """Make the BleedBox reach past the left edge of the MediaBox."""
    x0, y0, x1, y1 = (float(v) for v in doc.pages[0].MediaBox)
    doc.pages[0].BleedBox = pikepdf.Array([x0 - 1, y0, x1, y1])


def _lzw_image(doc: pikepdf.Pdf) -> dict:
    """Add an LZW-compressed image and keep qpdf from re-encoding it on save."""
    _resource(doc, "/XObject", "/Im9", _image(doc, Filter=pikepdf.Name.LZWDecode))
    return {"stream_decode_level": pikepdf.StreamDecodeLevel.none, "compress_streams": False}


def _form_with_font(doc: pikepdf.Pdf) -> None:
    """Add a Form XObject whose text uses a font that is not embedded."""
    form = doc.make_stream(
        b"BT /H 12 Tf 0 0 0 1 k (x) Tj ET",
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=[0, 0, 10, 10],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(H=_helvetica())),
    )
    _resource(doc, "/XObject", "/Fm9", form)
    _append(doc, b"q /Fm9 Do Q")


def _encrypt(doc: pikepdf.Pdf) -> dict:
    """Save with RC4 128-bit encryption (PDF 1.4) and an empty user password."""
    encryption = pikepdf.Encryption(owner="grafica", user="", R=3, aes=False, metadata=False)
    return {"encryption": encryption, "deterministic_id": False}


SPOT_WITH_RGB_ALTERNATE = pikepdf.Array(
    [
        pikepdf.Name.Separation,
        pikepdf.Name("/PANTONE 021 C"),
        pikepdf.Name.DeviceRGB,
        pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 1, 1], C1=[1, 0.5, 0], N=1),
    ]
)
LAB = pikepdf.Array([pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.9505, 1, 1.089])])
BREAKS: dict[str, tuple[str, Callable[[pikepdf.Pdf], dict | None], str]] = {
    # case: (check name, change, exact problem line)
    "header-1.5": (
        "version",
        lambda doc: {"force_version": "1.5"},
        "Versão do PDF: o arquivo é PDF 1.5; o PDF/X-1a:2003 aceita até 1.4",
    ),
    "object-streams": (
        "version",
        lambda doc: {"object_stream_mode": pikepdf.ObjectStreamMode.generate},
        "Versão do PDF: o arquivo é PDF 1.5; o PDF/X-1a:2003 aceita até 1.4 (e mais 2 ocorrências)",
    ),
    "catalog-version": (
        "version",
        lambda doc: setattr(doc.Root, "Version", pikepdf.Name("/1.6")),
        "Versão do PDF: o catálogo declara a versão 1.6; o PDF/X-1a:2003 aceita até 1.4",
    ),
    "encrypted": ("encryption", _encrypt, "Criptografia: o arquivo está criptografado"),
    "no-output-intent": (
        "output-intent",
        lambda doc: _del(doc.Root, "/OutputIntents"),
        "Intenção de saída: falta a OutputIntent /GTS_PDFX (a condição de impressão, por exemplo FOGRA39)",
    ),
    "output-intent-not-pdfx": (
        "output-intent",
        lambda doc: setattr(_intent(doc), "S", pikepdf.Name.GTS_PDFA1),
        "Intenção de saída: falta a OutputIntent /GTS_PDFX (a condição de impressão, por exemplo FOGRA39)",
    ),
    "two-output-intents": (
        "output-intent",
        lambda doc: doc.Root.OutputIntents.append(doc.make_indirect(pikepdf.Dictionary(_intent(doc)))),
        "Intenção de saída: há 2 OutputIntents /GTS_PDFX; deve haver só uma",
    ),
    "no-identifier": (
        "output-intent",
        lambda doc: _del(_intent(doc), "/OutputConditionIdentifier"),
        "Intenção de saída: a OutputIntent não tem OutputConditionIdentifier",
    ),
    "no-registry-no-profile": (
        "output-intent",
        lambda doc: _del(_intent(doc), "/RegistryName"),
        "Intenção de saída: a OutputIntent não tem RegistryName nem perfil ICC embutido",
    ),
    "rgb-output-profile": (
        "output-intent",
        lambda doc: setattr(_intent(doc), "DestOutputProfile", doc.make_stream(b"icc", N=3)),
        "Intenção de saída: o perfil ICC da OutputIntent não é CMYK (N = 3)",
    ),
    "no-pdfx-version": (
        "pdfx-version",
        lambda doc: _del(doc.docinfo, "/GTS_PDFXVersion"),
        "Versão PDF/X: falta GTS_PDFXVersion no dicionário Info",
    ),
    "pdfx-version-2001": (
        "pdfx-version",
        _claim_2001,
        "Versão PDF/X: GTS_PDFXVersion é 'PDF/X-1a:2001' no Info; deve ser 'PDF/X-1a:2003'",
    ),
    "xmp-pdfx-version-differs": (
        "pdfx-version",
        lambda doc: _xmp(doc, b">PDF/X-1a:2003<", b">PDF/X-1a:2001<"),
        "Versão PDF/X: GTS_PDFXVersion é 'PDF/X-1a:2001' no XMP e 'PDF/X-1a:2003' no Info",
    ),
    "xmp-without-pdfx-version": (
        "pdfx-version",
        lambda doc: _xmp(doc, b"pdfxid:GTS_PDFXVersion", b"pdfxid:Outro"),
        "Versão PDF/X: falta pdfxid:GTS_PDFXVersion nos metadados XMP",
    ),
    "no-title": ("info", lambda doc: _del(doc.docinfo, "/Title"), "Informações do documento: falta o título (Title)"),
    "no-creation-date": (
        "info",
        lambda doc: _del(doc.docinfo, "/CreationDate"),
        "Informações do documento: falta a data de criação (CreationDate)",
    ),
    "no-mod-date": (
        "info",
        lambda doc: _del(doc.docinfo, "/ModDate"),
        "Informações do documento: falta a data de modificação (ModDate)",
    ),
    "no-trapped": (
        "trapped",
        lambda doc: _del(doc.docinfo, "/Trapped"),
        "Trapping: falta o campo Trapped (deve ser True ou False)",
    ),
    "trapped-unknown": (
        "trapped",
        _trapped_unknown,
        "Trapping: Trapped é /Unknown; deve ser /True ou /False",
    ),
    "no-xmp": (
        "xmp",
        lambda doc: _del(doc.Root, "/Metadata"),
        "Metadados XMP: falta o fluxo de metadados XMP no catálogo",
    ),
    "xmp-not-xml": (
        "xmp",
        lambda doc: doc.Root.Metadata.write(b"<x:xmpmeta"),
        "Metadados XMP: os metadados XMP não puderam ser lidos",
    ),
    "xmp-title-differs": (
        "xmp",
        lambda doc: _xmp(doc, b"Cartaz A3</rdf:li>", b"Cartaz A4</rdf:li>"),
        "Metadados XMP: dc:title no XMP ('Maio Laranja 2026 — Vinhedo — Cartaz A4') difere de Title no Info "
        "('Maio Laranja 2026 — Vinhedo — Cartaz A3')",
    ),
    "xmp-date-differs": (
        "xmp",
        lambda doc: _xmp(doc, b"<xmp:CreateDate>2026-04-14T09:30:00-03:00", b"<xmp:CreateDate>2026-04-14T09:30:00Z"),
        "Metadados XMP: xmp:CreateDate no XMP ('2026-04-14T09:30:00Z') difere de CreationDate no Info "
        "('D:20260414093000-03'00'')",
    ),
    "xmp-without-producer": (
        "xmp",
        lambda doc: _xmp(doc, b"pdf:Producer", b"pdf:Produtor"),
        "Metadados XMP: Producer está no Info mas falta pdf:Producer no XMP",
    ),
    "no-trimbox": (
        "page-boxes",
        lambda doc: _del(doc.pages[0], "/TrimBox"),
        "Caixas da página: página 1 sem TrimBox nem ArtBox",
    ),
    "trim-and-art": (
        "page-boxes",
        lambda doc: setattr(doc.pages[0], "ArtBox", doc.pages[0].TrimBox),
        "Caixas da página: página 1 tem TrimBox e ArtBox; use só uma",
    ),
    "no-bleedbox": (
        "page-boxes",
        lambda doc: _del(doc.pages[0], "/BleedBox"),
        "Caixas da página: página 1 sem BleedBox",
    ),
    "trim-outside-bleed": ("page-boxes", _trim_outside_bleed, "Caixas da página: página 1: TrimBox sai da BleedBox"),
    "bleed-outside-media": (
        "page-boxes",
        _bleed_outside_media,
        "Caixas da página: página 1: BleedBox sai da MediaBox",
    ),
    "font-not-embedded": (
        "fonts-embedded",
        lambda doc: _resource(doc, "/Font", "/H", _helvetica()),
        "Fontes embutidas: fonte não embutida: Helvetica",
    ),
    "font-not-embedded-in-xobject": (
        "fonts-embedded",
        _form_with_font,
        "Fontes embutidas: fonte não embutida: Helvetica",
    ),
    "rgb-fill": (
        "colour",
        lambda doc: _append(doc, b"1 0 0 rg 0 0 9 9 re f"),
        "Cores: página 1: cor DeviceRGB (operador rg)",
    ),
    "rgb-stroke": (
        "colour",
        lambda doc: _append(doc, b"0 0 1 RG 0 0 m 9 9 l S"),
        "Cores: página 1: cor DeviceRGB (operador RG)",
    ),
    "rgb-colour-space-operator": (
        "colour",
        lambda doc: _append(doc, b"/DeviceRGB cs 1 0 0 sc 0 0 9 9 re f"),
        "Cores: página 1: cor DeviceRGB (operador cs) (e mais 1 ocorrência)",
    ),
    "lab-in-resources": (
        "colour",
        lambda doc: _resource(doc, "/ColorSpace", "/CS9", LAB),
        "Cores: espaço de cor Lab nos recursos",
    ),
    "separation-with-rgb-alternate": (
        "colour",
        lambda doc: _resource(doc, "/ColorSpace", "/CS9", SPOT_WITH_RGB_ALTERNATE),
        "Cores: espaço de cor DeviceRGB nos recursos",
    ),
    "rgb-image": (
        "colour",
        lambda doc: _resource(doc, "/XObject", "/Im9", _image(doc, b"\xff\0\0", ColorSpace=pikepdf.Name.DeviceRGB)),
        "Cores: imagem em DeviceRGB",
    ),
    "icc-image": (
        "colour",
        lambda doc: _resource(
            doc,
            "/XObject",
            "/Im9",
            _image(doc, ColorSpace=pikepdf.Array([pikepdf.Name.ICCBased, doc.make_stream(b"icc", N=4)])),
        ),
        "Cores: imagem em ICCBased",
    ),
    "inline-rgb-image": (
        "colour",
        lambda doc: _append(doc, b"q 9 0 0 9 0 0 cm BI /W 1 /H 1 /CS /RGB /BPC 8 /F /AHx ID ff0000> EI Q"),
        "Cores: página 1: imagem embutida no conteúdo em DeviceRGB",
    ),
    "image-smask": (
        "transparency",
        lambda doc: _resource(
            doc, "/XObject", "/Im9", _image(doc, SMask=_image(doc, b"\x80", ColorSpace=pikepdf.Name.DeviceGray))
        ),
        "Transparência: imagem com máscara de transparência (SMask)",
    ),
    "constant-alpha": (
        "transparency",
        lambda doc: _resource(doc, "/ExtGState", "/GS9", pikepdf.Dictionary(ca=0.5)),
        "Transparência: estado gráfico com opacidade 0,5 (ca)",
    ),
    "blend-mode": (
        "transparency",
        lambda doc: _resource(doc, "/ExtGState", "/GS9", pikepdf.Dictionary(BM=pikepdf.Name.Multiply)),
        "Transparência: estado gráfico com modo de mesclagem Multiply",
    ),
    "soft-mask-in-graphics-state": (
        "transparency",
        _soft_mask_state,
        "Transparência: estado gráfico com máscara de transparência (SMask)",
    ),
    "page-transparency-group": (
        "transparency",
        lambda doc: setattr(doc.pages[0], "Group", pikepdf.Dictionary(S=pikepdf.Name.Transparency)),
        "Transparência: página com grupo de transparência (/Group /S /Transparency)",
    ),
    "open-action": (
        "actions",
        lambda doc: setattr(doc.Root, "OpenAction", pikepdf.Array([doc.pages[0].obj, pikepdf.Name.Fit])),
        "Ações e JavaScript: ação ao abrir o arquivo (/OpenAction)",
    ),
    "additional-actions": (
        "actions",
        lambda doc: setattr(
            doc.pages[0],
            "AA",
            pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=[doc.pages[0].obj, pikepdf.Name.Fit])),
        ),
        "Ações e JavaScript: ação automática (/AA)",
    ),
    "javascript": (
        "actions",
        _document_javascript,
        "Ações e JavaScript: JavaScript na árvore de nomes do documento (e mais 1 ocorrência)",
    ),
    "annotation-inside-bleed": (
        "annotations",
        lambda doc: _link(doc, [100, 100, 200, 120]),
        "Anotações: página 1: anotação Link dentro da área de sangria",
    ),
    "embedded-file": (
        "embedded-files",
        lambda doc: doc.attachments.__setitem__("nota.txt", b"oi"),
        "Arquivos embutidos: arquivo embutido: nota.txt",
    ),
    "external-stream": (
        "embedded-files",
        lambda doc: _resource(doc, "/XObject", "/Im9", _image(doc, F=pikepdf.String("logo.raw"))),
        "Arquivos embutidos: fluxo com dados num arquivo externo (/F)",
    ),
    "lzw": (
        "filters",
        _lzw_image,
        "Compressão: compressão LZWDecode não permitida",
    ),
    "ps-operator": (
        "postscript",
        lambda doc: _append(doc, b"(showpage) PS"),
        "PostScript e OPI: página 1: operador PS (PostScript)",
    ),
    "postscript-xobject": (
        "postscript",
        lambda doc: _resource(
            doc, "/XObject", "/PS9", doc.make_stream(b"showpage", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.PS)
        ),
        "PostScript e OPI: XObject PostScript",
    ),
    "transfer-function": (
        "halftone-transfer",
        lambda doc: _resource(doc, "/ExtGState", "/GS9", pikepdf.Dictionary(TR=pikepdf.Name.Identity)),
        "Retícula e transferência: função de transferência (TR) no estado gráfico",
    ),
    "threshold-halftone": (
        "halftone-transfer",
        lambda doc: _resource(
            doc,
            "/ExtGState",
            "/GS9",
            pikepdf.Dictionary(HT=pikepdf.Dictionary(Type=pikepdf.Name.Halftone, HalftoneType=6)),
        ),
        "Retícula e transferência: retícula do tipo 6; só 1 ou 5",
    ),
    "unreadable-content": (
        "content",
        lambda doc: doc.pages[0].contents_add(doc.make_stream(b"not zlib", Filter=pikepdf.Name.FlateDecode)),
        "Conteúdo das páginas: página 1: conteúdo ilegível",
    ),
}


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_each_broken_requirement_gives_exactly_its_message(poster, case):
    _, change, expected = BREAKS[case]
    assert pdfx_problems(_rewrite(poster, change)) == [expected]


def test_rewriting_without_changes_keeps_the_file_conforming(poster):
    assert pdfx_problems(_rewrite(poster, lambda doc: None)) == []


def test_missing_trailer_id(poster):
    without = re.sub(rb"/ID \[<[0-9a-f]+><[0-9a-f]+>\]", b"", poster)
    assert without != poster
    assert pdfx_problems(without) == ["Identificador do arquivo: falta o /ID no trailer"]


def _retag(doc: pikepdf.Pdf, name: str, tag: str, *, descriptor: bool = True) -> None:
    """Give one font of the first page a chosen subset tag."""
    for font in doc.pages[0].Resources.Font.values():
        if str(font.BaseFont).endswith(name):
            font.BaseFont = pikepdf.Name(f"/{tag}+{name}")
            if descriptor:
                font.FontDescriptor.FontName = pikepdf.Name(f"/{tag}+{name}")


def test_duplicate_subset_tags_across_fonts(poster):
    bold = _tags(poster)["CIMPSAtkinson-Bold"]
    broken = _rewrite(poster, lambda doc: _retag(doc, "CIMPSAtkinson-Regular", bold))
    assert pdfx_problems(broken) == [
        f"Etiquetas de subconjunto: a etiqueta {bold} aparece em fontes diferentes: "
        "CIMPSAtkinson-Bold, CIMPSAtkinson-Regular"
    ]


def test_basefont_and_fontname_tags_must_agree(poster):
    broken = _rewrite(poster, lambda doc: _retag(doc, "CIMPSAtkinson-Regular", "QQQQQQ", descriptor=False))
    regular = _tags(poster)["CIMPSAtkinson-Regular"]
    assert pdfx_problems(broken) == [
        "Etiquetas de subconjunto: BaseFont QQQQQQ+CIMPSAtkinson-Regular e FontName "
        f"{regular}+CIMPSAtkinson-Regular não coincidem"
    ]


def test_annotation_outside_the_bleed_is_allowed(poster):
    assert pdfx_problems(_rewrite(poster, lambda doc: _link(doc, [1, 1, 20, 20]))) == []


def test_every_check_has_a_negative_case():
    covered = {check for check, _, _ in BREAKS.values()} | {"trailer-id", "subset-tags"}
    assert covered == {c.name for c in CHECKS}


def test_file_locked_with_a_password(poster):
    def lock(doc):
        return {"encryption": pikepdf.Encryption(owner="grafica", user="segredo"), "deterministic_id": False}

    assert pdfx_problems(_rewrite(poster, lock)) == ["Criptografia: o arquivo está criptografado com senha"]


def test_unreadable_file():
    (line,) = pdfx_problems(b"not a pdf")
    assert line.startswith("Conteúdo das páginas: o arquivo não pôde ser lido como PDF")


def _handmade(content: bytes, form: bytes) -> bytes:
    """Return a one-page PDF with a content stream and one Form XObject /Fm0 (font /F1, Helvetica)."""
    doc = pikepdf.new()
    doc.add_blank_page(page_size=(200, 200))
    fonts = pikepdf.Dictionary(F1=doc.make_indirect(_helvetica()))
    xobject = doc.make_stream(
        form, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 100, 100], Matrix=[1, 0, 0, 1, 5, 5]
    )
    doc.pages[0].Resources = pikepdf.Dictionary(Font=fonts, XObject=pikepdf.Dictionary(Fm0=xobject))
    doc.pages[0].Contents = doc.make_stream(content)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_text_runs_follow_colour_matrix_and_forms():
    pdf = _handmade(
        b"0 0 0 1 k BT /F1 10 Tf 1 0 0 1 20 20 Tm (Oi) Tj ET "
        b"q 2 0 0 2 0 0 cm 0.25 g /Fm0 Do Q "
        b"BT /F1 8 Tf 0 1.5 -1.5 0 50 50 Tm [(Gi) -20 (ro)] TJ ET "
        b"1 0 0 rg BT /F1 6 Tf (RGB) Tj ET",
        b"BT /F1 9 Tf 1.5 0 0 1.5 0 0 Tm (Dentro) Tj 0 0 0 0.6 k (K) Tj ET",
    )
    assert text_runs(pdf) == [
        TextRun(1, "Helvetica", 10.0, (0.0, 0.0, 0.0, 100.0), False, "Oi"),
        TextRun(1, "Helvetica", 27.0, (0.0, 0.0, 0.0, 75.0), False, "Dentro"),
        TextRun(1, "Helvetica", 27.0, (0.0, 0.0, 0.0, 60.0), False, "K"),
        TextRun(1, "Helvetica", 12.0, (0.0, 0.0, 0.0, 100.0), False, "Giro"),
        TextRun(1, "Helvetica", 6.0, None, True, "RGB"),
    ]


def test_text_runs_of_a_real_poster_match_its_scene(rendered):
    scene, _, pdfx = rendered["maio-laranja-2026-vinhedo-flyer-a5"]
    runs = text_runs(pdfx)
    rules = scene.print

    def inks(t) -> tuple[float, ...]:
        small_dark = t.paint.name in rules.black and t.size_pt < rules.black_below_pt
        return (0.0, 0.0, 0.0, 100.0) if small_dark else tuple(float(v) for v in t.paint.cmyk)

    expected = [
        (number, t.text, t.size * mm, inks(t))
        for number, page in enumerate(scene.pages, start=1)
        for t in page.elements
        if type(t).__name__ == "Text"
    ]
    assert [(r.page, r.text, r.cmyk) for r in runs] == [(p, t, c) for p, t, _, c in expected]
    assert [r.size_pt for r in runs] == pytest.approx([s for _, _, s, _ in expected], abs=0.001)
    assert {r.font for r in runs} == {"CIMPSAtkinson-Bold", "CIMPSAtkinson-Regular"}
    assert not any(r.rgb for r in runs)


def test_ink_coverages_of_set_colours():
    pdf = _handmade(b"0.1 0.2 0.3 0.4 k 0.5 G /DeviceCMYK cs 0 0.55 0.9 0 sc 1 0 0 rg", b"0 0 0 1 K")
    assert ink_coverages(pdf) == [100.0, 50.0, 145.0, 100.0]


def test_ink_coverage_of_the_maio_laranja_poster(poster):
    # Every colour set is a palette colour (at most the brand's 300 % limit) or 100 % K; 400 % is the
    # registration colour of the crop marks, outside the bleed.
    project, _ = check_project(REPO)
    palette = {float(sum(c.cmyk)) for c in project.brand.model.palette} | {100.0}
    coverages = set(ink_coverages(poster)) - {400.0}
    assert coverages <= palette
    assert max(coverages) <= project.brand.model.print.ink_limit


def test_small_dark_text_is_black_ink_only_and_overprints(rendered):
    overprinted = []
    for stem, (scene, _, _) in rendered.items():
        pdfx = render_pdf(scene, REPO, stem)
        runs = text_runs(pdfx)
        overprinted += [r.text for r in runs if r.overprint]
        for run in runs:
            dark = run.cmyk is not None and run.cmyk[3] >= 80
            if dark and run.size_pt < scene.print.black_below_pt:
                assert run.cmyk == (0.0, 0.0, 0.0, 100.0), (stem, run)
                assert run.overprint, (stem, run)
            else:
                assert not run.overprint, (stem, run)
    assert overprinted


def _logo() -> Image.Image:
    """Return a 4×1 RGBA logo: transparent, opaque black, half-transparent red, opaque mixed colour."""
    logo = Image.new("RGBA", (4, 1), (0, 0, 0, 0))
    for x, pixel in enumerate([(0, 0, 0, 0), (0, 0, 0, 255), (255, 0, 0, 128), (128, 64, 0, 255)]):
        logo.putpixel((x, 0), pixel)
    return logo


def _formula(r: int, g: int, b: int) -> tuple[int, int, int, int]:
    """Return the textbook CMYK of an RGB colour in 8 bits."""
    r_, g_, b_ = r / 255, g / 255, b / 255
    k = 1 - max(r_, g_, b_)
    if k == 1:
        return 0, 0, 0, 255
    return tuple(round(v * 255) for v in ((1 - r_ - k) / (1 - k), (1 - g_ - k) / (1 - k), (1 - b_ - k) / (1 - k), k))


def test_rgb_to_cmyk_is_the_black_generation_formula():
    colours = [(255, 255, 255), (0, 0, 0), (255, 0, 0), (128, 64, 0), (10, 20, 30), (242, 140, 40), (31, 35, 40)]
    image = Image.new("RGB", (len(colours), 1))
    for x, c in enumerate(colours):
        image.putpixel((x, 0), c)
    got = list(rgb_to_cmyk(image).get_flattened_data())
    for colour, pixel in zip(colours, got, strict=True):
        assert all(abs(a - b) <= 1 for a, b in zip(pixel, _formula(*colour), strict=True)), (colour, pixel)


def test_flatten_composites_on_the_background_hex():
    flat = flatten_for_print(_logo(), "#FFFFFF")
    assert flat.mode == "CMYK"
    assert list(flat.get_flattened_data()) == [(0, 0, 0, 0), (0, 0, 0, 255), (0, 128, 128, 0), (0, 128, 255, 127)]


def test_flatten_with_brand_cmyk_keeps_the_background_flat_exact():
    cmyk = flatten_for_print(_logo(), "#F28C28", background_cmyk=LARANJA)
    transparent, black, half_red, _ = cmyk.get_flattened_data()
    assert transparent == (0, 140, 230, 0)  # the same inks as the vector flat around the logo
    assert black == (0, 0, 0, 255)
    assert half_red == (0, 198, 243, 0)  # halfway between red (0/100/100/0) and laranja


def _page_with_image(image, **draw) -> bytes:
    """Return a one-page print PDF (trim and bleed boxes) that draws an image with reportlab."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(100 * mm, 100 * mm), invariant=1, initialFontName=font_name(_regular_font()))
    c.setTrimBox((3 * mm, 3 * mm, 97 * mm, 97 * mm))
    c.setBleedBox((0, 0, 100 * mm, 100 * mm))
    c.drawImage(ImageReader(image), 10 * mm, 10 * mm, 40 * mm, 10 * mm, **draw)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_flattened_logo_is_a_devicecmyk_image_without_smask_and_keeps_its_colours():
    flat = flatten_for_print(_logo(), "#F28C28", background_cmyk=LARANJA)
    pdf = _pdfx(_page_with_image(flat, mask="auto"), "Logo", "logo")
    assert pdfx_problems(pdf) == []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        (image,) = doc.pages[0].Resources.XObject.values()
        assert image.ColorSpace == pikepdf.Name.DeviceCMYK
        assert "/SMask" not in image and "/Mask" not in image and "/Decode" not in image
        back = pikepdf.PdfImage(image).as_pil_image()
    assert back.mode == "CMYK"
    assert list(back.get_flattened_data()) == list(flat.get_flattened_data())


def test_rgba_logo_drawn_as_is_breaks_pdfx():
    pdf = _pdfx(_page_with_image(_logo(), mask="auto"), "Logo", "logo")
    assert pdfx_problems(pdf) == [
        "Cores: imagem em DeviceRGB",
        "Transparência: imagem com máscara de transparência (SMask)",
    ]


def _regular_font() -> str:
    """Return the brand's regular font file, as the shipped brand standard names it."""
    from cimpskit.core import fonts

    return str(fonts.typeface("fontpkg-atkinson-hyperlegible", "Atkinson Hyperlegible").path("regular"))
