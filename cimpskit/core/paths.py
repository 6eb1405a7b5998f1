"""Names and paths of every output, in one place: a piece's files by role, ZIPs, signatures, site folders, URLs.

Like mkdocs' `File`, every other module asks these for a path instead of rebuilding the formula.
"""

from __future__ import annotations

from dataclasses import dataclass

REGIONAL = "regional"
"""The consortium's own variant, beside one per municipality."""
MANUAL = "manual"
"""The brand manual's examples, planned as a campaign of their own."""

DOWNLOADS = "downloads"
"""The downloads folder under docs/ (the build's default output): every asset's URL starts with it."""
DATA = "dados"
"""The site's data files under docs/: calendar feeds and pictures, spreadsheets, JSON."""
GENERATED = "assets/generated"
"""The site's generated brand files under docs/: CSS, fonts, marks, the font package."""
SIGNATURES = "assinaturas"
"""Where the signature files of every variant live under the downloads folder."""
MARKS = "marcas"
"""Where the campaign marks live under the downloads folder."""
KITS = "municipios"
"""Where the ZIP of every municipality (all its campaigns) lives under the downloads folder."""

MAIN = {"screen": ".png", "print": ".pdf", "video": ".mp4"}
"""The ending of the file people download, by medium (role main)."""
ENDINGS = {
    "preview": ".webp",
    "preview-back": "-verso.webp",
    "preview-large": ".grande.webp",
    "preview-large-back": "-verso.grande.webp",
    "trim-bleed": "-sem-marcas.pdf",
    "alt": ".alt.txt",
    "caption": ".legenda.txt",
    "facebook": ".facebook.txt",
    "whatsapp": ".whatsapp.txt",
    "ficha": ".ficha.pdf",
    "ficha-csv": ".ficha.csv",
}
"""The ending of every other file of a piece after its stem, by role."""
PROOF = "-prova.pdf"
"""The ending of a proof's PDF: a print piece that must not go to the shop (see PieceFiles.proof)."""


@dataclass(frozen=True)
class PieceFiles:
    """Where one piece (campaign × variant × format) keeps its files under the downloads folder, by role."""

    campaign: str
    municipality: str
    format: str
    medium: str = "screen"
    proof: bool = False
    """A print piece that cannot go to the shop yet (draft or preview) is a proof, and says so in its PDF's name."""

    @property
    def name(self) -> str:
        """Return the piece's file name without ending: '<campaign>-<variant>-<format>'."""
        return f"{self.campaign}-{self.municipality}-{self.format}"

    @property
    def stem(self) -> str:
        """Return the piece's path without ending (its key in the manifest)."""
        return f"{self.campaign}/{self.municipality}/{self.name}"

    def file(self, role: str) -> str:
        """Return the path of the piece's file of a role."""
        if role == "main":
            return self.stem + (PROOF if self.proof else MAIN[self.medium])
        return self.stem + ENDINGS[role]

    def page_file(self, role: str, page: int) -> str:
        """Return the path of one page's file of a piece of several pages (a carousel's cards: '-1', '-2'...)."""
        return f"{self.stem}-{page}" + (MAIN[self.medium] if role == "main" else ENDINGS[role])


def page_role(role: str, page: int) -> str:
    """Return the role of one page's file of a piece of several pages: the first page's role, then 'role-2'..."""
    return role if page == 1 else f"{role}-{page}"


def url(path: str) -> str:
    """Return the address, from the site's root, of a file under the downloads folder."""
    return f"{DOWNLOADS}/{path}"


def bundle(campaign: str, municipality: str) -> str:
    """Return where the ZIP of a campaign × variant lives under the downloads folder."""
    return f"{campaign}/{municipality}/{campaign}-{municipality}.zip"


def kit(municipality: str) -> str:
    """Return where the ZIP of a municipality (every campaign) lives under the downloads folder."""
    return f"{KITS}/{municipality}/{municipality}-todas-as-campanhas.zip"


def signature(municipality: str, short_name: str, kind: str) -> str:
    """Return where a variant's signature file of a kind (svg, pdf, png) lives under the downloads folder."""
    short = short_name.lower()
    name = f"assinatura-{short}" if municipality == REGIONAL else f"assinatura-{municipality}-{short}"
    return f"{SIGNATURES}/{municipality}/{name}.{kind}"


def campaign_mark(campaign: str, kind: str) -> str:
    """Return where a campaign's mark file of a kind (svg, pdf, png) lives under the downloads folder."""
    return f"{MARKS}/{campaign}/marca-{campaign}.{kind}"


def data_file(name: str) -> str:
    """Return the path under docs/ of a site data file."""
    return f"{DATA}/{name}"


def generated_file(name: str) -> str:
    """Return the path under docs/ of a generated brand file of the site."""
    return f"{GENERATED}/{name}"


def public_name(slug: str, public_slug: str | None) -> str:
    """Return a campaign's short name in citizen page addresses: public_slug, or the slug without its year."""
    if public_slug:
        return public_slug
    head, _, year = slug.rpartition("-")
    return head if head and year.isdigit() and len(year) == 4 else slug


def citizen_path(name: str, municipality: str) -> str:
    """Return the path of a citizen page under the public address: '<municipality>/<campaign>/' or '<campaign>/'."""
    return f"{name}/" if municipality == REGIONAL else f"{municipality}/{name}/"
