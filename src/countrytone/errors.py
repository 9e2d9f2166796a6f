"""Exception types. Each message is one line that names the input and the problem."""

import unicodedata


class CountrytoneError(Exception):
    """Base class of every error countrytone raises on purpose."""


class InputError(CountrytoneError):
    """An input (file, corpus row, text, target span) cannot be analysed.

    Args:
        source: the input as the user named it (a path, ``-``, ``FILE:LINE``).
        problem: what is wrong with it, in a few words.
    """

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{one_line(source)}: {one_line(problem)}")
        self.source = source
        self.problem = problem


def one_line(text: str) -> str:
    """``text`` with its line breaks and other control characters escaped (``\\r``,
    ``\\x85``, ``\\u2028``), so that a message naming it stays one line."""
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in ("Cc", "Zl", "Zp")
        else char
        for char in text
    )


class ModelError(CountrytoneError):
    """A model (tone model or spaCy pipeline) cannot be found or loaded."""


class InputWarning(UserWarning):
    """An input is read, but part of it is not understood or left out (one line: input, what)."""


class DateWarning(InputWarning):
    """An article's date cannot be read: it is left empty."""


class AmbiguousDateWarning(InputWarning):
    """An article's date could be read day first or month first (03/04/2024): it is left empty.

    A sibling of ``DateWarning``, not a kind of it: a corpus's dates of each kind are shown in a
    line of their own, and this one says how to read them.
    """
