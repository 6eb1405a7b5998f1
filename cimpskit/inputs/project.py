"""Load the whole kit tree (brand, formats, municipalities, meetings, campaigns) into models."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from cimpskit.core.errors import KitError, Problem
from cimpskit.core.fonts import Typeface
from cimpskit.inputs import model, sources
from cimpskit.inputs.logos import Logo

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
    model.CNPJ_PATTERN: "deve ser um CNPJ com pontos, barra e hífen, como 00.000.000/0000-00",
}


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A validated model together with the document it came from."""

    doc: sources.Document
    model: T


@dataclass(frozen=True)
class Project:
    """Every input of the kit, as far as it could be loaded."""

    root: Path
    brand: Loaded[model.Brand] | None
    formats: Loaded[model.FormatCatalogue] | None
    municipalities: Loaded[model.MunicipalityList] | None
    meetings: Loaded[model.MeetingList] | None
    electoral: Loaded[model.ElectoralCalendar] | None
    campaigns: list[Loaded[model.Campaign]] = field(default_factory=list)
    atas: list[Loaded[model.Ata]] = field(default_factory=list)
    typeface: Typeface | None = None
    logos: dict[str, Logo] = field(default_factory=dict)
    visuals: dict[str, tuple[str, float]] = field(default_factory=dict)
    """Verified key visuals: repository path → (content digest, aspect ratio)."""

    @property
    def complete(self) -> bool:
        """Tell whether every brand file loaded."""
        parts = (self.brand, self.formats, self.municipalities, self.meetings, self.electoral, self.typeface)
        return None not in parts

    def format(self, name: str) -> model.Format:
        """Return the format called name."""
        return next(f for f in self.formats.model.formats if f.name == name)

    def municipality(self, slug: str) -> model.Municipality:
        """Return the municipality with this slug."""
        return next(m for m in self.municipalities.model.municipalities if m.slug == slug)

    def colour(self, name: str) -> model.Colour:
        """Return the palette colour called name."""
        return next(c for c in self.brand.model.palette if c.name == name)


def _message(error: dict) -> str:
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
        return PATTERN_MESSAGES.get(ctx.get("pattern"), f"não segue o padrão {ctx.get('pattern')}")
    return messages.get(kind, error["msg"])


def _num(value: object) -> str:
    """Format a limit from a schema the Brazilian way: 0 not 0.0, 1,5 not 1.5."""
    return f"{value:g}".replace(".", ",") if isinstance(value, (int, float)) else str(value)


def _clean_loc(loc: tuple) -> tuple:
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


def _comment_on_line(doc: sources.Document, loc: tuple) -> bool:
    """Tell whether the line of a value holds a '#', which YAML reads as the start of a comment."""
    line, _ = doc.position(loc)
    return 0 < line <= len(doc.lines) and " #" in doc.lines[line - 1]


def dotted(loc: tuple) -> str:
    """Render a key path the way an editor reads it, like 'texts.headline' or 'hashtags[0]'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def unknown_keys(doc: sources.Document, obj: object, loc: tuple = ()) -> list[Problem]:
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


def load_project(root: Path) -> tuple[Project, list[Problem]]:
    """Load every input under root, collecting every problem found."""
    problems: list[Problem] = []
    parts = {}
    for key, rel, cls in (
        ("brand", BRAND_FILE, model.Brand),
        ("formats", FORMATS_FILE, model.FormatCatalogue),
        ("municipalities", MUNICIPALITIES_FILE, model.MunicipalityList),
        ("meetings", MEETINGS_FILE, model.MeetingList),
        ("electoral", ELECTORAL_FILE, model.ElectoralCalendar),
    ):
        path = root / rel
        if not path.is_file():
            problems.append(Problem(rel, 1, 1, "arquivo obrigatório não encontrado"))
            parts[key] = None
            continue
        parts[key], found = load_one(path, root, cls)
        problems += found
    lists: dict[str, list] = {"campaigns": [], "atas": []}
    for key, folder, cls in (("campaigns", CAMPAIGNS_DIR, model.Campaign), ("atas", ATAS_DIR, model.Ata)):
        for path in yaml_files(root, folder):
            loaded, found = load_one(path, root, cls)
            problems += found
            if loaded:
                lists[key].append(loaded)
    return Project(root=root, **lists, **parts), problems
