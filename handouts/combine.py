"""One PDF of many programs, for one trip to the printer.

Each program starts on an odd page (a blank page is added after a program that ends on an odd
page), so printing double-sided never puts two patients on one sheet. Each program gets a bookmark.
"""

from __future__ import annotations

import io
from pathlib import Path


def combine(documents: list[tuple[str, bytes]]) -> tuple[bytes, int]:
    """The combined PDF of (bookmark title, PDF bytes) in order, and its page count."""
    import pikepdf

    out = pikepdf.new()
    starts: list[tuple[str, int]] = []
    for title, data in documents:
        source = pikepdf.open(io.BytesIO(data))
        starts.append((title, len(out.pages)))
        out.pages.extend(source.pages)
        if len(out.pages) % 2:
            box = source.pages[-1].mediabox
            out.add_blank_page(page_size=(float(box[2]) - float(box[0]), float(box[3]) - float(box[1])))
    with out.open_outline() as outline:
        outline.root.extend(pikepdf.OutlineItem(title, page) for title, page in starts)
    out.docinfo["/Title"] = f"{len(documents)} programs, each starting on an odd page"
    out.Root.ViewerPreferences = pikepdf.Dictionary(Duplex=pikepdf.Name("/DuplexFlipLongEdge"))
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True, compress_streams=True, linearize=False)
    return buffer.getvalue(), len(out.pages)


def combine_files(paths: list[Path]) -> tuple[bytes, int]:
    return combine([(path.stem, path.read_bytes()) for path in paths])
