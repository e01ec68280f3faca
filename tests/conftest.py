"""Shared fixtures: the built-in catalog and demo clinic, rendered documents, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# Reproducible dates on the page, so byte-identical comparisons hold across midnight.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1790000000")
#: The folders of this test run, made by its first process (pytest-xdist's workers inherit them) and removed
#: when it ends: the drawing cache (never the user's ~/.cache), and the PDFs that passed pdfcheck.validate
#: (each is checked once in a run).
RUN_FOLDERS = [name for name in ("HANDOUTS_CACHE_DIR", "PDFCHECK_PASSED") if name not in os.environ]
for _name in RUN_FOLDERS:
    os.environ[_name] = tempfile.mkdtemp(prefix=f"handouts-{_name.lower()}-")


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Everything the run keeps (parsed PDFs, rendered documents, reuse stores) is moved out of the garbage
    collector's sight before pytest's last full collection, which would otherwise walk it all (about 1.5 s a
    worker) only to free nothing: the process ends next."""
    import gc

    gc.freeze()


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        for name in RUN_FOLDERS:
            shutil.rmtree(os.environ[name], ignore_errors=True)
# A default clinic set in the developer's shell must not change what the tests print.
os.environ.pop("HANDOUTS_CLINIC", None)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Without pytest-xdist (a venv made before it joined the test extra), pyproject's ``-n auto --dist loadfile
    --no-loadscope-reorder`` are accepted and the suite runs in one process, as it did before."""
    import importlib.util

    if importlib.util.find_spec("xdist") is None:
        group = parser.getgroup("xdist", "pytest-xdist is not installed: the tests run in one process")
        group._addoption("-n", "--numprocesses", dest="numprocesses", default=None, help="(needs pytest-xdist)")
        group._addoption("--dist", dest="dist", default="no", help="(needs pytest-xdist)")
        group._addoption("--no-loadscope-reorder", dest="loadscopereorder", action="store_false",
                         help="(needs pytest-xdist)")


#: The test files that take longest, run first: pytest-xdist (``--dist loadfile``) hands each worker a file
#: at a time in this order, so the long ones are not left for last while the other workers sit idle.
LONGEST_FIRST = ("test_reuse.py", "test_spanish.py", "test_layouts.py", "test_web.py", "test_branding.py",
                 "test_paper.py", "test_guidance.py", "test_diskcache.py", "test_hardening.py", "test_fuzz.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


#: Environment variables a command reads when it runs (not at import): a run that sets only these can stay
#: in this process.
IN_PROCESS_ENV = frozenset({"HANDOUTS_CLINIC"})
#: Commands that need a process of their own: batch starts worker processes (unless -j 1), init-clinic
#: prints how this very program was started, serve runs a server.
OWN_PROCESS = frozenset({"init-clinic", "serve"})


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120,
            subprocess_run: bool = False) -> CliResult:
    """Run the command line as a clinic would: in this process through click's test runner (the same
    command objects, exit codes, stdout and stderr, and a traceback on stderr for a bug), or in a real
    subprocess when that is what is tested (``subprocess_run=True``), when the command starts processes
    of its own, or when ``env`` sets a variable read at import."""
    if subprocess_run or not _in_process(args, env):
        return run_subprocess(*args, cwd=cwd, env=env, timeout=timeout)
    return _run_in_process(args, cwd, env)


def _in_process(args: tuple[str, ...], env: dict[str, str] | None) -> bool:
    if env and not IN_PROCESS_ENV.issuperset(env):
        return False
    command = next((a for a in args if not a.startswith("-")), None)
    if command in OWN_PROCESS:
        return False
    if command == "batch":  # in this process only with one job, which needs no worker process
        text = " ".join(args)
        return " -j 1" in f" {text}" or "--jobs 1" in text or "--jobs=1" in text
    return True


def _run_in_process(args: tuple[str, ...], cwd: Path | None, env: dict[str, str] | None) -> CliResult:
    import traceback

    from click.testing import CliRunner

    from handouts.cli import main

    before = os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        result = CliRunner().invoke(main, list(args), prog_name="handouts", env=env, catch_exceptions=True)
    finally:
        os.chdir(before)
    stderr = result.stderr
    code = result.exit_code
    error = result.exception
    if error is not None and not isinstance(error, SystemExit):  # a bug: Python would print its traceback
        stderr += "".join(traceback.format_exception(error))
        code = 1
    elif isinstance(error, SystemExit) and isinstance(error.code, str):  # as handouts.cli.run reports it
        stderr += error.code + "\n"
        code = 1
    return CliResult(code, result.stdout, stderr)


def run_subprocess(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
                   timeout: float = 120) -> CliResult:
    """Run the real command line in a subprocess, as a clinic would."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    return run_cli


@pytest.fixture(scope="session")
def catalog():
    from handouts.jobs import load_catalog_dir

    return load_catalog_dir(None)


@pytest.fixture(scope="session")
def demo_job(tmp_path_factory: pytest.TempPathFactory):
    from handouts.jobs import Job

    return Job.load(layout=None, clinic_file=None, catalog_dir=None, lang=None,
                    output_dir=tmp_path_factory.mktemp("out"))


EXAMPLE_PROGRAMS = sorted((ROOT / "examples" / "programs").glob("*.yaml"))
DEMO_CLINICS = {"demo": None, "a4": ROOT / "assets" / "clinic-a4" / "clinic.yaml"}
REGION_FILES = {"lower": "lower-back.pdf", "mid": "mid-back.pdf", "upper": "upper-back.pdf"}


LANGS = ("en", "es")


def every_document(out: Path, langs: tuple[str, ...] = LANGS) -> dict[str, bytes]:
    """Every built-in document, by name ('en/demo/booklet.pdf', 'es/program/jane-doe.yaml', 'en/chooser.pdf'):
    the region handouts, the booklet and its imposed sheets of both demo clinics, the example programs and
    the exercise chooser, in English and Spanish (or in ``langs``)."""
    from handouts.jobs import Job, render_program_file
    from handouts.render.chooser import render_chooser

    made: dict[str, bytes] = {}
    for lang in langs:
        for clinic_name, clinic in DEMO_CLINICS.items():
            job = Job.load(layout=None, clinic_file=clinic, catalog_dir=None, lang=lang, output_dir=out, booklet=None)
            files = job.render_regions(list(REGION_FILES))
            files.update(job.render_booklet(impose=True)[0])
            made.update({f"{lang}/{clinic_name}/{path.name}": data for path, data in files.items()})
        for program in EXAMPLE_PROGRAMS:
            made[f"{lang}/program/{program.name}"] = render_program_file(program, lang=lang, output_dir=out)[1]
        job = Job.load(layout=None, clinic_file=None, catalog_dir=None, lang=lang, output_dir=out)
        made[f"{lang}/chooser.pdf"] = render_chooser(job.context(), None)
    return made


#: How much the process that printed (part of) ``builtin_documents`` kept for reuse once it had printed them.
BUILTIN_KEPT = {"entries": 0}


@pytest.fixture(scope="session")
def builtin_documents(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every built-in document (see :func:`every_document`), rendered (and validated) once per test run and
    shared by the tests that only read them. With pytest-xdist the work is shared out by language: a worker
    prints the English or the Spanish documents, whichever no other worker has started, into the run's shared
    temporary folder, then reads the rest there, waiting for them if need be."""
    if not hasattr(request.config, "workerinput"):  # one process
        return _print_builtin(tmp_path_factory.mktemp("builtin"), LANGS)
    import fcntl

    shared = tmp_path_factory.getbasetemp().parent
    made: dict[str, bytes] = {}
    waiting = []
    for lang in LANGS:  # first the parts no one is printing
        lock = open(shared / f"builtin-{lang}.lock", "w")  # noqa: SIM115 - kept open while waiting; closing releases the lock
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting.append((lang, lock))
            continue
        with lock:
            made.update(_builtin_part(shared / f"builtin-{lang}", lang, tmp_path_factory))
    for lang, lock in waiting:  # then those another worker is printing, once it is done
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            made.update(_builtin_part(shared / f"builtin-{lang}", lang, tmp_path_factory))
    return made


def _builtin_part(folder: Path, lang: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One language's documents: read from ``folder`` if a worker printed them there, else printed (under the
    caller's lock) and written there."""
    import json

    manifest = folder / "manifest.json"
    if manifest.exists():
        record = json.loads(manifest.read_text())
        BUILTIN_KEPT["entries"] = max(BUILTIN_KEPT["entries"], record["kept"])
        return {name: (folder / file).read_bytes() for name, file in record["files"].items()}
    made = _print_builtin(tmp_path_factory.mktemp(f"builtin-{lang}"), (lang,))
    folder.mkdir()
    files = {name: f"{number}.bin" for number, name in enumerate(sorted(made))}
    for name, file in files.items():
        (folder / file).write_bytes(made[name])
    manifest.write_text(json.dumps({"files": files, "kept": BUILTIN_KEPT["entries"]}))
    return made


def _print_builtin(out: Path, langs: tuple[str, ...]) -> dict[str, bytes]:
    from handouts.reuse import REUSE

    made = every_document(out, langs)
    BUILTIN_KEPT["entries"] = max(BUILTIN_KEPT["entries"], sum(len(store) for store in REUSE.stores.values()))
    return made


@pytest.fixture(scope="session")
def region_pdfs(builtin_documents) -> dict[str, bytes]:
    """The three region handouts of the demo clinic with the standard layout, in English."""
    return {region: builtin_documents[f"en/demo/{name}"] for region, name in REGION_FILES.items()}


@pytest.fixture
def clinic_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo clinic folder."""
    target = tmp_path / "clinic"
    shutil.copytree(ROOT / "assets" / "clinic", target)
    return target / "clinic.yaml"


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in catalog folder."""
    target = tmp_path / "catalog"
    shutil.copytree(ROOT / "assets" / "catalog", target)
    return target


# -- every PDF the test-suite produces is checked: qpdf, embedded fonts, a second renderer -------------

CHECKED_PDFS = {"count": 0}


def _checked(function, label):
    from pdfcheck import validate

    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        data = result[0] if isinstance(result, tuple) else result
        validate(data, label)
        CHECKED_PDFS["count"] += 1
        return result

    return wrapper


@pytest.fixture(scope="session", autouse=True)
def _validate_rendered_pdfs():
    """Wrap the renderers so every document made in-process is validated as it is made."""
    import handouts.render.booklet as booklet
    import handouts.render.imposition as imposition
    import handouts.render.page as page

    patcher = pytest.MonkeyPatch()
    original = page.HandoutDoc.render
    patcher.setattr(page.HandoutDoc, "render", _checked(original, "handout or program"))
    patcher.setattr(booklet, "render_booklet", _checked(booklet.render_booklet, "booklet"))
    patcher.setattr(imposition, "impose", _checked(imposition.impose, "imposed booklet"))
    yield
    patcher.undo()


@pytest.fixture(autouse=True)
def _validate_written_pdfs(tmp_path: Path, request: pytest.FixtureRequest):
    """After each test, every PDF the command line wrote under the test's temporary folder is validated
    (tests that plant fake .pdf files on purpose say so with the no_pdf_check marker)."""
    yield
    if request.node.get_closest_marker("no_pdf_check"):
        return
    from pdfcheck import validate

    for path in tmp_path.rglob("*.pdf"):
        if path.is_file() and not path.is_symlink():
            validate(path.read_bytes(), str(path.name))
            CHECKED_PDFS["count"] += 1
