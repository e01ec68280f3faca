"""The repository as a clinic and a developer meet it: README commands, CI, installed package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines[:2]]


def test_readme_starts_with_the_two_commands():
    install, test = readme_commands()
    assert "pip install" in install and install.endswith("handouts")
    assert "'.[test]'" in test and "pytest" in test


def test_ci_runs_the_readmes_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci
    assert "ruff check" in ci
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_help_does_not_import_reportlab():
    code = "import sys, handouts.cli; handouts.cli.main(['--help'], standalone_mode=False); " \
           "print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")


def test_generate_py_and_module_are_the_same_command(cli):
    result = cli("--help")
    assert result.code == 0
    for command in ("region", "catalog", "illustrations"):
        assert command in result.stdout


INSTALLED = Path(sys.executable).with_name("handouts")


@pytest.mark.skipif(not INSTALLED.exists() or "site-packages" not in str(
    subprocess.run([sys.executable, "-c", "import handouts; print(handouts.__file__)"], cwd="/", capture_output=True,
                   text=True).stdout), reason="runs where the package is installed (as in CI)")
def test_installed_package_runs_from_another_folder(tmp_path):
    """pip install . (not -e): the layouts, catalog and demo clinic travel with the package."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([str(INSTALLED), "region", "upper", "-o", "pdfs"], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "pdfs" / "upper-back.pdf").stat().st_size > 10_000
    shutil.rmtree(tmp_path / "pdfs")
