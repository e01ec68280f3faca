"""The clinic profile: who the handouts come from."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from ..schema.core import describe, validate
from ..schema.model import model, spec
from ..schema.types import ColorHex, ImageFile
from ..yamlio import PathKey, SourceDoc, load_yaml

Issues = list[tuple[PathKey, str]]

#: The emergency number the warning box tells a patient to call: digits only (911, 112, 999, 000).
EMERGENCY_PATTERN = r"[0-9]{2,6}"

#: A web address a QR code may lead to: http(s) or no scheme at all (a bare host name such as
#: www.clinic.example), a host of dotted names (no user@, no other scheme such as javascript:), an optional
#: port and a path without spaces or control characters.
WEB_ADDRESS = re.compile(r"(?:https?://)?(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}\.?(?::\d{1,5})?(?:[/?#][^\s\x00-\x1f\x7f]*)?",
                         re.IGNORECASE)


@model
class BrandColors:
    brand: ColorHex | None = spec(default=None, doc="The main brand colour, used for titles, headings and accents.")
    secondary: ColorHex | None = spec(default=None, doc="A second brand colour, used for rules and borders.")


@model
class ClinicText:
    """The clinic's own words in another language."""

    name: str | None = spec(default=None, doc="The clinic's name in this language, if it differs.", min_length=1, max_length=120)
    clinician: str | None = spec(default=None, doc="The clinician's name and title in this language.", min_length=1, max_length=120)
    introduction: str | None = spec(default=None, doc="The custom introduction.", min_length=1, max_length=800)
    disclaimer: str | None = spec(default=None, doc="The custom disclaimer.", min_length=1, max_length=800)
    opening_hours: list[str] | None = spec(default=None, doc="Opening hours.", max_items=10, max_length=80)
    red_flags: list[str] | None = spec(default=None, doc="The clinic's own warning signs.", max_items=4, min_length=1, max_length=240)


@model
class RegionLists:
    """A clinic's own choice of exercises for a region handout (catalog ids, in the order printed)."""

    lower: list[str] | None = spec(default=None, doc="The lower back handout's exercises.", min_items=1, max_items=8, unique=True,
                                   min_length=1, max_length=60)
    mid: list[str] | None = spec(default=None, doc="The mid back handout's exercises.", min_items=1, max_items=8, unique=True,
                                 min_length=1, max_length=60)
    upper: list[str] | None = spec(default=None, doc="The upper back handout's exercises.", min_items=1, max_items=8, unique=True,
                                   min_length=1, max_length=60)


@model
class ClinicTranslations:
    es: ClinicText | None = spec(default=None, doc="Spanish.")


@model
class Clinic:
    """A clinic profile (clinic.yaml)."""

    name: str = spec(doc="The clinic's name, as printed on every page.", min_length=1, max_length=120)
    logo: ImageFile = spec(default=None, doc="Logo file (PNG, JPEG or SVG), relative to this profile.")
    address: str | None = spec(default=None, doc="Street address; several lines allowed.", max_length=300)
    phone: str | None = spec(default=None, doc="Phone number, as it should be printed.", max_length=40)
    emergency_number: str = spec(
        default="911", doc="The emergency number the warning signs tell patients to call (e.g. 112 in Spain, 999 in the UK).",
        pattern=EMERGENCY_PATTERN)
    email: str | None = spec(default=None, doc="E-mail address.", max_length=120)
    website: str | None = spec(default=None, doc="Website address; the booklet's back cover gets a QR code to it.", max_length=200)
    opening_hours: list[str] = spec(factory=list, doc="Opening hours, one line each, e.g. 'Mon-Fri 8:00-18:00'.",
                                    max_items=10, max_length=80)
    colors: BrandColors = spec(factory=BrandColors, doc="Brand colours.")
    clinician: str | None = spec(default=None, doc="The clinician's name, printed on handouts.", max_length=120)
    introduction: str | None = spec(default=None, doc="Replaces the built-in introduction on region handouts and the booklet.",
                                    min_length=1, max_length=800)
    disclaimer: str | None = spec(default=None, doc="Replaces the built-in disclaimer under the safety guidance.",
                                  min_length=1, max_length=800)
    video_url: str | None = spec(default=None, doc="Address of each exercise's video with {id} for the exercise id; "
                                           "puts a small QR code on each card.", max_length=300)
    region_exercises: RegionLists = spec(
        factory=RegionLists, doc="Replaces the exercises a region handout prints: catalog ids, in order, at most 8 a region.")
    red_flags: list[str] = spec(
        factory=list, doc="Warning signs added to the 'Get medical help right away' box (the built-in ones are always printed).",
        max_items=4, min_length=1, max_length=240)
    paper: Literal["letter", "a4"] = spec(default="letter", doc="The paper the clinic prints on: chooses the default layouts.")
    layout: str | None = spec(default=None, doc="Layout for handouts and programs (name or path); default by paper.")
    booklet_layout: str | None = spec(default=None, doc="Layout for the booklet (name or path); default by paper.")
    lang: Literal["en", "es"] = spec(default="en", doc="Language of the printed documents (the --lang option wins).")
    translations: ClinicTranslations = spec(factory=ClinicTranslations, doc="The clinic's texts in other languages.")

    def validate(self) -> Issues:
        issues: Issues = []
        if self.email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", self.email):
            issues.append((("email",), f'"{self.email}" is not an e-mail address'))
        if self.website and not WEB_ADDRESS.fullmatch(self.website):
            issues.append((("website",), f"{describe(self.website)} is not a web address; write it as "
                                         "www.your-clinic.example or https://www.your-clinic.example"))
        if self.video_url is not None:
            if "{id}" not in self.video_url:
                issues.append((("video_url",), "must contain {id} where the exercise's id goes"))
            elif not re.match(r"https?://", self.video_url):
                issues.append((("video_url",), "must start with https:// (or http://)"))
            elif not WEB_ADDRESS.fullmatch(self.video_url):
                issues.append((("video_url",), f"{describe(self.video_url)} is not a web address; write it as "
                                               "https://your-clinic.example/videos/{id}"))
            else:
                try:
                    self.video_url.format(id="x")
                except (KeyError, IndexError, ValueError):
                    issues.append((("video_url",), "may contain {id} and no other {braces}"))
        return issues

    @property
    def website_url(self) -> str | None:
        if not self.website:
            return None
        return self.website if re.match(r"https?://", self.website) else "https://" + self.website

    def video_link(self, exercise_id: str) -> str | None:
        return self.video_url.format(id=exercise_id) if self.video_url else None


def load_clinic(path: Path) -> tuple[Clinic, SourceDoc]:
    """The profile and its source (kept to report later problems, e.g. an unreadable logo, at their line)."""
    doc = load_yaml(path)
    return validate(Clinic, doc, what="a clinic profile"), doc
