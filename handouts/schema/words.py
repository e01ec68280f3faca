"""The words of validation messages: how a wrong value is shown, what a type is called, did-you-mean."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import typing
from typing import Any, get_origin

from ..yamlio import PathKey
from .model import is_model

__all__ = ["colon_hint", "describe", "fmt_number", "infinite", "normalise_choice", "not_finite", "pattern_words", "suggest", "type_words"]


def normalise_choice(text: str) -> str:
    """'Hands-and-Knees' and 'hands_and_knees' both mean 'hands and knees'."""
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or nothing."""
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {normalise_choice(o): o for o in options}
        close = [lowered[m] for m in difflib.get_close_matches(normalise_choice(word), list(lowered), n=1, cutoff=0.6)]
    return f" (did you mean '{close[0]}'?)" if close else ""


def colon_hint(value: Any, raw: typing.Mapping[PathKey, str], path: PathKey) -> str:
    """'- Monday: 8 to 6' is read as a mapping; say how to keep it a text."""
    if isinstance(value, dict) and len(value) == 1:
        (key, inner), = value.items()
        if isinstance(key, str) and isinstance(inner, (str, int, float)) and not isinstance(inner, bool):
            written = raw.get((*path, key), inner)
            return f'; the colon and space make it "key: value": put the whole text in double quotes: "{key}: {written}"'
    return ""


def describe(value: Any) -> str:
    """How a wrong value is shown in a message."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if value is None:
        return "an empty value"
    return str(value)


def type_words(tp: Any) -> str:
    """'a whole number', 'text', ... for messages."""
    origin = get_origin(tp)
    if tp is str:
        return "text"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a number"
    if tp is bool:
        return "yes or no"
    if tp is dt.date:
        return "a date (YYYY-MM-DD)"
    if origin is list:
        return "a list"
    if origin is dict or is_model(tp):
        return "a mapping (key: value lines)"
    return "a value"


def pattern_words(pattern: str) -> str:
    return {
        r"[a-z0-9]+(-[a-z0-9]+)*": "lowercase letters, digits and hyphens, e.g. cat-cow",
        r"[0-9]{2,6}": "2 to 6 digits, e.g. 911 or 112",
    }.get(pattern, pattern)


def fmt_number(number: float) -> str:
    if isinstance(number, int) and abs(number) >= 10**15:  # too large for a float: shown by its digits
        digits = str(abs(number))
        return f"{'-' if number < 0 else ''}{digits[0]}.{digits[1:4]}e+{len(digits) - 1}"
    if abs(number) >= 1e15:
        return f"{number:g}"
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def infinite(value: Any) -> bool:
    """A float that is not a number one can print with: .nan, .inf, -.inf."""
    return isinstance(value, float) and not math.isfinite(value)


def not_finite(raw: str | None, value: Any, expected: str) -> str:
    shown = raw.strip() if raw is not None else describe(value)
    return f"{shown} is not a finite number; expected {expected}"
