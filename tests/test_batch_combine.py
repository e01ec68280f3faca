"""`batch --combine FILE.pdf`: one PDF of every program, each starting on an odd page; progress lines
when stderr is not a terminal."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import ROOT, run_cli
from pdfcheck import page_texts, reader

IDS = sorted(p.stem for p in (ROOT / "assets" / "catalog").glob("*.yaml") if not p.name.startswith("_"))


def write_programs(folder: Path, sizes: dict[str, int]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for patient, count in sizes.items():
        items = "".join(f"  - {i}\n" for i in IDS[:count])
        (folder / f"{patient.lower().replace(' ', '-')}.yaml").write_text(
            f"patient: {patient}\nexercises:\n{items}", encoding="utf-8")


def test_combined_file_starts_every_program_on_an_odd_page(tmp_path):
    sizes = {"Ann Lee": 2, "Bo Chan": 4, "Cy Diaz": 1, "Di Egan": 12}
    write_programs(tmp_path / "programs", sizes)
    result = run_cli("batch", "programs", "--combine", "all.pdf", "-o", "out", "-j", "2", cwd=tmp_path)
    assert result.code == 0, result.stderr
    singles = {name: len(reader((tmp_path / "out" / f"{name.lower().replace(' ', '-')}.pdf").read_bytes()).pages)
               for name in sizes}
    assert any(pages % 2 for pages in singles.values()), singles  # the test needs a program with an odd count
    combined = (tmp_path / "all.pdf").read_bytes()
    texts = page_texts(combined)
    # in input (file name) order, each program starting on an odd page, blank pages only as padding
    page = 0
    for name in sorted(sizes):
        assert page % 2 == 0, f"{name} starts on page {page + 1}"
        assert name in texts[page], (name, texts[page][:200])
        assert all(name in " ".join(t.split()) or "Page" in t for t in texts[page:page + singles[name]])
        page += singles[name]
        if singles[name] % 2:
            assert texts[page].strip() == "", f"page {page + 1} should be blank"
            page += 1
    assert page == len(texts)
    assert f"wrote all.pdf (4 programs, {len(texts)} pages" in result.stdout
    outline = [item.title for item in reader(combined).outline]
    assert outline == [n.lower().replace(" ", "-") for n in sorted(sizes)]
    # the same bytes from a second run
    again = run_cli("batch", "programs", "--combine", "again.pdf", "-o", "out2", "-j", "1", cwd=tmp_path)
    assert again.code == 0 and (tmp_path / "again.pdf").read_bytes() == combined


def test_no_combined_file_when_a_program_fails(tmp_path):
    write_programs(tmp_path / "programs", {"Ann Lee": 2})
    (tmp_path / "programs" / "bad.yaml").write_text("exercises:\n  - no-such-exercise\n", encoding="utf-8")
    result = run_cli("batch", "programs", "--combine", "all.pdf", "-o", "out", cwd=tmp_path)
    assert result.code == 1
    assert "all.pdf was not written: 1 program failed" in result.stderr
    assert not (tmp_path / "all.pdf").exists()


def test_combined_file_cannot_replace_a_program_pdf(tmp_path):
    write_programs(tmp_path / "programs", {"Ann Lee": 2})
    result = run_cli("batch", "programs", "--combine", "out/ann-lee.pdf", "-o", "out", cwd=tmp_path)
    assert result.code == 1 and "ann-lee.pdf: is also a program's file" in result.stderr
    assert not (tmp_path / "out").exists()


def test_progress_lines_without_a_terminal(tmp_path):
    write_programs(tmp_path / "programs", {"Ann Lee": 1, "Bo Chan": 1, "Cy Diaz": 1})
    result = run_cli("batch", "programs", "-o", "out", "-j", "1", cwd=tmp_path)
    assert result.code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "Printing 3 programs"
    assert any(line.startswith("3 of 3 programs done, ") for line in lines)


def test_progress_lines_are_spaced_by_time():
    from handouts.progress import ProgressLines

    now = [0.0]
    stream = io.StringIO()
    progress = ProgressLines(100, stream, every=5.0, clock=lambda: now[0])
    for i in range(100):
        now[0] = i * 0.5  # two programs a second: a line every ten programs
        progress.update(failed=(i == 3))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Printing 100 programs"
    assert lines[1] == "11 of 100 programs done (1 failed), 5 s"
    assert lines[-1] == "100 of 100 programs done (1 failed), 50 s"
    assert 9 <= len(lines) <= 12
