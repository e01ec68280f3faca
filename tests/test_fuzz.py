"""Property-based tests: generated catalog entries, layouts, clinic profiles and programs, valid and not.

Whatever the input, the outcome is either a PDF that passes the checks (qpdf, embedded fonts, a second
renderer, nothing outside the margins) or a user error with located problems, never any other exception.
The inputs include numbers that are not finite (.nan, .inf) and text that cannot wrap at a space.

The CI run is short; a long run is:  HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import shutil
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from pdfcheck import outside_margins, validate

settings.register_profile("ci", max_examples=20, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("long", max_examples=1500, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Text as clinics type it: letters with accents, punctuation, markup-looking bits, the odd emoji.
TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "S"]), max_size=120)
WORDS = st.sampled_from(["Lie on your back.", "Bend your knees.", "<b>bold</b> & <font size=200>", "Ñandú ¿qué? ¡sí!",
                         "x" * 90, "猫", "🐄", "", "   ", "Hold.\nNext line"])
# Numbers that are not finite, as YAML writes them (.nan, .inf, -.inf), and text too large to be a number.
NOT_FINITE = st.one_of(st.sampled_from([float("nan"), float("inf"), float("-inf"), "1e999in", "9" * 400]),
                       st.floats(allow_nan=True, allow_infinity=True))
# Text that cannot wrap at a space: a long name with none, in any script.
UNBREAKABLE = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N"]), min_size=30, max_size=80)
ANY = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12), st.floats(allow_nan=True),
              TEXT, WORDS),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["a", "id", "size"]), inner,
                                                                         max_size=3)),
    max_leaves=6,
)


def outcome(render) -> bytes | None:
    """Run; a user error is a fine outcome (it must name a location), anything else fails the test."""
    from handouts.errors import Problem, UserError

    try:
        return render()
    except UserError as error:
        assert error.problems
        for problem in error.problems:
            assert isinstance(problem, Problem | str)
            assert str(problem).strip()
        return None


def checked(data: bytes | None, margins: tuple[float, float, float, float] | None = None) -> None:
    if data is None:
        return
    validate(data, "fuzzed")
    if margins is not None:
        assert not outside_margins(data, *margins)


def base_entry() -> dict:
    return yaml.load((ROOT / "assets" / "catalog" / "neck-roll.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


ENTRY_FIELDS = ["id", "name", "also_known_as", "regions", "kind", "position", "equipment", "summary", "steps", "dosage",
                "cautions", "sources", "translations", "image", "illustration", "extra_field"]


@given(changes=st.dictionaries(st.sampled_from(ENTRY_FIELDS), st.one_of(ANY, st.lists(WORDS, min_size=1, max_size=7))),
       dropped=st.sets(st.sampled_from(ENTRY_FIELDS), max_size=3))
def test_fuzzed_catalog_entry(tmp_path_factory, changes, dropped):
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    folder = tmp_path_factory.mktemp("catalog") / "catalog"
    shutil.copytree(ROOT / "assets" / "catalog", folder)
    entry = base_entry()
    entry.update(changes)
    for name in dropped:
        entry.pop(name, None)
    (folder / "neck-roll.yaml").write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")

    def render() -> bytes:
        job = Job.load(layout=None, clinic_file=None, catalog_dir=folder, lang=None, output_dir=folder)
        return render_region(job.context(), "upper")

    checked(outcome(render))


LAYOUT_VALUES = {
    ("page", "size"): st.sampled_from(["letter", "a4", "a5", "half-letter", "legal", "200mm x 250mm", "a3", 5, "9x9in"]),
    ("page", "orientation"): st.sampled_from(["portrait", "landscape", "sideways"]),
    ("page", "margins", "left"): st.sampled_from(["0.5in", "10mm", 18, 0, "-1in", "3in", "wide"]),
    ("text", "body", "size"): st.one_of(st.integers(min_value=-5, max_value=72), st.floats(min_value=0, max_value=30),
                                        NOT_FINITE),
    ("text", "title", "size"): st.integers(min_value=6, max_value=80),
    ("text", "body", "leading"): st.floats(min_value=0.5, max_value=3),
    ("colors", "text"): st.sampled_from(["#000", "#ffffff", "#777777", "red", "#12345", "#1d5c85"]),
    ("colors", "background"): st.sampled_from(["#ffffff", "#000000", "#fdf6e3"]),
    ("cards", "columns"): st.integers(min_value=0, max_value=4),
    ("cards", "per_page"): st.integers(min_value=0, max_value=10),
    ("cards", "picture"): st.sampled_from(["auto", "left", "above", "none", "right"]),
    ("cards", "picture_width"): st.sampled_from(["10%", "40%", "95%", 0.5, "200%"]),
    ("blocks", "notes_lines"): st.integers(min_value=-1, max_value=45),
    ("blocks", "dosage"): st.sampled_from(["sentences", "table", "paragraph", "poem"]),
    ("order",): st.sampled_from(["catalog", "position", "random"]),
    ("grayscale",): st.booleans(),
    ("extends",): st.sampled_from(["standard", "compact", "large-print", "nope"]),
    ("cards", "padding"): st.one_of(NOT_FINITE, st.sampled_from([0, "4in", "2.5in", "1in", 10])),
    ("cards", "gap"): st.one_of(NOT_FINITE, st.sampled_from([0, "3in", 12])),
    ("cards", "corner_radius"): st.one_of(NOT_FINITE, st.sampled_from([0, "2in", 6])),
    ("header", "height"): st.one_of(NOT_FINITE, st.sampled_from([0, "9in", "2in", "0.5in"])),
    ("page", "margins", "top"): st.one_of(NOT_FINITE, st.sampled_from(["0.5in", "4in", "5.4in"])),
    ("text", "card_title", "size"): st.one_of(NOT_FINITE, st.integers(min_value=8, max_value=72)),
    ("lines", "border"): NOT_FINITE,
}


@given(st.dictionaries(st.sampled_from(sorted(LAYOUT_VALUES, key=str)), st.none(), max_size=6).flatmap(
    lambda keys: st.fixed_dictionaries({k: LAYOUT_VALUES[k] for k in keys})))
def test_fuzzed_layout(tmp_path_factory, values):
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    layout: dict = {}
    for path, value in values.items():
        target = layout
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value
    file = tmp_path_factory.mktemp("layout") / "layout.yaml"
    file.write_text(yaml.safe_dump(layout, allow_unicode=True), encoding="utf-8")

    def render() -> tuple[bytes, tuple[float, float, float, float]]:
        job = Job.load(layout=str(file), clinic_file=None, catalog_dir=None, lang=None, output_dir=file.parent)
        m = job.layout().page.margins
        return render_region(job.context(), "upper"), (m.left, m.right, m.top, m.bottom)

    result = outcome(render)
    if result is not None:
        checked(*result)


@given(name=st.one_of(TEXT, WORDS, UNBREAKABLE), phone=st.one_of(st.none(), TEXT, st.integers()),
       website=st.one_of(st.none(), TEXT, st.sampled_from(["javascript:alert(1)", "www.x.example\nevil",
                                                            "https://x.example/" + "a" * 150])),
       brand=st.one_of(st.none(), st.sampled_from(["#ffff00", "#000000", "#e0e0e0", "blue", "#abc", "nope"])),
       logo=st.sampled_from([None, "logo.png", "missing.png", "folder", "logo.svg", "clinic.yaml"]),
       video=st.one_of(st.none(), st.sampled_from(["https://x.example/{id}", "https://x.example/v", "{id}", "ftp://{id}"])),
       hours=st.lists(TEXT, max_size=3), lang=st.sampled_from(["en", "es", "fr"]))
def test_fuzzed_clinic(tmp_path_factory, name, phone, website, brand, logo, video, hours, lang):
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    folder = tmp_path_factory.mktemp("clinic")
    shutil.copy(ROOT / "assets" / "clinic" / "logo.png", folder / "logo.png")
    shutil.copy(ROOT / "assets" / "clinic-a4" / "logo.svg", folder / "logo.svg")
    (folder / "folder").mkdir()
    profile = {"name": name, "phone": phone, "website": website, "logo": logo, "video_url": video,
               "opening_hours": hours, "colors": {"brand": brand}, "lang": lang}
    (folder / "clinic.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")

    def render() -> bytes:
        job = Job.load(layout=None, clinic_file=folder / "clinic.yaml", catalog_dir=None, lang=None, output_dir=folder)
        return render_region(job.context(), "upper")

    checked(outcome(render), standard_margins())


def standard_margins() -> tuple[float, float, float, float]:
    from handouts.models.layout import load_layout

    m = load_layout("standard").page.margins
    return m.left, m.right, m.top, m.bottom


IDS = ["cat-cow", "cobra", "wall-sit", "neck-roll", "knee-roll", "pelvic-tilt", "inversion-table", "cat-cat", "", "Cobra"]


@given(items=st.lists(st.one_of(st.sampled_from(IDS), st.fixed_dictionaries(
           {"id": st.sampled_from(IDS)},
           optional={"hold_seconds": st.one_of(st.integers(-5, 700), NOT_FINITE),
                     "repetitions": st.one_of(st.integers(-1, 300), TEXT, NOT_FINITE),
                     "sets": st.integers(0, 12), "times_a_day": st.integers(0, 9), "each_side": st.one_of(st.booleans(), TEXT),
                     "note": st.one_of(TEXT, WORDS, UNBREAKABLE)})), max_size=9),
       patient=st.one_of(st.none(), TEXT, UNBREAKABLE), order=st.sampled_from(["position", "as listed", "alphabetical"]),
       note=st.one_of(st.none(), TEXT, WORDS, UNBREAKABLE))
def test_fuzzed_program(tmp_path_factory, items, patient, order, note):
    from handouts.jobs import render_program_file

    folder = tmp_path_factory.mktemp("program")
    program = {"exercises": items, "patient": patient, "clinician": patient, "order": order, "note": note}
    path = folder / "program.yaml"
    path.write_text(yaml.safe_dump(program, allow_unicode=True), encoding="utf-8")
    checked(outcome(lambda: render_program_file(path, output_dir=folder)[1]), standard_margins())


@given(st.one_of(st.binary(max_size=300), st.text(alphabet=string.printable + "\t&*!|>-:[]{}#'\"%@`ñ€", max_size=300)))
def test_fuzzed_raw_yaml_text(tmp_path_factory, content):
    """Any bytes as a clinic profile: a clean user error or a working profile, never a crash."""
    from handouts.jobs import Job

    folder = tmp_path_factory.mktemp("raw")
    path = folder / "clinic.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    outcome(lambda: Job.load(layout=None, clinic_file=path, catalog_dir=None, lang=None, output_dir=folder) and b"")


def test_deep_nesting_is_refused_quickly(tmp_path):
    """Nesting is refused at a fixed depth, before it is walked: the time does not grow with the depth.

    Each depth is timed in CPU time (other processes on the machine do not count), the best of five runs;
    100,000 levels may take no longer than 2 levels plus what reading 200 kB more costs."""
    import time

    from handouts.jobs import Job, load_catalog_dir

    load_catalog_dir(None)  # loaded once per process anyway: not part of what is timed

    def refuse(depth: int) -> float:
        path = tmp_path / f"clinic-{depth}.yaml"
        path.write_text("name: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
        best = float("inf")
        for _ in range(5):
            started = time.process_time()
            result = outcome(lambda: Job.load(layout=None, clinic_file=path, catalog_dir=None, lang=None,
                                              output_dir=Path(tmp_path)))
            best = min(best, time.process_time() - started)
            assert result is None, "a list is never a clinic's name"
        return best

    spent = {depth: refuse(depth) for depth in (1, 2, 70, 5000, 100_000)}
    assert max(spent.values()) < 0.25, f"CPU seconds to refuse, by depth: {spent}"
    assert spent[100_000] < 2 * spent[2] + 0.01, f"the time grows with the depth: {spent}"
