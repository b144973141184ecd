"""One kind of error for the course, shown as a sentence instead of a traceback wall.

Helpers raise `CourseError` (or a subclass) with a message that says what went wrong and how to
fix it. In a notebook, `install_error_handler()` (called by the setup cell) prints such errors as
one line; `explain_errors()` lets a demo cell show the message and keep going.
"""
from __future__ import annotations

import contextlib
import sys


class CourseError(ValueError):
    """A mistake in how a helper was called or in its input, explained in one sentence."""


class DataFileError(CourseError):
    """A data file is missing, empty, unreadable or not UTF-8 text."""


class MemoryBudgetError(CourseError):
    """Work that would need more memory than the course's budget (refused before it starts)."""


class TrainingDivergedError(CourseError):
    """A training run whose loss became NaN or infinite (usually a learning rate too large)."""


class UnknownWordError(CourseError, KeyError):
    """A word or token that is not in the vocabulary."""

    def __str__(self) -> str:  # KeyError would quote the message; show it plainly
        return str(self.args[0]) if self.args else ""


def format_error(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


@contextlib.contextmanager
def explain_errors():
    """Run a block; if it raises a `CourseError`, print its message instead of a traceback.

    >>> with explain_errors():
    ...     raise CourseError("dimension must be at least 1, got 0")
    CourseError: dimension must be at least 1, got 0
    """
    try:
        yield
    except CourseError as error:
        print(format_error(error))


def _show_course_error(shell, etype, value, tb, tb_offset=None):
    print(format_error(value), file=sys.stderr)
    return None


def install_error_handler() -> bool:
    """In IPython, show a `CourseError` as one line (the cell still stops, as any error would)."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: normal tracebacks
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((CourseError,), _show_course_error)
    return True
