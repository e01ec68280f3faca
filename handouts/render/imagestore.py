"""A prepared raster picture between runs: its compressed PDF streams in the disk cache (:mod:`handouts.diskcache`).

A record is one line of JSON (the picture's shape, pixel size, digest, and each stream's PDF fields and
length) followed by the image stream and its soft mask's. Loading one needs no Pillow at all.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from .pdfimages import adopt_objects, image_objects
from .raster import PreparedImage

KIND = "raster"
_IMAGE_FIELDS = ("width", "height", "bitsPerComponent", "colorSpace")


class Stored(NamedTuple):
    aspect: float  # width / height
    image: PreparedImage  # without its data: its PDF objects are registered (see pdfimages.adopt_objects)


def entry_key(data: bytes, max_w: float, max_h: float, grayscale: bool) -> str:
    from .. import diskcache

    return diskcache.key(data, f"{max_w:.3f}x{max_h:.3f}", str(grayscale), "raster-1")


def load(entry: str) -> Stored | None:
    """The picture saved under ``entry`` by an earlier run, its PDF objects ready; None when missing or damaged."""
    from .. import diskcache

    record = diskcache.get(KIND, entry)
    if record is None:
        return None
    try:
        head, _, body = record.partition(b"\n")
        meta = json.loads(head)
        aspect = meta["aspect"]
        image = PreparedImage(b"", meta["px"][0], meta["px"][1], None, meta["digest"])
        name = image.object_name
        image_part, mask_part = body[: meta["image"]["length"]], body[meta["image"]["length"] :]
        shared = _restore(name, meta["image"], image_part)
        mask = _restore(meta["mask"]["name"], meta["mask"], mask_part) if meta.get("mask") else None
    except (ValueError, KeyError, TypeError):
        return None  # a damaged entry: prepare the picture again
    adopt_objects(name, shared, mask)
    return Stored(aspect, image)


def save(entry: str, aspect: float, image: PreparedImage) -> None:
    from .. import diskcache

    shared, mask = image_objects(image)
    meta = {"aspect": aspect, "px": [image.width_px, image.height_px], "digest": image.digest,
            "image": _describe(shared), "mask": _describe(mask) if mask is not None else None}
    body = _stream_bytes(shared) + (_stream_bytes(mask) if mask is not None else b"")
    diskcache.put(KIND, entry, json.dumps(meta).encode() + b"\n" + body)


def _describe(obj: Any) -> dict[str, Any]:
    return {**{f: getattr(obj, f) for f in _IMAGE_FIELDS}, "name": obj.name, "filters": list(obj._filters),
            "decode": getattr(obj, "_decode", None), "length": len(_stream_bytes(obj))}


def _stream_bytes(obj: Any) -> bytes:
    content = obj.streamContent
    return content if isinstance(content, bytes) else content.encode("latin-1")


def _restore(name: str, meta: dict[str, Any], content: bytes) -> Any:
    from reportlab.pdfbase import pdfdoc

    obj = pdfdoc.PDFImageXObject(name)
    for field in _IMAGE_FIELDS:
        setattr(obj, field, meta[field])
    obj._filters = tuple(meta["filters"])
    obj.streamContent = content
    obj.mask = None
    if meta.get("decode"):
        obj._decode = meta["decode"]
    return obj
