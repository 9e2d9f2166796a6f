"""The Dask engine: the corpus analysed in batches on the workers of a ``dask.distributed`` cluster.

The client reads the articles and sends them, ``batch_size`` at a time, to the workers; each
worker runs the local pipeline (``countrytone.pipeline.analyze_articles``) on its batch and sends
back the mentions table. Models travel by name, never as objects: each worker process loads a
model the first time a batch needs it and keeps it (the loaders are cached per process). The
rows, and their order, are those of the local engine.

Workers need countrytone, its models and spaCy pipeline installed. A worker process runs one
batch at a time (see ``_analyze_batch``), and the model uses the process's cores itself: start
workers with one thread each and as many processes as the machine has room for models
(``dask worker ADDRESS --nworkers N --nthreads 1``).

dask and distributed are imported inside the functions: ``import countrytone`` stays light and
works without them.
"""

from __future__ import annotations

import asyncio
import threading
import warnings
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

import pandas as pd

from countrytone.articles import Article
from countrytone.errors import CountrytoneError
from countrytone.nlp import DEFAULT_PIPELINE
from countrytone.pipeline import LanguageWarning, analyze_articles
from countrytone.targets import Targets, TargetSpec, parse_targets
from countrytone.tone import DEFAULT_BATCH_ARTICLES

if TYPE_CHECKING:
    from distributed import Client, Future

# Seconds to wait for the scheduler: it answers in milliseconds on a LAN; a few seconds cover a
# busy scheduler or a slow link, and a wrong address fails before the user wonders why.
CONNECT_TIMEOUT_S = 10.0
# Batches submitted but not yet yielded, per worker thread: two keep every thread busy (one
# running, one queued) while the client reads ahead, and bound the articles and tables held in
# memory whatever the corpus size.
BATCHES_IN_FLIGHT_PER_THREAD = 2

# A warning raised on a worker goes to that worker's log: the task records its warnings and the
# client raises them again. Recording swaps the process-wide warning state, which is not safe
# between threads, so the batches of one worker process take turns.
_RECORDING_WARNINGS = threading.Lock()

_Recorded = tuple[Warning, str, int]
_BatchResult = tuple[pd.DataFrame, list[_Recorded]]


def connect(scheduler: str, *, timeout: float = CONNECT_TIMEOUT_S) -> Client:
    """A client of the Dask scheduler at ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``).

    The caller closes it (``with connect(address) as client: ...``).

    Raises:
        CountrytoneError: the scheduler cannot be reached within ``timeout`` seconds, or the
            address is malformed.
    """
    from distributed import Client

    try:
        _probe(scheduler, timeout=timeout)
    except (OSError, ValueError) as error:
        raise CountrytoneError(
            f"cannot reach the Dask scheduler at {scheduler}: {_one_line(error)}"
        ) from error
    return Client(scheduler, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]


def _probe(scheduler: str, *, timeout: float) -> None:
    """Open and close one connection to the scheduler; raise OSError or ValueError if it fails.

    A Client that fails to connect is left half made and prints a traceback when the
    interpreter exits, after our one-line message: so the address is tried first. In a thread
    of its own, because the caller may be running an event loop (Jupyter).
    """
    from distributed.comm.core import connect as open_comm

    async def open_and_close() -> None:
        comm = await open_comm(scheduler, timeout=timeout)  # type: ignore[no-untyped-call]
        await comm.close()

    with ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(asyncio.run, open_and_close()).result()


def analyze_distributed(
    articles: Iterable[Article],
    *,
    client: Client,
    model: str = "default",
    nlp: str = DEFAULT_PIPELINE,
    countries: str | Collection[str] | None = None,
    targets: TargetSpec = None,
    batch_size: int = DEFAULT_BATCH_ARTICLES,
) -> Iterator[pd.DataFrame]:
    """Stream the mentions table of a corpus analysed on a Dask cluster, one table per batch.

    Articles are read lazily, ``batch_size`` at a time, and each batch is a task that runs
    ``analyze_articles`` on a worker. At most ``BATCHES_IN_FLIGHT_PER_THREAD`` batches per
    worker thread are out at once, so memory stays flat whatever the corpus size. Tables come
    back in input order; concatenated, they are the rows of ``analyze_batches`` with the same
    options. Warnings raised on the workers (``LanguageWarning``) are raised again here.

    Args:
        articles: the articles, e.g. ``read_articles(paths, on_skip=...)``.
        client: a client of the cluster, e.g. from ``connect``; it is left open.
        model: the name of a tone model (``registry.MODEL_NAMES``, or a model directory that
            every worker can read); each worker loads it once.
        nlp: the name of a spaCy pipeline installed on the workers.
        countries: keep only mentions of these ISO-3 codes, as ``analyze`` takes them.
        targets: what to find mentions of, as ``analyze`` takes them; read here, and sent to
            the workers whole (a file of one's own targets need not be on them).
        batch_size: articles per task, scored in one model call.

    Raises:
        ValueError: ``batch_size`` is below 1.
        CountrytoneError: a worker could not load a model (re-raised from the worker), or any
            error a batch raised there.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    chosen = parse_targets(targets)
    country_codes = chosen.codes_of(countries) if countries is not None else None
    stream = iter(articles)
    pending: deque[Future[_BatchResult]] = deque()
    try:
        while True:
            # Asked each round: workers may join or leave the cluster during a long run.
            limit = BATCHES_IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
            while len(pending) < limit and (batch := list(islice(stream, batch_size))):
                pending.append(
                    client.submit(
                        _analyze_batch,
                        batch,
                        model=model,
                        nlp=nlp,
                        countries=country_codes,
                        targets=chosen,
                        pure=False,
                    )
                )
            if not pending:
                return
            table, recorded = pending.popleft().result()
            for message, filename, lineno in recorded:
                warnings.warn_explicit(message, type(message), filename, lineno)
            yield table
    finally:
        if pending:
            client.cancel(list(pending))  # type: ignore[no-untyped-call]


def _analyze_batch(
    batch: list[Article],
    *,
    model: str,
    nlp: str,
    countries: tuple[str, ...] | None,
    targets: Targets,
) -> _BatchResult:
    """The task run on a worker: the mentions table of one batch and the warnings it raised."""
    with _RECORDING_WARNINGS, warnings.catch_warnings(record=True) as caught:
        # One per article, as the local engine's caller sees them: none lost to a worker's
        # registry of warnings already shown.
        warnings.simplefilter("always", LanguageWarning)
        table = analyze_articles(batch, model=model, nlp=nlp, countries=countries, targets=targets)
    recorded = [
        (warning.message, warning.filename, warning.lineno)
        for warning in caught
        if isinstance(warning.message, Warning)
    ]
    return table, recorded


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
