"""The command line: ``countrytone analyze``, ``quotes``, ``plot``, ``report``, ``targets``,
``evaluate`` and ``train``.

Exit status: 0 when every input was processed, 2 when some were skipped (each reported on stderr
in one line; the rows of the others are still written), 1 on a usage or fatal error; 130 when
interrupted (Ctrl-C), 143 when terminated (SIGTERM), leaving no ``--out`` file behind.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn, TextIO, TypeGuard

import pandas as pd
from tqdm import tqdm

from countrytone import __version__, training
from countrytone.articles import INPUT_FORMATS, STDIN, Article, decode, read_articles
from countrytone.cache import CacheWarning
from countrytone.countries import parse_country_codes
from countrytone.devices import DEVICES
from countrytone.encoders import BASE_ENCODERS, MINILM
from countrytone.errors import (
    CountrytoneError,
    DateWarning,
    InputError,
    InputWarning,
    one_line,
)
from countrytone.evaluation import evaluate, read_labelled
from countrytone.manifest import DEFAULT_MAX_LENGTH
from countrytone.nlp import DEFAULT_PIPELINE, load_nlp
from countrytone.pipeline import (
    DEFAULT_BATCH_ARTICLES,
    LanguageWarning,
    analyze_articles,
    analyze_batches,
    analyze_with_quotes,
    quotes_table,
)
from countrytone.registry import MODEL_NAMES, load_tone_model
from countrytone.tables import TONE_COLUMNS, mentions_frame, quotes_frame, tone_values
from countrytone.tone import Target, ToneModel, score_targets
from countrytone.writers import (
    Format,
    TableWriter,
    discard_partial_files,
    open_text_output,
    output_format,
    written_whole,
)

PROGRAM = "countrytone"
EXIT_OK, EXIT_FATAL, EXIT_SKIPPED = 0, 1, 2
# The shell's convention for a run ended by a signal: 128 + its number (SIGINT 2, SIGTERM 15).
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM

# Lines of `targets` input scored per model call: large enough to batch, small enough to stream.
TARGETS_BATCH_LINES = 512
# A one-file report of more articles than this takes seconds to open (benchmarks/report_size.py:
# 2,000 generated articles, 62 MB, 3.1 s to load in Chromium): the user is told of --out DIR/.
ONE_FILE_ARTICLES = 500
# The charts of `countrytone plot --kind`; the first two draw one article.
PLOT_KINDS = ("paragraphs", "arc", "speakers", "dyads", "over-time", "sources")
ONE_ARTICLE_KINDS = frozenset({"paragraphs", "arc"})
# Warnings that a corpus can raise for each of its articles: one line each for a whole run.
PER_ARTICLE_WARNINGS: tuple[type[Warning], ...] = (LanguageWarning, DateWarning)


class _HelpFormatter(argparse.HelpFormatter):
    """Shows every option's default in ``--help``, where it has one."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        help_text = action.help or ""
        if (
            not action.option_strings
            or "%(default)" in help_text
            or action.default in (None, False, [], argparse.SUPPRESS)
        ):
            return help_text
        return f"{help_text} (default: %(default)s)".lstrip()


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors; the contract says 1, in one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        print(f"{PROGRAM}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_FATAL)


class _SkipReporter:
    """Reports each skipped input on stderr in one line and counts them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        tqdm.write(f"{PROGRAM}: skipped {error}", file=sys.stderr)


def _stop(signal_number: int, frame: FrameType | None) -> NoReturn:
    """Ctrl-C or SIGTERM: remove the partial output files, say so in one line, exit at once.

    Exiting from the handler, rather than unwinding an exception through spaCy's and the
    model's native code, leaves nothing half-done behind and no crash on the way out.
    """
    discard_partial_files()
    interrupted = signal_number == signal.SIGINT
    stopped = "interrupted" if interrupted else "terminated"
    os.write(2, f"{PROGRAM}: {stopped}\n".encode())  # stderr, whatever sys.stderr is now
    os._exit(EXIT_INTERRUPTED if interrupted else EXIT_TERMINATED)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.command
    # A signal the shell set to be ignored (SIGINT in a background job) stays ignored.
    previous = {
        number: signal.signal(number, _stop)
        for number in (signal.SIGINT, signal.SIGTERM)
        if signal.getsignal(number) is not signal.SIG_IGN
    }
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            warnings.simplefilter("always", InputWarning)
            return command(args)
    except CountrytoneError as error:
        print(f"{PROGRAM}: error: {error}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        print(f"{PROGRAM}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROGRAM, description="Tone of news text toward each country.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=_Parser)

    analyze = commands.add_parser("analyze", help="one row per country mention, with its tone")
    _add_input_options(analyze)
    _add_output_options(analyze, formats=True)
    _add_model_option(analyze)
    _add_countries_option(analyze)
    analyze.add_argument(
        "--batch-size",
        type=_positive,
        default=DEFAULT_BATCH_ARTICLES,
        help="articles whose mentions are scored together",
    )
    analyze.add_argument("--processes", type=_positive, default=1, help="spaCy processes")
    analyze.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="where batches run"
    )
    analyze.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786"
    )
    analyze.add_argument(
        "--cache", metavar="DIR", help="keep each article's rows here; a re-run reads them back"
    )
    analyze.add_argument(
        "--with-text",
        action="store_true",
        help="add the article's text (what start and end index) as a last column, 'text'",
    )
    analyze.set_defaults(command=_run_analyze)

    quotes = commands.add_parser("quotes", help="one row per attribution: who says what")
    _add_input_options(quotes)
    _add_output_options(quotes, formats=True)
    quotes.set_defaults(command=_run_quotes)

    plot = commands.add_parser("plot", help="draw a chart of the tone toward each country")
    _add_input_options(plot)
    plot.add_argument("--out", metavar="FILE.png", required=True, help="the image to write")
    plot.add_argument(
        "--kind",
        choices=PLOT_KINDS,
        default="paragraphs",
        help="the chart: paragraphs and arc draw one article",
    )
    plot.add_argument("--article", metavar="ID", help="draw this article of the inputs (its id)")
    _add_countries_option(plot)
    _add_model_option(plot)
    plot.set_defaults(command=_run_plot)

    report = commands.add_parser(
        "report", help="a self-contained HTML report: each article's text coloured by tone"
    )
    _add_input_options(report)
    report.add_argument(
        "--out",
        metavar="FILE.html|DIR/",
        required=True,
        help="one HTML file, or a folder (ending in /) of an overview and a page per article",
    )
    _add_model_option(report)
    report.set_defaults(command=_run_report)

    evaluate = commands.add_parser(
        "evaluate",
        help="macro-F1, per-label precision and recall of a tone model on labelled data",
    )
    evaluate.add_argument(
        "paths",
        nargs="+",
        metavar="FILE.jsonl",
        help='NewsMTSC-format files, or lines of {"text", "start", "end", "label"}',
    )
    _add_output_options(evaluate, formats=False)
    _add_model_option(evaluate)
    evaluate.set_defaults(command=_run_evaluate)

    train = commands.add_parser("train", help="fine-tune a transformer tone model")
    train.add_argument(
        "paths",
        nargs="+",
        metavar="TRAIN.jsonl",
        type=Path,
        help='NewsMTSC-format files, or lines of {"text", "start", "end", "label"}; a '
        "validation slice is held out of each",
    )
    train.add_argument("--out", type=Path, required=True, help="model directory to write")
    train.add_argument(
        "--base",
        default=MINILM,
        help=f"encoder to fine-tune: {' or '.join(BASE_ENCODERS)}, or a local encoder directory",
    )
    train.add_argument("--lora-rank", type=int, help="train LoRA adapters of this rank only")
    train.add_argument("--teacher", help="tone model to distil into the one trained")
    train.add_argument(
        "--unlabelled",
        nargs="+",
        metavar="PATH",
        default=[],
        help="articles whose country mentions the teacher scores for the student to learn",
    )
    train.add_argument(
        "--max-unlabelled", type=_positive, help="use a seeded sample of this many of those"
    )
    train.add_argument(
        "--epochs", type=int, default=training.DEFAULT_EPOCHS, help="passes over the data"
    )
    train.add_argument(
        "--lr", type=float, default=training.DEFAULT_LEARNING_RATE, help="learning rate"
    )
    train.add_argument(
        "--batch-size",
        type=int,
        default=training.DEFAULT_BATCH_SIZE,
        help="targets per training step",
    )
    train.add_argument(
        "--max-length", type=int, default=DEFAULT_MAX_LENGTH, help="longest input, in tokens"
    )
    train.add_argument("--seed", type=int, default=training.DEFAULT_SEED, help="random seed")
    train.add_argument(
        "--validation-fraction",
        type=float,
        default=training.DEFAULT_VALIDATION_FRACTION,
        help="share of the sentences held out to choose the epoch",
    )
    train.add_argument("--max-examples", type=int, help="use only the first N targets")
    train.add_argument("--full-model", action="store_true", help="save fp32 with embeddings")
    train.set_defaults(command=_run_train)

    targets = commands.add_parser("targets", help="tone toward marked spans of JSONL lines")
    targets.add_argument("path", metavar="FILE.jsonl|-", help='lines of {"text", "start", "end"}')
    _add_output_options(targets, formats=False)
    _add_model_option(targets)
    targets.set_defaults(command=_run_targets)
    return parser


def _add_output_options(parser: argparse.ArgumentParser, *, formats: bool) -> None:
    parser.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    if formats:
        parser.add_argument(
            "--format", choices=list(Format), help="default: --out's extension, else jsonl"
        )


def _add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        default="default",
        help=f"tone model: {', '.join(MODEL_NAMES)} or a model directory (default: %(default)s)",
    )
    parser.add_argument(
        "--device",
        choices=DEVICES,
        help="where a transformer model runs (default: a GPU when there is one, else the CPU)",
    )


def _add_countries_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--countries",
        type=_country_list,
        metavar="ISO3,...",
        help="keep only these countries, e.g. CHN,USA (default: all)",
    )


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, corpus or -")
    parser.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        help="read files and - as this (default: text for -, a file's extension for files)",
    )
    parser.add_argument(
        "--html",
        action="store_true",
        help="the text column of JSONL/CSV corpora holds web pages (their main text is read)",
    )
    parser.add_argument(
        "--pipeline", default=DEFAULT_PIPELINE, help="installed spaCy pipeline (name or path)"
    )


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def _country_list(value: str) -> frozenset[str]:
    try:
        return parse_country_codes(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _run_analyze(args: argparse.Namespace) -> int:
    if (args.engine == "dask") != (args.scheduler is not None):
        raise CountrytoneError("--engine dask and --scheduler ADDRESS go together")
    if args.engine == "dask" and args.cache is not None:
        raise CountrytoneError("--cache works with the local engine only")
    if args.engine == "dask" and args.device is not None:
        raise CountrytoneError(
            "--device works with the local engine only (workers choose their own)"
        )
    # Loaded here with either engine: a bad name fails at once, in one line, and the model's id
    # goes into the Parquet metadata (Dask workers load their own copy by name).
    model = load_tone_model(args.model, device=args.device)
    nlp = load_nlp(args.pipeline)
    output = output_format(args.out, args.format)
    on_skip = _SkipReporter()
    metadata = {"countrytone_version": __version__, "model": model.name}
    template = mentions_frame([])
    texts = _ArticleTexts()
    if args.with_text:
        template = texts.add_to(template)
    with (
        ExitStack() as resources,
        TableWriter(args.out, output=output, template=template, metadata=metadata) as writer,
        tqdm(
            texts.remember(
                read_articles(
                    args.paths, on_skip=on_skip, input_format=args.input_format, html_rows=args.html
                ),
                keep=args.with_text,
            ),
            unit=" articles",
            disable=None,
        ) as bar,
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always", LanguageWarning)
        warnings.simplefilter("always", CacheWarning)
        options = {"countries": args.countries, "batch_size": args.batch_size}
        if args.engine == "dask":
            from countrytone.distributed import analyze_distributed, connect

            client = resources.enter_context(connect(args.scheduler))
            # Workers load the models by name, once each: loaded objects never travel.
            tables = analyze_distributed(
                bar, client=client, model=args.model, nlp=args.pipeline, **options
            )
        else:
            tables = analyze_batches(
                bar, model=model, nlp=nlp, n_process=args.processes, cache=args.cache, **options
            )
        mentions = 0
        for table in tables:
            writer.write(texts.add_to(table) if args.with_text else table)
            mentions += len(table)
            bar.set_postfix_str(
                f"{mentions / max(bar.format_dict['elapsed'], 1e-9):.0f} mentions/s"
            )
    _show_caught(caught)
    return EXIT_SKIPPED if on_skip.count else EXIT_OK


class _ArticleTexts:
    """The texts of the articles read, until the rows that need them are written.

    Rows come out in the order articles are read, so once a table ends with an article's rows,
    that article and every one read before it are done, and their texts are let go.
    """

    def __init__(self) -> None:
        self._pending: deque[tuple[str, str]] = deque()

    def remember(self, articles: Iterable[Article], *, keep: bool) -> Iterator[Article]:
        for article in articles:
            if keep:
                self._pending.append((article.id, article.text))
            yield article

    def add_to(self, table: pd.DataFrame) -> pd.DataFrame:
        texts: dict[str, str] = {}
        last = table["article_id"].iloc[-1] if len(table) else None
        while last is not None and self._pending:
            article_id, text = self._pending.popleft()
            texts[article_id] = text
            if article_id == last:
                break
        return table.assign(text=table["article_id"].map(texts).astype("str"))


def _run_quotes(args: argparse.Namespace) -> int:
    nlp = load_nlp(args.pipeline)
    output = output_format(args.out, args.format)
    on_skip = _SkipReporter()
    articles = read_articles(
        args.paths, on_skip=on_skip, input_format=args.input_format, html_rows=args.html
    )
    with TableWriter(args.out, output=output, template=quotes_frame([])) as writer:
        for article in tqdm(articles, unit=" articles", disable=None):
            writer.write(quotes_table([article], nlp=nlp))
    return EXIT_SKIPPED if on_skip.count else EXIT_OK


def _run_evaluate(args: argparse.Namespace) -> int:
    model = load_tone_model(args.model, device=args.device)
    on_skip = _SkipReporter()
    with open_text_output(args.out) as out:
        for path in args.paths:
            try:
                examples = read_labelled(Path(path))
                if not examples:
                    raise InputError(path, "no labelled targets")
            except InputError as error:
                on_skip(error)
                continue
            result = evaluate(model, examples)
            out.write(
                f"{path}: model {model.name}, {result.n} targets, "
                f"macro-F1 {result.macro_f1:.3f}, accuracy {result.accuracy:.3f}\n"
                f"{result.per_label.to_string(float_format='{:.3f}'.format)}\n"
                f"{result.confusion.to_string()}\n\n"
            )
    return EXIT_SKIPPED if on_skip.count else EXIT_OK


def _run_train(args: argparse.Namespace) -> int:
    on_skip = _SkipReporter()
    unlabelled = training.sample_mention_targets(
        args.unlabelled, limit=args.max_unlabelled, seed=args.seed, on_skip=on_skip
    )
    result = training.train(
        args.paths,
        output_dir=args.out,
        base=args.base,
        lora_rank=args.lora_rank,
        teacher=args.teacher,
        unlabelled=unlabelled,
        epochs=args.epochs,
        learning_rate=args.lr,
        batch_size=args.batch_size,
        max_length=args.max_length,
        seed=args.seed,
        validation_fraction=args.validation_fraction,
        max_examples=args.max_examples,
        full_model=args.full_model,
        progress=lambda line: print(line, file=sys.stderr, flush=True),
    )
    print(
        f"best epoch {result.best_epoch}: validation macro-F1 {result.validation_macro_f1:.4f}, "
        f"temperature {result.temperature:.3f}, saved to {result.output_dir}"
    )
    return EXIT_SKIPPED if on_skip.count else EXIT_OK


def _run_plot(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from countrytone import plots

    model = load_tone_model(args.model, device=args.device)
    nlp = load_nlp(args.pipeline)
    on_skip = _SkipReporter()
    articles = list(
        read_articles(
            args.paths, on_skip=on_skip, input_format=args.input_format, html_rows=args.html
        )
    )
    if args.article is not None:
        articles = [article for article in articles if article.id == args.article]
        if not articles:
            raise CountrytoneError(
                f"--article {args.article}: no article of the inputs has this id"
            )
    if args.kind in ONE_ARTICLE_KINDS and len(articles) > 1:
        count = len(articles)
        raise CountrytoneError(
            f"--kind {args.kind} draws one article, the inputs hold {count}: "
            "choose one with --article ID"
        )
    mentions = analyze_articles(articles, model=model, nlp=nlp, countries=args.countries)
    article = articles[0] if len(articles) == 1 else None
    countries = sorted(args.countries) if args.countries else None
    if args.kind == "paragraphs":
        ax = plots.paragraph_heatmap(mentions, article=article)
    elif args.kind == "arc":
        ax = plots.tone_arc(mentions, article=article, countries=countries)
    elif args.kind == "speakers":
        ax = plots.speaker_heatmap(mentions)
    elif args.kind == "dyads":
        ax = plots.dyad_heatmap(mentions)
    elif args.kind == "over-time":
        ax = plots.tone_over_time(mentions, countries=countries)
    else:
        ax = plots.source_heatmap(mentions)
    figure = ax.get_figure(root=True)
    assert figure is not None  # every chart of countrytone.plots is drawn on a figure
    # Written under a temporary name: the format comes from the name asked for.
    image_format = (
        Path(args.out).suffix.lstrip(".").lower() or matplotlib.rcParams["savefig.format"]
    )
    try:
        with written_whole(args.out) as partial:
            figure.savefig(partial, format=image_format, bbox_inches="tight")
    except (OSError, ValueError) as error:
        raise CountrytoneError(f"{args.out}: cannot write the chart ({error})") from None
    return EXIT_SKIPPED if on_skip.count else EXIT_OK


def _run_report(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from countrytone.report import write_report

    model = load_tone_model(args.model, device=args.device)
    nlp = load_nlp(args.pipeline)
    on_skip = _SkipReporter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LanguageWarning)
        articles = list(
            read_articles(
                args.paths, on_skip=on_skip, input_format=args.input_format, html_rows=args.html
            )
        )
        mentions, quotes = analyze_with_quotes(
            tqdm(articles, unit=" articles", disable=None), model=model, nlp=nlp
        )
    _show_caught(caught)
    if not articles:
        raise CountrytoneError("no article to report on")
    written = write_report(articles, mentions, quotes, out=args.out)
    if len(written) == 1 and len(articles) > ONE_FILE_ARTICLES:
        megabytes = written[0].stat().st_size / 1e6
        tqdm.write(
            f"{PROGRAM}: warning: {args.out}: {len(articles)} articles in one file "
            f"({megabytes:.0f} MB) take seconds to open; --out DIR/ writes an overview and "
            "one page per article",
            file=sys.stderr,
        )
    return EXIT_SKIPPED if on_skip.count else EXIT_OK


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """Show a warning as one line of stderr, not Python's two lines with a source line."""
    tqdm.write(f"{PROGRAM}: warning: {one_line(str(message))}", file=sys.stderr)


def _show_caught(caught: list[warnings.WarningMessage]) -> None:
    """Show the warnings of a run, one line each, but a kind that a corpus can raise for every
    article (``PER_ARTICLE_WARNINGS``) in one line: its first, and how many more."""
    for kind in PER_ARTICLE_WARNINGS:
        same = [warning for warning in caught if issubclass(warning.category, kind)]
        if same:
            more = f" (and {len(same) - 1} more inputs)" if len(same) > 1 else ""
            _show_warning(f"{same[0].message}{more}", kind, same[0].filename, same[0].lineno)
    for warning in caught:
        if not issubclass(warning.category, PER_ARTICLE_WARNINGS):
            _show_warning(warning.message, warning.category, warning.filename, warning.lineno)


def _run_targets(args: argparse.Namespace) -> int:
    model = load_tone_model(args.model, device=args.device)
    on_skip = _SkipReporter()
    with open_text_output(args.out) as out:
        try:
            lines = _numbered_lines(args.path)
            while batch := list(islice(lines, TARGETS_BATCH_LINES)):
                for row in _score_lines(batch, model, source=args.path, on_skip=on_skip):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        except InputError as error:
            on_skip(error)
    return EXIT_SKIPPED if on_skip.count else EXIT_OK


def _numbered_lines(path: str) -> Iterator[tuple[int, bytes]]:
    if path == STDIN:
        yield from enumerate(sys.stdin.buffer, start=1)
        return
    try:
        file = open(path, "rb")  # noqa: SIM115 (closed by the with below)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror})") from None
    with file:
        yield from enumerate(file, start=1)


def _score_lines(
    batch: list[tuple[int, bytes]], model: ToneModel, *, source: str, on_skip: _SkipReporter
) -> list[dict[str, Any]]:
    """One output row per input line: the line's keys with the tone of its target added."""
    rows: list[dict[str, Any]] = []
    targets: dict[int, Target] = {}
    for line_number, line in batch:
        row, target = _read_target_line(line, location=f"{source}:{line_number}")
        if isinstance(target, InputError):
            on_skip(target)
            rows.append(row | dict.fromkeys(TONE_COLUMNS) | {"error": target.problem})
        else:
            targets[len(rows)] = target
            rows.append(row)
    for index, tone in zip(targets, score_targets(model, list(targets.values())), strict=True):
        rows[index] |= tone_values(tone)
    return rows


def _read_target_line(line: bytes, *, location: str) -> tuple[dict[str, Any], Target | InputError]:
    try:
        row = json.loads(decode(line, source=location))
    except json.JSONDecodeError as error:
        return {}, InputError(location, f"invalid JSON ({error.msg})")
    except InputError as error:
        return {}, error
    if not isinstance(row, dict):
        return {}, InputError(location, "not a JSON object")
    text, start, end = row.get("text"), row.get("start"), row.get("end")
    if not isinstance(text, str):
        return row, InputError(location, "no 'text' string")
    if not (_is_integer(start) and _is_integer(end)):
        return row, InputError(location, "'start' and 'end' must be integers")
    try:
        return row, Target(text, start, end)
    except ValueError as error:
        return row, InputError(location, str(error))


def _is_integer(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
