"""Command line: check, schema, build, serve, new. User errors exit 1, usage errors exit 2.

Each command imports the stages it runs when it runs (as mkdocs' command line does), so `check` never loads the
build's site and drawing code, and a build with nothing to do loads nothing but its content key.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from cimpskit.core.errors import KitError, UsageError
from cimpskit.core.report import default_style, report
from cimpskit.produce import stamp
from cimpskit.produce.options import DEFAULT_OUT, BuildOptions

# argparse's own messages, in the language of the people who run the kit.
ARGPARSE_PT = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opções",
    "show this help message and exit": "mostra esta ajuda e sai",
    "unrecognized arguments: %s": "opção desconhecida: %s",
    "the following arguments are required: %s": "faltam os argumentos: %s",
    "expected one argument": "espera um valor",
    "invalid choice: %(value)r (choose from %(choices)s)": "opção inválida: %(value)r (escolha entre %(choices)s)",
    "invalid %(type)s value: %(value)r": "valor inválido: %(value)r",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "opção ambígua: %(option)s (pode ser %(matches)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: erro: %(message)s\n",
}
argparse._ = lambda text: ARGPARSE_PT.get(text, text)  # type: ignore[attr-defined]  # argparse's gettext hook


def _root() -> Path:
    """Return the repository root (the folder holding build_assets.py)."""
    return Path(__file__).resolve().parent.parent


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every input and lay out every piece (no pixels); report all problems."""
    from cimpskit.inputs.validate import check_project
    from cimpskit.layout.preflight import project_problems
    from cimpskit.produce import printorder

    project, problems = check_project(args.root)
    problems = sorted(set(problems + project_problems(project, problems)))
    status = report(problems, args.strict, args.format)
    if status == 0:
        print(f"ok: {len(project.campaigns)} campanha(s) válidas")
        for line in printorder.check_report(project):
            print(line)
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas used by editors for autocomplete and the issue forms made from the brand data."""
    from cimpskit.core.writer import write_tree
    from cimpskit.inputs.schema import schema_files
    from cimpskit.intake.forms import form_files, load_brand

    changed = write_tree(args.root, schema_files() | form_files(load_brand(args.root)))
    print(f"esquemas atualizados: {len(changed)}")
    return 0


def build_options(args: argparse.Namespace) -> BuildOptions:
    """Gather the build's command-line options into one value."""
    if args.jobs < 0:
        raise UsageError("--jobs deve ser 0 (todos os núcleos) ou mais")
    today = dt.date.today()
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            raise UsageError(f"--today deve ser uma data AAAA-MM-DD: '{args.today}'") from None
    return BuildOptions(
        out=args.out,
        campaign=args.campaign,
        municipality=args.municipality,
        drafts=args.drafts,
        force=args.force,
        strict=args.strict,
        jobs=args.jobs,
        videos=not args.no_videos,
        style=args.format,
        today=today,
    )


def _counts_line(rendered: int, reused: int, bundles: int, fichas: int, removed: int) -> str:
    """Return the build's summary line of what it made and reused."""
    return (
        f"peças: {rendered} geradas, {reused} reaproveitadas; pacotes ZIP: {bundles} atualizados; "
        f"fichas técnicas: {fichas} atualizadas; arquivos removidos: {removed}"
    )


def cmd_build(args: argparse.Namespace) -> int:
    """Validate, then render every asset and generated page, and print a summary (or, when nothing changed since
    the last build and its files are all there, say what it said)."""
    opts = build_options(args)
    build_key = stamp.key(args.root, opts)
    last = stamp.unchanged(args.root, opts, build_key)
    if last is not None:
        for found in last.reports:
            report(found, opts.strict, opts.style)
        print(_counts_line(0, last.pieces, 0, 0, 0), *last.summary, sep="\n", file=sys.stderr)
        return 0
    from cimpskit.app import build
    from cimpskit.inputs.validate import check_project
    from cimpskit.layout.preflight import aggregate
    from cimpskit.produce import pending

    stamp.forget(args.root)
    project, problems = check_project(args.root)
    if report(problems, opts.strict, opts.style):
        return 1
    result, warned = build(project, opts)
    laid_out = aggregate(project, warned)
    if report(laid_out, opts.strict, opts.style):
        return 1
    c = result.counts
    summary = [pending.summary(pending.board(project, opts.today))]
    print(_counts_line(c.rendered, c.reused, c.bundles, c.fichas, c.removed), *summary, sep="\n", file=sys.stderr)
    pieces = c.rendered + c.reused
    # Keyed on the inputs as the build leaves them: it records print versions in atas/historico-impressos.json.
    after = stamp.key(args.root, opts)
    stamp.save(args.root, stamp.Stamp(after, result.outputs, [problems, laid_out], pieces, summary))
    return 0


def cmd_sheet(args: argparse.Namespace) -> int:
    """Write the contact sheet of one campaign: every format × municipality in one labelled image."""
    from cimpskit.core.writer import write_atomic
    from cimpskit.inputs.validate import check_project
    from cimpskit.render.raster import encode
    from cimpskit.render.sheet import contact_sheet

    project, problems = check_project(args.root)
    if report(problems, False, args.format):
        return 1
    if args.campaign not in {c.model.slug for c in project.campaigns}:
        known = ", ".join(sorted(c.model.slug for c in project.campaigns))
        raise UsageError(f"campanha '{args.campaign}' não existe em campaigns/ (campanhas: {known})")
    out = args.out or Path(f"folha-{args.campaign}.png")
    write_atomic(out, encode(contact_sheet(project, args.campaign), "png"))
    print(f"folha de contato: {out}")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """Compare this build with the base branch's: changed pieces, check results, pending items, contact sheets."""
    from cimpskit.core.writer import write_atomic
    from cimpskit.inputs.validate import check_project
    from cimpskit.intake.review import compare, summary
    from cimpskit.layout.preflight import project_problems
    from cimpskit.produce.cache import load_manifest
    from cimpskit.render.raster import encode
    from cimpskit.render.sheet import contact_sheet

    project, problems = check_project(args.root)
    problems = sorted(set(problems + project_problems(project, problems)))
    head = load_manifest(args.out or args.root / DEFAULT_OUT)
    changes = compare(load_manifest(args.base), head)
    sheets = {}
    if args.sheets:
        known = {c.model.slug for c in project.campaigns}
        for slug in changes.campaigns:
            if slug in known:
                path = args.sheets / f"folha-{slug}.png"
                write_atomic(path, encode(contact_sheet(project, slug), "png"))
                sheets[slug] = path.name
    text = summary(project, changes, problems, dt.date.today(), sheets)
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(text)
    else:
        print(text, end="")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a live preview of the site."""
    from cimpskit.intake.serve import serve

    return serve(args.root, args.drafts, args.address)


def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold a new campaign file, write what a submitted issue form asks for, or start next year's round."""
    from cimpskit.intake.issue_form import new_from_issue
    from cimpskit.intake.nextyear import new_round
    from cimpskit.intake.scaffold import new_campaign

    if args.next_year:
        if args.title or args.start or args.end or args.slug or args.from_issue:
            raise UsageError("--next-year não se combina com nome, --start, --end, --slug ou --from-issue")
        return new_round(args.root, args.year)
    if args.year is not None:
        raise UsageError("--year só vale com --next-year")
    if args.from_issue:
        if args.title or args.start or args.end or args.slug:
            raise UsageError("--from-issue não se combina com nome, --start, --end ou --slug")
        return new_from_issue(args.root, args.from_issue)
    if not (args.title and args.start and args.end):
        raise UsageError("informe o nome, --start e --end (ou --from-issue ARQUIVO)")
    return new_campaign(args.root, args.title, args.start, args.end, args.slug)


def _format_option(p: argparse.ArgumentParser) -> None:
    """Add --format (plain messages, or GitHub annotations; GitHub Actions picks the latter by itself)."""
    p.add_argument(
        "--format",
        choices=("text", "github"),
        default=default_style(),
        help="text: arquivo:linha:coluna: mensagem (padrão); github: anotações do GitHub Actions",
    )


def parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    p = argparse.ArgumentParser(prog="build_assets.py", description="Kit de campanhas do CIMPS")
    p.add_argument("--root", type=Path, default=_root(), help=argparse.SUPPRESS)
    p.add_argument("-v", "--verbose", action="store_true", help="mostra detalhes")
    sub = p.add_subparsers(dest="command", required=True, metavar="comando")
    check = sub.add_parser("check", help="confere marca e campanhas e monta cada peça sem gerar arquivos")
    check.add_argument("--strict", action="store_true", help="avisos também falham")
    _format_option(check)
    check.set_defaults(func=cmd_check)
    schema = sub.add_parser("schema", help="gera os esquemas JSON e os formulários de pedido")
    schema.set_defaults(func=cmd_schema)
    build = sub.add_parser("build", help="gera as peças e as páginas do site")
    build.add_argument("--campaign", help="só esta campanha (slug)")
    build.add_argument("--municipality", help="só este município (slug)")
    build.add_argument("--jobs", type=int, default=0, help="processos em paralelo (padrão: todos os núcleos)")
    build.add_argument("--drafts", action="store_true", help="inclui rascunhos, com marca RASCUNHO")
    build.add_argument("--force", action="store_true", help="ignora o cache e refaz tudo")
    build.add_argument(
        "--sem-videos", dest="no_videos", action="store_true", help="não gera os vídeos (prévia mais rápida das peças)"
    )
    build.add_argument("--strict", action="store_true", help="avisos também falham")
    build.add_argument("--out", type=Path, default=None, help="pasta de saída (padrão: docs/downloads)")
    build.add_argument("--today", default=None, help="data do quadro de pendências, AAAA-MM-DD (padrão: hoje)")
    _format_option(build)
    build.set_defaults(func=cmd_build)
    sheet = sub.add_parser("sheet", help="folha de contato: todas as peças de uma campanha numa imagem")
    sheet.add_argument("--campaign", required=True, help="a campanha (slug)")
    sheet.add_argument("--out", type=Path, default=None, help="arquivo PNG (padrão: folha-<campanha>.png)")
    _format_option(sheet)
    sheet.set_defaults(func=cmd_sheet)
    review = sub.add_parser("review", help="compara esta versão com a de base (para pull requests)")
    review.add_argument("--base", type=Path, required=True, help="pasta de saída da versão de base")
    review.add_argument("--out", type=Path, default=None, help="pasta de saída desta versão (padrão: docs/downloads)")
    review.add_argument("--sheets", type=Path, default=None, help="pasta para as folhas de contato das campanhas")
    review.add_argument("--summary", default=None, help="arquivo Markdown ao qual acrescentar o resumo")
    review.set_defaults(func=cmd_review)
    serve = sub.add_parser("serve", help="prévia ao vivo do site (gera de novo a cada mudança)")
    serve.add_argument("--drafts", action="store_true", help="inclui rascunhos na prévia")
    serve.add_argument("--address", default="127.0.0.1:8000", help="endereço do servidor")
    serve.set_defaults(func=cmd_serve)
    new = sub.add_parser("new", help="cria o arquivo de uma nova campanha")
    new.add_argument("title", nargs="?", help="nome da campanha")
    new.add_argument("--start", help="início (AAAA-MM-DD)")
    new.add_argument("--end", help="fim (AAAA-MM-DD)")
    new.add_argument("--slug", help="identificador (padrão: a partir do nome)")
    new.add_argument("--from-issue", type=Path, metavar="ARQUIVO", help="pedido feito por formulário do GitHub")
    new.add_argument(
        "--next-year",
        action="store_true",
        help="cria os rascunhos do próximo ano a partir das campanhas aprovadas que se repetem (recurs: true)",
    )
    new.add_argument("--year", type=int, metavar="ANO", help="com --next-year: ano de origem (padrão: o mais recente)")
    new.set_defaults(func=cmd_new, usage_error=new.error)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    try:
        return args.func(args)
    except KitError as exc:
        return report(exc.problems, strict=False, style=getattr(args, "format", "text")) or 1
    except UsageError as exc:
        print(f"build_assets.py {args.command}: erro: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrompido", file=sys.stderr)
        return 130
