"""Raster pictures (a logo or a clinic's photo) prepared for print with Pillow.

ReportLab never downsamples, so a 12-megapixel phone photo would go into the PDF whole. Here a
raster image is opened once, turned upright (EXIF orientation), reduced to 300 dpi at the size
it is placed at, and kept with its transparency; opaque images are stored as JPEG, others as PNG.
Prepared images are kept for the whole run, keyed by the file's content and the target size, and
never written next to the clinic's files.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, cast

from ..errors import Problem, UserError
from ..reuse import REUSE

PRINT_DPI = 300
JPEG_QUALITY = 88
MAX_RASTER_BYTES = 60_000_000  # a 24-megapixel camera JPEG is about 12 MB

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


#: (content digest, width px, height px, grey) -> the prepared picture
_PREPARED = REUSE.store("prepared rasters", 256)


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def read_picture(path: Path, locate: Locate) -> bytes:
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
def quiet_pillow() -> Iterator[None]:
    """Pillow's warnings about a damaged EXIF block and the like say nothing a clinic can act on (the
    picture is printed as stored); a decompression bomb stays an error."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def open_raster(data: bytes, path: Path, locate: Locate) -> Any:
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


def upright_size(data: bytes, path: Path, locate: Locate) -> tuple[float, float]:
    """Width and height in pixels of a raster image as it is shown (EXIF orientation applied)."""
    image = open_raster(data, path, locate)
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:
        orientation = 1
    w, h = image.size
    return (float(h), float(w)) if orientation in (5, 6, 7, 8) else (float(w), float(h))


@quiet_pillow()
def prepare_raster(path: Path, width_pt: float, height_pt: float, locate: Locate, *, grayscale: bool = False) -> PreparedImage:
    """The image, upright, at 300 dpi for the placed size (never enlarged), alpha kept."""
    data = read_picture(path, locate)
    target_w = max(1, round(width_pt / 72 * PRINT_DPI))
    target_h = max(1, round(height_pt / 72 * PRINT_DPI))
    key = (digest(data), target_w, target_h, grayscale)
    cached: PreparedImage | None = _PREPARED.get(key)
    if cached is not None:
        return cached
    from PIL import Image, ImageOps

    image = open_raster(data, path, locate)
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
                                     digest(image.tobytes() + image.mode.encode() + bytes(str(image.size), "ascii")))
        else:
            if image.mode not in ("RGB", "L"):
                image = image.convert("L" if grayscale else "RGB")
            out = io.BytesIO()
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            prepared = PreparedImage(out.getvalue(), image.width, image.height, None, digest(out.getvalue()))
    except UserError:
        raise
    except (OSError, ValueError, SyntaxError) as exc:
        raise UserError([locate(f'"{path.name}" is damaged or unreadable ({exc})')]) from None
    return _PREPARED.put(key, prepared)
