"""Colours: a layout's own colour wins over the clinic's brand, which tints the built-in layouts
(titles, lines, boxes, figures); every override and adjustment is a note, also from `check`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber

from handouts.colors import contrast_ratio, is_grey, relative_luminance, rgb

from conftest import run_cli


def clinic(folder: Path, brand: str = "#7a1f3d", secondary: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    colors = f'brand: "{brand}"' + (f', secondary: "{secondary}"' if secondary else "")
    (folder / "clinic.yaml").write_text(f"name: Lakeside Physio\ncolors: {{{colors}}}\n", encoding="utf-8")
    return folder


def title_color(pdf: Path) -> tuple[float, ...]:
    with pdfplumber.open(pdf) as doc:
        chars = [c for c in doc.pages[0].chars if c["size"] > 16]
        return tuple(round(v, 3) for v in chars[0]["non_stroking_color"])


def fill_colors(pdf: Path) -> Counter:
    with pdfplumber.open(pdf) as doc:
        return Counter(tuple(round(v, 2) for v in c["non_stroking_color"]) for c in doc.pages[1].curves
                       if c.get("fill") and c.get("non_stroking_color") and len(c["non_stroking_color"]) == 3)


def as_rgb(hex_color: str, digits: int = 3) -> tuple[float, ...]:
    return tuple(round(v, digits) for v in rgb(hex_color))


def test_brand_tints_titles_boxes_and_figures(tmp_path):
    folder = clinic(tmp_path / "c")
    result = run_cli("region", "lower", "-o", "out", cwd=folder)
    assert result.code == 0, result.stderr
    assert "note:" not in result.stderr
    pdf = folder / "out" / "lower-back.pdf"
    assert title_color(pdf) == as_rgb("#7a1f3d")
    # the figure is drawn in a tone of the brand (reddish), not the default blue
    figure = fill_colors(pdf).most_common(1)[0][0]
    assert figure[0] > figure[2], figure


def test_the_palette_keeps_the_layouts_lightness_and_greys_in_print_friendly():
    from handouts.models.clinic import BrandColors, Clinic
    from handouts.models.layout import load_layout
    from handouts.render.context import resolve_palette

    brand = Clinic(name="X", colors=BrandColors(brand="#7a1f3d", secondary="#c08a2e"))
    for name in ("standard", "large-print", "a4", "compact"):
        layout = load_layout(name)
        notes: list[str] = []
        palette = resolve_palette(layout, brand, None, notes)
        for role in ("box", "rule", "figure", "figure_outline"):
            mine, default = getattr(palette, role), getattr(layout.colors, role)
            assert mine != default and abs(relative_luminance(mine) - relative_luminance(default)) < 0.01, (name, role)
        for role in ("accent", "accent2"):
            for ground in (palette.background, palette.box):
                assert contrast_ratio(getattr(palette, role), ground) >= 4.5, (name, role)
        assert contrast_ratio(palette.text, palette.box) >= 4.5
    grey = resolve_palette(load_layout("print-friendly"), brand, None, [])
    assert all(is_grey(value) for value in grey), grey


def test_a_layouts_own_colour_wins_with_a_note(tmp_path):
    folder = clinic(tmp_path / "c")
    (folder / "green.yaml").write_text('extends: standard\ncolors:\n  accent: "#225522"\n', encoding="utf-8")
    result = run_cli("region", "lower", "--layout", "green.yaml", "-o", "out", cwd=folder)
    assert result.code == 0, result.stderr
    assert title_color(folder / "out" / "lower-back.pdf") == as_rgb("#225522")
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: green.yaml:")]
    assert len(notes) == 1 and "colors.accent #225522 wins over the brand colours of clinic.yaml (#7a1f3d)" in notes[0]
    # what the layout does not set still follows the brand
    figure = fill_colors(folder / "out" / "lower-back.pdf").most_common(1)[0][0]
    assert figure[0] > figure[2], figure
    check = run_cli("check", "--layout", "green.yaml", cwd=folder)
    assert check.code == 0 and notes[0] in check.stderr


def test_brand_colours_switched_off_by_a_layout_is_said(tmp_path):
    folder = clinic(tmp_path / "c")
    (folder / "plain.yaml").write_text("extends: standard\nbrand_colors: false\n", encoding="utf-8")
    result = run_cli("region", "lower", "--layout", "plain.yaml", "-o", "out", cwd=folder)
    assert result.code == 0, result.stderr
    assert "note: plain.yaml: brand_colors: false, so the brand colours of clinic.yaml are not used" in result.stderr
    assert title_color(folder / "out" / "lower-back.pdf") == as_rgb("#1d5c85")


def test_check_reports_every_colour_adjustment(tmp_path):
    folder = clinic(tmp_path / "c", brand="#9fd3e6", secondary="#f4a261")
    result = run_cli("check", cwd=folder)
    assert result.code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "too light for text" in line]
    assert len(notes) == 2, result.stderr
    assert any("colors.brand #9fd3e6" in n for n in notes) and any("colors.secondary #f4a261" in n for n in notes)
    printed = run_cli("region", "lower", "-o", "out", cwd=folder)
    assert sorted(n for n in printed.stderr.splitlines() if "too light" in n) == sorted(notes)
