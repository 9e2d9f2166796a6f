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
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from itertools import islice
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeGuard

from tqdm import tqdm

from countrytone import __version__
from countrytone.articles import (
    INPUT_FORMATS,
    STDIN,
    Article,
    CorpusFields,
    decode,
    read_articles,
)
from countrytone.devices import DEVICES
from countrytone.errors import (
    AmbiguousDateWarning,
    CountrytoneError,
    DateWarning,
    InputError,
    InputWarning,
    one_line,
)
from countrytone.nlp import DEFAULT_PIPELINE
from countrytone.tone import DEFAULT_BATCH_ARTICLES
from countrytone.writers import (
    Format,
    TableWriter,
    discard_partial_files,
    is_folder,
    numbered_names,
    open_text_output,
    output_format,
    written_whole,
)

# The modules that load spaCy, torch, pandas or matplotlib are imported where a command runs:
# `--version` and `--help` answer in a tenth of a second, not two.
if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from countrytone.gazetteer import TargetEntry
    from countrytone.targets import Targets
    from countrytone.tone import Target, ToneModel

PROGRAM = "countrytone"
EXIT_OK, EXIT_FATAL, EXIT_SKIPPED = 0, 1, 2
# The shell's convention for a run ended by a signal: 128 + its number (SIGINT 2, SIGTERM 15).
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM

# Lines of `targets` input scored per model call: large enough to batch, small enough to stream.
TARGETS_BATCH_LINES = 512
# A one-file report of more articles than this takes seconds to open (benchmarks/report_size.py:
# 2,000 generated articles, 62 MB, 3.1 s to load in Chromium): the user is told of --out DIR/.
ONE_FILE_ARTICLES = 500
# The charts of `countrytone plot --kind`; the first two draw one article, "all" every chart.
ONE_ARTICLE_KINDS = ("paragraphs", "arc")
CORPUS_KINDS = ("speakers", "dyads", "over-time", "sources")
PLOT_KINDS = (*ONE_ARTICLE_KINDS, *CORPUS_KINDS, "all")
# Warnings that a corpus can raise for each of its articles: one line each for a whole run
# (and pipeline.LanguageWarning: ``_show_caught``).
PER_ARTICLE_WARNINGS: tuple[type[Warning], ...] = (DateWarning, AmbiguousDateWarning)


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
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = _parser(named=arguments).parse_args(arguments)
    if getattr(args, "targets", None) is not None:
        args.targets = _targets(args.targets)
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


def _parser(named: Container[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command, with the options of those ``named`` (the words
    of the command line; every command's when None). Options are added only to a command that
    runs: naming their defaults imports what holds them (``train``'s, the training module)."""
    parser = _Parser(prog=PROGRAM, description="Tone of news text toward each country.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=_Parser)
    options: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
        "analyze": ("one row per country mention, with its tone", _add_analyze_options),
        "quotes": ("one row per attribution: who says what", _add_quotes_options),
        "plot": (
            "draw a chart of the tone toward each country (of articles or of a saved table)",
            _add_plot_options,
        ),
        "report": (
            "a self-contained HTML report: each article's text coloured by tone",
            _add_report_options,
        ),
        "evaluate": (
            "macro-F1, per-label precision and recall of a tone model on labelled data",
            _add_evaluate_options,
        ),
        "train": ("fine-tune a transformer tone model", _add_train_options),
        "interpolate": (
            "keep the best model between a continued model and the one it went on from",
            _add_interpolate_options,
        ),
        "targets": ("tone toward marked spans of JSONL lines", _add_targets_options),
    }
    for name, (help_text, add_options) in options.items():
        subparser = commands.add_parser(name, help=help_text)
        if named is None or name in named:
            add_options(subparser)
    return parser


def _add_analyze_options(analyze: argparse.ArgumentParser) -> None:
    _add_input_options(analyze)
    _add_output_options(analyze, formats=True)
    _add_model_option(analyze)
    _add_countries_option(analyze)
    _add_targets_option(analyze)
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


def _add_quotes_options(quotes: argparse.ArgumentParser) -> None:
    _add_input_options(quotes)
    _add_output_options(quotes, formats=True)
    quotes.set_defaults(command=_run_quotes)


def _add_plot_options(plot: argparse.ArgumentParser) -> None:
    _add_input_options(plot, tables=True)
    plot.add_argument(
        "--out",
        metavar="FILE.png|DIR/",
        required=True,
        help="the image to write; for --kind all, the folder to write every chart into",
    )
    plot.add_argument(
        "--kind",
        choices=PLOT_KINDS,
        default="paragraphs",
        help="the chart: paragraphs and arc draw one article, all draws every chart",
    )
    plot.add_argument("--article", metavar="ID", help="draw this article of the inputs (its id)")
    _add_countries_option(plot)
    _add_targets_option(plot)
    _add_model_option(plot)
    plot.set_defaults(command=_run_plot)


def _add_report_options(report: argparse.ArgumentParser) -> None:
    _add_input_options(report, tables=True)
    report.add_argument(
        "--out",
        metavar="FILE.html|DIR/",
        required=True,
        help="one HTML file, or a folder (ending in /) of an overview and a page per article",
    )
    _add_targets_option(report)
    _add_model_option(report)
    report.set_defaults(command=_run_report)


def _add_evaluate_options(evaluate: argparse.ArgumentParser) -> None:
    evaluate.add_argument(
        "paths",
        nargs="+",
        metavar="FILE.jsonl",
        help='NewsMTSC-format files, or lines of {"text", "start", "end", "label"}',
    )
    _add_output_options(evaluate, formats=False)
    _add_model_option(evaluate)
    evaluate.set_defaults(command=_run_evaluate)


def _add_train_options(train: argparse.ArgumentParser) -> None:
    from countrytone import training
    from countrytone.encoders import BASE_ENCODERS, MINILM
    from countrytone.manifest import DEFAULT_MAX_LENGTH

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
    train.add_argument(
        "--init",
        type=Path,
        metavar="MODEL_DIR",
        help="go on training the LoRA adapters of this model (saved by train, over --base)",
    )
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


def _add_interpolate_options(interpolate: argparse.ArgumentParser) -> None:
    from countrytone import training

    interpolate.add_argument(
        "paths",
        nargs="+",
        metavar="TRAIN.jsonl",
        type=Path,
        help="the files --trained was trained on, in that order (their validation slices judge)",
    )
    interpolate.add_argument(
        "--init",
        type=Path,
        required=True,
        metavar="MODEL_DIR",
        help="the model --trained went on from (train --init)",
    )
    interpolate.add_argument(
        "--trained",
        type=Path,
        required=True,
        metavar="MODEL_DIR",
        help="the model train --init saved",
    )
    interpolate.add_argument("--out", type=Path, required=True, help="model directory to write")
    interpolate.add_argument(
        "--steps",
        type=_positive,
        default=training.DEFAULT_INTERPOLATION_STEPS,
        help="score the line between the two at this many equal steps",
    )
    interpolate.add_argument(
        "--batch-size",
        type=_positive,
        default=training.DEFAULT_BATCH_SIZE,
        help="targets per forward pass",
    )
    interpolate.set_defaults(command=_run_interpolate)


def _add_targets_options(targets: argparse.ArgumentParser) -> None:
    targets.add_argument("path", metavar="FILE.jsonl|-", help='lines of {"text", "start", "end"}')
    _add_output_options(targets, formats=False)
    _add_model_option(targets)
    targets.set_defaults(command=_run_targets)


def _add_output_options(parser: argparse.ArgumentParser, *, formats: bool) -> None:
    parser.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    if formats:
        parser.add_argument(
            "--format", choices=list(Format), help="default: --out's extension, else jsonl"
        )


def _add_model_option(parser: argparse.ArgumentParser) -> None:
    from countrytone.registry import MODEL_NAMES

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
        metavar="COUNTRY,...",
        help="keep only these countries: ISO-3 codes or names, any case, e.g. CHN,usa,Iran; "
        "blocs and one's own targets too, e.g. EU,NATO (default: all)",
    )


def _add_targets_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--targets",
        metavar="SET,...|FILE",
        default="countries",
        help="what to find mentions of: countries, blocs (blocs and international "
        "organisations: EU, NATO, UN, ...), a .toml or .csv file of one's own targets, or "
        "several, e.g. countries,blocs,people.toml",
    )


# What each field of a corpus row holds, for the help of its --NAME-column option.
_FIELD_HELP = {
    "text": "each article's text",
    "id": "each article's id (a row without one is FILE:LINE)",
    "date": "each article's date",
    "title": "each article's title",
    "source": "each article's source (its outlet)",
}


def _add_input_options(parser: argparse.ArgumentParser, *, tables: bool = False) -> None:
    what = "file, folder, corpus or -"
    if tables:
        what += ", or a table written by analyze (.parquet, .csv, .jsonl): drawn, not analysed"
    parser.add_argument("paths", nargs="+", metavar="PATH", help=what)
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
    order = parser.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst",
        dest="dayfirst",
        action="store_const",
        const=True,
        help="read numeric dates day first: 03/04/2024 is 3 April (default: read only dates "
        "whose order is clear, 13/04/2024, and leave 03/04/2024 empty with a warning)",
    )
    order.add_argument(
        "--monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help="read numeric dates month first: 03/04/2024 is 4 March",
    )
    for field in dataclass_fields(CorpusFields):
        parser.add_argument(
            f"--{field.name}-column",
            metavar="NAME",
            default=field.default,
            help=f"the field of a JSONL/CSV corpus row that holds {_FIELD_HELP[field.name]}",
        )
    parser.add_argument(
        "--analyze-titles",
        action="store_true",
        help="analyse a corpus row's title as the article's title (rows with part=title); "
        "offsets then index the title, a line break and the text",
    )


def _read(
    args: argparse.Namespace, paths: Iterable[str], *, on_skip: Callable[[InputError], None]
) -> Iterator[Article]:
    """The articles of ``paths``, read as the input options say."""
    fields = CorpusFields(
        **{
            field.name: getattr(args, f"{field.name}_column")
            for field in dataclass_fields(CorpusFields)
        }
    )
    return read_articles(
        paths,
        on_skip=on_skip,
        input_format=args.input_format,
        html_rows=args.html,
        fields=fields,
        dayfirst=args.dayfirst,
        analyze_titles=args.analyze_titles,
    )


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def _targets(value: str) -> Targets:
    """The targets that ``--targets`` names; a bad file is one line per bad target, exit 1."""
    from countrytone.targets import TargetsError, parse_targets

    try:
        return parse_targets(value)
    except TargetsError as error:
        _usage_error(*(f"argument --targets: {problem}" for problem in error.problems))


def _country_codes(
    value: str | None, targets: Targets | None, *, own: Iterable[TargetEntry] = ()
) -> tuple[str, ...] | None:
    """The codes that ``--countries`` names: among the targets to analyse, or (``targets``
    None) among those of saved tables, whose own targets are ``own``. An unknown one is a usage
    error."""
    if value is None:
        return None
    from countrytone.gazetteer import parse_country_codes

    try:
        if targets is None:
            return parse_country_codes(value, own=own)
        return targets.codes_of(value)
    except ValueError as error:
        _usage_error(f"argument --countries: {error}")


def _usage_error(*lines: str) -> NoReturn:
    """A usage error found once the command line is read: one line each, exit 1."""
    for line in lines:
        print(f"{PROGRAM}: error: {line}", file=sys.stderr)
    raise SystemExit(EXIT_FATAL)


def _run_analyze(args: argparse.Namespace) -> int:
    if (args.engine == "dask") != (args.scheduler is not None):
        raise CountrytoneError("--engine dask and --scheduler ADDRESS go together")
    if args.engine == "dask" and args.cache is not None:
        raise CountrytoneError("--cache works with the local engine only")
    if args.engine == "dask" and args.device is not None:
        raise CountrytoneError(
            "--device works with the local engine only (workers choose their own)"
        )
    countries = _country_codes(args.countries, args.targets)
    from countrytone.cache import CacheWarning
    from countrytone.nlp import load_nlp
    from countrytone.pipeline import LanguageWarning, analyze_batches
    from countrytone.registry import load_tone_model
    from countrytone.tables import CONTRACT_MENTION_COLUMNS, mentions_frame
    from countrytone.targets import COUNTRIES

    # Loaded here with either engine: a bad name fails at once, in one line, and the model's id
    # goes into the Parquet metadata (Dask workers load their own copy by name).
    model = load_tone_model(args.model, device=args.device)
    nlp = load_nlp(args.pipeline)
    output = output_format(args.out, args.format)
    on_skip = _SkipReporter()
    metadata = {"countrytone_version": __version__, "model": model.name}
    template = mentions_frame([])
    if args.targets == COUNTRIES:
        template = template[list(CONTRACT_MENTION_COLUMNS)]
    texts = _ArticleTexts()
    if args.with_text:
        template = texts.add_to(template)
    with (
        ExitStack() as resources,
        TableWriter(args.out, output=output, template=template, metadata=metadata) as writer,
        tqdm(
            texts.remember(_read(args, args.paths, on_skip=on_skip), keep=args.with_text),
            unit=" articles",
            disable=None,
        ) as bar,
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always", LanguageWarning)
        warnings.simplefilter("always", CacheWarning)
        options = {"countries": countries, "targets": args.targets, "batch_size": args.batch_size}
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
    from countrytone.nlp import load_nlp
    from countrytone.pipeline import quotes_table
    from countrytone.tables import quotes_frame

    nlp = load_nlp(args.pipeline)
    output = output_format(args.out, args.format)
    on_skip = _SkipReporter()
    articles = _read(args, args.paths, on_skip=on_skip)
    with TableWriter(args.out, output=output, template=quotes_frame([])) as writer:
        for article in tqdm(articles, unit=" articles", disable=None):
            writer.write(quotes_table([article], nlp=nlp))
    return EXIT_SKIPPED if on_skip.count else EXIT_OK


def _run_evaluate(args: argparse.Namespace) -> int:
    from countrytone.evaluation import evaluate, read_labelled
    from countrytone.registry import load_tone_model

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
    from countrytone import training

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
        init=args.init,
        epochs=args.epochs,
        learning_rate=args.lr,
        batch_size=args.batch_size,
        max_length=args.max_length,
        seed=args.seed,
        validation_fraction=args.validation_fraction,
        max_examples=args.max_examples,
        full_model=args.full_model,
        progress=_progress_line,
    )
    print(
        f"best epoch {result.best_epoch}: validation macro-F1 {result.validation_macro_f1:.4f}, "
        f"temperature {result.temperature:.3f}, saved to {result.output_dir}"
    )
    return EXIT_SKIPPED if on_skip.count else EXIT_OK


def _progress_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _run_interpolate(args: argparse.Namespace) -> int:
    from countrytone import training

    result = training.interpolate(
        args.paths,
        init=args.init,
        trained=args.trained,
        output_dir=args.out,
        steps=args.steps,
        batch_size=args.batch_size,
        progress=_progress_line,
    )
    print(
        f"kept {result.trained_weight:.2f} of the way to {args.trained}: validation macro-F1 "
        f"{result.validation_macro_f1:.4f}, temperature {result.temperature:.3f}, "
        f"saved to {result.output_dir}"
    )
    return EXIT_OK


def _run_plot(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    on_skip = _SkipReporter()
    if (args.kind == "all") != is_folder(args.out):
        raise CountrytoneError(
            f"--out {args.out}: --kind all writes every chart into a folder (--out DIR/), "
            "any other kind one image (--out FILE.png)"
        )
    inputs = _read_inputs(
        args, on_skip=on_skip, report=False, article=args.article, countries=args.countries
    )
    countries = list(inputs.countries) if inputs.countries else None
    if args.kind == "all":
        _plot_all(inputs, out=Path(args.out), countries=countries)
    else:
        article = _one_article(inputs, args.kind) if args.kind in ONE_ARTICLE_KINDS else None
        _save_chart(_chart(args.kind, inputs.mentions, article, countries=countries), args.out)
    return EXIT_SKIPPED if on_skip.count else EXIT_OK


@dataclass(frozen=True)
class _Inputs:
    """The articles of a run (by id) and their mentions table, for a report their quotes table
    when a saved one is given, and the codes of the countries kept (None: all)."""

    articles: dict[str, Article]
    mentions: pd.DataFrame
    quotes: pd.DataFrame | None = None
    countries: tuple[str, ...] | None = None


def _read_inputs(
    args: argparse.Namespace,
    *,
    on_skip: _SkipReporter,
    report: bool,
    article: str | None = None,
    countries: str | None = None,
) -> _Inputs:
    """The inputs of ``plot`` or of a report: articles, analysed; or saved tables
    (``countrytone.saved_tables``), taken as they are, with the articles given beside them or
    carried in their ``text`` column. ``article`` and ``countries`` (as ``--countries`` names
    them) keep only those rows.

    Raises:
        CountrytoneError: nothing was read, a table is not of the kind needed, ``article`` is
            not among the inputs, or a report lacks its articles' text.
    """
    from countrytone.saved_tables import read_table, table_kind

    saved = [path for path in args.paths if table_kind(path) is not None]
    others = [path for path in args.paths if path not in saved]
    if not saved:
        return _analysed(
            args, others, on_skip=on_skip, report=report, article=article, countries=countries
        )
    tables: dict[str, list[pd.DataFrame]] = {"mentions": [], "quotes": []}
    for path in saved:
        try:
            kind, table = read_table(path)
        except InputError as error:
            on_skip(error)
            continue
        if kind == "quotes" and not report:
            raise CountrytoneError(f"{path}: a quotes table; plot draws the table of analyze")
        tables[kind].append(table)
    if not tables["mentions"]:
        raise CountrytoneError("no mentions table among the inputs (analyze writes one)")
    mentions = _concat(tables["mentions"])
    if article is not None:
        mentions = mentions[mentions["article_id"] == article]
        if mentions.empty:
            raise _no_such_article(article)
    from countrytone.tables import own_targets

    # The table's own targets by code and name, and by their aliases where --targets gives
    # their file.
    given = {entry.code: entry for entry in args.targets.own}
    own = [given.get(entry.code, entry) for entry in own_targets(mentions)]
    codes = _country_codes(countries, None, own=own)
    if codes is not None:
        mentions = mentions[mentions["country"].isin(codes)]
    articles = _articles_of_tables(args, others, mentions, on_skip=on_skip, report=report)
    quotes = _concat(tables["quotes"]) if tables["quotes"] else None
    return _Inputs(articles, mentions, quotes, codes)


def _analysed(
    args: argparse.Namespace,
    paths: list[str],
    *,
    on_skip: _SkipReporter,
    report: bool,
    article: str | None,
    countries: str | None,
) -> _Inputs:
    from countrytone.nlp import load_nlp
    from countrytone.pipeline import LanguageWarning, analyze_articles, analyze_with_quotes
    from countrytone.registry import load_tone_model

    codes = _country_codes(countries, args.targets)
    model = load_tone_model(args.model, device=args.device)
    nlp = load_nlp(args.pipeline)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LanguageWarning)
        articles = list(_read(args, paths, on_skip=on_skip))
        if not articles:
            raise CountrytoneError(f"no article to {'report on' if report else 'draw'}")
        if article is not None:
            articles = [read for read in articles if read.id == article]
            if not articles:
                raise _no_such_article(article)
        progress = tqdm(articles, unit=" articles", disable=None)
        by_id = {read.id: read for read in articles}
        if report:
            tables = analyze_with_quotes(progress, model=model, nlp=nlp, targets=args.targets)
            inputs = _Inputs(by_id, *tables)
        else:
            mentions = analyze_articles(
                progress, model=model, nlp=nlp, countries=codes, targets=args.targets
            )
            inputs = _Inputs(by_id, mentions, countries=codes)
    _show_caught(caught)
    return inputs


def _articles_of_tables(
    args: argparse.Namespace,
    paths: list[str],
    mentions: pd.DataFrame,
    *,
    on_skip: _SkipReporter,
    report: bool,
) -> dict[str, Article]:
    """The articles of the tables' rows: those given beside the tables, else the ones their
    ``text`` column carries; a report needs every article of the rows."""
    from countrytone.saved_tables import articles_from_text

    if paths:
        articles = {article.id: article for article in _read(args, paths, on_skip=on_skip)}
    elif "text" in mentions.columns:
        articles = {article.id: article for article in articles_from_text(mentions)}
    elif report:
        raise CountrytoneError(
            "the report shows the articles' text, which the table lacks: write the table "
            "with analyze --with-text, or pass the articles too (report TABLE ARTICLE...)"
        )
    else:
        return {}
    missing = [name for name in mentions["article_id"].unique() if name not in articles]
    if report and missing:
        raise CountrytoneError(
            f"{len(missing)} articles of the table are not among the inputs, e.g. "
            f"{missing[0]!r}: pass the articles the table was written from"
        )
    return articles


def _no_such_article(article_id: str) -> CountrytoneError:
    return CountrytoneError(f"--article {article_id}: no article of the inputs has this id")


def _concat(tables: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    return pd.concat(tables, ignore_index=True)


def _one_article(inputs: _Inputs, kind: str) -> Article | None:
    """The one article a chart of ``kind`` draws (None when only its rows are at hand).

    Raises:
        CountrytoneError: the inputs hold more than one article.
    """
    ids = list(dict.fromkeys([*inputs.articles, *inputs.mentions["article_id"]]))
    if len(ids) > 1:
        raise CountrytoneError(
            f"--kind {kind} draws one article, the inputs hold {len(ids)}: "
            "choose one with --article ID"
        )
    return inputs.articles.get(ids[0]) if ids else None


def _chart(
    kind: str, mentions: pd.DataFrame, article: Article | None, *, countries: list[str] | None
) -> Axes:
    from countrytone import plots

    if kind == "paragraphs":
        return plots.paragraph_heatmap(mentions, article=article, countries=countries)
    if kind == "arc":
        return plots.tone_arc(mentions, article=article, countries=countries)
    if kind == "speakers":
        return plots.speaker_heatmap(mentions, countries=countries)
    if kind == "dyads":
        return plots.dyad_heatmap(mentions, countries=countries)
    if kind == "over-time":
        return plots.tone_over_time(mentions, countries=countries)
    return plots.source_heatmap(mentions, countries=countries)


def _plot_all(inputs: _Inputs, *, out: Path, countries: list[str] | None) -> None:
    """Every chart of the inputs into ``out``: the corpus's, then each article's two under
    ``articles/`` (``0001-STEM-paragraphs.png``, ``0001-STEM-arc.png``). A chart with nothing
    to draw is not written: a warning says which and why."""
    from countrytone.plots import EmptyChartWarning

    ids = list(dict.fromkeys([*inputs.articles, *inputs.mentions["article_id"]]))
    charts: list[tuple[str, str, Article | None, pd.DataFrame]] = [
        (f"{kind}.png", kind, None, inputs.mentions) for kind in CORPUS_KINDS
    ]
    groups = dict(tuple(inputs.mentions.groupby("article_id", sort=False)))
    empty = inputs.mentions.iloc[0:0]
    for name, article_id in zip(numbered_names(ids, suffix=""), ids, strict=True):
        rows = groups.get(article_id, empty)
        for kind in ONE_ARTICLE_KINDS:
            article = inputs.articles.get(article_id)
            charts.append((f"articles/{name}-{kind}.png", kind, article, rows))
    for name, kind, article, rows in tqdm(charts, unit=" charts", disable=None):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", EmptyChartWarning)
            ax = _chart(kind, rows, article, countries=countries)
        nothing = [w for w in caught if issubclass(w.category, EmptyChartWarning)]
        for warning in caught:
            if warning not in nothing:
                warnings.warn(warning.message, stacklevel=1)
        if nothing:
            _close(ax)
            message = f"{out / name}: not written, {nothing[0].message}"
            warnings.warn(InputWarning(message), stacklevel=1)
            continue
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        _save_chart(ax, out / name)


def _save_chart(ax: Axes, out: str | Path) -> None:
    """Write the chart's figure (in the format its name asks for) and close it.

    Raises:
        CountrytoneError: the file cannot be written.
    """
    import matplotlib

    figure = ax.get_figure(root=True)
    assert figure is not None  # every chart of countrytone.plots is drawn on a figure
    # Written under a temporary name: the format comes from the name asked for.
    image_format = Path(out).suffix.lstrip(".").lower() or matplotlib.rcParams["savefig.format"]
    try:
        with written_whole(out) as partial:
            figure.savefig(partial, format=image_format, bbox_inches="tight")
    except (OSError, ValueError) as error:
        raise CountrytoneError(f"{out}: cannot write the chart ({error})") from None
    finally:
        _close(ax)


def _close(ax: Axes) -> None:
    import matplotlib.pyplot as plt

    plt.close(ax.get_figure(root=True))


def _run_report(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from countrytone.report import write_report

    on_skip = _SkipReporter()
    inputs = _read_inputs(args, on_skip=on_skip, report=True)
    if not inputs.articles:
        raise CountrytoneError("no article to report on")
    articles = list(inputs.articles.values())
    quotes = inputs.quotes
    if quotes is None:
        # A saved table holds no quotations: found by the parser alone, no tone model loaded.
        from countrytone.nlp import load_nlp
        from countrytone.pipeline import quotes_table

        quotes = quotes_table(articles, nlp=load_nlp(args.pipeline))
    written = write_report(articles, inputs.mentions, quotes, out=args.out)
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
    from countrytone.pipeline import LanguageWarning  # loaded by the run that warned

    per_article: tuple[type[Warning], ...] = (LanguageWarning, *PER_ARTICLE_WARNINGS)
    for kind in per_article:
        same = [warning for warning in caught if issubclass(warning.category, kind)]
        if same:
            more = f" (and {len(same) - 1} more inputs)" if len(same) > 1 else ""
            _show_warning(f"{same[0].message}{more}", kind, same[0].filename, same[0].lineno)
    for warning in caught:
        if not issubclass(warning.category, per_article):
            _show_warning(warning.message, warning.category, warning.filename, warning.lineno)


def _run_targets(args: argparse.Namespace) -> int:
    from countrytone.registry import load_tone_model

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
    from countrytone.tables import TONE_COLUMNS, tone_values
    from countrytone.tone import score_targets

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
    from countrytone.tone import Target

    try:
        return row, Target(text, start, end)
    except ValueError as error:
        return row, InputError(location, str(error))


def _is_integer(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
