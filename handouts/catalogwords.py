"""An exercise described for a clinician choosing it: its default dose in words and its facts on one line.

Used by the terminal listing (`handouts catalog`) and the printable chooser (`catalog --pdf`), so
both say the same thing.
"""

from __future__ import annotations

from .i18n import messages
from .models.catalog import Exercise
from .text import dosage_sentences

DEFAULT_NAMES = {"hold_seconds": "hold", "repetitions": "repetitions", "sets": "sets", "each_side": "each side",
                 "times_a_day": "times a day", "days_a_week": "days a week",
                 "seconds_per_repetition": "seconds per repetition"}


def dose_in_words(exercise: Exercise) -> str:
    """'Hold for 5 seconds. Repeat 10 times. Do this once a day.'"""
    return " ".join(dosage_sentences(exercise.dosage, messages("en"))) or "No dose set."


def our_defaults(exercise: Exercise) -> str | None:
    """Which numbers are our conservative defaults (for the clinician to set), in words; None if none."""
    names = [DEFAULT_NAMES.get(name, name) for name in exercise.dosage.defaults]
    return f"our defaults, to review: {', '.join(names)}" if names else None


def facts(exercise: Exercise) -> str:
    """'lower, mid back · lying on back · mat'"""
    equipment = [e for e in exercise.equipment if e != "none"]
    return " \u00b7 ".join([f"{', '.join(exercise.regions)} back", exercise.position,
                            ", ".join(equipment) if equipment else "no equipment"])


SUPERVISED = "Supervised only: with a clinician's say-so first"
