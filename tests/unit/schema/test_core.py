"""schema/core.py: how a YAML document becomes a model, field rule by field rule, and what each wrong value says.

Each test builds a small model and a document from YAML text (no files, no rendering), so a failure
points at one rule of the validator.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pytest

from handouts.errors import UserError
from handouts.schema.core import validate
from handouts.schema.model import model, spec
from handouts.schema.types import Length
from handouts.yamlio import parse_yaml


@model
class Dose:
    sets: int = spec(default=1, doc="Sets.", minimum=1, maximum=10)
    hold: float = spec(default=0.0, doc="Seconds.", minimum=0, maximum=120, why="a long hold is a rest")


@model
class Entry:
    """A small model with one field of each kind the validator knows."""

    id: str = spec(doc="The id.", pattern=r"[a-z0-9]+(-[a-z0-9]+)*")
    name: str = spec(default="", doc="Name.", max_length=20)
    position: Literal["lying", "sitting", "hands and knees"] = spec(default="lying", doc="Position.")
    regions: list[str] = spec(factory=list, doc="Regions.", min_items=1, max_items=3, unique=True)
    daily: bool = spec(default=True, doc="Every day.")
    since: dt.date | None = spec(default=None, doc="Start date.")
    dose: Dose = spec(factory=Dose, doc="The dose.")
    gap: Length = spec(default=6.0, doc="A length.")
    notes: dict[str, str] = spec(factory=dict, doc="Free notes.")


def load(text: str) -> Entry:
    return validate(Entry, parse_yaml(text, None), what="an entry")


def problems(text: str) -> list[str]:
    with pytest.raises(UserError) as caught:
        load(text)
    return [str(p) for p in caught.value.problems]


def test_a_good_document_gives_the_model_with_defaults_filled_in():
    entry = load("id: cat-cow\nregions: [lower]\nsince: 2026-03-01\ndose: {sets: 2}\ngap: 0.25in\n")
    assert entry.id == "cat-cow"
    assert entry.regions == ["lower"]
    assert entry.since == dt.date(2026, 3, 1)
    assert entry.dose == Dose(sets=2, hold=0.0)  # value equality: a nested model with its own default
    assert entry.gap == pytest.approx(18.0)  # a quarter inch, in points
    assert entry.position == "lying" and entry.daily is True and entry.notes == {}


def test_models_compare_and_hash_by_value():
    one, two = load("id: a\nregions: [lower]\n"), load("id: a\nregions: [lower]\n")
    assert one == two and one is not two
    assert hash(one.dose) == hash(two.dose)
    assert load("id: b\nregions: [lower]\n") != one


def test_every_problem_of_a_document_is_reported_at_once_with_its_line():
    found = problems("id: Cat Cow\nname: x\nsets: 3\ndaily: maybe\nregions: []\n")
    assert found == [
        '<input>:1: id: "Cat Cow" does not have the expected form (lowercase letters, digits and hyphens, e.g. cat-cow)',
        "<input>:3: sets: unknown key",
        '<input>:4: daily: expected yes or no (true or false), got "maybe"',
        "<input>:5: regions: needs at least 1 item, has 0",
    ]


def test_a_missing_required_field_is_named():
    assert any("missing required field 'id'" in p for p in problems("name: x\nregions: [lower]\n"))


def test_an_unknown_key_suggests_the_close_one():
    assert any("unknown key (did you mean 'regions'?)" in p for p in problems("id: a\nregoins: [lower]\n"))


def test_choices_ignore_case_spaces_hyphens_and_underscores():
    assert load("id: a\nregions: [lower]\nposition: Hands_and-Knees\n").position == "hands and knees"
    found = problems("id: a\nregions: [lower]\nposition: siting\n")
    assert any('"siting" is not one of: lying, sitting, hands and knees (did you mean \'sitting\'?)' in p for p in found)


def test_numbers_keep_to_their_limits_and_say_why():
    assert any("0 is too small; the smallest allowed is 1" in p for p in problems("id: a\nregions: [x]\ndose: {sets: 0}\n"))
    found = problems("id: a\nregions: [x]\ndose: {hold: 300}\n")
    assert any("300 is too large; the largest allowed is 120 (a long hold is a rest)" in p for p in found)
    assert any("is not a whole number" in p for p in problems("id: a\nregions: [x]\ndose: {sets: 2.5}\n"))
    assert any("is not a finite number" in p for p in problems("id: a\nregions: [x]\ndose: {hold: .nan}\n"))


def test_a_number_is_shown_as_it_was_written():
    # 'sets: 0x10' is sixteen to YAML; the message quotes the file, not the converted value
    assert any("0x10 is too large" in p for p in problems("id: a\nregions: [x]\ndose: {sets: 0x10}\n"))


def test_lists_refuse_duplicates_and_too_many_items_and_accept_a_single_value():
    assert load("id: a\nregions: lower\n").regions == ["lower"]  # a list of one
    assert any('"lower" is listed twice' in p for p in problems("id: a\nregions: [lower, lower]\n"))
    assert any("has 4 items; at most 3 are allowed" in p for p in problems("id: a\nregions: [a, b, c, d]\n"))
    assert any("expected a list" in p for p in problems("id: a\nregions: {lower: 1}\n"))


def test_text_is_stripped_and_limited():
    assert load("id: a\nregions: [x]\nname: '  Cat  '\n").name == "Cat"
    assert any("is 21 characters long; at most 20" in p for p in problems(f"id: a\nregions: [x]\nname: {'x' * 21}\n"))
    found = problems("id: a\nregions: [x]\nname:\n  - one\n")
    assert any("name: expected text, got a list" in p for p in found)


def test_a_colon_inside_a_text_gets_a_hint_to_quote_it():
    found = problems("id: a\nregions:\n  - Monday: 8 to 6\n")
    assert any('put the whole text in double quotes: "Monday: 8 to 6"' in p for p in found)


def test_dates_must_be_real_dates():
    assert any("is not a date; write it as YYYY-MM-DD" in p for p in problems("id: a\nregions: [x]\nsince: 2026-02-30\n"))
    assert load("id: a\nregions: [x]\nsince:\n").since is None  # an optional field left empty


def test_nested_models_and_dicts_are_checked_at_their_own_lines():
    found = problems("id: a\nregions: [x]\ndose:\n  sets: 1\n  reps: 3\nnotes:\n  one: [1, 2]\n")
    assert found == ["<input>:5: dose.reps: unknown key", "<input>:7: notes.one: expected text, got a list"]


def test_scalar_types_parse_their_own_syntax():
    assert any("gap" in p for p in problems("id: a\nregions: [x]\ngap: six\n"))
    assert load("id: a\nregions: [x]\ngap: 2mm\n").gap == pytest.approx(2 / 25.4 * 72)


def test_an_empty_file_names_the_required_fields():
    found = problems("# only a comment\n")
    assert found == ["<input>:1: the file is empty (or only comments); expected an entry with at least: id"]


def test_a_mapping_is_required_at_the_top():
    assert any("expected a mapping (key: value lines), got a list" in p for p in problems("- a\n- b\n"))
