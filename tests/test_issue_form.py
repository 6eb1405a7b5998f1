"""Issue forms made from the brand data, and the parser that turns a submitted form into files."""

from __future__ import annotations

import datetime as dt
import difflib
import re

import pytest
import yaml
from helpers import REPO, make_project

from cimpskit.core.errors import KitError
from cimpskit.inputs import model, sources
from cimpskit.intake.forms import FORMS, NEW_CAMPAIGN, form_files, load_brand
from cimpskit.intake.issue_form import from_issue, one_line
from cimpskit.intake.scaffold import campaign_slug

SAMPLES = REPO / "tests/issue-forms"
BROKEN = sorted(p for p in (SAMPLES / "broken").iterdir() if p.is_dir())
MUNICIPALITIES = "brand/municipalities.yml"

JARINU_CRAS_OLD = """\
      - kind: cras
        name: CRAS de Jarinu
        phone: null
        address: null
        hours: null
        verification: null
"""

JARINU_CRAS_NEW = [
    '+        name: "CRAS de Jarinu"',
    '+        phone: "(11) 0000-1111"',
    "+        whatsapp: null",
    '+        email: "cras@exemplo.sp.gov.br"',
    '+        address: "Rua Exemplo, 100 – Centro"',
    '+        hours: "Segunda a sexta, das 8h às 17h"',
    "+        verification:",
    "+          date: 2026-11-20",
    '+          source: "E-mail da Secretaria Municipal de Assistência Social"',
]


def _line(text: str, needle: str) -> int:
    """Return the 1-based line number where needle starts in text."""
    return text[: text.index(needle)].count("\n") + 1


def _section(body: str, label: str, value: str) -> str:
    """Replace the answer under '### label' in an issue body."""
    pattern = re.compile(rf"(### {re.escape(label)}\n\n)(.*?)(?=\n\n### |\Z)", re.S)
    assert pattern.search(body), label
    return pattern.sub(lambda m: m.group(1) + value, body, count=1)


def _diff(old: str, new: str) -> list[str]:
    """Return the changed lines between two texts, without context."""
    return list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0))[2:]


def _contact_update(root, municipalities: str, issue: str = "atualizar-contatos.md") -> str:
    """Write a municipalities file into a project, apply a contacts request and return the new text."""
    (root / MUNICIPALITIES).write_bytes(municipalities.encode())
    files = from_issue(root, SAMPLES / issue, "issue.md")
    assert list(files) == [MUNICIPALITIES]
    return files[MUNICIPALITIES].decode()


def test_committed_forms_are_current():
    for rel, data in form_files(load_brand(REPO)).items():
        assert (REPO / rel).read_bytes() == data, f"{rel} is stale: run build_assets.py schema"


def test_forms_follow_the_brand_data(tmp_path):
    formats = (REPO / "brand/formats.yml").read_text()
    formats += "  - name: postal\n    label: Cartão-postal\n    medium: screen\n    unit: px\n"
    formats += "    width: 1080\n    height: 720\n    safe_margin: 60\n    min_text: 28\n"
    brand = (REPO / "brand/brand.yml").read_text()
    rosa = '  - name: rosa\n    label: Rosa\n    role: Teste\n    hex: "#C2185B"\n    cmyk: [0, 90, 30, 10]\n'
    brand = brand.replace("\ntypography:", rosa + "\ntypography:")
    root = make_project(tmp_path, {"brand/formats.yml": formats, "brand/brand.yml": brand})
    form = yaml.safe_load(form_files(load_brand(root))[".github/ISSUE_TEMPLATE/nova-campanha.yml"])
    elements = {e.get("id"): e["attributes"] for e in form["body"]}
    assert elements["formatos"]["options"][-1] == {"label": "Cartão-postal"}
    assert elements["cor-fundo"]["options"][-1] == "rosa"
    palette = next(e for e in form["body"] if e["type"] == "markdown" and "| Nome |" in e["attributes"]["value"])
    assert "| rosa | Rosa | `#C2185B` | Teste |\n" in palette["attributes"]["value"]


def test_forms_keep_the_rules_github_and_the_parser_rely_on():
    files = form_files(load_brand(REPO))
    seen_labels: set[str] = set()
    for form in FORMS:
        data = yaml.safe_load(files[f".github/ISSUE_TEMPLATE/{form.file}"])
        assert len(data["name"]) > 3
        answers = [e for e in data["body"] if e["type"] != "markdown"]
        ids = [e["id"] for e in answers]
        labels = [e["attributes"]["label"] for e in answers]
        assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids) and len(set(ids)) == len(ids)
        assert len(set(labels)) == len(labels) and not seen_labels & set(labels)
        seen_labels |= set(labels)
        for element in answers:
            options = element["attributes"].get("options", [])
            texts = [o["label"] if isinstance(o, dict) else o for o in options]
            assert len(set(texts)) == len(texts) and all(texts)
            if "default" in element["attributes"]:
                assert 0 <= element["attributes"]["default"] < len(options)
    config = yaml.safe_load(files[".github/ISSUE_TEMPLATE/config.yml"])
    assert config["blank_issues_enabled"] is False
    assert config["contact_links"][0]["url"] == "https://cimps-sp.github.io/kit-campanhas/"


def test_campaign_slug_does_not_double_the_year():
    assert campaign_slug("Agosto Lilás 2027", dt.date(2027, 8, 1)) == "agosto-lilas-2027"
    assert campaign_slug("Junho Violeta", dt.date(2026, 6, 1)) == "junho-violeta-2026"
    assert campaign_slug("12 de Junho — Chega!", dt.date(2026, 6, 1)) == "12-de-junho-chega-2026"
    assert campaign_slug("¡¿", dt.date(2026, 6, 1)) == "2026"


def test_campaign_request_makes_a_draft_that_passes_check(tmp_path, run):
    root = make_project(tmp_path)
    status, out, err = run("--root", root, "new", "--from-issue", SAMPLES / "nova-campanha.md")
    assert (status, out, err) == (0, "criado: campaigns/agosto-lilas-2027.yml\n", "")
    text = (root / "campaigns/agosto-lilas-2027.yml").read_text()
    assert text == (SAMPLES / "nova-campanha.expected.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/campaign.schema.json\n")
    status, out, err = run("--root", root, "check")
    assert (status, out.splitlines()[0], err) == (0, "ok: 9 campanha(s) válidas", "")


def test_the_same_campaign_approved_passes_check(tmp_path, run):
    root = make_project(tmp_path)
    run("--root", root, "new", "--from-issue", SAMPLES / "nova-campanha.md")
    path = root / "campaigns/agosto-lilas-2027.yml"
    draft = "status: draft\n# approval:\n#   meeting: ID-DA-REUNIAO\n"
    approved = "status: approved\napproval:\n  meeting: ct-2026-12-08\n"
    assert draft in path.read_text()
    path.write_text(path.read_text().replace(draft, approved))
    status, out, err = run("--root", root, "check")
    assert (status, out.splitlines()[0], err) == (0, "ok: 9 campanha(s) válidas", "")
    campaign = model.Campaign.model_validate(sources.load(path, root).data)
    assert (campaign.status, campaign.approval.meeting) == ("approved", "ct-2026-12-08")


def test_new_from_issue_refuses_to_overwrite_a_campaign(tmp_path, run):
    root = make_project(tmp_path)
    issue = _section((SAMPLES / "nova-campanha.md").read_text(), "Nome da campanha", "Maio Laranja")
    issue = _section(issue, "Primeiro dia (AAAA-MM-DD)", "2026-05-01")
    (tmp_path / "pedido.md").write_text(issue)
    status, out, err = run("--root", root, "new", "--from-issue", tmp_path / "pedido.md")
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        f"{(tmp_path / 'pedido.md').as_posix()}:3:1: a campanha campaigns/maio-laranja-2026.yml já existe: "
        "mude o nome da campanha no pedido",
        "1 erro(s), 0 aviso(s)",
    ]


def test_windows_line_endings_give_the_same_campaign(tmp_path):
    body = (SAMPLES / "nova-campanha.md").read_text().replace("\n", "\r\n")
    (tmp_path / "issue.md").write_bytes(body.encode())
    files = from_issue(REPO, tmp_path / "issue.md", "issue.md")
    assert files == {"campaigns/agosto-lilas-2027.yml": (SAMPLES / "nova-campanha.expected.yml").read_bytes()}


def test_hostile_text_is_quoted_safely(tmp_path, run):
    hostile = {
        "Nome da campanha": 'Campanha: "Teste" #1 & *x !tag {a} [b] % @ `c`',
        "Objetivo da campanha": "yes",
        "Título das peças": "- null: #não é comentário",
        "Texto de apoio": "chave: valor # nada \\ barra | > ---\n... 'aspas' \x07sino\u2028linha",
        "Chamada para ação": '"Ligue": 180 #já',
        "Canal de atendimento: observação": "[1, 2]",
        "Datas de destaque": "2027-08-07: &ancora *alias: {x: y}",
        "Quem aprova e contato": "Pessoa\n# injetada: true\nslug: invasao\u2028status: approved",
    }
    body = (SAMPLES / "nova-campanha.md").read_text()
    for label, value in hostile.items():
        body = _section(body, label, value)
    (tmp_path / "issue.md").write_text(body)
    files = from_issue(REPO, tmp_path / "issue.md", "issue.md")
    [(rel, data)] = files.items()
    assert rel == "campaigns/campanha-teste-1-x-tag-a-b-c-2027.yml"
    campaign = model.Campaign.model_validate(sources.parse(data.decode(), rel).data)
    assert campaign.model_extra == {} and campaign.status == "draft"
    assert campaign.title == hostile["Nome da campanha"]
    assert campaign.purpose == "yes"
    assert campaign.texts.headline == hostile["Título das peças"]
    assert campaign.texts.body == "chave: valor # nada \\ barra | > --- ... 'aspas' sino linha"
    assert campaign.texts.body == one_line(hostile["Texto de apoio"])
    assert campaign.texts.call_to_action == hostile["Chamada para ação"]
    assert campaign.hotline.note == "[1, 2]"
    assert campaign.key_dates[0].label == "&ancora *alias: {x: y}"
    assert "#   Pessoa\n#   # injetada: true\n#   slug: invasao status: approved\nslug: " in data.decode()
    root = make_project(tmp_path / "project", {rel: data})
    assert run("--root", root, "check")[0] == 0


def test_contacts_update_changes_only_that_contact(tmp_path, run):
    root = make_project(tmp_path)
    old = (REPO / MUNICIPALITIES).read_text()
    status, out, err = run("--root", root, "new", "--from-issue", SAMPLES / "atualizar-contatos.md")
    assert (status, out, err) == (0, "atualizado: brand/municipalities.yml\n", "")
    new = (root / MUNICIPALITIES).read_text()
    n = _line(old, "        name: CRAS de Jarinu")
    assert _diff(old, new) == [
        f"@@ -{n},5 +{n},9 @@",
        "-        name: CRAS de Jarinu",
        "-        phone: null",
        "-        address: null",
        "-        hours: null",
        "-        verification: null",
        *JARINU_CRAS_NEW,
    ]
    status, out, err = run("--root", root, "check")
    assert (status, out.splitlines()[0], err) == (0, "ok: 8 campanha(s) válidas", "")


def test_contacts_update_replaces_a_contact_in_the_new_shape(tmp_path):
    root = make_project(tmp_path)
    new_shape = """\
      - kind: cras
        name: CRAS Centro
        phone: "(11) 0000-2222"  # número antigo
        whatsapp: null
        email: null
        address: "Rua Antiga, 1"
        hours: "Segunda a sexta"
        verification:
          date: 2026-01-10
          source: "Telefone da Secretaria"

      # CREAS: aguardando resposta do município
"""
    old = (REPO / MUNICIPALITIES).read_text().replace(JARINU_CRAS_OLD, new_shape)
    new = _contact_update(root, old)
    lines = old.splitlines()
    at = _line(old, "        name: CRAS Centro") - 2
    assert lines[at : at + 10] == new_shape.splitlines()[:10]
    assert new.splitlines() == [
        *lines[:at],
        "      - kind: cras",
        *(line[1:] for line in JARINU_CRAS_NEW),
        *lines[at + 10 :],
    ]
    assert new.splitlines()[at + 10 : at + 12] == ["", "      # CREAS: aguardando resposta do município"]


def test_contacts_update_adds_a_missing_contact(tmp_path):
    root = make_project(tmp_path)
    old = (REPO / MUNICIPALITIES).read_text().replace(JARINU_CRAS_OLD, "")
    new = _contact_update(root, old)
    end = _line(old, "  - slug: louveira") - 1
    assert _diff(old, new) == [
        f"@@ -{end},0 +{end + 1},10 @@",
        "+      - kind: cras",
        *JARINU_CRAS_NEW,
    ]
    assert new.splitlines()[end - 1 : end + 1] == ["        verification: null", "      - kind: cras"]


@pytest.mark.parametrize("contacts", ["    contacts: []\n", ""])
def test_contacts_update_starts_an_empty_list(tmp_path, contacts):
    root = make_project(tmp_path)
    text = (REPO / MUNICIPALITIES).read_text()
    start = text.index("    contacts:\n", text.index("slug: jarinu"))
    end = text.index("  - slug: louveira")
    old = text[:start] + contacts + text[end:]
    new = _contact_update(root, old)
    n = _line(old, "  - slug: louveira")
    header = [f"@@ -{n - 1} +{n - 1},11 @@", "-    contacts: []"] if contacts else [f"@@ -{n - 1},0 +{n},11 @@"]
    assert _diff(old, new) == [*header, "+    contacts:", "+      - kind: cras", *JARINU_CRAS_NEW]


def test_contacts_update_keeps_windows_line_endings(tmp_path):
    root = make_project(tmp_path)
    old = (REPO / MUNICIPALITIES).read_text()
    new = _contact_update(root, old.replace("\n", "\r\n"))
    assert "\n" not in new.replace("\r\n", "")
    assert new.replace("\r\n", "\n") == _contact_update(root, old)


def test_contacts_in_brackets_are_refused(tmp_path):
    root = make_project(tmp_path)
    text = (REPO / MUNICIPALITIES).read_text()
    start = text.index("    contacts:\n", text.index("slug: jarinu"))
    end = text.index("  - slug: louveira")
    old = text[:start] + "    contacts: [{kind: cras, name: CRAS de Jarinu}]\n" + text[end:]
    with pytest.raises(KitError) as exc:
        _contact_update(root, old)
    n = _line(old, "    contacts: [{kind")
    assert [str(p) for p in exc.value.problems] == [
        f"brand/municipalities.yml:{n}:15: os contatos de Jarinu estão entre colchetes [...]: reescreva-os como "
        "lista com '-', um item por contato, para o editor conseguir atualizá-los"
    ]


@pytest.mark.parametrize("case", BROKEN, ids=[p.name for p in BROKEN])
def test_malformed_requests_report_every_problem(tmp_path, run, monkeypatch, case):
    root = make_project(tmp_path)
    monkeypatch.chdir(case)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    status, out, err = run("--root", root, "new", "--from-issue", "issue.md")
    assert (status, out) == (1, "")
    assert err == (case / "expected.txt").read_text()
    assert before == {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_new_usage_errors(tmp_path, run):
    both = "build_assets.py new: erro: --from-issue não se combina com nome, --start, --end ou --slug\n"
    for args, message in (
        ([], "build_assets.py new: erro: informe o nome, --start e --end (ou --from-issue ARQUIVO)\n"),
        (["X", "--from-issue", "a.md"], both),
        (["--start", "2026-01-01", "--from-issue", "a.md"], both),
    ):
        assert run("--root", tmp_path, "new", *args) == (2, "", message)


def test_labels_are_declared_once():
    assert NEW_CAMPAIGN.field("titulo").label == "Nome da campanha"
    assert {f.id for f in NEW_CAMPAIGN.answers} >= {"titulo", "inicio", "fim", "quem-aprova"}
