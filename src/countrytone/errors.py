"""Exception types. Each message is one line that names the input and the problem."""


class CountrytoneError(Exception):
    """Base class of every error countrytone raises on purpose."""


class InputError(CountrytoneError):
    """An input (file, corpus row, text, target span) cannot be analysed.

    Args:
        source: the input as the user named it (a path, ``-``, ``FILE:LINE``).
        problem: what is wrong with it, in a few words.
    """

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ModelError(CountrytoneError):
    """A model (tone model or spaCy pipeline) cannot be found or loaded."""


class InputWarning(UserWarning):
    """An input is read, but part of it is not understood or left out (one line: input, what)."""
