"""Hostile conditions outside the input files' contents: special files, signals, full and read-only disks,
closed or full standard output, libraries that complain, text that cannot wrap."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from pdfcheck import all_text, outside_margins, validate

PROGRAM = "patient: Pat {n}\nexercises: [cat-cow, pelvic-tilt, cobra]\n"


def _programs(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(1, count + 1):
        (folder / f"p{n:03d}.yaml").write_text(PROGRAM.format(n=n), encoding="utf-8")
    return folder


# -- interrupts ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sig", "code", "what", "group"), [(signal.SIGINT, 130, "Ctrl-C", True),
                                                            (signal.SIGTERM, 143, "SIGTERM", False)])
def test_an_interrupted_batch_stops_cleanly(tmp_path, sig, code, what, group):
    """A real batch of 2 workers, interrupted as a terminal does (Ctrl-C to the whole process group) or as a
    service manager does (SIGTERM to the command): it stops within seconds, with no worker traceback and no
    temporary file, says how many programs it wrote, and every PDF it leaves is complete."""
    programs = _programs(tmp_path / "programs", 200)
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "earlier.pdf"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run([sys.executable, str(ROOT / "generate.py"), "program", str(programs / "p001.yaml"), "-o",
                            str(tmp_path)], capture_output=True, env=env, timeout=120)
    assert first.returncode == 0
    (tmp_path / "p001.pdf").rename(earlier)
    before = earlier.read_bytes()
    proc = subprocess.Popen([sys.executable, str(ROOT / "generate.py"), "batch", str(programs), "-j", "2", "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(list(out.glob("p*.pdf"))) < 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    (os.killpg if group else os.kill)(proc.pid, sig)
    stopped = time.monotonic()
    _, stderr = proc.communicate(timeout=30)
    assert time.monotonic() - stopped < 5, "took too long to stop"
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr and "BrokenPipeError" not in stderr
    written = sorted(out.glob("p*.pdf"))
    assert f"Interrupted ({what}): {len(written)} of 200 programs written, each one complete; " \
           f"the other {200 - len(written)} were not printed." in stderr
    assert 4 <= len(written) < 200
    assert sorted(p.name for p in out.iterdir()) == sorted([p.name for p in written] + ["earlier.pdf"])  # no .part
    assert earlier.read_bytes() == before
    for pdf in written:
        validate(pdf.read_bytes(), pdf.name)


def test_ctrl_c_in_one_process_leaves_nothing_half_written(tmp_path):
    """Without worker processes (-j 1, the path every other command takes): exit 130, no traceback, no
    temporary file, and every PDF written is complete."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    programs = _programs(tmp_path / "programs", 200)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, str(ROOT / "generate.py"), "batch", str(programs), "-j", "1", "-o", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while not (out.is_dir() and len(list(out.glob("*.pdf"))) >= 2) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "Interrupted (Ctrl-C): " in stderr
    written = list(out.glob("*.pdf"))
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)  # no .part file
    for pdf in written:
        validate(pdf.read_bytes(), pdf.name)


# -- full and read-only disks --------------------------------------------------------------------------------

def _small_disk(path: Path, size: str, *, read_only: bool = False) -> None:
    path.mkdir()
    options = f"size={size}" + (",ro" if read_only else "")
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot mount a small tmpfs here ({exc}); the full-disk tests need root and mount(8)")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.decode().strip()}); the full-disk tests need "
                    "root (or CAP_SYS_ADMIN) and mount(8)")


@pytest.fixture
def full_disk(tmp_path):
    disk = tmp_path / "disk"
    _small_disk(disk, "64k")
    yield disk
    subprocess.run(["umount", str(disk)], check=False, timeout=10)


@pytest.fixture
def read_only_disk(tmp_path):
    disk = tmp_path / "ro"
    _small_disk(disk, "1m", read_only=True)
    yield disk
    subprocess.run(["umount", str(disk)], check=False, timeout=10)


WRITERS = {
    "region": (["region", "upper", "-o", "{d}/out"], "upper-back.pdf"),
    "booklet": (["booklet", "--impose", "-o", "{d}/out"], "booklet.pdf"),
    "program": (["program", "{p}", "-o", "{d}/out"], "program.pdf"),
    "batch": (["batch", "{p}", "-j", "1", "-o", "{d}/out"], "program.pdf"),
    "schema": (["schema", "-o", "{d}/schema"], "layout.schema.json"),
    "init-clinic": (["init-clinic", "{d}/clinic"], "clinic.yaml"),
    "illustrations": (["illustrations", "-o", "{d}/sheet.png"], "sheet.png"),
}


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_every_writing_command_on_a_full_disk(tmp_path, full_disk, command):
    program = tmp_path / "program.yaml"
    program.write_text("exercises: [cat-cow]\n", encoding="utf-8")
    (full_disk / "filler").write_bytes(b"x" * 40_000)  # most of the 64 KB gone: no PDF, sheet or schema set fits
    args, _ = WRITERS[command]
    result = run_cli(*[a.format(d=full_disk, p=program) for a in args], cwd=tmp_path)
    assert result.code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "cannot be written (the disk is full)" in result.stderr, result.stderr
    # at most the (empty) output folder the command was told to use: never a part file or a half file
    left = [p for p in full_disk.rglob("*") if p.name != "filler"]
    assert all(p.is_dir() and p.name in ("out", "schema") for p in left), left


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_every_writing_command_on_a_read_only_disk(tmp_path, read_only_disk, command):
    program = tmp_path / "program.yaml"
    program.write_text("exercises: [cat-cow]\n", encoding="utf-8")
    args, _ = WRITERS[command]
    result = run_cli(*[a.format(d=read_only_disk, p=program) for a in args], cwd=tmp_path)
    assert result.code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "read-only" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) <= 3, result.stderr
    assert list(read_only_disk.iterdir()) == []


def test_init_clinic_never_overwrites_and_leaves_nothing_on_failure(tmp_path, full_disk):
    folder = tmp_path / "clinic"
    (folder / "schema").mkdir(parents=True)
    (folder / "schema" / "layout.schema.json").write_text("mine\n", encoding="utf-8")
    result = run_cli("init-clinic", str(folder))
    assert result.code == 1 and "layout.schema.json: already exists; it was not changed" in result.stderr
    assert sorted(p.name for p in folder.rglob("*")) == ["layout.schema.json", "schema"]
    assert (folder / "schema" / "layout.schema.json").read_text(encoding="utf-8") == "mine\n"
    # on a disk that fills up half-way: neither the folder nor any file it was making is left
    (full_disk / "filler").write_bytes(b"x" * 50_000)
    result = run_cli("init-clinic", str(full_disk / "new-clinic"))
    assert result.code == 1 and "the disk is full" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


# -- standard output closed or full ------------------------------------------------------------------------

@pytest.mark.parametrize(("redirect", "code"), [(">&-", 0), (">/dev/full", 1)])
def test_closed_or_full_stdout(tmp_path, redirect, code):
    command = f"{sys.executable} {ROOT / 'generate.py'} region upper -o {tmp_path / 'out'} {redirect}"
    proc = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          timeout=120)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == code, proc.stderr
    validate((tmp_path / "out" / "upper-back.pdf").read_bytes(), "upper-back.pdf")
    if code:
        assert "handouts: what was printed on standard output is lost (the disk is full)" in proc.stderr


# -- special files the tool meets outside the YAML files --------------------------------------------------

def test_disk_cache_entries_that_are_not_regular_files_are_misses(tmp_path, monkeypatch):
    from handouts import diskcache

    monkeypatch.setattr(diskcache, "folder", lambda: tmp_path)
    entry = diskcache.key("pipe")
    (tmp_path / "picture" / entry[:2]).mkdir(parents=True)
    os.mkfifo(tmp_path / "picture" / entry[:2] / entry)
    endless = diskcache.key("zero")
    (tmp_path / "picture" / endless[:2]).mkdir(exist_ok=True)
    os.symlink("/dev/zero", tmp_path / "picture" / endless[:2] / endless)
    started = time.monotonic()
    assert diskcache.get("picture", entry) is None
    assert diskcache.get("picture", endless) is None
    assert time.monotonic() - started < 2


def test_a_bounded_read_reads_at_most_one_byte_over_the_limit(tmp_path):
    from handouts.files import NotReadable, read_bounded

    with pytest.raises(NotReadable, match="is a device, not a regular file"):
        read_bounded(Path("/dev/zero"), 1000)  # refused before any byte is read
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 5000)
    with pytest.raises(NotReadable, match="is over 1,000 bytes; trim it"):
        read_bounded(big, 1000, too_large="trim it")
    assert read_bounded(big, 5000) == b"a" * 5000
    claims_nothing = Path("/proc/self/maps")  # a regular file whose size says 0, with far more in it
    if claims_nothing.is_file() and claims_nothing.stat().st_size == 0:
        with pytest.raises(NotReadable, match="is over 100 bytes"):
            read_bounded(claims_nothing, 100)


def test_an_svg_logo_over_the_byte_limit(tmp_path):
    from handouts.render.svg import MAX_SVG_BYTES

    logo = tmp_path / "logo.svg"
    logo.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' + b" " * MAX_SVG_BYTES + b"</svg>")
    (tmp_path / "clinic.yaml").write_text("name: Bayside Physio\nlogo: logo.svg\n", encoding="utf-8")
    result = run_cli("region", "upper", "--clinic", "clinic.yaml", "-o", "out", cwd=tmp_path)
    assert result.code == 1
    assert result.stderr.splitlines()[0] == (f'clinic.yaml:2: logo: "logo.svg" is over {MAX_SVG_BYTES:,} bytes; a logo needs '
                                             "far less (simplify it, or save it as a PNG)")


def test_pillow_warnings_do_not_reach_the_clinic(tmp_path):
    """A JPEG logo with a damaged EXIF block: Pillow warns (UserWarning) with no file name; we say nothing,
    and the logo is printed as stored."""
    from PIL import Image

    image = Image.new("RGB", (300, 120), "#146978")
    image.save(tmp_path / "logo.jpg", exif=b"Exif\x00\x00II*\x00\x08\x00\x00\x00\x05\x00\x0f\x01\x02\x00\xff\xff\xff\x7f")
    (tmp_path / "clinic.yaml").write_text("name: Bayside Physio\nlogo: logo.jpg\n", encoding="utf-8")
    result = run_cli("region", "upper", "--clinic", "clinic.yaml", "-o", "out", cwd=tmp_path,
                     env={"PYTHONWARNINGS": "default", "HANDOUTS_CACHE_DIR": "off"})
    assert result.code == 0, result.stderr
    assert "Warning" not in result.stderr and "warn" not in result.stderr.lower(), result.stderr


# -- text that cannot wrap -----------------------------------------------------------------------------------

def test_unbreakable_text_wraps_inside_the_margins(tmp_path):
    word = "Wolfeschlegelsteinhausenbergerdorff" * 2 + "Abcdefghij"  # 80 letters, no space
    clinic = tmp_path / "clinic.yaml"
    shutil.copyfile(ROOT / "assets" / "clinic" / "logo.png", tmp_path / "logo.png")
    clinic.write_text(f"name: {word}\nlogo: logo.png\nemail: {'a' * 60}@{'b' * 50}.example\nwebsite: www.{'a' * 150}.example\n"
                      f"address: {word}{word}\n", encoding="utf-8")
    program = tmp_path / "program.yaml"
    program.write_text(f"patient: {word}\nclinician: {word}\nnote: {word}\nexercises:\n  - id: cat-cow\n    note: {word}\n",
                       encoding="utf-8")
    result = run_cli("program", str(program), "--clinic", str(clinic), "-o", str(tmp_path / "out"))
    assert result.code == 0, result.stderr
    data = (tmp_path / "out" / "program.pdf").read_bytes()
    from handouts.models.layout import load_layout

    m = load_layout("standard").page.margins
    assert not outside_margins(data, m.left, m.right, m.top, m.bottom)
    assert word in all_text(data).replace(" ", "").replace("\u2026", "")


def test_a_clinic_name_that_cannot_fit_the_header_is_refused(tmp_path):
    """Two lines of name do not fit a 0.5 in header that also shows the phone: refused at the name's line."""
    word = "Wolfeschlegelsteinhausenbergerdorff" * 2 + "Abcdefghij"
    (tmp_path / "clinic.yaml").write_text(f"name: {word}\nphone: (217) 555-0142\n", encoding="utf-8")
    result = run_cli("region", "upper", "--clinic", "clinic.yaml", "-o", "out", cwd=tmp_path)
    assert result.code == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("clinic.yaml:1: name: is too wide for the header of layout 'standard' (")
    assert "shorten it, or set header: {height: 0.75in} in a layout" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_long_contact_details_are_printed_whole_in_the_footer(tmp_path):
    """An address, phone, e-mail and website too long for two footer lines used to end in '…'."""
    address = ("Unit 12, Second Floor, The Old Grain Warehouse and Mill Building, 1450 North Riverside Industrial "
               "Parkway, Riverside Business Park, Springfield, Sangamon County, Illinois 62701")
    (tmp_path / "clinic.yaml").write_text(
        f"name: Long Address Clinic\naddress: {address}\nphone: (217) 555-0142\n"
        f"email: appointments.and.enquiries@long-address-clinic.example\nwebsite: www.long-address-clinic.example\n",
        encoding="utf-8")
    result = run_cli("region", "upper", "--clinic", "clinic.yaml", "-o", "out", cwd=tmp_path)
    assert result.code == 0, result.stderr
    data = (tmp_path / "out" / "upper-back.pdf").read_bytes()
    text = all_text(data)
    flat = text.replace(" ", "")
    assert "appointments.and.enquiries@long-address-clinic.example·www.long-address-clinic.example" in flat
    assert "Illinois62701" in flat
    from handouts.models.layout import load_layout

    m = load_layout("standard").page.margins
    assert not outside_margins(data, m.left, m.right, m.top, m.bottom)
