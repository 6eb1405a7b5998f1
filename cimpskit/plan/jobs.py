"""The job types: everything one asset needs to be laid out and rendered, frozen and self-contained."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from cimpskit.core import fonts
from cimpskit.core.paths import PieceFiles
from cimpskit.core.scene import Paint, PrintSetup, Standard
from cimpskit.inputs.model import Format

if TYPE_CHECKING:
    from cimpskit.plan.series import MotionJob, SeriesJob


@dataclass(frozen=True)
class ContactLine:
    """A local service contact as the pieces show it, and whether the municipality confirmed it."""

    kind: str
    label: str
    service: str
    phone: str | None = None
    whatsapp: str | None = None
    email: str | None = None
    address: str | None = None
    hours: str | None = None
    verified: bool = False


@dataclass(frozen=True)
class Regional:
    """What the regional variant shows instead of local contacts: the seven municipalities and the consortium."""

    heading: str
    municipalities: tuple[str, ...]
    channel_label: str
    channel: str

    @property
    def summary(self) -> str:
        """Return what the pieces say where the names do not fit: 'os 7 municípios do consórcio'."""
        return f"os {len(self.municipalities)} municípios do consórcio"


@dataclass(frozen=True)
class Hotline:
    """A national channel as printed."""

    name: str
    number: str
    note: str | None


@dataclass(frozen=True)
class Signature:
    """One signature of the co-branding pair."""

    role: str
    title: str
    subtitle: str
    logo: str | None
    logo_aspect: float = 0.0
    logo_digest: str = ""
    logo_pixels: tuple[int, int] = (0, 0)
    short_title: str | None = None
    """A shorter title for where the full one does not fit (a municipality's short_name)."""


@dataclass(frozen=True)
class Job:
    """Everything needed to lay out and render one asset, and nothing else."""

    campaign: str
    campaign_title: str
    municipality: str
    municipality_name: str
    format: Format
    composition: str
    """How the pieces are composed (a name of layout.compositions.COMPOSITIONS)."""
    mark: tuple[str, str | None]
    """The campaign mark: its name and its second line (a date or a slogan), as written (the mark sets capitals)."""
    mark_fields: tuple[str, str]
    """The campaign fields the mark's name and line come from: mark.name, texts.kicker or title; mark.line or
    key_dates."""
    key_line: str | None
    """The campaign's key fact, drawn on social formats."""

    headline: str
    body: str
    call_to_action: str
    hotline: Hotline | None
    contacts: tuple[ContactLine, ...]
    regional: Regional | None
    signatures: tuple[Signature, ...]
    min_signature: float
    separator: bool
    clear_space: float
    """Clear space around a logo in the logo bar, as a share of its height (brand.signature.clear_space)."""
    face: tuple[str, str]
    roles: tuple[tuple[str, str, float], ...]
    paints: tuple[tuple[str, Paint], ...]
    url: str
    short_url: str
    draft: bool
    preview: bool
    """True when a municipal contact shown is not confirmed: the piece carries the PRÉVIA mark and is not printed."""
    hashtags: tuple[str, ...]
    what_to_expect: str | None
    """What happens when one calls the hotline (the flyer back says it)."""
    visual: str | None
    visual_digest: str
    visual_aspect: float
    visual_alt: str | None
    where: str
    """The flyer back's heading before the place, like 'Onde procurar ajuda'."""
    names: tuple[str, ...]
    """Proper names that are never broken across lines."""
    print_setup: PrintSetup | None = None
    """Resolution, date, inks and print-black rule of print formats."""
    checks: bool = True
    """False only for the brand manual's "wrong" examples, drawn on purpose against the rules."""
    standard: Standard | None = None
    """The campaign × format standard shared by all variants (set by layout.standardize)."""

    @property
    def name(self) -> str:
        """Return the piece's name in paths and in the build result: its format's."""
        return self.format.name

    @property
    def label(self) -> str:
        """Return the piece's name for people: its format's."""
        return self.format.site_label or self.format.label

    @property
    def files(self) -> PieceFiles:
        """Return where this piece's files live, by role."""
        proof = self.format.medium == "print" and (self.preview or self.draft)
        return PieceFiles(self.campaign, self.municipality, self.format.name, self.format.medium, proof)

    @property
    def stem(self) -> str:
        """Return the output path without extension."""
        return self.files.stem

    def paint(self, role: str) -> Paint:
        """Return the paint for a colour role."""
        return dict(self.paints)[role]

    def line_height(self, role: str) -> float:
        """Return the line height factor of a brand type role."""
        return next(lh for name, _, lh in self.roles if name == role)

    def font(self, role: str) -> str:
        """Return the font file of a brand type role (its weight decides regular or bold)."""
        return font_file(self.face, self.weight(role))

    def weight(self, role: str) -> str:
        """Return the weight of a brand type role."""
        return next(w for name, w, _ in self.roles if name == role)


@lru_cache(maxsize=16)
def font_file(face: tuple[str, str], weight: str) -> str:
    """Return the font file of a typeface and weight, looked up once."""
    return str(fonts.typeface(*face).path(weight))


@dataclass(frozen=True)
class Plan:
    """Every job of a build, with the campaigns they belong to (brand manual examples under MANUAL)."""

    jobs: tuple[Job, ...]
    """The pieces of the campaigns' formats, then the brand manual's examples."""
    campaigns: tuple[str, ...]
    series: tuple[SeriesJob, ...] = ()
    """The campaigns' series: carousel, date, countdown, event and frame pieces."""
    videos: tuple[MotionJob, ...] = ()
    """The videos animating the story and the feed post."""

    def every(self) -> tuple[Job | SeriesJob | MotionJob, ...]:
        """Return every job of the build, in the order the build result lists their pieces."""
        return (*self.jobs, *self.series, *self.videos)
