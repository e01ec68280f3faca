"""Which clinic profile a command prints with, when no ``--clinic`` option names one.

One rule for every command (and for ``handouts serve``): the option (or a program file's own
``clinic:``) first, then ``clinic.yaml`` in the current folder, then the ``HANDOUTS_CLINIC``
environment variable, then the built-in demo clinic, with a note saying so, so that nobody prints
another clinic's name on their handouts without knowing it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from .paths import DEMO_CLINIC

ENV_VAR = "HANDOUTS_CLINIC"
LOCAL_FILE = "clinic.yaml"

DEMO_NOTE = (
    "printing for the built-in demo clinic (Riverside Back & Spine Clinic). To print for your own: run "
    f"`handouts init-clinic FOLDER`, then run handouts in that folder (it finds ./{LOCAL_FILE}), "
    f"or set {ENV_VAR}=FOLDER, or give --clinic FOLDER"
)


class ClinicChoice(NamedTuple):
    path: Path  # the clinic.yaml to load
    origin: str  # "option", "folder", "environment" or "demo"
    note: str | None  # said once when the demo clinic is used


def profile_file(path: Path) -> Path:
    """A clinic.yaml given as itself or as its folder."""
    return path / LOCAL_FILE if path.is_dir() else path


def find_clinic(option: Path | None, *, cwd: Path | None = None, environ: Mapping[str, str] | None = None) -> ClinicChoice:
    """The clinic profile to print with: ``option``, ./clinic.yaml, $HANDOUTS_CLINIC, or the demo clinic."""
    if option is not None:
        return ClinicChoice(profile_file(option), "option", None)
    local = (cwd or Path.cwd()) / LOCAL_FILE
    if local.is_file():
        return ClinicChoice(Path(LOCAL_FILE) if cwd is None else local, "folder", None)
    variable = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
    if variable:
        return ClinicChoice(profile_file(Path(variable).expanduser()), "environment", None)
    return ClinicChoice(DEMO_CLINIC, "demo", DEMO_NOTE)
