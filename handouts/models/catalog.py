"""The exercise catalog: one YAML file per exercise, plus catalog-wide texts.

A catalog folder holds ``<id>.yaml`` for each exercise and, optionally, ``_safety.yaml`` (the
general safety guidance) and ``_regions.yaml`` (each region's introduction). A clinic's own
catalog folder that lacks the two catalog-wide files uses the built-in ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from ..errors import Problem, Problems, UserError, display_path
from ..files import real
from ..schema.core import suggest, validate
from ..schema.model import model, spec
from ..schema.ranges import Dose
from ..schema.types import PhotoPath, YamlPath
from ..yamlio import SourceDoc, load_yaml

Region = Literal["lower", "mid", "upper"]
REGIONS: tuple[Region, ...] = ("lower", "mid", "upper")
Kind = Literal["stretch", "strength", "mobility", "posture"]
Position = Literal["lying on back", "lying on stomach", "hands and knees", "kneeling", "sitting", "standing"]
#: The order in which a program is done so that the patient gets up and down as little as possible.
POSITION_ORDER: tuple[Position, ...] = ("lying on back", "lying on stomach", "hands and knees", "kneeling", "sitting", "standing")
Equipment = Literal["none", "mat", "chair", "wall", "doorway", "pillow", "exercise ball", "inversion table"]

ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
STEP_MAX = 300
SHORT_TEXT_MAX = 240


@model
class Dosage:
    """How much and how often. Numbers are digits on the page, never arithmetic for the reader."""

    hold_seconds: Dose = spec(
        default=None, doc="Seconds to hold the position, or a range such as [15, 20]; empty when the exercise is not held.",
        minimum=1, maximum=120,
        why="a hold longer than 2 minutes is not a safe home exercise",
    )
    repetitions: Dose = spec(
        default=None, doc="How many times in a row (on each side when each_side is true), or a range such as [6, 8].",
        minimum=1, maximum=50,
        why="more than 50 in a row tires the muscles and invites injury",
    )
    sets: int = spec(default=1, doc="How many rounds of the repetitions, with a short rest between.", minimum=1, maximum=10,
                     why="more than 10 rounds is not a home exercise")
    each_side: bool = spec(default=False, doc="Done on the left and on the right.")
    times_a_day: Dose = spec(default=None, doc="How many times a day, or a range such as [2, 3].", minimum=1, maximum=6,
                                   why="more than 6 times a day leaves no time to recover")
    days_a_week: int | None = spec(default=None, doc="How many days a week (empty: every day).", minimum=1, maximum=7,
                                   why="a week has 7 days")
    seconds_per_repetition: int | None = spec(
        default=None, doc="Seconds one repetition takes when it is not held (for the minutes-a-day estimate).", minimum=1, maximum=60,
        why="one repetition takes at most a minute",
    )
    defaults: list[str] = spec(
        factory=list,
        doc="Which of these numbers are our conservative defaults rather than the sources' (so a clinician knows to set them).",
        unique=True,
    )

    def validate(self) -> list[tuple[tuple[str | int, ...], str]]:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        settable = {"hold_seconds", "repetitions", "sets", "each_side", "times_a_day", "days_a_week", "seconds_per_repetition"}
        for index, name in enumerate(self.defaults):
            if name not in settable:
                problems.append((("defaults", index), f"'{name}' is not a dosage field{suggest(name, sorted(settable))}"))
        return problems


@model
class ExerciseText:
    """The words of an exercise in one more language. Empty fields fall back to English, with a warning."""

    name: str | None = spec(default=None, doc="Name.", min_length=1, max_length=60)
    also_known_as: list[str] | None = spec(default=None, doc="Other names.", max_length=60)
    summary: str | None = spec(default=None, doc="One sentence: what it does for you.", min_length=1, max_length=SHORT_TEXT_MAX)
    steps: list[str] | None = spec(default=None, doc="The numbered steps.", min_items=3, max_items=6, min_length=1, max_length=STEP_MAX)
    cautions: list[str] | None = spec(default=None, doc="Cautions.", max_items=4, min_length=1, max_length=SHORT_TEXT_MAX)


@model
class ExerciseTranslations:
    es: ExerciseText | None = spec(default=None, doc="Spanish (usted form, plain words).")


@model
class Exercise:
    """One exercise of the catalog."""

    id: str = spec(doc="Identifier; equals the file name without .yaml.", pattern=ID_PATTERN, max_length=60)
    name: str = spec(doc="The name printed on the card.", min_length=1, max_length=60)
    regions: list[Region] = spec(doc="Which handouts it belongs to: lower, mid, upper.", min_items=1, unique=True)
    kind: Kind = spec(doc="stretch, strength, mobility or posture.")
    position: Position = spec(doc="The body position it is done in (programs are grouped by it).")
    summary: str = spec(doc="One sentence: what it does for you.", min_length=1, max_length=SHORT_TEXT_MAX)
    steps: list[str] = spec(doc="3 to 6 numbered steps, each one action, addressed to 'you'.", min_items=3, max_items=6,
                            min_length=1, max_length=STEP_MAX)
    dosage: Dosage = spec(doc="Hold, repetitions, sets, sides, times a day.")
    sources: list[str] = spec(doc="The source articles (file names) the facts come from.", min_items=1, unique=True)
    also_known_as: list[str] = spec(factory=list, doc="Other names the exercise goes by.", max_length=60, unique=True)
    equipment: list[Equipment] = spec(factory=lambda: ["none"], doc="What is needed: none, mat, chair, wall, ...", unique=True)
    cautions: list[str] = spec(factory=list, doc="Short safety points for this exercise.", max_items=4, min_length=1,
                               max_length=SHORT_TEXT_MAX)
    supervised: bool = spec(
        default=False, doc="Only with a clinician's say-so first (left out of the default region handouts; its card says so).")
    image: Annotated[Path | None, PhotoPath] = spec(default=None, doc="A picture file (PNG or JPEG) that replaces the drawn illustration.")
    illustration: Annotated[Path | None, YamlPath] = spec(
        default=None, doc="A pose file for the drawn illustration (default: illustrations/<id>.yaml).")
    translations: ExerciseTranslations = spec(factory=ExerciseTranslations, doc="The same texts in other languages.")

    def validate(self) -> list[tuple[tuple[str | int, ...], str]]:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        if "none" in self.equipment and len(self.equipment) > 1:
            problems.append((("equipment",), "'none' cannot be listed together with equipment"))
        return problems

    @property
    def needs(self) -> list[str]:
        return [item for item in self.equipment if item != "none"]


@model
class RegionSigns:
    """Warning signs that belong to one back region's documents (a booklet or a program prints the regions it covers)."""

    lower: list[str] = spec(factory=list, doc="Lower back.", max_items=6, min_length=1, max_length=SHORT_TEXT_MAX)
    mid: list[str] = spec(factory=list, doc="Mid back.", max_items=6, min_length=1, max_length=SHORT_TEXT_MAX)
    upper: list[str] = spec(factory=list, doc="Upper back.", max_items=6, min_length=1, max_length=SHORT_TEXT_MAX)


@model
class RegionSignsText:
    lower: list[str] | None = spec(default=None, doc="Lower back.", max_items=6, min_length=1, max_length=SHORT_TEXT_MAX)
    mid: list[str] | None = spec(default=None, doc="Mid back.", max_items=6, min_length=1, max_length=SHORT_TEXT_MAX)
    upper: list[str] | None = spec(default=None, doc="Upper back.", max_items=6, min_length=1, max_length=SHORT_TEXT_MAX)


@model
class RedFlagsText:
    title: str | None = spec(default=None, doc="Heading of the warning signs box.", min_length=1, max_length=80)
    emergency_lead: str | None = spec(default=None, doc="The line before the emergency signs.", min_length=1, max_length=120)
    emergency: RegionSignsText | None = spec(default=None, doc="The signs that need an ambulance, by region.")
    call_clinic: str | None = spec(default=None, doc="The line before the other signs; {phone} is the clinic's phone.",
                                   min_length=1, max_length=120)
    call_clinic_no_phone: str | None = spec(default=None, doc="The same, for a clinic with no phone in its profile.",
                                            min_length=1, max_length=120)
    regions: RegionSignsText | None = spec(default=None, doc="The other warning signs of each region.")
    points: list[str] | None = spec(default=None, doc="The other warning signs of every document.", min_items=1, max_items=10,
                                    min_length=1, max_length=SHORT_TEXT_MAX)
    see_doctor: str | None = spec(default=None, doc="When to see a doctor soon (not urgently).", min_length=1,
                                  max_length=SHORT_TEXT_MAX)


@model
class RedFlags:
    """The warning signs that need urgent care (NICE NG59, NHS): on every document, never split, never left out.

    A document prints, for the regions it covers, the signs that need an ambulance (``emergency``, after
    ``emergency_lead``: call the clinic's emergency number), then the other signs (``regions``, then ``points`` of every document, then
    the clinic's own, after ``call_clinic``: call the clinic today), then when to see a doctor."""

    title: str = spec(doc="Heading of the warning signs box.", min_length=1, max_length=80)
    emergency_lead: str | None = spec(
        default=None, doc="The line before the emergency signs ('Call {number} ... if:'); {number} is the clinic's emergency number.",
        min_length=1, max_length=120)
    emergency: RegionSigns = spec(factory=RegionSigns, doc="The signs that need an ambulance, by region.")
    call_clinic: str | None = spec(default=None, doc="The line before the other signs; {phone} is the clinic's phone.",
                                   min_length=1, max_length=120)
    call_clinic_no_phone: str | None = spec(default=None, doc="The same, for a clinic with no phone in its profile.",
                                            min_length=1, max_length=120)
    regions: RegionSigns = spec(factory=RegionSigns, doc="The other warning signs of each region.")
    points: list[str] = spec(doc="The other warning signs of every document, one a line.", min_items=1, max_items=10,
                             min_length=1, max_length=SHORT_TEXT_MAX)
    see_doctor: str = spec(doc="When to see a doctor soon (not urgently).", min_length=1, max_length=SHORT_TEXT_MAX)


@model
class SafetyText:
    title: str | None = spec(default=None, doc="Heading of the safety box.", min_length=1, max_length=80)
    points: list[str] | None = spec(default=None, doc="The points, one sentence or two each.", min_items=1, max_items=10,
                                    min_length=1, max_length=SHORT_TEXT_MAX)
    red_flags: RedFlagsText | None = spec(default=None, doc="The warning signs box.")


@model
class SafetyTranslations:
    es: SafetyText | None = spec(default=None, doc="Spanish.")


@model
class Safety:
    """The general safety guidance and the warning signs, printed on every handout, program and booklet."""

    title: str = spec(doc="Heading of the safety box.", min_length=1, max_length=80)
    points: list[str] = spec(doc="The points.", min_items=1, max_items=10, min_length=1, max_length=SHORT_TEXT_MAX)
    red_flags: RedFlags = spec(doc="The warning signs that need medical help right away.")
    translations: SafetyTranslations = spec(factory=SafetyTranslations, doc="Other languages.")


@model
class RegionText:
    introduction: str | None = spec(default=None, doc="Introduction.", min_length=1, max_length=600)


@model
class RegionTranslations:
    es: RegionText | None = spec(default=None, doc="Spanish.")


#: A region handout prints at most this many exercises (adherence falls as the number rises).
REGION_LIST_MAX = 8


@model
class RegionIntro:
    introduction: str = spec(doc="Two or three sentences under the handout's title.", min_length=1, max_length=600)
    exercises: list[str] = spec(
        factory=list, doc="The exercise ids the region's handout prints, in this order (empty: every exercise of the region).",
        max_items=REGION_LIST_MAX, unique=True, pattern=ID_PATTERN, max_length=60)
    translations: RegionTranslations = spec(factory=RegionTranslations, doc="Other languages.")


@model
class RegionIntros:
    """Each region's introduction and the exercises its handout prints."""

    lower: RegionIntro = spec(doc="Lower back.")
    mid: RegionIntro = spec(doc="Mid back.")
    upper: RegionIntro = spec(doc="Upper back.")


class Catalog:
    """The loaded catalog: exercises by id (in file order), the catalog-wide texts, and each entry's source."""

    def __init__(self, folder: Path, exercises: dict[str, Exercise], safety: Safety, intros: RegionIntros,
                 docs: dict[str, SourceDoc] | None = None):
        self.folder = folder
        self.exercises = exercises
        self.safety = safety
        self.intros = intros
        self.docs = docs or {}

    def in_region(self, region: str) -> list[Exercise]:
        """Every exercise of a region (the booklet's sections)."""
        return [e for e in self.exercises.values() if region in e.regions]

    def for_handout(self, region: str, chosen: list[str] | None = None, *, whole: bool = False) -> list[Exercise]:
        """The exercises a region handout prints: ``chosen`` (a clinic's own list, ids checked at load), else
        the catalog's list for the region (``_regions.yaml``), else every exercise of the region; with
        ``whole``, every exercise of the region (the booklet). A region with none is refused, never printed empty."""
        ids = [] if whole else (chosen or getattr(self.intros, region).exercises)
        exercises = [self.exercises[i] for i in ids if i in self.exercises] or self.in_region(region)
        if not exercises:
            raise UserError([Problem(display_path(self.folder), 0, "", f"no exercise in this catalog is for the {region} "
                                     f"back (regions: [{region}]); add one, or print only the other regions")])
        return exercises

    def problem(self, exercise_id: str, path: tuple[str | int, ...], message: str) -> Problem:
        return self.docs[exercise_id].problem(path, message)


def unknown_exercise(exercise_id: str, exercises: Mapping[str, Exercise]) -> str:
    return f"no exercise '{exercise_id}' in the catalog{suggest(exercise_id, exercises)}"


def _validate_file(cls: type, path: Path, what: str) -> tuple[Any, SourceDoc]:
    doc = load_yaml(path)
    return validate(cls, doc, what=what), doc


def load_catalog(folder: Path, builtin: Path | None = None) -> Catalog:
    """Load and validate every exercise in ``folder``; report all problems at once."""
    problems = Problems()
    if not folder.is_dir():
        raise UserError([Problem(str(folder), 0, "", "catalog folder not found" if not folder.exists() else "is not a folder")])
    files = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))
    files += sorted(p for p in folder.glob("*.yml") if not p.name.startswith("_"))
    exercises: dict[str, Exercise] = {}
    docs: dict[str, SourceDoc] = {}
    for path in files:
        try:
            exercise, doc = _validate_file(Exercise, path, "an exercise")
        except UserError as error:
            problems.absorb(error)
            continue
        if exercise.id != path.stem:
            problems.add(doc.problem(("id",), f"'{exercise.id}' differs from the file name '{path.stem}'; they must be the same"))
            continue
        if exercise.image is not None and not exercise.image.is_relative_to(real(folder)):
            problems.add(doc.problem(("image",), f'"{doc.data["image"]}" is outside the catalog folder; put the picture '
                                                 "in the catalog folder, next to the entry"))
            continue
        exercises[exercise.id] = exercise
        docs[exercise.id] = doc
    if not files:
        problems.add(Problem(str(folder), 0, "", "the catalog folder has no exercise files (*.yaml)"))

    def catalog_wide(name: str, cls: type, what: str) -> tuple[Any, SourceDoc | None]:
        path = folder / name
        if not path.exists() and builtin is not None:
            path = builtin / name
        try:
            return _validate_file(cls, path, what)
        except UserError as error:
            problems.absorb(error)
            return None, None

    safety, _ = catalog_wide("_safety.yaml", Safety, "the safety guidance")
    intros, regions_doc = catalog_wide("_regions.yaml", RegionIntros, "the region introductions")
    if intros is not None and regions_doc is not None and (folder / "_regions.yaml").exists():
        # the folder's own lists must name its exercises; the built-in lists, used by a catalog
        # folder without _regions.yaml, simply skip the entries that folder does not have
        present = {path.stem for path in files}  # an entry refused for its own problems is not reported twice
        for region in REGIONS:
            for index, exercise_id in enumerate(getattr(intros, region).exercises):
                if exercise_id not in present:
                    problems.add(regions_doc.problem(
                        (region, "exercises", index), unknown_exercise(exercise_id, exercises)))
    problems.raise_if_any()
    return Catalog(folder, exercises, safety, intros, docs)
