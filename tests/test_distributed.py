"""The Dask engine on a LocalCluster gives the rows of the local engine, in the same order."""

import socket
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from distributed import Client, LocalCluster

from countrytone.articles import Article, parse_article
from countrytone.cli import main
from countrytone.distributed import BATCHES_IN_FLIGHT_PER_THREAD, analyze_distributed, connect
from countrytone.errors import CountrytoneError
from countrytone.pipeline import LanguageWarning, analyze_articles
from countrytone.targets import parse_targets
from tests.conftest import read_examples

# The lexicon model loads in a moment: the engine, not the model, is under test.
MODEL = "vader"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """One worker process with one thread: models load there by name, tables come back pickled."""
    with (
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        yield client


@pytest.fixture
def articles(examples: Path) -> list[Article]:
    return read_examples()


@pytest.mark.slow
def test_distributed_rows_equal_the_local_engine(client: Client, articles: list[Article]) -> None:
    read: list[Article] = []

    def reading() -> Iterator[Article]:
        for article in articles:
            read.append(article)
            yield article

    stream = analyze_distributed(reading(), client=client, model=MODEL, batch_size=2)
    tables = [next(stream)]
    # Read lazily: one worker thread holds 2 batches of 2 articles in flight, not the corpus.
    assert len(read) == BATCHES_IN_FLIGHT_PER_THREAD * 2
    tables.extend(stream)
    assert len(tables) == 7
    local = analyze_articles(articles, model=MODEL)
    assert len(local) > 0
    pd.testing.assert_frame_equal(pd.concat(tables, ignore_index=True), local)


@pytest.mark.slow
def test_distributed_rows_equal_the_local_engine_for_some_countries(
    client: Client, articles: list[Article]
) -> None:
    some, countries = articles[:4], frozenset({"CHN", "USA"})
    tables = analyze_distributed(some, client=client, model=MODEL, countries=countries)
    local = analyze_articles(some, model=MODEL, countries=countries)
    assert set(local["country"]) == countries
    pd.testing.assert_frame_equal(pd.concat(list(tables), ignore_index=True), local)


@pytest.mark.slow
def test_distributed_sends_the_targets_whole(
    client: Client, articles: list[Article], tmp_path: Path
) -> None:
    path = tmp_path / "leaders.toml"
    path.write_text(
        '[[target]]\ncode = "VELICHKO"\nname = "Arkady Velichko"\naliases = ["Arkady Velichko"]\n',
        encoding="utf-8",
    )
    targets = parse_targets(["blocs", path])
    path.unlink()  # read here: the workers never see the file
    tables = analyze_distributed(articles, client=client, model=MODEL, targets=targets)
    distributed = pd.concat(list(tables), ignore_index=True)
    assert {"XEU", "XNATO", "VELICHKO"} <= set(distributed["country"])
    pd.testing.assert_frame_equal(
        distributed, analyze_articles(articles, model=MODEL, targets=targets)
    )


@pytest.mark.slow
def test_distributed_keeps_input_order(client: Client, articles: list[Article]) -> None:
    reordered = articles[4::-1]
    tables = analyze_distributed(reordered, client=client, model=MODEL, batch_size=1)
    ids = pd.concat(list(tables), ignore_index=True)["article_id"].drop_duplicates()
    assert list(ids) == [article.id for article in reordered if article.id in set(ids)]
    assert len(ids) > 1


@pytest.mark.slow
def test_distributed_raises_worker_warnings_again(client: Client) -> None:
    text = "Die Regierung hat am Montag neue Gespräche mit China angekündigt. " * 4
    german = parse_article(text, article_id="german")
    with pytest.warns(LanguageWarning, match="german: does not look like English"):
        rows = pd.concat(list(analyze_distributed([german], client=client, model=MODEL)))
    assert set(rows["country"]) == {"CHN"}


@pytest.mark.slow
def test_distributed_empty_corpus_yields_nothing(client: Client) -> None:
    assert list(analyze_distributed([], client=client, model=MODEL)) == []


@pytest.mark.slow
def test_distributed_unknown_model_raises_from_the_worker(
    client: Client, articles: list[Article]
) -> None:
    with pytest.raises(CountrytoneError, match="no-such-model"):
        list(analyze_distributed(articles[:1], client=client, model="no-such-model"))


def test_distributed_batch_size_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        next(analyze_distributed([], client=None, batch_size=0))  # type: ignore[arg-type]


@pytest.mark.slow
def test_distributed_connect_reaches_a_running_scheduler(client: Client) -> None:
    with connect(client.scheduler.address) as other:
        assert sum(other.nthreads().values()) == 1


def test_distributed_unreachable_scheduler_is_one_line_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(CountrytoneError, match=f"cannot reach the Dask scheduler at .*:{port}: "):
        connect(f"tcp://127.0.0.1:{port}", timeout=1)


def test_distributed_malformed_scheduler_address_is_one_line_error() -> None:
    with pytest.raises(CountrytoneError, match="unknown address scheme 'udp'"):
        connect("udp://127.0.0.1:8786", timeout=1)


def test_distributed_command_line_engine(
    client: Client, examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = sorted(examples.rglob("*.txt"))[0]
    local, dask = tmp_path / "local.csv", tmp_path / "dask.csv"
    assert main(["analyze", str(article), "--model", MODEL, "--out", str(local)]) == 0
    scheduler = ["--engine", "dask", "--scheduler", client.scheduler.address]
    assert main(["analyze", str(article), "--model", MODEL, "--out", str(dask), *scheduler]) == 0
    assert capsys.readouterr().err == ""
    pd.testing.assert_frame_equal(pd.read_csv(dask), pd.read_csv(local))


def test_distributed_command_line_needs_a_scheduler(
    examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(examples), "--engine", "dask"]) == 1
    assert "--engine dask and --scheduler ADDRESS go together" in capsys.readouterr().err
