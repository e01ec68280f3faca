"""YAML syntax errors told in plain words, with the fix, at their line and column.

PyYAML says "mapping values are not allowed in this context" or "did not find expected key
(while parsing a block mapping)". Someone at a front desk cannot act on that, so we look at the
lines around the mark and say what is most likely wrong and how to fix it: a colon inside a
text (quote it), lines of one block indented differently (which lines), an unclosed quote or
bracket, a tab, a list item where a field was expected. Anything else keeps the parser's words.
"""

from __future__ import annotations

import re

import yaml

from .errors import Problem

_ITEM_PREFIX = re.compile(r"^(\s*(?:-\s+)*)")
_KEY = re.compile(r"^\s*(?:-\s+)*([^\s:#'\"][^:#]*?):(\s|$)")


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_indent(line: str) -> int:
    """Where a line's field starts: after its indentation and any '- ' list markers."""
    return len(_ITEM_PREFIX.match(line).group(1))  # type: ignore[union-attr]


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


class _Lines:
    def __init__(self, text: str):
        self.lines = text.splitlines()

    def __getitem__(self, number: int) -> str:
        """Line ``number`` (from 1); empty past either end."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def previous(self, number: int) -> int:
        """The nearest line above ``number`` with content (not blank, not a comment); 0 if none."""
        for candidate in range(number - 1, 0, -1):
            if _is_content(self[candidate]):
                return candidate
        return 0


def explain(exc: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    """The problem to report for a syntax error, in plain words."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 0
    column = mark.column + 1 if mark is not None else 0
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    lines = _Lines(text)
    bad = lines[line]
    found = _tab(lines, line, problem)
    if found is None and "unexpected end of stream" in problem and "quoted scalar" in context and exc.context_mark:
        line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
        quote = lines[line][column - 1 : column] or '"'
        found = (line, column, f"a quote ({quote}) opens the text here and is never closed; "
                               f"add the closing {quote} at the end of the text")
    if found is None and "flow sequence" in context and exc.context_mark:
        start = exc.context_mark
        found = (start.line + 1, start.column + 1, "the list opened with '[' here is not closed; add ']' after its "
                                                   "last item (or write each item on its own line, starting with '- ')")
    if found is None and "mapping values are not allowed" in problem:
        found = _colon(lines, line, column)
    if found is None and "expected key" in problem and "block mapping" in context:
        found = _block_mapping(lines, line, column)
    if found is None and "expected '-' indicator" in problem and exc.context_mark:
        first = exc.context_mark.line + 1
        found = (line, column, f"line {line} is lined up with the list's dashes (line {first}) but does not start with "
                               f"'- ': indent it {_spaces(2)} more to belong to the item above, start it with '- ' "
                               "to make it an item, or line it up with a field outside the list")
    if found is None and "cannot start any token" in problem:
        char = bad[column - 1 : column]
        found = (line, column, f"a text cannot start with '{char}' unless it is in quotes; put the whole text in "
                               "double quotes")
    if found is None:
        found = (line, column, f"YAML syntax error: {problem}" + (f" ({context})" if context else ""))
    line, column, message = found
    return Problem(shown, line, "", message, column)


def _tab(lines: _Lines, line: int, problem: str) -> tuple[int, int, str] | None:
    for number in (line, lines.previous(line)):
        leading = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
        if "\t" in leading or (number == line and "tab" in problem):
            return (number, leading.find("\t") + 1 if "\t" in leading else 1,
                    "a tab is used for indentation; YAML needs spaces (replace each tab with two spaces)")
    return None


def _colon(lines: _Lines, line: int, column: int) -> tuple[int, int, str]:
    """'mapping values are not allowed': a colon in a text, a line indented too far, or 'key:value'."""
    bad = lines[line]
    above = lines.previous(line)
    if above and _is_content(bad) and _content_indent(bad) > _content_indent(lines[above]) \
            and not lines[above].rstrip().endswith(":") and bad.find(":") == column - 1:
        return (line, _indent(bad) + 1, _indentation_message(lines, line, above))
    if above and re.match(r"^\s*(?:-\s+)*[\w-]+:[^\s]", lines[above]) and ": " not in lines[above]:
        key = lines[above].split(":", 1)[0].strip(" -")
        return (above, lines[above].index(":") + 1,
                f"'{key}:' needs a space after its colon ({key}: value)")
    match = _KEY.match(bad)
    if match:
        key = match.group(1).strip()
        value = bad[match.end():].strip()
        return (line, column, f"the text of '{key}' contains a colon followed by a space; put the whole text in "
                              f"double quotes: {key}: \"{value}\"")
    return (line, column, "a colon followed by a space inside a text; put the whole text in double quotes")


def _indentation_message(lines: _Lines, line: int, above: int) -> str:
    bad, upper = lines[line], lines[above]
    return (f"line {line} is indented {_spaces(_content_indent(bad))} and line {above} above it "
            f"{_spaces(_content_indent(upper))}: lines of one block need the same indentation "
            "(a line goes further in only under a field that ends with a colon)")


def _block_mapping(lines: _Lines, line: int, column: int) -> tuple[int, int, str]:
    """'did not find expected key': a list item among fields, text after a quote, or a line out of step."""
    bad = lines[line]
    before = bad[: column - 1].rstrip()
    if before and before[-1] in "\"'" and _indent(bad) < column - 1:
        return (line, column, "there is text after the closing quote; put the whole text inside the quotes")
    if bad.lstrip().startswith("- ") or bad.strip() == "-":
        return (line, column, "a list item ('- ...') where a field ('name: value') was expected; a list goes under "
                              "a field that ends with a colon, indented by two spaces (for example 'exercises:' "
                              "and then '  - pelvic-tilt')")
    above = lines.previous(line)
    deeper = [n for n in range(above, 0, -1) if _is_content(lines[n]) and _content_indent(lines[n]) > _indent(bad)]
    if above and deeper:
        sibling = deeper[0]
        parent = next((n for n in range(sibling, 0, -1)
                       if _is_content(lines[n]) and _content_indent(lines[n]) < _indent(bad)), 0)
        where = f"line {sibling} ({_spaces(_content_indent(lines[sibling]))})"
        if parent:
            where += f" nor with line {parent} ({_spaces(_content_indent(lines[parent]))})"
        return (line, _indent(bad) + 1, f"line {line} is indented {_spaces(_indent(bad))}, which lines up neither with "
                                        f"{where}; give it the same indentation as the lines of its block")
    return (line, column, "expected 'field: value' here; check the indentation and that the line has a colon")
