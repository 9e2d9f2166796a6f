"""The whole flow for one or more articles: parse, find country mentions, score their tone."""

from __future__ import annotations

import warnings
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pandas as pd
from spacy.attrs import IS_ALPHA, IS_STOP
from spacy.language import Language
from spacy.tokens import Doc

from countrytone.articles import (
    DEFAULT_FIELDS,
    Article,
    ArticleSource,
    CorpusFields,
    ReadOptions,
    articles_from,
)
from countrytone.cache import ResultCache
from countrytone.countries import CountryMention, find_mentions, may_name_a_country
from countrytone.gazetteer import BLOC, COUNTRY
from countrytone.nlp import DEFAULT_PIPELINE, load_nlp
from countrytone.quotes import Attribution, find_attributions, quoted_spans
from countrytone.registry import load_tone_model
from countrytone.segment import Chunk, Sentence, parse, parse_stream, sentences
from countrytone.tables import MentionRow, QuoteRow, mentions_frame, quotes_frame
from countrytone.targets import COUNTRIES, Targets, TargetSpec, parse_targets
from countrytone.tone import DEFAULT_BATCH_ARTICLES, Target, Tone, ToneMemory, ToneModel

# English news text is about half stop words ("the", "of", "said"); in other languages the
# English stop-word list matches a few per cent of words. Below this share, warn.
MIN_ENGLISH_STOP_WORD_SHARE = 0.2
# Too few words to judge the language by stop words.
MIN_WORDS_FOR_LANGUAGE_CHECK = 20


class LanguageWarning(UserWarning):
    """An article does not look like English: its tone scores may mean little."""


@dataclass(frozen=True)
class LocatedMention:
    """A mention with its article, sentence and speaker.

    ``attribution`` is the one whose speaker speaks the mention (DESIGN.md, Speaker): the
    innermost direct or reported attribution holding it with a known speaker (None: the
    article's own voice); ``in_quote`` tells whether the mention is inside quotation marks.
    """

    article: Article
    sentence: Sentence
    mention: CountryMention
    attribution: Attribution | None
    in_quote: bool

    @property
    def sentence_text(self) -> str:
        """The text of the mention's sentence."""
        return self.article.text[self.sentence.start : self.sentence.end]

    def target(self) -> Target:
        """The mention as a tone target inside its sentence."""
        start = self.mention.start - self.sentence.start
        end = min(self.mention.end, self.sentence.end) - self.sentence.start
        return Target(self.sentence_text, start, end)


def analyze(
    article: ArticleSource | Iterable[ArticleSource],
    *,
    model: ToneModel | str = "default",
    nlp: Language | str = DEFAULT_PIPELINE,
    countries: str | Collection[str] | None = None,
    targets: TargetSpec = None,
    dayfirst: bool | None = None,
    fields: CorpusFields = DEFAULT_FIELDS,
    analyze_titles: bool = False,
) -> pd.DataFrame:
    """Tone toward every country mentioned in articles: one row per country mention (and per
    mention of a bloc or one's own target, when ``targets`` asks for them).

    What the rows mean (mentions, speakers, ``label`` and ``score``, positions) is set out in
    the repository's ``docs/definitions.md``.

    Args:
        article: an article's text (``str``, id ``"text"``), a file, folder or JSONL/CSV corpus
            (``pathlib.Path``, ids as the command line gives them), an ``Article``, or an
            iterable of these (texts get ids ``"text:1"``, ``"text:2"``, ...). A ``str`` is
            always text: one that names a file gets a warning to pass a ``Path``.
        model: a tone model, a registered name (``registry.MODEL_NAMES``) or a model directory.
        nlp: a spaCy pipeline or the name of an installed one.
        countries: keep only mentions of these countries: ISO-3 codes or names in any case
            (``["chn", "Iran"]`` or ``"chn,uk"``, ``countries.parse_country_codes``; a bloc or
            one's own target too, when ``targets`` has it); all when None.
        targets: what to find mentions of (``countrytone.targets.parse_targets``):
            ``"countries"`` (None, the default), ``"blocs"``, a TOML or CSV file of one's own
            targets (a ``Path``), or several (``"countries,blocs"``, ``["countries",
            Path("people.toml")]``).
        dayfirst: read numeric dates day first (True) or month first (False); None reads only
            those whose order is clear (``20/06/2023``) and leaves ``03/04/2024`` empty, warned.
        fields: the names of a corpus's fields (``CorpusFields(text="body")``).
        analyze_titles: analyse a corpus row's ``title`` as the article's title (``ReadOptions``).

    Returns:
        The mentions table (columns ``countrytone.tables.MENTION_COLUMNS``; ``date`` a
        datetime column), in text order.

    Raises:
        InputError: a file cannot be read, or a text holds no paragraph.
        ValueError: ``countries`` names a country that is not known or not among the targets;
            ``targets`` names something that is neither a set nor a file of targets, or a file
            holds bad targets (``targets.TargetsError``, a line for each).
        TypeError: an input is none of the above.
    """
    options = ReadOptions(dayfirst=dayfirst, fields=fields, analyze_titles=analyze_titles)
    return analyze_articles(
        articles_from(article, options=options),
        model=model,
        nlp=nlp,
        countries=countries,
        targets=targets,
    )


def analyze_articles(
    articles: Iterable[Article],
    *,
    model: ToneModel | str = "default",
    nlp: Language | str = DEFAULT_PIPELINE,
    countries: str | Collection[str] | None = None,
    targets: TargetSpec = None,
) -> pd.DataFrame:
    """The mentions table of several articles, in one table.

    Takes the options of ``analyze``; see ``analyze_batches`` to stream a large corpus.
    """
    tables = list(
        analyze_batches(articles, model=model, nlp=nlp, countries=countries, targets=targets)
    )
    return pd.concat(tables, ignore_index=True) if tables else mentions_frame([])


def analyze_batches(
    articles: Iterable[Article],
    *,
    model: ToneModel | str = "default",
    nlp: Language | str = DEFAULT_PIPELINE,
    countries: str | Collection[str] | None = None,
    targets: TargetSpec = None,
    batch_size: int = DEFAULT_BATCH_ARTICLES,
    n_process: int = 1,
    cache: str | Path | None = None,
) -> Iterator[pd.DataFrame]:
    """Stream the mentions table of a corpus, one table per batch of articles.

    Articles that name none of the targets are only tokenised, never parsed. spaCy parses the
    others in one call (``n_process`` processes); the mentions of ``batch_size`` articles at a
    time are scored in one model call, a (sentence, target) pair scored before in the stream not
    again (``countrytone.tone.ToneMemory``). Articles are read lazily and each batch is released
    once yielded, so memory stays flat whatever the corpus size.

    Args:
        articles: the articles, e.g. ``read_articles(paths, on_skip=...)``.
        batch_size: articles whose mentions are scored together.
        n_process: spaCy processes parsing the stream.
        cache: a directory where each article's rows are kept (see ``countrytone.cache``):
            an article analysed before with the same model and options is read back, not
            parsed nor scored again.

    Takes the other options of ``analyze``; ``countries`` and ``targets`` are checked at once,
    before a batch.
    """
    chosen = parse_targets(targets)
    codes = None if countries is None else chosen.codes_of(countries)
    return _batches(
        articles,
        model=model,
        nlp=nlp,
        countries=codes,
        targets=chosen,
        batch_size=batch_size,
        n_process=n_process,
        cache=cache,
    )


def _batches(
    articles: Iterable[Article],
    *,
    model: ToneModel | str,
    nlp: Language | str,
    countries: tuple[str, ...] | None,
    targets: Targets,
    batch_size: int,
    n_process: int,
    cache: str | Path | None,
    quotes: list[QuoteRow] | None = None,
) -> Iterator[pd.DataFrame]:
    """The mentions tables of ``analyze_batches``; ``quotes`` gathers every article's quotes."""
    tone_model = load_tone_model(model) if isinstance(model, str) else model
    pipeline = load_nlp(nlp) if isinstance(nlp, str) else nlp
    results = None
    if cache is not None:
        spacy_name = f"{pipeline.meta['lang']}_{pipeline.meta['name']}-{pipeline.meta['version']}"
        results = ResultCache(
            cache,
            model=tone_model.name,
            pipeline=spacy_name,
            countries=countries,
            targets=targets.cache_key(),
        )
    # The quotes of an article that names no target are found too: then every article is parsed.
    worth_parsing = _may_name_a_target(targets) if quotes is None else None
    items = _parse_or_recall(
        articles, pipeline, n_process=n_process, cache=results, worth_parsing=worth_parsing
    )
    tones = ToneMemory(tone_model)
    while batch := list(islice(items, batch_size)):
        yield _batch_table(
            batch, tones, countries=countries, targets=targets, cache=results, quotes=quotes
        )


def _batch_table(
    batch: list[tuple[Article, list[Chunk] | None, pd.DataFrame | None]],
    tone_memory: ToneMemory,
    *,
    countries: Collection[str] | None,
    targets: Targets,
    cache: ResultCache | None,
    quotes: list[QuoteRow] | None,
) -> pd.DataFrame:
    """The mentions table of a batch: recalled tables as they are, the rest scored in one call."""
    located = []
    for article, chunks, _ in batch:
        found = _locate(article, chunks, targets) if chunks is not None else ([], [])
        mentions, attributions = found
        located.append([m for m in mentions if countries is None or m.mention.country in countries])
        if quotes is not None:
            quotes.extend(_quote_rows(article, attributions))
    tones = iter(tone_memory.score([m.target() for mentions in located for m in mentions]))
    tables = []
    for (article, _, recalled), mentions in zip(batch, located, strict=True):
        if recalled is None:
            recalled = mentions_frame(
                _row(mention, next(tones), model_name=tone_memory.model.name, targets=targets)
                for mention in mentions
            )
            if cache is not None:
                cache.put(article, recalled)
        tables.append(recalled)
    return pd.concat(tables, ignore_index=True)


def _parse_or_recall(
    articles: Iterable[Article],
    nlp: Language,
    *,
    n_process: int,
    cache: ResultCache | None,
    worth_parsing: Callable[[list[Doc]], bool] | None,
) -> Iterator[tuple[Article, list[Chunk] | None, pd.DataFrame | None]]:
    """Each article, in input order, with its parse or, when the cache holds it, its table."""
    if cache is None:
        for article, chunks in parse_stream(
            articles, nlp, n_process=n_process, worth_parsing=worth_parsing
        ):
            yield article, chunks, None
        return
    # Articles read so far with what the cache holds for them; spaCy parses only the misses
    # (it reads ahead), and hits are handed on in their place in the stream.
    read: deque[tuple[Article, pd.DataFrame | None]] = deque()

    def misses() -> Iterator[Article]:
        for article in articles:
            read.append((article, cache.get(article)))
            if read[-1][1] is None:
                yield article

    for article, chunks in parse_stream(
        misses(), nlp, n_process=n_process, worth_parsing=worth_parsing
    ):
        while (head := read.popleft())[1] is not None:
            yield head[0], None, head[1]
        yield article, chunks, None
    for hit, table in read:
        yield hit, None, table


def _may_name_a_target(targets: Targets) -> Callable[[list[Doc]], bool]:
    # An article that names none of the targets has no rows: it is not parsed at all.
    def worth_parsing(docs: list[Doc]) -> bool:
        return any(may_name_a_country(doc, targets=targets) for doc in docs)

    return worth_parsing


def quotes_table(
    articles: Iterable[Article], *, nlp: Language | str = DEFAULT_PIPELINE
) -> pd.DataFrame:
    """One row per attribution (direct quote, reported speech or stance) of the articles.

    Returns:
        The quotes table (columns ``countrytone.tables.QUOTE_COLUMNS``), in text order.
    """
    pipeline = load_nlp(nlp) if isinstance(nlp, str) else nlp
    return quotes_frame(
        row
        for article, chunks in parse_stream(articles, pipeline)
        for row in _quote_rows(article, find_attributions(article, chunks))
    )


def analyze_with_quotes(
    articles: Iterable[Article],
    *,
    model: ToneModel | str = "default",
    nlp: Language | str = DEFAULT_PIPELINE,
    countries: str | Collection[str] | None = None,
    targets: TargetSpec = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The mentions table and the quotes table of the articles, each article parsed once.

    The same tables as ``analyze_articles`` and ``quotes_table`` give, in half the parsing:
    what the annotated text and the report need. Takes the options of ``analyze``.
    """
    chosen = parse_targets(targets)
    codes = None if countries is None else chosen.codes_of(countries)
    quotes: list[QuoteRow] = []
    tables = list(
        _batches(
            articles,
            model=model,
            nlp=nlp,
            countries=codes,
            targets=chosen,
            batch_size=DEFAULT_BATCH_ARTICLES,
            n_process=1,
            cache=None,
            quotes=quotes,
        )
    )
    mentions = pd.concat(tables, ignore_index=True) if tables else mentions_frame([])
    return mentions, quotes_frame(quotes)


def mention_targets(
    articles: Iterable[Article], *, nlp: Language | str = DEFAULT_PIPELINE
) -> Iterator[Target]:
    """The tone target of every country mention of the articles, in order.

    Each target is the mention's span within its sentence, as ``analyze`` scores it: the
    unlabelled targets that a teacher model scores for distillation. Warns with
    ``LanguageWarning`` as ``analyze`` does.
    """
    pipeline = load_nlp(nlp) if isinstance(nlp, str) else nlp
    worth_parsing = _may_name_a_target(COUNTRIES)
    for article, chunks in parse_stream(articles, pipeline, worth_parsing=worth_parsing):
        located, _ = _locate(article, chunks, COUNTRIES)
        yield from (mention.target() for mention in located)


def locate_mentions(
    article: Article, nlp: Language, *, targets: Targets = COUNTRIES
) -> list[LocatedMention]:
    """Every mention of the targets in an article with its sentence and speaker, in text order.

    Warns with ``LanguageWarning`` when the article does not look like English.
    """
    return locate_parsed(article, parse(article, nlp), targets=targets)


def locate_parsed(
    article: Article, chunks: list[Chunk], *, targets: Targets = COUNTRIES
) -> list[LocatedMention]:
    """``locate_mentions`` of an article already parsed (``countrytone.segment.parse``)."""
    located, _ = _locate(article, chunks, targets)
    return located


def _locate(
    article: Article, chunks: list[Chunk], targets: Targets
) -> tuple[list[LocatedMention], list[Attribution]]:
    """The article's mentions of the targets, located, and its attributions.

    Speakers are resolved with every country and bloc the article names, whatever the targets:
    "an EU spokesperson" speaks for the EU in a table of countries too.
    """
    _check_language(article, [chunk.doc for chunk in chunks])
    article_sentences = list(sentences(chunks))
    sentence_starts = [sentence.start for sentence in article_sentences]
    everything = targets.with_shipped()
    found = [
        mention
        for chunk in chunks
        for mention in find_mentions(
            chunk.doc, offset=chunk.start, targets=everything, context=article.text
        )
    ]
    kinds = everything.gazetteer.kinds
    speaking = [mention for mention in found if kinds[mention.country] in (COUNTRY, BLOC)]
    attributions = find_attributions(article, chunks, mentions=speaking)
    mentions = [mention for mention in found if targets.includes(mention.country)]
    quoted = quoted_spans(article)
    located = [
        LocatedMention(
            article,
            article_sentences[bisect_right(sentence_starts, mention.start) - 1],
            mention,
            attribution=_speaking(attributions, mention),
            in_quote=any(start <= mention.start and mention.end <= end for start, end in quoted),
        )
        for mention in mentions
    ]
    return located, attributions


def _speaking(attributions: list[Attribution], mention: CountryMention) -> Attribution | None:
    # A stance never changes who speaks, and an inner attribution whose speaker is unknown never
    # hides an outer one's.
    holding = [
        a
        for a in attributions
        if a.start <= mention.start
        and mention.end <= a.end
        and a.kind.is_speech
        and a.speaker is not None
    ]
    return min(holding, key=lambda a: a.end - a.start, default=None)


def _check_language(article: Article, docs: list[Doc]) -> None:
    # Counted over token attribute arrays: no Token objects made for every word of a corpus.
    flags = [doc.to_array([IS_ALPHA, IS_STOP]).reshape(-1, 2) for doc in docs]
    words = sum(int(doc_flags[:, 0].sum()) for doc_flags in flags)
    if words < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return
    stop_words = sum(int(doc_flags.all(axis=1).sum()) for doc_flags in flags)
    stop_word_share = stop_words / words
    if stop_word_share < MIN_ENGLISH_STOP_WORD_SHARE:
        warnings.warn(
            LanguageWarning(f"{article.id}: does not look like English text"), stacklevel=3
        )


def _row(located: LocatedMention, tone: Tone, *, model_name: str, targets: Targets) -> MentionRow:
    article, sentence, mention = located.article, located.sentence, located.mention
    attribution = located.attribution
    return MentionRow(
        article_id=article.id,
        date=article.date,
        source=article.source,
        part=sentence.paragraph.part.value,
        paragraph=sentence.paragraph.index,
        sentence=sentence.index,
        sentence_text=located.sentence_text,
        start=mention.start,
        end=mention.end,
        mention=mention.mention,
        country=mention.country,
        kind=mention.kind.value,
        speaker=attribution.speaker if attribution else None,
        speaker_country=attribution.speaker_country if attribution else None,
        in_quote=located.in_quote,
        tone=tone,
        model=model_name,
        target_name=targets.name(mention.country),
        target_kind=targets.kind(mention.country),
    )


def _quote_rows(article: Article, attributions: Iterable[Attribution]) -> Iterator[QuoteRow]:
    for attribution in attributions:
        yield QuoteRow(
            article_id=article.id,
            start=attribution.start,
            end=attribution.end,
            text=article.text[attribution.start : attribution.end],
            speaker=attribution.speaker,
            speaker_start=attribution.speaker_start,
            speaker_end=attribution.speaker_end,
            speaker_country=attribution.speaker_country,
            cue=attribution.cue,
            cue_start=attribution.cue_start,
            cue_end=attribution.cue_end,
            kind=attribution.kind.value,
        )
