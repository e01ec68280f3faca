"""What a clinician hands over with confidence (issue 13): the warning signs on every document, a focused
set of exercises per region with its minutes a day, key points, the key to the pictures, dose ranges."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from pdfcheck import all_text, page_texts

REGIONS = ("lower", "mid", "upper")
HOME_EQUIPMENT = {"mat", "chair", "wall", "doorway", "pillow"}


def flat(text: str) -> str:
    return " ".join(text.split())


def job(tmp_path: Path, *, lang: str | None = None, clinic: Path | None = None, layout: str | None = None):
    from handouts.jobs import Job

    return Job.load(layout=layout, clinic_file=clinic, catalog_dir=None, lang=lang, output_dir=tmp_path / "out")


def documents(tmp_path: Path, lang: str) -> dict[str, bytes]:
    """Every document type: the three region handouts, a program and the booklet."""
    from handouts.jobs import render_program_file
    from handouts.render.booklet import render_booklet
    from handouts.render.handout import render_region

    loaded = job(tmp_path, lang=lang)
    out = {region: render_region(loaded.context(), region) for region in REGIONS}
    program = tmp_path / "program.yaml"
    program.write_text(f"lang: {lang}\nexercises: [pelvic-tilt, cat-cow, neck-roll]\n", encoding="utf-8")
    out["program"] = render_program_file(program, output_dir=tmp_path / "out")[1]
    out["booklet"] = render_booklet(loaded.context(booklet=True))
    return out


def red_flag_texts(lang: str, regions: tuple[str, ...] = REGIONS, phone: str | None = "(217) 555-0142",
                   number: str = "911") -> list[str]:
    """Every line the box must print for a document of ``regions``, read from the catalog (the demo clinic's phone
    and emergency number)."""
    from handouts.jobs import load_catalog_dir

    flags = load_catalog_dir(None).safety.red_flags
    if lang != "en":
        flags = load_catalog_dir(None).safety.translations.es.red_flags
    call = flags.call_clinic.replace("{phone}", phone) if phone else flags.call_clinic_no_phone
    lines = [flags.title, flags.emergency_lead.replace("{number}", number), call]
    for region in regions:
        lines += getattr(flags.emergency, region) + getattr(flags.regions, region)
    return list(dict.fromkeys([*lines, *flags.points, flags.see_doctor]))


DOCUMENT_REGIONS = {"lower": ("lower",), "mid": ("mid",), "upper": ("upper",), "program": REGIONS, "booklet": REGIONS}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_red_flag_box_is_whole_on_every_document_type(tmp_path, lang):
    for name, data in documents(tmp_path, lang).items():
        lines = red_flag_texts(lang, DOCUMENT_REGIONS[name])
        assert len(lines) >= 9
        pages = [flat(t) for t in page_texts(data)]
        whole = [i for i, page in enumerate(pages) if all(flat(line) in page for line in lines)]
        assert len(whole) == 1, f"{name} ({lang}): the warning signs are not all on one page"
        # near the safety guidance: on its page or next to it
        safety = "Before you start" if lang == "en" else "Antes de empezar"
        where = [i for i, page in enumerate(pages) if safety in page]
        assert any(abs(i - whole[0]) <= 1 for i in where), (name, lang, where, whole)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_region_handout_warns_of_its_own_regions_signs(region_pdfs, tmp_path, lang):
    from handouts.jobs import load_catalog_dir
    from handouts.render.handout import render_region

    flags = load_catalog_dir(None).safety.red_flags
    if lang != "en":
        flags = load_catalog_dir(None).safety.translations.es.red_flags
    loaded = job(tmp_path, lang=lang)
    for region in REGIONS:
        data = region_pdfs[region] if lang == "en" else render_region(loaded.context(), region)
        text = flat(all_text(data))
        own = getattr(flags.emergency, region) + getattr(flags.regions, region)
        assert own and all(flat(line) in text for line in own), (region, lang)
        others = {line for r in REGIONS if r != region for line in getattr(flags.emergency, r) + getattr(flags.regions, r)}
        for line in others - set(own):  # only the region's own signs: a short box
            assert flat(line) not in text, (region, lang, line)
        assert "911" in text


# GUIDE.md: the standard warning signs every patient document states, in each language's words
STANDARD_SIGNS = {
    "en": ("bladder", "bowels", "pee", "bottom", "genitals", "inner thighs", "legs", "weak", "numb", "getting worse",
           "fever", "unwell", "fall", "accident", "weight", "cancer", "few weeks", "awake at night"),
    "es": ("vejiga", "intestino", "orinar", "nalgas", "genitales", "muslos", "piernas", "débiles", "empeoran",
           "fiebre", "muy mal", "caída", "accidente", "peso", "cáncer", "semanas", "dormir"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_red_flags_say_the_standard_warning_signs(catalog, lang):
    """Every region's box, so each region handout on its own, states all the standard signs: an upper-back
    patient with numbness around the bottom needs an ambulance as much as a lower-back one."""
    flags = catalog.safety.red_flags if lang == "en" else catalog.safety.translations.es.red_flags
    assert "{number}" in flags.emergency_lead  # the clinic's emergency number, 911 by default
    every = [*flags.points, flags.see_doctor, flags.emergency_lead]
    for region in REGIONS:
        text = " ".join([*every, *getattr(flags.emergency, region), *getattr(flags.regions, region)]).lower()
        for idea in STANDARD_SIGNS[lang]:
            assert idea in text, (region, lang, idea)
    for region in ("mid", "upper"):
        text = " ".join([*getattr(flags.emergency, region), *getattr(flags.regions, region)]).lower()
        for idea in {"en": ("chest pain", "breathe", "walking", "balance"),
                     "es": ("pecho", "respirar", "caminar", "equilibrio")}[lang]:
            assert idea in text, (region, lang, idea)
    assert {"en": "arm or a hand", "es": "brazo o una mano"}[lang] in " ".join(flags.regions.upper)
    # trouble walking in every region (a reviewer found it in the mid and upper boxes, not in the lower one)
    for region in REGIONS:
        assert {"en": "walking", "es": "caminar"}[lang] in " ".join(getattr(flags.regions, region)), (region, lang)


def test_the_box_says_whom_to_call_with_the_clinics_phone(tmp_path, clinic_copy):
    from handouts.render.handout import render_region

    text = clinic_copy.read_text(encoding="utf-8")
    assert "(217) 555-0142" in text  # the demo clinic's phone is what the box prints
    no_phone = clinic_copy.parent / "no-phone.yaml"
    no_phone.write_text("\n".join(line for line in text.splitlines() if not line.startswith("phone:")) + "\n",
                        encoding="utf-8")
    page = flat(all_text(render_region(job(tmp_path, clinic=no_phone).context(), "lower")))
    assert all(flat(line) in page for line in red_flag_texts("en", ("lower",), phone=None))
    assert "555-0142" not in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_box_gives_the_clinics_own_emergency_number(tmp_path, clinic_copy, lang):
    """A clinic in Spain sets 112: its patients are never told to call 911."""
    from handouts.render.handout import render_region

    with clinic_copy.open("a", encoding="utf-8") as handle:
        handle.write('emergency_number: "112"\n')
    page = flat(all_text(render_region(job(tmp_path, clinic=clinic_copy, lang=lang).context(), "lower")))
    assert all(flat(line) in page for line in red_flag_texts(lang, ("lower",), number="112"))
    assert "911" not in page


@pytest.mark.parametrize("value", ["+112", "9 1 1", "1", "1234567", "emergency"])
def test_an_emergency_number_that_is_not_digits_is_refused(tmp_path, clinic_copy, value):
    with clinic_copy.open("a", encoding="utf-8") as handle:
        handle.write(f'emergency_number: "{value}"\n')
    result = run_cli("check", "--clinic", str(clinic_copy), cwd=tmp_path)
    assert result.code == 1
    assert "emergency_number" in result.stderr and "digits" in result.stderr, result.stderr


def test_a_clinic_adds_red_flag_lines_and_a_layout_cannot_remove_the_box(tmp_path, clinic_copy):
    from handouts.render.handout import render_region

    with clinic_copy.open("a", encoding="utf-8") as handle:
        handle.write("red_flags: [You have new pain in your chest or belly.]\n")
    layout = tmp_path / "bare.yaml"
    layout.write_text("extends: standard\nblocks: {safety: false, introduction: false}\n", encoding="utf-8")
    data = render_region(job(tmp_path, clinic=clinic_copy, layout=str(layout)).context(), "upper")
    pages = [flat(t) for t in page_texts(data)]
    lines = [*red_flag_texts("en", ("upper",)), "You have new pain in your chest or belly."]
    assert any(all(line in page for line in lines) for page in pages)
    assert "Before you start" not in " ".join(pages)


@pytest.mark.parametrize("region", REGIONS)
def test_default_region_lists_are_focused(catalog, region):
    from handouts.models.program import minutes_a_day

    chosen = catalog.for_handout(region)
    assert chosen == [catalog.exercises[i] for i in getattr(catalog.intros, region).exercises]
    assert 3 <= len(chosen) <= 8
    assert minutes_a_day([e.dosage for e in chosen]) <= 15
    for exercise in chosen:
        assert not exercise.supervised, exercise.id
        assert set(exercise.needs) <= HOME_EQUIPMENT, exercise.id
        assert region in exercise.regions, f"{exercise.id} is not a {region} back exercise"


@pytest.mark.parametrize("region", REGIONS)
def test_region_handout_prints_at_most_8_cards_and_its_minutes_a_day(region_pdfs, catalog, region):
    from handouts.models.program import minutes_a_day

    pages = [flat(t) for t in page_texts(region_pdfs[region])]
    cards = sum(page.count("How much") for page in pages)
    assert cards == len(catalog.for_handout(region)) <= 8
    minutes = minutes_a_day([e.dosage for e in catalog.for_handout(region)])
    assert f"About {minutes} minutes a day" in pages[0]
    assert f"if you do all {cards} exercises" in pages[0]  # the time is for all of them; the clinician ticks which
    assert "Key points" in pages[0]


def test_supervised_exercises_are_not_in_default_region_handouts(region_pdfs, catalog):
    supervised = [e for e in catalog.exercises.values() if e.supervised]
    assert {e.id for e in supervised} == {"inversion-table", "ball-bridge"}
    for region, data in region_pdfs.items():
        text = flat(all_text(data))
        for exercise in supervised:
            assert exercise.name not in text, f"{exercise.name} printed in the {region} handout"


def test_mid_back_handout_is_made_of_mid_back_exercises(catalog):
    for exercise in catalog.for_handout("mid"):
        assert "mid" in exercise.regions
    lower_only = [e.id for e in catalog.for_handout("mid") if e.regions == ["lower"]]
    assert not lower_only


def test_every_exercise_is_in_the_booklet(tmp_path, catalog):
    from handouts.render.booklet import render_booklet

    text = flat(all_text(render_booklet(job(tmp_path).context(booklet=True))))
    for exercise in catalog.exercises.values():
        assert exercise.name in text, exercise.name
        assert flat(exercise.steps[-1]) in text, exercise.name


def test_a_clinics_own_region_list_is_printed_in_its_order(tmp_path, clinic_copy):
    from handouts.render.handout import render_region

    with clinic_copy.open("a", encoding="utf-8") as handle:
        handle.write("region_exercises:\n  upper: [shoulder-roll, neck-roll, cat-cow]\n")
    data = render_region(job(tmp_path, clinic=clinic_copy).context(), "upper")
    text = flat(all_text(data))
    assert text.count("How much") == 3
    assert "Shoulder rolls" in text and "Neck roll" in text and "Cat-cow" in text
    assert "Doorway chest stretch" not in text and "Overhead arm reach" not in text


def test_a_bad_id_in_a_clinics_region_list_gets_did_you_mean(cli, tmp_path, clinic_copy):
    with clinic_copy.open("a", encoding="utf-8") as handle:
        handle.write("region_exercises:\n  lower:\n    - pelvic-tilt\n    - knee-to-chset\n")
    line = clinic_copy.read_text(encoding="utf-8").splitlines().index("    - knee-to-chset") + 1
    out = tmp_path / "out"
    result = cli("region", "lower", "--clinic", str(clinic_copy), "-o", str(out))
    assert result.code == 1
    assert re.search(rf"clinic\.yaml:{line}: region_exercises\.lower\[2\]: no exercise 'knee-to-chset' in the "
                     r"catalog \(did you mean 'knee-to-chest'\?\)", result.stderr), result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_a_bad_id_in_the_catalogs_region_list_gets_did_you_mean(cli, tmp_path, catalog_copy):
    regions = catalog_copy / "_regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("cat-cow,", "cat-cw,"), encoding="utf-8")
    result = cli("region", "mid", "--catalog", str(catalog_copy), "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert re.search(r"_regions\.yaml:\d+: mid\.exercises\[\d+\]: no exercise 'cat-cw' in the catalog "
                     r"\(did you mean 'cat-cow'\?\)", result.stderr), result.stderr


def test_more_than_8_exercises_for_a_region_is_refused(cli, tmp_path, clinic_copy):
    ids = ["pelvic-tilt", "knee-to-chest", "knee-roll", "partial-crunch", "prone-press-up", "cobra", "cat-cow",
           "wall-sit", "neck-roll"]
    with clinic_copy.open("a", encoding="utf-8") as handle:
        handle.write(f"region_exercises:\n  lower: [{', '.join(ids)}]\n")
    result = cli("region", "lower", "--clinic", str(clinic_copy), "-o", str(tmp_path / "out"))
    assert result.code == 1 and "region_exercises.lower: has 9 items; at most 8 are allowed" in result.stderr


@pytest.mark.parametrize("lang", ["en", "es"])
def test_key_points_and_the_picture_key_once_per_document(tmp_path, lang):
    title, key = ("Key points", "How to read the pictures") if lang == "en" else ("Puntos clave", "Cómo leer los dibujos")
    for name, data in documents(tmp_path, lang).items():
        text = flat(all_text(data))
        assert text.count(title) == 1, (name, lang)
        quoted = text.count(f"'{key}'") + text.count(f"\u00ab{key}\u00bb")
        assert text.count(key) - quoted == 1, (name, lang)  # the booklet's how-to names it


def test_the_picture_key_uses_the_pictures_own_marks(tmp_path):
    """The key's five marks come from a card's picture and the same picture items (drawn by the same code)."""
    from handouts.figures.shapes import Arrow, Label, Layer, Stopwatch
    from handouts.render.legend import EXAMPLE, legend_marks
    from handouts.render.pictures import picture_for

    ctx = job(tmp_path).context()
    marks = legend_marks(ctx)
    assert marks is not None and len(marks) == 5
    card = picture_for(ctx, ctx.catalog.exercises[EXAMPLE]).pic
    start, end, order, arrow, hold = (pic.layers for pic, _ in marks)
    assert start and end and set(start).isdisjoint(end)
    assert set(start) | set(end) <= set(card.layers) and all(isinstance(item, Layer) for item in start + end)
    assert [item.text for item in order if isinstance(item, Label)] == ["1", "2"]
    assert arrow and all(isinstance(item, Arrow) and item in card.layers for item in arrow)
    assert any(isinstance(item, Stopwatch) for item in hold)
    # each figure with its own face only: the end pose's mark drew the start pose's eye as a stray dot
    assert [sum(item.role == "face" for item in layers) for layers in (start, end)] == [1, 1]


def test_the_picture_key_draws_its_figures_whole_and_grows_with_large_print(tmp_path):
    """A figure mark's box leaves room for its outline (the heads were cut flat at the top), and in large print
    the marks and columns grow with the text."""
    from handouts.render.legend import ICON_H, legend, legend_marks

    ctx = job(tmp_path).context()
    for pic, _ in legend_marks(ctx)[:2]:
        x0, y0, x1, y1 = pic.bounds
        for layer in pic.layers:
            for shape in layer.shapes:
                b = shape.bounds()
                assert min(b[0] - x0, b[1] - y0, x1 - b[2], y1 - b[3]) >= 5.0  # the outline's room, in cm
    large = job(tmp_path, layout="large-print").context()
    key = legend(large)
    key.wrap(525, 1000)
    assert abs(key.icon_h - ICON_H * 16 / 12) < 1e-9 and key.columns == 2


# -- dose ranges -------------------------------------------------------------------------------------------


def test_the_ranges_of_the_articles_are_kept(catalog):
    from handouts.schema.ranges import ends_of

    expected = {
        ("doorway-chest-stretch", "hold_seconds"): (15, 20),
        ("knee-roll", "repetitions"): (6, 8),
        ("prone-leg-raise", "hold_seconds"): (8, 12),
        ("prone-leg-raise", "times_a_day"): (2, 3),
        ("supine-leg-raise", "hold_seconds"): (10, 12),
        ("supine-leg-raise", "times_a_day"): (2, 3),
        ("standing-toe-touch", "hold_seconds"): (3, 10),
        ("seated-twist", "hold_seconds"): (2, 3),
    }
    for (exercise_id, field), ends in expected.items():
        assert ends_of(getattr(catalog.exercises[exercise_id].dosage, field)) == ends, (exercise_id, field)


def test_a_range_prints_as_a_range_in_both_languages(region_pdfs, tmp_path):
    from handouts.render.handout import render_region

    text = flat(all_text(region_pdfs["upper"]))
    assert "Hold for 15 to 20 seconds." in text and "Repeat 3 to 4 times." in text
    assert "Repeat 6 to 8 times on each side." in flat(all_text(region_pdfs["lower"]))
    spanish = flat(all_text(render_region(job(tmp_path, lang="es").context(), "upper")))
    assert "Mantenga de 15 a 20 segundos." in spanish and "Repita de 3 a 4 veces." in spanish


def test_minutes_a_day_count_the_upper_end_of_a_range():
    from handouts.models.catalog import Dosage
    from handouts.models.program import exercise_seconds
    from handouts.schema.ranges import DoseRange

    ranged = Dosage(hold_seconds=DoseRange(15, 20), repetitions=DoseRange(3, 4), times_a_day=DoseRange(2, 3))
    upper = Dosage(hold_seconds=20, repetitions=4, times_a_day=3)
    # 4 x (20 + 3) + 30 = 122 s a session
    assert exercise_seconds(ranged) == exercise_seconds(upper) == 122
    assert ranged != upper and hash(ranged.hold_seconds) != hash(20)


def test_a_program_overrides_with_a_number_or_a_range(tmp_path):
    from handouts.jobs import render_program_file

    program = tmp_path / "p.yaml"
    program.write_text("exercises:\n  - {id: doorway-chest-stretch, hold_seconds: 30}\n"
                       "  - {id: pelvic-tilt, hold_seconds: [5, 10], times_a_day: [1, 2]}\n", encoding="utf-8")
    text = flat(all_text(render_program_file(program, output_dir=tmp_path / "out")[1]))
    assert "Hold for 30 seconds." in text and "Hold for 5 to 10 seconds." in text
    assert "Do this 1 to 2 times a day." in text
    # doorway 3 to 4 x (30 + 3) + 30 = 162 s; pelvic tilt twice 5 x (10 + 3) + 30 = 95 s: 352 s -> 6 minutes
    assert "About 6 minutes a day" in text


@pytest.mark.parametrize("value, message", [
    ("[20, 10]", r"\[20, 10\] has its larger number first; write \[10, 20\]"),
    ("[10, 200]", r"200 is too large; the largest allowed is 120"),
    ("[0, 10]", r"0 is too small; the smallest allowed is 1"),
    ("[10, 15, 20]", r"a range is two whole numbers in brackets, lowest first, e\.g\. \[15, 20\]"),
    ("[ten, 20]", r"a range is two whole numbers"),
])
def test_a_bad_range_is_refused_with_its_line(cli, tmp_path, value, message):
    program = tmp_path / "p.yaml"
    program.write_text(f"exercises:\n  - id: pelvic-tilt\n    hold_seconds: {value}\n", encoding="utf-8")
    result = cli("program", str(program), "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert re.search(r"p\.yaml:3: exercises\[1\]\.hold_seconds: " + message, result.stderr), result.stderr


def test_the_json_schema_accepts_a_number_or_a_range():
    schema = json.loads((ROOT / "assets" / "schema" / "exercise.schema.json").read_text(encoding="utf-8"))
    hold = schema["definitions"]["Dosage"]["properties"]["hold_seconds"]
    kinds = json.dumps(hold)
    assert '"integer"' in kinds and '"array"' in kinds and '"maxItems": 2' in kinds
