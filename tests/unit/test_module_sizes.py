"""Every module of the package is at most 400 lines (one concept each: split a module that grows past it)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "handouts"
LIMIT = 400


def test_no_module_is_over_400_lines():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50  # the package was found
    over = {str(p.relative_to(PACKAGE)): n for p in modules if (n := len(p.read_text("utf-8").splitlines())) > LIMIT}
    assert over == {}, f"modules over {LIMIT} lines (split them, one concept each): {over}"
