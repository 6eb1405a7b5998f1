"""Command line: check, schema, build, new. User errors exit 1, usage errors exit 2."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import KitError, Problem, errors_only


def _root() -> Path:
    """Return the repository root (the folder holding build_assets.py)."""
    return Path(__file__).resolve().parent.parent


def report(problems: list[Problem], strict: bool) -> int:
    """Print problems to stderr and return the exit status they imply."""
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = errors_only(problems)
    warnings = len(problems) - len(errors)
    if problems:
        print(f"{len(errors)} erro(s), {warnings} aviso(s)", file=sys.stderr)
    return 1 if errors or (strict and warnings) else 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every input and report all problems."""
    from .validate import check_project

    project, problems = check_project(args.root)
    status = report(problems, args.strict)
    if status == 0:
        print(f"ok: {len(project.campaigns)} campanha(s) válidas")
    return status


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas used by editors for autocomplete and the issue forms made from the brand data."""
    from .forms import form_files, load_brand
    from .schema import schema_files
    from .writer import write_tree

    changed = write_tree(args.root, schema_files() | form_files(load_brand(args.root)))
    print(f"esquemas atualizados: {len(changed)}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Validate, then render every asset and generated page."""
    from .build import run_build

    return run_build(args)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a live preview of the site."""
    from .serve import serve

    return serve(args)


def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold a new campaign file, or write the files a submitted issue form asks for."""
    from .scaffold import new_campaign, new_from_issue

    if args.from_issue:
        if args.title or args.start or args.end or args.slug:
            args.usage_error("--from-issue não se combina com nome, --start, --end ou --slug")
        return new_from_issue(args)
    if not (args.title and args.start and args.end):
        args.usage_error("informe o nome, --start e --end (ou --from-issue ARQUIVO)")
    return new_campaign(args)


def parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    p = argparse.ArgumentParser(prog="build_assets.py", description="Kit de campanhas do CIMPS")
    p.add_argument("--root", type=Path, default=_root(), help=argparse.SUPPRESS)
    p.add_argument("-v", "--verbose", action="store_true", help="mostra detalhes")
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="valida marca e campanhas")
    check.add_argument("--strict", action="store_true", help="avisos também falham")
    check.set_defaults(func=cmd_check)
    schema = sub.add_parser("schema", help="gera os esquemas JSON e os formulários de pedido")
    schema.set_defaults(func=cmd_schema)
    build = sub.add_parser("build", help="gera as peças e as páginas do site")
    build.add_argument("--campaign", help="só esta campanha (slug)")
    build.add_argument("--municipality", help="só este município (slug)")
    build.add_argument("--jobs", type=int, default=0, help="processos em paralelo (padrão: núcleos)")
    build.add_argument("--drafts", action="store_true", help="inclui rascunhos, com marca RASCUNHO")
    build.add_argument("--force", action="store_true", help="ignora o cache e refaz tudo")
    build.add_argument("--strict", action="store_true", help="avisos também falham")
    build.add_argument("--out", type=Path, default=None, help="pasta de saída (padrão: docs/)")
    build.set_defaults(func=cmd_build)
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
    new.set_defaults(func=cmd_new, usage_error=new.error)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    try:
        return args.func(args)
    except KitError as exc:
        return report(exc.problems, strict=False) or 1
    except KeyboardInterrupt:
        print("interrompido", file=sys.stderr)
        return 130
