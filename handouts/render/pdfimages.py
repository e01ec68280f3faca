"""Prepared pictures as PDF image objects, compressed once per process and shared by every document.

``canvas.drawImage`` would decode and recompress a picture for every document of a batch; here
ReportLab's own image object (and its soft mask) is built once, and each document registers a shallow
copy of it, exactly as ``drawImage`` registers a new one (same names, same soft mask).
"""

from __future__ import annotations

import copy
import io
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from ..reuse import REUSE
from .raster import PreparedImage

#: object name (from the picture's content digest) -> (image object, soft mask or None), compressed once per process
_OBJECTS = REUSE.store("image objects", 256)


def image_objects(image: PreparedImage) -> tuple[Any, Any]:
    """ReportLab's image object for a prepared picture (and its soft mask), compressed once per process."""
    name = image.object_name
    hit: tuple[Any, Any] | None = _OBJECTS.get(name)
    if hit is None:
        from reportlab.lib.utils import ImageReader
        from reportlab.pdfbase import pdfdoc

        source = image.pixels if image.pixels is not None else io.BytesIO(image.data)
        shared = pdfdoc.PDFImageXObject(name, ImageReader(source), mask="auto")
        shared.name = name
        mask = getattr(shared, "_smask", None)
        if mask is not None:
            del shared._smask
        hit = _OBJECTS.put(name, (shared, mask))
    return hit


def adopt_objects(name: str, shared: Any, mask: Any) -> None:
    """Image objects restored from the disk cache (see :mod:`.imagestore`), used as if made here."""
    if _OBJECTS.get(name) is None:
        _OBJECTS.put(name, (shared, mask))


def draw_prepared(canvas: Canvas, image: PreparedImage, width: float) -> None:
    """Draw a prepared image at (0, 0, width, 1), reusing its compressed PDF streams across documents."""
    name = image.object_name
    shared, mask = image_objects(image)
    doc = canvas._doc
    reg_name = doc.getXObjectName(name)
    if not doc.idToObject.get(reg_name):
        obj = copy.copy(shared)
        canvas._setXObjects(obj)
        doc.Reference(obj, reg_name)
        doc.addForm(name, obj)
        if mask is not None:
            mask_name = doc.getXObjectName(mask.name)
            mask_obj = copy.copy(mask)
            canvas._setXObjects(mask_obj)
            obj.smask = doc.Reference(mask_obj, mask_name)
    canvas.saveState()
    canvas.scale(width, 1)
    canvas._code.append(f"/{reg_name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(name)
