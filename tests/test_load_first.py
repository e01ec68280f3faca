"""Everything a command draws from is opened and checked before any page is laid out (Job.load / prepare),
and every problem is reported at once: a bad logo and a broken pose file, a damaged font."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT


def vera(name: str = "Vera.ttf") -> Path:
    import reportlab

    return Path(reportlab.__file__).parent / "fonts" / name


def test_a_bad_logo_and_a_broken_pose_file_are_reported_together(cli, tmp_path):
    clinic = tmp_path / "clinic"
    shutil.copytree(ROOT / "assets" / "clinic", clinic)
    (clinic / "logo.png").write_bytes((ROOT / "assets" / "clinic" / "logo.png").read_bytes()[:300])  # cut short
    shutil.copytree(ROOT / "assets" / "catalog", tmp_path / "catalog")
    poses = tmp_path / "illustrations"
    poses.mkdir()
    (poses / "cat-cow.yaml").write_text((ROOT / "assets" / "illustrations" / "cat-cow.yaml").read_text(encoding="utf-8")
                                        + "joints: [broken\n", encoding="utf-8")
    result = cli("region", "mid", "--clinic", str(clinic), "--catalog", str(tmp_path / "catalog"), "-o", str(tmp_path / "out"))
    assert result.code == 1, result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{clinic / 'clinic.yaml'}:") and "logo" in line and "logo.png" in line for line in lines), lines
    assert any(line.startswith(f"{poses / 'cat-cow.yaml'}:") for line in lines), lines
    assert "Traceback" not in result.stderr and "2 problems" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_truncated_font_is_refused_at_the_layout_line(cli, tmp_path):
    (tmp_path / "cut.ttf").write_bytes(vera().read_bytes()[:20_000])
    (tmp_path / "bold.ttf").write_bytes(vera("VeraBd.ttf").read_bytes())
    layout = tmp_path / "mine.yaml"
    layout.write_text("extends: standard\nfonts:\n  regular: cut.ttf\n  bold: bold.ttf\n", encoding="utf-8")
    for command in (["region", "lower"], ["booklet"], ["program", str(ROOT / "examples" / "programs" / "jane-doe.yaml")]):
        result = cli(*command, "--layout", str(layout), "-o", str(tmp_path / "out"))
        assert result.code == 1, (command, result.stderr)
        assert result.stderr.splitlines() == [
            f'{layout}:3: fonts.regular: "cut.ttf" is not a usable TrueType font (the file is damaged or cut short); '
            "use an undamaged .ttf file",
            "Nothing was written.",
        ], command
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_a_font_is_refused_and_a_whole_font_is_used(tmp_path):
    from handouts.models.layout import load_layout
    from handouts.render.fonts import font_problems

    (tmp_path / "notes.ttf").write_text("not a font\n", encoding="utf-8")
    (tmp_path / "whole.ttf").write_bytes(vera().read_bytes())
    (tmp_path / "bad.yaml").write_text("fonts:\n  regular: notes.ttf\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text("fonts:\n  regular: whole.ttf\n", encoding="utf-8")
    [problem] = font_problems(load_layout(str(tmp_path / "bad.yaml")))
    assert (problem.line, problem.field) == (2, "fonts.regular") and "not a TrueType font file" in problem.message
    assert font_problems(load_layout(str(tmp_path / "good.yaml"))) == []


def test_the_renderer_does_not_read_pose_files_again(tmp_path, monkeypatch):
    """After Job.load, laying out the pages reads no pose file: the pictures were loaded and checked."""
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    layout = tmp_path / "own-colours.yaml"  # a figure colour of its own: no picture of it is in memory yet
    layout.write_text('extends: a4\ncolors: {figure: "#3d6f96"}\n', encoding="utf-8")
    job = Job.load(layout=str(layout), clinic_file=None, catalog_dir=None, lang=None, output_dir=tmp_path,
                   regions=["upper"])
    read: list[Path] = []
    original_bytes, original_text = Path.read_bytes, Path.read_text
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original_bytes(self))
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: read.append(self) or original_text(self, *a, **k))
    assert render_region(job.context(), "upper").startswith(b"%PDF")
    assert not [path for path in read if path.parent.name == "illustrations"], read


def test_text_the_fonts_cannot_print_is_refused_every_time_though_checked_once(tmp_path):
    """The glyph check of an exercise is kept for the process once it passes; a failing one is not kept."""
    import pytest

    from handouts.errors import UserError
    from handouts.jobs import Job

    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "assets" / "catalog", catalog)
    entry = catalog / "cat-cow.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("name: Cat-cow", "name: Cat-cow \u732b", 1), encoding="utf-8")
    assert "\u732b" in entry.read_text(encoding="utf-8")
    for _ in range(2):  # twice in one process: still refused
        with pytest.raises(UserError) as refused:
            Job.load(layout=None, clinic_file=None, catalog_dir=catalog, lang=None, output_dir=tmp_path / "out")
        assert any("U+732B" in str(problem) for problem in refused.value.problems)
    from handouts.render.fonts import FontSet
    from handouts.render.handout import render_region

    job = Job.load(layout=None, clinic_file=None, catalog_dir=None, lang=None, output_dir=tmp_path / "out")
    missing = FontSet.missing
    calls: list[str] = []
    FontSet.missing = lambda self, text: calls.append(text) or missing(self, text)  # type: ignore[method-assign]
    try:
        assert render_region(job.context(), "mid").startswith(b"%PDF")
    finally:
        FontSet.missing = missing  # type: ignore[method-assign]
    assert calls == []  # prepare checked the exercises and the clinic: the renderer does not check them again


def test_a_stack_is_measured_only_until_it_passes_the_limit():
    from reportlab.platypus import Flowable

    from handouts.render.ending import stack_height

    class Tall(Flowable):
        def wrap(self, availWidth, availHeight):
            return availWidth, 500.0

    class Unmeasured(Flowable):
        def wrap(self, availWidth, availHeight):
            raise AssertionError("measured after the limit was passed")

    assert stack_height([Tall(), Tall(), Unmeasured()], 300.0, limit=800.0) == 1000.0
    assert stack_height([Tall(), Tall()], 300.0) == 1000.0
