"""Built-in layouts and clinics' own layouts: each renders, and each keeps its promises on paper."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from pdfcheck import chars, fonts, outside_margins, parse, reader

BUILTIN = ["standard", "a4", "large-print", "compact", "print-friendly", "booklet", "booklet-a5"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Every built-in layout x every region, rendered once for this module."""
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    out: dict[str, dict[str, bytes]] = {}
    for name in BUILTIN:
        job = Job.load(layout=name, clinic_file=None, catalog_dir=None, lang=None,
                       output_dir=tmp_path_factory.mktemp(name))
        ctx = job.context()
        out[name] = {region: render_region(ctx, region) for region in ("lower", "mid", "upper")}
    return out


def layout(name: str):
    from handouts.models.layout import load_layout

    return load_layout(name)


def test_layouts_command_lists_every_builtin_with_a_description(cli):
    result = cli("layouts")
    assert result.code == 0
    for name in BUILTIN:
        line = next((line for line in result.stdout.splitlines() if line.split()[0] == name), None)
        assert line and len(line.split()) > 3, f"{name} has no description"


@pytest.mark.parametrize("name", BUILTIN)
def test_page_size_and_margins_match_the_layout(rendered, name):
    spec = layout(name)
    for region, data in rendered[name].items():
        pdf = reader(data)
        box = pdf.pages[0].mediabox
        assert abs(float(box.width) - spec.page.width) < 0.5 and abs(float(box.height) - spec.page.height) < 0.5
        m = spec.page.margins
        bad = outside_margins(data, m.left, m.right, m.top, m.bottom)
        assert not bad, f"{name}/{region}: {bad[:3]}"
        assert all(fonts(data).values())


@pytest.mark.parametrize("name", BUILTIN)
def test_each_layout_prints_the_booklet(tmp_path, catalog, name):
    from handouts.jobs import Job
    from handouts.render.booklet import render_booklet

    from pdfcheck import all_text

    job = Job.load(layout=name, clinic_file=None, catalog_dir=None, lang=None, output_dir=tmp_path)
    data = render_booklet(job.context(booklet=True))
    spec = layout(name)
    pdf = reader(data)
    assert len(pdf.pages) % 4 == 0
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - spec.page.width) < 0.5 and abs(float(box.height) - spec.page.height) < 0.5
    text = " ".join(all_text(data).split())
    missing = [e.name for e in catalog.exercises.values() if e.name not in text]
    assert not missing, f"{name}: {missing}"
    m = spec.page.margins
    assert not outside_margins(data, m.left, m.right, m.top, m.bottom)


def char_sizes(data: bytes) -> list[float]:
    return [round(c.size, 1) for c in chars(data)]


def test_large_print_text_is_16_point_or_more(rendered):
    """Everything a patient reads on the page is 16 pt or more (the header and footer bands aside)."""
    from handouts.jobs import Job
    from handouts.render.page import geometry

    spec = layout("large-print")
    data = rendered["large-print"]["lower"]
    geo = geometry(Job.load(layout="large-print", clinic_file=None, catalog_dir=None, lang=None, output_dir=ROOT).context())
    top, bottom = geo.height - geo.frame_top, geo.height - geo.frame_bottom
    body = [round(c.size, 1) for c in chars(data) if top < c.top < bottom and not c.text.isdigit()]
    everything = [c.size for c in chars(data)]
    assert min(everything) >= 8
    small = [size for size in body if size < 15.9]
    assert len(small) <= 0.01 * len(body), f"{len(small)} of {len(body)} characters under 16 pt: {sorted(set(small))}"
    assert spec.text.body.size >= 16 and spec.text.title.size >= 20 and spec.text.card_title.size >= 20
    assert spec.cards.per_page == 1


def test_large_print_has_one_exercise_per_page(rendered, catalog):
    from pdfcheck import page_texts

    for text in page_texts(rendered["large-print"]["mid"]):
        flat = " ".join(text.split())
        cards = flat.count("How much")
        assert cards <= 1, f"{cards} exercise cards on one page"


def cards_per_page(data: bytes) -> list[int]:
    from pdfcheck import page_texts

    return [" ".join(text.split()).count("How much") for text in page_texts(data)]


def test_standard_puts_two_cards_on_most_pages(rendered, catalog):
    for region in ("lower", "mid", "upper"):
        count = len(catalog.for_handout(region))
        cards = cards_per_page(rendered["standard"][region])
        assert sum(cards) == count and max(cards) == 2, (region, cards)
        with_cards = sum(1 for n in cards if n)
        # a card that cannot share its page (a long text, a new position group) is the exception
        assert with_cards <= -(-count // 2) + 2, f"{region}: {count} cards on {with_cards} pages: {cards}"


@pytest.mark.parametrize("name", ["standard", "compact", "a4"])
def test_no_page_holds_only_the_notes_lines(rendered, name):
    from pdfcheck import page_texts

    for region in ("lower", "mid", "upper"):
        for number, text in enumerate(page_texts(rendered[name][region]), 1):
            if "Notes" in text:
                assert "How much" in text or "Exercise log" in text, f"{name} {region}: page {number} is only notes"


def _compact_and_standard_pages(rendered) -> dict[str, tuple[int, int]]:
    return {region: (len(reader(rendered["compact"][region]).pages), len(reader(rendered["standard"][region]).pages))
            for region in ("lower", "mid", "upper")}


def test_compact_never_uses_more_pages_than_standard(rendered):
    for region, (compact, standard) in _compact_and_standard_pages(rendered).items():
        assert compact <= standard, f"{region}: compact {compact} pages, standard {standard}"
    assert min(char_sizes(rendered["compact"]["lower"])) >= 8
    assert layout("compact").text.body.size >= 12


# Issue 15: at 12 pt a compact card used to be 231-269 pt tall against the 217 pt of a third of its page, so
# compact printed as many pages as standard (lower 6, mid 6, upper 5). With the dose on a line under the name
# (cards.dose: line), the tick beside it, tighter spacing, and the page's fullest choice of cards, compact
# printed 5, 5 and 4 pages in English (Spanish, whose text is longer: 6, 5, 5), three cards a page where they fit.
# In Liberation Sans (Arial's widths) it prints 5, 4 and 4 (Spanish 5, 5, 4); see tests/test_paper.py.
def test_compact_uses_fewer_pages_than_standard(rendered):
    pages = _compact_and_standard_pages(rendered)
    compact, standard = sum(c for c, _ in pages.values()), sum(s for _, s in pages.values())
    assert compact < standard, f"compact {compact} pages in all, standard {standard}"


def _is_grey(color) -> bool:
    if color is None:
        return True
    values = [float(v) for v in (color if isinstance(color, (list, tuple)) else [color])]
    if len(values) in (1, 2):
        return True
    if len(values) == 3:
        return max(values) - min(values) < 0.02
    if len(values) == 4:  # CMYK: grey when C = M = Y
        return max(values[:3]) - min(values[:3]) < 0.02
    return False


def test_print_friendly_has_only_greys(rendered):
    for region, data in rendered["print-friendly"].items():
        for page in parse(data).pages:
            for char in page.chars:
                assert _is_grey(char.fill), f"{region} p{page.number}: text {char.text!r} in {char.fill}"
            for path in page.paths:
                for colour in (path.fill, path.stroke):
                    assert _is_grey(colour), f"{region} p{page.number}: a line or shape in {colour}"
            for image in page.images:
                assert "RGB" not in image.colour_space, f"{region}: a colour image"


def test_print_friendly_fills_no_backgrounds(rendered):
    """Boxes are outlined, not filled: nothing filled in a grey sits behind text (pictures may be filled)."""
    data = rendered["print-friendly"]["lower"]
    for page in parse(data).pages:
        for shape in page.paths:
            if shape.fill is None or shape.width * shape.height < 150 * 40:
                continue
            behind_text = [c for c in page.chars if c.inside(shape.x0, shape.top, shape.x1, shape.bottom)
                           and not c.text.isdigit()]  # a picture's numbered badges are not body text
            if behind_text:
                assert shape.fill == (1.0,), f"filled background {shape.fill} behind text"


def test_a_clinics_layout_extending_a_builtin_works(tmp_path, cli):
    mine = tmp_path / "our-layout.yaml"
    mine.write_text("extends: a4\ndescription: ours\ntext:\n  body: {size: 13}\ncolors:\n  accent: '#7a1f3d'\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    result = cli("region", "upper", "--layout", str(mine), "-o", str(out))
    assert result.code == 0, result.stderr
    data = (out / "upper-back.pdf").read_bytes()
    box = reader(data).pages[0].mediabox
    assert round(float(box.width)) == 595 and round(float(box.height)) == 842  # A4 from the parent
    assert 13.0 in char_sizes(data)


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        ("text:\n  body: {size: 10}\n", r"bad\.yaml:2: text\.body\.size: 10 pt is under 12 pt"),
        ("page:\n  margins: {left: 0.2in}\n", r"bad\.yaml:2: page\.margins\.left: 0\.20 in is under 0\.25 in"),
        ("colors:\n  text: '#bbbbbb'\n", r"bad\.yaml:2: colors\.text: #bbbbbb on background #ffffff has a contrast of 1\.9:1"),
        ("extends: standrad\n", r"bad\.yaml:1: extends: no built-in layout named 'standrad' \(did you mean 'standard'\?\)"),
        ("cards:\n  per_page: 3\n  columns: 2\n", r"bad\.yaml:2: cards\.per_page: 3 cards cannot fill 2 columns evenly"),
        ("page:\n  size: a3\n", r"bad\.yaml:2: page\.size: \"a3\" is not a paper size"),
        ("cards:\n  picture: right\n", r"bad\.yaml:2: cards\.picture: \"right\" is not one of: auto, left, above, none"),
        ("cards:\n  picture_width: 95%\n", r"bad\.yaml:2: cards\.picture_width: 95% is too large; the largest allowed is 60% "
                                            r"\(the steps beside the picture need the rest of the card\)"),
    ],
)
def test_bad_layouts_are_refused_with_file_line_field(tmp_path, cli, content, pattern):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    result = cli("region", "lower", "--layout", str(bad), "-o", str(out))
    assert result.code == 1
    assert re.search(pattern, result.stderr), result.stderr
    assert not out.exists()


def test_extends_cycle_is_refused(tmp_path, cli):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    result = cli("region", "lower", "--layout", str(tmp_path / "a.yaml"), "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert re.search(r"b\.yaml:1: extends: layouts extend each other in a circle \(a -> b -> a\)", result.stderr), result.stderr


def test_problems_point_at_the_file_that_set_the_value(tmp_path, cli):
    (tmp_path / "base.yaml").write_text("extends: standard\ntext:\n  body: {size: 9}\n", encoding="utf-8")
    (tmp_path / "child.yaml").write_text("extends: base.yaml\ncolors:\n  accent: '#123456'\n", encoding="utf-8")
    result = cli("region", "lower", "--layout", str(tmp_path / "child.yaml"), "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert re.search(r"base\.yaml:3: text\.body\.size: 9 pt is under 12 pt", result.stderr), result.stderr


def test_committed_json_schemas_are_current(tmp_path, cli):
    result = cli("schema", "-o", str(tmp_path))
    assert result.code == 0, result.stderr
    committed = ROOT / "assets" / "schema"
    for generated in tmp_path.glob("*.json"):
        assert (committed / generated.name).is_file(), f"{generated.name} is not committed"
        assert json.loads(generated.read_text()) == json.loads((committed / generated.name).read_text()), (
            f"{generated.name} is out of date: run `python generate.py schema -o assets/schema`")


def test_builtin_layouts_point_editors_at_the_schema():
    for path in (ROOT / "layouts").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../assets/schema/layout.schema.json", path.name
