"""Speed and memory figures for this machine (a script that prints numbers, not a test).

    python tests/benchmark.py            # the handout figures
    python tests/benchmark.py --quick    # fewer repetitions

Targets (issue #2): a region handout in a warm process takes 30 ms or less; the cold wall time of
``python generate.py region lower`` is at most 2.0 times the cold time of
``python -c "import reportlab.platypus"`` measured in the same run (imports stay lazy).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def warm_region_ms(repeat: int) -> float:
    sys.path.insert(0, str(ROOT))
    from handouts.jobs import Job
    from handouts.render.handout import render_region

    with tempfile.TemporaryDirectory() as out:
        job = Job.load(layout=None, clinic_file=None, catalog_dir=None, lang=None, output_dir=Path(out))
        for region in ("lower", "mid", "upper"):  # warm up: fonts, illustrations, logo
            render_region(job.context(), region)
        times = []
        for _ in range(repeat):
            for region in ("lower", "mid", "upper"):
                start = time.perf_counter()
                render_region(job.context(), region)
                times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold_seconds(command: list[str], repeat: int, cwd: Path) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 3 if args.quick else 10
    # An installed package has its bytecode compiled; do the same for the checkout.
    compileall.compile_dir(str(ROOT / "handouts"), quiet=1)
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores")
    warm = warm_region_ms(repeat)
    print(f"region handout, warm process:   {warm:7.1f} ms per handout   (target <= 30 ms)")
    with tempfile.TemporaryDirectory() as out:
        region = cold_seconds([sys.executable, str(ROOT / "generate.py"), "region", "lower", "-o", out], repeat, Path(out))
        baseline = cold_seconds([sys.executable, "-c", "import reportlab.platypus"], repeat, Path(out))
        helptime = cold_seconds([sys.executable, str(ROOT / "generate.py"), "--help"], repeat, Path(out))
    print(f"cold `generate.py region lower`: {region * 1000:7.0f} ms")
    print(f"cold `import reportlab.platypus`:{baseline * 1000:7.0f} ms")
    print(f"cold ratio:                      {region / baseline:7.2f}      (target <= 2.0)")
    print(f"cold `generate.py --help`:       {helptime * 1000:7.0f} ms   (does not import ReportLab)")


if __name__ == "__main__":
    main()
