"""Shared fixtures: the built-in catalog and demo clinic, rendered documents, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# Reproducible dates on the page, so byte-identical comparisons hold across midnight.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1790000000")


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
