"""The `new` command: scaffold a campaign file with every required key and Portuguese comments."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from cimpskit.core.errors import UsageError
from cimpskit.core.writer import write_atomic
from cimpskit.inputs.model import SLUG_PATTERN
from cimpskit.inputs.project import CAMPAIGNS_DIR

TEMPLATE = """\
# yaml-language-server: $schema=../schemas/campaign.schema.json
# Campanha criada com `build_assets.py new`. Preencha os textos entre aspas e rode `make check`.
slug: {slug}
title: {title}
# Objetivo da campanha, em uma ou duas frases, para a página do site.
purpose: ""
# draft = rascunho (não é publicado). Depois da aprovação, use approved e informe a reunião.
status: draft
# approval:
#   meeting: ct-2026-02-10   # id da reunião em calendar/meetings.yml
period:
  start: {start}
  end: {end}
# Datas de destaque dentro do período (opcional).
key_dates: []
texts:
  # Título principal: curto, em linguagem simples.
  headline: ""
  # Texto de apoio: duas ou três frases, sem siglas sem explicação.
  body: ""
  # O que a pessoa deve fazer: ligar, procurar um serviço...
  call_to_action: ""
# Canal nacional (opcional), como Disque 100 ou Ligue 180.
# hotline:
#   name: Disque 100
#   number: "100"
#   note: gratuito, anônimo, 24 horas
#   # Página do cidadão (aberta pelo QR code), em linguagem simples e só com o que é verdade:
#   what_to_expect: Você não precisa dizer o seu nome. Conte o que você viu ou sabe.
#   accessibility: Se você não puder falar ao telefone, procure pessoalmente o Conselho Tutelar.
# Contatos locais nas peças: cras, creas, conselho-tutelar, cadastro-unico.
contacts:
  - cras
# Cores pelos nomes da paleta (brand/brand.yml); o contraste é conferido.
colors:
  background: azul
  text: branco
  accent: amarelo
  accent_text: grafite
hashtags:
  - "#CIMPS"
# Formatos do catálogo (brand/formats.yml).
formats:
  - social-square
  - story
  - landscape
# Quantidades impressas por formato e município (município ausente = pendente).
print_quantities: {{}}
"""


def slugify(text: str) -> str:
    """Turn a title into a slug: lower case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def campaign_slug(title: str, start: dt.date) -> str:
    """Return a campaign's slug: the title's words plus the start year, unless the title already has it."""
    slug = slugify(title)
    year = str(start.year)
    return slug if year in slug.split("-") else "-".join(part for part in (slug, year) if part)


def _date(value: str, name: str) -> dt.date:
    """Parse an ISO date given on the command line."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--{name} deve ser uma data AAAA-MM-DD: '{value}'") from None


def new_campaign(root: Path, title: str, start_text: str, end_text: str, slug: str | None) -> int:
    """Write campaigns/<slug>.yml from the title and period, refusing to overwrite."""
    start, end = _date(start_text, "start"), _date(end_text, "end")
    if end < start:
        raise UsageError("--end é anterior a --start")
    slug = slug if slug is not None else campaign_slug(title, start)
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise UsageError(f"identificador inválido: '{slug}' (use minúsculas, números e hífens, como maio-laranja-2026)")
    rel = f"{CAMPAIGNS_DIR}/{slug}.yml"
    path = root / rel
    if path.exists():
        raise UsageError(f"a campanha já existe em {rel}: escolha outro --slug")
    quoted = json.dumps(title, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
    write_atomic(path, TEMPLATE.format(slug=slug, title=quoted, start=start, end=end).encode())
    print(f"criado: {rel} (preencha os textos e rode `make check`)")
    return 0
