"""``handouts check``: load everything a clinic prints from, and report what is missing or wrong.

Beyond what printing itself refuses (bad YAML, bad values), it reports fields without a
translation in the chosen language (printing falls back to English for those, with a note),
pose files that do not load, and characters the fonts cannot print.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from .errors import Problem, UserError
from .jobs import Job
from .models.catalog import Exercise
from .yamlio import SourceDoc

EXERCISE_FIELDS = ("name", "summary", "steps", "cautions")


def missing_translations(job: Job, lang: str) -> list[Problem]:
    """Every field with English text and no text in ``lang``."""
    if lang == "en":
        return []
    problems: list[Problem] = []
    catalog = job.catalog
    for exercise in catalog.exercises.values():
        doc = catalog.docs[exercise.id]
        translation = getattr(exercise.translations, lang, None)
        for field in EXERCISE_FIELDS:
            value = getattr(translation, field, None) if translation is not None else None
            if not value:
                problems.append(doc.problem(("translations", lang, field), f"no '{lang}' translation"))
            elif field in ("steps", "cautions") and len(value) != len(getattr(exercise, field)):
                problems.append(doc.problem(("translations", lang, field),
                                            f"has {len(value)} items; the English has {len(getattr(exercise, field))}"))
    for name, obj, fields in (("_safety.yaml", catalog.safety, ("title", "points")),):
        translation = getattr(obj.translations, lang, None)
        for field in fields:
            if translation is None or not getattr(translation, field):
                problems.append(Problem(str(catalog.folder / name), 0, f"translations.{lang}.{field}", f"no '{lang}' translation"))
        flags = getattr(translation, "red_flags", None)
        english = catalog.safety.red_flags
        flag_fields = ["title", "emergency_lead", "call_clinic", "call_clinic_no_phone", "points", "see_doctor"]
        flag_fields += [f"{group}.{key}" for group in ("emergency", "regions") for key in ("lower", "mid", "upper")]
        for field in flag_fields:
            if _field(english, field) and not _field(flags, field):
                problems.append(Problem(str(catalog.folder / name), 0, f"translations.{lang}.red_flags.{field}",
                                        f"no '{lang}' translation"))
    for region in ("lower", "mid", "upper"):
        intro = getattr(catalog.intros, region)
        translation = getattr(intro.translations, lang, None)
        if translation is None or not translation.introduction:
            problems.append(Problem(str(catalog.folder / "_regions.yaml"), 0, f"{region}.translations.{lang}.introduction",
                                    f"no '{lang}' translation"))
    problems += _clinic_translations(job.clinic, job.clinic_doc, lang)
    return problems


def _field(obj: object, path: str) -> object:
    """A dotted field of a model, or None where any part of the path is missing."""
    for name in path.split("."):
        obj = getattr(obj, name, None)
    return obj


def _clinic_translations(clinic: object, doc: SourceDoc, lang: str) -> list[Problem]:
    translation = getattr(clinic.translations, lang, None)  # type: ignore[attr-defined]
    problems = []
    # every text of the clinic that would print in English; people's names (the clinician) are never asked for
    for field in ("introduction", "disclaimer", "opening_hours", "red_flags"):
        if getattr(clinic, field) and not (translation is not None and getattr(translation, field)):
            problems.append(doc.problem((field,), f"no '{lang}' translation (it would print in English); "
                                                  f"add it under translations: {lang}: {field}:"))
    return problems


def unloadable_illustrations(job: Job) -> list[Problem]:
    from .figures.library import illustration_path, scene_for

    problems: list[Problem] = []
    for exercise in job.catalog.exercises.values():
        if exercise.image is not None:
            continue
        path = illustration_path(exercise.id, job.catalog.folder, exercise.illustration)
        if path is None:
            problems.append(job.catalog.docs[exercise.id].problem(("illustration",), "no picture: add "
                            f"illustrations/{exercise.id}.yaml or an image: file"))
            continue
        problems += _problems_of(partial(scene_for, path))
    return problems


def unprintable_text(job: Job, lang: str) -> list[Problem]:
    from .render.handout import check_clinic_glyphs, check_glyphs

    ctx = job.context(lang=lang)
    problems: list[Problem] = []
    exercises: list[Exercise] = list(job.catalog.exercises.values())
    for check in (lambda: check_glyphs(ctx, exercises), lambda: check_clinic_glyphs(ctx)):
        problems += _problems_of(check)
    return problems


def _problems_of(call: Callable[[], object]) -> list[Problem]:
    """The located problems ``call`` refuses with (none if it passes)."""
    try:
        call()
    except UserError as error:
        return [p for p in error.problems if isinstance(p, Problem)]
    return []


def run_check(job: Job, lang: str) -> list[Problem]:
    """Every problem found, once each, in file and line order."""
    found = [*unloadable_illustrations(job), *unprintable_text(job, lang), *missing_translations(job, lang)]
    return sorted(dict.fromkeys(found))


def check_programs(files: list[Path], *, layout: str | None, clinic_file: Path | None, catalog_dir: Path | None,
                   lang: str | None) -> tuple[list[Problem | str], list[str]]:
    """Everything printing these programs would refuse or note, each with its own clinic and layout;
    each program is laid out in memory and nothing is written."""
    from .jobs import load_program_job
    from .render.program import render_program

    problems: list[Problem | str] = []
    notices: list[str] = []
    checked: set[tuple[object, ...]] = set()
    for path in files:
        try:
            job, program = load_program_job(path, layout=layout, clinic_file=clinic_file, catalog_dir=catalog_dir,
                                             lang=lang, output_dir=Path("."))
            ctx = job.context()
            render_program(ctx, program)
        except UserError as error:
            problems += [p for p in error.problems if p not in problems]
            continue
        key = (job.clinic_doc.path, job.layout_ref, job.lang)
        if key not in checked:
            checked.add(key)
            problems += [p for p in run_check(job, job.lang) if p not in problems]
        notices += [n for n in [*job.notices, *ctx.notices] if n not in notices]
    return problems, notices
