"""Writing output (output.py): an interruption at any moment leaves no temporary file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handouts import output


def _interrupted_right_after_creating(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C lands just after the temporary file is created, before anything else runs."""
    real_open = os.open

    def open_then_interrupt(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        descriptor = real_open(path, flags, *args, **kwargs)
        if flags & os.O_CREAT:
            os.close(descriptor)
            raise KeyboardInterrupt
        return descriptor

    monkeypatch.setattr(os, "open", open_then_interrupt)


def test_ctrl_c_just_after_the_temporary_file_is_made_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "old.txt").write_bytes(b"before")
    _interrupted_right_after_creating(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(tmp_path / "old.txt", b"after")
    with pytest.raises(KeyboardInterrupt):
        output.write_all({tmp_path / "new.txt": b"new", tmp_path / "other.txt": b"other"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"]
    assert (tmp_path / "old.txt").read_bytes() == b"before"


def test_a_file_is_written_whole_with_its_usual_mode(tmp_path: Path) -> None:
    target = output.write_atomic(tmp_path / "a.txt", b"whole")
    assert target.read_bytes() == b"whole"
    assert (target.stat().st_mode & 0o777) == 0o644  # (as before: chmod, whatever the umask)
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]



def test_a_temporary_name_already_taken_is_left_alone_and_another_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = iter(["taken", "taken", "free", "taken", "free2"])
    monkeypatch.setattr(output, "_random_part", lambda: next(names))
    stranger = tmp_path / ".a.txt.taken.part"
    stranger.write_bytes(b"not ours")
    output.write_all({tmp_path / "a.txt": b"A"})
    output.write_atomic(tmp_path / "a.txt", b"B")
    assert stranger.read_bytes() == b"not ours"
    assert (tmp_path / "a.txt").read_bytes() == b"B"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.txt.taken.part", "a.txt"]
