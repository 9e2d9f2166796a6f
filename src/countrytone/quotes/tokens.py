"""The tokens of an article's parsed chunks in text order, with offsets into the article."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Token

from countrytone.articles import Article
from countrytone.segment import Chunk


class ArticleTokens:
    """The tokens of all chunks in text order, with offsets into the article's text."""

    def __init__(self, article: Article, chunks: Sequence[Chunk]) -> None:
        self.text = article.text
        self.offsets = {id(chunk.doc): chunk.start for chunk in chunks}
        self.tokens = [token for chunk in chunks for token in chunk.doc]
        self.starts = [self.start(token) for token in self.tokens]
        self.position = {(id(token.doc), token.i): index for index, token in enumerate(self.tokens)}

    def start(self, token: Token) -> int:
        return int(self.offsets[id(token.doc)] + token.idx)

    def end(self, token: Token) -> int:
        return self.start(token) + len(token.text)

    def span(self, first: Token, last: Token) -> tuple[int, int]:
        return self.start(first), self.end(last)

    def index(self, token: Token) -> int:
        return self.position[(id(token.doc), token.i)]

    def between(self, start: int, end: int) -> list[Token]:
        """Tokens that start in ``[start, end)``."""
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return self.tokens[low:high]

    def at(self, offset: int) -> Token | None:
        """The token that starts at or covers ``offset``."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return None
        token = self.tokens[index]
        return token if self.start(token) <= offset < self.end(token) + 1 else None
