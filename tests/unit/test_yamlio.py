"""yamlio.py: YAML read with the file and line of every value, and the inputs it refuses, in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.errors import UserError
from handouts.yamlio import MAX_DEPTH, MAX_EXPANDED_VALUES, REFUSED, Location, format_path, load_yaml, parse_yaml


def refused(text: str) -> list[str]:
    with pytest.raises(UserError) as caught:
        parse_yaml(text, Path("clinic.yaml"))
    return [str(p) for p in caught.value.problems]


def test_every_value_and_key_has_its_line_and_column():
    doc = parse_yaml("name: Clinic\nhours:\n  - Monday\n  - Tuesday: late\ncolors:\n    brand: '#123456'\n", Path("c.yaml"))
    assert doc.data == {"name": "Clinic", "hours": ["Monday", {"Tuesday": "late"}], "colors": {"brand": "#123456"}}
    assert doc.locations[("name",)] == Location("c.yaml", 1, 7)
    assert doc.locations[("hours", 1)] == Location("c.yaml", 4, 5)
    assert doc.locations[("hours", 1, "Tuesday")].line == 4
    assert doc.key_locations[("colors", "brand")] == Location("c.yaml", 6, 5)
    assert doc.locations[("colors", "brand")] == Location("c.yaml", 6, 12)


def test_a_path_that_does_not_exist_is_located_at_its_nearest_parent():
    doc = parse_yaml("a: 1\nb:\n  c: 2\n", Path("f.yaml"))
    assert doc.locate(("b", "c", "missing")).line == 3
    assert doc.locate(("nothing", "here")) == Location("f.yaml", 1, 1)
    assert str(doc.problem(("b", "c"), "is wrong")) == "f.yaml:3: b.c: is wrong"


def test_format_path_counts_list_items_from_one():
    assert format_path(("steps", 1, "text")) == "steps[2].text"
    assert format_path(()) == ""


def test_the_source_text_of_non_text_scalars_is_kept():
    doc = parse_yaml("phone: 0123\nok: yes\nn: 1e3\ntext: '0123'\n", None)
    assert doc.data == {"phone": 83, "ok": True, "n": "1e3", "text": "0123"}  # YAML 1.1: 0123 is octal, 1e3 is text
    assert doc.raw == {("phone",): "0123", ("ok",): "yes"}  # a message can quote what was written


def test_duplicate_keys_are_reported_with_the_first_line_and_the_first_value_kept():
    doc = parse_yaml("name: A\nphone: 1\nname: B\n", Path("c.yaml"))
    assert doc.data["name"] == "A"
    assert [str(p) for p in doc.problems] == ["c.yaml:3: name: duplicate key (first given on line 1); keep only one"]


def test_tags_are_refused_and_the_value_marked_as_already_reported():
    doc = parse_yaml("a: !!python/object:os.system x\nb: !custom [1]\nc: 1\n", Path("t.yaml"))
    assert doc.data["a"] is REFUSED and doc.data["b"] is REFUSED and doc.data["c"] == 1
    assert [p.line for p in doc.problems] == [1, 2]
    assert all("is not allowed" in p.message for p in doc.problems)


def test_merge_keys_are_followed_and_the_files_own_keys_win():
    doc = parse_yaml("base: &b {size: 10, color: red}\nown:\n  <<: *b\n  size: 12\n", None)
    assert doc.data["own"] == {"size": 12, "color": "red"}
    assert any("'<<' must be followed by a mapping" in str(p) for p in parse_yaml("a:\n  <<: 3\n", None).problems)


def test_aliases_that_expand_too_far_are_refused_before_they_are_built():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
              f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(6)]
    found = refused("\n".join(lines) + "\n")
    assert found == [f"clinic.yaml:1: aliases (*name) expand this file to more than {MAX_EXPANDED_VALUES:,} values; "
                     "write the values out instead"]


def test_too_many_plain_values_are_refused_too():
    found = refused("items:\n" + "".join(f"  - {i}\n" for i in range(MAX_EXPANDED_VALUES + 1)))
    assert found == [f"clinic.yaml:1: has more than {MAX_EXPANDED_VALUES:,} values; a settings file should be far smaller"]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 5000])
def test_deep_nesting_is_refused_at_a_fixed_depth(depth):
    found = refused("name: " + "[" * depth + "]" * depth + "\n")
    assert len(found) == 1 and f"is nested too deeply (more than {MAX_DEPTH} levels)" in found[0]


def test_nesting_up_to_the_limit_is_read():
    depth = MAX_DEPTH - 2
    value = parse_yaml("name: " + "[" * depth + "]" * depth + "\n", None).data["name"]
    for _ in range(depth - 1):
        value = value[0]
    assert value == []


def test_a_syntax_error_is_told_in_plain_words_at_its_line():
    found = refused("name: Clinic\naddress: 12 Main Street: Springfield\n")
    assert len(found) == 1 and found[0].startswith("clinic.yaml:2")
    assert "mapping values are not allowed" not in found[0]  # the parser's words are replaced


def test_a_control_character_is_refused_with_its_line():
    found = refused("name: a\nphone: 1\x07\n")
    assert found[0].startswith("clinic.yaml:2: YAML:") and found[0].endswith("remove that character")


def test_an_empty_document_has_no_data_and_no_problems():
    doc = parse_yaml("# nothing\n", None)
    assert doc.data is None and doc.problems == []


def test_files_that_are_not_utf8_say_how_to_save_them(tmp_path):
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes("name: x\n".encode("utf-16"))
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"name: ok\ncity: M\xe1laga\n")
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfname: x\r\n")
    with pytest.raises(UserError, match="UTF-16; save it as UTF-8"):
        load_yaml(utf16)
    with pytest.raises(UserError) as caught:
        load_yaml(latin)
    assert str(caught.value.problems[0]).endswith(":2: is not UTF-8 text (byte 0xE1 at column 8); save the file as UTF-8 in your editor")
    assert load_yaml(bom).data == {"name": "x"}  # a byte-order mark and Windows line ends are fine


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path):
    with pytest.raises(UserError, match="file not found"):
        load_yaml(tmp_path / "absent.yaml")
