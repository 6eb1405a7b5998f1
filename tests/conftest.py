"""Shared fixtures: the command line in-process, the kit built once (shared read only) and its site in Chromium."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sites import ARGS, CHROMIUM, TODAY, Built, build_project, publish, serve

from cimpskit.app import build
from cimpskit.cli import main
from cimpskit.inputs.validate import check_project
from cimpskit.produce.context import Context
from cimpskit.produce.options import BuildOptions
from cimpskit.site import pages


@pytest.fixture
def run(capsys):
    """Run the command line in-process and return (status, stdout, stderr)."""

    def _run(*args: str):
        status = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err

    return _run


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """The kit with its assets and generated pages, built once for every test that only reads them."""
    return build_project(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def project_root(built) -> Path:
    """The root of the shared built kit (read only: a test that changes it takes `built_copy`)."""
    return built.root


@pytest.fixture
def built_copy(built, tmp_path) -> Path:
    """A private copy of the shared built kit, for a test that changes it."""
    return shutil.copytree(built.root, tmp_path / "kit", symlinks=True)


@pytest.fixture(scope="session")
def rendered(project_root):
    """Render the generated pages of the shared build for any day, in memory (the build itself made once, for TODAY)."""
    project, _ = check_project(project_root)
    result, _ = build(project, BuildOptions(jobs=2, today=dt.date.fromisoformat(TODAY)))
    return lambda day: pages.files(Context(project, result, dt.date.fromisoformat(day)))


@pytest.fixture(scope="session")
def site(project_root) -> Path:
    """The site as MkDocs + Material publishes it."""
    return publish(project_root, "mkdocs")


@pytest.fixture(scope="session")
def zensical_site(project_root) -> Path:
    """The same docs/ as Zensical publishes it."""
    return publish(project_root, "zensical")


@pytest.fixture(scope="session")
def server(site):
    """Serve the MkDocs build."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def zensical_server(zensical_site):
    """Serve the Zensical build."""
    with serve(zensical_site) as url:
        yield url


@pytest.fixture(scope="session")
def servers(server, zensical_server) -> dict[str, str]:
    """Both builds' base URLs by engine."""
    return {"mkdocs": server, "zensical": zensical_server}


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """Open a fresh page."""
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()
