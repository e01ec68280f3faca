"""A small cache of derived drawing data between runs, in the user's cache folder.

Turning a pose file into a projected picture, and a picture into a compressed PDF path stream,
is pure computation on files that rarely change. The results are kept under
``$HANDOUTS_CACHE_DIR`` (default ``$XDG_CACHE_HOME/handouts`` or ``~/.cache/handouts``), never next to
the clinic's files. An entry's key is the SHA-256 of everything its value depends on: the source
file's bytes, the parameters, and the source code of the drawing modules, so an edited pose file or a
new version of the generator simply misses. A missing, unreadable or damaged entry is recomputed;
a folder that cannot be written is ignored. ``HANDOUTS_CACHE_DIR=off`` turns the cache off, and so does
switching all reuse off (``HANDOUTS_REUSE=off``, see :mod:`handouts.reuse`).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from .reuse import REUSE

# the modules whose code makes an entry (and every module of figures/, see code_digest)
# the key to the pictures draws parts of a picture, chosen in legend.py, under the picture's key: its forms depend on it
_CODE_MODULES = ("render/images.py", "render/raster.py", "render/svg.py", "render/pdfimages.py", "render/imagestore.py",
                 "render/legend.py")


MAX_ENTRY_BYTES = 64_000_000  # far above any real entry (a prepared logo is well under 1 MB)


#: The libraries whose output the cache keeps (import name, distribution name).
LIBRARIES = ("reportlab", "PIL:pillow", "svglib")


def library_version(library: str) -> str:
    """An installed library's version, read from its distribution's folder name (``pillow-13.0.0.dist-info``)
    without importing it or ``importlib.metadata`` (both cost a cold start tens of milliseconds)."""
    import importlib.util

    module, _, distribution = library.partition(":")
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return "absent"
    site = Path(spec.origin).parent.parent
    prefix = (distribution or module).lower().replace("-", "_")
    for info in site.glob(f"[{prefix[0].upper()}{prefix[0]}]{prefix[1:]}-*.dist-info"):
        name, _, version = info.name[: -len(".dist-info")].partition("-")
        if name.lower().replace("-", "_") == prefix:
            return version
    stat = Path(spec.origin).stat()  # no metadata beside it: the module file itself stands for the version
    return f"file:{stat.st_size}:{stat.st_mtime_ns}"


@lru_cache(maxsize=1)
def folder() -> Path | None:
    setting = os.environ.get("HANDOUTS_CACHE_DIR")
    if setting is not None and setting.strip().lower() in ("off", "none", "0", ""):
        return None
    if setting:
        base = Path(setting)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = Path(xdg) / "handouts" if xdg else Path.home() / ".cache" / "handouts"
    return base / code_digest()[:16]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The drawing code's own fingerprint, with the versions of the libraries that make an entry's bytes
    (ReportLab, Pillow, svglib) and of this package: an upgrade never reads an old entry."""
    from . import __version__

    h = hashlib.sha256(__version__.encode())
    for distribution in LIBRARIES:
        h.update(f"|{distribution}={library_version(distribution)}".encode())
    package = Path(__file__).parent
    figures = sorted(p.relative_to(package).as_posix() for p in (package / "figures").glob("*.py"))
    for name in (*figures, *_CODE_MODULES):
        try:
            h.update((package / name).read_bytes())
        except OSError:
            h.update(name.encode())
    return h.hexdigest()


def key(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def get(kind: str, entry: str) -> bytes | None:
    base = folder()
    if base is None or not REUSE.enabled:
        return None
    from .files import NotReadable, read_bounded

    try:  # a regular file only, and bounded: an entry replaced by a FIFO or a link to /dev/zero is a miss
        stored = read_bounded(base / kind / entry[:2] / entry, MAX_ENTRY_BYTES)
    except NotReadable:
        return None
    check, data = stored[:32], stored[32:]
    if hashlib.sha256(data).digest() != check:
        return None  # damaged or truncated: recomputed and written again
    return data


def put(kind: str, entry: str, data: bytes) -> None:
    base = folder()
    if base is None or not REUSE.enabled:
        return
    from .output import write_atomic

    target = base / kind / entry[:2] / entry
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # a lost or torn entry fails its checksum on the next read and is made again: no need to sync
        write_atomic(target, hashlib.sha256(data).digest() + data, sync=False)
    except OSError:
        return  # a read-only or full disk only costs speed
