"""What the page works with: the served clinic, layout and catalog, and the package's own renderers.

One lock serialises every call into the package: its per-process caches (fonts, wrapped
paragraphs, recorded drawings) are built for one document at a time, and a clinician at a desk
sends one request at a time anyway.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, UserError
from ..jobs import Job, default_layout, program_job
from ..models.catalog import POSITION_ORDER, REGIONS, Catalog, Exercise
from ..models.layout import builtin_layout_names
from ..text import dosage_sentences
from . import programs
from .programs import Checked, Served

REGION_NAMES = {"lower": "Lower back", "mid": "Mid back", "upper": "Upper back"}
DOSE_LABELS = {"hold_seconds": "Hold", "repetitions": "Repetitions", "sets": "Sets", "each_side": "Each side",
               "times_a_day": "Times a day", "days_a_week": "Days a week"}
PICTURE_SIZE = (360, 240)  # pixels; shown at half that on the page, sharp on high-density screens


@dataclass
class Workspace:
    """The command line's choices for ``serve`` (``--clinic``, ``--layout``, ``--catalog``, ``--lang``), loaded."""

    clinic_file: Path | None = None
    layout: str | None = None
    catalog_dir: Path | None = None
    lang: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    _pictures: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.job = self._job()  # refuses bad files now, with the command line's messages
        clinic_layout = default_layout(self.job.clinic, booklet=False)
        layout = self.layout if self.layout is not None else clinic_layout
        if self.layout is not None and (self.layout.endswith((".yaml", ".yml")) or "/" in self.layout):
            layout = str(Path(self.layout).resolve())
        self.served = Served(self.clinic_file, layout, clinic_layout, self.lang or self.job.clinic.lang, self.job.clinic.lang)

    def _job(self, *, booklet: bool = False) -> Job:
        return Job.load(layout=self.layout, clinic_file=self.clinic_file, catalog_dir=self.catalog_dir, lang=self.lang,
                        output_dir=Path("."), booklet=booklet)

    @property
    def catalog(self) -> Catalog:
        return self.job.catalog

    # -- what the page shows -------------------------------------------------------------
    def header(self) -> dict[str, Any]:
        from ..discover import ENV_VAR, LOCAL_FILE, find_clinic

        clinic_path = self.job.clinic_doc.path
        choice = find_clinic(self.clinic_file)
        origin = {"option": f"--clinic {clinic_path}", "folder": f"./{LOCAL_FILE} in this folder",
                  "environment": f"{ENV_VAR}={clinic_path}", "demo": "the built-in demo clinic"}[choice.origin]
        return {
            "clinic": self.job.clinic.name,
            "clinic_file": str(clinic_path) if clinic_path else "",
            "clinic_origin": origin,
            "clinician": self.job.clinic.clinician or "",
            "layout": self.served.layout,
            "lang": self.served.lang,
            "notices": list(self.job.notices),
        }

    def layouts(self) -> list[str]:
        names = builtin_layout_names()
        extra = [n for n in (self.served.layout, self.served.clinic_layout) if n not in names]
        return [*dict.fromkeys(extra), *(n for n in names if not n.startswith("booklet"))]

    def cards(self) -> list[dict[str, Any]]:
        from ..i18n import messages

        m = messages("en")
        return [self._card(e, m) for e in self.catalog.exercises.values()]

    def _card(self, e: Exercise, m: Any) -> dict[str, Any]:
        return {
            "id": e.id, "name": e.name, "also": e.also_known_as, "regions": e.regions, "position": e.position,
            "equipment": e.needs or ["none"], "kind": e.kind, "summary": e.summary,
            "dose_words": " ".join(dosage_sentences(e.dosage, m)), "dose": programs.catalog_dose(e.dosage),
            "each_side": e.dosage.each_side, "defaults": list(e.dosage.defaults),
            "search": " ".join([e.id, e.name, *e.also_known_as]).lower(),
        }

    def filters(self) -> dict[str, list[str]]:
        exercises = list(self.catalog.exercises.values())
        equipment = sorted({item for e in exercises for item in e.needs})
        positions: list[str] = [p for p in POSITION_ORDER if any(e.position == p for e in exercises)]
        return {"regions": list(REGIONS), "positions": positions, "equipment": equipment}

    def dose_help(self) -> dict[str, dict[str, Any]]:
        """Each dose field's words from the program schema, and whether it takes a range ([15, 20])."""
        import json

        from ..schema.jsonschema import schemas

        definition = schemas()["program.schema.json"]["definitions"]["ProgramExercise"]
        # '- cat-cow' is short for '- id: cat-cow', so the definition is a string or an object
        fields = next(v for v in definition.get("anyOf", [definition]) if v.get("type") == "object")["properties"]
        return {name: {"doc": fields[name].get("description", ""), "range": '"array"' in json.dumps(fields[name])}
                for name in programs.DOSE_FIELDS}

    def range_note(self) -> str:
        """'Hold, repetitions and times a day also take a range, such as 15-20.' (or nothing, when none does)"""
        names = [DOSE_LABELS[name] for name, info in self.dose_help().items() if info["range"]]
        if not names:
            return ""
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{listed[0].upper()}{listed[1:].lower()} also take a range, such as 15-20."

    def picture(self, exercise_id: str) -> bytes | None:
        """The exercise's picture as PNG, drawn by the package's PNG renderer once per process."""
        if exercise_id not in self.catalog.exercises:
            return None
        with self.lock:
            if exercise_id not in self._pictures:
                self._pictures[exercise_id] = self._draw(self.catalog.exercises[exercise_id])
            return self._pictures[exercise_id]

    def _draw(self, exercise: Exercise) -> bytes:
        from PIL import Image

        from ..figures.draw_png import render
        from ..figures.library import illustration_path, picture2d
        from ..figures.sheet import default_palette

        width, height = PICTURE_SIZE
        if exercise.image is not None:
            with Image.open(exercise.image) as photo:
                image = photo.convert("RGB")
                image.thumbnail(PICTURE_SIZE)
        else:
            path = illustration_path(exercise.id, self.catalog.folder, exercise.illustration)
            if path is None:
                image = Image.new("RGB", PICTURE_SIZE, "#ffffff")
            else:
                palette = default_palette(self.job.layout().colors)
                image = render(picture2d(path, palette), width, height, line_px=1.1, badge_fill=palette.outline,
                               badge_text="#ffffff")
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        return buffer.getvalue()

    # -- the program ---------------------------------------------------------------------
    def check(self, state: dict[str, Any]) -> Checked:
        text = programs.program_text(state, self.catalog, self.served)
        with self.lock:
            return programs.check(text, self.catalog)

    def render(self, state: dict[str, Any]) -> tuple[bytes | None, Checked]:
        """The program's PDF, exactly as ``handouts program`` prints the saved file; or its problems."""
        from ..render.program import render_program

        checked = self.check(state)
        if checked.program is None or checked.doc is None:
            return None, checked
        with self.lock:
            try:
                job, program = program_job(checked.program, checked.doc, Path.cwd(), layout=None, clinic_file=self.clinic_file,
                                           catalog_dir=self.catalog_dir, lang=None, output_dir=Path("."))
                return render_program(job.context(), program), checked
            except UserError as error:
                problems = [p if isinstance(p, Problem) else Problem("", 0, "", p) for p in error.problems]
                return None, checked._replace(program=None, problems=problems)

    def open(self, text: str, name: str) -> tuple[dict[str, Any] | None, list[Problem]]:
        """A program file's text (opened in the page) as the page's fields, or its problems."""
        with self.lock:
            checked = programs.check(text, self.catalog, name)
        if checked.program is None:
            return None, checked.problems
        return programs.page_state(checked.program, self.catalog, self.served), []

    # -- the clinic's documents ----------------------------------------------------------
    def region(self, region: str) -> bytes:
        from ..render.handout import render_region

        with self.lock:
            return render_region(self.job.context(), region)

    def booklet(self, *, imposed: bool) -> tuple[str, bytes, str]:
        """booklet.pdf, or booklet-imposed.pdf (two pages a sheet, to fold), as the booklet command makes them,
        with the command's printing note."""
        from ..cli import printing_note

        with self.lock:
            files, sheet = self._job(booklet=True).render_booklet(impose=imposed)
        name = "booklet-imposed.pdf" if imposed else "booklet.pdf"
        return name, next(data for path, data in files.items() if path.name == name), printing_note(sheet)

    def draw_all_pictures(self) -> None:
        """Every picture drawn ahead (in the background at start-up), so the page's grid fills at once."""
        for exercise_id in list(self.catalog.exercises):
            self.picture(exercise_id)
