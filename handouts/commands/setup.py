"""``handouts init-clinic``: a commented clinic profile to start from, and how to run this program again."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

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


@click.command("init-clinic")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--name", default=None, help="Your clinic's name, as printed on every page.")
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
def init_clinic(folder: Path, name: str | None, paper: str) -> None:
    """Start a clinic profile in FOLDER: a commented clinic.yaml (and the JSON Schemas for your editor)."""
    import json

    from ..output import prepare_folder, write_all
    from ..schema.jsonschema import schema_files

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
    from ..paths import PACKAGE

    source = PACKAGE.parent
    return f"`pipx install {shlex_quote(source)}`" if (source / "pyproject.toml").is_file() else "`pipx install .`"
