"""The catalog cache: the same catalog as parsing gives, parsed again when the file changes,
never trusted when someone else could have written it, and never a reason for a run to fail."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cjzn.guide import cache as cache_module
from cjzn.guide import load as load_module
from cjzn.guide.load import load_catalog
from cjzn.resources import rounds_dir

BUNDLED = rounds_dir() / "2013-2014.yaml"


@pytest.fixture
def catalog_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled catalog and a cache of its own; the in-process memo cleared."""
    monkeypatch.setenv("CJZN_CACHE_DIR", str(tmp_path / "cache"))
    load_module._load.cache_clear()
    copy = tmp_path / "round.yaml"
    shutil.copyfile(BUNDLED, copy)
    return copy


def entries(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache"
    return sorted(folder.glob("catalog-*.pickle")) if folder.is_dir() else []


def parsing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a catalog that is parsed fails the test: it must come from the cache."""

    def no(name: str) -> None:
        raise AssertionError(f"{name} was parsed, not read from the cache")

    monkeypatch.setattr(load_module, "_parse", no)
    load_module._load.cache_clear()


def test_a_second_run_reads_the_same_catalog_from_the_cache(
    catalog_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = load_catalog(catalog_file)
    assert len(entries(tmp_path)) == 1
    if hasattr(os, "getuid"):
        assert (tmp_path / "cache").stat().st_mode & 0o077 == 0  # a private folder
    parsing_fails(monkeypatch)
    cached = load_catalog(catalog_file)
    assert cached == parsed and cached is not parsed
    assert cached.model_dump(mode="json") == parsed.model_dump(mode="json")
    assert cached.roster is not None
    assert [u.name for u in cached.roster.district_units("徐汇区")][:2] == [
        "天平路街道",
        "湖南路街道",
    ]


def test_an_edited_catalog_is_parsed_again(catalog_file: Path, tmp_path: Path) -> None:
    before = load_catalog(catalog_file)
    text = catalog_file.read_text(encoding="utf-8").replace("徐汇区", "徐汇新区")
    catalog_file.write_text(text, encoding="utf-8")
    load_module._load.cache_clear()
    after = load_catalog(catalog_file)
    assert "徐汇新区" in after.districts and "徐汇新区" not in before.districts
    assert len(entries(tmp_path)) == 2


def test_an_entry_others_may_write_is_not_read(
    catalog_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(os, "getuid"):
        pytest.skip("file modes are POSIX")
    load_catalog(catalog_file)
    (entry,) = entries(tmp_path)
    entry.chmod(0o666)
    parsing_fails(monkeypatch)
    with pytest.raises(AssertionError, match="was parsed"):
        load_catalog(catalog_file)


def test_a_broken_entry_means_parsing(catalog_file: Path, tmp_path: Path) -> None:
    first = load_catalog(catalog_file)
    (entry,) = entries(tmp_path)
    entry.write_bytes(b"not a pickle")
    load_module._load.cache_clear()
    assert load_catalog(catalog_file) == first
    assert entry.read_bytes() != b"not a pickle"  # written anew


def test_an_unwritable_cache_or_none_at_all_changes_nothing(
    catalog_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CJZN_CACHE_DIR", str(blocked / "cache"))  # below a file: cannot exist
    assert load_catalog(catalog_file).round == "2013-2014"
    monkeypatch.setenv("CJZN_CACHE_DIR", "")  # off
    assert cache_module.cache_dir() is None
    load_module._load.cache_clear()
    assert load_catalog(catalog_file).round == "2013-2014"
    assert not (tmp_path / "cache").exists()


def test_the_default_folder_is_the_users_cache_not_the_repo(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CJZN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    folder = cache_module.cache_dir()
    assert folder is not None and folder.is_absolute()
    if os.name == "posix" and not str(folder).startswith(str(Path.home() / "Library")):
        assert folder == tmp_path / "xdg" / "cjzn"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # not absolute: ignored, as XDG says
    assert cache_module.cache_dir() != Path("relative") / "cjzn"
