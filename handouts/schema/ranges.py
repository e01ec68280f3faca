"""A dose that may be a range: ``hold_seconds: 20`` or ``hold_seconds: [15, 20]``.

The source articles often give a range ("hold for 15 to 20 seconds", "6 to 8 times"). A range is
kept as a :class:`DoseRange`, an ``int`` whose value is its upper end, so that every sum made with
it (the minutes a day) counts the upper end without special cases; its lower end is ``low``. It
prints as "15 to 20" (see ``Messages``). A range whose ends are equal is just that number.
"""

from __future__ import annotations

from typing import Annotated, Any


class DoseRange(int):
    """From ``low`` to the value itself (the upper end), both whole numbers, ``low`` < upper end."""

    low: int

    def __new__(cls, low: int, high: int) -> DoseRange:
        obj = super().__new__(cls, high)
        obj.low = low
        return obj

    @property
    def high(self) -> int:
        return int(self)

    def __getnewargs__(self) -> tuple[int, int]:  # type: ignore[override]
        return (self.low, int(self))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DoseRange):
            return int(self) == int(other) and self.low == other.low
        return False  # never equal to a single number: 15 to 20 is not 20

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(("range", self.low, int(self)))

    def __repr__(self) -> str:
        return f"[{self.low}, {int(self)}]"

    def ends(self) -> tuple[int, int]:
        return self.low, int(self)


def ends_of(value: int) -> tuple[int, int]:
    """(low, high) of a number or a range."""
    return (value.low, int(value)) if isinstance(value, DoseRange) else (value, value)


class Amount:
    """The parser of a dose that is a whole number or a ``[low, high]`` range."""

    accepts_list = True

    @classmethod
    def parse(cls, value: Any) -> int:
        if isinstance(value, list):
            if len(value) != 2 or not all(_whole(v) for v in value):
                raise ValueError("a range is two whole numbers in brackets, lowest first, e.g. [15, 20]")
            low, high = (int(v) for v in value)
            if low > high:
                raise ValueError(f"[{low}, {high}] has its larger number first; write [{high}, {low}]")
            return low if low == high else DoseRange(low, high)
        if not _whole(value):
            shown = f'"{value}"' if isinstance(value, str) else repr(value)
            raise ValueError(f"{shown} is not a whole number; write digits, e.g. 10, or a range such as [15, 20]")
        return int(value)

    @classmethod
    def describe(cls) -> str:
        return "a whole number"  # the same words as for a plain number; a bad range says how to write one

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "integer"},
                {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
            ],
        }


def _whole(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, str):
        return value.strip().isdigit()
    return False


#: A dose field: a whole number, a range, or empty.
Dose = Annotated[int | None, Amount]
