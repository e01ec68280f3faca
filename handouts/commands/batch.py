"""``handouts batch``: many programs in several processes, with progress, and one combined PDF."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from .options import echo_notices, output_option, render_options


@click.command()
@click.argument("inputs", metavar="DIR_OR_FILES...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Programs printed at the same time (default: one per processor core).")
@click.option("--combine", "combine_file", metavar="FILE.pdf", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Also write one PDF of all the programs, for one trip to the printer: each starts "
                                 "on an odd page, so double-sided printing never puts two patients on one sheet.")
@render_options
@output_option
def batch(inputs: tuple[Path, ...], jobs: int | None, combine_file: Path | None, layout: str | None = None,
          clinic_file: Path | None = None, catalog_dir: Path | None = None, lang: str | None = None,
          output_dir: Path = Path("out")) -> None:
    """Print every program file (and every *.yaml in each folder given) into DIR.

    Each PDF is named after its program file. A program that fails is reported and the others
    carry on; the exit code is 1 if any failed (and then no --combine file is written). Two programs
    that would write the same PDF stop the batch before anything is written.
    """
    from contextlib import closing

    from ..batch import Options, check_outputs, collect, default_jobs, run, summary, written_since
    from ..output import prepare_folder
    from ..process import Interrupted

    started = time.perf_counter()
    files = collect(list(inputs))
    check_outputs(files, output_dir, combine_file)
    prepare_folder(output_dir)
    options = Options(layout, clinic_file, catalog_dir, lang, output_dir)
    started_ns = time.time_ns()
    failures = []
    notices: list[str] = []
    targets: dict[Path, Path] = {}
    try:
        with closing(run(files, options, jobs or default_jobs())) as outcomes, _batch_progress(len(files)) as update:
            for outcome in outcomes:
                update(bool(outcome.problems))
                if outcome.problems:
                    failures.append(outcome)
                else:
                    targets[outcome.source] = outcome.target
                notices += [n for n in outcome.notices if n not in notices]
    except Interrupted as stop:  # the workers are stopped and their temporary files removed (closing)
        written = max(len(targets), written_since(files, output_dir, started_ns))
        click.echo(f"\nInterrupted ({stop.what}): {written} of {len(files)} programs written, each one complete; "
                   f"the other {len(files) - written} were not printed.", err=True)
        sys.exit(stop.exit_code)
    echo_notices(notices)
    for outcome in failures:
        click.echo(f"failed: {outcome.source}", err=True)
        for line in outcome.problems:
            click.echo(f"  {line}", err=True)
    click.echo(summary(len(targets), len(failures), time.perf_counter() - started))
    if combine_file is not None:
        _write_combined(combine_file, [targets[f] for f in files if f in targets], len(failures))
    if failures:
        sys.exit(1)


def _batch_progress(total: int) -> Any:
    """A progress bar on a terminal; elsewhere (a pipe, a log) a plain line every few seconds."""
    import contextlib

    @contextlib.contextmanager
    def progress() -> Any:
        if sys.stderr.isatty():
            with click.progressbar(length=total, label="Printing programs", file=sys.stderr) as bar:
                yield lambda failed: bar.update(1)
        else:
            from ..progress import ProgressLines

            lines = ProgressLines(total, sys.stderr)
            yield lines.update

    return progress()


def _write_combined(target: Path, pdfs: list[Path], failed: int) -> None:
    from ..combine import combine_files
    from ..errors import display_path
    from ..output import prepare_folder, write_all

    if failed:
        click.echo(f"{display_path(target)} was not written: {failed} program{'s' if failed != 1 else ''} failed "
                   "(fix them and run the batch again, so that no patient is missing from the printout)", err=True)
        return
    data, pages = combine_files(pdfs)
    prepare_folder(target.parent if str(target.parent) else Path("."))
    write_all({target: data}, pdfs)
    click.echo(f"wrote {target} ({len(pdfs)} program{'s' if len(pdfs) != 1 else ''}, {pages} pages, each program "
               "starting on an odd page: print it double-sided)")
