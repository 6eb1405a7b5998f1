"""The typed build result: every piece and bundle with its files, sizes, alt texts and captions."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from cimpskit.core import paths
from cimpskit.core.paths import PieceFiles


@dataclass(frozen=True)
class OutFile:
    """One written file: its path under the downloads folder, size and SHA-256."""

    path: str
    size: int
    sha256: str

    @classmethod
    def of(cls, path: str, data: bytes) -> OutFile:
        """Describe the bytes written at path."""
        return cls(path, len(data), hashlib.sha256(data).hexdigest())

    @property
    def url(self) -> str:
        """Return the file's address from the site's root."""
        return paths.url(self.path)

    @property
    def kind(self) -> str:
        """Return the file type as people name it ('PDF', 'PNG', 'ZIP')."""
        return self.path.rsplit(".", 1)[-1].upper()


@dataclass(frozen=True)
class Piece:
    """One asset (campaign × municipality × format): its files by role, alt texts and captions."""

    stem: str
    campaign: str
    municipality: str
    format: str
    digest: str
    medium: str = "screen"
    preview: bool = False
    """A municipal piece whose contacts are not all confirmed: marked PRÉVIA, never printed."""
    draft: bool = False
    files: dict[str, OutFile] = field(default_factory=dict)
    """Files by role: main (PNG or PDF), preview and preview-back (small WebP), alt (text), caption (text);
    screen pieces also facebook and whatsapp (texts); print pieces preview-large and
    preview-large-back (a larger WebP per page); final print pieces also trim-bleed (PDF without marks, when the
    format asks), ficha and ficha-csv."""
    alts: tuple[str, ...] = ()
    """Alt text of each page (front, then back; a carousel's cards in order)."""
    captions: dict[str, str] = field(default_factory=dict)
    """Ready-to-paste captions by network."""
    version: int = 0
    """Version of a final print piece's files (in their names, as -v2.pdf); 0 for every other piece."""
    label: str = ""
    """The piece's name for people (a series piece's, like 'Carrossel (6 imagens)'; empty: its format's)."""
    series: str = ""
    """The series kind of a series piece or video ('carrossel', 'data', 'contagem', 'evento', 'moldura',
    'video'); empty for the pieces of the campaign's formats. A carousel's cards k ≥ 2 have the roles main-k and
    preview-k; a video's main file is its MP4 and preview-large its poster frame (the still, full size)."""

    def __post_init__(self) -> None:
        """Keep files in one order, by role name, whether drawn now or read back from the manifest."""
        object.__setattr__(self, "files", dict(sorted(self.files.items())))

    @property
    def main(self) -> OutFile:
        """Return the file people download (PNG or PDF)."""
        return self.files["main"]

    def page_files(self, role: str) -> list[OutFile]:
        """Return a role's file of every page, in page order (role, role-2, role-3...)."""
        out, k = [], 2
        if role in self.files:
            out.append(self.files[role])
        while f"{role}-{k}" in self.files:
            out.append(self.files[f"{role}-{k}"])
            k += 1
        return out

    def previews(self) -> list[OutFile]:
        """Return the page previews in page order."""
        back = [self.files["preview-back"]] if "preview-back" in self.files else []
        return self.page_files("preview") + back

    def full_views(self) -> list[OutFile]:
        """Return what the gallery shows full size, in page order: a larger render per page (print, a video's poster
        frame), else the PNG of each page itself."""
        if self.medium == "print":
            return [self.files[r] for r in ("preview-large", "preview-large-back") if r in self.files]
        return self.page_files("preview-large") or self.page_files("main")

    @property
    def names(self) -> PieceFiles:
        """Return where this piece's files live, by role."""
        return PieceFiles(
            self.campaign,
            self.municipality,
            self.format,
            self.medium,
            self.medium == "print" and (self.preview or self.draft),
        )

    def to_data(self) -> dict:
        """Return plain data for the manifest."""
        return {
            "stem": self.stem,
            "campaign": self.campaign,
            "municipality": self.municipality,
            "format": self.format,
            "digest": self.digest,
            "medium": self.medium,
            "preview": self.preview,
            "draft": self.draft,
            "files": {role: [f.path, f.size, f.sha256] for role, f in sorted(self.files.items())},
            "alts": list(self.alts),
            "captions": dict(sorted(self.captions.items())),
            "version": self.version,
            "label": self.label,
            "series": self.series,
        }

    @classmethod
    def from_data(cls, data: dict) -> Piece:
        """Rebuild a piece from manifest data."""
        files = {role: OutFile(*values) for role, values in data["files"].items()}
        return cls(
            data["stem"],
            data["campaign"],
            data["municipality"],
            data["format"],
            data["digest"],
            data["medium"],
            data["preview"],
            data["draft"],
            files,
            tuple(data["alts"]),
            dict(data["captions"]),
            data["version"],
            data["label"],
            data["series"],
        )


@dataclass(frozen=True)
class Bundle:
    """The ZIP of one campaign × municipality."""

    campaign: str
    municipality: str
    file: OutFile


@dataclass(frozen=True)
class Kit:
    """The ZIP of one municipality with every campaign of the build ("Baixar tudo")."""

    municipality: str
    file: OutFile
    campaigns: tuple[str, ...]


@dataclass(frozen=True)
class SignatureFiles:
    """The signature lockup of one variant (municipality and consortium, or the consortium alone) by kind."""

    municipality: str
    files: dict[str, OutFile]
    """By kind: svg (vector, screen colours), pdf (vector PDF/X-1a in the brand's CMYK) and png (300 dpi)."""


@dataclass(frozen=True)
class RoundFiles:
    """The order a print shop receives for one print round: order sheet (PDF), its CSV and the ZIP, by kind."""

    year: int
    id: str
    order_by: dt.date
    campaigns: tuple[str, ...]
    can_send: bool
    complete: bool
    files: dict[str, OutFile]
    """By kind: pdf, csv and zip."""


@dataclass(frozen=True)
class Counts:
    """What a build did, for its summary line."""

    rendered: int = 0
    reused: int = 0
    bundles: int = 0
    removed: int = 0
    fichas: int = 0


@dataclass(frozen=True)
class BuildResult:
    """Everything a build produced; the site and every other producer are views over it."""

    pieces: tuple[Piece, ...]
    bundles: tuple[Bundle, ...]
    campaigns: tuple[str, ...]
    drafts: bool
    counts: Counts = Counts()
    kits: tuple[Kit, ...] = ()
    """One ZIP per municipality across every campaign (full builds only)."""
    signatures: tuple[SignatureFiles, ...] = ()
    """The signature files of every variant (full builds only)."""
    outputs: dict[str, int] = field(default_factory=dict)
    """Absolute path → size of every file the build wrote or kept: assets, ZIPs, manifest, generated pages."""
    rounds: tuple[RoundFiles, ...] = ()
    """The order of every print round whose campaigns were all built."""
    history: tuple = ()
    """The print files' version history after this build (name → versions), for the order's files."""

    def piece(self, campaign: str, municipality: str, fmt: str) -> Piece:
        """Return one piece."""
        return next(p for p in self.pieces if (p.campaign, p.municipality, p.format) == (campaign, municipality, fmt))

    def bundle(self, campaign: str, municipality: str) -> Bundle:
        """Return the ZIP of one campaign × municipality."""
        return next(b for b in self.bundles if (b.campaign, b.municipality) == (campaign, municipality))

    def kit(self, municipality: str) -> Kit | None:
        """Return the ZIP of one municipality across every campaign, when the build made it."""
        return next((k for k in self.kits if k.municipality == municipality), None)

    def signature(self, municipality: str) -> SignatureFiles | None:
        """Return the signature files of one variant, when the build made them."""
        return next((s for s in self.signatures if s.municipality == municipality), None)
