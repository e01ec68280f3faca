"""Finding, loading and caching the illustration of each exercise (once per process)."""

from __future__ import annotations

import os
from pathlib import Path

from ..paths import BUILTIN_ILLUSTRATIONS
from ..reuse import REUSE
from .pose import Illustration, load_illustration
from .scene import FigurePalette, Scene
from .shapes import Picture2D

_BUILTIN = os.fspath(BUILTIN_ILLUSTRATIONS)


def illustration_path(exercise_id: str, catalog_folder: Path, explicit: Path | None) -> Path | None:
    """The entry's own pose file, else ``illustrations/<id>.yaml`` beside the catalog, else the built-in one."""
    if explicit is not None:
        return explicit
    name = f"{exercise_id}.yaml"
    for folder in (os.path.join(os.path.dirname(catalog_folder), "illustrations"), _BUILTIN):
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):  # (os.path: a card's picture is looked up once per document)
            return Path(candidate)
    return None


@REUSE.memo("scenes", 256)
def _scene(path: Path, mtime_ns: int) -> tuple[Illustration, Scene]:
    illustration = load_illustration(path)
    return illustration, Scene(illustration)


def scene_for(path: Path) -> tuple[Illustration, Scene]:
    return _scene(path, path.stat().st_mtime_ns)


@REUSE.memo("projected pictures", 1024)
def _picture(path: Path, mtime_ns: int, palette: FigurePalette, fold: bool) -> Picture2D:
    from .. import diskcache
    from .shapes import picture_from_json, picture_to_json

    entry = diskcache.key(path.read_bytes(), repr(tuple(palette)) + (" fold" if fold else ""))
    cached = diskcache.get("picture", entry)
    picture = None
    if cached is not None:
        try:
            picture = picture_from_json(cached)
        except (ValueError, KeyError, IndexError, TypeError):
            picture = None  # a damaged entry: recompute it
    if picture is None:
        picture = _scene(path, mtime_ns)[1].picture(palette, fold)  # validates the pose file
        diskcache.put("picture", entry, picture_to_json(picture))
    picture.key = entry
    return picture


def picture2d(path: Path, palette: FigurePalette, fold: bool = False) -> Picture2D:
    """The projected drawing, computed once per process for each pose file, palette and arrangement
    (``fold``: a long row of panels on two rows, see :func:`.scene._arrange`)."""
    return _picture(path, path.stat().st_mtime_ns, palette, fold)
