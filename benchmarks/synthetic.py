"""Benchmark projects: the shipped brand with realistic synthetic municipalities and the Maio Laranja campaign only."""

from __future__ import annotations

import random
import re
import shutil
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CAMPAIGN = "maio-laranja-2026"
SEED = 2026
"""Seed of the synthetic municipalities, so that every run builds the same names."""
LONGEST_NAME = 22
"""Longest synthetic name by default: the longest that fits every screen format today (São Sebastião da Grama).

Brazil's run to 32 letters (Vila Bela da Santíssima Trindade, MT). From about 24 (Conceição do Mato Dentro) they
overflow the story's signature, which fails that format for every variant: `--longest 32` shows it."""
SYNTHETIC_IBGE = 9_000_000
"""First synthetic IBGE code: real codes start with the region's digit (1 to 5), so these never clash."""

SAINTS = {
    "São": "José João Pedro Paulo Francisco Sebastião Miguel Gonçalo Bento Lourenço Tomé Vicente Domingos Caetano "
    "Jerônimo Félix Joaquim Roque Mateus Bernardo",
    "Santa": "Rita Luzia Bárbara Cruz Isabel Helena Terezinha Maria Rosa Inês Cecília Quitéria Filomena Mônica Clara "
    "Amélia Fé Lúcia Vitória Ana",
    "Santo": "Antônio André Amaro Expedito Inácio Ângelo Anastácio Estêvão Hipólito Agostinho",
}
PLACES = {
    "m": "Campo|Rio|Ribeirão|Morro|Porto|Monte|Vale|Poço|Riacho|Brejo|Alto|Salto|Pouso|Capão|Arroio|Passo|Engenho|"
    "Olho d'Água|Lago|Jardim|Sítio|Cerro",
    "f": "Serra|Lagoa|Barra|Cachoeira|Pedra|Ponte|Palmeira|Várzea|Vila|Vargem|Ilha|Fazenda|Chapada|Mata|Praia|"
    "Bela Vista|Boa Vista|Cruz|Colina|Aldeia",
}
ADJECTIVES = "Verde Alegre Bonito Grande Limpo Novo Preto Branco Claro Fundo Largo Seco Formoso Azul Dourado Real Velho"
QUALIFIERS = (
    "do Sul|do Norte|do Oeste|da Serra|Paulista|dos Perdões|do Rio Preto|das Missões|do Paraíso|de Minas|da Boa Vista|"
    "do Ivaí|do Passa Quatro|dos Campos|do Tocantins|das Pedras|da Mata|do Livramento|do Vale do Rio Preto|de Goiás|"
    "do Araguaia|da Santíssima Trindade|das Palmeiras|do Piauí|do Mato Dentro|dos Pinhais|da Estrela|do Rio Abaixo|"
    "d'Oeste|do Sudoeste|da Conquista|de Itaipu|das Flores|do Jacuí"
)
DEVOTIONS = (
    "Bom Jesus|Nossa Senhora|Conceição|Boa Esperança|Bom Despacho|Divino|Espírito Santo|Senhor do Bonfim|"
    "Nova Esperança|Bom Sucesso|Glória|Piedade|Natividade|Aparecida"
)
TITLES = "Presidente Governador Senador Doutor Professor Coronel Marechal Deputado Conselheiro Capitão Major Padre Frei"
SURNAMES = (
    "Prudente|Valadares|Canedo|Lafaiete|Juscelino|Fabriciano|Cândido Rondon|Bernardes|Venceslau|Epitácio|"
    "Kubitschek|Tancredo|Mairinck|Dutra|Figueiredo|Castelo Branco|Ulysses|Vargas|Sodré|Pestana|Teixeira Soares"
)
TUPI = (
    "Ita Ibi Para Pira Jaca Guara Cara Tupi Ara Ipa Cata Uba Capi Jabo Ipi Tamba Mogi Igua Pinda Jundi Aru Itaqua "
    "Ibira Mara",
    "- - - - - - pe ra qua ti ju mo ne ca ri monhan pu pora que ce",
    "tuba guaçu mirim tinga poã rema cica nema juba baba quara pava ruçu gaba tiba nduva í ú ema iara tá ranga "
    "cetuba nunga",
)
KINDS = {"tupi": 42, "saint": 18, "place": 20, "devotion": 5, "title": 7, "new": 8}
"""Naming patterns and their weights: Tupi words, saints, places, devotions, people, Nova/Novo."""


def _tupi(rng: random.Random) -> str:
    """Return a Tupi-like word such as Itaquaquecetuba or Pindamonhangaba."""
    head, middle, tail = (rng.choice(part.split()) for part in TUPI)
    return head + middle.strip("-") + tail


def _feminine(word: str) -> str:
    """Return the feminine of an adjective ending in -o (Bonito → Bonita)."""
    return word[:-1] + "a" if word.endswith("o") else word


def _base(rng: random.Random, kind: str) -> str:
    """Return the head of a name of one naming pattern (saint, place, devotion or Nova/Novo)."""
    if kind == "saint":
        prefix = rng.choice(list(SAINTS))
        return f"{prefix} {rng.choice(SAINTS[prefix].split())}"
    if kind == "place":
        gender = rng.choice("mf")
        adjective = rng.choice(ADJECTIVES.split())
        tail = (_feminine(adjective) if gender == "f" else adjective) if rng.random() < 0.6 else _tupi(rng)
        return f"{rng.choice(PLACES[gender].split('|'))} {tail}"
    if kind == "devotion":
        return rng.choice(DEVOTIONS.split("|"))
    return f"{rng.choice(['Nova', 'Novo'])} {_tupi(rng)}"


def synthetic_name(rng: random.Random) -> str:
    """Return a name built on Brazilian naming patterns (Itupeva, São José do Rio Preto, Presidente Prudente)."""
    kind = rng.choices(list(KINDS), list(KINDS.values()))[0]
    if kind == "title":
        return f"{rng.choice(TITLES.split())} {rng.choice(SURNAMES.split('|'))}"
    base = _tupi(rng) if kind == "tupi" else _base(rng, kind)
    bare = 0.85 if kind == "tupi" else 0.7
    return base if rng.random() < bare else f"{base} {rng.choice(QUALIFIERS.split('|'))}"


def slugify(name: str) -> str:
    """Return the slug of a name (Olho d'Água Seco → olho-d-agua-seco)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def synthetic_names(count: int, taken: set[str], longest: int) -> list[str]:
    """Return count distinct names of at most longest letters whose slugs are not taken."""
    rng, slugs, out = random.Random(SEED), set(taken), []
    while len(out) < count:
        name = synthetic_name(rng)
        if len(name) <= longest and slugify(name) not in slugs:
            slugs.add(slugify(name))
            out.append(name)
    return out


def like(shipped: dict, name: str, ibge: str, population: int) -> dict:
    """Return a municipality shaped like a shipped one: the same contact kinds, unverified, named after it."""
    contacts = [
        {**c, "name": c["name"].replace(shipped["name"], name), "verification": None} for c in shipped["contacts"]
    ]
    new = {"slug": slugify(name), "name": name, "ibge": ibge, "population": population, "contacts": contacts}
    return {**shipped, **new}


def municipalities(count: int, longest: int = LONGEST_NAME) -> list[dict]:
    """Return the shipped municipalities, then realistic synthetic ones up to count."""
    shipped = yaml.safe_load((REPO / "brand/municipalities.yml").read_text(encoding="utf-8"))["municipalities"]
    rng = random.Random(SEED)
    extra = synthetic_names(max(0, count - len(shipped)), {m["slug"] for m in shipped}, longest)
    made = [
        like(shipped[i % len(shipped)], name, str(SYNTHETIC_IBGE + i), round(10 ** rng.uniform(3, 6)))
        for i, name in enumerate(extra)
    ]
    return (shipped + made)[:count]


def campaign_text(formats: tuple[str, ...], series: bool = False) -> str:
    """Return the approved Maio Laranja campaign restricted to formats, its print quantities removed; without
    series, its carousel and key dates too (so that it makes no series but the profile frame)."""
    text = (REPO / "campaigns" / f"{CAMPAIGN}.yml").read_text(encoding="utf-8")
    if not series:
        text = re.sub(r"^carousel:\n(?:(?:  .*)?\n)*", "", text, flags=re.M)
        text = re.sub(r"^key_dates:\n(?:  .*\n)*", "", text, flags=re.M)
    listed = "".join(f"  - {f}\n" for f in formats)
    text = re.sub(r"^formats:\n(?:  - .*\n)+", "formats:\n" + listed, text, flags=re.M)
    text = re.sub(r"^# Quantidades.*\n", "", text, flags=re.M)
    return re.sub(r"^print_quantities:\n(?:(?:  .*)?\n)*", "", text, flags=re.M)


def formats_text(contacts: bool, series: bool = False) -> str:
    """Return the shipped format catalogue; without contacts, screen formats lose their contacts block; without
    series, the profile frame's format goes (no frame is made)."""
    data = yaml.safe_load((REPO / "brand/formats.yml").read_text(encoding="utf-8"))
    if not series:
        data["formats"] = [f for f in data["formats"] if not (f.get("platform_zone") or {}).get("circle")]
    for fmt in data["formats"]:
        if not contacts and fmt["medium"] == "screen":
            fmt["blocks"] = [b for b in fmt.get("blocks", []) if b != "contacts"]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def make_project(
    root: Path, count: int, formats: tuple[str, ...], *, longest: int, contacts: bool, series: bool = False
) -> Path:
    """Write a project: the shipped brand and calendar, count municipalities, Maio Laranja in formats only (with
    series: also its carousel, its date and countdown posts and the profile frame)."""
    shutil.rmtree(root, ignore_errors=True)
    for name in ("brand", "calendar", "campaigns/visuals"):
        shutil.copytree(REPO / name, root / name)
    (root / "brand/formats.yml").write_text(formats_text(contacts, series), encoding="utf-8")
    (root / "campaigns" / f"{CAMPAIGN}.yml").write_text(campaign_text(formats, series), encoding="utf-8")
    data = yaml.safe_dump({"municipalities": municipalities(count, longest)}, allow_unicode=True, sort_keys=False)
    (root / "brand/municipalities.yml").write_text(data, encoding="utf-8")
    return root
