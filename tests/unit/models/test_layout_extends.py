"""models/layout.py: ``extends:`` — a layout builds on another; mappings merge key by key, lists and values
replace, and every value keeps the file and line that set it."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.errors import UserError
from handouts.models.layout import _merge, load_layout
from handouts.yamlio import parse_yaml


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(reference: str | Path, folder: Path) -> list[str]:
    with pytest.raises(UserError) as caught:
        load_layout(str(reference), relative_to=folder)
    return [str(p) for p in caught.value.problems]


# -- the merge itself ---------------------------------------------------------------------------------

def test_mappings_merge_key_by_key_lists_and_values_replace():
    parent = parse_yaml("a: {x: 1, y: 2, deep: {p: 1, q: 2}}\nitems: [1, 2, 3]\nname: parent\nkeep: yes\n", Path("parent.yaml"))
    child = parse_yaml("a: {y: 20, deep: {q: 30}, z: 3}\nitems: [9]\nname: child\n", Path("child.yaml"))
    merged = _merge(parent, child)
    assert merged.data == {"a": {"x": 1, "y": 20, "deep": {"p": 1, "q": 30}, "z": 3}, "items": [9], "name": "child",
                           "keep": True}


def test_a_merged_value_is_located_in_the_file_that_set_it():
    parent = parse_yaml("a:\n  x: 1\n  y: 2\nitems:\n  - 1\n  - 2\n", Path("parent.yaml"))
    child = parse_yaml("a:\n  y: 20\nitems: [9]\n", Path("child.yaml"))
    merged = _merge(parent, child)
    assert merged.locate(("a", "x"))[:2] == ("parent.yaml", 2)
    assert merged.locate(("a", "y"))[:2] == ("child.yaml", 2)
    assert merged.locate(("items", 0))[:2] == ("child.yaml", 3)
    assert ("items", 1) not in merged.locations  # the parent's list is replaced whole, its items gone
    assert merged.path == Path("child.yaml")


def test_a_value_replaced_by_a_mapping_or_a_mapping_by_a_value_is_replaced_whole():
    parent = parse_yaml("a: {x: 1}\nb: 5\n", Path("p.yaml"))
    child = parse_yaml("a: plain\nb: {y: 2}\n", Path("c.yaml"))
    assert _merge(parent, child).data == {"a": "plain", "b": {"y": 2}}


def test_problems_found_while_reading_either_file_are_kept():
    parent = parse_yaml("a: 1\na: 2\n", Path("p.yaml"))
    child = parse_yaml("b: 1\nb: 2\n", Path("c.yaml"))
    assert [p.file for p in _merge(parent, child).problems] == ["p.yaml", "c.yaml"]


# -- load_layout following the chain ------------------------------------------------------------------

def test_a_layout_extending_a_builtin_changes_only_what_it_says(tmp_path):
    standard = load_layout("standard")
    write(tmp_path, "mine.yaml", "extends: large-print\ncolors:\n  accent: '#204060'\ntext:\n  body: {size: 17}\n")
    mine = load_layout("mine.yaml", relative_to=tmp_path)
    large = load_layout("large-print")
    assert mine.colors.accent == "#204060"
    assert mine.text.body.size == 17
    assert mine.text.body.leading == large.text.body.leading  # the sibling key comes from large-print
    assert mine.text.title == large.text.title != standard.text.title  # large-print's own, over standard's
    assert mine.cards.per_page == large.cards.per_page == 1
    assert mine.own_keys == frozenset({"colors.accent"})  # what the clinic's own file set (built-ins excluded)
    assert mine.name == str(tmp_path / "mine.yaml")


def test_a_chain_of_files_is_followed_with_paths_relative_to_each_file(tmp_path):
    (tmp_path / "base").mkdir()
    write(tmp_path / "base", "base.yaml", "extends: a4\ncards: {per_page: 2}\nbrand_colors: no\n")
    write(tmp_path, "top.yaml", "extends: base/base.yaml\ncards: {padding: 9pt}\n")
    top = load_layout("top.yaml", relative_to=tmp_path)
    assert top.page.size.name == load_layout("a4").page.size.name
    assert top.cards.per_page == 2 and top.cards.padding == pytest.approx(9)
    assert top.brand_colors is False and "brand_colors" in top.own_keys


def test_a_bad_value_in_a_parent_file_is_reported_at_the_parents_line(tmp_path):
    write(tmp_path, "parent.yaml", "description: parent\ncolors:\n  accent: '#12345'\n")
    write(tmp_path, "child.yaml", "extends: parent.yaml\ncolors:\n  muted: '#333333'\n")
    found = problems("child.yaml", tmp_path)
    assert len(found) == 1
    assert found[0].endswith('parent.yaml:3: colors.accent: "#12345" is not a colour; write it as a hex code in quotes, e.g. "#1d5c85"')


def test_layouts_that_extend_each_other_in_a_circle_are_refused(tmp_path):
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\n")
    found = problems("a.yaml", tmp_path)
    assert len(found) == 1 and "layouts extend each other in a circle (a -> b -> a); remove one 'extends'" in found[0]
    write(tmp_path, "self.yaml", "extends: self.yaml\n")
    assert "in a circle (self -> self)" in problems("self.yaml", tmp_path)[0]


def test_an_unknown_builtin_name_suggests_the_close_one(tmp_path):
    write(tmp_path, "mine.yaml", "description: x\nextends: large_print\n")
    found = problems("mine.yaml", tmp_path)
    assert len(found) == 1 and ":2: extends: no built-in layout named 'large_print' (did you mean 'large-print'?)" in found[0]


def test_a_missing_parent_file_and_a_wrong_kind_of_extends_are_refused_at_the_line(tmp_path):
    write(tmp_path, "mine.yaml", "extends: nowhere/gone.yaml\n")
    assert ":1: extends: layout file not found:" in problems("mine.yaml", tmp_path)[0]
    write(tmp_path, "list.yaml", "description: x\nextends: [standard]\n")
    found = problems("list.yaml", tmp_path)
    assert len(found) == 1 and found[0].endswith("list.yaml:2: extends: must be a layout name or a file path")
    write(tmp_path, "seq.yaml", "- standard\n")
    assert "expected a layout (key: value lines), got a list or a single value" in problems("seq.yaml", tmp_path)[0]


def test_an_empty_layout_file_is_the_models_defaults_not_the_standard_layout(tmp_path):
    from handouts.models.layout import Layout

    write(tmp_path, "empty.yaml", "# nothing yet\n")
    empty = load_layout("empty.yaml", relative_to=tmp_path)
    assert (empty.page, empty.text, empty.cards) == (Layout().page, Layout().text, Layout().cards)
    assert empty.text != load_layout("standard").text  # extends is never implied
