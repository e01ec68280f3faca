"""The exercise log says when an exercise is not done every day: its row has a box a day, the dose does not."""

from __future__ import annotations

import pytest

from pdfcheck import page_texts


def _log_text(path, lang: str = "en") -> str:
    from handouts.jobs import render_program_file

    texts = [" ".join(t.split()) for t in page_texts(render_program_file(path, lang=lang)[1])]
    week = "Week 1" if lang == "en" else "Semana 1"
    return next(t for t in texts if week in t).split(week, 1)[1]  # the grid, after the log's words


@pytest.mark.parametrize(("lang", "words"), [("en", "5 days a week"), ("es", "5 días a la semana")])
def test_a_row_names_the_days_a_week_of_its_dose(tmp_path, lang, words):
    """jane-doe's leg raise is done on 5 days a week: before, its row in the log looked like every other row, a
    box for each of 14 days, and nothing on the page said which boxes to leave empty."""
    path = tmp_path / "p.yaml"
    path.write_text("date: 2026-11-21\nexercises:\n  - id: supine-leg-raise\n    days_a_week: 5\n"
                    "    times_a_day: 1\n  - pelvic-tilt\n", encoding="utf-8")
    log = _log_text(path, lang)
    assert log.count(words) == 1, log
    assert log.index(words) > log.index("1.") and log.index(words) < log.index("2."), log  # under its own name


def test_an_every_day_dose_has_no_note(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("date: 2026-11-21\nexercises:\n  - id: pelvic-tilt\n    days_a_week: 7\n  - knee-roll\n",
                    encoding="utf-8")
    assert "a week" not in _log_text(path)


def test_the_note_fits_beside_a_row_of_several_lines_without_making_it_taller():
    from reportlab.lib.pagesizes import letter

    from handouts.jobs import Job
    from handouts.render.log import LogGrid, LogRow

    ctx = Job.load(layout=None, clinic_file=None, catalog_dir=None, lang="en", output_dir=None).context()
    plain = LogGrid(ctx, [LogRow("4. Leg raise lying on your back", ("AM", "Midday", "PM"))], 1, 14, 20.0)
    noted = LogGrid(ctx, [LogRow("4. Leg raise lying on your back", ("AM", "Midday", "PM"), note="5 days a week")],
                    1, 14, 20.0)
    once = LogGrid(ctx, [LogRow("4. Leg raise", note="5 days a week")], 1, 14, 20.0)
    width = letter[0] - 72
    assert noted.wrap(width, 600)[1] == plain.wrap(width, 600)[1]
    assert once.wrap(width, 600)[1] > LogGrid(ctx, [LogRow("4. Leg raise")], 1, 14, 20.0).wrap(width, 600)[1]
