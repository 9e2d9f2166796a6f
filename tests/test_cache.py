"""The result cache: entries read back by content, damaged ones detected and never returned."""

from pathlib import Path

import pandas as pd
import pytest

from countrytone import cache as cache_module
from countrytone.articles import parse_article
from countrytone.cache import CacheWarning, ResultCache
from countrytone.tables import mentions_frame
from tests.rows import mention_row

ARTICLE = parse_article("China and Japan\nJapan praised China.", article_id="a")


@pytest.fixture
def cache(tmp_path: Path) -> ResultCache:
    return ResultCache(tmp_path, model="counting", pipeline="en_core_web_sm-3.8.0")


@pytest.fixture
def rows() -> pd.DataFrame:
    return mentions_frame([mention_row(0, 0, "CHN", 0.5), mention_row(0, 0, "JPN", -0.25)])


def _entry(cache: ResultCache) -> Path:
    [path] = cache.directory.rglob("*.entry")
    return path


def test_cache_reads_back_what_it_stored(cache: ResultCache, rows: pd.DataFrame) -> None:
    assert cache.get(ARTICLE) is None
    cache.put(ARTICLE, rows)
    pd.testing.assert_frame_equal(cache.get(ARTICLE), rows)
    other = ResultCache(cache.directory, model="vader", pipeline="en_core_web_sm-3.8.0")
    assert other.get(ARTICLE) is None  # another model: another entry
    assert [path.name for path in cache.directory.rglob("*")] == [
        _entry(cache).parent.name,
        _entry(cache).name,
    ]  # no temporary file left


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-100] + bytes([data[-100] ^ 1]) + data[-99:], id="bit"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data.replace(b"sha256=", b"sha256=0", 1), id="header"),
    ],
)
def test_cache_a_damaged_entry_is_reported_and_never_returned(
    cache: ResultCache, rows: pd.DataFrame, damage: object
) -> None:
    cache.put(ARTICLE, rows)
    path = _entry(cache)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with pytest.warns(CacheWarning, match="truncated or corrupt") as caught:
        assert cache.get(ARTICLE) is None
    assert len(caught) == 1
    assert str(path) in str(caught[0].message)
    cache.put(ARTICLE, rows)  # recomputed rows are written anew
    pd.testing.assert_frame_equal(cache.get(ARTICLE), rows)


def test_cache_a_changed_package_misses(
    cache: ResultCache, rows: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    # New rules or weights under the same version: the rows of the old ones are not read back.
    cache.put(ARTICLE, rows)
    monkeypatch.setattr(cache_module, "package_digest", lambda: "another build")
    changed = ResultCache(cache.directory, model="counting", pipeline="en_core_web_sm-3.8.0")
    assert changed.get(ARTICLE) is None


def test_cache_package_digest_reads_the_package_files(tmp_path: Path) -> None:
    (tmp_path / "rules.py").write_text("A = 1\n")
    before = cache_module._digest_of(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "rules.pyc").write_bytes(b"compiled")
    assert cache_module._digest_of.__wrapped__(tmp_path) == before  # byte code is no rule
    (tmp_path / "rules.py").write_text("A = 2\n")
    assert cache_module._digest_of.__wrapped__(tmp_path) != before
