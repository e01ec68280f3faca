"""Personal programs and batch printing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from pdfcheck import all_text, fonts, page_texts, reader


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


PROGRAM = """\
patient: Jane Doe
date: 2026-11-21
clinician: Dr. Maya Okafor, PT
exercises:
  - id: standing-back-bend
    repetitions: 7
    times_a_day: 3
    note: At work, do these after long sitting.
  - id: knee-to-chest
    hold_seconds: 25
  - pelvic-tilt
  - id: cat-cow
    repetitions: 9
note: Start gently.
follow_up: 2026-12-05
"""


def render(path: Path, **options) -> bytes:
    from handouts.jobs import render_program_file

    return render_program_file(path, output_dir=path.parent / "out", **options)[1]


def test_a_program_prints_its_own_dosage_notes_and_details(tmp_path):
    data = render(write(tmp_path, "jane.yaml", PROGRAM))
    text = all_text(data)
    assert "Exercise program for Jane Doe" in text
    assert "Dr. Maya Okafor, PT" in text and "Next visit: December 5, 2026" in text
    assert "Repeat 7 times." in text and "Do this 3 times a day." in text  # standing back bend overrides
    assert "Hold for 25 seconds." in text  # knee to chest override
    assert "Repeat 9 times." in text
    assert "At work, do these after long sitting." in text and "Start gently." in text
    assert re.search(r"About \d+ minutes a day", text)
    assert "Before you start" in text and "Exercise log" in text
    assert all(fonts(data).values())


def test_grouped_by_position_unless_the_program_says_otherwise(tmp_path):
    def order(data: bytes) -> list[str]:
        text = all_text(data)
        names = ["Knee to chest stretch", "Pelvic tilt", "Cat-cow", "Standing back bend"]
        return sorted(names, key=lambda n: text.index(f". {n}"))

    grouped = render(write(tmp_path, "a.yaml", PROGRAM))
    assert order(grouped) == ["Knee to chest stretch", "Pelvic tilt", "Cat-cow", "Standing back bend"]
    listed = render(write(tmp_path, "b.yaml", PROGRAM + "order: as listed\n"))
    assert order(listed) == ["Standing back bend", "Knee to chest stretch", "Pelvic tilt", "Cat-cow"]


def test_log_rows_are_the_programs_exercises(tmp_path):
    data = render(write(tmp_path, "jane.yaml", PROGRAM))
    texts = [" ".join(t.split()) for t in page_texts(data)]
    logs = [t for t in texts if "Exercise log" in t and "Week 1" in t]
    assert len(logs) == 1
    for number, name in enumerate(["Knee to chest stretch", "Pelvic tilt", "Cat-cow", "Standing back bend"], 1):
        assert f"{number}. {name}" in logs[0]


def test_minutes_formula_on_a_worked_example():
    from handouts.models.catalog import Dosage
    from handouts.models.program import exercise_seconds, minutes_a_day

    held = Dosage(hold_seconds=20, repetitions=3, each_side=True, times_a_day=2)
    # 2 sides x 1 set x 3 repetitions x (20 s hold + 3 s in and out) + 30 s changeover = 168 s
    assert exercise_seconds(held) == 168
    moving = Dosage(repetitions=10, sets=2, times_a_day=1)
    # 1 side x 2 sets x 10 x 4 s + 1 rest of 15 s + 30 s = 125 s
    assert exercise_seconds(moving) == 125
    # 168 s twice a day + 125 s once = 461 s: 7.7 minutes, printed as 8
    assert minutes_a_day([held, moving]) == 8


def test_anonymous_program(tmp_path):
    data = render(write(tmp_path, "anon.yaml", "exercises: [cat-cow, cobra]\n"))
    text = all_text(data)
    assert "Your exercise program" in text
    assert "Patient" not in text


def test_unknown_exercise_id_suggests_the_right_one(cli, tmp_path):
    path = write(tmp_path, "p.yaml", "exercises:\n  - cat-cow\n  - id: pelvic-tlit\n")
    result = cli("program", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 1 and "Traceback" not in result.stderr
    assert re.search(r"p\.yaml:3: exercises\[2\]\.id: no exercise 'pelvic-tlit' in the catalog \(did you mean 'pelvic-tilt'\?\)",
                     result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("hold_seconds: 600", r"hold_seconds: 600 is too large; the largest allowed is 120 \(a hold longer than 2 minutes"),
        ("repetitions: 200", r"repetitions: 200 is too large; the largest allowed is 50 \(more than 50 in a row"),
        ("repetitions: 0", r"repetitions: 0 is too small; the smallest allowed is 1"),
        ("sets: -2", r"sets: -2 is too small"),
        ("times_a_day: twice", r'times_a_day: "twice" is not a whole number'),
    ],
)
def test_dosage_out_of_bounds_is_refused_with_its_reason(cli, tmp_path, line, message):
    path = write(tmp_path, "p.yaml", f"exercises:\n  - id: cat-cow\n    {line}\n")
    result = cli("program", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert re.search(r"p\.yaml:3: exercises\[1\]\." + message, result.stderr), result.stderr


def test_batch_prints_the_good_ones_and_reports_the_bad_one(cli, tmp_path):
    folder = tmp_path / "programs"
    for name in ("a", "b", "c"):
        write(folder, f"{name}.yaml", f"patient: Patient {name}\nexercises: [cat-cow, pelvic-tilt]\n")
    write(folder, "broken.yaml", "exercises:\n  - id: cat-cwo\n")
    out = tmp_path / "out"
    result = cli("batch", str(folder), "-j", "2", "-o", str(out))
    assert result.code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "b.pdf", "c.pdf"]
    assert "failed: " in result.stderr and "broken.yaml" in result.stderr
    assert "no exercise 'cat-cwo' in the catalog (did you mean 'cat-cow'?)" in result.stderr
    assert "3 written, 1 failed" in result.stdout


def test_batch_refuses_two_programs_with_the_same_output_before_writing(cli, tmp_path):
    write(tmp_path / "x", "same.yaml", "exercises: [cat-cow]\n")
    write(tmp_path / "y", "same.yaml", "exercises: [cobra]\n")
    write(tmp_path / "x", "other.yaml", "exercises: [cobra]\n")
    out = tmp_path / "out"
    result = cli("batch", str(tmp_path / "x"), str(tmp_path / "y"), "-o", str(out))
    assert result.code == 1
    assert re.search(r"same\.pdf: would be written by 2 programs", result.stderr), result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_batch_with_two_processes_writes_the_same_bytes_as_one(cli, tmp_path):
    folder = tmp_path / "programs"
    ids = ["cat-cow", "cobra", "wall-sit", "neck-roll", "knee-roll", "pelvic-tilt", "shoulder-roll", "seated-twist"]
    for number in range(6):
        chosen = ids[number:] + ids[:number]
        write(folder, f"p{number}.yaml", "exercises:\n" + "".join(f"  - id: {i}\n    repetitions: {3 + number}\n"
                                                                     for i in chosen))
    one, two = tmp_path / "one", tmp_path / "two"
    assert cli("batch", str(folder), "-j", "1", "-o", str(one)).code == 0
    assert cli("batch", str(folder), "-j", "2", "-o", str(two)).code == 0
    for pdf in sorted(one.iterdir()):
        assert pdf.read_bytes() == (two / pdf.name).read_bytes(), pdf.name
    assert len(reader((one / "p0.pdf").read_bytes()).pages) >= 3


def test_example_programs_are_valid(tmp_path):
    from handouts.jobs import load_program_job

    for path in sorted((ROOT / "examples" / "programs").glob("*.yaml")):
        _, program = load_program_job(path, layout=None, clinic_file=None, catalog_dir=None, lang=None,
                                      output_dir=tmp_path)
        assert program.exercises


def test_a_busy_process_writes_the_same_bytes_as_a_fresh_one(cli, tmp_path):
    """Fonts, pictures and drawn paragraphs are reused across the documents of a batch. A program
    printed after others is byte-for-byte the program printed alone, even when the documents use
    their fonts in another order (d: no clinic name in the header, so its first font is the regular
    one) and number letters outside the usual alphabet differently (a: 'Ø' before 'ë')."""
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    (clinic / "clinic.yaml").write_text("name: Clínica Ørsted Straße\nphone: 555 0100 (Ørsted)\n", encoding="utf-8")
    (tmp_path / "no-name.yaml").write_text("extends: standard\nheader: {clinic_name: false, phone: false}\n",
                                           encoding="utf-8")
    folder = tmp_path / "programs"
    exercises = "exercises:\n  - id: cat-cow\n    repetitions: 7\n  - knee-to-chest\n  - cobra\n"
    files = [
        write(folder, "a.yaml", f"clinic: {clinic / 'clinic.yaml'}\npatient: Zoë\n{exercises}"
                                "  - id: wall-sit\n    note: Señal de alarma, ç\n"),
        write(folder, "b.yaml", f"clinic: {ROOT / 'assets' / 'clinic-a4' / 'clinic.yaml'}\nlayout: large-print\n"
                                "lang: es\nexercises: [knee-to-chest, ball-bridge, seated-twist]\n"),
        write(folder, "c.yaml", PROGRAM),
        write(folder, "d.yaml", f"patient: Zoë\nlayout: {tmp_path / 'no-name.yaml'}\n{exercises}"),
    ]
    busy = tmp_path / "busy"
    result = cli("batch", *map(str, files), "-j", "1", "-o", str(busy))
    assert result.code == 0, result.stderr
    for path in files:
        alone = tmp_path / f"alone-{path.stem}"
        assert cli("program", str(path), "-o", str(alone)).code == 0
        assert (busy / f"{path.stem}.pdf").read_bytes() == (alone / f"{path.stem}.pdf").read_bytes(), path.name
    assert "Zoë" in all_text((busy / "d.pdf").read_bytes())
