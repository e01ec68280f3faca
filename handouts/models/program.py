"""A personal exercise program: chosen exercises, their own dosage, notes, for one patient."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Annotated, Literal

from ..errors import Problem, UserError
from ..schema.core import suggest, validate
from ..schema.model import model, replace, spec
from ..schema.ranges import Dose
from ..schema.types import YamlPath
from ..yamlio import PathKey, SourceDoc, load_yaml
from .catalog import Catalog, Dosage

Issues = list[tuple[PathKey, str]]

# The minutes-a-day estimate (README, "How long a program takes"):
SECONDS_PER_REPETITION = 4  # one repetition that is not held
HOLD_TRANSITION = 3  # moving into and out of a held position, per repetition
REST_BETWEEN_SETS = 15  # a short rest between rounds
CHANGEOVER = 30  # getting into position and reading the card, per exercise and session


@model
class ProgramExercise:
    """One exercise of the program, with the clinician's own dosage and note."""

    __scalar_field__ = "id"  # '- cat-cow' is short for '- id: cat-cow'

    id: str = spec(doc="The exercise's catalog id (see `handouts catalog`).", min_length=1, max_length=60)
    hold_seconds: Dose = spec(default=None, doc="Hold, in seconds, or a range such as [15, 20].", minimum=1, maximum=120,
                              why="a hold longer than 2 minutes is not a safe home exercise")
    repetitions: Dose = spec(default=None, doc="Repetitions (on each side when done on both sides), or a range such as [6, 8].",
                             minimum=1, maximum=50, why="more than 50 in a row tires the muscles and invites injury")
    sets: int | None = spec(default=None, doc="Rounds.", minimum=1, maximum=10, why="more than 10 rounds is not a home exercise")
    each_side: bool | None = spec(default=None, doc="Done on the left and on the right.")
    times_a_day: Dose = spec(default=None, doc="Times a day, or a range such as [2, 3].", minimum=1, maximum=6,
                             why="more than 6 times a day leaves no time to recover")
    days_a_week: int | None = spec(default=None, doc="Days a week.", minimum=1, maximum=7, why="a week has 7 days")
    note: str | None = spec(default=None, doc="A note for the patient on this exercise.", min_length=1, max_length=240)

    def dosage(self, base: Dosage) -> Dosage:
        """The catalog's dosage with this program's overrides."""
        changes = {name: getattr(self, name) for name in
                   ("hold_seconds", "repetitions", "sets", "each_side", "times_a_day", "days_a_week")
                   if getattr(self, name) is not None}
        return replace(base, **changes) if changes else base


@model
class Program:
    """A personal exercise program (one PDF)."""

    exercises: list[ProgramExercise] = spec(doc="The exercises, by catalog id, with optional dosage and note.",
                                            min_items=1, max_items=20)
    patient: str | None = spec(default=None, doc="The patient's name (leave out to print the program anonymously).", max_length=80)
    date: dt.date | None = spec(default=None, doc="The program's date (YYYY-MM-DD); default: today.")
    clinician: str | None = spec(default=None, doc="The clinician's name; default: the clinic profile's.", max_length=120)
    clinic: Annotated[Path | None, YamlPath] = spec(default=None, doc="Clinic profile (relative to this file); default: ./clinic.yaml, "
                                                                          "else $HANDOUTS_CLINIC, else the demo clinic.")
    layout: str | None = spec(default=None, doc="Layout name or path (relative to this file); default: the clinic's.")
    lang: Literal["en", "es"] | None = spec(default=None, doc="Language; default: the clinic's (the --lang option wins).")
    order: Literal["position", "as listed"] = spec(
        default="position", doc="'position' groups the exercises by body position (lying, hands and knees, kneeling, sitting, "
                        "standing) so the patient gets up and down as little as possible; 'as listed' keeps this order.")
    note: str | None = spec(default=None, doc="A general note from the clinician.", min_length=1, max_length=800)
    follow_up: dt.date | None = spec(default=None, doc="Date of the next visit (YYYY-MM-DD).")

    def validate(self) -> Issues:
        seen: dict[str, int] = {}
        issues: Issues = []
        for index, item in enumerate(self.exercises):
            if item.id in seen:
                issues.append((("exercises", index, "id"), f"'{item.id}' is already listed (exercise {seen[item.id] + 1})"))
            seen.setdefault(item.id, index)
        if self.date and self.follow_up and self.follow_up < self.date:
            issues.append((("follow_up",), "is before the program's date"))
        return issues


def load_program(path: Path) -> tuple[Program, SourceDoc]:
    return program_from_doc(load_yaml(path))


def program_from_doc(doc: SourceDoc) -> tuple[Program, SourceDoc]:
    """A parsed program file, validated (``handouts serve`` parses the page's program without a file)."""
    return validate(Program, doc, what="a program with at least: exercises"), doc


def check_ids(program: Program, doc: SourceDoc, catalog: Catalog) -> None:
    """Every exercise id names a catalog entry ('did you mean ...?' otherwise)."""
    problems: list[Problem] = []
    for index, item in enumerate(program.exercises):
        if item.id not in catalog.exercises:
            problems.append(doc.problem(("exercises", index, "id"),
                                        f"no exercise '{item.id}' in the catalog{suggest(item.id, catalog.exercises)}"))
    if problems:
        raise UserError(problems)


def exercise_seconds(dosage: Dosage) -> float:
    """Seconds one session of an exercise takes (see the constants above); a range counts its upper end."""
    sides = 2 if dosage.each_side else 1
    reps = dosage.repetitions or 1
    per_rep = (dosage.hold_seconds + HOLD_TRANSITION if dosage.hold_seconds
               else dosage.seconds_per_repetition or SECONDS_PER_REPETITION)
    return sides * dosage.sets * reps * per_rep + (dosage.sets - 1) * REST_BETWEEN_SETS + CHANGEOVER


def minutes_a_day(dosages: list[Dosage]) -> int:
    """Whole minutes a day, rounded up: each exercise's session time times its sessions a day."""
    seconds = sum(exercise_seconds(d) * (d.times_a_day or 1) for d in dosages)
    return max(1, math.ceil(seconds / 60))
