"""Loading everything a command needs (clinic, layout, catalog) and writing what it renders.

All input problems are collected across the clinic profile, the layout and the catalog and
reported together, before anything is rendered or written.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import memo
from .discover import ENV_VAR, find_clinic
from .errors import Problem, Problems, UserError, problem_at
from .models.catalog import Catalog, Exercise, load_catalog
from .models.clinic import Clinic, load_clinic
from .models.layout import Layout, load_layout
from .models.program import Program
from .output import prepare_folder, write_all
from .paths import BUILTIN_CATALOG
from .yamlio import SourceDoc

if TYPE_CHECKING:
    from .render.context import RenderContext

REGION_FILES = {"lower": "lower-back.pdf", "mid": "mid-back.pdf", "upper": "upper-back.pdf"}


def load_catalog_dir(folder: Path | None) -> Catalog:
    folder = folder or BUILTIN_CATALOG
    files = _yaml_files(folder) if folder.is_dir() else [os.fspath(folder)]
    builtin = files if folder == BUILTIN_CATALOG else _yaml_files(BUILTIN_CATALOG)  # (the built-in folder listed once)
    shared = [path for path in builtin if os.path.basename(path).startswith("_")]  # _safety.yaml, _regions.yaml
    return memo("catalog", [os.fspath(folder), *files, *shared], lambda: load_catalog(folder, builtin=BUILTIN_CATALOG))


def _yaml_files(folder: Path) -> list[str]:
    """The folder's YAML files (``*.y*ml``, not hidden), sorted: what the memo's key is made of
    (os.scandir: the catalog is looked up for every program of a batch)."""
    with os.scandir(folder) as entries:
        return sorted(entry.path for entry in entries
                      if not entry.name.startswith(".") and fnmatch.fnmatchcase(entry.name, "*.y*ml"))


def cached_clinic(path: Path) -> tuple[Clinic, SourceDoc]:
    return memo("clinic", [path], lambda: load_clinic(path))


def cached_layout(reference: str, relative_to: Path | None = None) -> Layout:
    from .models.layout import resolve_layout_reference

    resolved = resolve_layout_reference(reference, relative_to or Path.cwd())
    return memo(f"layout:{reference}", [resolved or Path(reference)], lambda: load_layout(reference, relative_to=relative_to))


def default_layout(clinic: Clinic, *, booklet: bool) -> str:
    if booklet:
        return clinic.booklet_layout or ("booklet-a5" if clinic.paper == "a4" else "booklet")
    return clinic.layout or ("a4" if clinic.paper == "a4" else "standard")


def _layout_flags(booklet: bool | None) -> tuple[bool, ...]:
    """Which of a job's layouts a command prints with: the handouts' (False), the booklet's (True), both (None)."""
    return (False, True) if booklet is None else (booklet,)


def region_list_problems(clinic: Clinic, clinic_doc: SourceDoc, catalog: Catalog) -> list[Problem]:
    """Every id of the clinic's own region lists names a catalog exercise ('did you mean ...?' otherwise)."""
    from .models.catalog import REGIONS, unknown_exercise

    found = []
    for region in REGIONS:
        for index, exercise_id in enumerate(getattr(clinic.region_exercises, region) or []):
            if exercise_id not in catalog.exercises:
                found.append(clinic_doc.problem(("region_exercises", region, index),
                                                unknown_exercise(exercise_id, catalog.exercises)))
    return found


class Job:
    """One command's inputs, loaded and validated, and where its output goes."""

    def __init__(self, clinic: Clinic, clinic_doc: SourceDoc, catalog: Catalog, layout_ref: str | None, lang: str,
                 output_dir: Path):
        self.clinic = clinic
        self.clinic_doc = clinic_doc
        self.catalog = catalog
        self.layout_ref = layout_ref
        self.lang = lang
        self.output_dir = output_dir
        self.notices: list[str] = []
        self._layouts: dict[bool, Layout] = {}
        self._prepared: dict[bool, RenderContext] = {}  # made by prepare(), handed to the first document

    @classmethod
    def load(cls, *, layout: str | None, clinic_file: Path | None, catalog_dir: Path | None, lang: str | None,
             output_dir: Path, booklet: bool | None = False, regions: Sequence[str] | None = None,
             prepare: bool = True) -> Job:
        """Load and check the clinic, the catalog and the layout, then (``prepare``) everything the documents
        draw from (see :meth:`prepare`): for the booklet's layout (``booklet``), the handouts' (``False``) or
        both (``None``), and the exercises of ``regions`` (None: every exercise of the catalog)."""
        problems = Problems()
        clinic = clinic_doc = catalog = None
        choice = find_clinic(clinic_file)
        try:
            if choice.origin == "environment" and not choice.path.is_file():
                raise UserError([problem_at(choice.path, 0, "", f"no clinic profile here (the {ENV_VAR} variable names it)")])
            clinic, clinic_doc = cached_clinic(choice.path)
        except UserError as error:
            problems.absorb(error)
        try:
            catalog = load_catalog_dir(catalog_dir)
        except UserError as error:
            problems.absorb(error)
        job = None
        if clinic is not None and clinic_doc is not None and catalog is not None:
            problems.extend(region_list_problems(clinic, clinic_doc, catalog))
            job = cls(clinic, clinic_doc, catalog, layout, lang or clinic.lang, output_dir)
            if choice.note:
                job.notices.append(choice.note)
            for flag in _layout_flags(booklet):
                try:
                    job.layout(booklet=flag)
                except UserError as error:
                    problems.absorb(error)
        elif layout is not None:
            try:
                cached_layout(layout)
            except UserError as error:
                problems.absorb(error)
        problems.raise_if_any()
        assert job is not None
        if prepare:
            exercises = None
            if regions is not None:  # what each region's handout prints (a region with none is refused)
                exercises = []
                for region in regions:
                    try:
                        exercises += job.catalog.for_handout(region, getattr(job.clinic.region_exercises, region))
                    except UserError as error:
                        problems.absorb(error)
            try:
                job.prepare(booklet=booklet, exercises=exercises)
            except UserError as error:
                problems.absorb(error)
            problems.raise_if_any()
        return job

    def prepare(self, *, booklet: bool | None = False, exercises: Sequence[Exercise] | None = None) -> None:
        """Open and check everything the documents draw from, before any page is laid out, and refuse
        with every problem at once: the layout's own fonts, the clinic's logo, each exercise's picture
        (pose file or photo) and the characters the fonts cannot print. What is opened here is kept by
        the process (see handouts.reuse), so the documents find it ready."""
        from .render.fonts import font_problems
        from .render.handout import check_clinic_glyphs, check_glyphs
        from .render.images import logo_picture
        from .render.legend import legend_marks
        from .render.pictures import picture_for

        chosen = list(self.catalog.exercises.values()) if exercises is None else list(dict.fromkeys(exercises))
        problems: list[Problem | str] = []
        for flag in _layout_flags(booklet):
            fonts = font_problems(self.layout(booklet=flag))
            if fonts:
                problems += fonts
                continue  # no context (nor glyph check) without the fonts
            ctx = self._prepared[flag] = self._new_context(flag, self.lang)
            steps: list[Callable[[], object]] = [partial(logo_picture, ctx)] if ctx.layout.header.logo else []
            steps += [partial(picture_for, ctx, exercise) for exercise in chosen]
            steps.append(partial(legend_marks, ctx))  # the key to the pictures borrows one picture's marks
            steps += [partial(check_glyphs, ctx, chosen), partial(check_clinic_glyphs, ctx)]
            for step in steps:
                try:
                    step()
                except UserError as error:
                    problems += error.problems
        if problems:
            raise UserError(list(dict.fromkeys(problems)))

    def layout(self, *, booklet: bool = False) -> Layout:
        if booklet not in self._layouts:
            if self.layout_ref is not None:
                self._layouts[booklet] = cached_layout(self.layout_ref)
            else:
                reference = default_layout(self.clinic, booklet=booklet)
                self._layouts[booklet] = cached_layout(reference, relative_to=self.clinic_doc.folder)
        return self._layouts[booklet]

    def context(self, *, booklet: bool = False, lang: str | None = None) -> RenderContext:
        """The context of one document: the first one of each layout is the one :meth:`prepare` filled
        (its pictures and logo loaded), the others are new."""
        if lang is None or lang == self.lang:
            prepared = self._prepared.pop(booklet, None)
            if prepared is not None:
                return prepared
        return self._new_context(booklet, lang or self.lang)

    def _new_context(self, booklet: bool, lang: str) -> RenderContext:
        from .render.context import RenderContext

        return RenderContext(self.layout(booklet=booklet), self.clinic, self.clinic_doc, self.catalog, lang)

    def inputs(self) -> list[Path]:
        paths = [p for p in (self.clinic_doc.path, self.clinic.logo) if p is not None]
        paths += [doc.path for doc in self.catalog.docs.values() if doc.path is not None]
        return paths

    def render_booklet(self, *, impose: bool) -> tuple[dict[Path, bytes], str | None]:
        """The booklet (and its imposed print file), in memory; the sheet's name when imposed."""
        from .render.booklet import render_booklet

        ctx = self.context(booklet=True)
        data = render_booklet(ctx)
        self.notices.extend(n for n in ctx.notices if n not in self.notices)
        files = {self.output_dir / "booklet.pdf": data}
        sheet = None
        if impose:
            from .render.imposition import impose as impose_pdf

            imposed, sheet = impose_pdf(data)
            files[self.output_dir / "booklet-imposed.pdf"] = imposed
        return files, sheet

    def render_regions(self, regions: list[str]) -> dict[Path, bytes]:
        from .render.handout import render_region

        ctx = self.context()
        files = {self.output_dir / REGION_FILES[r]: render_region(ctx, r) for r in regions}
        self.notices.extend(n for n in ctx.notices if n not in self.notices)
        return files

    def write(self, files: dict[Path, bytes]) -> list[Path]:
        """Write finished documents; nothing is written if any target is refused."""
        prepare_folder(self.output_dir)
        return write_all(files, self.inputs())

    def write_regions(self, regions: list[str]) -> list[Path]:
        return self.write(self.render_regions(regions))


def program_output(program_file: Path, output_dir: Path) -> Path:
    return output_dir / f"{program_file.stem}.pdf"


def load_program_job(program_file: Path, *, layout: str | None, clinic_file: Path | None, catalog_dir: Path | None,
                     lang: str | None, output_dir: Path) -> tuple[Job, Program]:
    """Everything to print one program; the command line's options win over the program file's own."""
    from .models.program import load_program

    # not memoised: each program file of a batch is read once, and keeping it would only push the
    # catalog, clinic and layout out of the memo
    program, doc = load_program(program_file)
    return program_job(program, doc, program_file.parent, layout=layout, clinic_file=clinic_file, catalog_dir=catalog_dir,
                       lang=lang, output_dir=output_dir)


def program_job(program: Program, doc: SourceDoc, folder: Path, *, layout: str | None, clinic_file: Path | None,
                catalog_dir: Path | None, lang: str | None, output_dir: Path) -> tuple[Job, Program]:
    """The job for a loaded program whose relative paths start from ``folder``; the options win over the file's."""
    from .models.layout import resolve_layout_reference
    from .models.program import check_ids

    layout_ref = layout
    if layout_ref is None and program.layout is not None:
        resolved = resolve_layout_reference(program.layout, folder)
        layout_ref = str(resolved) if resolved is not None else program.layout
    job = Job.load(layout=layout_ref, clinic_file=clinic_file or program.clinic, catalog_dir=catalog_dir,
                   lang=lang or program.lang, output_dir=output_dir, prepare=False)
    check_ids(program, doc, job.catalog)
    job.prepare(exercises=[job.catalog.exercises[item.id] for item in program.exercises])
    return job, program


def render_program_file(program_file: Path, *, layout: str | None = None, clinic_file: Path | None = None,
                        catalog_dir: Path | None = None, lang: str | None = None,
                        output_dir: Path = Path("out")) -> tuple[Path, bytes, list[str]]:
    """Load and render one program; returns where it goes, its bytes and the notices."""
    from .render.program import render_program

    job, program = load_program_job(program_file, layout=layout, clinic_file=clinic_file, catalog_dir=catalog_dir,
                                    lang=lang, output_dir=output_dir)
    ctx = job.context()
    data = render_program(ctx, program)
    return program_output(program_file, output_dir), data, [*job.notices, *ctx.notices]
