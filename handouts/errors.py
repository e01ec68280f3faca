"""User-facing errors.

Three kinds of failure, kept apart on purpose:

* a **user error** (bad YAML, a missing logo, an unknown exercise id): every problem is
  collected, printed one per line as ``FILE:LINE: field.path: message`` and the command
  exits with code 1, without a traceback and without writing any output;
* a **usage error** (unknown option, missing argument): click's own, exit code 2;
* an **internal error** (a bug): any other exception, which keeps its traceback.

This module must stay import-light: it is loaded for ``--help``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import click


def display_path(path: str | os.PathLike[str] | None) -> str:
    """A path as the user should see it: relative to the working folder when inside it."""
    if path is None:
        return "<input>"
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if relative.startswith("..") else relative


_ONE_LINE = {code: f"\\x{code:02x}" for code in (*range(32), 127)} | {10: "\\n", 13: "\\r", 9: "\\t"}


class Problem(NamedTuple):
    """One thing wrong with one input, located as precisely as we can."""

    file: str
    line: int
    field: str
    message: str
    column: int = 0  # given for syntax errors, where the line alone is not enough

    def __str__(self) -> str:
        """One line, always: a line break or other control character quoted from a file is shown as \\n."""
        where = f"{self.file}:{self.line}" if self.line > 0 else self.file
        if self.line > 0 and self.column > 0:
            where += f":{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return text.translate(_ONE_LINE)


def problem_at(file: str | os.PathLike[str] | None, line: int, field: str, message: str) -> Problem:
    return Problem(display_path(file), line, field, message)


class UserError(click.ClickException):
    """One or more problems the user can fix; exit code 1, no traceback."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem | str]):
        unique: list[Problem | str] = []
        seen: set[str] = set()
        for item in problems:
            key = str(item)
            if key not in seen:
                seen.add(key)
                unique.append(item)
        # Located problems first, in file and line order; free-text ones after.
        located = sorted(p for p in unique if isinstance(p, Problem))
        loose = [p for p in unique if not isinstance(p, Problem)]
        self.problems: list[Problem | str] = [*located, *loose]
        super().__init__("\n".join(str(p) for p in self.problems))

    def show(self, file: object = None) -> None:
        for item in self.problems:
            click.echo(str(item), err=True)
        if len(self.problems) > 1:
            click.echo(f"{len(self.problems)} problems; nothing was written.", err=True)
        else:
            click.echo("Nothing was written.", err=True)


def user_error(file: str | os.PathLike[str] | Path | None, line: int, field: str, message: str) -> UserError:
    """A user error with a single located problem."""
    return UserError([problem_at(file, line, field, message)])


class Problems:
    """Collects problems from several files so all of them are reported at once."""

    def __init__(self) -> None:
        self.items: list[Problem | str] = []

    def add(self, problem: Problem | str) -> None:
        self.items.append(problem)

    def extend(self, problems: Iterable[Problem | str]) -> None:
        self.items.extend(problems)

    def absorb(self, error: UserError) -> None:
        self.items.extend(error.problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise UserError(self.items)
