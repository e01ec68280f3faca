"""Speed and memory figures for this machine (a script that prints numbers, not a test).

    python tests/benchmark.py            # every figure (about two minutes)
    python tests/benchmark.py --quick    # fewer repetitions, 100 programs instead of 1,000

Targets:
* a region handout in a warm process takes 30 ms or less; the cold wall time of
  ``python generate.py region lower`` is at most 2.0 times the cold time of
  ``python -c "import reportlab.platypus"`` measured in the same run (imports stay lazy);
* an 8-exercise program takes 12 ms or less in a warm process; 1,000 programs with ``batch -j 2``
  take 8 s or less of wall time, start-up included; each worker's peak memory stays under 150 MB
  and does not grow with the number of programs;
* ``handouts serve``: the preview of an 8-exercise program returns in 150 ms or less in a warm server
  (the request over HTTP, checking, rendering and sending the PDF).
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


def make_programs(folder: Path, count: int, exercises: int = 8) -> list[Path]:
    """Synthetic programs: 8 exercises each (all illustrated), the demo clinic and its logo."""
    import random

    sys.path.insert(0, str(ROOT))
    from handouts.jobs import load_catalog_dir

    ids = sorted(load_catalog_dir(None).exercises)
    rng = random.Random(7)
    files = []
    for number in range(count):
        chosen = rng.sample(ids, exercises)
        lines = [f"patient: Patient {number:04d}", "date: 2026-11-21", "exercises:"]
        for exercise_id in chosen:
            lines += [f"  - id: {exercise_id}", f"    repetitions: {rng.randint(3, 12)}"]
        path = folder / f"program-{number:04d}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    return files


def warm_program_ms(files: list[Path], out: Path) -> float:
    from handouts.jobs import render_program_file

    for path in files[:3]:
        render_program_file(path, output_dir=out)
    times = []
    for path in files[3:43]:
        start = time.perf_counter()
        render_program_file(path, output_dir=out)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def batch_run(files_dir: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds for `generate.py batch -j N`, and the largest peak RSS (MB) of any of its processes."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, str(ROOT / "generate.py"), "batch", str(files_dir), "-j", str(jobs), "-o", str(out)]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # wait4 reports the largest resident size of the child and of every worker it waited for (Linux)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"batch run failed with exit code {child.returncode}: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024


def serve_preview_ms(repeat: int) -> float:
    """Median time of the page's preview request (8 exercises) against a running `handouts serve`."""
    import http.client
    import json
    import random
    import re

    from handouts.jobs import load_catalog_dir

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen([sys.executable, str(ROOT / "generate.py"), "serve", "--port", "0"], cwd=folder, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            assert server.stdout is not None
            port = 0
            while not port:
                line = server.stdout.readline()
                if not line:
                    raise SystemExit("serve did not start")
                found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                port = int(found.group(1)) if found else 0

            def request(method: str, path: str, body: bytes | None = None, token: str = "") -> bytes:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                headers = {"Content-Type": "application/json", "X-Handouts-Token": token} if body is not None else {}
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                if response.status != 200:
                    raise SystemExit(f"{path}: HTTP {response.status}: {data[:200]!r}")
                return data

            token = re.search(rb'name="handouts-token" content="([^"]+)"', request("GET", "/")).group(1).decode()  # type: ignore[union-attr]
            catalog = load_catalog_dir(None)
            rng = random.Random(11)
            times = []
            for number in range(repeat + 3):
                ids = rng.sample(sorted(catalog.exercises), 8)
                state = {"patient": f"Patient {number}", "date": "2026-11-21",
                         "exercises": [{"id": i, "repetitions": str(rng.randint(3, 12))} for i in ids]}
                body = json.dumps(state).encode()
                start = time.perf_counter()
                request("POST", "/api/preview", body, token)
                if number >= 3:  # the first ones warm the server up (fonts, pictures)
                    times.append((time.perf_counter() - start) * 1000)
            return statistics.median(times)
        finally:
            server.terminate()
            server.wait(timeout=20)


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

    print(f"serve: preview of an 8-exercise program, warm server: {serve_preview_ms(repeat * 3):7.1f} ms   (target <= 150 ms)")

    counts = [100] if args.quick else [100, 1000]
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        programs = work_dir / "programs"
        programs.mkdir()
        files = make_programs(programs, max(counts))
        print(f"8-exercise program, warm process: {warm_program_ms(files, work_dir / 'warm'):7.1f} ms   (target <= 12 ms)")
        for count in counts:
            subset = work_dir / f"programs-{count}"
            subset.mkdir()
            for path in files[:count]:
                (subset / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
            for jobs in (1, 2):
                seconds, peak = batch_run(subset, work_dir / f"out-{count}-{jobs}", jobs)
                print(f"batch of {count:>4} programs, -j {jobs}: {seconds:6.1f} s  {count / seconds:6.0f} programs/s  "
                      f"peak memory per process {peak:5.0f} MB")
        print("targets: 1,000 programs with -j 2 in <= 8 s; peak memory per worker <= 150 MB, flat as N grows")


if __name__ == "__main__":
    main()
