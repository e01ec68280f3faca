"""A PDF object formatted beforehand, for data that repeats from document to document."""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFObject


class Formatted(PDFObject):
    """Bytes formatted once per process and written as they are. Make one per document: the
    document that holds it gives it its object number."""

    def __init__(self, data: bytes):
        self.data = data

    def format(self, document: object) -> bytes:
        return self.data
