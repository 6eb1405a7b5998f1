"""The check and schema commands on the shipped data and on edited copies."""

from __future__ import annotations

import re
import subprocess
import sys
import tracemalloc

from helpers import REPO, make_project

from cimpskit.core.errors import KitError
from cimpskit.inputs import sources
from cimpskit.inputs.schema import schema_files
from cimpskit.inputs.validate import check_project


def test_shipped_data_passes_check(run):
    status, out, err = run("check")
    assert (status, err) == (0, "")
    assert out.splitlines()[0] == "ok: 8 campanha(s) válidas"


def test_check_lists_what_is_missing_before_the_print_order_goes_out(run):
    status, out, _ = run("check")
    lines = out.splitlines()
    assert status == 0
    assert lines[1] == (
        "pedido à gráfica 2026: 0 de 64 linha(s) prontas; faltam 77 dado(s) antes de enviar (não é erro: nunca "
        "invente um dado; preencha quando for confirmado):"
    )
    assert all(re.match(r"^[a-z/\-0-9]+\.yml:\d+:\d+: pendente: [^:]+: ", line) for line in lines[2:]), lines
    for expected in (
        "atas/impressos-2026.yml:12:15: pendente: CIMPS (consórcio): número da ata de registro de preços",
        "atas/impressos-2026.yml:17:11: pendente: CIMPS (consórcio): CNPJ da gráfica registrada na ata",
        "atas/impressos-2026.yml:38:13: pendente: Jarinu (Secretaria Municipal de Assistência Social): número da "
        "nota de empenho",
        "campaigns/maio-laranja-2026.yml:97:5: pendente: Nazaré Paulista (Secretaria Municipal de Assistência "
        "Social): quantidade de Cartaz A4 (Maio Laranja 2026)",
        "campaigns/maio-laranja-2026.yml:89:5: pendente: CIMPS (consórcio): quantidade de Cartaz A3 (Maio Laranja "
        "2026)",
        "brand/brand.yml:219:9: pendente: CIMPS (consórcio): CNPJ do órgão comprador",
    ):
        assert expected in lines, expected
    assert len(lines) == 2 + 77


def test_shipped_municipalities_match_census_facts():
    project, _ = check_project(REPO)
    got = {(m.slug, m.name, m.population, m.ibge) for m in project.municipalities.model.municipalities}
    assert got == {
        ("bom-jesus-dos-perdoes", "Bom Jesus dos Perdões", 21942, "3507100"),
        ("campo-limpo-paulista", "Campo Limpo Paulista", 77632, "3509601"),
        ("itupeva", "Itupeva", 70616, "3524006"),
        ("jarinu", "Jarinu", 37535, "3525201"),
        ("louveira", "Louveira", 51833, "3527306"),
        ("nazare-paulista", "Nazaré Paulista", 18217, "3532405"),
        ("vinhedo", "Vinhedo", 76663, "3556701"),
    }


def test_shipped_contacts_are_unverified_placeholders():
    project, _ = check_project(REPO)
    contacts = [c for m in project.municipalities.model.municipalities for c in m.contacts]
    assert len(contacts) == 28
    assert all(not c.verified and c.phone is None and c.address is None for c in contacts)


def test_shipped_campaigns_cover_2026_and_draft_2027():
    project, _ = check_project(REPO)
    campaigns = {c.model.slug: c.model for c in project.campaigns}
    assert len(campaigns) >= 5
    assert all(c.period.start.year == 2026 for c in campaigns.values() if c.status == "approved")
    drafts = sorted(slug for slug, c in campaigns.items() if c.period.start.year == 2027)
    assert drafts == ["atendimento-domicilio-2027", "maio-laranja-2027", "trabalho-infantil-2027"]
    assert all(campaigns[s].status == "draft" and campaigns[s].approval is None for s in drafts)
    maio = campaigns["maio-laranja-2026"]
    assert maio.status == "approved" and maio.approval.meeting == "ct-2026-02-10"
    assert maio.hotline.number == "100"
    assert [k.value for k in maio.contacts] == ["conselho-tutelar", "creas"]


def test_strict_makes_warnings_fatal(tmp_path, run):
    root = make_project(tmp_path, overlay=REPO / "tests/broken/warnings")
    assert run("--root", root, "check")[0] == 0
    assert run("--root", root, "check", "--strict")[0] == 1


def test_errors_in_several_files_are_all_reported(tmp_path, run):
    root = make_project(
        tmp_path,
        {
            "brand/brand.yml": (REPO / "brand/brand.yml").read_text().replace('hex: "#F28C28"', "hex: laranja"),
            "calendar/meetings.yml": "meetings: [{id: x, date: 2026-13-01, title: Reunião}]\n",
        },
    )
    status, _, err = run("--root", root, "check")
    brand = (REPO / "brand/brand.yml").read_text()
    line = brand[: brand.index('hex: "#F28C28"')].count("\n") + 1
    assert status == 1
    assert err.splitlines() == [
        f"brand/brand.yml:{line}:10: 'palette[0].hex' deve ser uma cor hexadecimal como #F28C28",
        "calendar/meetings.yml:1:26: 'meetings[0].date' deve ser uma data no formato AAAA-MM-DD",
        "2 erro(s), 0 aviso(s)",
    ]


def test_missing_brand_file_is_reported(tmp_path, run):
    root = make_project(tmp_path, {"brand/formats.yml": None})
    status, _, err = run("--root", root, "check")
    assert status == 1
    assert err.splitlines() == ["brand/formats.yml:1:1: arquivo obrigatório não encontrado", "1 erro(s), 0 aviso(s)"]


def test_alias_bomb_is_rejected_with_bounded_memory():
    tracemalloc.start()
    try:
        sources.load(REPO / "tests/broken/alias-bomb/campaigns/maio-laranja-2026.yml", REPO)
    except KitError as exc:
        assert "aliases YAML" in str(exc)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 2_000_000


def test_real_process_exit_codes_and_no_traceback(tmp_path):
    root = make_project(tmp_path, overlay=REPO / "tests/broken/unknown-references")
    cmd = [sys.executable, str(REPO / "build_assets.py"), "--root", str(root), "check"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("4 erro(s), 0 aviso(s)\n")
    usage = subprocess.run([*cmd, "--nope"], capture_output=True, text=True)
    assert usage.returncode == 2
    assert usage.stderr.endswith("build_assets.py: erro: opção desconhecida: --nope\n")


def test_committed_schemas_are_current():
    for rel, data in schema_files().items():
        assert (REPO / rel).read_bytes() == data, f"{rel} is stale: run build_assets.py schema"


def test_campaign_files_carry_the_schema_modeline():
    for path in sorted((REPO / "campaigns").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/campaign.schema.json", path.name


def test_schema_forbids_unknown_keys_and_describes_fields():
    campaign = next(v for k, v in schema_files().items() if k.endswith("campaign.schema.json"))
    assert b'"additionalProperties": false' in campaign
    assert "Título principal, curto.".encode() in campaign


def test_campaign_linked_from_outside_the_repository_is_refused(tmp_path, run):
    root = make_project(tmp_path / "proj")
    secret = tmp_path / "outside.yml"
    secret.write_text((REPO / "campaigns/maio-laranja-2026.yml").read_text())
    (root / "campaigns/segredo.yml").symlink_to(secret)
    (root / "campaigns/senhas.yml").symlink_to("/etc/passwd")
    status, _, err = run("--root", root, "check")
    link = "o arquivo é um link para fora do repositório: copie o conteúdo para dentro do repositório"
    assert (status, err.splitlines()) == (
        1,
        [f"campaigns/segredo.yml:1:1: {link}", f"campaigns/senhas.yml:1:1: {link}", "2 erro(s), 0 aviso(s)"],
    )


def test_github_format_prints_workflow_annotations(tmp_path, run):
    root = make_project(tmp_path, overlay=REPO / "tests/broken/warnings")
    status, _, err = run("--root", root, "check", "--format", "github")
    assert status == 0
    assert err.splitlines() == [
        "::warning file=campaigns/maio-laranja-2026.yml,line=17,col=13::o campo 'texts.headline' usa o termo 'gestão': "
        "comunicação pública não pode promover autoridades (Constituição, art. 37 §1)",
        "::warning file=campaigns/maio-laranja-2026.yml,line=17,col=13::o campo 'texts.headline' usa o termo "
        "'prefeito': comunicação pública não pode promover autoridades (Constituição, art. 37 §1)",
        "::warning file=campaigns/maio-laranja-2026.yml,line=43,col=1::chave desconhecida 'tema'",
        "0 erro(s), 3 aviso(s)",
    ]


def test_github_format_is_the_default_inside_github_actions(tmp_path, monkeypatch):
    root = make_project(tmp_path, overlay=REPO / "tests/broken/unknown-meeting")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    cmd = [sys.executable, str(REPO / "build_assets.py"), "--root", str(root), "check"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == (
        "::error file=campaigns/maio-laranja-2026.yml,line=9,col=12::"
        "reunião 'ct-2026-02-11' não existe em calendar/meetings.yml\n1 erro(s), 0 aviso(s)\n"
    )


def test_annotation_escapes_newlines_percent_and_commas():
    from cimpskit.core.errors import Problem
    from cimpskit.core.report import annotation

    problem = Problem("campaigns/a,b.yml", 3, 4, "50% do texto\nnão cabe")
    assert annotation(problem) == "::error file=campaigns/a%2Cb.yml,line=3,col=4::50%25 do texto%0Anão cabe"
