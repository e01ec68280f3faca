"""The three region handouts, as a clinic prints them and a patient reads them."""

from __future__ import annotations

import pytest

from conftest import ROOT
from pdfcheck import all_text, fonts, outside_margins, page_texts, reader

REGIONS = ("lower", "mid", "upper")


@pytest.mark.parametrize("region", REGIONS)
def test_handout_opens_with_pages_and_title(region_pdfs, region):
    pdf = reader(region_pdfs[region])
    assert len(pdf.pages) >= 2
    info = pdf.metadata
    assert info.title.startswith(f"Exercises for {region} back pain")
    assert info.author == "Riverside Back & Spine Clinic"
    assert "back pain" in (info.subject or "")
    assert str(pdf.trailer["/Root"].get("/Lang")) == "en-US"
    first = page_texts(region_pdfs[region])[0]
    assert f"Exercises for {region} back pain" in first
    assert "Before you start" in first  # the safety box


@pytest.mark.parametrize("region", REGIONS)
def test_handout_holds_exactly_its_regions_list(region_pdfs, catalog, region):
    text = all_text(region_pdfs[region])
    mine = {e.name for e in catalog.for_handout(region)}
    others = {e.name for e in catalog.exercises.values()} - mine
    for name in mine:
        assert name in text, f"{name} missing from the {region} handout"
    for name in others:
        # a name that is part of one of this region's names (e.g. 'Cobra' in 'Cobra stretch') is not a leak
        if not any(name in own for own in mine):
            assert name not in text, f"{name} (not a {region} exercise) printed in the {region} handout"


@pytest.mark.parametrize("region", REGIONS)
def test_every_page_has_header_footer_and_page_x_of_y(region_pdfs, region):
    texts = page_texts(region_pdfs[region])
    for number, text in enumerate(texts, 1):
        flat = " ".join(text.split())
        assert "Riverside Back & Spine Clinic" in flat
        assert "(217) 555-0142" in flat
        assert f"Page {number} of {len(texts)}" in flat


@pytest.mark.parametrize("region", REGIONS)
def test_fonts_are_all_embedded(region_pdfs, region):
    found = fonts(region_pdfs[region])
    assert found, "no fonts found"
    assert all(found.values()), f"not embedded: {[n for n, e in found.items() if not e]}"
    assert all("Vera" in name for name in found)


@pytest.mark.parametrize("region", REGIONS)
def test_nothing_lies_outside_the_margins(region_pdfs, region):
    from handouts.models.layout import load_layout

    m = load_layout("standard").page.margins
    assert min(m.top, m.bottom, m.left, m.right) >= 36, "the standard layout keeps at least 0.5 in margins"
    bad = outside_margins(region_pdfs[region], m.left, m.right, m.top, m.bottom)
    assert not bad, bad[:5]


def test_body_text_is_twelve_point_or_more(region_pdfs):

    from pdfcheck import chars

    sizes = [round(c.size, 1) for c in chars(region_pdfs["lower"])]
    assert min(sizes) >= 8, "nothing on a handout may be under 8 pt"
    body = [s for s in sizes if s >= 11.9]
    assert len(body) > 0.75 * len(sizes), "most of the text must be body text of 12 pt or more"


def test_same_inputs_give_byte_identical_pdfs(cli, tmp_path):
    """Two separate runs (fresh processes, other folders) write the same bytes."""
    for name in ("a", "b"):
        assert cli("region", "upper", "-o", str(tmp_path / name)).code == 0
    assert (tmp_path / "a" / "upper-back.pdf").read_bytes() == (tmp_path / "b" / "upper-back.pdf").read_bytes()


def test_cards_are_never_split_across_pages(region_pdfs, catalog):
    """Each exercise's name and its last caution are on the same page."""
    texts = [" ".join(t.split()) for t in page_texts(region_pdfs["lower"])]
    for exercise in catalog.for_handout("lower"):
        pages = [i for i, t in enumerate(texts) if exercise.name in t]
        assert pages, exercise.name
        last_words = " ".join(exercise.cautions[-1].split()[-3:])
        assert last_words in texts[pages[0]], f"{exercise.name}: card split across pages"


def test_output_does_not_depend_on_what_the_process_printed_before(tmp_path):
    """Caches shared across documents (wrapped paragraphs, figure streams) never leak between layouts."""
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    def render(layout: str, clinic: str | None = None) -> bytes:
        clinic_file = None if clinic is None else ROOT / "assets" / clinic
        job = Job.load(layout=layout, clinic_file=clinic_file, catalog_dir=None, lang=None, output_dir=tmp_path)
        return render_region(job.context(), "lower")

    first = render("standard", "clinic-a4")
    for other in ("compact", "large-print", "a4", "booklet"):
        render(other)
        render(other, "clinic-a4")
    assert render("standard", "clinic-a4") == first


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("region", ["lower", "mid", "upper"])
def test_the_log_lists_the_exercises_in_the_order_their_cards_are_printed(builtin_documents, catalog, region, lang):
    """The cards of a group change places to fill pages; the log's rows follow them, so a patient ticking the
    log goes down it as through the pages (the Spanish review found 'Inclinación pélvica' first in the log
    and on page 3, after 'Estiramiento de rodilla al pecho' on page 2)."""
    from handouts.text import exercise_words

    pages = [" ".join(t.split()) for t in page_texts(builtin_documents[f"{lang}/demo/{region}-back.pdf"])]
    log_title = "Exercise log" if lang == "en" else "Registro de ejercicios"
    log_at = next(i for i, t in enumerate(pages) if log_title in t)
    names = [exercise_words(e, lang).name for e in catalog.for_handout(region)]
    cards = " ".join([*pages[:log_at], pages[log_at].split(log_title)[0]])
    log = pages[log_at].split(log_title, 1)[1]
    assert all(name in cards and name in log for name in names), (region, lang)
    in_cards = sorted(names, key=cards.index)
    assert sorted(names, key=log.index) == in_cards, (region, lang)
