"""Commands that show or write what is built in: the catalog, the pictures, the layouts, the JSON Schemas."""

from __future__ import annotations

import time
from pathlib import Path

import click

from .options import catalog_option, output_option, render_options, report


@click.command("catalog")
@click.option("--region", type=click.Choice(["lower", "mid", "upper"]), default=None, help="Only this region's exercises.")
@click.option("--pdf", "as_pdf", is_flag=True,
              help="Write DIR/exercise-chooser.pdf instead: every exercise with its picture, id, default dose, "
                   "regions, position and equipment, by region, to choose a program on paper.")
@render_options
@output_option
def catalog_command(region: str | None, as_pdf: bool, layout: str | None = None, clinic_file: Path | None = None,
                    catalog_dir: Path | None = None, lang: str | None = None, output_dir: Path = Path("out")) -> None:
    """List the exercises in the catalog, with their default doses in words (or print them: --pdf)."""
    from ..catalogwords import SUPERVISED, dose_in_words, facts, our_defaults

    if as_pdf:
        from ..jobs import Job
        from ..render.chooser import render_chooser

        started = time.perf_counter()
        job = Job.load(layout=layout, clinic_file=clinic_file, catalog_dir=catalog_dir, lang=lang, output_dir=output_dir)
        ctx = job.context()
        data = render_chooser(ctx, region)
        job.notices.extend(n for n in ctx.notices if n not in job.notices)
        report(job.write({output_dir / "exercise-chooser.pdf": data}), job.notices, started)
        return
    from ..jobs import load_catalog_dir

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


@click.command()
@click.option("-o", "--output", "output", type=click.Path(path_type=Path, dir_okay=False), default=Path("out/illustrations.png"),
              show_default=True, help="The PNG file to write.")
@click.option("--only", default=None, metavar="ID,ID", help="Only these exercises (comma-separated ids).")
@click.option("--scale", type=click.FloatRange(0.3, 4.0), default=1.0, show_default=True, help="Size of each picture.")
@catalog_option
def illustrations(output: Path, only: str | None, scale: float, catalog_dir: Path | None) -> None:
    """Render a contact sheet: every exercise's picture with its name (PNG)."""
    import io

    from ..errors import UserError, problem_at
    from ..figures.sheet import contact_sheet
    from ..jobs import load_catalog_dir
    from ..output import prepare_folder, write_all

    catalog = load_catalog_dir(catalog_dir)
    ids = [i.strip() for i in only.split(",")] if only else None
    if ids:
        unknown = [i for i in ids if i not in catalog.exercises]
        if unknown:
            from ..schema.core import suggest

            raise UserError([problem_at(None, 0, "--only", f"no exercise '{u}'{suggest(u, catalog.exercises)}") for u in unknown])
    prepare_folder(output.parent if str(output.parent) else Path("."))
    sheet = io.BytesIO()
    contact_sheet(catalog, ids, scale=scale).save(sheet, "PNG", optimize=True)
    for path in write_all({output: sheet.getvalue()}, [p for p in (e.image for e in catalog.exercises.values()) if p]):
        click.echo(f"wrote {path}")


@click.command("layouts")
def layouts_command() -> None:
    """List the built-in layouts, with a line on each."""
    from ..models.layout import builtin_layout_names, load_layout

    names = builtin_layout_names()
    width = max(len(n) for n in names)
    for name in names:
        click.echo(f"{name:<{width}}  {load_layout(name).description}")
    click.echo("Use one with --layout NAME, or give your own file with --layout PATH.yaml.", err=True)


@click.command("schema")
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("schema"),
              show_default=True, help="Folder to write the JSON Schema files into.")
def schema_command(output_dir: Path) -> None:
    """Write the JSON Schemas of layouts, catalog entries, clinic profiles and pose files.

    Point your editor at them (the built-in files start with a yaml-language-server comment
    that does) to get autocompletion and mistakes underlined while you type.
    """
    from ..output import prepare_folder
    from ..schema.jsonschema import write_schemas

    prepare_folder(output_dir)
    for path in write_schemas(output_dir):
        click.echo(f"wrote {path}")
