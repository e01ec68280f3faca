"""Languages and the message catalogue.

Every fixed string printed on a page comes from ``handouts/locales/<lang>.yaml``; code only
names keys. A message may have plural forms (``one`` / ``other``) and ``{placeholders}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from .reuse import REUSE

LANGS: tuple[str, ...] = ("en", "es")
Lang = Literal["en", "es"]
DEFAULT_LANG = "en"
LANG_TAGS = {"en": "en-US", "es": "es"}

LOCALES_DIR = Path(__file__).parent / "locales"


class Messages:
    """One language's messages: ``messages("dosage.hold", n=20)``."""

    def __init__(self, lang: str, table: Mapping[str, Any]):
        self.lang = lang
        self.table = table

    def __call__(self, key: str, n: int | None = None, **values: Any) -> str:
        entry = self.table.get(key)
        if entry is None:
            raise KeyError(f"message {key!r} missing from locales/{self.lang}.yaml")
        if isinstance(entry, dict):
            form = "one" if n == 1 and "one" in entry else "other"
            entry = entry[form]
        if n is not None:
            values["n"] = self.amount(n)
        return str(entry).format(**values) if values else str(entry)

    def get(self, key: str) -> Any:
        return self.table[key]

    def number(self, n: float) -> str:
        """Digits the way the reader expects them: 1,500 in English, 1500 / 12.500 in Spanish."""
        if isinstance(n, float) and not n.is_integer():
            text = f"{n:.1f}"
            return text.replace(".", ",") if self.lang == "es" else text
        value = int(n)
        if self.lang == "es":
            # Spanish style (RAE): no separator for four digits, a point from five digits up.
            return f"{value:,}".replace(",", ".") if abs(value) >= 10000 else str(value)
        return f"{value:,}"

    def amount(self, n: float) -> str:
        """A number, or a dose range (schema.ranges.DoseRange) as "15 to 20"."""
        low = getattr(n, "low", None)
        if low is None:
            return self.number(n)
        return str(self.table["number_range"]).format(low=self.number(low), high=self.number(n))

    def date(self, day: dt.date) -> str:
        months = self.table["date.months"]
        return str(self.table["date.format"]).format(day=day.day, month=months[day.month - 1], year=day.year)

    def short_date(self, day: dt.date) -> str:
        return str(self.table["date.short_format"]).format(day=day.day, month=day.month, year=day.year)


@REUSE.memo("messages", 8)
def messages(lang: str) -> Messages:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(LOCALES_DIR / f"{lang}.yaml", encoding="utf-8") as handle:
        table = yaml.load(handle, Loader=loader)
    return Messages(lang, _flatten(table))


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested sections become dotted keys; a mapping with 'one'/'other' stays a plural form."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and not {"one", "other"} >= set(value):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out
