"""The drawing cache between runs: it only ever saves time; the PDFs are the same with or without it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PIL import Image

from conftest import ROOT, run_cli


def run(tmp_path: Path, name: str, cache: str, *args: str) -> dict[str, bytes]:
    out = tmp_path / name
    result = run_cli(*args, "-o", str(out), env={"HANDOUTS_CACHE_DIR": cache})
    assert result.code == 0, result.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_same_pdfs_without_the_cache_with_a_cold_one_and_a_warm_one(tmp_path):
    cache = str(tmp_path / "cache")
    command = ("booklet", "--impose", "--clinic", str(ROOT / "assets" / "clinic"))
    cold = run(tmp_path, "cold", cache, *command)
    assert any(Path(cache).rglob("*")), "the first run fills the cache"
    warm = run(tmp_path, "warm", cache, *command)
    off = run(tmp_path, "off", "off", *command)
    assert cold == warm == off


def test_a_damaged_cache_is_ignored(tmp_path):
    cache = tmp_path / "cache"
    command = ("region", "lower", "--clinic", str(ROOT / "assets" / "clinic-a4"))
    good = run(tmp_path, "good", str(cache), *command)
    for entry in cache.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"\x00garbage{" * 3)
    assert run(tmp_path, "damaged", str(cache), *command) == good


def test_jpeg_logo_prepared_once_then_read_back(tmp_path):
    folder = tmp_path / "clinic"
    folder.mkdir()
    Image.effect_noise((1600, 1200), 60).convert("RGB").save(folder / "logo.jpg", quality=90)
    (folder / "clinic.yaml").write_text("name: Photo Clinic\nlogo: logo.jpg\n", encoding="utf-8")
    cache = str(tmp_path / "cache")
    command = ("region", "upper", "--clinic", str(folder))
    first = run(tmp_path, "a", cache, *command)
    assert list(Path(cache).rglob("raster/*/*"))
    assert run(tmp_path, "b", cache, *command) == first == run(tmp_path, "c", "off", *command)


def test_the_cache_can_be_turned_off(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run_cli("region", "upper", "-o", str(tmp_path / "out"),
                     env={"HANDOUTS_CACHE_DIR": "off", "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")})
    assert result.code == 0
    assert not (home / ".cache").exists()


def test_default_cache_folder_is_the_users_cache(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "HANDOUTS_CACHE_DIR"}
    env.update({"XDG_CACHE_HOME": str(tmp_path / "xdg"), "PYTHONPATH": str(ROOT)})
    import subprocess
    import sys

    subprocess.run([sys.executable, str(ROOT / "generate.py"), "region", "upper", "-o", str(tmp_path / "out")],
                   env=env, check=True, capture_output=True)
    assert list((tmp_path / "xdg" / "handouts").rglob("*.*")) or any((tmp_path / "xdg" / "handouts").rglob("*"))
    shutil.rmtree(tmp_path / "xdg")
