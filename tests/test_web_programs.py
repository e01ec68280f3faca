"""The page's program and the program file, both ways, and the request guard (no browser needed)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

pytest.importorskip("flask", reason="the test extra installs flask")

from handouts.web import guard
from handouts.web.programs import Served, check, download_name, page_state, program_text

SERVED = Served(None, "standard", "standard", "en", "en")


def item(catalog, exercise_id: str, **changes):  # type: ignore[no-untyped-def]
    from handouts.web.programs import catalog_dose

    entry = catalog.exercises[exercise_id]
    return {"id": exercise_id, **catalog_dose(entry.dosage), "each_side": entry.dosage.each_side, "note": "", **changes}


def test_only_what_differs_from_the_catalog_is_written(catalog) -> None:
    state = {"patient": "yes", "date": "2026-11-21", "order": "as listed", "layout": "large-print", "lang": "en",
             "note": "Line one: gently\nline two", "exercises": [item(catalog, "cat-cow"),
                                                                   item(catalog, "pelvic-tilt", repetitions="8", note="At work: #2")]}
    text = program_text(state, catalog, SERVED)
    assert text.startswith("# yaml-language-server: $schema=file://") and "program.schema.json\n" in text
    assert "patient: 'yes'\n" in text  # quoted, or it would read as true
    assert "  - cat-cow\n" in text and "    repetitions: 8\n" in text and "hold_seconds" not in text
    assert "layout: large-print\n" in text and "lang:" not in text and "order: as listed\n" in text
    checked = check(text, catalog)
    assert checked.problems == [] and checked.program is not None
    assert checked.program.patient == "yes" and checked.program.note == "Line one: gently\nline two"
    assert checked.program.exercises[1].note == "At work: #2"
    back = page_state(checked.program, catalog, SERVED)
    assert back["exercises"] == state["exercises"] and back["note"] == state["note"] and back["layout"] == "large-print"


def test_problems_name_the_field_in_the_command_lines_words(catalog) -> None:
    state = {"date": "2026-11-21", "follow_up": "2026-11-01",
             "exercises": [item(catalog, "cat-cow", hold_seconds="500", sets="two")]}
    checked = check(program_text(state, catalog, SERVED), catalog)
    fields = {p.field: p.message for p in checked.problems}
    assert fields["exercises[1].hold_seconds"].startswith("500 is too large; the largest allowed is 120")
    assert "whole number" in fields["exercises[1].sets"]
    assert checked.program is None and checked.minutes is None
    empty = check(program_text({"exercises": []}, catalog, SERVED), catalog)
    assert [p.field for p in empty.problems] == ["exercises"]


def test_download_names() -> None:
    assert download_name({"patient": "Jane  O'Doe", "date": "2026-11-21"}, ".pdf") == "jane-o-doe-2026-11-21.pdf"
    assert download_name({"patient": "", "date": "bad"}, ".yaml") == "program.yaml"
    assert download_name({"patient": "José Núñez"}, ".yaml") == "josé-núñez.yaml"


def test_guard() -> None:
    allowed = guard.allowed_hosts("127.0.0.1", 8765)
    assert guard.host_refusal("127.0.0.1:8765", allowed) is None
    assert guard.host_refusal("LOCALHOST:8765", allowed) is None
    assert guard.host_refusal("evil.example:8765", allowed) is not None
    assert guard.host_refusal("127.0.0.1:9999", allowed) is not None
    assert guard.host_refusal(None, allowed) is not None
    token = guard.new_token()
    host = "127.0.0.1:8765"
    assert guard.token_refusal(token, token, None, None, host) is None
    assert guard.token_refusal(token, token, "http://127.0.0.1:8765", "same-origin", host) is None
    assert guard.token_refusal(None, token, None, None, host) is not None
    assert guard.token_refusal(token, token, "http://evil.example", None, host) is not None
    assert guard.token_refusal(token, token, None, "cross-site", host) is not None


def test_help_does_not_import_flask() -> None:
    code = ("import sys, handouts.cli; handouts.cli.main(['serve', '--help'], standalone_mode=False); "
            "print('flask' in sys.modules, 'reportlab' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False False")


def test_the_page_finds_the_clinic_as_the_command_line_does(tmp_path, monkeypatch, clinic_copy) -> None:  # type: ignore[no-untyped-def]
    from handouts.web.workspace import Workspace

    text = clinic_copy.read_text(encoding="utf-8").replace("name: Riverside Back & Spine Clinic", "name: Lakeside Physio")
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "clinic.yaml").write_text(text, encoding="utf-8")
    for name in ("logo.png", "logo.svg"):
        if (clinic_copy.parent / name).exists():
            (tmp_path / "here" / name).write_bytes((clinic_copy.parent / name).read_bytes())
    monkeypatch.delenv("HANDOUTS_CLINIC", raising=False)
    monkeypatch.chdir(tmp_path / "here")
    header = Workspace().header()
    assert header["clinic"] == "Lakeside Physio" and header["clinic_origin"] == "./clinic.yaml in this folder"
    assert not any("demo clinic" in n for n in header["notices"])
    monkeypatch.chdir(tmp_path)
    header = Workspace().header()
    assert header["clinic_origin"] == "the built-in demo clinic" and any("demo clinic" in n for n in header["notices"])
    monkeypatch.setenv("HANDOUTS_CLINIC", str(tmp_path / "here"))
    assert Workspace().header()["clinic"] == "Lakeside Physio"
    assert Workspace(layout="large-print").served.layout == "large-print"


def test_a_clinic_given_to_serve_is_named_in_the_saved_file(catalog) -> None:
    folder = ROOT / "assets" / "clinic-a4"
    served = Served(folder, "a4", "a4", "en", "en")
    text = program_text({"exercises": [item(catalog, "cat-cow")], "layout": "a4"}, catalog, served)
    assert f"clinic: {(folder / 'clinic.yaml').resolve()}\n" in text and "layout:" not in text
    checked = check(text, catalog)
    assert checked.problems == [] and checked.program is not None and checked.program.clinic == (folder / "clinic.yaml").resolve()


def test_ranges_where_the_schema_allows_them(catalog) -> None:
    from handouts.web.workspace import Workspace

    state = {"exercises": [item(catalog, "cat-cow", hold_seconds="15-20", repetitions="6 to 8", sets="2-3")]}
    text = program_text(state, catalog, SERVED)
    assert "hold_seconds: [15, 20]" in text and "repetitions: [6, 8]" in text and "sets: [2, 3]" in text
    fields = {p.field: p.message for p in check(text, catalog).problems}
    assert list(fields) == ["exercises[1].sets"]  # sets take one number; the message is the validator's
    state["exercises"][0]["sets"] = "2"
    checked = check(program_text(state, catalog, SERVED), catalog)
    assert checked.problems == [] and checked.program is not None
    assert page_state(checked.program, catalog, SERVED)["exercises"][0]["hold_seconds"] == "15-20"
    note = Workspace().range_note()
    assert note.startswith("Hold, repetitions") and "15-20" in note
