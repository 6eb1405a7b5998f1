"""Cross-reference, date, contrast and compliance checks over a loaded project."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from cimpskit.core import contrast, fonts, qrcode
from cimpskit.core.errors import KitError, Problem, errors_only
from cimpskit.core.paths import REGIONAL, citizen_path, public_name
from cimpskit.inputs import glyphs, purchase
from cimpskit.inputs.logos import CONSORTIUM_LOGO, Logo
from cimpskit.inputs.logos import inspect as inspect_logo
from cimpskit.inputs.model import (
    CONTACT_LABELS,
    Ata,
    Brand,
    Campaign,
    CampaignColors,
    Colour,
    ContactKind,
    ElectoralCalendar,
    FormatCatalogue,
    MunicipalityList,
)
from cimpskit.inputs.project import Loaded, Project, dotted, load_project
from cimpskit.inputs.sources import Document, Loc, read_bytes
from cimpskit.inputs.visuals import MAX_BYTES as SVG_MAX_BYTES
from cimpskit.inputs.visuals import VISUALS_DIR, check_svg
from cimpskit.inputs.visuals import aspect as svg_aspect


def check_project(root: Path) -> tuple[Project, list[Problem]]:
    """Load and validate everything under root; return the checked project and every problem found.

    Raise KitError with every problem found when a brand file or the typeface is missing, since nothing can be
    laid out without them.
    """
    inputs, problems = load_project(root)
    brand, munis = inputs.brand, inputs.municipalities
    face: fonts.Typeface | None = None
    logos: dict[str, Logo] = {}
    visuals: dict[str, tuple[str, float]] = {}
    if brand:
        problems += _check_brand(brand)
        face, found = _check_typeface(brand)
        problems += found
        visuals, found = _check_visuals(root, brand, inputs.campaigns)
        problems += found
    if munis:
        logos, found = _check_logos(root, brand, munis)
        problems += found + _check_municipalities(munis)
        for ata in inputs.atas:
            problems += _check_ata(munis, ata) + purchase.ata_problems(munis, ata)
    if brand:
        problems += purchase.buyer_problems(brand, munis)
    problems += purchase.print_ata_problems(inputs.atas)
    if face:
        problems += glyphs.municipality_problems(munis, face) if munis else []
        problems += glyphs.brand_problems(brand, face) if brand else []
        problems += [p for ata in inputs.atas for p in glyphs.ata_problems(ata, face)]
    if brand and inputs.formats:
        problems += _check_formats(brand, inputs.formats) + _check_manual(brand, inputs.formats)
        problems += purchase.finishing_problems(inputs.formats)
    if inputs.meetings:
        problems += _duplicates(inputs.meetings.doc, "meetings", inputs.meetings.model.meetings, "id", "reunião")
    if inputs.electoral:
        problems += _check_windows(inputs.electoral)
    if not (brand and inputs.formats and munis and inputs.meetings and inputs.electoral and face):
        raise KitError(sorted(set(problems)))
    project = Project(
        root,
        brand,
        inputs.formats,
        munis,
        inputs.meetings,
        inputs.electoral,
        face,
        inputs.campaigns,
        inputs.atas,
        logos,
        visuals,
    )
    problems += _check_campaign_set(project) + _check_qr_addresses(project)
    for campaign in project.campaigns:
        problems += check_campaign(project, campaign)
    return project, sorted(set(problems))


def _duplicates(doc: Document, key: str, items: Sequence[BaseModel], attr: str, what: str) -> list[Problem]:
    """Report items (the list under key) whose attr repeats."""
    seen: dict[str, int] = {}
    out = []
    for i, item in enumerate(items):
        value = getattr(item, attr)
        if value in seen:
            msg = f"{what} '{value}' aparece duas vezes (a primeira no item {seen[value] + 1}): use outro valor"
            out.append(doc.problem((key, i, attr), msg))
        seen.setdefault(value, i)
    return out


def colour_problems(palette: list[Colour], doc: Document, loc: Loc, name: str) -> list[Problem]:
    """Report a colour name missing from the palette, listing the names (or the one whose label was used)."""
    names = [c.name for c in palette]
    if name in names:
        return []
    by_label = {_fold(c.label): c.name for c in palette}
    if _fold(name) in by_label:
        msg = f"'{name}' é o rótulo da cor: use o nome da paleta, '{by_label[_fold(name)]}'"
    else:
        msg = f"cor '{name}' não existe na paleta (brand/brand.yml): use um nome da paleta: {', '.join(names)}"
    return [doc.problem(loc, msg)]


def _check_brand(loaded: Loaded[Brand]) -> list[Problem]:
    """Check the palette for repeated names and the brand's own colour pairs."""
    out = _duplicates(loaded.doc, "palette", loaded.model.palette, "name", "cor")
    palette = {c.name: c.hex for c in loaded.model.palette}
    rules = loaded.model.print
    for i, colour in enumerate(loaded.model.palette):
        ink = sum(colour.cmyk)
        if ink > rules.ink_limit:
            msg = (
                f"a cor '{colour.name}' soma {ink:g} % de tinta (C+M+Y+K), acima do limite de {rules.ink_limit:g} %: "
                "reduza o CMYK (por exemplo, menos ciano, magenta e amarelo no preto)"
            )
            out.append(loaded.doc.problem(("palette", i, "cmyk"), msg))
    for i, name in enumerate(rules.print_black):
        out += colour_problems(loaded.model.palette, loaded.doc, ("print", "print_black", i), name)
    sections = (("signature", loaded.model.signature), ("draft_mark", loaded.model.draft_mark))
    for section, pair in sections:
        fg, bg = pair.text, pair.background
        for role, name in (("text", fg), ("background", bg)):
            out += colour_problems(loaded.model.palette, loaded.doc, (section, role), name)
        if fg in palette and bg in palette:
            out += _contrast_problem(loaded.doc, (section, "text"), fg, bg, palette)
    for role, name in (("primary", loaded.model.site.primary), ("accent", loaded.model.site.accent)):
        found = colour_problems(loaded.model.palette, loaded.doc, ("site", role), name)
        if found:
            out += found
        elif contrast.contrast(palette[name], "#FFFFFF") < contrast.NORMAL_TEXT_MIN:
            msg = f"a cor '{name}' precisa de contraste 4,5:1 com o branco para links e cabeçalho do site"
            out.append(loaded.doc.problem(("site", role), msg))
    return out


def _contrast_problem(doc: Document, loc: Loc, fg: str, bg: str, palette: dict[str, str]) -> list[Problem]:
    """Report a text/background pair below 4.5:1."""
    ratio = contrast.contrast(palette[fg], palette[bg])
    if ratio >= contrast.NORMAL_TEXT_MIN:
        return []
    msg = f"contraste insuficiente entre '{fg}' e '{bg}': {contrast.ratio_text(ratio)} (mínimo 4,5:1 para texto)"
    return [doc.problem(loc, msg)]


def _check_formats(brand: Loaded[Brand], loaded: Loaded[FormatCatalogue]) -> list[Problem]:
    """Check each format's medium, units, margins and minimum text size."""
    minimum = brand.model.typography.minimum_sizes
    out = _duplicates(loaded.doc, "formats", loaded.model.formats, "name", "formato")
    for i, fmt in enumerate(loaded.model.formats):
        at = ("formats", i)
        if fmt.medium == "print":
            if fmt.unit != "mm":
                out.append(loaded.doc.problem((*at, "unit"), "formatos impressos usam unit: mm"))
            if fmt.dpi is None:
                out.append(loaded.doc.problem(at, "formato impresso precisa de 'dpi'", at_key=True))
            if fmt.print is None:
                msg = "formato impresso precisa da especificação de compra 'print'"
                out.append(loaded.doc.problem(at, msg, at_key=True))
            if fmt.min_text < minimum.print_pt:
                msg = f"texto mínimo {fmt.min_text:g} pt abaixo do mínimo da marca ({minimum.print_pt:g} pt)"
                out.append(loaded.doc.problem((*at, "min_text"), msg))
        else:
            if fmt.unit != "px":
                out.append(loaded.doc.problem((*at, "unit"), "formatos de tela usam unit: px"))
            if fmt.bleed:
                out.append(loaded.doc.problem((*at, "bleed"), "formatos de tela não têm sangria"))
            if fmt.min_text < minimum.screen_px:
                msg = f"texto mínimo {fmt.min_text:g} px abaixo do mínimo da marca ({minimum.screen_px:g} px)"
                out.append(loaded.doc.problem((*at, "min_text"), msg))
        if fmt.safe_margin * 2 >= min(fmt.width, fmt.height):
            msg = "a margem de segurança não deixa área útil no formato"
            out.append(loaded.doc.problem((*at, "safe_margin"), msg))
    return out


def _check_typeface(brand: Loaded[Brand]) -> tuple[fonts.Typeface | None, list[Problem]]:
    """Find the brand typeface named by typography.package and typography.family."""
    typo = brand.model.typography
    try:
        return fonts.typeface(typo.package, typo.family), []
    except fonts.FontNotFound as exc:
        key = "package" if "pacote de fonte" in str(exc) else "family"
        return None, [brand.doc.problem(("typography", key), str(exc))]


def _check_manual(loaded: Loaded[Brand], catalogue: Loaded[FormatCatalogue]) -> list[Problem]:
    """Check the manual's examples: formats, palette colours, contrast of right ones, rule and fix of wrong ones."""
    out: list[Problem] = []
    manual = loaded.model.manual
    formats = {f.name for f in catalogue.model.formats}
    palette = {c.name: c.hex for c in loaded.model.palette}
    right = {e.name for e in manual.examples if e.right} if manual else set()
    for i, example in enumerate(manual.examples if manual else []):
        at = ("manual", "examples", i)
        if not example.right and not example.rule:
            out.append(loaded.doc.problem((*at, "right"), "exemplo errado sem 'rule': diga que regra ele descumpre"))
        if example.correct and example.correct not in right:
            known = ", ".join(sorted(right)) or "nenhum"
            message = f"'{example.correct}' não é um exemplo certo de manual.examples (certos: {known})"
            out.append(loaded.doc.problem((*at, "correct"), message))
        if example.format not in formats:
            out.append(
                loaded.doc.problem((*at, "format"), f"formato '{example.format}' não existe em brand/formats.yml")
            )
        for role, name in _colour_roles(example.colors):
            out += colour_problems(loaded.model.palette, loaded.doc, (*at, "colors", role), name)
        if example.right and {example.colors.text, example.colors.background} <= set(palette):
            out += _contrast_problem(
                loaded.doc, (*at, "colors", "text"), example.colors.text, example.colors.background, palette
            )
    return out


def _check_visuals(
    root: Path, brand: Loaded[Brand], campaigns: list[Loaded[Campaign]]
) -> tuple[dict[str, tuple[str, float]], list[Problem]]:
    """Read and check every key visual named by a campaign: inside the repository, safe SVG, palette colours only."""
    palette = {c.name: c.hex for c in brand.model.palette}
    visuals: dict[str, tuple[str, float]] = {}
    out: list[Problem] = []
    for loaded in campaigns:
        name = loaded.model.visual
        if not name:
            continue
        rel = f"{VISUALS_DIR}/{name}"
        if ".." in Path(name).parts or Path(name).is_absolute() or not name.endswith(".svg"):
            msg = f"a ilustração deve ser um arquivo .svg dentro de {VISUALS_DIR}/: '{name}'"
            out.append(loaded.doc.problem(("visual",), msg))
            continue
        try:
            data = read_bytes(root / rel, root, rel, SVG_MAX_BYTES)
        except KitError as exc:
            out.append(loaded.doc.problem(("visual",), f"ilustração {rel}: {exc.problems[0].message}"))
            continue
        found = check_svg(data, rel, palette)
        out += found
        if not errors_only(found):
            visuals[rel] = (hashlib.sha256(data).hexdigest(), svg_aspect(data))
    return visuals, out


def _check_logos(
    root: Path, brand: Loaded[Brand] | None, loaded: Loaded[MunicipalityList]
) -> tuple[dict[str, Logo], list[Problem]]:
    """Decode and verify every municipality's logo, and the consortium's."""
    logos: dict[str, Logo] = {}
    out: list[Problem] = []
    if brand and brand.model.identity.logo:
        found = inspect_logo(root, brand.model.identity.logo)
        if isinstance(found, Logo):
            logos[CONSORTIUM_LOGO] = found
        else:
            out.append(brand.doc.problem(("identity", "logo"), found))
    for i, muni in enumerate(loaded.model.municipalities):
        if not muni.logo:
            continue
        found = inspect_logo(root, muni.logo)
        if isinstance(found, Logo):
            logos[muni.slug] = found
        else:
            out.append(loaded.doc.problem(("municipalities", i, "logo"), found))
    return logos, out


def _check_municipalities(loaded: Loaded[MunicipalityList]) -> list[Problem]:
    """Check slugs, IBGE codes, logos and contacts of every municipality."""
    munis = loaded.model.municipalities
    out = _duplicates(loaded.doc, "municipalities", munis, "slug", "município")
    out += _duplicates(loaded.doc, "municipalities", munis, "ibge", "código IBGE")
    for i, muni in enumerate(loaded.model.municipalities):
        seen_kinds: set[ContactKind] = set()
        for j, contact in enumerate(muni.contacts):
            at = ("municipalities", i, "contacts", j)
            if contact.verified and not (contact.phone or contact.address):
                msg = "contato marcado como verificado precisa de telefone ou endereço"
                out.append(loaded.doc.problem((*at, "verified"), msg))
            if contact.kind in seen_kinds:
                msg = f"contato '{contact.kind.value}' repetido no município"
                out.append(loaded.doc.problem((*at, "kind"), msg))
            seen_kinds.add(contact.kind)
    return out


def _check_windows(loaded: Loaded[ElectoralCalendar]) -> list[Problem]:
    """Check that every electoral window ends after it starts."""
    return [
        loaded.doc.problem(("windows", i, "end"), "o fim da vedação é anterior ao início")
        for i, w in enumerate(loaded.model.windows)
        if w.end < w.start
    ]


def _check_ata(munis: Loaded[MunicipalityList], loaded: Loaded[Ata]) -> list[Problem]:
    """Check an ata's slug, item ids and municipality references."""
    out = _duplicates(loaded.doc, "items", loaded.model.items, "id", "item")
    stem = Path(loaded.doc.path).stem
    if loaded.model.slug != stem:
        msg = f"o slug '{loaded.model.slug}' deve ser igual ao nome do arquivo ('{stem}')"
        out.append(loaded.doc.problem(("slug",), msg))
    slugs = {m.slug for m in munis.model.municipalities}
    for i, item in enumerate(loaded.model.items):
        for slug in item.quantities:
            if slug not in slugs:
                msg = f"município '{slug}' não existe em brand/municipalities.yml"
                out.append(loaded.doc.problem(("items", i, "quantities", slug), msg, at_key=True))
    return out


def _check_campaign_set(project: Project) -> list[Problem]:
    """Check that campaign slugs are unique across files."""
    seen: dict[str, str] = {}
    out = []
    for loaded in project.campaigns:
        slug = loaded.model.slug
        if slug in seen:
            msg = f"campanha '{slug}' já definida em {seen[slug]}"
            out.append(loaded.doc.problem(("slug",), msg))
        seen.setdefault(slug, loaded.doc.path)
    return out


def _check_qr_addresses(project: Project) -> list[Problem]:
    """Refuse a public address too long for the QR code of some citizen page (the longest one is named)."""
    public = project.brand.model.identity.public_url.rstrip("/") + "/"
    variants = [m.slug for m in project.municipalities.model.municipalities] + [REGIONAL]
    names = [public_name(c.model.slug, c.model.public_slug) for c in project.campaigns]
    longest = max((public + citizen_path(n, v) for n in names for v in variants), key=_size, default=public)
    if _size(longest) <= qrcode.MAX_BYTES:
        return []
    room = qrcode.MAX_BYTES - (_size(longest) - _size(public))
    msg = (
        f"endereço público longo demais para os códigos QR: o da página {longest[len(public) :]} ficaria com "
        f"{_size(longest)} bytes, e um código QR legível guarda até {qrcode.MAX_BYTES}: "
        f"use em public_url um endereço de até {max(room, 0)} bytes"
    )
    return [project.brand.doc.problem(("identity", "public_url"), msg)]


def _size(url: str) -> int:
    """Return the bytes a URL takes in a QR code."""
    return len(url.encode("utf-8"))


def check_campaign(project: Project, loaded: Loaded[Campaign]) -> list[Problem]:
    """Run every cross-reference, date, contrast and compliance check on one campaign."""
    return (
        _campaign_identity(project, loaded)
        + _campaign_composition(loaded)
        + _campaign_dates(loaded)
        + _campaign_headline(loaded)
        + _campaign_references(project, loaded)
        + _campaign_contrast(project, loaded)
        + _campaign_compliance(project, loaded)
        + _campaign_blackout(project, loaded)
        + _campaign_series(project, loaded)
        + glyphs.campaign_problems(project, loaded)
    )


CAROUSEL_MIN = 3
"""Cards an editor writes when the campaign has a carousel: with the cover and the contacts card, 5 to 7."""


def _campaign_series(project: Project, loaded: Loaded[Campaign]) -> list[Problem]:
    """Check the series: the carousel's length, and each event's municipality, day and hours."""
    c, doc, out = loaded.model, loaded.doc, []
    if 0 < len(c.carousel) < CAROUSEL_MIN:
        msg = (
            f"o carrossel precisa de {CAROUSEL_MIN} a 5 cartões (tem {len(c.carousel)}): com a capa e o cartão de "
            "contatos, a série fica com 5 a 7 imagens"
        )
        out.append(doc.problem(("carousel",), msg, at_key=True))
    slugs = {m.slug for m in project.municipalities.model.municipalities}
    for i, event in enumerate(c.events):
        if event.municipality and event.municipality not in slugs:
            msg = f"município '{event.municipality}' não existe em brand/municipalities.yml"
            out.append(doc.problem(("events", i, "municipality"), msg))
        if not c.period.start <= event.date <= c.period.end:
            msg = f"o evento de {event.date:%d/%m/%Y} está fora do período da campanha"
            out.append(doc.problem(("events", i, "date"), msg))
        if event.end and event.end <= event.start:
            msg = f"o término ({event.end}) deve ser depois do início ({event.start})"
            out.append(doc.problem(("events", i, "end"), msg))
    return out


def _campaign_blackout(project: Project, loaded: Loaded[Campaign]) -> list[Problem]:
    """Fail a campaign whose period overlaps a municipal-sphere electoral blackout, unless excepted."""
    c, doc, out = loaded.model, loaded.doc, list[Problem]()
    if c.electoral_exception:
        return out
    for w in project.electoral.model.windows:
        if w.sphere == "municipal" and c.period.start <= w.end and w.start <= c.period.end:
            msg = (
                f"o período da campanha ({c.period.start:%d/%m/%Y} a {c.period.end:%d/%m/%Y}) coincide com a "
                f"vedação eleitoral de {w.year} ({w.start:%d/%m/%Y} a {w.end:%d/%m/%Y}, {w.basis}): mude as "
                "datas ou registre 'electoral_exception' com a justificativa"
            )
            out.append(doc.problem(("period",), msg, at_key=True))
    return out


def _campaign_identity(project: Project, loaded: Loaded[Campaign]) -> list[Problem]:
    """Check the slug against the file name and the approval against the meetings."""
    c, doc, out = loaded.model, loaded.doc, list[Problem]()
    stem = Path(doc.path).stem
    if c.slug != stem:
        out.append(doc.problem(("slug",), f"o slug '{c.slug}' deve ser igual ao nome do arquivo ('{stem}')"))
    name = public_name(c.slug, c.public_slug)
    if name in {m.slug for m in project.municipalities.model.municipalities}:
        msg = (
            f"o endereço da página do cidadão ('{name}/') seria o mesmo de um município: "
            "escolha outro nome em 'public_slug'"
        )
        out.append(doc.problem(("public_slug",) if c.public_slug else ("slug",), msg))
    if c.status == "approved":
        meetings = {m.id for m in project.meetings.model.meetings}
        if c.approval is None:
            msg = "campanha aprovada precisa de 'approval' com a reunião que a aprovou"
            out.append(doc.problem(("status",), msg))
        elif c.approval.meeting not in meetings:
            msg = f"reunião '{c.approval.meeting}' não existe em calendar/meetings.yml"
            out.append(doc.problem(("approval", "meeting"), msg))
    return out


def _campaign_composition(loaded: Loaded[Campaign]) -> list[Problem]:
    """Check that a composition has what it puts first: a hotline's number, or a key date."""
    c, doc = loaded.model, loaded.doc
    if c.composition == "number" and c.hotline is None:
        msg = "a composição 'number' destaca o número do canal: informe 'hotline' ou escolha outra composição"
        return [doc.problem(("composition",), msg)]
    if c.composition == "fact" and not c.texts.key_line:
        msg = "a composição 'fact' destaca a frase-chave: informe 'texts.key_line' ou escolha outra composição"
        return [doc.problem(("composition",), msg)]
    return []


def _campaign_dates(loaded: Loaded[Campaign]) -> list[Problem]:
    """Check that the period is ordered and key dates fall inside it."""
    c, doc, out = loaded.model, loaded.doc, list[Problem]()
    if c.period.end < c.period.start:
        msg = f"o fim ({c.period.end:%d/%m/%Y}) é anterior ao início ({c.period.start:%d/%m/%Y})"
        out.append(doc.problem(("period", "end"), msg))
    for i, key_date in enumerate(c.key_dates):
        if not c.period.start <= key_date.date <= c.period.end:
            msg = f"a data {key_date.date:%d/%m/%Y} está fora do período da campanha"
            out.append(doc.problem(("key_dates", i, "date"), msg))
    return out


HEADLINE_MAX_WORDS = 8
"""The documented limit (README, brand manual, request form): someone scrolling past a post reads only the start."""


def _campaign_headline(loaded: Loaded[Campaign]) -> list[Problem]:
    """Refuse a headline longer than HEADLINE_MAX_WORDS words (a dash or other sign alone is not a word)."""
    words = [w for w in loaded.model.texts.headline.split() if any(ch.isalnum() for ch in w)]
    if len(words) <= HEADLINE_MAX_WORDS:
        return []
    msg = (
        f"o título tem {len(words)} palavras: use até {HEADLINE_MAX_WORDS}, porque quem passa pelo post lê só o "
        "começo; leve o resto para o texto de apoio (body)"
    )
    return [loaded.doc.problem(("texts", "headline"), msg)]


def _campaign_references(project: Project, loaded: Loaded[Campaign]) -> list[Problem]:
    """Check colours, formats, municipalities and contacts named by a campaign."""
    c, doc, out = loaded.model, loaded.doc, list[Problem]()
    formats = {f.name: f for f in project.formats.model.formats}
    munis = project.municipalities.model.municipalities
    slugs = {m.slug for m in munis}
    for role, name in _colour_roles(c.colors):
        out += colour_problems(project.brand.model.palette, doc, ("colors", role), name)
    for i, name in enumerate(c.formats):
        if name not in formats:
            out.append(doc.problem(("formats", i), f"formato '{name}' não existe em brand/formats.yml"))
        elif name in c.formats[:i]:
            out.append(doc.problem(("formats", i), f"formato '{name}' repetido"))
        elif formats[name].frame:
            msg = f"formato '{name}' é a moldura de foto de perfil da série, feita para toda campanha: tire da lista"
            out.append(doc.problem(("formats", i), msg))
    for name, per_muni in c.print_quantities.items():
        at = ("print_quantities", name)
        if name not in c.formats:
            out.append(doc.problem(at, f"formato '{name}' não está na lista 'formats' da campanha", at_key=True))
        elif name in formats and formats[name].medium != "print":
            out.append(doc.problem(at, f"formato '{name}' não é impresso", at_key=True))
        for slug in per_muni:
            if slug not in slugs and slug != REGIONAL:
                msg = f"município '{slug}' não existe em brand/municipalities.yml ('{REGIONAL}': versão do consórcio)"
                out.append(doc.problem((*at, slug), msg, at_key=True))
    for i, kind in enumerate(c.contacts):
        missing = [m.name for m in munis if kind not in {ct.kind for ct in m.contacts}]
        if missing:
            msg = f"{CONTACT_LABELS[kind]} sem cadastro em: {', '.join(missing)}"
            out.append(doc.problem(("contacts", i), msg, "warning"))
    return out


def _campaign_contrast(project: Project, loaded: Loaded[Campaign]) -> list[Problem]:
    """Check WCAG contrast of each text/background pair the campaign asks for."""
    c, doc, out = loaded.model, loaded.doc, list[Problem]()
    palette = {col.name: col.hex for col in project.brand.model.palette}
    pairs = (("text", c.colors.text, c.colors.background), ("accent_text", c.colors.accent_text, c.colors.accent))
    for fg_role, fg, bg in pairs:
        if fg in palette and bg in palette:
            out += _contrast_problem(doc, ("colors", fg_role), fg, bg, palette)
    return out


def _colour_roles(colors: CampaignColors) -> tuple[tuple[str, str], ...]:
    """Return a campaign's (or example's) colour roles and the palette names they use."""
    return (
        ("background", colors.background),
        ("text", colors.text),
        ("accent", colors.accent),
        ("accent_text", colors.accent_text),
    )


def _fold(text: str) -> str:
    """Lower-case text and strip accents for term matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _campaign_compliance(project: Project, loaded: Loaded[Campaign]) -> list[Problem]:
    """Warn about personal-promotion terms in public texts (Constituição art. 37 §1)."""
    c, doc, out = loaded.model, loaded.doc, list[Problem]()
    terms = project.brand.model.compliance.forbidden_terms
    fields: dict[Loc, str] = {("title",): c.title, ("purpose",): c.purpose}
    fields |= {("texts", k): v for k, v in c.texts.model_dump().items() if isinstance(v, str)}
    if c.hotline:
        fields |= {("hotline", k): v for k, v in c.hotline.model_dump().items() if isinstance(v, str)}
    for i, card in enumerate(c.carousel):
        fields |= {("carousel", i, "title"): card.title, ("carousel", i, "text"): card.text}
    for loc, text in fields.items():
        folded = _fold(text)
        for term in terms:
            if re.search(rf"\b{re.escape(_fold(term))}\b", folded):
                msg = (
                    f"o campo '{dotted(loc)}' usa o termo '{term}': comunicação pública não "
                    "pode promover autoridades (Constituição, art. 37 §1)"
                )
                out.append(doc.problem(loc, msg, "warning"))
    return out
