"""The command line: ``python generate.py`` or ``handouts``.

Heavy imports (ReportLab, Pillow) happen inside the commands, so ``--help`` stays instant.
Options default to None so that they only override the clinic profile when given.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__

F = TypeVar("F", bound=Callable[..., Any])

REGION_CHOICES = ("lower", "mid", "upper", "all")


def _layout_option(f: F) -> F:
    return click.option("--layout", "layout", metavar="NAME|PATH", default=None,
                        help="A built-in layout name (see `layouts`) or a layout .yaml file.")(f)


def _catalog_option(f: F) -> F:
    return click.option("--catalog", "catalog_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                        help="Your own catalog folder (default: the built-in catalog).")(f)


def _render_options(f: F) -> F:
    """Options shared by every command that renders."""
    f = click.option("--lang", type=click.Choice(["en", "es"]), default=None,
                     help="Language of the printed text (default: the clinic profile's, else en).")(f)
    f = _catalog_option(f)
    f = click.option("--clinic", "clinic_file", type=click.Path(path_type=Path, dir_okay=True), default=None,
                     help="Clinic profile .yaml (or its folder); default: ./clinic.yaml, else $HANDOUTS_CLINIC, "
                          "else the built-in demo clinic (with a note).")(f)
    f = _layout_option(f)
    return f


def _output_option(f: F) -> F:
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


def _echo_notices(notices: list[str]) -> None:
    for notice in notices:
        click.echo(f"note: {notice}", err=True)


def _report(written: list[Path], notices: list[str], started: float, note: str | None = None) -> None:
    """What a rendering command says at the end: notices, each file written, a note, the count and time."""
    _echo_notices(notices)
    for path in written:
        click.echo(f"wrote {path}")
    if note:
        click.echo(note)
    click.echo(f"{len(written)} file{'s' if len(written) != 1 else ''} in {time.perf_counter() - started:.1f} s", err=True)


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
        _report(job.write(files), job.notices, started, printing_note(sheet))


@main.command()
@click.argument("which", type=click.Choice(REGION_CHOICES), default="all")
@_render_options
@_output_option
def region(which: str, layout: str | None = None, clinic_file: Path | None = None, catalog_dir: Path | None = None,
           lang: str | None = None, output_dir: Path = Path("out")) -> None:
    """Write the handout for one back region (lower, mid, upper) or all three."""
    from .jobs import Job

    started = time.perf_counter()
    regions = ["lower", "mid", "upper"] if which == "all" else [which]
    job = Job.load(layout=layout, clinic_file=clinic_file, catalog_dir=catalog_dir, lang=lang, output_dir=output_dir,
                   regions=regions)
    _report(job.write_regions(regions), job.notices, started)


@main.command()
@_render_options
@_output_option
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
    _report(job.write(files), job.notices, started, printing_note(sheet))


@main.command()
@click.argument("program_file", metavar="FILE.yaml", type=click.Path(path_type=Path, dir_okay=False))
@_render_options
@_output_option
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
    _report(write_all({target: data}, [program_file]), notices, started)


@main.command()
@click.argument("inputs", metavar="DIR_OR_FILES...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Programs printed at the same time (default: one per processor core).")
@click.option("--combine", "combine_file", metavar="FILE.pdf", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Also write one PDF of all the programs, for one trip to the printer: each starts "
                                 "on an odd page, so double-sided printing never puts two patients on one sheet.")
@_render_options
@_output_option
def batch(inputs: tuple[Path, ...], jobs: int | None, combine_file: Path | None, layout: str | None = None,
          clinic_file: Path | None = None, catalog_dir: Path | None = None, lang: str | None = None,
          output_dir: Path = Path("out")) -> None:
    """Print every program file (and every *.yaml in each folder given) into DIR.

    Each PDF is named after its program file. A program that fails is reported and the others
    carry on; the exit code is 1 if any failed (and then no --combine file is written). Two programs
    that would write the same PDF stop the batch before anything is written.
    """
    from contextlib import closing

    from .batch import Options, check_outputs, collect, default_jobs, run, summary, written_since
    from .output import prepare_folder
    from .process import Interrupted

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
    _echo_notices(notices)
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
            from .progress import ProgressLines

            lines = ProgressLines(total, sys.stderr)
            yield lines.update

    return progress()


def _write_combined(target: Path, pdfs: list[Path], failed: int) -> None:
    from .combine import combine_files
    from .errors import display_path
    from .output import prepare_folder, write_all

    if failed:
        click.echo(f"{display_path(target)} was not written: {failed} program{'s' if failed != 1 else ''} failed "
                   "(fix them and run the batch again, so that no patient is missing from the printout)", err=True)
        return
    data, pages = combine_files(pdfs)
    prepare_folder(target.parent if str(target.parent) else Path("."))
    write_all({target: data}, pdfs)
    click.echo(f"wrote {target} ({len(pdfs)} program{'s' if len(pdfs) != 1 else ''}, {pages} pages, each program "
               "starting on an odd page: print it double-sided)")


@main.command("catalog")
@click.option("--region", type=click.Choice(["lower", "mid", "upper"]), default=None, help="Only this region's exercises.")
@click.option("--pdf", "as_pdf", is_flag=True,
              help="Write DIR/exercise-chooser.pdf instead: every exercise with its picture, id, default dose, "
                   "regions, position and equipment, by region, to choose a program on paper.")
@_render_options
@_output_option
def catalog_command(region: str | None, as_pdf: bool, layout: str | None = None, clinic_file: Path | None = None,
                    catalog_dir: Path | None = None, lang: str | None = None, output_dir: Path = Path("out")) -> None:
    """List the exercises in the catalog, with their default doses in words (or print them: --pdf)."""
    from .catalogwords import SUPERVISED, dose_in_words, facts, our_defaults

    if as_pdf:
        from .jobs import Job
        from .render.chooser import render_chooser

        started = time.perf_counter()
        job = Job.load(layout=layout, clinic_file=clinic_file, catalog_dir=catalog_dir, lang=lang, output_dir=output_dir)
        ctx = job.context()
        data = render_chooser(ctx, region)
        job.notices.extend(n for n in ctx.notices if n not in job.notices)
        _report(job.write({output_dir / "exercise-chooser.pdf": data}), job.notices, started)
        return
    from .jobs import load_catalog_dir

    catalog = load_catalog_dir(catalog_dir)
    entries = catalog.in_region(region) if region else list(catalog.exercises.values())
    width = max((len(e.id) for e in entries), default=10)
    for e in entries:
        click.echo(f"{e.id:<{width}}  {e.name}  [{facts(e)}]")
        defaults = our_defaults(e)
        click.echo(f"{'':<{width}}  {dose_in_words(e)}" + (f" ({defaults})" if defaults else ""))
        if e.supervised:
            click.echo(f"{'':<{width}}  {SUPERVISED}")
    click.echo(f"{len(entries)} exercises", err=True)


@main.command()
@click.option("-o", "--output", "output", type=click.Path(path_type=Path, dir_okay=False), default=Path("out/illustrations.png"),
              show_default=True, help="The PNG file to write.")
@click.option("--only", default=None, metavar="ID,ID", help="Only these exercises (comma-separated ids).")
@click.option("--scale", type=click.FloatRange(0.3, 4.0), default=1.0, show_default=True, help="Size of each picture.")
@_catalog_option
def illustrations(output: Path, only: str | None, scale: float, catalog_dir: Path | None) -> None:
    """Render a contact sheet: every exercise's picture with its name (PNG)."""
    import io

    from .errors import UserError, problem_at
    from .figures.sheet import contact_sheet
    from .jobs import load_catalog_dir
    from .output import prepare_folder, write_all

    catalog = load_catalog_dir(catalog_dir)
    ids = [i.strip() for i in only.split(",")] if only else None
    if ids:
        unknown = [i for i in ids if i not in catalog.exercises]
        if unknown:
            from .schema.core import suggest

            raise UserError([problem_at(None, 0, "--only", f"no exercise '{u}'{suggest(u, catalog.exercises)}") for u in unknown])
    prepare_folder(output.parent if str(output.parent) else Path("."))
    sheet = io.BytesIO()
    contact_sheet(catalog, ids, scale=scale).save(sheet, "PNG", optimize=True)
    for path in write_all({output: sheet.getvalue()}, [p for p in (e.image for e in catalog.exercises.values()) if p]):
        click.echo(f"wrote {path}")


STARTER_PROFILE = """\
# yaml-language-server: $schema=schema/clinic.schema.json
# Your clinic profile. Lines starting with # are comments: remove the # to use a setting.
# Check it any time: run  handouts check  in this folder (handouts finds ./clinic.yaml by itself).

name: {name}
# logo: logo.png                 # your logo file in this folder: PNG, JPEG or SVG
# address: |
#   12 Main Street
#   Springfield, IL 62701
# phone: (555) 555-0100
# email: reception@your-clinic.example
# website: www.your-clinic.example    # the booklet's back cover gets a QR code to it
# opening_hours:
#   - Monday to Friday, 8 am to 6 pm
# colors:
#   brand: "#1d5c85"              # titles and headings (too light? it is darkened for you)
#   secondary: "#286e66"          # step numbers, lines and borders
# clinician: Dr. A. Example, PT
# introduction: A few words to your patients, printed under each handout's title.
# disclaimer: Replaces the built-in disclaimer under the safety guidance.
# video_url: https://your-clinic.example/videos/{{id}}   # a QR code to each exercise's video
paper: {paper}                     # letter or a4: chooses the handout and booklet layouts
# lang: en                        # en or es: the language of the printed text
"""


@main.command("init-clinic")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--name", default=None, help="Your clinic's name, as printed on every page.")
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
def init_clinic(folder: Path, name: str | None, paper: str) -> None:
    """Start a clinic profile in FOLDER: a commented clinic.yaml (and the JSON Schemas for your editor)."""
    import json

    from .output import prepare_folder, write_all
    from .schema.jsonschema import schema_files

    target = folder / "clinic.yaml"
    if folder.exists() or folder.is_symlink():
        prepare_folder(folder, field="FOLDER")
    quoted = json.dumps(name, ensure_ascii=False) if name else '"Your clinic\'s name"'
    profile = STARTER_PROFILE.format(name=quoted, paper=paper, folder=folder).encode("utf-8")
    # never over anything that exists (a clinic.yaml, or schema files), and nothing left behind on failure
    write_all({target: profile, **schema_files(folder / "schema")}, create_only=True, field="")
    click.echo(f"wrote {target}")
    click.echo("Next:")
    step = 1
    if not name:
        click.echo(f"  {step}. Put your clinic's name on the 'name:' line of {target}.")
        step += 1
    click.echo(f"  {step}. Copy your logo (PNG, JPEG or SVG) into {folder} and set 'logo:' to its file name.")
    click.echo(f"  {step + 1}. Fill in the address, phone, e-mail and website lines you want printed (remove their #).")
    command = shell_command()
    click.echo(f"  {step + 2}. Check and print from the clinic's folder, where handouts finds clinic.yaml by itself:")
    click.echo(f"       cd {shlex_quote(folder.resolve())}")
    click.echo(f"       {command} check")
    click.echo(f"       {command} region all")
    click.echo(f"       {command} booklet --impose")
    hint = anywhere_hint()
    if hint:
        click.echo(f"  To type just `handouts` from any folder: {hint}")


def shlex_quote(path: Path | str) -> str:
    import shlex

    return shlex.quote(str(path))


def shell_command() -> str:
    """How to run this very program from a fresh shell in any folder: `handouts` when that is on the PATH
    and is this program, else its full path (e.g. /home/me/handouts/.venv/bin/handouts)."""
    import shutil

    argv0 = Path(sys.argv[0])
    if argv0.name in ("generate.py", "__main__.py"):
        script = shlex_quote(argv0.resolve()) if argv0.name == "generate.py" else "-m handouts"
        return f"{shlex_quote(sys.executable)} {script}"
    on_path = shutil.which("handouts")
    if on_path and Path(on_path).resolve() == argv0.resolve():
        return "handouts"
    found = shutil.which(str(argv0)) or str(argv0)
    return shlex_quote(Path(found).resolve())


def anywhere_hint() -> str | None:
    """How to make `handouts` a command of every shell, when it is not yet."""
    if shell_command() == "handouts":
        return None
    if sys.prefix != sys.base_prefix:  # running from a virtual environment
        bin_dir = Path(sys.executable).parent
        activate = f"{shlex_quote(bin_dir / 'activate')}" if os.name != "nt" else str(bin_dir / "activate")
        return f"activate its environment first (source {activate}), or install it once with {pipx_command()}"
    return f"install it once with {pipx_command()}"


def pipx_command() -> str:
    from .paths import PACKAGE

    source = PACKAGE.parent
    return f"`pipx install {shlex_quote(source)}`" if (source / "pyproject.toml").is_file() else "`pipx install .`"


@main.command("check")
@click.argument("programs", metavar="[PROGRAM.yaml|DIR]...", nargs=-1, type=click.Path(path_type=Path))
@_render_options
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
    _echo_notices(notices)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {what}; nothing was written.",
                   err=True)
        sys.exit(1)
    click.echo(f"All good: {what}" + (f", and every '{lang}' text" if lang and lang != "en" else "")
               + "; nothing was written.")


@main.command("serve")
@_render_options
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


@main.command("layouts")
def layouts_command() -> None:
    """List the built-in layouts, with a line on each."""
    from .models.layout import builtin_layout_names, load_layout

    names = builtin_layout_names()
    width = max(len(n) for n in names)
    for name in names:
        click.echo(f"{name:<{width}}  {load_layout(name).description}")
    click.echo("Use one with --layout NAME, or give your own file with --layout PATH.yaml.", err=True)


@main.command("schema")
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("schema"),
              show_default=True, help="Folder to write the JSON Schema files into.")
def schema_command(output_dir: Path) -> None:
    """Write the JSON Schemas of layouts, catalog entries, clinic profiles and pose files.

    Point your editor at them (the built-in files start with a yaml-language-server comment
    that does) to get autocompletion and mistakes underlined while you type.
    """
    from .output import prepare_folder
    from .schema.jsonschema import write_schemas

    prepare_folder(output_dir)
    for path in write_schemas(output_dir):
        click.echo(f"wrote {path}")


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
