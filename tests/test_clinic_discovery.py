"""Which clinic a command prints for without --clinic: ./clinic.yaml, then $HANDOUTS_CLINIC, then the demo
clinic with a note; and init-clinic's suggested commands, run as printed in a fresh shell."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from conftest import run_cli
from pdfcheck import all_text

DEMO = "Riverside Back & Spine Clinic"


def make_clinic(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "clinic.yaml").write_text(f"name: {name}\nphone: 555-0100\n", encoding="utf-8")
    return folder


def printed_clinic(out: Path) -> str:
    text = all_text((out / "upper-back.pdf").read_bytes())
    for name in ("Lakeside Physio", "Hillside Spine", "Harbour Clinic", DEMO):
        if name in text:
            return name
    raise AssertionError(text[:300])


def test_clinic_yaml_in_the_current_folder_is_used(tmp_path):
    folder = make_clinic(tmp_path / "lakeside", "Lakeside Physio")
    result = run_cli("region", "upper", "-o", "out", cwd=folder)
    assert result.code == 0, result.stderr
    assert printed_clinic(folder / "out") == "Lakeside Physio"
    assert "demo clinic" not in result.stderr


def test_handouts_clinic_variable_is_used_from_any_folder(tmp_path):
    clinic = make_clinic(tmp_path / "hillside", "Hillside Spine")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for value in (str(clinic), str(clinic / "clinic.yaml")):
        result = run_cli("region", "upper", "-o", "out", cwd=elsewhere, env={"HANDOUTS_CLINIC": value})
        assert result.code == 0, result.stderr
        assert printed_clinic(elsewhere / "out") == "Hillside Spine"
        assert "note:" not in result.stderr


def test_order_option_then_folder_then_variable(tmp_path):
    local = make_clinic(tmp_path / "lakeside", "Lakeside Physio")
    variable = make_clinic(tmp_path / "hillside", "Hillside Spine")
    option = make_clinic(tmp_path / "harbour", "Harbour Clinic")
    env = {"HANDOUTS_CLINIC": str(variable)}
    assert run_cli("region", "upper", "-o", "out", cwd=local, env=env).code == 0
    assert printed_clinic(local / "out") == "Lakeside Physio"
    assert run_cli("region", "upper", "-o", "out", "--clinic", str(option), cwd=local, env=env).code == 0
    assert printed_clinic(local / "out") == "Harbour Clinic"


def test_demo_clinic_is_said_with_how_to_use_your_own(tmp_path):
    result = run_cli("region", "upper", "-o", "out", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert printed_clinic(tmp_path / "out") == DEMO
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:") and "demo clinic" in line]
    assert len(notes) == 1, result.stderr
    assert "init-clinic" in notes[0] and "HANDOUTS_CLINIC" in notes[0] and "--clinic" in notes[0]
    check = run_cli("check", cwd=tmp_path)
    assert check.code == 0 and "demo clinic" in check.stderr


def test_a_variable_naming_nothing_is_an_error_that_says_so(tmp_path):
    result = run_cli("region", "upper", "-o", "out", cwd=tmp_path, env={"HANDOUTS_CLINIC": str(tmp_path / "nowhere")})
    assert result.code == 1
    assert "HANDOUTS_CLINIC" in result.stderr and "nowhere" in result.stderr
    assert not (tmp_path / "out").exists()


def test_init_clinic_suggests_commands_that_work_in_a_fresh_shell(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run_cli("init-clinic", str(tmp_path / "lake side"), "--name", "Lakeside Physio", cwd=home)
    assert result.code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    cd = next(line for line in lines if line.startswith("cd "))
    commands = [line for line in lines if line.endswith((" check", " region all"))]
    assert len(commands) == 2, result.stdout
    fresh = {"PATH": "/usr/bin:/bin", "HOME": str(home), "HANDOUTS_CACHE_DIR": os.environ["HANDOUTS_CACHE_DIR"],
             "SOURCE_DATE_EPOCH": "1790000000"}
    for command in commands:
        done = subprocess.run(["bash", "-c", f"{cd} && {command}"], cwd=home, env=fresh, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, (command, done.stderr)
        assert "demo clinic" not in done.stderr
    assert printed_clinic(tmp_path / "lake side" / "out") == "Lakeside Physio"
    assert re.search(r"pipx install|activate", result.stdout)


def test_starter_colours_pass_the_contrast_check(tmp_path):
    folder = tmp_path / "starter"
    assert run_cli("init-clinic", str(folder)).code == 0
    text = (folder / "clinic.yaml").read_text(encoding="utf-8")
    text = text.replace("# colors:", "colors:").replace('#   brand:', '  brand:').replace('#   secondary:', '  secondary:')
    (folder / "clinic.yaml").write_text(text, encoding="utf-8")
    result = run_cli("region", "upper", "-o", "out", cwd=folder)
    assert result.code == 0, result.stderr
    assert "too light" not in result.stderr
    assert "note:" not in result.stderr, result.stderr
