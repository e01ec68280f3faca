"""Pictures from files (logos, a clinic's photos), prepared for print with Pillow.

ReportLab never downsamples, so a 12-megapixel phone photo would go into the PDF whole. Here a
raster image is opened once, turned upright (EXIF orientation), reduced to 300 dpi at the size
it is placed at, and kept with its transparency; opaque images are stored as JPEG, others as PNG.
Prepared images are cached in memory for the whole run, keyed by the file's content and the
target size, and never written next to the clinic's files. SVG logos stay vector (svglib).

Each picture is drawn through a form XObject, so it is embedded once per document however many
pages show it.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, cast

from reportlab.pdfgen.canvas import Canvas

from ..errors import Problem, UserError

PRINT_DPI = 300
JPEG_QUALITY = 88

#: Report a problem with a picture at the field that named it (file, line, field).
Locate = Callable[[str], Problem]


class PreparedImage(NamedTuple):
    data: bytes  # JPEG bytes (opaque pictures: passed into the PDF as they are), or b"" when ``pixels`` is set
    width_px: int
    height_px: int
    pixels: Any = None  # the prepared Pillow image, for pictures with transparency
    digest: str = ""

    @property
    def object_name(self) -> str:
        """The name of its PDF image object, the same in every document."""
        return "img" + self.digest[:16]


_RASTER_CACHE: dict[tuple[str, int, int, bool], PreparedImage] = {}
_SVG_CACHE: dict[tuple[str, bool], tuple[Any, list[str]]] = {}
_SIZE_CACHE: dict[str, tuple[float, float]] = {}


def _digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


MAX_RASTER_BYTES = 60_000_000  # a 24-megapixel camera JPEG is about 12 MB


def _read(path: Path, locate: Locate) -> bytes:
    """The picture file's bytes: a regular file only, read with a bounded read."""
    from ..files import NotReadable, read_bounded
    from .svg import MAX_SVG_BYTES

    vector = path.suffix.lower() == ".svg"
    try:
        return read_bounded(path, MAX_SVG_BYTES if vector else MAX_RASTER_BYTES,
                            too_large="a logo needs far less (simplify it, or save it as a PNG)" if vector
                            else "use a smaller image")
    except NotReadable as exc:
        if exc.reason == "not found":
            raise UserError([locate(f'image file not found: "{path}"')]) from None
        if exc.reason == "is a folder, not a file":
            raise UserError([locate(f'"{path}" is a folder, not an image file')]) from None
        raise UserError([locate(f'"{path.name}" {exc.reason}')]) from None


@contextlib.contextmanager
def _quiet_pillow() -> Iterator[None]:
    """Pillow's warnings about a damaged EXIF block and the like say nothing a clinic can act on (the
    picture is printed as stored); a decompression bomb stays an error."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def _open_raster(data: bytes, path: Path, locate: Locate) -> Any:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            megapixels = image.width * image.height / 1e6
            limit = (Image.MAX_IMAGE_PIXELS or 0) / 1e6
            if limit and megapixels > limit:
                raise UserError([locate(f'"{path.name}" is {megapixels:.0f} megapixels, over the safe limit of {limit:.0f}; '
                                        "use a smaller image")])
            return image
    except UserError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UserError([locate(f'"{path.name}" is too large to open safely; use a smaller image')]) from None
    except UnidentifiedImageError:
        raise UserError([locate(f'"{path.name}" is not an image Pillow can read (or it is damaged); use a PNG or JPEG file')]) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise UserError([locate(f'"{path.name}" is damaged or unreadable ({exc})')]) from None


@_quiet_pillow()
def image_size(path: Path, locate: Locate) -> tuple[float, float]:
    """Width and height (in any unit) of an image, upright: for placing it with the right shape."""
    key = str(path)
    if key in _SIZE_CACHE:
        return _SIZE_CACHE[key]
    if path.suffix.lower() == ".svg":
        drawing = _svg_drawing(path, locate, grayscale=False)[0]
        size = (float(drawing.width), float(drawing.height))
    else:
        image = _open_raster(_read(path, locate), path, locate)
        try:
            orientation = image.getexif().get(0x0112, 1)
        except Exception:
            orientation = 1
        w, h = image.size
        size = (float(h), float(w)) if orientation in (5, 6, 7, 8) else (float(w), float(h))
    if size[0] <= 0 or size[1] <= 0:
        raise UserError([locate(f'"{path.name}" has no size')])
    _SIZE_CACHE[key] = size
    return size


@_quiet_pillow()
def prepare_raster(path: Path, width_pt: float, height_pt: float, locate: Locate, *, grayscale: bool = False) -> PreparedImage:
    """The image, upright, at 300 dpi for the placed size (never enlarged), alpha kept."""
    data = _read(path, locate)
    target_w = max(1, round(width_pt / 72 * PRINT_DPI))
    target_h = max(1, round(height_pt / 72 * PRINT_DPI))
    key = (_digest(data), target_w, target_h, grayscale)
    cached = _RASTER_CACHE.get(key)
    if cached is not None:
        return cached
    from PIL import Image, ImageOps

    image = _open_raster(data, path, locate)
    try:
        if image.format == "JPEG":
            image.draft("RGB", (target_w, target_h))  # let the JPEG decoder do most of the shrinking
        image = ImageOps.exif_transpose(image)
        if image.mode in ("P", "PA"):
            image = image.convert("RGBA")
        elif image.mode in ("CMYK", "YCbCr", "LAB", "HSV", "I", "F", "I;16", "1"):
            image = image.convert("RGB")
        if image.width > target_w or image.height > target_h:
            scale = min(target_w / image.width, target_h / image.height)
            image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.Resampling.LANCZOS)
        has_alpha = image.mode in ("RGBA", "LA") and cast(Any, image.getextrema())[-1][0] < 255
        if grayscale:
            image = image.convert("LA" if has_alpha else "L")
        elif not has_alpha and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        if has_alpha:  # kept as pixels: ReportLab compresses them once, with their soft mask
            image.load()
            prepared = PreparedImage(b"", image.width, image.height, image,
                                     _digest(image.tobytes() + image.mode.encode() + bytes(str(image.size), "ascii")))
        else:
            if image.mode not in ("RGB", "L"):
                image = image.convert("L" if grayscale else "RGB")
            out = io.BytesIO()
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            prepared = PreparedImage(out.getvalue(), image.width, image.height, None, _digest(out.getvalue()))
    except UserError:
        raise
    except (OSError, ValueError, SyntaxError) as exc:
        raise UserError([locate(f'"{path.name}" is damaged or unreadable ({exc})')]) from None
    _RASTER_CACHE[key] = prepared
    return prepared


def _svg_drawing(path: Path, locate: Locate, *, grayscale: bool) -> tuple[Any, list[str]]:
    """The SVG as a Drawing, and what svglib could not draw in it, as note lines naming the file."""
    data = _read(path, locate)
    key = (_digest(data), grayscale)
    if key in _SVG_CACHE:
        return _SVG_CACHE[key]
    from .svg import svg_drawing

    try:
        drawing, notes = svg_drawing(data)
    except ValueError as exc:
        raise UserError([locate(f'"{path.name}" {exc}')]) from None
    if grayscale:
        _grey_drawing(drawing)
    _SVG_CACHE[key] = drawing, [str(locate(f'"{path.name}": {note}')) for note in notes]
    return _SVG_CACHE[key]


def _grey_drawing(node: Any) -> None:
    from reportlab.lib.colors import Color

    from ..colors import relative_luminance

    def grey(color: Any) -> Any:
        if isinstance(color, Color):
            hexed = "#" + "".join(f"{round(c * 255):02x}" for c in (color.red, color.green, color.blue))
            lum = relative_luminance(hexed)
            value = lum * 12.92 if lum <= 0.0031308 else 1.055 * lum ** (1 / 2.4) - 0.055
            return Color(value, value, value, alpha=getattr(color, "alpha", 1))
        return color

    for attr in ("fillColor", "strokeColor"):
        if hasattr(node, attr):
            setattr(node, attr, grey(getattr(node, attr)))
    for child in getattr(node, "contents", []) or []:
        _grey_drawing(child)


class Picture:
    """A picture file placed on pages; drawn through one form XObject per document."""

    def __init__(self, path: Path, max_w: float, max_h: float, locate: Locate, *, grayscale: bool = False,
                 font: str | None = None):
        self.path = path
        self.font = font  # for any text inside an SVG: an embedded font, never the standard Helvetica
        self.vector = path.suffix.lower() == ".svg"
        self.grayscale = grayscale
        self.notes: list[str] = []  # what a library could not draw, as note lines naming the file
        if not self.vector and self._from_cache(max_w, max_h, locate):
            return
        natural_w, natural_h = image_size(path, locate)
        self.aspect = natural_w / natural_h  # width / height
        self.width, self.height = _fit(self.aspect, max_w, max_h)
        self.grayscale = grayscale
        if self.vector:
            self.drawing, self.notes = _svg_drawing(path, locate, grayscale=grayscale)
            self.form = f"svg{_digest(str(path).encode())[:12]}{'g' if grayscale else ''}"
        else:
            self.image = prepare_raster(path, self.width, self.height, locate, grayscale=grayscale)
            self.form = f"img{self.image.digest[:12]}"
            self._to_cache(max_w, max_h)

    # -- the prepared picture between runs (see handouts.diskcache) ------------------------------
    def _cache_entry(self, max_w: float, max_h: float, locate: Locate) -> str:
        from .. import diskcache

        return diskcache.key(_read(self.path, locate), f"{max_w:.3f}x{max_h:.3f}", str(self.grayscale), "raster-1")

    def _from_cache(self, max_w: float, max_h: float, locate: Locate) -> bool:
        """Load the prepared picture's PDF streams saved by an earlier run; no Pillow needed."""
        import json

        from .. import diskcache

        self._entry = self._cache_entry(max_w, max_h, locate)
        record = diskcache.get("raster", self._entry)
        if record is None:
            return False
        try:
            head, _, body = record.partition(b"\n")
            meta = json.loads(head)
            self.aspect = meta["aspect"]
            self.width, self.height = _fit(self.aspect, max_w, max_h)
            self.image = PreparedImage(b"", meta["px"][0], meta["px"][1], None, meta["digest"])
            self.form = f"img{self.image.digest[:12]}"
            name = self.image.object_name
            image_part, mask_part = body[: meta["image"]["length"]], body[meta["image"]["length"] :]
            shared = _restore(name, meta["image"], image_part)
            mask = _restore(meta["mask"]["name"], meta["mask"], mask_part) if meta.get("mask") else None
            _IMAGE_OBJECTS.setdefault(name, (shared, mask))
        except (ValueError, KeyError, TypeError):
            return False  # a damaged entry: prepare the picture again
        return True

    def _to_cache(self, max_w: float, max_h: float) -> None:
        import json

        from .. import diskcache

        shared, mask = _image_objects(self.image)
        meta = {"aspect": self.aspect, "px": [self.image.width_px, self.image.height_px], "digest": self.image.digest,
                "image": _describe(shared), "mask": _describe(mask) if mask is not None else None}
        body = _stream_bytes(shared) + (_stream_bytes(mask) if mask is not None else b"")
        diskcache.put("raster", self._entry, json.dumps(meta).encode() + b"\n" + body)

    def _define(self, canvas: Canvas) -> None:
        """The picture at 1 point high, as a form XObject, once per document."""
        if canvas.hasForm(self.form):
            return
        canvas.beginForm(self.form, 0, 0, self.aspect, 1)
        if self.vector:
            from reportlab.graphics import renderPDF
            from reportlab.graphics.renderbase import STATE_DEFAULTS

            drawing = self.drawing
            canvas.saveState()
            canvas.scale(1 / float(drawing.height), 1 / float(drawing.height))
            default_font = STATE_DEFAULTS["fontName"]
            if self.font:
                _set_fonts(drawing, self.font)
                STATE_DEFAULTS["fontName"] = self.font  # the renderer's initial state names a font
            try:
                renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
            finally:
                STATE_DEFAULTS["fontName"] = default_font
            canvas.restoreState()
        else:
            _draw_prepared(canvas, self.image, self.aspect)
        canvas.endForm()

    def draw_fit(self, canvas: Canvas, x: float, y: float, max_w: float, max_h: float, align: str = "center") -> float:
        """Draw inside the box (x, y, max_w, max_h), keeping the shape; returns the width used."""
        w, h = _fit(self.aspect, max_w, max_h)
        self._define(canvas)
        dx = 0.0 if align == "left" else (max_w - w) if align == "right" else (max_w - w) / 2
        canvas.saveState()
        canvas.translate(x + dx, y + (max_h - h) / 2)
        canvas.scale(h, h)
        canvas.doForm(self.form)
        canvas.restoreState()
        return w


# PDF image objects of prepared pictures, compressed once per process: (object, soft mask or None).
_IMAGE_OBJECTS: dict[str, tuple[Any, Any]] = {}


def _image_objects(image: PreparedImage) -> tuple[Any, Any]:
    """ReportLab's image object for a prepared picture (and its soft mask), compressed once per process."""
    name = image.object_name
    if name not in _IMAGE_OBJECTS:
        from reportlab.lib.utils import ImageReader
        from reportlab.pdfbase import pdfdoc

        source = image.pixels if image.pixels is not None else io.BytesIO(image.data)
        shared = pdfdoc.PDFImageXObject(name, ImageReader(source), mask="auto")
        shared.name = name
        mask = getattr(shared, "_smask", None)
        if mask is not None:
            del shared._smask
        _IMAGE_OBJECTS[name] = (shared, mask)
    return _IMAGE_OBJECTS[name]


_IMAGE_FIELDS = ("width", "height", "bitsPerComponent", "colorSpace")


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


def _draw_prepared(canvas: Canvas, image: PreparedImage, width: float) -> None:
    """Draw a prepared image at (0, 0, width, 1), reusing its compressed PDF streams across documents.

    ``canvas.drawImage`` would decode and recompress the picture for every document of a batch;
    here ReportLab's own image object is built once and a shallow copy is registered in each
    document, exactly as ``drawImage`` registers a new one (same names, same soft mask).
    """
    name = image.object_name
    shared, mask = _image_objects(image)
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


def _set_fonts(node: Any, font: str) -> None:
    if hasattr(node, "fontName"):
        node.fontName = font
    for child in getattr(node, "contents", []) or []:
        _set_fonts(child, font)


def _fit(aspect: float, max_w: float, max_h: float) -> tuple[float, float]:
    w, h = max_w, max_w / aspect
    if h > max_h:
        h, w = max_h, max_h * aspect
    return w, h


LOGO_WIDTH_FACTOR = 3.2  # a logo may be up to this many times as wide as it is tall


def logo_picture(ctx: Any) -> Picture | None:
    """The clinic's logo, prepared once per document for the largest size the document shows it at
    (``ctx.logo_height``), so it is embedded once however many pages and places show it."""
    logo = ctx.clinic.logo
    if logo is None:
        return None
    height = ctx.logo_height
    key = ("logo", str(logo), round(height, 2), ctx.layout.grayscale)
    cache = ctx.pictures
    if key not in cache:
        cache[key] = Picture(logo, height * LOGO_WIDTH_FACTOR, height, ctx.locate_clinic("logo"),
                             grayscale=ctx.layout.grayscale, font=ctx.fonts.regular)
        for note in cache[key].notes:
            ctx.notice(note)
    return cache[key]
