"""Shared fixtures: the built-in catalog and demo clinic, rendered documents, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# Reproducible dates on the page, so byte-identical comparisons hold across midnight.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1790000000")
# The drawing cache of this test run lives in a folder of its own (never the user's ~/.cache).
os.environ.setdefault("HANDOUTS_CACHE_DIR", tempfile.mkdtemp(prefix="handouts-cache-"))
# A default clinic set in the developer's shell must not change what the tests print.
os.environ.pop("HANDOUTS_CLINIC", None)


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120) -> CliResult:
    """Run the real command line in a subprocess, as a clinic would."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    return run_cli


@pytest.fixture(scope="session")
def catalog():
    from handouts.jobs import load_catalog_dir

    return load_catalog_dir(None)


@pytest.fixture(scope="session")
def demo_job(tmp_path_factory: pytest.TempPathFactory):
    from handouts.jobs import Job

    return Job.load(layout=None, clinic_file=None, catalog_dir=None, lang=None,
                    output_dir=tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="session")
def region_pdfs(demo_job) -> dict[str, bytes]:
    """The three region handouts of the demo clinic with the standard layout, rendered once."""
    from handouts.render.handout import render_region

    ctx = demo_job.context()
    return {region: render_region(ctx, region) for region in ("lower", "mid", "upper")}


@pytest.fixture
def clinic_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo clinic folder."""
    target = tmp_path / "clinic"
    shutil.copytree(ROOT / "assets" / "clinic", target)
    return target / "clinic.yaml"


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in catalog folder."""
    target = tmp_path / "catalog"
    shutil.copytree(ROOT / "assets" / "catalog", target)
    return target


# -- every PDF the test-suite produces is checked: qpdf, embedded fonts, a second renderer -------------

CHECKED_PDFS = {"count": 0}


def _checked(function, label):
    from pdfcheck import validate

    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        data = result[0] if isinstance(result, tuple) else result
        validate(data, label)
        CHECKED_PDFS["count"] += 1
        return result

    return wrapper


@pytest.fixture(scope="session", autouse=True)
def _validate_rendered_pdfs():
    """Wrap the renderers so every document made in-process is validated as it is made."""
    import handouts.render.booklet as booklet
    import handouts.render.imposition as imposition
    import handouts.render.page as page

    patcher = pytest.MonkeyPatch()
    original = page.HandoutDoc.render
    patcher.setattr(page.HandoutDoc, "render", _checked(original, "handout or program"))
    patcher.setattr(booklet, "render_booklet", _checked(booklet.render_booklet, "booklet"))
    patcher.setattr(imposition, "impose", _checked(imposition.impose, "imposed booklet"))
    yield
    patcher.undo()


@pytest.fixture(autouse=True)
def _validate_written_pdfs(tmp_path: Path, request: pytest.FixtureRequest):
    """After each test, every PDF the command line wrote under the test's temporary folder is validated
    (tests that plant fake .pdf files on purpose say so with the no_pdf_check marker)."""
    yield
    if request.node.get_closest_marker("no_pdf_check"):
        return
    from pdfcheck import validate

    for path in tmp_path.rglob("*.pdf"):
        if path.is_file() and not path.is_symlink():
            validate(path.read_bytes(), str(path.name))
            CHECKED_PDFS["count"] += 1
