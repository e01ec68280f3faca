"""What the commands share: their options (defaults are None, so that a given option only overrides the
clinic profile), and how a command reports what it wrote."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def layout_option(f: F) -> F:
    return click.option("--layout", "layout", metavar="NAME|PATH", default=None,
                        help="A built-in layout name (see `layouts`) or a layout .yaml file.")(f)


def catalog_option(f: F) -> F:
    return click.option("--catalog", "catalog_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                        help="Your own catalog folder (default: the built-in catalog).")(f)


def render_options(f: F) -> F:
    """Options shared by every command that renders."""
    f = click.option("--lang", type=click.Choice(["en", "es"]), default=None,
                     help="Language of the printed text (default: the clinic profile's, else en).")(f)
    f = catalog_option(f)
    f = click.option("--clinic", "clinic_file", type=click.Path(path_type=Path, dir_okay=True), default=None,
                     help="Clinic profile .yaml (or its folder); default: ./clinic.yaml, else $HANDOUTS_CLINIC, "
                          "else the built-in demo clinic (with a note).")(f)
    f = layout_option(f)
    return f


def output_option(f: F) -> F:
    return click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path), default=Path("out"),
                        show_default=True, help="Folder to write the PDFs into.")(f)


IMPOSE_HELP = (
    "Also write booklet-imposed.pdf: two pages on each landscape sheet in saddle-stitch order. "
    "Print it double-sided, flipping on the SHORT edge, at 100% (not 'fit to page'); fold the stack in half "
    "and staple at the fold."
)


def printing_note(sheet: str | None) -> str:
    if sheet is None:
        return "booklet.pdf is in reading order, for reading on screen or printing one page per sheet."
    return (f"To print booklet-imposed.pdf: {sheet} paper, landscape, double-sided, flip on the SHORT edge, "
            "at 100% (actual size, not 'fit to page'); fold the stack in half and staple at the fold.")


def echo_notices(notices: list[str]) -> None:
    for notice in notices:
        click.echo(f"note: {notice}", err=True)


def report(written: list[Path], notices: list[str], started: float, note: str | None = None) -> None:
    """What a rendering command says at the end: notices, each file written, a note, the count and time."""
    echo_notices(notices)
    for path in written:
        click.echo(f"wrote {path}")
    if note:
        click.echo(note)
    click.echo(f"{len(written)} file{'s' if len(written) != 1 else ''} in {time.perf_counter() - started:.1f} s", err=True)
