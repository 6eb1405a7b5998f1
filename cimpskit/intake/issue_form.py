"""Turn a submitted GitHub issue form into the files `check` judges.

GitHub writes a submitted form as `### Label` sections separated by blank lines: an empty optional
answer is `_No response_`, checkboxes are `- [X] Option` / `- [ ] Option` and a dropdown gives the
chosen option's text. The labels come from `forms.py`, the single place they are declared.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from cimpskit.core.errors import KitError, Problem
from cimpskit.core.writer import write_atomic
from cimpskit.inputs import sources
from cimpskit.inputs.model import HASHTAG_PATTERN, SLUG_PATTERN
from cimpskit.inputs.project import CAMPAIGNS_DIR, MUNICIPALITIES_FILE
from cimpskit.intake.forms import FORMS, NEW_CAMPAIGN, UPDATE_CONTACTS, BrandFiles, Form, load_brand, option_values
from cimpskit.intake.scaffold import campaign_slug

NO_RESPONSE = "_No response_"
HEADING = re.compile(r"^ {0,3}###[ \t]+(.+?)[ \t]*$")
CHECKBOX = re.compile(r"^\s*[-*]\s+\[(?P<mark>[ xX]?)\]\s*(?P<label>.*?)\s*$")
# Characters PyYAML refuses anywhere in a stream; dropped from user text before it reaches a YAML file.
NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
YAML_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# Markdown (the issue body) breaks lines only at these; U+2028 and friends stay inside a line.
MARKDOWN_BREAK = re.compile(r"\r\n|\r|\n")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BR_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
BULLET = re.compile(r"^\s*(?:[-*]\s+)?")
QUANTITY = re.compile(r"^(?P<muni>.+?)\s+[—–-]\s+(?P<fmt>.+?)\s*:\s*(?P<qty>.*?)\s*$")
THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
ACRONYM = re.compile(r"\b[A-ZÀ-ÖØ-Ý]{2,6}\b")
MAX_HEADLINE_WORDS = 8
MAX_BODY_SENTENCES = 3


@dataclass(frozen=True)
class Section:
    """One answer of the issue body: its heading line and its content lines."""

    label: str
    """Label of the form element, as in the heading."""
    line: int
    """Line of the `### Label` heading."""
    lines: tuple[tuple[int, str], ...]
    """Content lines as (line number, text), blank edges and `_No response_` removed."""

    @property
    def at(self) -> int:
        """Return the line of the answer, or of the heading when the answer is empty."""
        return self.lines[0][0] if self.lines else self.line


def _fold(text: str) -> str:
    """Lower-case text, strip accents and collapse spaces, for forgiving name matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def one_line(text: str) -> str:
    """Clean user text for a YAML value: printable characters only, whitespace collapsed to single spaces."""
    return " ".join(NON_PRINTABLE.sub("", text).split())


def quote(text: str) -> str:
    """Return text as a double-quoted YAML scalar that loads back to exactly the same string."""
    dumped = yaml.dump(text, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=1_000_000)
    return dumped.rstrip("\n")


def plain(value: str) -> str:
    """Return a slug as a plain scalar when YAML reads it back as that string, else quoted."""
    if re.fullmatch(SLUG_PATTERN, value) and yaml.safe_load(value) == value:
        return value
    return quote(value)


def _split_sections(lines: list[str], labels: set[str]) -> tuple[dict[str, Section], list[tuple[str, int, int]]]:
    """Cut the body at the headings of known labels; return sections and repeated headings (label, line, first)."""
    headings = []
    for number, line in enumerate(lines, 1):
        match = HEADING.match(line)
        if match and " ".join(match.group(1).split()) in labels:
            headings.append((number, " ".join(match.group(1).split())))
    sections: dict[str, Section] = {}
    repeated = []
    for k, (number, label) in enumerate(headings):
        stop = headings[k + 1][0] - 1 if k + 1 < len(headings) else len(lines)
        content = [(n, lines[n - 1].rstrip()) for n in range(number + 1, stop + 1)]
        while content and not content[0][1].strip():
            content.pop(0)
        while content and not content[-1][1].strip():
            content.pop()
        if [text.strip() for _, text in content] == [NO_RESPONSE]:
            content = []
        if label in sections:
            repeated.append((label, number, sections[label].line))
            continue
        sections[label] = Section(label, number, tuple(content))
    return sections, repeated


class Answers:
    """The answers of one submitted form, read by field id, with every problem collected."""

    def __init__(self, form: Form, text: str, rel: str):
        self.form = form
        self.rel = rel
        self.problems: list[Problem] = []
        labels = {f.label for f in form.answers}
        self.sections, repeated = _split_sections(MARKDOWN_BREAK.split(text), labels)
        for label, line, first in repeated:
            self.problem(line, 1, f"a seção '### {label}' aparece de novo (já está na linha {first})")

    def problem(self, line: int, col: int, message: str) -> None:
        """Record a problem at a line and column of the issue file."""
        self.problems.append(Problem(self.rel, line, col, message))

    def raise_problems(self) -> None:
        """Raise every problem found so far at once, in file order."""
        if self.problems:
            raise KitError(sorted(set(self.problems)))

    def section(self, field_id: str) -> Section | None:
        """Return the answer of a field, reporting a missing section or a missing required answer."""
        field = self.form.field(field_id)
        section = self.sections.get(field.label)
        if section is None:
            if field.required:
                self.problem(1, 1, f"falta a seção '### {field.label}'")
            return None
        if not section.lines:
            if field.required and field.kind != "checkboxes":
                self.problem(section.line, 1, f"'{field.label}' é obrigatório")
            return None
        return section

    def text(self, field_id: str) -> str:
        """Return an answer as one clean line ('' when empty)."""
        section = self.section(field_id)
        return one_line(" ".join(text for _, text in section.lines)) if section else ""

    def lines(self, field_id: str) -> list[tuple[int, str]]:
        """Return the non-blank lines of an answer with their line numbers."""
        section = self.section(field_id)
        return [(n, text) for n, text in section.lines if text.strip()] if section else []

    def choice(self, field_id: str, values: dict[str, str], unknown: str) -> str | None:
        """Return the value of a dropdown answer, matching the option text loosely; `unknown` formats the problem."""
        section = self.section(field_id)
        if section is None:
            return None
        answer = one_line(" ".join(text for _, text in section.lines))
        found = _lookup(answer, values)
        if found is None:
            self.problem(section.at, 1, unknown.format(answer))
        return found

    def checked(self, field_id: str, values: dict[str, str]) -> list[str]:
        """Return the values of the ticked checkboxes, in the order of the options."""
        section = self.section(field_id)
        ticked = set()
        for number, line in section.lines if section else ():
            match = CHECKBOX.match(line)
            if not match:
                continue
            label = one_line(match.group("label"))
            value = _lookup(label, values)
            if value is None:
                self.problem(number, 1, f"opção '{label}' não existe em '{self.form.field(field_id).label}'")
            elif match.group("mark").lower() == "x":
                ticked.add(value)
        return [v for v in values.values() if v in ticked]

    def confirmed(self, field_id: str) -> None:
        """Report every required confirmation left unticked."""
        field = self.form.field(field_id)
        section = self.section(field_id)
        values = {text: text for text in field.choices}
        ticked = set(self.checked(field_id, values)) if section else set()
        for text in field.choices:
            if text not in ticked:
                self.problem(section.line if section else 1, 1, f"marque em '{field.label}': {text}")

    def date(self, field_id: str) -> dt.date | None:
        """Return a date answer, reporting one that is not a real AAAA-MM-DD date."""
        section = self.section(field_id)
        if section is None:
            return None
        answer = one_line(" ".join(text for _, text in section.lines))
        value = parse_date(answer)
        if value is None:
            self.problem(section.at, 1, f"data inválida '{answer}': use AAAA-MM-DD, como 2027-08-01")
        return value


def _lookup(answer: str, values: dict[str, str]) -> str | None:
    """Find the value of an option by its text or its value, ignoring case, accents and spacing."""
    wanted = _fold(answer)
    for text, value in values.items():
        if wanted in (_fold(text), _fold(value)):
            return value
    return None


def parse_date(text: str) -> dt.date | None:
    """Parse AAAA-MM-DD (or DD/MM/AAAA, as people often write it); None when it is not a real date."""
    try:
        if ISO_DATE.match(text):
            return dt.date.fromisoformat(text)
        match = BR_DATE.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        return None
    return None


def detect(text: str, rel: str) -> Form:
    """Tell which form an issue body came from, by the labels of its headings."""
    headings = {" ".join(m.group(1).split()) for line in MARKDOWN_BREAK.split(text) if (m := HEADING.match(line))}
    scores = [(len(headings & {f.label for f in form.answers}), form) for form in FORMS]
    best = max(score for score, _ in scores)
    winners = [form for score, form in scores if score == best]
    if best == 0 or len(winners) > 1:
        names = " ou ".join(f"'{form.name}'" for form in FORMS)
        raise KitError(Problem(rel, 1, 1, f"este texto não é um pedido feito pelos formulários {names}"))
    return winners[0]


def from_issue(root: Path, issue_path: Path, rel: str) -> dict[str, bytes]:
    """Read a submitted issue form and return the files to write, keyed by path under root."""
    text = sources.read_text(issue_path, issue_path.parent, rel)
    form = detect(text, rel)
    project = load_brand(root)
    answers = Answers(form, text, rel)
    if form is NEW_CAMPAIGN:
        return campaign_files(project, answers)
    return contact_files(project, answers)


def campaign_files(project: BrandFiles, answers: Answers) -> dict[str, bytes]:
    """Return the new campaign file described by a 'Nova campanha' answer."""
    options = option_values(project)
    title = answers.text("titulo")
    start, end = answers.date("inicio"), answers.date("fim")
    data = {
        "title": title,
        "purpose": answers.text("objetivo"),
        "status": "draft",
        "period": {"start": start, "end": end},
        "key_dates": _key_dates(answers),
        "texts": {
            "headline": answers.text("titulo-pecas"),
            "body": answers.text("texto"),
            "call_to_action": answers.text("chamada"),
        },
        "hotline": _hotline(answers),
        "contacts": answers.checked("contatos", options["servicos"]),
        "colors": _colours(answers, options["cores"]),
        "hashtags": _hashtags(answers),
    }
    formats = answers.checked("formatos", options["formatos"])
    data["formats"] = formats
    if not formats:
        label = NEW_CAMPAIGN.field("formatos").label
        section = answers.sections.get(label)
        answers.problem(section.line if section else 1, 1, f"marque pelo menos um formato em '{label}'")
    data["print_quantities"] = _quantities(project, answers, formats)
    approver = [one_line(text) for _, text in answers.lines("quem-aprova")]
    answers.confirmed("antes-de-enviar")
    rel = ""
    if title and start:
        data = {"slug": campaign_slug(title, start), **data}
        rel = f"{CAMPAIGNS_DIR}/{data['slug']}.yml"
        if (project.root / rel).exists():
            section = answers.sections[NEW_CAMPAIGN.field("titulo").label]
            answers.problem(section.at, 1, f"a campanha {rel} já existe: mude o nome da campanha no pedido")
    answers.raise_problems()
    if data["hotline"] is None:
        del data["hotline"]
    text = campaign_yaml(data, approver)
    _same_data(text, rel, data)
    return {rel: text.encode()}


def _colours(answers: Answers, palette: dict[str, str]) -> dict[str, str | None]:
    """Read the four colour dropdowns by palette name."""
    roles = (
        ("background", "cor-fundo"),
        ("text", "cor-texto"),
        ("accent", "cor-destaque"),
        ("accent_text", "cor-texto-destaque"),
    )
    unknown = "cor '{}' não existe na paleta (brand/brand.yml)"
    return {role: answers.choice(field_id, palette, unknown) for role, field_id in roles}


def _key_dates(answers: Answers) -> list[dict]:
    """Read 'AAAA-MM-DD: descrição' lines."""
    out = []
    for number, line in answers.lines("datas"):
        date_text, colon, label = BULLET.sub("", line, count=1).partition(":")
        value = parse_date(date_text.strip())
        if not colon or not one_line(label):
            answers.problem(number, 1, f"escreva a data assim: 'AAAA-MM-DD: descrição' (linha '{one_line(line)}')")
        elif value is None:
            answers.problem(number, 1, f"data inválida '{date_text.strip()}': use AAAA-MM-DD, como 2027-08-01")
        else:
            out.append({"date": value, "label": one_line(label)})
    return out


def _hotline(answers: Answers) -> dict | None:
    """Read the optional hotline; name and number go together."""
    name, number, note = answers.text("canal-nome"), answers.text("canal-numero"), answers.text("canal-observacao")
    if not (name or number or note):
        return None
    for field_id, value in (("canal-nome", name), ("canal-numero", number)):
        if not value:
            field = NEW_CAMPAIGN.field(field_id)
            section = answers.sections.get(field.label)
            line = section.line if section else 1
            answers.problem(line, 1, f"preencha '{field.label}': o canal de atendimento precisa de nome e número")
    return {"name": name, "number": number, **({"note": note} if note else {})}


def _hashtags(answers: Answers) -> list[str]:
    """Read hashtags separated by spaces or commas, adding a missing '#'."""
    out: list[str] = []
    for number, line in answers.lines("hashtags"):
        for match in re.finditer(r"[^\s,;]+", NON_PRINTABLE.sub("", line)):
            tag = match.group(0) if match.group(0).startswith("#") else f"#{match.group(0)}"
            if not re.fullmatch(HASHTAG_PATTERN, tag):
                msg = f"hashtag inválida '{tag}': depois do # só letras e números, sem espaços nem hífens"
                answers.problem(number, match.start() + 1, msg)
            elif tag not in out:
                out.append(tag)
    return out


def _quantity(text: str) -> int | None:
    """Parse a whole quantity, allowing a dot as thousands separator (1.500)."""
    if text.isascii() and text.isdigit():
        return int(text)
    if THOUSANDS.match(text):
        return int(text.replace(".", ""))
    return None


def _quantities(project: BrandFiles, answers: Answers, chosen: list[str]) -> dict[str, dict[str, int]]:
    """Read 'Município — Formato: quantidade' lines into {format: {municipality: quantity}}."""
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for number, raw in answers.lines("quantidades"):
        read = _quantity_line(project, answers, number, NON_PRINTABLE.sub("", raw), chosen)
        if read is None:
            continue
        fmt, muni, qty = read
        if (fmt, muni) in found:
            msg = f"quantidade repetida para o mesmo município e formato (já na linha {found[fmt, muni][0]})"
            answers.problem(number, 1, msg)
        else:
            found[fmt, muni] = (number, qty)
    munis = list(option_values(project)["municipios"].values())
    formats = [f.name for f in project.formats.model.formats]
    return {
        fmt: {muni: found[fmt, muni][1] for muni in munis if (fmt, muni) in found}
        for fmt in formats
        if any(key[0] == fmt for key in found)
    }


def _quantity_line(
    project: BrandFiles, answers: Answers, number: int, line: str, chosen: list[str]
) -> tuple[str, str, int] | None:
    """Read one quantity line into (format, municipality, quantity), reporting each bad part at its column."""
    options = option_values(project)
    bullet = BULLET.match(line)
    offset = bullet.end() if bullet else 0
    match = QUANTITY.match(line[offset:])
    if not match:
        answers.problem(
            number, 1, f"escreva a quantidade assim: 'Município — Formato: número' (linha '{one_line(line)}')"
        )
        return None
    col = {part: offset + match.start(part) + 1 for part in ("muni", "fmt", "qty")}
    muni = _lookup(match.group("muni"), options["municipios"])
    fmt = _lookup(match.group("fmt"), options["formatos"])
    qty = _quantity(match.group("qty"))
    if muni is None:
        msg = f"município '{one_line(match.group('muni'))}' não existe em brand/municipalities.yml"
        answers.problem(number, col["muni"], msg)
    label = project.format(fmt).label if fmt else one_line(match.group("fmt"))
    if fmt is None:
        answers.problem(number, col["fmt"], f"formato '{label}' não existe em brand/formats.yml")
    elif project.format(fmt).medium != "print":
        answers.problem(number, col["fmt"], f"formato '{label}' não é impresso")
    elif fmt not in chosen:
        field = NEW_CAMPAIGN.field("formatos").label
        answers.problem(number, col["fmt"], f"formato '{label}' não foi marcado em '{field}'")
    if qty is None:
        answers.problem(number, col["qty"], f"a quantidade '{match.group('qty')}' deve ser um número inteiro")
    if muni is None or fmt is None or qty is None:
        return None
    return fmt, muni, qty


def _review_notes(data: dict) -> list[str]:
    """Return plain-language hints for the maintainer, kept as comments in the new file."""
    texts = data["texts"]
    notes = []
    words = len(texts["headline"].split())
    if words > MAX_HEADLINE_WORDS:
        notes.append(f"o título das peças tem {words} palavras (o guia pede até {MAX_HEADLINE_WORDS}).")
    sentences = len(re.findall(r"[.!?]+(?:\s|$)", texts["body"]))
    if sentences > MAX_BODY_SENTENCES:
        notes.append(f"o texto de apoio tem {sentences} frases (o guia pede 2 ou 3).")
    acronyms = sorted({a for value in texts.values() for a in ACRONYM.findall(value)})
    if acronyms:
        notes.append(f"confira se estas siglas estão explicadas: {', '.join(acronyms)}.")
    return notes


def campaign_yaml(data: dict, approver: list[str]) -> str:
    """Render the campaign as YAML text, every user value quoted, with comments for the maintainer."""
    out = [
        "# yaml-language-server: $schema=../schemas/campaign.schema.json",
        "# Campanha criada a partir de um pedido pelo formulário “Nova campanha”",
        "# (build_assets.py new --from-issue). Revise os textos, rode `make check` e veja as peças.",
        "# Quem aprova o pedido e como falar com essa pessoa:",
        *[f"#   {line}" for line in approver if line],
    ]
    notes = _review_notes(data)
    if notes:
        out += ["# Para revisar antes de aprovar:", *[f"#   - {note}" for note in notes]]
    out += [
        f"slug: {plain(data['slug'])}",
        f"title: {quote(data['title'])}",
        "# Objetivo da campanha, para a página do site.",
        f"purpose: {quote(data['purpose'])}",
        "# draft = rascunho (não é publicado). Depois da aprovação pela Câmara Técnica, mude para",
        "# approved e informe a reunião que aprovou (id em calendar/meetings.yml).",
        "status: draft",
        "# approval:",
        "#   meeting: ID-DA-REUNIAO",
        "period:",
        f"  start: {data['period']['start'].isoformat()}",
        f"  end: {data['period']['end'].isoformat()}",
        "# Datas de destaque dentro do período.",
    ]
    if data["key_dates"]:
        out.append("key_dates:")
        for item in data["key_dates"]:
            out += [f"  - date: {item['date'].isoformat()}", f"    label: {quote(item['label'])}"]
    else:
        out.append("key_dates: []")
    out += [
        "texts:",
        "  # Título principal: curto (até 8 palavras), em linguagem simples.",
        f"  headline: {quote(data['texts']['headline'])}",
        "  # Texto de apoio: duas ou três frases curtas, sem siglas sem explicação.",
        f"  body: {quote(data['texts']['body'])}",
        "  # O que a pessoa deve fazer.",
        f"  call_to_action: {quote(data['texts']['call_to_action'])}",
    ]
    if "hotline" in data:
        hotline = data["hotline"]
        out += ["# Canal nacional de atendimento ou denúncia.", "hotline:"]
        out += [f"  name: {quote(hotline['name'])}", f"  number: {quote(hotline['number'])}"]
        out += [f"  note: {quote(hotline['note'])}"] if "note" in hotline else []
    else:
        out.append("# Sem canal nacional de atendimento (hotline) no pedido.")
    out.append("# Contatos locais nas peças: os dados aparecem quando o município os confirma.")
    out += _list("contacts", data["contacts"], plain)
    out += ["# Cores pelos nomes da paleta (brand/brand.yml); o contraste é conferido.", "colors:"]
    out += [f"  {role}: {plain(name)}" for role, name in data["colors"].items()]
    out += _list("hashtags", data["hashtags"], quote)
    out.append("# Formatos do catálogo (brand/formats.yml).")
    out += _list("formats", data["formats"], plain)
    out.append("# Quantidades impressas por formato e município (município ausente = pendente).")
    if data["print_quantities"]:
        out.append("print_quantities:")
        for fmt, per_muni in data["print_quantities"].items():
            out.append(f"  {plain(fmt)}:")
            out += [f"    {plain(muni)}: {qty}" for muni, qty in per_muni.items()]
    else:
        out.append("print_quantities: {}")
    return "\n".join(out) + "\n"


def _list(key: str, values: list[str], render) -> list[str]:
    """Render a block list, or an empty flow list."""
    return [f"{key}:", *[f"  - {render(v)}" for v in values]] if values else [f"{key}: []"]


def _same_data(text: str, rel: str, expected: dict) -> None:
    """Fail loudly (a bug, not a user error) if the YAML written does not read back as intended."""
    got = sources.parse(text, rel).data
    if got != expected:
        raise AssertionError(f"{rel} does not read back as the data it was made from")


def contact_files(project: BrandFiles, answers: Answers) -> dict[str, bytes]:
    """Return brand/municipalities.yml with one contact replaced by an 'Atualizar contatos' answer."""
    options = option_values(project)
    slug = answers.choice("municipio", options["municipios"], "município '{}' não existe em brand/municipalities.yml")
    *first, last = options["servicos"]
    services = f"{', '.join(first)} ou {last}"
    kind = answers.choice("servico", options["servicos"], f"serviço '{{}}' não existe: escolha {services}")
    contact = {
        "kind": kind,
        "name": answers.text("nome"),
        "phone": _phone(answers, "telefone"),
        "whatsapp": _phone(answers, "whatsapp"),
        "email": _email(answers),
        "address": answers.text("endereco"),
        "hours": answers.text("horario"),
        "verification": {"date": _confirmation_date(answers), "source": answers.text("fonte")},
    }
    answers.confirmed("confirmacao")
    answers.raise_problems()
    assert slug is not None, "raise_problems() reports a missing or unknown municipality"
    doc = project.municipalities.doc
    index = next(i for i, m in enumerate(project.municipalities.model.municipalities) if m.slug == slug)
    text = sources.read_text(project.root / MUNICIPALITIES_FILE, project.root, MUNICIPALITIES_FILE)
    if sources.parse(text, MUNICIPALITIES_FILE).data != doc.data:
        raise KitError(Problem(MUNICIPALITIES_FILE, 1, 1, "o arquivo mudou durante a leitura; tente de novo"))
    return {MUNICIPALITIES_FILE: put_contact(text, doc, index, contact).encode()}


def _phone(answers: Answers, field_id: str) -> str | None:
    """Read a phone number, which must have digits."""
    value = answers.text(field_id)
    if value and sum(ch.isdigit() for ch in value) < 3:
        section = answers.sections[UPDATE_CONTACTS.field(field_id).label]
        answers.problem(section.at, 1, f"o número '{value}' precisa ter os dígitos do telefone, com DDD")
    return value or None


def _email(answers: Answers) -> str | None:
    """Read an optional e-mail address."""
    value = answers.text("email")
    if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        section = answers.sections[UPDATE_CONTACTS.field("email").label]
        answers.problem(section.at, 1, f"e-mail inválido: '{value}'")
    return value or None


def _confirmation_date(answers: Answers) -> dt.date | None:
    """Read the confirmation date, which cannot be in the future."""
    value = answers.date("data-confirmacao")
    if value and value > dt.date.today():
        section = answers.sections[UPDATE_CONTACTS.field("data-confirmacao").label]
        answers.problem(section.at, 1, f"a data da confirmação ({value:%d/%m/%Y}) está no futuro")
    return value


def contact_lines(contact: dict) -> list[str]:
    """Render one contact item in the new shape, without indentation; the first line carries the '- '."""
    verification = contact["verification"]

    def value(text: str | None) -> str:
        return "null" if text is None else quote(text)

    return [
        f"kind: {plain(contact['kind'])}",
        f"name: {quote(contact['name'])}",
        f"phone: {value(contact['phone'])}",
        f"whatsapp: {value(contact['whatsapp'])}",
        f"email: {value(contact['email'])}",
        f"address: {quote(contact['address'])}",
        f"hours: {quote(contact['hours'])}",
        "verification:",
        f"  date: {verification['date'].isoformat()}",
        f"  source: {quote(verification['source'])}",
    ]


def _keep_ends(text: str) -> list[str]:
    """Split text into lines at YAML line breaks, keeping each line's break."""
    lines, pos = [], 0
    for match in YAML_BREAK.finditer(text):
        lines.append(text[pos : match.end()])
        pos = match.end()
    if pos < len(text):
        lines.append(text[pos:])
    return lines


def _is_filler(line: str) -> bool:
    """Tell whether a line is blank or holds only a comment."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _last_line(doc: sources.Document, lines: list[str], loc: tuple, start: int) -> int:
    """Return the last line of the block node at loc: up to the next node outside it, minus trailing comments."""
    marks = [*doc.key_marks.items(), *doc.value_marks.items()]
    after = [line for key, (line, _) in marks if line > start and key[: len(loc)] != loc]
    end = min(after, default=len(lines) + 1) - 1
    while end > start and _is_filler(lines[end - 1]):
        end -= 1
    return end


def _item_start(lines: list[str], line: int, col: int) -> tuple[int, int] | None:
    """Return the line and column of the '-' that opens the sequence item whose mapping starts at line:col."""
    prefix = lines[line - 1][: col - 1]
    if re.fullmatch(r"\s*-\s+", prefix):
        return line, prefix.index("-")
    if prefix.strip():
        return None
    for number in range(line - 1, 0, -1):
        if re.fullmatch(r"\s*-\s*(#.*)?", lines[number - 1].rstrip("\r\n\x85\u2028\u2029")):
            return number, lines[number - 1].index("-")
        if not _is_filler(lines[number - 1]):
            return None
    return None


def _block(item: list[str], dash_col: int, eol: str) -> list[str]:
    """Indent a contact item under a '-' at dash_col."""
    pad = " " * (dash_col + 2)
    return [" " * dash_col + "- " + item[0] + eol, *[pad + line + eol for line in item[1:]]]


def put_contact(text: str, doc: sources.Document, index: int, contact: dict) -> str:
    """Replace (or add) one municipality's contact of contact['kind'], keeping every other line byte for byte."""
    lines = _keep_ends(text)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    muni_loc = ("municipalities", index)
    contacts = doc.data["municipalities"][index].get("contacts")
    item = contact_lines(contact)
    expected = copy.deepcopy(doc.data)
    if "contacts" not in doc.data["municipalities"][index]:
        start_line, start_col = doc.value_marks[muni_loc]
        end = _last_line(doc, lines, muni_loc, start_line)
        key_col = start_col - 1
        new = [" " * key_col + "contacts:" + eol, *_block(item, key_col + 2, eol)]
        lines, _ = _ensure_break(lines, end, eol)
        lines[end:end] = new
        expected["municipalities"][index]["contacts"] = [contact]
    else:
        seq_loc = (*muni_loc, "contacts")
        seq_line, seq_col = doc.value_marks[seq_loc]
        name = doc.data["municipalities"][index].get("name", "")
        if lines[seq_line - 1][seq_col - 1 : seq_col] == "[":
            if contacts:
                msg = (
                    f"os contatos de {name} estão entre colchetes [...]: reescreva-os como lista com '-', "
                    "um item por contato, para o editor conseguir atualizá-los"
                )
                raise KitError(Problem(MUNICIPALITIES_FILE, seq_line, seq_col, msg))
            key_line, key_col = doc.key_marks[seq_loc]
            line = lines[key_line - 1]
            lines[key_line - 1 : key_line] = [line[: seq_col - 1].rstrip() + eol, *_block(item, key_col + 1, eol)]
            expected["municipalities"][index]["contacts"] = [contact]
        else:
            kinds = [c.get("kind") if isinstance(c, dict) else None for c in contacts]
            j = kinds.index(contact["kind"]) if contact["kind"] in kinds else len(contacts) - 1
            item_line, item_col = doc.value_marks[(*seq_loc, j)]
            opening = _item_start(lines, item_line, item_col)
            if opening is None:
                msg = f"não consegui localizar o contato de {name} para atualizar: edite o arquivo à mão"
                raise KitError(Problem(MUNICIPALITIES_FILE, item_line, item_col, msg))
            first, dash_col = opening
            end = _last_line(doc, lines, (*seq_loc, j), item_line)
            if contact["kind"] in kinds:
                last_had_break = YAML_BREAK.search(lines[end - 1]) is not None
                new = _block(item, dash_col, eol)
                if not last_had_break:
                    new[-1] = new[-1].removesuffix(eol)
                lines[first - 1 : end] = new
                expected["municipalities"][index]["contacts"][j] = contact
            else:
                lines, _ = _ensure_break(lines, end, eol)
                lines[end:end] = _block(item, dash_col, eol)
                expected["municipalities"][index]["contacts"].append(contact)
    new_text = "".join(lines)
    _same_data(new_text, MUNICIPALITIES_FILE, expected)
    return new_text


def _ensure_break(lines: list[str], end: int, eol: str) -> tuple[list[str], bool]:
    """Make sure line `end` ends with a line break before lines are inserted after it."""
    if end and YAML_BREAK.search(lines[end - 1]) is None:
        lines[end - 1] += eol
        return lines, True
    return lines, False


def new_from_issue(root: Path, issue: Path) -> int:
    """Write the files a submitted issue form asks for: a new campaign or updated contacts."""
    files = from_issue(root, issue, issue.as_posix())
    for rel, data in sorted(files.items()):
        verb = "atualizado" if (root / rel).exists() else "criado"
        write_atomic(root / rel, data)
        print(f"{verb}: {rel}")
    return 0
