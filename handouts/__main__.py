"""``python -m handouts`` is the same command as ``handouts`` and ``python generate.py``."""

from .cli import run

run()
