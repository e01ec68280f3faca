"""The page's program (a JSON object of form fields) and the program file (YAML), both ways.

The page never validates or estimates anything itself: its fields are written out as the same
YAML that ``handouts program`` reads, and that text goes through the package's own parser and
validator. So the page, a saved file and the command line can never disagree, and a problem is
reported with the command line's words, at the field it names (``exercises[2].hold_seconds``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..errors import Problem, UserError
from ..models.catalog import Catalog, Dosage
from ..models.program import Program, minutes_a_day, program_from_doc
from ..paths import SCHEMA_DIR
from ..yamlio import SourceDoc, parse_yaml

#: The dose fields a program may set for an exercise, in the order the page shows them.
DOSE_FIELDS = ("hold_seconds", "repetitions", "sets", "each_side", "times_a_day", "days_a_week")
#: The program's own fields, in the order a saved file lists them (as in the README's example).
PROGRAM_FIELDS = ("patient", "date", "clinician", "clinic", "layout", "lang", "order", "note", "follow_up")
SCHEMA_COMMENT = f"# yaml-language-server: $schema={(SCHEMA_DIR / 'program.schema.json').as_uri()}\n"
RANGE = re.compile(r"^\s*(\d+)\s*(?:-|\u2013|to)\s*(\d+)\s*$")


class Served(NamedTuple):
    """What the page prints with unless its own fields say otherwise (the command line's choices)."""

    clinic: Path | None  # given with --clinic: saved files name it; None: found as the command line finds it
    layout: str  # the layout the page starts with
    clinic_layout: str  # what a program without 'layout:' gets
    lang: str  # the language the page starts with
    clinic_lang: str  # what a program without 'lang:' gets


class Checked(NamedTuple):
    """The page's program, as a file and, when it is valid, as a model with its minutes a day."""

    text: str
    doc: SourceDoc | None
    program: Program | None
    minutes: int | None
    problems: list[Problem]


def dose_text(value: Any) -> str:
    """A dose as the page shows it in a field: ``20``, ``15-20``, or nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "-".join(str(v) for v in value)
    low, high = getattr(value, "low", None), getattr(value, "high", None)
    if low is not None and high is not None:
        return f"{low}-{high}" if low != high else str(low)
    return str(value)


def catalog_dose(dosage: Dosage) -> dict[str, str]:
    return {name: dose_text(getattr(dosage, name)) for name in DOSE_FIELDS}


def _field_value(text: str) -> Any:
    """What a dose typed in a field means in YAML; anything odd is passed on for the validator to name."""
    text = text.strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    match = RANGE.match(text)
    if match:
        return [int(match.group(1)), int(match.group(2))]
    try:
        return float(text)
    except ValueError:
        return text


def _scalar(value: Any) -> str:
    """One value in YAML's own spelling (quoted when it would otherwise read as something else)."""
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return text.removesuffix("\n...\n").rstrip("\n")


def _date(text: str) -> Any:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def program_text(state: dict[str, Any], catalog: Catalog, served: Served) -> str:
    """The page's fields as a program file: only what differs from the catalog and the clinic is written."""
    lines = [SCHEMA_COMMENT]
    values: dict[str, Any] = {}
    for name in ("patient", "clinician", "note"):
        text = str(state.get(name) or "").strip()
        if text:
            values[name] = text
    for name in ("date", "follow_up"):
        text = str(state.get(name) or "").strip()
        if text:
            values[name] = _date(text)
    if served.clinic is not None:
        from ..discover import profile_file

        values["clinic"] = str(profile_file(served.clinic).resolve())
    layout = str(state.get("layout") or "").strip()
    if layout and layout != served.clinic_layout:
        values["layout"] = layout
    lang = str(state.get("lang") or "").strip()
    if lang and lang != served.clinic_lang:
        values["lang"] = lang
    order = str(state.get("order") or "position")
    if order != "position":
        values["order"] = order
    for name in PROGRAM_FIELDS:
        if name in values:
            value = values[name]
            if isinstance(value, str) and "\n" in value:
                lines.append(f"{name}: |-\n" + "".join(f"  {line}\n" for line in value.split("\n")))
            else:
                lines.append(f"{name}: {_scalar(value)}\n")
    lines.append("exercises:\n")
    items = state.get("exercises") or []
    if not items:
        lines[-1] = "exercises: []\n"
    for item in items:
        lines.append(_exercise_text(item, catalog))
    return "".join(lines)


def _exercise_text(item: dict[str, Any], catalog: Catalog) -> str:
    exercise_id = str(item.get("id") or "")
    entry = catalog.exercises.get(exercise_id)
    base = catalog_dose(entry.dosage) if entry is not None else {}
    changes: list[str] = []
    for name in DOSE_FIELDS:
        if name == "each_side":
            if "each_side" in item and entry is not None and bool(item["each_side"]) != entry.dosage.each_side:
                changes.append(f"    each_side: {'true' if item['each_side'] else 'false'}\n")
            continue
        text = str(item.get(name) if item.get(name) is not None else "").strip()
        if text and text != base.get(name, ""):
            changes.append(f"    {name}: {_scalar(_field_value(text))}\n")
    note = str(item.get("note") or "").strip()
    if note:
        changes.append(f"    note: {_scalar(note)}\n")
    if not changes:
        return f"  - {_scalar(exercise_id)}\n"
    return f"  - id: {_scalar(exercise_id)}\n" + "".join(changes)


def check(text: str, catalog: Catalog, name: str = "program.yaml") -> Checked:
    """Parse and validate a program file's text with the package's own loader; its minutes when valid."""
    from ..models.program import check_ids

    try:
        program, doc = program_from_doc(parse_yaml(text, Path(name)))
        check_ids(program, doc, catalog)
    except UserError as error:
        return Checked(text, None, None, None, [p if isinstance(p, Problem) else Problem(name, 0, "", p) for p in error.problems])
    dosages = [item.dosage(catalog.exercises[item.id].dosage) for item in program.exercises]
    return Checked(text, doc, program, minutes_a_day(dosages), [])


def page_state(program: Program, catalog: Catalog, served: Served) -> dict[str, Any]:
    """A valid program (an opened file) as the page's fields."""
    exercises = []
    for item in program.exercises:
        dose = catalog_dose(item.dosage(catalog.exercises[item.id].dosage))
        exercises.append({"id": item.id, **dose, "each_side": dose["each_side"] == "yes", "note": item.note or ""})
    return {
        "patient": program.patient or "",
        "date": program.date.isoformat() if program.date else "",
        "follow_up": program.follow_up.isoformat() if program.follow_up else "",
        "clinician": program.clinician or "",
        "note": program.note or "",
        "lang": program.lang or served.clinic_lang,
        "layout": program.layout or served.clinic_layout,
        "order": program.order,
        "exercises": exercises,
    }


def download_name(state: dict[str, Any], suffix: str) -> str:
    """``jane-doe-2026-12-01.yaml``: the patient and the date, in letters a file name can hold."""
    words = re.sub(r"[^\w]+", "-", str(state.get("patient") or "program").strip().lower(), flags=re.UNICODE).strip("-_")
    day = str(state.get("date") or "").strip()
    stem = "-".join(part for part in (words or "program", day if re.fullmatch(r"\d{4}-\d\d-\d\d", day) else "") if part)
    return f"{stem}{suffix}"
