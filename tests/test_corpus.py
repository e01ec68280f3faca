"""The bad-input corpus: files as clinics write them, each with the exact message and exit code it must give.

Each folder under tests/corpus/ holds the input files and a case.yaml:

    description: what is wrong
    command: [region, upper, --clinic, clinic.yaml, -o, out]   # run in a copy of the folder
    base: [catalog]          # optional: start from a copy of the built-in catalog (the case's files overlay it)
    special:                 # optional: files git cannot hold, made in the copy before the run
      - {fifo: program.yaml}               # a named pipe
      - {link: logo.png, to: /dev/zero}    # a symbolic link (to a device, or to itself for a loop)
    exit: 1
    stderr: |                # exactly what the command prints on stderr
      clinic.yaml:1: ...
    stderr_lines: [...]      # or: lines that must be among what it prints (when the rest varies, e.g. timings)

Set RECORD_CORPUS=1 to print what each case produces instead of checking it (for adding cases).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_cli

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())


def prepare(name: str, tmp_path: Path) -> tuple[dict, Path]:
    spec = yaml.load((CORPUS / name / "case.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    work = tmp_path / "work"
    work.mkdir()
    if "catalog" in spec.get("base", []):
        shutil.copytree(ROOT / "assets" / "catalog", work / "catalog")
    for source in (CORPUS / name).rglob("*"):
        relative = source.relative_to(CORPUS / name)
        if relative.name == "case.yaml" and len(relative.parts) == 1:
            continue
        target = work / relative
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    for item in spec.get("special", []):
        if "fifo" in item:
            os.mkfifo(work / item["fifo"])
        else:
            (work / item["link"]).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(item["to"], work / item["link"])
    return spec, work


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file's bytes (special files and links are never read: reading /dev/zero never ends)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if not p.is_symlink() and p.is_file()}


@pytest.mark.parametrize("name", CASES)
def test_corpus_case(name, tmp_path):
    spec, work = prepare(name, tmp_path)
    before = snapshot(work)
    result = run_cli(*spec["command"], cwd=work, timeout=60)
    if os.environ.get("RECORD_CORPUS"):
        print(f"\n--- {name}: exit {result.code}\n{result.stderr}")
        return
    assert "Traceback" not in result.stderr
    assert result.code == spec["exit"], result.stderr
    expected = spec.get("stderr")
    if expected is not None:
        assert result.stderr.strip() == expected.strip()
    for line in spec.get("stderr_lines", []):
        assert line in result.stderr.splitlines(), result.stderr
    after = snapshot(work)
    # inputs are never modified; a failed run writes nothing at all
    for path, data in before.items():
        assert after.get(path) == data, f"input {path} was changed"
    new = set(after) - set(before)
    if spec["exit"] != 0:
        assert not new, f"files written by a failed run: {sorted(new)}"
    else:
        assert new and all(p.endswith(".pdf") for p in new), sorted(new)
