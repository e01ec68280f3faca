"""Every document in Spanish, as good as the English."""

from __future__ import annotations

import re
import shutil
import statistics

import pytest
import textstat
import yaml

from conftest import ROOT
from pdfcheck import all_text, fonts, reader

LOCALES = ROOT / "handouts" / "locales"


def flatten(table: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict) and not {"one", "other"} >= set(value):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def messages(lang: str) -> dict[str, object]:
    return flatten(yaml.load((LOCALES / f"{lang}.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))


def strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [v for v in value.values() if v]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def test_message_catalogues_have_the_same_keys_and_placeholders():
    en, es = messages("en"), messages("es")
    assert set(en) == set(es)
    for key in en:
        for a, b in zip(sorted(strings(en[key])), sorted(strings(es[key])), strict=False):
            assert set(re.findall(r"{\w+}", a)) == set(re.findall(r"{\w+}", b)), key
        if isinstance(en[key], dict):
            assert set(en[key]) == set(es[key]), f"{key}: plural forms differ"


@pytest.fixture(scope="module")
def spanish(builtin_documents) -> dict[str, bytes]:
    """The demo clinic's region handouts and booklet in Spanish, and the Spanish example program."""
    docs = {region: builtin_documents[f"es/demo/{region}-back.pdf"] for region in ("lower", "mid", "upper")}
    docs["booklet"] = builtin_documents["es/demo/booklet.pdf"]
    docs["program"] = builtin_documents["es/program/spanish-a4-clinic.yaml"]
    return docs


def test_everything_renders_in_spanish_with_spanish_metadata(spanish):
    for name, data in spanish.items():
        pdf = reader(data)
        assert str(pdf.trailer["/Root"].get("/Lang")) == "es", name
        assert all(fonts(data).values()), name
    assert "Ejercicios para el dolor en la parte baja de la espalda" in all_text(spanish["lower"])
    assert "Ejercicios para una espalda sana" in all_text(spanish["booklet"])
    assert "Programa de ejercicios para María García López" in all_text(spanish["program"])


@pytest.mark.parametrize("layout", ["a4", "large-print", "compact", "print-friendly", "booklet", "booklet-a5"])
def test_every_builtin_layout_prints_every_region_in_spanish(tmp_path, layout):
    """Spanish runs about a fifth longer than English: every card must still fit a page of every layout."""
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    job = Job.load(layout=layout, clinic_file=None, catalog_dir=None, lang="es", output_dir=tmp_path)
    for region in ("lower", "mid", "upper"):
        assert "Cuánto" in all_text(render_region(job.context(), region)), region


def test_the_a5_booklet_prints_in_spanish(tmp_path):
    from handouts.jobs import Job
    from handouts.render.booklet import render_booklet

    job = Job.load(layout=None, clinic_file=ROOT / "assets" / "clinic-a4" / "clinic.yaml", catalog_dir=None,
                   lang="es", output_dir=tmp_path)
    data = render_booklet(job.context(booklet=True))
    name = job.catalog.exercises["hamstring-stretch-chair"].translations.es.name
    assert name in " ".join(all_text(data).split())


def english_fragments() -> set[str]:
    """Pieces of the English messages that would give away an untranslated page."""
    es_text = " ".join(s for v in messages("es").values() for s in strings(v))
    pieces = set()
    for value in messages("en").values():
        for text in strings(value):
            for part in re.split(r"{\w+}", text):
                part = part.strip(" .,:")
                if len(part) >= 5 and part not in es_text:
                    pieces.add(part)
    return pieces


def test_no_english_fixed_string_remains(spanish):
    fragments = english_fragments()
    assert len(fragments) > 60
    for name, data in spanish.items():
        text = all_text(data)
        leaks = sorted(f for f in fragments if f in text)
        assert not leaks, f"{name}: English left in the Spanish PDF: {leaks[:5]}"


def test_every_catalog_entry_has_its_spanish_texts(catalog):
    for exercise in catalog.exercises.values():
        es = exercise.translations.es
        assert es is not None, exercise.id
        assert es.name and es.summary
        assert len(es.steps) == len(exercise.steps), exercise.id
        assert len(es.cautions) == len(exercise.cautions), exercise.id
        for text in [es.summary, *es.steps, *es.cautions]:
            assert not re.search(r"\b(tu|tus|te)\b", text.lower()), f"{exercise.id}: use usted, not tú: {text}"


def test_summaries_say_what_the_exercise_does_not_order_it(catalog):
    """'Estira la espalda' under a title reads as a tú command ('Stretch your back!') beside the usted
    steps: a summary starts with its subject ('Este ejercicio estira…') or says what it is for ('Sirve para…')."""
    for exercise in catalog.exercises.values():
        summary = exercise.translations.es.summary
        assert re.match(r"(Este ejercicio|Sirve para) ", summary), f"{exercise.id}: {summary!r}"


def test_check_command_finds_nothing_missing(cli):
    for clinic in ("clinic", "clinic-a4"):
        result = cli("check", "--lang", "es", "--clinic", str(ROOT / "assets" / clinic))
        assert result.code == 0, result.stdout + result.stderr


def test_a_missing_translation_is_reported_and_falls_back_to_english(cli, tmp_path, catalog_copy):
    entry = catalog_copy / "neck-roll.yaml"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text[: text.index("translations:")], encoding="utf-8")
    result = cli("check", "--lang", "es", "--catalog", str(catalog_copy))
    assert result.code == 1
    assert re.search(r"neck-roll\.yaml:\d+: translations\.es\.name: no 'es' translation", result.stdout), result.stdout
    out = tmp_path / "out"
    printed = cli("region", "upper", "--lang", "es", "--catalog", str(catalog_copy), "-o", str(out))
    assert printed.code == 0
    assert "no 'es' translation for some fields of: neck-roll; printed in English" in printed.stderr
    assert "Neck roll" in all_text((out / "upper-back.pdf").read_bytes())


def test_accents_and_spanish_punctuation_come_back_out_of_the_pdf(tmp_path):
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    folder = tmp_path / "clinic"
    shutil.copytree(ROOT / "assets" / "clinic-a4", folder)
    profile = folder / "clinic.yaml"
    intro = "¿Tiene preguntas? ¡Llámenos! Añada la cigüeña: áéíóú ÁÉÍÓÚ ñÑ üÜ."
    text = profile.read_text(encoding="utf-8").replace(
        "    introduction: Su fisioterapeuta ha elegido estos ejercicios para usted. Hágalos con calma en casa y "
        "traiga sus preguntas a la próxima visita.", f"    introduction: \"{intro}\"")
    profile.write_text(text, encoding="utf-8")
    job = Job.load(layout=None, clinic_file=profile, catalog_dir=None, lang="es", output_dir=tmp_path)
    data = render_region(job.context(), "upper")
    extracted = all_text(data)
    assert intro in extracted
    assert "Clínica de Fisioterapia Núñez & Asociados" in extracted
    assert "Balanceo de rodillas" in all_text(render_region(job.context(), "lower"))


def test_numbers_and_dates_written_the_spanish_way():
    import datetime as dt

    from handouts.i18n import messages as load

    es, en = load("es"), load("en")
    assert es.date(dt.date(2026, 11, 21)) == "21 de noviembre de 2026"
    assert en.date(dt.date(2026, 11, 21)) == "November 21, 2026"
    assert es.number(1500) == "1500" and es.number(12500) == "12.500" and en.number(12500) == "12,500"
    assert es("dosage.hold", n=1) == "Mantenga 1 segundo."
    assert es("dosage.hold", n=20) == "Mantenga 20 segundos."
    assert es("dosage.repeat_each_side", n=1) == "Hágalo una vez por lado."
    assert es("key_points.program_minutes", n=12).startswith("Alrededor de 12 minutos al día")
    from handouts.schema.ranges import DoseRange

    assert es("dosage.hold", n=DoseRange(15, 20)) == "Mantenga de 15 a 20 segundos."
    assert en("dosage.times_a_day", n=DoseRange(2, 3)) == "Do this 2 to 3 times a day."


def spanish_scores(text: str) -> tuple[float, float]:
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(text), textstat.szigriszt_pazos(text)
    finally:
        textstat.set_lang("en")


def test_spanish_reading_level_is_fairly_easy_or_easier(catalog):
    huerta, pazos = [], []
    for exercise in catalog.exercises.values():
        fh, sp = spanish_scores(" ".join(exercise.translations.es.steps))
        assert fh >= 70, f"{exercise.id}: Fernández-Huerta {fh:.0f} is below 'fairly easy' (70)"
        assert sp >= 65, f"{exercise.id}: Szigriszt-Pazos {sp:.0f} is below 'fairly easy' (65)"
        huerta.append(fh)
        pazos.append(sp)
    assert statistics.mean(huerta) >= 75 and statistics.mean(pazos) >= 70


#: Words a patient in Spain or in Latin America would misread, each with the reason and what we say instead.
NEVER_IN_SPANISH = {
    r"\bp[áa]rese\b": "means 'stop' in Spain, beside 'Pare' on every card: 'Póngase de pie' / 'Manténgase erguido'",
    r"\btir[óo]n": "'un tirón' is a muscle strain in Spain: 'una tensión leve'",
    r"\bcoloc(ar|a|ó|á)?(se|rse|ándose)\b|\bcol[óo]quese\b": "'colocarse' is slang for getting high in Spain: 'ponerse en posición'",
    r"\bestira y afloja\b": "an idiom for a tug of war",
    r"(?<!fisio)\bterapeuta": "'terapeuta' suggests a psychotherapist: 'fisioterapeuta'",
    r"\bbanco\b": "'un banco' is a bench: 'asiento'",
    r"\bbarriga\b": "informal, and the other cards say 'abdomen'",
    r"\bvideo\b": "'vídeo' is the spelling in Spain and is accepted in Latin America",
    r"\bhacia delante\b": "we say 'hacia adelante' everywhere",
    r"\bprofesional:": "the label is 'Fisioterapeuta:'",
    r"\bnecesita:": "abrupt as a label: 'Material:'",
    r"\bvea la página\b": "page references are 'ver pág. N', like the bare numbers beside them",
    r"\bespalda (media|alta)\b": "the sections are 'Parte baja/media/alta de la espalda', like the titles",
    r"\bcrunch\b": "English: 'abdominal', 'encogimiento abdominal'",
    r"\bcuatro patas\b": "said of animals, and sexual slang in Latin America: 'Sobre manos y rodillas'",
    r"\bt[ií]r(e|a|ar|ando)\b": "'tirar' is 'to throw' in Mexico and Peru and vulgar in Chile and Argentina: 'acerque', 'lleve'",
    r"\b(pies? planos?|manos planas|antebrazos planos)\b": "'pie plano' is a diagnosis (flat foot): 'apoye bien las plantas de los pies'",
    r"\bfloj[oa]s?\b": "'flojo' is 'lazy' in Mexico: 'doble ligeramente las rodillas'",
    r"(?<!sitio )\bweb\b": "'la web' alone is jargon: 'sitio web'",
    r"\bcorreo:": "the label is 'Correo electrónico:'",
    r"\bal sitio\b": "'sitio' is a country house in Chile: 'al lugar'",
    r"\bpresi[óo]n alta\b": "ambiguous: 'la tensión o presión arterial alta (hipertensión)'",
    r"\bno pasa nada\b": "colloquial: 'No se preocupe si…'",
    r"\bparte de delante\b": "'la parte delantera'",
    r"\ben esta parte:": "the booklet's sections are 'secciones': 'En esta sección:'",
    r"\bficha\b": "never defined on the page: name the 'Cuánto hacer' box",
    r"\bd[ée]j(e|elas|elos)? caer\b": "'dejar caer' is dropping, beside 'despacio': 'Baje despacio'",
    r"\beche la cabeza\b": "'echar' the head back reads as a jerk: 'No lleve la cabeza hacia atrás'",
    r"\berguid[oa]s?\b|\b(acostad|tumbad|cansad|maread)[oa]s?\b|(?<!posición )\bsentad[oa]s?\b":
        "an adjective of the patient has a gender, and the patient may be a man or a woman: say it without one",
    r"fisioterapeuta:[^\n.]*, fisioterapeuta\b": "the title printed twice after its label",
    r"\b1 (vez|serie|paso|día|ejercicio)\b": "a digit in running text where the word reads better: 'una vez', 'un paso'",
    r"\b[AP]M\b": "English abbreviations, unusual in Spain: 'Mañana', 'Tarde'",
}


def test_region_names_say_the_same_thing_the_same_way():
    es = messages("es")
    assert [es[f"region.{r}.name"] for r in ("lower", "mid", "upper")] == [
        "Parte baja de la espalda", "Parte media de la espalda", "Parte alta de la espalda"]


def catalog_spanish_texts() -> list[tuple[str, str]]:
    """(where, text) for every Spanish text in the catalog and the message catalogue."""
    out = [(f"es.yaml {key}", text) for key, value in messages("es").items() for text in strings(value)]
    for path in sorted((ROOT / "assets" / "catalog").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        es = (data.get("translations") or {}).get("es") or {}
        for field, value in es.items():
            for text in (value if isinstance(value, list) else [value]):
                if isinstance(text, str):
                    out.append((f"{path.name} {field}", text))
                elif isinstance(text, dict):  # a safety or region text with its own fields
                    out += [(f"{path.name} {field}", str(t)) for t in text.values()]
    return out


@pytest.mark.parametrize("pattern", sorted(NEVER_IN_SPANISH))
def test_no_word_that_means_something_else_in_spain_or_latin_america(pattern, spanish):
    reason = NEVER_IN_SPANISH[pattern]
    for where, text in catalog_spanish_texts():
        assert not re.search(pattern, text, re.IGNORECASE), f"{where}: {text!r}: {reason}"
    for name, data in spanish.items():
        found = re.search(pattern, all_text(data), re.IGNORECASE)
        assert not found, f"{name}.pdf prints {found.group(0)!r}: {reason}"


def test_no_english_catalog_text_in_a_spanish_pdf(spanish, catalog):
    """Names, other names, summaries, steps and cautions: the first words of each would show a leak."""
    english = []
    for exercise in catalog.exercises.values():
        for text in [exercise.name, *exercise.also_known_as, exercise.summary, *exercise.steps, *exercise.cautions]:
            words = text.split()
            if len(words) >= 2:
                english.append(" ".join(words[:5]))
    assert len(english) > 200
    for name, data in spanish.items():
        text = all_text(data)
        leaks = sorted({e for e in english if e in text})
        assert not leaks, f"{name}: English catalog text in the Spanish PDF: {leaks[:5]}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_once_is_said_once(lang):
    """'Do it once.' beside 'Do this once a day.' (the inversion table) read as the same line twice."""
    from handouts.i18n import messages as load
    from handouts.models.catalog import Dosage
    from handouts.text import dosage_sentences

    m = load(lang)
    lines = dosage_sentences(Dosage(hold_seconds=30, repetitions=1, times_a_day=1), m)
    assert lines == [m("dosage.hold", n=30), m("dosage.times_a_day", n=1)]
    assert m("dosage.repeat", n=1) in dosage_sentences(Dosage(repetitions=1), m)


def test_the_footer_date_says_it_is_the_printing_date(spanish):
    assert re.search(r"Impreso el \d{1,2} de [a-z]+ de \d{4}", all_text(spanish["program"]))


def test_the_program_title_keeps_the_patients_name_on_one_line(spanish):
    from pdfcheck import page_texts

    lines = [" ".join(line.split()) for line in page_texts(spanish["program"])[0].splitlines()]
    assert "María García López" in lines, lines[:8]


def test_a_paragraph_never_ends_on_a_line_of_one_short_word():
    from reportlab.lib.styles import ParagraphStyle

    from handouts.render.para import paragraph

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=14)
    text = "Vuelva despacio al centro. Luego gire hacia la izquierda y mantenga la posición un rato."
    para = paragraph(text, style)
    width = 200.0
    para.wrap(width, 1000)
    last = para.blPara.lines[-1]
    words = last.words if hasattr(last, "words") else last[1]
    assert len(" ".join(w if isinstance(w, str) else w.text for w in words).split()) >= 2


def test_clinic_texts_left_in_english_are_noted_and_names_never_asked_for(cli, tmp_path):
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "clinic.yaml").write_text(
        "name: Lakeside Physio\nclinician: Dr. Ana Ruiz, PT\nopening_hours: [Monday to Thursday, 7 am to 7 pm]\n"
        "introduction: Welcome to our clinic.\ndisclaimer: Ask us before you start.\n", encoding="utf-8")
    booklet = cli("booklet", "--lang", "es", "-o", "out", cwd=folder)
    assert booklet.code == 0, booklet.stderr
    notes = [line for line in booklet.stderr.splitlines() if line.startswith("note: clinic.yaml:")]
    for field in ("opening_hours", "introduction", "disclaimer"):
        assert any(f"{field} has no 'es' translation, so it prints in English in this Spanish document" in n
                   for n in notes), (field, notes)
    assert not any("clinician" in n for n in notes), notes
    text = all_text((folder / "out" / "booklet.pdf").read_bytes())
    assert "Dr. Ana Ruiz, PT" in text and "Monday to Thursday" in text
    check = cli("check", "--lang", "es", cwd=folder)
    assert check.code == 1
    lines = [line for line in check.stdout.splitlines() if line.startswith("clinic.yaml:")]
    assert sorted(line.split(":")[2].strip() for line in lines) == ["disclaimer", "introduction", "opening_hours"]
    assert "clinician" not in check.stdout
    # translated: no notes, and check passes for the clinic
    with (folder / "clinic.yaml").open("a", encoding="utf-8") as f:
        f.write("translations:\n  es:\n    opening_hours: [Lunes a jueves, de 7 a 19 h]\n"
                "    introduction: Bienvenido.\n    disclaimer: Pregúntenos antes de empezar.\n")
    again = cli("booklet", "--lang", "es", "-o", "out", cwd=folder)
    assert again.code == 0 and "note: clinic.yaml" not in again.stderr, again.stderr
    assert not [line for line in cli("check", "--lang", "es", cwd=folder).stdout.splitlines()
                if line.startswith("clinic.yaml:")]


def test_a_number_never_ends_a_line_away_from_what_it_counts():
    """'Repita 3 / veces', '30 / centímetros': a number and the word after it share a line, in any language."""
    from reportlab.lib.styles import ParagraphStyle

    from handouts.render.para import paragraph

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=14)
    texts = ["No la suba más de unos 30 centímetros del suelo.", "Repita 3 veces de cada lado y haga 3 series.",
             "Hold for 20 seconds, then repeat 5 times."]
    checked = 0
    for text in texts:
        for width in range(110, 320, 4):  # from a width where each bound pair fits on a line
            para = paragraph(text, style)
            para.wrap(width, 1000)
            lines = [" ".join(w if isinstance(w, str) else w.text for w in (line.words if hasattr(line, "words")
                                                                              else line[1]))
                     for line in para.blPara.lines]
            for line in lines[:-1]:
                checked += 1
                assert not re.search(r"\d$", line.rstrip()), (text, width, lines)
    assert checked > 100


def test_the_clinicians_line_names_the_title_once(spanish):
    text = all_text(spanish["booklet"]) + all_text(spanish["program"])
    assert "Fisioterapeuta: Lucía Fernández Ortega" in all_text(spanish["program"])
    assert "Fisioterapeuta: Maya Okafor" in all_text(spanish["booklet"])
    assert not re.search(r"Fisioterapeuta: Dra?\. ", text)


def test_a_column_too_narrow_for_a_number_and_its_word_breaks_between_them_not_inside_a_word():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from handouts.render.para import paragraph, wrapped

    style = ParagraphStyle("box", fontName="Helvetica", fontSize=12, leading=14)
    text = "Mantenga la posición 30 segundos."
    width = stringWidth("30\u00a0segundos.", "Helvetica", 12) - 4  # 'segundos.' fits, the pair does not
    for para in (paragraph(text, style), wrapped(paragraph(text, style), width)[0]):
        para.wrap(width, 1000)
        words = [w for line in para.blPara.lines
                 for w in " ".join(x if isinstance(x, str) else x.text
                                   for x in (line.words if hasattr(line, "words") else line[1])).split()]
        assert words == text.split(), words


def test_the_spanish_booklet_takes_at_most_15_percent_more_pages_than_the_english(spanish, tmp_path):
    """Issue 19's paper target for the booklet (the region handouts and the A4 program: tests/test_paper.py)."""
    from handouts.jobs import Job
    from handouts.render.booklet import render_booklet

    from pdfcheck import page_texts

    job = Job.load(layout=None, clinic_file=None, catalog_dir=None, lang="en", output_dir=tmp_path)
    english = len(page_texts(render_booklet(job.context(booklet=True))))
    spanish_pages = len(page_texts(spanish["booklet"]))
    assert spanish_pages <= 1.15 * english, (spanish_pages, english)
