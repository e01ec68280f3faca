"""Reuse inside a process (handouts/reuse.py) never changes a byte: every built-in document printed with
reuse on, in a process that has printed them all before, is the same bytes as with all reuse off."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import BUILTIN_KEPT, EXAMPLE_PROGRAMS, ROOT, every_document

PROGRAMS = EXAMPLE_PROGRAMS


def test_every_builtin_document_is_the_same_bytes_with_reuse_off(builtin_documents, tmp_path):
    """The documents of ``builtin_documents`` were printed with reuse on, by a process that had printed others
    before them (and each after others of the same kind): this one, or another worker of the run."""
    from handouts.reuse import REUSE, disabled

    reused = builtin_documents
    assert REUSE.enabled

    before = BUILTIN_KEPT["entries"]
    assert before > 100, "the documents were printed with reuse"
    with disabled():
        fresh = every_document(tmp_path)
        assert sum(len(store) for store in REUSE.stores.values()) < before / 3, "reuse off keeps one document's worth"
    assert REUSE.enabled
    assert len(fresh) == 2 * (2 * 5 + len(PROGRAMS) + 1)
    assert sorted(fresh) == sorted(reused)
    differ = [name for name in fresh if fresh[name] != reused[name]]
    assert differ == []


def test_the_environment_switches_reuse_off_in_a_new_process(tmp_path):
    """HANDOUTS_REUSE=off: the disk cache is neither read nor written, and each document starts from empty stores."""
    cache = tmp_path / "cache"
    code = ("import sys; from handouts.reuse import REUSE; from handouts.jobs import render_program_file; "
            "from pathlib import Path; render_program_file(Path(sys.argv[1]), output_dir=Path(sys.argv[2])); "
            "kept = sum(len(s) for s in REUSE.stores.values()); "
            "from handouts.render.context import RenderContext; from handouts.jobs import Job; "
            "job = Job.load(layout=None, clinic_file=None, catalog_dir=None, lang=None, output_dir=Path(sys.argv[2])); "
            "job.context(); print(REUSE.enabled, kept > 0, sum(len(s) for s in REUSE.stores.values()) < kept)")
    env = {**os.environ, "HANDOUTS_REUSE": "off", "HANDOUTS_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code, str(PROGRAMS[0]), str(tmp_path)], env=env,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True", "True"]  # a new document emptied what the first one kept
    assert not cache.exists() or not any(p.is_file() for p in cache.rglob("*"))


def test_a_store_keeps_by_value_is_bounded_and_the_switch_drops_everything():
    from handouts.reuse import Reuse

    reuse = Reuse()
    reuse.set_enabled(True)
    store = reuse.store("test", limit=2)
    assert reuse.store("test") is store
    store.put(("a", 1), "one")
    assert store.get(("a", 1)) == "one"  # an equal key, not the same object
    store.put("b", "two")
    store.put("c", "three")  # full: emptied, then kept
    assert (store.get(("a", 1)), store.get("c"), len(store)) == (None, "three", 1)

    calls = []

    @reuse.memo("square")
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    assert (square(3), square(3), calls) == (9, 9, [3])
    reuse.set_enabled(False)  # drops what was kept
    assert (len(store), store.get("c")) == (0, None)
    store.put("d", 4)
    assert (square(3), calls) == (9, [3, 3])
    reuse.new_document()  # with reuse off, each document starts from nothing
    assert (len(store), square(3), calls) == (0, 9, [3, 3, 3])
    reuse.set_enabled(True)
    store.put("e", 5)
    reuse.new_document()  # with reuse on, kept from one document to the next
    assert store.get("e") == 5
