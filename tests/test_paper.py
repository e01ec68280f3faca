"""Paper a clinic can afford: full pages, short programs, a one-page log, a short booklet.

A page is measured by how far down its body the drawn content reaches between the header and the
footer bands (tests/pagefill.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pagefill import page_fills, underfilled

from conftest import ROOT
from pdfcheck import page_texts

PROGRAMS = sorted((ROOT / "examples" / "programs").glob("*.yaml"))


def job_for(layout: str | None = None, clinic: Path | None = None, booklet: bool = False):
    from handouts.jobs import Job

    return Job.load(layout=layout, clinic_file=clinic, catalog_dir=None, lang=None, output_dir=ROOT / "out",
                    booklet=booklet)


def band(job, booklet: bool = False) -> tuple[float, float]:
    from handouts.render.page import geometry

    geo = geometry(job.context(booklet=booklet))
    return geo.frame_top, geo.frame_bottom


def regions(layout: str | None = None) -> dict[str, bytes]:
    job = job_for(layout)
    return {path.stem: data for path, data in job.render_regions(["lower", "mid", "upper"]).items()}


def program(path: Path, layout: str | None = None) -> bytes:
    from handouts.jobs import render_program_file

    return render_program_file(path, layout=layout)[1]


def program_file(tmp_path: Path, ids: list[str], extra: str = "") -> Path:
    path = tmp_path / "p.yaml"
    path.write_text("patient: Test Patient\ndate: 2026-11-21\nexercises:\n" + "".join(f"  - {i}\n" for i in ids) + extra,
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def standard_regions() -> dict[str, bytes]:
    return regions()


@pytest.fixture(scope="module")
def booklet_pdf() -> bytes:
    from handouts.render.booklet import render_booklet

    return render_booklet(job_for(booklet=True).context(booklet=True))


def test_no_half_empty_page_in_the_main_job(standard_regions, booklet_pdf):
    top, bottom = band(job_for())
    for name, data in standard_regions.items():
        fills = page_fills(data, top, bottom)
        assert underfilled(fills) == [], (name, [round(f, 2) for f in fills])
    fills = page_fills(booklet_pdf, *band(job_for(booklet=True), booklet=True))
    assert underfilled(fills) == [], ("booklet", [round(f, 2) for f in fills])


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_no_half_empty_page_in_the_example_programs(path):
    from handouts.jobs import load_program_job

    job, _ = load_program_job(path, layout=None, clinic_file=None, catalog_dir=None, lang=None, output_dir=ROOT / "out")
    fills = page_fills(program(path), *band(job))
    assert underfilled(fills) == [], [round(f, 2) for f in fills]


def test_booklet_is_short_and_folds(booklet_pdf):
    texts = page_texts(booklet_pdf)
    assert len(texts) <= 36 and len(texts) % 4 == 0
    log_pages = [t for t in texts if "Exercise log" in t and "Week 1" in t]
    assert 1 <= len(log_pages) <= 2


def test_example_program_page_counts():
    counts = {path.stem: len(page_texts(program(path))) for path in PROGRAMS}
    assert counts["jane-doe"] <= 4  # 6 exercises
    assert all(count <= 4 for count in counts.values()), counts


def test_eight_exercise_program_fits_five_pages(tmp_path, catalog):
    ids = ["knee-to-chest", "pelvic-tilt", "partial-crunch", "knee-roll", "cat-cow", "seated-twist",
           "standing-back-bend", "wall-sit"]
    data = program(program_file(tmp_path, ids))
    texts = page_texts(data)
    assert len(texts) <= 5
    first = " ".join(texts[0].split())
    assert "How much" in first or "Exercise log" in first  # the first page carries exercises or the log


def test_log_is_one_page_for_twenty_exercises_over_two_weeks(tmp_path, catalog):
    ids = sorted(catalog.exercises)[:20]
    data = program(program_file(tmp_path, ids, "order: as listed\n"))
    texts = [" ".join(t.split()) for t in page_texts(data)]
    log_pages = [i for i, t in enumerate(texts) if "Week 1" in t]
    assert len(log_pages) == 1, log_pages
    page = texts[log_pages[0]]
    for number, exercise_id in enumerate(ids, 1):
        assert f"{number}. {catalog.exercises[exercise_id].name}"[:30] in page


def test_twice_a_day_gets_two_labelled_boxes_a_day(tmp_path):
    data = program(program_file(tmp_path, ["pelvic-tilt"], "").with_name("p.yaml"))
    assert "AM" not in " ".join(page_texts(data))
    path = tmp_path / "twice.yaml"
    path.write_text("date: 2026-11-21\nexercises:\n  - id: pelvic-tilt\n    times_a_day: 2\n  - knee-roll\n",
                    encoding="utf-8")
    text = " ".join(" ".join(t.split()) for t in page_texts(program(path)))
    assert "AM" in text and "PM" in text and "a line for each time" in text


def test_a_log_split_over_pages_has_no_leftover_rows():
    from handouts.render.log import LogGrid, LogRow

    ctx = job_for().context()
    grid = LogGrid(ctx, [LogRow(f"Exercise {i}") for i in range(25)], 1, 14, 20.0)
    grid.wrap(540, 10_000)
    parts = grid.split(540, grid.head_h + 22 * 20.5)  # room for 22 of the 25 rows
    assert [len(part.rows) for part in parts] == [13, 12]


def test_compact_saves_paper(standard_regions):
    compact = regions("compact")
    for name, data in compact.items():
        assert len(page_texts(data)) < len(page_texts(standard_regions[name])), name
    for path in PROGRAMS:
        assert len(page_texts(program(path, "compact"))) < len(page_texts(program(path))), path.stem


def test_large_print_keeps_one_card_a_page():
    for name, data in regions("large-print").items():
        for text in page_texts(data):
            assert text.count("How much") <= 1, name
