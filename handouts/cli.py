"""The command line: ``python generate.py`` or ``handouts``: the group, the printing commands and the entry point.

Heavy imports (ReportLab, Pillow) happen inside the commands, so ``--help`` stays instant.
Options default to None so that they only override the clinic profile when given (see
:mod:`.commands.options`). The other commands live in :mod:`.commands` and are added here.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from . import __version__
from .commands import batch as _batch
from .commands import reference, setup
from .commands.options import IMPOSE_HELP, echo_notices, output_option, printing_note, render_options, report

REGION_CHOICES = ("lower", "mid", "upper", "all")


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handouts")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Print back-care exercise handouts and a clinic booklet.

    With no command, runs the main job: every region handout and the booklet, with booklet-imposed.pdf
    to print double-sided (flip on the SHORT edge), into out/. The clinic is ./clinic.yaml when there is
    one, else the folder or file named by $HANDOUTS_CLINIC, else the built-in demo clinic (with a note).
    """
    if ctx.invoked_subcommand is None:
        from .jobs import Job

        started = time.perf_counter()
        job = Job.load(layout=None, clinic_file=None, catalog_dir=None, lang=None, output_dir=Path("out"), booklet=None)
        files = job.render_regions(["lower", "mid", "upper"])
        booklet, sheet = job.render_booklet(impose=True)
        files.update(booklet)
        report(job.write(files), job.notices, started, printing_note(sheet))


@main.command()
@click.argument("which", type=click.Choice(REGION_CHOICES), default="all")
@render_options
@output_option
def region(which: str, layout: str | None = None, clinic_file: Path | None = None, catalog_dir: Path | None = None,
           lang: str | None = None, output_dir: Path = Path("out")) -> None:
    """Write the handout for one back region (lower, mid, upper) or all three."""
    from .jobs import Job

    started = time.perf_counter()
    regions = ["lower", "mid", "upper"] if which == "all" else [which]
    job = Job.load(layout=layout, clinic_file=clinic_file, catalog_dir=catalog_dir, lang=lang, output_dir=output_dir,
                   regions=regions)
    report(job.write_regions(regions), job.notices, started)


@main.command()
@render_options
@output_option
@click.option("--impose", is_flag=True, help=IMPOSE_HELP)
def booklet(layout: str | None = None, clinic_file: Path | None = None, catalog_dir: Path | None = None,
            lang: str | None = None, output_dir: Path = Path("out"), impose: bool = False) -> None:
    """Write the clinic booklet (booklet.pdf): cover, contents, every region, log, notes, back cover.

    It is designed at the folded size (half Letter, or A5 for clinics on A4) so nothing shrinks when
    it is printed two pages to a sheet with --impose.
    """
    from .jobs import Job

    started = time.perf_counter()
    job = Job.load(layout=layout, clinic_file=clinic_file, catalog_dir=catalog_dir, lang=lang, output_dir=output_dir,
                   booklet=True)
    files, sheet = job.render_booklet(impose=impose)
    report(job.write(files), job.notices, started, printing_note(sheet))


@main.command()
@click.argument("program_file", metavar="FILE.yaml", type=click.Path(path_type=Path, dir_okay=False))
@render_options
@output_option
def program(program_file: Path, layout: str | None = None, clinic_file: Path | None = None, catalog_dir: Path | None = None,
            lang: str | None = None, output_dir: Path = Path("out")) -> None:
    """Write one patient's program (FILE.yaml) as DIR/FILE.pdf.

    The options given here win over the program file's own layout, clinic and lang.
    """
    from .jobs import render_program_file
    from .output import prepare_folder, write_all

    started = time.perf_counter()
    target, data, notices = render_program_file(program_file, layout=layout, clinic_file=clinic_file,
                                                catalog_dir=catalog_dir, lang=lang, output_dir=output_dir)
    prepare_folder(output_dir)
    report(write_all({target: data}, [program_file]), notices, started)


@main.command("check")
@click.argument("programs", metavar="[PROGRAM.yaml|DIR]...", nargs=-1, type=click.Path(path_type=Path))
@render_options
def check_command(programs: tuple[Path, ...], layout: str | None = None, clinic_file: Path | None = None,
                  catalog_dir: Path | None = None, lang: str | None = None) -> None:
    """Check before printing, writing nothing.

    Without files: the catalog, pictures, clinic profile and layout; with --lang es, also every Spanish
    text. With program files (or folders of them, like batch): each program with its own clinic and
    layout, laid out as it would print. Reports each problem as FILE:LINE: field: message, every
    colour and text adjustment printing would make as a note, and exits with 1 if there is any problem.
    """
    from .check import check_programs, run_check

    if programs:
        from .batch import collect

        files = collect(list(programs))
        problems, notices = check_programs(files, layout=layout, clinic_file=clinic_file, catalog_dir=catalog_dir,
                                           lang=lang)
        what = f"{len(files)} program{'s' if len(files) != 1 else ''} (each with its clinic profile and layout)"
    else:
        from .jobs import Job

        job = Job.load(layout=layout, clinic_file=clinic_file, catalog_dir=catalog_dir, lang=lang, output_dir=Path("."))
        found = run_check(job, lang or job.lang)
        problems = list(found)
        notices = list(job.notices)
        for booklet in (False, True):  # the colours of both layouts, as printing would adjust them
            notices += [n for n in job.context(booklet=booklet).notices if n not in notices]
        what = f"{len(job.catalog.exercises)} exercises, their pictures, the clinic profile and the layout"
    echo_notices(notices)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {what}; nothing was written.",
                   err=True)
        sys.exit(1)
    click.echo(f"All good: {what}" + (f", and every '{lang}' text" if lang and lang != "en" else "")
               + "; nothing was written.")


@main.command("serve")
@render_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1 or localhost lets other computers open the page.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Also open the page in the default browser.")
def serve_command(host: str, port: int, open_browser: bool, layout: str | None = None, clinic_file: Path | None = None,
                  catalog_dir: Path | None = None, lang: str | None = None) -> None:
    """A page in your browser to build a patient's program: pick exercises from their pictures, set the doses,
    preview, print, and save the program file (the same file `handouts program` prints).

    The clinic and layout are found as for every other command. Nothing about a patient is written
    to disk unless you save it.
    """
    try:
        import flask  # noqa: F401  (the web extra)
    except ImportError:
        from .errors import UserError

        raise UserError(["serve needs the web extra: pip install 'handouts[web]'"]) from None
    from .web.server import serve

    serve(host=host, port=port, clinic_file=clinic_file, layout=layout, catalog_dir=catalog_dir, lang=lang,
          open_browser=open_browser)


for _command in (_batch.batch, reference.catalog_command, reference.illustrations, setup.init_clinic,
                 reference.layouts_command, reference.schema_command):
    main.add_command(_command)


def run() -> None:
    """Console-script entry point.

    Ctrl-C and SIGTERM end a command cleanly (exit 130 and 143, no traceback, no file half-written), and a
    closed or full stdout never gives a traceback (see :mod:`handouts.process`). Once the command is done
    (every file written and closed), the process ends at once instead of tearing down the interpreter object
    by object, which takes longer than printing a handout.
    """
    from .process import Interrupted, catch_signals, guard_streams, stdout_failure

    guard_streams()
    catch_signals()
    try:
        main(prog_name="handouts")
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            click.echo(done.code, err=True)
    except Interrupted as stop:
        click.echo(f"\nInterrupted ({stop.what}): stopped; no file was left half-written.", err=True)
        code = stop.exit_code
    lost = stdout_failure()
    if lost is not None and lost != "Broken pipe":
        click.echo(f"handouts: what was printed on standard output is lost ({lost})", err=True)
        code = code or 1
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
