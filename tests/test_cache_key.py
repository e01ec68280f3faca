"""The disk cache's key names the versions of the libraries that make its entries, and of the package."""

from __future__ import annotations


def test_an_upgraded_library_never_reads_an_old_entry(monkeypatch):
    from handouts import diskcache

    versions = {name: diskcache.library_version(name) for name in diskcache.LIBRARIES}
    assert all(v and v != "absent" for v in versions.values()), versions
    assert versions["reportlab"].startswith("5.")  # the major version pyproject.toml pins
    diskcache.code_digest.cache_clear()
    before = diskcache.code_digest()
    for name in diskcache.LIBRARIES:
        monkeypatch.setattr(diskcache, "library_version", lambda n, name=name: "9.9" if n == name else versions[n])
        diskcache.code_digest.cache_clear()
        assert diskcache.code_digest() != before, name
    monkeypatch.undo()
    diskcache.code_digest.cache_clear()
    assert diskcache.code_digest() == before
