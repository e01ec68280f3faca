"""`handouts check PROGRAM.yaml...`: programs checked with their own clinic and layout, nothing written."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli


def tree(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def setup(tmp_path: Path) -> Path:
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    (clinic / "clinic.yaml").write_text('name: Lakeside Physio\ncolors: {brand: "#9fd3e6"}\n', encoding="utf-8")
    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "good.yaml").write_text(
        "patient: Ann Lee\nclinic: ../clinic/clinic.yaml\nexercises:\n  - pelvic-tilt\n  - id: cat-cow\n    repetitions: 8\n",
        encoding="utf-8")
    return programs


def test_a_good_program_passes_and_nothing_is_written(tmp_path):
    programs = setup(tmp_path)
    before = tree(tmp_path)
    result = run_cli("check", str(programs / "good.yaml"), cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert "All good: 1 program" in result.stdout and "nothing was written" in result.stdout
    # the program's own clinic was used: its too-light brand colour is reported, as printing would
    assert "colors.brand #9fd3e6 is too light" in result.stderr
    assert "demo clinic" not in result.stderr
    assert tree(tmp_path) == before


def test_bad_programs_are_all_reported_and_nothing_is_written(tmp_path):
    programs = setup(tmp_path)
    (programs / "typo.yaml").write_text("patient: Bo Chan\nexercises:\n  - pelvic-tlit\n", encoding="utf-8")
    (programs / "colon.yaml").write_text("patient: Cy Diaz\nexercises:\n  - id: cat-cow\n    note: Slowly: always\n",
                                         encoding="utf-8")
    (programs / "dose.yaml").write_text("exercises:\n  - id: cat-cow\n    repetitions: 500\n", encoding="utf-8")
    before = tree(tmp_path)
    result = run_cli("check", str(programs), cwd=tmp_path)
    assert result.code == 1
    out = result.stdout
    assert "typo.yaml:3" in out and "did you mean 'pelvic-tilt'" in out
    assert "colon.yaml:4:" in out and 'note: "Slowly: always"' in out
    assert "dose.yaml:3" in out and "repetitions" in out
    assert "3 problems in 4 programs" in result.stderr and "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(tmp_path) == before


def test_options_win_over_the_program_file(tmp_path):
    programs = setup(tmp_path)
    result = run_cli("check", str(programs), "--layout", "no-such-layout", cwd=tmp_path)
    assert result.code == 1 and "no-such-layout" in result.stdout + result.stderr


def test_a_missing_program_file(tmp_path):
    result = run_cli("check", str(tmp_path / "nowhere.yaml"), cwd=tmp_path)
    assert result.code == 1 and "nowhere.yaml: not found" in result.stderr
