#!/usr/bin/env python3
"""Back-care handouts and clinic booklet: ``python generate.py --help``.

A thin entry point: the same command as the installed ``handouts`` console script.
"""

from handouts.cli import run

if __name__ == "__main__":
    run()
