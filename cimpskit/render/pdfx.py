"""Turn reportlab's print PDF into a PDF/X-1a:2003 file, and flatten logos for it."""

from __future__ import annotations

import datetime
import hashlib
import io
import itertools
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pikepdf
from PIL import Image, ImageChops, ImageMath

from cimpskit.render.marks import PDFX_VERSION

MAX_PDF_VERSION = "1.4"  # PDF/X-1a:2003 is built on PDF 1.4
PRODUCER = "Kit de Campanhas CIMPS (reportlab e pikepdf)"
CREATOR = "Kit de Campanhas CIMPS"
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
XMP_TEMPLATE = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
{optional}   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


@dataclass(frozen=True)
class OutputCondition:
    """The printing condition a PDF/X file is made for, named in the ICC characterization registry."""

    identifier: str = "FOGRA39"
    """Registered reference name (OutputConditionIdentifier)."""
    condition: str = "Coated FOGRA39 (ISO 12647-2:2004)"
    """Readable name of the condition (OutputCondition)."""
    registry: str = "http://www.color.org"
    """Registry where the identifier is defined (RegistryName)."""
    info: str = "Offset em papel couché (tipos 1 e 2), ISO 12647-2:2004, caracterização FOGRA39L"
    """Human description of the condition (Info)."""


def to_pdfx(pdf: bytes, *, title: str, date: datetime.datetime, condition: OutputCondition, file_key: str) -> bytes:
    """Return the PDF/X-1a:2003 version of a reportlab print PDF, deterministic for the same arguments."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        if doc.pdf_version > MAX_PDF_VERSION:
            raise ValueError(f"PDF {doc.pdf_version} is newer than PDF/X-1a:2003 allows ({MAX_PDF_VERSION})")
        retag_subsets(doc, file_key)
        _set_output_intent(doc, condition)
        _set_info(doc, title, date)
        _set_xmp(doc, date)
        if "/ID" in doc.trailer:
            del doc.trailer["/ID"]  # qpdf then derives both halves of the /ID from the final content
        out = io.BytesIO()
        doc.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            deterministic_id=True,
            fix_metadata_version=False,
            preserve_pdfa=False,
        )
    return out.getvalue()


def retag_subsets(doc: pikepdf.Pdf, file_key: str) -> None:
    """Give every embedded subset font a tag derived from the file key, its name and its glyph program."""
    tags: dict[tuple[str, bytes], str] = {}
    for obj in doc.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/BaseFont" in obj:
            _retag_font(obj, file_key, tags)


def _retag_font(font: pikepdf.Dictionary, file_key: str, tags: dict[tuple[str, bytes], str]) -> None:
    """Rewrite the subset tag of one font dictionary, its descriptor and its descendant font."""
    owner = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    base = str(owner.get("/BaseFont", ""))[1:]
    if not SUBSET_TAG.match(base):
        return
    name = base[7:]
    descriptor = owner.get("/FontDescriptor")
    key = (name, hashlib.sha256(_font_program(descriptor)).digest())
    if key not in tags:
        tags[key] = _new_tag(file_key, key, set(tags.values()))
    tag = tags[key]
    for target in (font, owner):
        target.BaseFont = pikepdf.Name("/" + SUBSET_TAG.sub(tag + "+", str(target.BaseFont)[1:]))
    if descriptor is not None and SUBSET_TAG.match(str(descriptor.get("/FontName", ""))[1:]):
        descriptor.FontName = pikepdf.Name("/" + SUBSET_TAG.sub(tag + "+", str(descriptor.FontName)[1:]))


def _font_program(descriptor: pikepdf.Object | None) -> bytes:
    """Return the decoded bytes of the embedded font program of a descriptor (empty if none)."""
    for key in FONT_FILES:
        if isinstance(descriptor, pikepdf.Dictionary) and key in descriptor:
            return descriptor[key].read_bytes()
    return b""


def _new_tag(file_key: str, key: tuple[str, bytes], taken: set[str]) -> str:
    """Return six uppercase letters from a digest of the file key, font name and program, not in taken."""
    for attempt in itertools.count():
        seed = b"\0".join((file_key.encode(), key[0].encode(), key[1], str(attempt).encode()))
        n = int.from_bytes(hashlib.sha256(seed).digest()[:8], "big")
        tag = "".join(chr(ord("A") + n // 26**i % 26) for i in range(6))
        if tag not in taken:
            return tag
    raise AssertionError("unreachable")


def _set_output_intent(doc: pikepdf.Pdf, condition: OutputCondition) -> None:
    """Name the registered printing condition in a GTS_PDFX OutputIntent on the catalog."""
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(condition.identifier),
        OutputCondition=pikepdf.String(condition.condition),
        RegistryName=pikepdf.String(condition.registry),
        Info=pikepdf.String(condition.info),
    )
    doc.Root.OutputIntents = pikepdf.Array([doc.make_indirect(intent)])


def _set_info(doc: pikepdf.Pdf, title: str, date: datetime.datetime) -> None:
    """Fill the document information dictionary with what PDF/X-1a requires."""
    info = doc.docinfo
    stamp = pdf_date(date)
    info.Title = pikepdf.String(title)
    info.CreationDate = pikepdf.String(stamp)
    info.ModDate = pikepdf.String(stamp)
    info.Producer = pikepdf.String(PRODUCER)
    if not str(info.get("/Creator", "")):
        info.Creator = pikepdf.String(CREATOR)
    info.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
    info.Trapped = pikepdf.Name("/False")


def _set_xmp(doc: pikepdf.Pdf, date: datetime.datetime) -> None:
    """Attach an XMP packet that repeats the information dictionary, as PDF/X readers compare them."""
    info = doc.docinfo
    values = {key: escape(str(info.get(f"/{key}", ""))) for key in ("Title", "Author", "Subject", "Keywords")}
    optional = ""
    if values["Author"]:
        optional += f"   <dc:creator><rdf:Seq><rdf:li>{values['Author']}</rdf:li></rdf:Seq></dc:creator>\n"
    if values["Subject"]:
        optional += (
            f'   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{values["Subject"]}'
            "</rdf:li></rdf:Alt></dc:description>\n"
        )
    if "/Lang" in doc.Root:
        optional += f"   <dc:language><rdf:Bag><rdf:li>{escape(str(doc.Root.Lang))}</rdf:li></rdf:Bag></dc:language>\n"
    if values["Keywords"]:
        optional += f"   <pdf:Keywords>{values['Keywords']}</pdf:Keywords>\n"
    xmp = XMP_TEMPLATE.format(
        title=values["Title"],
        optional=optional,
        date=xmp_date(date),
        creator=escape(str(info.Creator)),
        producer=escape(str(info.Producer)),
        version=PDFX_VERSION,
    )
    doc.Root.Metadata = doc.make_stream(xmp.encode("utf-8"), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)


def _utc_if_naive(date: datetime.datetime) -> datetime.datetime:
    """Read a naive datetime as UTC, so every date written carries its offset."""
    return date if date.tzinfo is not None else date.replace(tzinfo=datetime.UTC)


def pdf_date(date: datetime.datetime) -> str:
    """Format a datetime as a PDF date string with its UTC offset, e.g. D:20260501000000-03'00'."""
    date = _utc_if_naive(date)
    offset = date.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{date:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def xmp_date(date: datetime.datetime) -> str:
    """Format a datetime as an XMP (ISO 8601) date with its UTC offset."""
    return _utc_if_naive(date).replace(microsecond=0).isoformat()


def flatten_for_print(
    image: Image.Image, background: str, *, background_cmyk: tuple[float, float, float, float] | None = None
) -> Image.Image:
    """Composite a logo on its known background and return it in CMYK, with no transparency left."""
    rgba = image.convert("RGBA")
    if background_cmyk is None:
        flat = Image.new("RGBA", rgba.size, background)
        flat.alpha_composite(rgba)
        return rgb_to_cmyk(flat.convert("RGB"))
    under = Image.new("CMYK", rgba.size, tuple(round(v * 255 / 100) for v in background_cmyk))
    return Image.composite(rgb_to_cmyk(rgba.convert("RGB")), under, rgba.getchannel("A"))


def rgb_to_cmyk(image: Image.Image) -> Image.Image:
    """Convert RGB to CMYK with plain black generation: K = 1 - max(R,G,B), C = (1 - R - K) / (1 - K)."""
    r, g, b = image.convert("RGB").split()
    top = ImageChops.lighter(ImageChops.lighter(r, g), b)  # max(R,G,B) = 255 * (1 - K)
    inks = [_ink(top, channel) for channel in (r, g, b)]
    return Image.merge("CMYK", (*inks, ImageChops.invert(top)))


def _ink(top: Image.Image, channel: Image.Image) -> Image.Image:
    """Return one chromatic ink, (max - channel) / max, rounded to 8 bits (0 where max is 0)."""
    return ImageMath.lambda_eval(
        lambda a: a["convert"](((a["top"] - a["ch"]) * 255 + a["top"] / 2) / a["top"], "L"), top=top, ch=channel
    )
