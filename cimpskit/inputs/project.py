"""Load the whole kit tree (brand, formats, municipalities, meetings, campaigns) into models."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from cimpskit.core.errors import KitError, Problem
from cimpskit.core.fonts import Typeface
from cimpskit.inputs import model, sources
from cimpskit.inputs.logos import Logo
from cimpskit.inputs.sources import Loc

T = TypeVar("T", bound=BaseModel)

BRAND_FILE = "brand/brand.yml"
FORMATS_FILE = "brand/formats.yml"
MUNICIPALITIES_FILE = "brand/municipalities.yml"
MEETINGS_FILE = "calendar/meetings.yml"
ELECTORAL_FILE = "calendar/electoral.yml"
CAMPAIGNS_DIR = "campaigns"
ATAS_DIR = "atas"

PATTERN_MESSAGES = {
    model.SLUG_PATTERN: "deve ser um identificador em minúsculas, números e hífens (ex.: maio-laranja)",
    model.HEX_PATTERN: "deve ser uma cor hexadecimal como #F28C28",
    model.HASHTAG_PATTERN: "deve ser uma hashtag: # seguido de letras ou números, sem espaços",
    model.IBGE_PATTERN: "deve ser o código IBGE de 7 dígitos, entre aspas",
    model.TIME_PATTERN: 'deve ser um horário HH:MM entre aspas, como "14:00"',
    model.EMAIL_PATTERN: "deve ser um endereço de e-mail, como nome@dominio.gov.br (só um endereço real e conferido)",
    model.CNPJ_PATTERN: "deve ser um CNPJ com pontos, barra e hífen, como 00.000.000/0000-00",
}


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A validated model together with the document it came from."""

    doc: sources.Document
    model: T


@dataclass(frozen=True)
class Inputs:
    """Every input file of the kit as far as it loaded: a brand file that failed to load is None."""

    root: Path
    brand: Loaded[model.Brand] | None
    formats: Loaded[model.FormatCatalogue] | None
    municipalities: Loaded[model.MunicipalityList] | None
    meetings: Loaded[model.MeetingList] | None
    electoral: Loaded[model.ElectoralCalendar] | None
    campaigns: list[Loaded[model.Campaign]] = field(default_factory=list)
    atas: list[Loaded[model.Ata]] = field(default_factory=list)


@dataclass(frozen=True)
class Project:
    """The checked kit: every brand file loaded, the typeface found, logos and key visuals verified.

    Only validation builds one (see `validate.check_project`), so nothing downstream handles a missing part.
    """

    root: Path
    brand: Loaded[model.Brand]
    formats: Loaded[model.FormatCatalogue]
    municipalities: Loaded[model.MunicipalityList]
    meetings: Loaded[model.MeetingList]
    electoral: Loaded[model.ElectoralCalendar]
    typeface: Typeface
    campaigns: list[Loaded[model.Campaign]] = field(default_factory=list)
    atas: list[Loaded[model.Ata]] = field(default_factory=list)
    logos: dict[str, Logo] = field(default_factory=dict)
    """Verified municipal logos by municipality slug."""
    visuals: dict[str, tuple[str, float]] = field(default_factory=dict)
    """Verified key visuals: repository path → (content digest, aspect ratio)."""

    def format(self, name: str) -> model.Format:
        """Return the format called name."""
        return next(f for f in self.formats.model.formats if f.name == name)

    def municipality(self, slug: str) -> model.Municipality:
        """Return the municipality with this slug."""
        return next(m for m in self.municipalities.model.municipalities if m.slug == slug)

    def colour(self, name: str) -> model.Colour:
        """Return the palette colour called name."""
        return next(c for c in self.brand.model.palette if c.name == name)


def _message(error: ErrorDetails) -> str:
    """Translate one pydantic error into a Portuguese message for editors."""
    kind, ctx = error["type"], error.get("ctx", {})
    loc = error["loc"]
    name = loc[-1] if loc else ""
    messages = {
        "missing": f"campo obrigatório '{name}' ausente",
        "string_type": "deve ser um texto",
        "string_too_short": "não pode ficar vazio",
        "int_type": "deve ser um número inteiro",
        "int_parsing": "deve ser um número inteiro",
        "int_from_float": "deve ser um número inteiro",
        "float_type": "deve ser um número",
        "float_parsing": "deve ser um número",
        "bool_type": "deve ser true ou false",
        "bool_parsing": "deve ser true ou false",
        "date_type": "deve ser uma data no formato AAAA-MM-DD",
        "date_parsing": "deve ser uma data no formato AAAA-MM-DD",
        "date_from_datetime_parsing": "deve ser uma data no formato AAAA-MM-DD",
        "list_type": "deve ser uma lista",
        "dict_type": "deve ser um mapa (chave: valor)",
        "model_type": "deve ser um mapa (chave: valor)",
        "model_attributes_type": "deve ser um mapa (chave: valor)",
        "greater_than": f"deve ser maior que {_num(ctx.get('gt'))}",
        "greater_than_equal": f"deve ser maior ou igual a {_num(ctx.get('ge'))}",
        "less_than_equal": f"deve ser menor ou igual a {_num(ctx.get('le'))}",
        "too_short": f"deve ter pelo menos {ctx.get('min_length')} item(ns)",
        "too_long": f"deve ter no máximo {ctx.get('max_length')} item(ns)",
        "literal_error": f"deve ser {ctx.get('expected', '')}".replace(" or ", " ou "),
        "enum": f"deve ser {ctx.get('expected', '')}".replace(" or ", " ou "),
    }
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        return PATTERN_MESSAGES.get(pattern, f"não segue o padrão {pattern}")
    return messages.get(kind, error["msg"])


def _num(value: object) -> str:
    """Format a limit from a schema the Brazilian way: 0 not 0.0, 1,5 not 1.5."""
    return f"{value:g}".replace(".", ",") if isinstance(value, (int, float)) else str(value)


def _clean_loc(loc: Loc) -> Loc:
    """Drop pydantic's union-branch tags so loc matches the YAML keys."""
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function"))))


def _validation_problems(doc: sources.Document, exc: ValidationError) -> list[Problem]:
    """Locate every pydantic error in the user's file."""
    out = []
    for error in exc.errors():
        loc = _clean_loc(error["loc"])
        missing = error["type"] == "missing"
        if missing:
            where = dotted(loc[:-1])
            message = f"campo obrigatório '{loc[-1]}' ausente" + (f" em '{where}'" if where else "")
        elif error.get("input", "") is None and _comment_on_line(doc, loc):
            message = (
                f"'{dotted(loc)}' ficou vazio porque o # começa um comentário no YAML: "
                'coloque o valor entre aspas, como "#MaioLaranja"'
            )
        else:
            message = f"'{dotted(loc)}' {_message(error)}"
        out.append(doc.problem(loc, message, at_key=missing))
    return out


def _comment_on_line(doc: sources.Document, loc: Loc) -> bool:
    """Tell whether the line of a value holds a '#', which YAML reads as the start of a comment."""
    line, _ = doc.position(loc)
    return 0 < line <= len(doc.lines) and " #" in doc.lines[line - 1]


def dotted(loc: Loc) -> str:
    """Render a key path the way an editor reads it, like 'texts.headline' or 'hashtags[0]'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def unknown_keys(doc: sources.Document, obj: object, loc: Loc = ()) -> list[Problem]:
    """Warn about every key the schema does not know, anywhere in obj."""
    out: list[Problem] = []
    if isinstance(obj, BaseModel):
        for key in obj.model_extra or {}:
            out.append(doc.problem((*loc, key), f"chave desconhecida '{key}'", "warning", True))
        for name in type(obj).model_fields:
            out += unknown_keys(doc, getattr(obj, name), (*loc, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            out += unknown_keys(doc, item, (*loc, i))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            out += unknown_keys(doc, item, (*loc, key))
    return out


def load_one(path: Path, root: Path, cls: type[T]) -> tuple[Loaded[T] | None, list[Problem]]:
    """Read and validate one file against cls, returning all its problems."""
    try:
        doc = sources.load(path, root)
    except KitError as exc:
        return None, exc.problems
    try:
        obj = cls.model_validate(doc.data)
    except ValidationError as exc:
        return None, _validation_problems(doc, exc)
    return Loaded(doc, obj), unknown_keys(doc, obj)


def yaml_files(root: Path, folder_name: str) -> list[Path]:
    """List the YAML files of a folder in a stable order."""
    folder = root / folder_name
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file()) if folder.is_dir() else []


def load_file(root: Path, rel: str, cls: type[T]) -> tuple[Loaded[T] | None, list[Problem]]:
    """Read and validate one required file of the kit tree; a missing file is a problem."""
    if not (root / rel).is_file():
        return None, [Problem(rel, 1, 1, "arquivo obrigatório não encontrado")]
    return load_one(root / rel, root, cls)


def load_folder(root: Path, folder: str, cls: type[T]) -> tuple[list[Loaded[T]], list[Problem]]:
    """Read and validate every YAML file of a folder; files that fail are left out, their problems kept."""
    out: list[Loaded[T]] = []
    problems: list[Problem] = []
    for path in yaml_files(root, folder):
        loaded, found = load_one(path, root, cls)
        problems += found
        if loaded:
            out.append(loaded)
    return out, problems


def load_project(root: Path) -> tuple[Inputs, list[Problem]]:
    """Load every input under root, collecting every problem found."""
    brand, on_brand = load_file(root, BRAND_FILE, model.Brand)
    formats, on_formats = load_file(root, FORMATS_FILE, model.FormatCatalogue)
    munis, on_munis = load_file(root, MUNICIPALITIES_FILE, model.MunicipalityList)
    meetings, on_meetings = load_file(root, MEETINGS_FILE, model.MeetingList)
    electoral, on_electoral = load_file(root, ELECTORAL_FILE, model.ElectoralCalendar)
    campaigns, on_campaigns = load_folder(root, CAMPAIGNS_DIR, model.Campaign)
    atas, on_atas = load_folder(root, ATAS_DIR, model.Ata)
    problems = on_brand + on_formats + on_munis + on_meetings + on_electoral + on_campaigns + on_atas
    return Inputs(root, brand, formats, munis, meetings, electoral, campaigns, atas), problems
