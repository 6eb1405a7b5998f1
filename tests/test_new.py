"""The new command scaffolds a campaign that passes check once its texts are filled in."""

from __future__ import annotations

from helpers import make_project


def test_new_campaign_scaffold_fails_until_texts_are_filled(tmp_path, run):
    root = make_project(tmp_path)
    status, out, _ = run("--root", root, "new", "Junho Violeta", "--start", "2026-06-01", "--end", "2026-06-30")
    assert (status, out) == (0, "criado: campaigns/junho-violeta-2026.yml (preencha os textos e rode `make check`)\n")
    path = root / "campaigns/junho-violeta-2026.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schemas/campaign.schema.json\n")
    status, _, err = run("--root", root, "check")
    assert status == 1
    assert err.splitlines() == [
        "campaigns/junho-violeta-2026.yml:6:10: 'purpose' não pode ficar vazio",
        "campaigns/junho-violeta-2026.yml:18:13: 'texts.headline' não pode ficar vazio",
        "campaigns/junho-violeta-2026.yml:20:9: 'texts.body' não pode ficar vazio",
        "campaigns/junho-violeta-2026.yml:22:19: 'texts.call_to_action' não pode ficar vazio",
        "4 erro(s), 0 aviso(s)",
    ]
    filled = (
        text.replace('purpose: ""', "purpose: Combater a violência contra a pessoa idosa.")
        .replace('headline: ""', "headline: Respeite a pessoa idosa")
        .replace('body: ""', "body: Violência contra a pessoa idosa é crime. Denuncie.")
        .replace('call_to_action: ""', "call_to_action: Ligue 100")
    )
    path.write_text(filled)
    assert run("--root", root, "check")[0] == 0


def test_new_refuses_to_overwrite_and_bad_dates(tmp_path, run):
    root = make_project(tmp_path)
    status, _, err = run("--root", root, "new", "Maio Laranja", "--start", "2026-05-01", "--end", "2026-05-31")
    assert (status, err) == (
        2,
        "build_assets.py new: erro: a campanha já existe em campaigns/maio-laranja-2026.yml: escolha outro --slug\n",
    )
    status, _, err = run("--root", root, "new", "X", "--start", "2026-05-01", "--end", "maio")
    assert (status, err) == (2, "build_assets.py new: erro: --end deve ser uma data AAAA-MM-DD: 'maio'\n")
    dates = ("--start", "2026-05-01", "--end", "2026-05-02")
    status, _, err = run("--root", root, "new", "X", *dates, "--slug", "../evil")
    assert status == 2
    assert err == (
        "build_assets.py new: erro: identificador inválido: '../evil' "
        "(use minúsculas, números e hífens, como maio-laranja-2026)\n"
    )
    assert not (root.parent / "evil.yml").exists()


def test_new_does_not_repeat_a_year_already_in_the_title(tmp_path, run):
    root = make_project(tmp_path)
    status, out, _ = run("--root", root, "new", "Agosto Lilás 2027", "--start", "2027-08-01", "--end", "2027-08-31")
    assert (status, out) == (0, "criado: campaigns/agosto-lilas-2027.yml (preencha os textos e rode `make check`)\n")
    assert 'title: "Agosto Lilás 2027"' in (root / "campaigns/agosto-lilas-2027.yml").read_text()
