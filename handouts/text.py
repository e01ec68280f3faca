"""The words on the page: an exercise in the reader's language, and dosage in plain sentences."""

from __future__ import annotations

from typing import Any, NamedTuple

from .i18n import Messages
from .models.catalog import Dosage, Exercise


class ExerciseWords(NamedTuple):
    """An exercise's texts in one language; ``fallbacks`` lists fields that fell back to English."""

    name: str
    also_known_as: list[str]
    summary: str
    steps: list[str]
    cautions: list[str]
    fallbacks: tuple[str, ...] = ()


TRANSLATED_FIELDS = ("name", "summary", "steps", "cautions")


def localized(obj: Any, lang: str, fields: tuple[str, ...]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The fields of a catalog object in ``lang``, falling back to English field by field."""
    values = {name: getattr(obj, name) for name in fields}
    if lang == "en":
        return values, ()
    translation = getattr(obj.translations, lang, None)
    missing = []
    for name in fields:
        value = getattr(translation, name, None) if translation is not None else None
        original = values[name]
        if value is None or (value == [] and original):
            if original not in (None, [], ""):
                missing.append(name)
        else:
            values[name] = value
    return values, tuple(missing)


def exercise_words(exercise: Exercise, lang: str) -> ExerciseWords:
    values, missing = localized(exercise, lang, ("name", "also_known_as", "summary", "steps", "cautions"))
    # Other names are words of one language: with no translation there are none, never the English ones.
    if "also_known_as" in missing:
        values["also_known_as"] = []
    return ExerciseWords(**values, fallbacks=tuple(m for m in missing if m != "also_known_as"))


def dose_parts(dosage: Dosage) -> list[tuple[str, Any]]:
    """What a dose says, in order, as (part, number): the one rule behind every way a dose is printed (the
    card's sentences, the booklet's list), so that they always agree. Parts: hold, repeat,
    repeat_each_side, each_side, sets, times_a_day, every_day, days_a_week."""
    parts: list[tuple[str, Any]] = []
    if dosage.hold_seconds:
        parts.append(("hold", dosage.hold_seconds))
    if dosage.repetitions and not (dosage.repetitions == 1 and not dosage.each_side and dosage.times_a_day):
        # 'Do it once.' beside 'Do this once a day.' says the same thing twice
        parts.append(("repeat_each_side" if dosage.each_side else "repeat", dosage.repetitions))
    elif dosage.each_side:
        parts.append(("each_side", None))
    if dosage.sets > 1:
        parts.append(("sets", dosage.sets))
    if dosage.times_a_day:
        parts.append(("times_a_day", dosage.times_a_day))
    if dosage.days_a_week == 7:
        parts.append(("every_day", None))
    elif dosage.days_a_week:
        parts.append(("days_a_week", dosage.days_a_week))
    return parts


def dosage_sentences(dosage: Dosage, m: Messages) -> list[str]:
    """'Hold for 20 seconds.', 'Repeat 3 times on each side.', 'Do this 2 times a day.'"""
    lines = [m(f"dosage.{part}") if n is None else m(f"dosage.{part}", n=n) for part, n in dose_parts(dosage)]
    return [line for line in lines if line]


def dosage_rows(dosage: Dosage, m: Messages) -> list[tuple[str, str]]:
    """The same dosage as label/value rows for the dosage table."""
    rows = []
    side = (lambda v: m("dosage.table.each_side", value=v)) if dosage.each_side else (lambda v: v)
    if dosage.hold_seconds:
        rows.append((m("dosage.table.hold"), m("dosage.table.seconds", n=dosage.hold_seconds)))
    if dosage.repetitions:
        rows.append((m("dosage.table.repeat"), side(m("dosage.table.times", n=dosage.repetitions))))
    if dosage.sets > 1:
        rows.append((m("dosage.table.rounds"), m.number(dosage.sets)))
    if dosage.times_a_day:
        rows.append((m("dosage.table.per_day"), m.amount(dosage.times_a_day)))
    return rows
