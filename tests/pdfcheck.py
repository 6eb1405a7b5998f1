"""Inspect print PDFs: PDF/X-1a:2003 conformance item by item, text runs with colour and size, ink coverage."""

from __future__ import annotations

import datetime
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

import pikepdf
from pikepdf.models.metadata import decode_pdf_date

PDFX_VERSION = "PDF/X-1a:2003"
MAX_PDF_VERSION = (1, 4)
SUBSET_TAG = re.compile(r"^([A-Z]{6})\+(.+)$")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
TOLERANCE = 0.01  # points; page boxes written with rounded decimals still nest
MAX_FORM_DEPTH = 16  # Form XObjects nested deeper than this are not followed (guards against cycles)

XMP_DC = "{http://purl.org/dc/elements/1.1/}"
XMP_XMP = "{http://ns.adobe.com/xap/1.0/}"
XMP_PDF = "{http://ns.adobe.com/pdf/1.3/}"
XMP_PDFXID = "{http://www.npes.org/pdfx/ns/id/}"
XMP_PAIRS = (  # Info key, XMP property, kind of value
    ("/Title", XMP_DC + "title", "text"),
    ("/Author", XMP_DC + "creator", "list"),
    ("/Subject", XMP_DC + "description", "text"),
    ("/Keywords", XMP_PDF + "Keywords", "text"),
    ("/Creator", XMP_XMP + "CreatorTool", "text"),
    ("/Producer", XMP_PDF + "Producer", "text"),
    ("/CreationDate", XMP_XMP + "CreateDate", "date"),
    ("/ModDate", XMP_XMP + "ModifyDate", "date"),
    ("/Trapped", XMP_PDF + "Trapped", "name"),
)

DEVICE_SPACES = {  # names and inline-image abbreviations of the device spaces PDF/X-1a allows
    "/DeviceGray": "/DeviceGray",
    "/G": "/DeviceGray",
    "/DeviceCMYK": "/DeviceCMYK",
    "/CMYK": "/DeviceCMYK",
}
RGB_SPACES = {"/DeviceRGB", "/RGB", "/CalRGB"}
FORBIDDEN_FILTERS = {"/LZWDecode", "/LZW", "/JPXDecode", "/Crypt"}
GRAY_OPERATORS = {"g": False, "G": True}
CMYK_OPERATORS = {"k": False, "K": True}
RGB_OPERATORS = {"rg": False, "RG": True}
SPACE_OPERATORS = {"cs": False, "CS": True}
COLOUR_OPERATORS = {"sc": False, "scn": False, "SC": True, "SCN": True}
SHOW_OPERATORS = {"Tj", "TJ", "'", '"'}


@dataclass(frozen=True)
class Check:
    """One PDF/X-1a:2003 requirement that pdfx_problems verifies."""

    name: str
    """Stable identifier, cited by the README and the tests."""
    label: str
    """Portuguese title that starts the problem line."""
    description: str
    """What the check requires, in Portuguese."""


CHECKS: tuple[Check, ...] = (
    Check("version", "Versão do PDF", "cabeçalho PDF 1.4 ou anterior, sem object streams nem xref streams (PDF 1.5)"),
    Check("encryption", "Criptografia", "o arquivo não é criptografado"),
    Check(
        "output-intent",
        "Intenção de saída",
        "uma única OutputIntent /GTS_PDFX com OutputConditionIdentifier e RegistryName (ou perfil ICC CMYK embutido)",
    ),
    Check("pdfx-version", "Versão PDF/X", "GTS_PDFXVersion 'PDF/X-1a:2003' no Info e o mesmo valor no XMP"),
    Check("info", "Informações do documento", "Title, CreationDate e ModDate presentes e datas válidas"),
    Check("trapped", "Trapping", "Trapped é True ou False (não Unknown nem ausente)"),
    Check("xmp", "Metadados XMP", "há metadados XMP no catálogo e eles repetem os valores do Info"),
    Check(
        "page-boxes",
        "Caixas da página",
        "toda página tem TrimBox (ou ArtBox, não as duas) e BleedBox, com TrimBox ⊆ BleedBox ⊆ MediaBox",
    ),
    Check(
        "fonts-embedded",
        "Fontes embutidas",
        "toda fonte, inclusive em XObjects, traz o programa da fonte (FontFile, FontFile2 ou FontFile3)",
    ),
    Check("subset-tags", "Etiquetas de subconjunto", "cada subconjunto de fonte tem sua própria etiqueta de 6 letras"),
    Check(
        "colour",
        "Cores",
        "só CMYK, cinza e cores especiais; nada de RGB, Lab, CalRGB/CalGray ou ICCBased no conteúdo e nas imagens",
    ),
    Check(
        "transparency",
        "Transparência",
        "sem SMask em imagens e estados gráficos, CA/ca = 1, mesclagem Normal/Compatible, sem grupo de transparência",
    ),
    Check("actions", "Ações e JavaScript", "sem JavaScript, sem /AA e sem /OpenAction"),
    Check("annotations", "Anotações", "nenhuma anotação dentro da BleedBox (exceto TrapNet)"),
    Check("embedded-files", "Arquivos embutidos", "sem arquivos embutidos, anexos nem fluxos em arquivos externos"),
    Check("trailer-id", "Identificador do arquivo", "o trailer traz /ID com duas strings"),
    Check("filters", "Compressão", "sem compressão LZW, JPEG 2000 (JPX) ou filtro Crypt"),
    Check("postscript", "PostScript e OPI", "sem XObjects PostScript, operador PS, OPI nem imagens alternativas"),
    Check(
        "halftone-transfer",
        "Retícula e transferência",
        "sem funções de transferência (TR, TR2 só /Default) e retículas só do tipo 1 ou 5, sem HalftoneName",
    ),
    Check("content", "Conteúdo das páginas", "todo conteúdo de página e de XObject pode ser lido"),
)


@dataclass(frozen=True)
class TextRun:
    """One text-showing operator as a reader sees it."""

    page: int
    """Page number, from 1."""
    font: str
    """BaseFont of the font, without its subset tag."""
    size_pt: float
    """Effective size in points: the Tf size scaled by the text matrix and the CTM."""
    cmyk: tuple[float, float, float, float] | None
    """Fill colour in percent when it is DeviceCMYK (or DeviceGray, as black ink); None otherwise."""
    rgb: bool
    """Whether the fill colour is an RGB colour."""
    text: str
    """The text shown, decoded through the font's ToUnicode map."""
    overprint: bool = False
    """Whether the fill overprints with nonzero overprint mode (op true, OPM 1): zero inks leave the colour under it."""


@dataclass(frozen=True)
class _Space:
    """A resolved colour space: its family, component count and the forbidden family inside it, if any."""

    family: str
    components: int
    forbidden: str | None = None

    @property
    def rgb(self) -> bool:
        """Tell whether colours in this space are RGB."""
        return self.family in RGB_SPACES or (self.family == "/ICCBased" and self.components == 3)


GRAY = _Space("/DeviceGray", 1)


@dataclass(frozen=True)
class _Paint:
    """A colour set by a content stream operator."""

    page: int
    operator: str
    space: _Space
    values: tuple[float, ...] | None

    def cmyk(self) -> tuple[float, float, float, float] | None:
        """Return the colour as CMYK percentages when it is CMYK or gray."""
        if self.values is None:
            return None
        if self.space.family == "/DeviceCMYK" and len(self.values) == 4:
            return tuple(round(v * 100, 4) for v in self.values)
        if self.space.family == "/DeviceGray" and len(self.values) == 1:
            return (0.0, 0.0, 0.0, round((1 - self.values[0]) * 100, 4))
        return None


@dataclass(frozen=True)
class _GState:
    """The part of the graphics state the inspector follows."""

    ctm: pikepdf.Matrix
    fill: _Paint
    stroke: _Paint
    font: pikepdf.Object | None = None
    size: float = 0.0
    overprint: bool = False
    overprint_mode: int = 0


@dataclass
class _Trace:
    """What interpreting the content streams found."""

    runs: list[TextRun] = field(default_factory=list)
    paints: list[_Paint] = field(default_factory=list)
    inline_spaces: list[tuple[int, _Space]] = field(default_factory=list)
    ps_operators: list[int] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def pdfx_problems(pdf: bytes) -> list[str]:
    """Return one Portuguese line per PDF/X-1a:2003 requirement the file fails; empty when it conforms."""
    try:
        doc = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PasswordError:
        return [f"{_label('encryption')}: o arquivo está criptografado com senha"]
    except pikepdf.PdfError as exc:
        return [f"{_label('content')}: o arquivo não pôde ser lido como PDF ({exc})"]
    with doc:
        ctx = _Context(pdf, doc)
        return [line for check in CHECKS if (line := _line(check, _RUNNERS[check.name](ctx)))]


def text_runs(pdf: bytes) -> list[TextRun]:
    """Return every text-showing operator of every page with its font, effective size and fill colour."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return _interpret(doc, everything=False).runs


def ink_coverages(pdf: bytes) -> list[float]:
    """Return the total ink (C+M+Y+K, percent) of every CMYK (or gray) fill and stroke colour set."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        paints = _interpret(doc, everything=True).paints
    return [round(sum(cmyk), 4) for p in paints if (cmyk := p.cmyk()) is not None]


def _label(name: str) -> str:
    """Return the label of a check by name."""
    return next(c.label for c in CHECKS if c.name == name)


def _line(check: Check, details: list[str]) -> str:
    """Return the problem line of a check: its label, the first detail and how many more there are."""
    unique = list(dict.fromkeys(details))
    if not unique:
        return ""
    more = len(unique) - 1
    suffix = f" (e mais {more} {'ocorrência' if more == 1 else 'ocorrências'})" if more else ""
    return f"{check.label}: {unique[0]}{suffix}"


class _Context:
    """A PDF under inspection, with the views the checks share, each computed once."""

    def __init__(self, raw: bytes, doc: pikepdf.Pdf):
        self.raw = raw
        self.doc = doc

    @cached_property
    def objects(self) -> list[pikepdf.Object]:
        """Return every dictionary, array and stream reachable from the trailer."""
        return list(_reachable(self.doc))

    @cached_property
    def dicts(self) -> list[pikepdf.Object]:
        """Return the reachable dictionaries and streams."""
        return [o for o in self.objects if isinstance(o, pikepdf.Dictionary | pikepdf.Stream)]

    @cached_property
    def resources(self) -> list[pikepdf.Object]:
        """Return every distinct Resources dictionary (pages, page tree, forms, patterns, Type 3 fonts)."""
        found: dict[tuple[int, int], pikepdf.Object] = {}
        for obj in self.dicts:
            res = obj.get("/Resources")
            if isinstance(res, pikepdf.Dictionary):
                found.setdefault(_identity(res), res)
        return list(found.values())

    @cached_property
    def fonts(self) -> list[pikepdf.Object]:
        """Return every font dictionary: typed as a font or listed in a Resources /Font entry."""
        found: dict[tuple[int, int], pikepdf.Object] = {}
        for obj in self.dicts:
            if obj.get("/Type") == "/Font":
                found.setdefault(_identity(obj), obj)
        for res in self.resources:
            for font in _values(res.get("/Font")):
                if isinstance(font, pikepdf.Dictionary):
                    found.setdefault(_identity(font), font)
        return list(found.values())

    @cached_property
    def trace(self) -> _Trace:
        """Return what interpreting every content stream found."""
        return _interpret(self.doc, everything=True)

    @cached_property
    def xmp(self) -> dict | None:
        """Return the XMP metadata as a mapping of qualified names, or None without a metadata stream."""
        if not isinstance(self.doc.Root.get("/Metadata"), pikepdf.Stream):
            return None
        try:
            meta = self.doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False, strict=True)
            return dict(meta)
        except Exception:  # any parse failure means unreadable XMP
            return {}


def _identity(obj: pikepdf.Object) -> tuple[int, int]:
    """Return a key for an object: its object and generation numbers, or its identity if direct (kept alive)."""
    return obj.objgen if obj.is_indirect else (-1, id(obj))


def _values(obj) -> list:
    """Return the values of a dictionary (empty for anything else)."""
    return list(obj.values()) if isinstance(obj, pikepdf.Dictionary) else []


def _reachable(doc: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Yield every dictionary, array and stream reachable from the trailer, each once."""
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object] = [doc.trailer]
    while stack:
        obj = stack.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            children = list(obj)
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            children = [obj[k] for k in obj.keys()]  # streams have no .values()
        else:
            continue
        yield obj
        containers = [c for c in children if isinstance(c, pikepdf.Array | pikepdf.Dictionary | pikepdf.Stream)]
        stack.extend(reversed(containers))


_RUNNERS: dict[str, Callable[[_Context], list[str]]] = {}


def _check(name: str):
    """Register the function that runs the check of that name."""

    def register(fn: Callable[[_Context], list[str]]) -> Callable[[_Context], list[str]]:
        _RUNNERS[name] = fn
        return fn

    return register


@_check("version")
def _version(ctx: _Context) -> list[str]:
    """Header 1.4 or lower, no catalog /Version above it, no object or cross-reference streams."""
    out = []
    header = re.match(rb"%PDF-(\d+)\.(\d+)", ctx.raw)
    if header is None:
        out.append("o arquivo não começa com o cabeçalho %PDF-1.x")
    elif (int(header[1]), int(header[2])) > MAX_PDF_VERSION:
        out.append(f"o arquivo é PDF {header[1].decode()}.{header[2].decode()}; o PDF/X-1a:2003 aceita até 1.4")
    declared = str(ctx.doc.Root.get("/Version", ""))[1:]
    if declared and tuple(int(p) for p in declared.split(".")[:2]) > MAX_PDF_VERSION:
        out.append(f"o catálogo declara a versão {declared}; o PDF/X-1a:2003 aceita até 1.4")
    if re.search(rb"/Type\s*/ObjStm\b", ctx.raw):
        out.append("usa object streams, um recurso do PDF 1.5")
    if re.search(rb"/Type\s*/XRef\b", ctx.raw):
        out.append("usa xref stream (tabela de referências comprimida), um recurso do PDF 1.5")
    return out


@_check("encryption")
def _encryption(ctx: _Context) -> list[str]:
    """No encryption dictionary."""
    return ["o arquivo está criptografado"] if ctx.doc.is_encrypted or "/Encrypt" in ctx.doc.trailer else []


@_check("output-intent")
def _output_intent(ctx: _Context) -> list[str]:
    """Exactly one GTS_PDFX OutputIntent naming a registered condition or embedding a CMYK profile."""
    intents = [i for i in ctx.doc.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if not intents:
        return ["falta a OutputIntent /GTS_PDFX (a condição de impressão, por exemplo FOGRA39)"]
    if len(intents) > 1:
        return [f"há {len(intents)} OutputIntents /GTS_PDFX; deve haver só uma"]
    intent, out = intents[0], []
    if not str(intent.get("/OutputConditionIdentifier", "")):
        out.append("a OutputIntent não tem OutputConditionIdentifier")
    profile = intent.get("/DestOutputProfile")
    if profile is None and not str(intent.get("/RegistryName", "")):
        out.append("a OutputIntent não tem RegistryName nem perfil ICC embutido")
    if profile is not None and int(profile.get("/N", 0)) != 4:
        out.append(f"o perfil ICC da OutputIntent não é CMYK (N = {int(profile.get('/N', 0))})")
    return out


@_check("pdfx-version")
def _pdfx_version(ctx: _Context) -> list[str]:
    """GTS_PDFXVersion is PDF/X-1a:2003 in the Info dictionary and the same in the XMP."""
    info = ctx.doc.trailer.get("/Info", pikepdf.Dictionary())
    version = str(info.get("/GTS_PDFXVersion", ""))
    out = []
    if not version:
        out.append("falta GTS_PDFXVersion no dicionário Info")
    elif version != PDFX_VERSION:
        out.append(f"GTS_PDFXVersion é '{version}' no Info; deve ser '{PDFX_VERSION}'")
    conformance = str(info.get("/GTS_PDFXConformance", ""))
    if conformance and not conformance.startswith("PDF/X-1a"):
        out.append(f"GTS_PDFXConformance é '{conformance}'; num PDF/X-1a deve ser 'PDF/X-1a:2003' ou ausente")
    if ctx.xmp:
        in_xmp = str(ctx.xmp.get(XMP_PDFXID + "GTS_PDFXVersion", ""))
        if not in_xmp:
            out.append("falta pdfxid:GTS_PDFXVersion nos metadados XMP")
        elif version and in_xmp != version:
            out.append(f"GTS_PDFXVersion é '{in_xmp}' no XMP e '{version}' no Info")
    return out


@_check("info")
def _info(ctx: _Context) -> list[str]:
    """Title, CreationDate and ModDate present, dates readable."""
    info = ctx.doc.trailer.get("/Info", pikepdf.Dictionary())
    out = []
    if not str(info.get("/Title", "")).strip():
        out.append("falta o título (Title)")
    for key, what in (("/CreationDate", "a data de criação"), ("/ModDate", "a data de modificação")):
        value = str(info.get(key, ""))
        if not value:
            out.append(f"falta {what} ({key[1:]})")
        elif _pdf_datetime(value) is None:
            out.append(f"{what} ({key[1:]}) não é uma data PDF válida: '{value}'")
    return out


def _pdf_datetime(value: str) -> datetime.datetime | None:
    """Parse a PDF date string, or return None."""
    try:
        return decode_pdf_date(value)
    except (ValueError, TypeError):
        return None


@_check("trapped")
def _trapped(ctx: _Context) -> list[str]:
    """Trapped is the name True or False."""
    trapped = ctx.doc.trailer.get("/Info", pikepdf.Dictionary()).get("/Trapped")
    if trapped is None:
        return ["falta o campo Trapped (deve ser True ou False)"]
    if not isinstance(trapped, pikepdf.Name) or str(trapped) not in ("/True", "/False"):
        return [f"Trapped é {trapped}; deve ser /True ou /False"]
    return []


@_check("xmp")
def _xmp(ctx: _Context) -> list[str]:
    """An XMP stream on the catalog that repeats the Info values."""
    if ctx.xmp is None:
        return ["falta o fluxo de metadados XMP no catálogo"]
    if not ctx.xmp:
        return ["os metadados XMP não puderam ser lidos"]
    info = ctx.doc.trailer.get("/Info", pikepdf.Dictionary())
    out = []
    for key, prop, kind in XMP_PAIRS:
        value = info.get(key)
        if value is None or not str(value):
            continue
        in_xmp = ctx.xmp.get(prop)
        if in_xmp is None:
            out.append(f"{key[1:]} está no Info mas falta {_short(prop)} no XMP")
        elif not _same(str(value), in_xmp, kind):
            out.append(f"{_short(prop)} no XMP ('{_plain(in_xmp)}') difere de {key[1:]} no Info ('{value}')")
    return out


def _short(prop: str) -> str:
    """Return an XMP property as prefix:name."""
    prefixes = {XMP_DC: "dc:", XMP_XMP: "xmp:", XMP_PDF: "pdf:", XMP_PDFXID: "pdfxid:"}
    ns, name = prop[1:].split("}")
    return prefixes["{" + ns + "}"] + name


def _plain(value) -> str:
    """Return an XMP value as text (lists joined)."""
    return "; ".join(str(v) for v in value) if isinstance(value, list | set) else str(value)


def _same(info_value: str, xmp_value, kind: str) -> bool:
    """Tell whether an Info value and its XMP counterpart agree."""
    if kind == "date":
        a, b = _pdf_datetime(info_value), _xmp_datetime(str(xmp_value))
        return a is not None and b is not None and a == b
    if kind == "name":
        return info_value.lstrip("/").lower() == str(xmp_value).lower()
    return info_value == _plain(xmp_value)


def _xmp_datetime(value: str) -> datetime.datetime | None:
    """Parse an XMP date, reading a missing offset as UTC; None if unreadable."""
    try:
        date = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return date if date.tzinfo else date.replace(tzinfo=datetime.UTC)


@_check("page-boxes")
def _page_boxes(ctx: _Context) -> list[str]:
    """TrimBox or ArtBox (not both) and BleedBox on every page, nested inside the MediaBox."""
    out = []
    for number, page in enumerate(ctx.doc.pages, start=1):
        obj = page.obj
        has_trim, has_art = "/TrimBox" in obj, "/ArtBox" in obj
        if not has_trim and not has_art:
            out.append(f"página {number} sem TrimBox nem ArtBox")
        elif has_trim and has_art:
            out.append(f"página {number} tem TrimBox e ArtBox; use só uma")
        if "/BleedBox" not in obj:
            out.append(f"página {number} sem BleedBox")
        media = _rect(page.mediabox)
        bleed = _rect(obj.BleedBox) if "/BleedBox" in obj else media
        inner = obj.get("/TrimBox", obj.get("/ArtBox"))
        if inner is not None and not _inside(_rect(inner), bleed):
            out.append(f"página {number}: {'TrimBox' if has_trim else 'ArtBox'} sai da BleedBox")
        if not _inside(bleed, media):
            out.append(f"página {number}: BleedBox sai da MediaBox")
    return out


def _rect(box) -> tuple[float, float, float, float]:
    """Return a PDF rectangle normalized to (x0, y0, x1, y1) with x0 <= x1 and y0 <= y1."""
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    """Tell whether a rectangle lies inside another, within TOLERANCE."""
    return (
        inner[0] >= outer[0] - TOLERANCE
        and inner[1] >= outer[1] - TOLERANCE
        and inner[2] <= outer[2] + TOLERANCE
        and inner[3] <= outer[3] + TOLERANCE
    )


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Tell whether two rectangles share an area larger than TOLERANCE."""
    return min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE


@_check("fonts-embedded")
def _fonts_embedded(ctx: _Context) -> list[str]:
    """Every font used anywhere carries its font program."""
    out = []
    for font in ctx.fonts:
        subtype = font.get("/Subtype")
        if subtype == "/Type3" or subtype in ("/CIDFontType0", "/CIDFontType2"):
            continue  # Type 3 glyphs are content streams; descendants are checked through their Type 0 parent
        owner = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = owner.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in FONT_FILES):
            out.append(f"fonte não embutida: {str(font.get('/BaseFont', '/(sem nome)'))[1:]}")
    return out


@_check("subset-tags")
def _subset_tags(ctx: _Context) -> list[str]:
    """Different font subsets carry different six-letter tags; BaseFont and FontName agree."""
    owners: dict[str, set[tuple[str, str]]] = {}
    out = []
    for font in ctx.fonts:
        if font.get("/Subtype") == "/Type0":
            continue  # its BaseFont repeats the descendant's tag by design
        match = SUBSET_TAG.match(str(font.get("/BaseFont", ""))[1:])
        if not match:
            continue
        descriptor = font.get("/FontDescriptor")
        program = b""
        if descriptor is not None:
            program = next((descriptor[k].read_bytes() for k in FONT_FILES if k in descriptor), b"")
            font_name = str(descriptor.get("/FontName", ""))[1:]
            if font_name and font_name != match[0]:
                out.append(f"BaseFont {match[0]} e FontName {font_name} não coincidem")
        owners.setdefault(match[1], set()).add((match[2], hashlib.sha256(program).hexdigest()))
    for tag, subsets in owners.items():
        if len(subsets) > 1:
            names = sorted({name for name, _ in subsets})
            if len(names) > 1:
                out.append(f"a etiqueta {tag} aparece em fontes diferentes: {', '.join(names)}")
            else:
                out.append(f"a etiqueta {tag} aparece em {len(subsets)} subconjuntos diferentes de {names[0]}")
    return out


@_check("colour")
def _colour(ctx: _Context) -> list[str]:
    """Only CMYK, gray and special colours, in content operators, resources, images and shadings."""
    out = []
    for paint in ctx.trace.paints:
        if paint.space.forbidden:
            out.append(f"{_where(paint.page)}: cor {paint.space.forbidden[1:]} (operador {paint.operator})")
    for page, space in ctx.trace.inline_spaces:
        if space.forbidden:
            out.append(f"{_where(page)}: imagem embutida no conteúdo em {space.forbidden[1:]}")
    for res in ctx.resources:
        for cs in _values(res.get("/ColorSpace")):
            if bad := _colour_space(cs).forbidden:
                out.append(f"espaço de cor {bad[1:]} nos recursos")
    for obj in ctx.dicts:
        if obj.get("/Subtype") == "/Image" and "/ColorSpace" in obj:
            if bad := _colour_space(obj.ColorSpace).forbidden:
                out.append(f"imagem em {bad[1:]}")
        if "/ShadingType" in obj and (bad := _colour_space(obj.get("/ColorSpace", GRAY.family)).forbidden):
            out.append(f"degradê em {bad[1:]}")
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and "/CS" in group and (bad := _colour_space(group.CS).forbidden):
            out.append(f"grupo com espaço de cor {bad[1:]}")
    return out


def _where(page: int) -> str:
    """Name where a content stream sits: a page, or outside the page content."""
    return f"página {page}" if page else "fora do conteúdo das páginas"


@_check("transparency")
def _transparency(ctx: _Context) -> list[str]:
    """No soft masks, constant alpha below 1, blend modes other than Normal, or transparency groups."""
    out = []
    for res in ctx.resources:
        for gs in _values(res.get("/ExtGState")):
            out.extend(_gs_transparency(gs))
    for obj in ctx.dicts:
        if obj.get("/Subtype") == "/Image" and "/SMask" in obj:
            out.append("imagem com máscara de transparência (SMask)")
        if obj.get("/Subtype") == "/Image" and int(obj.get("/SMaskInData", 0)):
            out.append("imagem com transparência embutida (SMaskInData)")
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            kind = "página" if obj.get("/Type") == "/Page" else "XObject"
            out.append(f"{kind} com grupo de transparência (/Group /S /Transparency)")
    return out


def _gs_transparency(gs) -> list[str]:
    """Return the transparency settings of one ExtGState."""
    if not isinstance(gs, pikepdf.Dictionary):
        return []
    out = []
    if "/SMask" in gs and gs.SMask != pikepdf.Name("/None"):
        out.append("estado gráfico com máscara de transparência (SMask)")
    for key in ("/CA", "/ca"):
        if key in gs and float(gs[key]) != 1:
            alpha = f"{float(gs[key]):g}".replace(".", ",")
            out.append(f"estado gráfico com opacidade {alpha} ({key[1:]})")
    modes = gs.get("/BM")
    for mode in list(modes) if isinstance(modes, pikepdf.Array) else [modes] if modes is not None else []:
        if str(mode) not in ("/Normal", "/Compatible"):
            out.append(f"estado gráfico com modo de mesclagem {str(mode)[1:]}")
    return out


@_check("actions")
def _actions(ctx: _Context) -> list[str]:
    """No OpenAction, no additional actions (/AA), no JavaScript."""
    out = []
    if "/OpenAction" in ctx.doc.Root:
        out.append("ação ao abrir o arquivo (/OpenAction)")
    names = ctx.doc.Root.get("/Names", pikepdf.Dictionary())
    if "/JavaScript" in names:
        out.append("JavaScript na árvore de nomes do documento")
    for obj in ctx.dicts:
        if "/AA" in obj:
            out.append("ação automática (/AA)")
        if obj.get("/S") == "/JavaScript" or "/JS" in obj:
            out.append("ação JavaScript")
    return out


@_check("annotations")
def _annotations(ctx: _Context) -> list[str]:
    """No annotation (other than TrapNet) inside the BleedBox, or the TrimBox/ArtBox without one."""
    out = []
    for number, page in enumerate(ctx.doc.pages, start=1):
        obj = page.obj
        area = obj.get("/BleedBox", obj.get("/TrimBox", obj.get("/ArtBox", page.mediabox)))
        for annot in obj.get("/Annots", []):
            subtype = str(annot.get("/Subtype", "/(sem tipo)"))
            if subtype != "/TrapNet" and "/Rect" in annot and _overlap(_rect(annot.Rect), _rect(area)):
                out.append(f"página {number}: anotação {subtype[1:]} dentro da área de sangria")
    return out


@_check("embedded-files")
def _embedded_files(ctx: _Context) -> list[str]:
    """No embedded files, file attachments or streams kept in external files."""
    out = []
    for obj in ctx.dicts:
        if "/EF" in obj:
            out.append(f"arquivo embutido: {obj.get('/UF', obj.get('/F', '(sem nome)'))}")
        if obj.get("/Subtype") == "/FileAttachment":
            out.append("anexo em anotação (FileAttachment)")
        if isinstance(obj, pikepdf.Stream) and "/F" in obj.stream_dict:
            out.append("fluxo com dados num arquivo externo (/F)")
    return out


@_check("trailer-id")
def _trailer_id(ctx: _Context) -> list[str]:
    """A trailer /ID of two strings."""
    ident = ctx.doc.trailer.get("/ID")
    if ident is None:
        return ["falta o /ID no trailer"]
    if not isinstance(ident, pikepdf.Array) or len(ident) != 2 or not all(isinstance(i, pikepdf.String) for i in ident):
        return ["o /ID do trailer deve ter duas strings"]
    return []


@_check("filters")
def _filters(ctx: _Context) -> list[str]:
    """No LZW, JPEG 2000 or Crypt stream filters."""
    out = []
    for obj in ctx.dicts:
        if isinstance(obj, pikepdf.Stream):
            filters = obj.stream_dict.get("/Filter")
            for name in list(filters) if isinstance(filters, pikepdf.Array) else [filters] if filters else []:
                if str(name) in FORBIDDEN_FILTERS:
                    out.append(f"compressão {str(name)[1:]} não permitida")
    return out


@_check("postscript")
def _postscript(ctx: _Context) -> list[str]:
    """No PostScript XObjects, PS operators, OPI comments or alternate images."""
    out = [f"{_where(page)}: operador PS (PostScript)" for page in ctx.trace.ps_operators]
    for obj in ctx.dicts:
        if obj.get("/Subtype") == "/PS" or obj.get("/Subtype2") == "/PS":
            out.append("XObject PostScript")
        if "/OPI" in obj:
            out.append("comentários OPI")
        if obj.get("/Subtype") == "/Image" and "/Alternates" in obj:
            out.append("imagem com versões alternativas (Alternates)")
    return out


@_check("halftone-transfer")
def _halftone_transfer(ctx: _Context) -> list[str]:
    """No transfer functions; halftones only of type 1 or 5 and without HalftoneName."""
    out = []
    for res in ctx.resources:
        for gs in _values(res.get("/ExtGState")):
            if not isinstance(gs, pikepdf.Dictionary):
                continue
            if "/TR" in gs:
                out.append("função de transferência (TR) no estado gráfico")
            if "/TR2" in gs and gs.TR2 != pikepdf.Name("/Default"):
                out.append("função de transferência (TR2) diferente de /Default")
            halftone = gs.get("/HT")
            if isinstance(halftone, pikepdf.Dictionary | pikepdf.Stream):
                if int(halftone.get("/HalftoneType", 0)) not in (1, 5):
                    out.append(f"retícula do tipo {int(halftone.get('/HalftoneType', 0))}; só 1 ou 5")
                if "/HalftoneName" in halftone:
                    out.append("retícula com HalftoneName")
    return out


@_check("content")
def _content(ctx: _Context) -> list[str]:
    """Every page and XObject content stream parses."""
    return list(ctx.trace.unreadable)


def _colour_space(cs, resources=None) -> _Space:
    """Resolve a colour space (name or array) and find any forbidden family inside it."""
    if isinstance(cs, pikepdf.Name | str):
        name = str(cs)
        if name in DEVICE_SPACES:
            family = DEVICE_SPACES[name]
            return _Space(family, 1 if family == "/DeviceGray" else 4)
        if name == "/Pattern":
            return _Space("/Pattern", 1)
        named = resources.get("/ColorSpace", {}).get(name) if resources is not None else None
        if named is not None:
            return _colour_space(named)
        rgb = name in RGB_SPACES
        return _Space("/DeviceRGB" if rgb else name, 3 if rgb else 0, "/DeviceRGB" if rgb else name)
    if isinstance(cs, pikepdf.Array) and len(cs):
        return _array_space(cs)
    return _Space("/(desconhecido)", 0, "/(desconhecido)")


def _array_space(cs: pikepdf.Array) -> _Space:
    """Resolve a colour space array."""
    family = str(cs[0])
    if family in DEVICE_SPACES:
        return _colour_space(cs[0])
    if family in ("/Separation", "/DeviceN") and len(cs) > 2:
        alternate = _colour_space(cs[2])
        components = 1 if family == "/Separation" else len(cs[1])
        return _Space(family, components, alternate.forbidden)
    if family in ("/Indexed", "/I") and len(cs) > 1:
        return _Space("/Indexed", 1, _colour_space(cs[1]).forbidden)
    if family == "/Pattern":
        return _Space("/Pattern", 1, _colour_space(cs[1]).forbidden if len(cs) > 1 else None)
    components = int(cs[1].get("/N", 0)) if family == "/ICCBased" and isinstance(cs[1], pikepdf.Stream) else 3
    return _Space(family, components, family)


def _interpret(doc: pikepdf.Pdf, *, everything: bool) -> _Trace:
    """Interpret the content of every page (and, with everything, of forms and patterns outside it)."""
    run = _Interpreter()
    for number, page in enumerate(doc.pages, start=1):
        run.stream(page, _inherited(page.obj, "/Resources"), _initial_state(), number, 0)
    if everything:
        for obj in _reachable(doc):
            if not isinstance(obj, pikepdf.Stream) or obj.objgen in run.visited:
                continue
            if obj.get("/Subtype") == "/Form" or obj.get("/PatternType") == 1:
                run.stream(obj, obj.get("/Resources", pikepdf.Dictionary()), _initial_state(), 0, 0)
    return run.trace


def _inherited(page: pikepdf.Dictionary, key: str):
    """Return an inheritable page attribute, walking up the page tree."""
    node = page
    while node is not None:
        if key in node:
            return node[key]
        node = node.get("/Parent")
    return pikepdf.Dictionary()


def _ext_state(state: _GState, resources, name: str) -> _GState:
    """Apply the overprint settings of an ExtGState set with gs (op falls back to OP, as the standard says)."""
    gs = resources.get("/ExtGState", pikepdf.Dictionary()).get(name)
    if not isinstance(gs, pikepdf.Dictionary):
        return state
    fill = gs.get("/op", gs.get("/OP"))
    if fill is not None:
        state = replace(state, overprint=bool(fill))
    if "/OPM" in gs:
        state = replace(state, overprint_mode=int(gs.OPM))
    return state


def _initial_state() -> _GState:
    """Return the graphics state at the start of a page: identity CTM, black gray fill and stroke."""
    black = _Paint(0, "", GRAY, (0.0,))
    return _GState(pikepdf.Matrix(), black, black)


class _Interpreter:
    """Follow colours, fonts and matrices through content streams and the Form XObjects they draw."""

    def __init__(self):
        self.trace = _Trace()
        self.visited: set[tuple[int, int]] = set()
        self._maps: dict[tuple[int, int], tuple[int, dict[int, str]]] = {}

    def stream(self, content, resources, state: _GState, page: int, depth: int) -> None:
        """Interpret one content stream with its resources, starting from a graphics state."""
        try:
            instructions = pikepdf.parse_content_stream(content)
        except pikepdf.PdfError:
            self.trace.unreadable.append(f"{_where(page)}: conteúdo ilegível")
            return
        stack: list[_GState] = []
        text_matrix = pikepdf.Matrix()
        for operands, operator in instructions:
            op = str(operator)
            if op == "q":
                stack.append(state)
            elif op == "Q":
                state = stack.pop() if stack else state
            elif op == "cm":
                state = replace(state, ctm=pikepdf.Matrix(*(float(v) for v in operands)) @ state.ctm)
            elif op == "BT":
                text_matrix = pikepdf.Matrix()
            elif op == "Tm":
                text_matrix = pikepdf.Matrix(*(float(v) for v in operands))
            elif op == "Tf":
                font = resources.get("/Font", pikepdf.Dictionary()).get(str(operands[0]))
                state = replace(state, font=font, size=float(operands[1]))
            elif op in SHOW_OPERATORS:
                self._show(state, text_matrix, operands, op, page)
            elif op == "gs":
                state = _ext_state(state, resources, str(operands[0]))
            elif op == "Do":
                self._do(state, resources, str(operands[0]), page, depth)
            elif op == "INLINE IMAGE":
                space = operands[0].obj.get("/ColorSpace")
                if space is not None:
                    self.trace.inline_spaces.append((page, _colour_space(space, resources)))
            elif op == "PS":
                self.trace.ps_operators.append(page)
            else:
                state = self._colour(state, resources, operands, op, page)

    def _colour(self, state: _GState, resources, operands, op: str, page: int) -> _GState:
        """Apply a colour operator, record the colour set and return the new state (other operators pass through)."""
        known = (GRAY_OPERATORS, CMYK_OPERATORS, RGB_OPERATORS, SPACE_OPERATORS, COLOUR_OPERATORS)
        if not any(op in table for table in known):
            return state
        numbers = [v for v in operands if not isinstance(v, pikepdf.Name)]
        values = tuple(float(v) for v in numbers) if op not in SPACE_OPERATORS else ()
        if op in GRAY_OPERATORS:
            stroke, paint = GRAY_OPERATORS[op], _Paint(page, op, GRAY, values)
        elif op in CMYK_OPERATORS:
            stroke, paint = CMYK_OPERATORS[op], _Paint(page, op, _colour_space("/DeviceCMYK"), values)
        elif op in RGB_OPERATORS:
            stroke, paint = RGB_OPERATORS[op], _Paint(page, op, _colour_space("/DeviceRGB"), values)
        elif op in SPACE_OPERATORS:
            stroke, paint = SPACE_OPERATORS[op], _Paint(page, op, _colour_space(operands[0], resources), None)
        elif op in COLOUR_OPERATORS:
            stroke = COLOUR_OPERATORS[op]
            paint = _Paint(page, op, (state.stroke if stroke else state.fill).space, values)
        else:
            return state
        self.trace.paints.append(paint)
        return replace(state, stroke=paint) if stroke else replace(state, fill=paint)

    def _show(self, state: _GState, text_matrix: pikepdf.Matrix, operands, op: str, page: int) -> None:
        """Record one text-showing operator as a text run."""
        strings = operands[0] if op == "TJ" else operands[-1:]
        raw = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
        matrix = text_matrix @ state.ctm
        scale = (matrix.c**2 + matrix.d**2) ** 0.5
        font = state.font
        name = str(font.get("/BaseFont", "/")) if font is not None else "/"
        tagged = SUBSET_TAG.match(name[1:])
        run = TextRun(
            page=page,
            font=tagged[2] if tagged else name[1:],
            size_pt=round(state.size * scale, 3),
            cmyk=state.fill.cmyk(),
            rgb=state.fill.space.rgb,
            text=self._decode(font, raw),
            overprint=state.overprint and state.overprint_mode == 1,
        )
        self.trace.runs.append(run)

    def _do(self, state: _GState, resources, name: str, page: int, depth: int) -> None:
        """Follow a Form XObject drawn with Do, with its matrix and resources."""
        xobject = resources.get("/XObject", pikepdf.Dictionary()).get(name)
        if not isinstance(xobject, pikepdf.Stream) or xobject.get("/Subtype") != "/Form" or depth >= MAX_FORM_DEPTH:
            return
        if xobject.is_indirect:
            self.visited.add(xobject.objgen)
        matrix = pikepdf.Matrix(*(float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])))
        inner = replace(state, ctm=matrix @ state.ctm)
        self.stream(xobject, xobject.get("/Resources", resources), inner, page, depth + 1)

    def _decode(self, font, raw: bytes) -> str:
        """Decode shown bytes through the font's ToUnicode map (Latin-1 for unmapped one-byte codes)."""
        if font is None:
            return raw.decode("latin-1")
        width, mapping = self._map(font)
        codes = (int.from_bytes(raw[i : i + width], "big") for i in range(0, len(raw), width))
        return "".join(mapping.get(c, chr(c) if width == 1 else "\ufffd") for c in codes)

    def _map(self, font: pikepdf.Dictionary) -> tuple[int, dict[int, str]]:
        """Return a font's code width and ToUnicode map, parsed once per indirect font."""
        if not font.is_indirect:
            return _unicode_map(font)
        if font.objgen not in self._maps:
            self._maps[font.objgen] = _unicode_map(font)
        return self._maps[font.objgen]


def _unicode_map(font: pikepdf.Dictionary) -> tuple[int, dict[int, str]]:
    """Return the code width in bytes and the code-to-text map of a font's ToUnicode CMap."""
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    cmap = font.get("/ToUnicode")
    if not isinstance(cmap, pikepdf.Stream):
        return width, {}
    data = cmap.read_bytes()
    space = re.search(rb"begincodespacerange\s*<([0-9A-Fa-f]+)>", data)
    width = len(space[1]) // 2 if space else width
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        codes = re.findall(rb"<([0-9A-Fa-f]*)>", block)
        mapping.update((int(src, 16), _utf16(dst)) for src, dst in zip(codes[::2], codes[1::2], strict=False))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            mapping.update(_bfrange(int(lo, 16), int(hi, 16), dst))
    return width, mapping


def _bfrange(lo: int, hi: int, dst: bytes) -> Iterator[tuple[int, str]]:
    """Yield the code-to-text pairs of one bfrange entry."""
    if dst.startswith(b"["):
        yield from ((lo + i, _utf16(d)) for i, d in enumerate(re.findall(rb"<([0-9A-Fa-f]*)>", dst)))
        return
    start = bytes.fromhex(dst[1:-1].decode())
    head, last = start[:-2], int.from_bytes(start[-2:], "big")
    for i in range(min(hi - lo, 0xFFFF) + 1):
        yield lo + i, (head + ((last + i) & 0xFFFF).to_bytes(2, "big")).decode("utf-16-be", "replace")


def _utf16(hex_digits: bytes) -> str:
    """Decode a CMap destination written as UTF-16BE hex digits."""
    return bytes.fromhex(hex_digits.decode()).decode("utf-16-be", "replace")
