"""Safe output: complete files only, never through a symlink, never over an input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT


def test_a_symlink_in_the_output_folder_is_replaced_not_followed(cli, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "upper-back.pdf").symlink_to(victim)
    assert cli("region", "upper", "-o", str(out)).code == 0
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (out / "upper-back.pdf").is_symlink()
    assert (out / "upper-back.pdf").read_bytes().startswith(b"%PDF")


def test_an_output_that_is_an_input_is_refused(cli, tmp_path, clinic_copy):
    out = tmp_path / "out"
    out.mkdir()
    (out / "upper-back.pdf").symlink_to(clinic_copy)
    before = clinic_copy.read_bytes()
    result = cli("region", "upper", "--clinic", str(clinic_copy), "-o", str(out))
    assert result.code == 1
    assert "upper-back.pdf: --output: is one of the input files; choose another output folder" in result.stderr
    assert clinic_copy.read_bytes() == before


@pytest.mark.no_pdf_check
def test_a_program_cannot_write_over_itself(cli, tmp_path):
    program = tmp_path / "same.pdf"
    program.write_text("exercises: [cat-cow]\n", encoding="utf-8")
    result = cli("program", str(program), "-o", str(tmp_path))
    assert result.code == 1 and "is one of the input files" in result.stderr
    assert program.read_text(encoding="utf-8") == "exercises: [cat-cow]\n"


@pytest.mark.no_pdf_check
def test_an_interrupted_write_leaves_the_previous_file_and_no_part_file(tmp_path, monkeypatch):
    from handouts import output

    target = tmp_path / "lower-back.pdf"
    target.write_bytes(b"%PDF- the previous good one")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, b"%PDF- half of the new one")
    assert target.read_bytes() == b"%PDF- the previous good one"
    assert [p.name for p in tmp_path.iterdir()] == ["lower-back.pdf"]


def test_an_output_folder_that_cannot_be_created(cli, tmp_path):
    blocked = Path("/proc/handouts-cannot-write-here")
    result = cli("region", "upper", "-o", str(blocked))
    assert result.code == 1 and "Traceback" not in result.stderr
    assert "--output: cannot create the output folder" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_a_read_only_output_folder(cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = cli("region", "upper", "-o", str(out))
    finally:
        out.chmod(0o755)
    assert result.code == 1 and "cannot be written to" in result.stderr


def test_inputs_are_never_modified(cli, tmp_path):
    import hashlib
    import shutil

    folder = tmp_path / "inputs"
    shutil.copytree(ROOT / "assets", folder / "assets")

    def digest() -> str:
        h = hashlib.sha256()
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(path.name.encode() + path.read_bytes())
        return h.hexdigest()

    before = digest()
    assert cli("region", "all", "--clinic", str(folder / "assets" / "clinic-a4"), "--catalog",
               str(folder / "assets" / "catalog"), "-o", str(tmp_path / "out")).code == 0
    assert cli("booklet", "--impose", "--clinic", str(folder / "assets" / "clinic"), "-o", str(tmp_path / "out2")).code == 0
    assert digest() == before
