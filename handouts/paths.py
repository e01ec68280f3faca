"""Where the built-in layouts, catalog, illustrations and demo clinic live.

In a source checkout they are the top-level ``layouts/`` and ``assets/`` folders; in an installed
wheel the build copies them into the package (see ``pyproject.toml``), so they travel with it.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = PACKAGE / name
    if installed.is_dir():
        return installed
    return PACKAGE.parent / name  # source checkout


BUILTIN_LAYOUTS = _data_dir("layouts")
ASSETS = _data_dir("assets")
BUILTIN_CATALOG = ASSETS / "catalog"
BUILTIN_ILLUSTRATIONS = ASSETS / "illustrations"
DEMO_CLINIC = ASSETS / "clinic" / "clinic.yaml"
SCHEMA_DIR = ASSETS / "schema"
