"""Printable back-care exercise handouts and clinic booklets."""

__version__ = "0.1.0"
