"""The clinic booklet and its imposed print file."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from pdfcheck import chars, fonts, outside_margins, page_texts, parse, reader


@pytest.fixture(scope="module")
def booklet(builtin_documents) -> tuple[bytes, bytes]:
    """The demo clinic's booklet and its imposed sheets (US Letter), in English."""
    return builtin_documents["en/demo/booklet.pdf"], builtin_documents["en/demo/booklet-imposed.pdf"]


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (4, [(4, 1), (2, 3)]),
        (8, [(8, 1), (2, 7), (6, 3), (4, 5)]),
        (12, [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]),
    ],
)
def test_saddle_stitch_order(pages, expected):
    from handouts.render.imposition import saddle_stitch_order

    assert saddle_stitch_order(pages) == expected


def test_saddle_stitch_order_28_pages_follows_the_rule():
    from handouts.render.imposition import saddle_stitch_order

    order = saddle_stitch_order(28)
    assert len(order) == 14  # 7 sheets, two sides each
    for k in range(7):
        assert order[2 * k] == (28 - 2 * k, 2 * k + 1)
        assert order[2 * k + 1] == (2 * k + 2, 28 - 2 * k - 1)
    assert sorted(p for side in order for p in side) == list(range(1, 29))


def test_page_count_padded_with_blanks_when_not_a_multiple_of_four():
    from handouts.render.imposition import saddle_stitch_order

    assert saddle_stitch_order(6) == [(0, 1), (2, 0), (6, 3), (4, 5)]


def test_booklet_pages_are_half_letter_and_a_multiple_of_four(booklet):
    pdf = reader(booklet[0])
    assert len(pdf.pages) % 4 == 0
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (396, 612)


def your_exercises(texts: list[str]) -> str:
    """The pages before the first card: the 'Your exercises' list of every exercise, with its page."""
    first_card = next(i for i, t in enumerate(texts) if "How much" in t)
    return " ".join(texts[1:first_card])


def test_contents_print_no_other_names(booklet, catalog):
    texts = [" ".join(t.split()) for t in page_texts(booklet[0])]
    listed = your_exercises(texts)
    named = [e for e in catalog.exercises.values() if e.also_known_as]
    assert named
    for exercise in named:
        for other in exercise.also_known_as:
            if other not in exercise.name:
                assert other not in listed, (exercise.name, other)
    cards = " ".join(t for t in texts if "How much" in t)
    assert "Also called" not in cards  # other names are off on the cards


def test_reading_order_contents(booklet):
    texts = [" ".join(t.split()) for t in page_texts(booklet[0])]
    assert "Exercises for back pain" in texts[0] and "Name:" in texts[0]
    assert "How to use this booklet" in texts[1] and "Key points" in texts[1]
    assert texts[2].startswith("Get medical help right away if")  # the warning signs, before anything else
    assert "Your exercises" in texts[3] and "Lower back" in texts[3]
    first_card = next(i for i, t in enumerate(texts) if "How much" in t)
    assert any("Before you start" in t for t in texts[2:first_card]), "the safety guidance comes before the exercises"
    assert any("Get medical help right away if" in t for t in texts[2:first_card])
    assert "Your clinic" in texts[-1] and "Opening hours" in texts[-1]
    assert any("Exercise log" in t for t in texts) and any("Notes" in t for t in texts[-4:-1])


def test_every_catalog_exercise_is_in_the_booklet(booklet, catalog):
    text = " ".join(" ".join(t.split()) for t in page_texts(booklet[0]))
    for exercise in catalog.exercises.values():
        assert exercise.name in text, exercise.name


def test_each_exercise_printed_once_and_the_supervised_ones_last(booklet, catalog):
    texts = [" ".join(t.split()) for t in page_texts(booklet[0])]
    where = {}
    for exercise in catalog.exercises.values():
        cards = [i for i, t in enumerate(texts) if "How much" in t and exercise.name in t
                 and " ".join(exercise.steps[-1].split()[:8]) in t]
        assert len(cards) == 1, f"{exercise.name}: printed {len(cards)} times"
        where[exercise.id] = cards[0]
    supervised = [where[e.id] for e in catalog.exercises.values() if e.supervised]
    others = [where[e.id] for e in catalog.exercises.values() if not e.supervised]
    assert supervised and min(supervised) > max(others)
    assert "With your clinician" in texts[min(supervised)]
    # the same words in the same place on each: at the top of the card, over its name (a reviewer found them
    # over one card's name and under the other's purpose line)
    for exercise in catalog.exercises.values():
        if exercise.supervised:
            assert "Only if your clinician has shown you how " + exercise.name in texts[where[exercise.id]]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_page_between_the_cards_is_without_a_card(builtin_documents, lang):
    """A section's heading travels with its first card: it never holds a page of its own (the supervised
    section's heading once did, alone on a page, because the bridge card could not fit under it)."""
    texts = [" ".join(t.split()) for t in page_texts(builtin_documents[f"{lang}/demo/booklet.pdf"])]
    tick = "My clinician chose this for me" if lang == "en" else "Mi fisioterapeuta lo eligió para mí"
    listed = "Your exercises" if lang == "en" else "Sus ejercicios"  # the list's intro names the tick box too
    cards = [i for i, t in enumerate(texts) if tick in t and listed not in t]  # each card's tick box
    assert len(cards) >= 20
    assert [i for i in range(cards[0], cards[-1] + 1) if i not in cards] == []
    heading = "Only if your clinician has shown you how" if lang == "en" else "Solo si su fisioterapeuta le ha enseñado"
    assert [i for i, t in enumerate(texts) if heading in t and tick not in t and i > cards[0]] == []


def test_your_exercises_lists_each_exercise_with_its_page_and_dose(booklet, catalog):
    from handouts.i18n import messages
    from handouts.render.bookletchoice import dose_words

    assert any(e.supervised for e in catalog.exercises.values())
    texts = [" ".join(t.split()) for t in page_texts(booklet[0])]
    listed = your_exercises(texts)
    m = messages("en")
    assert "Your clinician ticks" in listed
    for exercise in catalog.exercises.values():
        # the page number sits at the top of its row: the text reads it after the row's first line
        # a supervised exercise's row sends the reader to its warnings, not to a dose (its clinician gives that)
        says = m("choice.read_first") if exercise.supervised else dose_words(exercise.dosage, m)
        words = f"{exercise.name}: {says}".split()
        pattern = r"\s(?:(\d+)\s)?".join(re.escape(w) for w in words) + r"(?:\s(\d+))?"
        match = re.search(pattern, listed)
        assert match and any(match.groups()), exercise.name
        page = int(next(g for g in match.groups() if g))
        assert exercise.name in texts[page - 1] and "How much" in texts[page - 1], (exercise.name, page)


@pytest.mark.parametrize(("layout", "lang"), [("booklet", "en"), ("booklet", "es"), ("booklet-a5", "en"),
                                             ("booklet-a5", "es")])
def test_each_page_of_the_list_opens_with_its_section(builtin_documents, layout, lang):
    """A page of 'Your exercises' after its first opens with a section's name: the name of the section it
    goes on with, '(continued)', beside the head of the page column, or a new section's. A reviewer found
    'Wall sit' opening a page with neither."""
    from handouts.i18n import messages
    from handouts.jobs import Job
    from handouts.render.booklet import render_booklet, section_names

    if layout == "booklet":
        data = builtin_documents[f"{lang}/demo/booklet.pdf"]
        job = Job.load(layout=None, clinic_file=None, catalog_dir=None, lang=lang, output_dir=Path("out"),
                       booklet=True)
    else:
        job = Job.load(layout=layout, clinic_file=None, catalog_dir=None, lang=lang, output_dir=Path("out"),
                       booklet=True)
        data = render_booklet(job.context(booklet=True))
    m = messages(lang)
    names = list(section_names(job.context(booklet=True)).values())
    texts = [" ".join(t.split()) for t in page_texts(data)]
    intro = " ".join(m("choice.intro").split())
    first = next(i for i, t in enumerate(texts) if intro in t)
    first_card = next(i for i, t in enumerate(texts) if m("card.how_much") in t)
    assert first_card - first >= 3, "the list is meant to run over pages here"
    for index in range(first + 1, first_card):
        opens = [f"{m('handout.continued', heading=name)} {m('choice.page')}" for name in names] + names
        assert texts[index].startswith(tuple(opens)), f"page {index + 1} opens with {texts[index][:60]!r}"


def test_printed_page_numbers_and_page_labels(booklet):
    pdf = reader(booklet[0])
    for index, page in enumerate(parse(booklet[0]).pages[1:-1], start=2):
        bottom = page.text_in(0, page.height - 40, page.width, page.height)
        assert str(index) in bottom.split(), f"page {index} prints {bottom!r}"
    labels = list(pdf.page_labels)
    assert labels[0] == "Cover" and labels[-1] == "Back cover"
    assert labels[1:-1] == [str(n) for n in range(2, len(labels))]


def test_bookmarks_for_every_section_and_exercise(booklet, catalog):
    pdf = reader(booklet[0])

    def titles(outline) -> list[str]:
        out = []
        for item in outline:
            out += titles(item) if isinstance(item, list) else [item.title]
        return out

    found = titles(pdf.outline)
    for section in ("How to use this booklet", "Your exercises", "Lower back", "Mid back", "Upper back", "Exercise log", "Notes"):
        assert section in found, section
    for exercise in catalog.exercises.values():
        assert exercise.name in found, exercise.name


def test_contents_entries_are_links(booklet):
    pdf = reader(booklet[0])
    links = [a for page in pdf.pages[1:6] for a in (page.get("/Annots") or []) if a.get_object().get("/Subtype") == "/Link"]
    assert len(links) >= 26


def test_fonts_embedded_and_margins_kept(booklet):
    from handouts.models.layout import load_layout

    m = load_layout("booklet").page.margins
    for data in booklet:
        assert all(fonts(data).values())
    assert not outside_margins(booklet[0], m.left, m.right, m.top, m.bottom)


def test_body_text_stays_12_point_on_paper(booklet):
    sizes = [c.size for c in chars(booklet[0])]
    assert sum(1 for s in sizes if s >= 11.9) > 0.7 * len(sizes)
    assert min(sizes) >= 8


def test_imposed_halves_carry_the_pages_the_rule_predicts(booklet):
    from handouts.render.imposition import saddle_stitch_order

    reading, imposed = booklet
    count = len(reader(reading).pages)
    order = saddle_stitch_order(count)
    sheets = parse(imposed).pages
    assert len(sheets) == len(order)
    for sheet, (left, right) in zip(sheets, order, strict=True):
        assert (round(sheet.width), round(sheet.height)) == (792, 612)
        for number, (x0, x1) in ((left, (0, 396)), (right, (396, 792))):
            text = " ".join(sheet.text_in(x0, 0, x1, sheet.height).split())
            if number == 1:
                assert "Exercises for back pain" in text
            elif number == count:
                assert "Your clinic" in text
            else:
                foot = sheet.text_in(x0, sheet.height - 40, x1, sheet.height)
                assert str(number) in foot.split(), f"expected page {number} in {foot!r}"


def test_imposed_file_asks_for_short_edge_duplex_at_actual_size(booklet):
    import pikepdf

    with pikepdf.open(io.BytesIO(booklet[1])) as pdf:
        prefs = pdf.Root.ViewerPreferences
        assert prefs.Duplex == pikepdf.Name("/DuplexFlipShortEdge")
        assert prefs.PrintScaling == pikepdf.Name("/None")


def test_imposed_file_reuses_each_page_as_one_form_xobject(booklet):
    import pikepdf

    reading, imposed = booklet
    with pikepdf.open(io.BytesIO(imposed)) as pdf:
        forms = set()
        for page in pdf.pages:
            xobjects = page.Resources.get("/XObject", {})
            for _, obj in xobjects.items():
                forms.add(obj.objgen)
        assert len(forms) == len(reader(reading).pages)


def test_booklet_command_and_main_job_write_both_files(cli, tmp_path):
    result = cli("booklet", "--impose", "-o", str(tmp_path / "b"))
    assert result.code == 0, result.stderr
    assert {p.name for p in (tmp_path / "b").iterdir()} == {"booklet.pdf", "booklet-imposed.pdf"}
    assert "flip on the SHORT edge" in result.stdout
    help_text = cli("booklet", "--help").stdout
    assert "SHORT" in help_text and "edge" in help_text


# -- what the booklet tells a patient about itself (PEMAT-P review, issue 13) -----------------------------


def flat_pages(data: bytes) -> list[str]:
    return [" ".join(t.split()) for t in page_texts(data)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_key_points_name_the_pages_the_list_really_covers(builtin_documents, catalog, lang):
    """'Your exercises' runs over several pages: the key points print its first and last page, the ones its
    rows are on."""
    from handouts.i18n import messages
    from handouts.text import exercise_words

    m = messages(lang)
    texts = flat_pages(builtin_documents[f"{lang}/demo/booklet.pdf"])
    rows = [f"{exercise_words(e, lang).name}:" for e in catalog.exercises.values()]  # a row: the name, a colon, the dose
    pages = sorted({number for number, text in enumerate(texts, 1) if any(row in text for row in rows)})
    first, last = pages[0], pages[-1]
    assert last > first and pages == list(range(first, last + 1))
    assert m("choice.title") in texts[first - 1]
    where = m("key_points.page_range", first=first, last=last)
    assert " ".join(m("key_points.booklet_choose", pages=where).split()) in texts[1]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_key_points_give_the_page_of_the_warning_signs(builtin_documents, lang):
    """The warning signs are the page after the key points, before the list of exercises (a reviewer found them
    'only on p6, after three pages of exercise list', and the key point did not say where): the key point says
    on which page."""
    from handouts.i18n import messages

    m = messages(lang)
    texts = flat_pages(builtin_documents[f"{lang}/demo/booklet.pdf"])
    scope = " ".join(m("booklet.warning_scope").split())  # the box's first line, printed only there
    signs = [n for n, t in enumerate(texts, 1) if scope in t]
    assert signs == [3]
    where = m("key_points.page_one", page=signs[0])
    assert " ".join(m("key_points.warning_signs_page", page=where).split()) in texts[1]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_list_says_a_tick_there_or_on_the_card_means_the_same(builtin_documents, lang):
    """Two places to tick (the list and each card's own box): the list names the card's box in the card's own
    words, and says that either tick means the same."""
    from handouts.i18n import messages

    m = messages(lang)
    texts = flat_pages(builtin_documents[f"{lang}/demo/booklet.pdf"])
    intro = " ".join(m("choice.intro").split())
    listing = [i for i, t in enumerate(texts) if intro in t]
    assert len(listing) == 1 and m("card.chosen") in intro
    assert ("Either tick means the same" if lang == "en" else "Las dos marcas significan lo mismo") in intro
    cards = [t for t in texts if m("card.chosen") in t and intro not in t]
    assert len(cards) == 26


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_booklets_warning_signs_say_they_cover_every_region_handouts_signs(builtin_documents, lang):
    """The booklet's list is longer than a region handout's: it says it is for any part of the back, and it
    holds every sign each region handout prints."""
    from handouts.i18n import messages
    from handouts.jobs import load_catalog_dir

    safety = load_catalog_dir(None).safety
    flags = safety.red_flags if lang == "en" else safety.translations.es.red_flags
    text = " ".join(flat_pages(builtin_documents[f"{lang}/demo/booklet.pdf"]))
    box = text[text.rindex(flags.title):]  # the box (the contents name it first)
    assert " ".join(messages(lang)("booklet.warning_scope").split()) in box[:400]
    for region in ("lower", "mid", "upper"):
        for line in getattr(flags.emergency, region) + getattr(flags.regions, region) + flags.points:
            assert " ".join(line.split()) in box, (lang, region, line)


def test_the_back_cover_leaves_a_line_for_the_clinicians_name(booklet):
    """Any of the clinic's clinicians hands out the booklet: the back cover names none of them."""
    back = flat_pages(booklet[0])[-1]
    assert "Your clinician:" in back and "Okafor" not in back and "(217) 555-0142" in back


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_contents_give_the_pages_the_safety_points_and_the_warning_signs_are_on(builtin_documents, lang):
    """'Before you start ..... 5' and 'Get medical help right away if… ..... 6': each box starts on the page
    the contents print, and the page before it does not carry its running head (the bookmark used to land
    on the page before the box, when the box moved on to the next)."""
    import re

    from handouts.jobs import load_catalog_dir

    safety = load_catalog_dir(None).safety
    words = safety if lang == "en" else safety.translations.es
    pages = [" ".join(t.split()) for t in page_texts(builtin_documents[f"{lang}/demo/booklet.pdf"])]
    contents = next(t for t in pages if re.search(re.escape(words.title) + r"[ .]+\d+", t))
    for title, first_line in ((words.title, words.points[0]), (words.red_flags.title, words.red_flags.title)):
        number = int(re.search(re.escape(title) + r"[ .]+(\d+)", contents).group(1))
        page = pages[number - 1]
        assert " ".join(first_line.split()) in page, (lang, title, number)
        if title == words.title:
            before = pages[number - 2]
            assert " ".join(words.points[0].split()) not in before


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_cover_pictures_are_named(builtin_documents, lang, catalog):
    """PEMAT-P item 17: a picture has a caption. The cover's three pictures each print their exercise's name."""
    from handouts.text import exercise_words

    cover = " ".join(page_texts(builtin_documents[f"{lang}/demo/booklet.pdf"])[0].split())
    for exercise_id in ("knee-to-chest", "seated-twist", "doorway-chest-stretch"):
        assert exercise_words(catalog.exercises[exercise_id], lang).name in cover, (lang, exercise_id)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_a4_clinic_prints_the_letter_booklet_too(lang):
    """The A4 demo clinic (its logo, its video links) on the Letter booklet: in Spanish the inversion table's
    card, with its QR code, was too tall for the page, and no booklet was written."""
    from handouts.jobs import Job
    from handouts.render.booklet import render_booklet

    job = Job.load(layout="booklet", clinic_file=Path(__file__).parent.parent / "assets" / "clinic-a4",
                   catalog_dir=None, lang=lang, output_dir=Path("out"), booklet=True)
    assert len(page_texts(render_booklet(job.context(booklet=True)))) % 4 == 0


def test_the_log_heads_its_names_and_says_what_to_write_on_its_second_page(booklet):
    """The booklet's log: 'Exercise' over the column of lines to write on, and on its second page (weeks 3
    and 4) what goes on those lines, which a reviewer found blank with no word of them."""
    texts = [" ".join(t.split()) for t in page_texts(booklet[0])]
    log = [i for i, t in enumerate(texts) if "Week 1" in t or "Week 3" in t]
    assert len(log) == 2 and log[1] == log[0] + 1
    assert all("Exercise 1 2 3" in texts[i] or "Exercise 15 16" in texts[i] for i in log), [texts[i][:300] for i in log]
    assert "Weeks 3 and 4: write the same exercises on the same lines as on the page before." in texts[log[1]]
