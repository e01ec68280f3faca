"""Printing many programs at once, in several processes, without losing or half-writing any.

Each worker renders a program and writes its PDF atomically; a program that fails is reported
and the others carry on. Fonts, the catalog, the clinic, the layout, the illustrations and the
prepared logo are loaded once per worker process and reused for every program it prints.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import traceback
from collections.abc import Generator
from pathlib import Path
from typing import Any, NamedTuple

from .errors import Problem, UserError, display_path
from .files import not_regular, real


class Outcome(NamedTuple):
    source: Path
    target: Path
    problems: list[str]  # empty: written
    notices: list[str]


class Options(NamedTuple):
    layout: str | None
    clinic_file: Path | None
    catalog_dir: Path | None
    lang: str | None
    output_dir: Path


def collect(inputs: list[Path]) -> list[Path]:
    """Program files from files and folders (a folder's *.yaml, sorted), each once."""
    files: list[Path] = []
    problems = []
    for item in inputs:
        if item.is_dir():
            found = sorted([*item.glob("*.yaml"), *item.glob("*.yml")])
            if not found:
                problems.append(Problem(display_path(item), 0, "", "no program files (*.yaml) in this folder"))
            files += found
        elif (reason := not_regular(item)) is None:
            files.append(item)
        else:
            problems.append(Problem(display_path(item), 0, "", reason))
    if problems:
        raise UserError(problems)
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(real(path), path)
    return list(unique.values())


def check_outputs(files: list[Path], output_dir: Path, combined: Path | None = None) -> None:
    """Two programs that would write the same PDF, or a PDF over an input (or over the combined file):
    refused before anything is written."""
    from .jobs import program_output

    by_target: dict[Path, list[Path]] = {}
    for path in files:
        by_target.setdefault(real(program_output(path, output_dir)), []).append(path)
    problems = []
    if combined is not None and (real(combined) in by_target or real(combined) in {real(p) for p in files}):
        problems.append(Problem(display_path(combined), 0, "", "is also a program's file; give the combined file "
                                                             "another name or folder"))
    inputs = {real(p) for p in files}
    for target, sources in by_target.items():
        if len(sources) > 1:
            names = ", ".join(display_path(s) for s in sources)
            problems.append(Problem(display_path(target), 0, "", f"would be written by {len(sources)} programs ({names}); "
                                                                 "rename one of them"))
        if target in inputs:
            problems.append(Problem(display_path(target), 0, "", "is one of the input files; choose another output folder"))
    if problems:
        raise UserError(problems)


_OPTIONS: Options | None = None


def _init_worker(options: Options) -> None:
    from .process import worker_signals

    global _OPTIONS
    _OPTIONS = options
    worker_signals()


def print_one(source: Path, options: Options | None = None) -> Outcome:
    """Render and write one program; never raises (errors become the outcome's problems)."""
    from .jobs import program_output, render_program_file
    from .output import write_atomic, write_reason

    options = options or _OPTIONS
    assert options is not None
    target = program_output(source, options.output_dir)
    try:
        target, data, notices = render_program_file(
            source, layout=options.layout, clinic_file=options.clinic_file, catalog_dir=options.catalog_dir,
            lang=options.lang, output_dir=options.output_dir,
        )
    except UserError as error:
        return Outcome(source, target, [str(p) for p in error.problems], [])
    except Exception:  # a bug must not stop the other programs; it is reported with its traceback
        return Outcome(source, target, [f"{display_path(source)}: internal error (a bug, please report it):\n"
                                        + traceback.format_exc()], [])
    try:
        write_atomic(target, data)
    except OSError as error:
        return Outcome(source, target, [f"{display_path(target)}: cannot be written ({write_reason(error)})"], [])
    return Outcome(source, target, [], notices)


def run(files: list[Path], options: Options, jobs: int) -> Generator[Outcome, None, None]:
    """Print every program, yielding outcomes as they finish (in input order for one job)."""
    if jobs <= 1 or len(files) <= 1:
        for path in files:
            yield print_one(path, options)
        return
    import reportlab.platypus  # noqa: F401 - imported before forking, so workers share it

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    pool = context.Pool(jobs, initializer=_init_worker, initargs=(options,))
    finished = False
    try:
        yield from pool.imap_unordered(print_one, files, chunksize=chunk)
        finished = True
    finally:  # done, or stopped (Ctrl-C, SIGTERM): no worker is left, nor any file it was writing
        from .process import signals_held

        with signals_held():
            if finished:  # every worker is idle: each leaves when it reads the end of the queue
                pool.close()
                pool.join()
            else:
                _terminate(pool)
            remove_partials(options.output_dir, files)


def _terminate(pool: Any, grace: float = 1.5) -> None:
    """Pool.terminate, but never waiting for ever. Before it sends SIGTERM to the workers it takes the task
    queue's lock to drain the queue, and an idle worker waiting for a task holds that lock: the parent then
    waits for ever (seen under load, and in 1 finished batch in about 200 on 2 cores). So after ``grace``
    seconds every worker still there gets SIGKILL (a file it was writing is a temporary one, removed after)."""
    import threading

    stopping = threading.Thread(target=pool.terminate, name="pool terminate", daemon=True)
    stopping.start()
    stopping.join(grace)
    if stopping.is_alive():
        for worker in multiprocessing.active_children():
            worker.kill()
        stopping.join(grace)


def written_since(files: list[Path], output_dir: Path, since_ns: int) -> int:
    """How many of these programs' PDFs were put in place since then (by any worker, reported or not)."""
    from .jobs import program_output

    count = 0
    for path in files:
        with contextlib.suppress(OSError):
            count += os.stat(program_output(path, output_dir)).st_mtime_ns >= since_ns
    return count


def remove_partials(output_dir: Path, files: list[Path]) -> None:
    """Remove the temporary files (see output.write_atomic) of this batch's PDFs that stopped workers left."""
    from .jobs import program_output

    names = {program_output(path, output_dir).name for path in files}
    try:
        entries = list(os.scandir(output_dir))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") and entry.name.endswith(".part") and entry.name[1:-5].rpartition(".")[0] in names:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def summary(written: int, failed: int, seconds: float) -> str:
    rate = (written + failed) / seconds if seconds > 0 else 0.0
    return f"{written} written, {failed} failed, in {seconds:.1f} s ({rate:.0f} programs a second)"

