"""The one place where the helpers check their input: each rule written once.

Every public helper calls these functions at its entry point. A refusal is a `CourseError` with
one sentence that names the argument, shows what was given and says what to change, e.g.

    >>> whole_number(0, "dim", low=1)
    Traceback (most recent call last):
    ...
    helpers.errors.CourseError: dim must be at least 1, got 0

Numbers from NumPy and PyTorch count as numbers (`np.int64(10)`, `torch.tensor(3)`), booleans
do not (`True` is not a dimension). A float is never silently rounded to a whole number.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from .errors import CourseError

SEED_LIMIT = 2 ** 32          # NumPy, torch and gensim all accept 0 … 2**32 − 1
_SHOW = 60                    # characters of a bad value shown in a message


# --------------------------------------------------------------------------- showing values
def shown(value: Any) -> str:
    """A short, readable form of a value for a message (long texts and lists are cut)."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if type(value).__module__.startswith("torch") and hasattr(value, "shape"):
        return f"a tensor of shape {tuple(value.shape)}"
    text = repr(value)
    if len(text) > _SHOW:
        text = text[:_SHOW - 5] + " …" + text[-3:]
    return text


def _kind(value: Any) -> str:
    return type(value).__name__


def _scalar(value: Any) -> Any:
    """A 0-dimensional NumPy array or torch tensor as the Python number inside, else unchanged."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    if type(value).__module__.startswith("torch") and hasattr(value, "numel"):
        try:
            if value.numel() == 1 and value.ndim == 0:
                return value.item()
        except Exception:  # pragma: no cover - an odd tensor subclass
            return value
    return value


# --------------------------------------------------------------------------- numbers
def _n(value: int) -> str:
    """12 → '12', 1000 → '1000', 25000 → '25,000' (commas from five digits on)."""
    return f"{value:,}" if abs(value) >= 10_000 else str(value)


def is_whole_number(value: Any) -> bool:
    value = _scalar(value)
    return (isinstance(value, (numbers.Integral, np.integer))
            and not isinstance(value, (bool, np.bool_)))


def whole_number(value: Any, name: str, low: int | None = None, high: int | None = None,
                 why: str = "", too_big: str = "", between: bool = False) -> int:
    """`value` as an `int`, or a `CourseError`: not whole, below `low`, above `high`.

    `why` is added to the "too small" and "too big" messages (a reason or a suggestion);
    `too_big` replaces the "too big" message entirely (formatted with name, value, high);
    `between` words both range messages as "must be between low and high".
    """
    raw = value
    value = _scalar(value)
    if not is_whole_number(value):
        extra = ""
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            extra = f": write {int(value)} without the decimal point"
        elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
            extra = f": write {value.strip()} without quotes"
        elif value is None:
            extra = ": give a number, None is not one"
        raise CourseError(f"{name} must be a whole number, got {shown(raw)}{extra}")
    value = int(value)
    outside = (low is not None and value < low) or (high is not None and value > high)
    if outside and between and low is not None and high is not None:
        raise CourseError(f"{name} must be between {_n(low)} and {_n(high)}, got {_n(value)}{why}")
    if low is not None and value < low:
        raise CourseError(f"{name} must be at least {_n(low)}, got {_n(value)}{why}")
    if high is not None and value > high:
        if too_big:
            raise CourseError(too_big.format(name=name, value=value, high=high))
        raise CourseError(f"{name} must be at most {_n(high)}, got {_n(value)}{why}")
    return value


def number(value: Any, name: str, low: float | None = None, high: float | None = None,
           low_open: bool = False, high_open: bool = False, why: str = "") -> float:
    """`value` as a finite `float` within [low, high] (or open ends), or a `CourseError`."""
    raw = value
    value = _scalar(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number)):
        extra = ""
        if isinstance(value, str):
            try:
                float(value)
                extra = f": write {value.strip()} without quotes"
            except ValueError:
                pass
        raise CourseError(f"{name} must be a number, got {shown(raw)}{extra}")
    value = float(value)
    if not math.isfinite(value):
        raise CourseError(f"{name} must be a finite number, got {value}{why}")
    if low is not None and (value <= low if low_open else value < low):
        bound = "greater than" if low_open else "at least"
        raise CourseError(f"{name} must be {bound} {low:g}, got {value:g}{why}")
    if high is not None and (value >= high if high_open else value > high):
        bound = "less than" if high_open else "at most"
        raise CourseError(f"{name} must be {bound} {high:g}, got {value:g}{why}")
    return value


def positive_number(value: Any, name: str, high: float | None = None, why: str = "") -> float:
    return number(value, name, low=0.0, high=high, low_open=True, why=why)


def probability(value: Any, name: str, allow_zero: bool = True, allow_one: bool = True) -> float:
    """A number from 0 to 1 (a share, a probability, a threshold)."""
    return number(value, name, 0.0, 1.0, low_open=not allow_zero, high_open=not allow_one)


def learning_rate(value: Any, name: str = "lr", high: float = 100.0) -> float:
    """A positive, finite step size (at most `high`)."""
    value = number(value, name)
    if value <= 0:
        raise CourseError(f"{name} (the learning rate) must be positive, got {value:g}: a step "
                          "of 0 learns nothing and a negative one climbs the loss")
    if value > high:
        raise CourseError(f"{name} (the learning rate) of {value:g} makes every step overshoot "
                          f"(the limit here is {high:g}); try something between 0.01 and 1")
    return value


def seed(value: Any, name: str = "seed") -> int:
    """A random seed: a whole number from 0 to 2**32 − 1 (what NumPy, torch and gensim take)."""
    return whole_number(value, name, 0, SEED_LIMIT - 1,
                        too_big="{name} must be below 2**32 (4,294,967,296), got {value:,}: "
                                "any smaller whole number works, e.g. 0 or 42")


def flag(value: Any, name: str) -> bool:
    """True or False (NumPy booleans count); 0/1 and strings are refused."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise CourseError(f"{name} must be True or False, got {shown(value)}")


def choice(value: Any, name: str, options: Iterable[str], ignore_case: bool = False) -> str:
    """One of `options` (optionally in any letter case; the canonical spelling is returned)."""
    options = list(options)
    if isinstance(value, str):
        if value in options:
            return value
        if ignore_case:
            folded = {o.lower(): o for o in options}
            if value.strip().lower() in folded:
                return folded[value.strip().lower()]
    listed = ", ".join(repr(o) for o in options)
    raise CourseError(f"{name} must be one of {listed}, got {shown(value)}")


# --------------------------------------------------------------------------- text
def text(value: Any, name: str = "text", max_chars: int | None = None) -> str:
    """A non-empty string (not only spaces), at most `max_chars` characters long."""
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        raise CourseError(f"{name} must be one string, got a list of {len(value)} strings: "
                          f"give one text, or join them: ' '.join({name})")
    if not isinstance(value, str):
        raise CourseError(f"{name} must be a string, got {_kind(value)} {shown(value)}: put quotes "
                          "around your text")
    if not value.strip():
        raise CourseError(f"{name} is empty ({value!r}): type at least one word")
    if max_chars is not None and len(value) > max_chars:
        raise CourseError(f"{name} has {len(value):,} characters; keep it under {max_chars:,} "
                          "(a sentence or a paragraph)")
    return value


def texts(value: Any, name: str = "texts", max_chars: int | None = None,
          max_items: int | None = None) -> list[str]:
    """A non-empty list of non-empty strings; one string alone is refused (it would be split
    into characters by any code that iterates over it)."""
    if isinstance(value, str):
        raise CourseError(f"{name} must be a list of strings, not one string ({shown(value)}): "
                          f"wrap it in a list, [{shown(value)}]")
    _iterable(value, name, "a list of strings")
    items = list(value)
    if not items:
        raise CourseError(f"{name} is empty: give at least one text")
    if max_items is not None and len(items) > max_items:
        raise CourseError(f"{name} has {len(items):,} texts; give at most {max_items:,}")
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise CourseError(f"{name}[{i}] must be a string, got {_kind(item)} {shown(item)}")
        if not item.strip():
            raise CourseError(f"{name}[{i}] is empty ({item!r}): remove it or type some words")
        if max_chars is not None and len(item) > max_chars:
            raise CourseError(f"{name}[{i}] has {len(item):,} characters; keep each text under "
                              f"{max_chars:,} (split long documents into chunks first)")
    return items


def _iterable(value: Any, name: str, expected: str) -> None:
    if value is None:
        raise CourseError(f"{name} must be {expected}, got None: did a cell above not run, or "
                          "a function return nothing?")
    if isinstance(value, (bytes, dict, set, frozenset)) or not hasattr(value, "__iter__"):
        raise CourseError(f"{name} must be {expected}, got {_kind(value)} {shown(value)}")


def tokens(value: Any, name: str = "tokens", allow_empty: bool = False) -> list[str]:
    """A list of tokens (non-empty strings). One string is refused with the fix (`.split()`)."""
    if isinstance(value, str):
        raise CourseError(f"{name} must be a list of tokens, not one string ({shown(value)}): "
                          f"split it first, e.g. {shown(value)}.split()")
    _iterable(value, name, "a list of tokens (strings)")
    items = list(value)
    if not items and not allow_empty:
        raise CourseError(f"{name} is empty: give at least one token")
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item:
            raise CourseError(f"{name}[{i}] must be a non-empty string (a token), got "
                              f"{shown(item)}")
    return items


def token_lists(value: Any, name: str = "sentences") -> list[list[str]]:
    """A corpus: a list of sentences, each a list of tokens (strings).

    A list of plain strings is the most common mistake (any trainer would then learn single
    characters): it is refused with the fix, `[s.split() for s in texts]`.
    """
    if isinstance(value, str):
        raise CourseError(f"{name} must be a list of sentences, each a list of tokens, not one "
                          f"string ({shown(value)}): split it into tokens and wrap it in a "
                          f"list, e.g. [text.split()]")
    _iterable(value, name, "a list of sentences, each a list of tokens")
    sentences = []
    for i, sentence in enumerate(value):
        if isinstance(sentence, str):
            raise CourseError(f"{name} must be a list of token lists, but {name}[{i}] is the "
                              f"string {shown(sentence)}: split each sentence into tokens first, "
                              f"e.g. [s.split() for s in texts]")
        if sentence is None or isinstance(sentence, (bytes, dict)) or \
                not hasattr(sentence, "__iter__"):
            raise CourseError(f"{name}[{i}] must be a list of tokens, got {_kind(sentence)} "
                              f"{shown(sentence)}")
        sentence = list(sentence)
        for j, token in enumerate(sentence):
            if not isinstance(token, str) or not token:
                raise CourseError(f"{name}[{i}][{j}] must be a non-empty string (a token), got "
                                  f"{shown(token)}")
        sentences.append(sentence)
    if not any(sentences):
        raise CourseError(f"{name} is empty: give at least one sentence with words in it")
    return sentences


def path(value: Any, name: str = "path") -> Path:
    """A file path given as a string or a `Path`, not empty."""
    if isinstance(value, Path):
        if str(value) in ("", "."):
            raise CourseError(f"{name} is empty: give the path of a file, e.g. 'my_corpus.txt'")
        return value
    if not isinstance(value, str):
        raise CourseError(f"{name} must be a file path (a string), got {_kind(value)} "
                          f"{shown(value)}")
    if not value.strip():
        raise CourseError(f"{name} is empty ({value!r}): give the path of a file, e.g. "
                          "'my_corpus.txt'")
    return Path(value.strip())


# --------------------------------------------------------------------------- arrays
def array(value: Any, name: str, ndim: int | Sequence[int] | None = None, min_rows: int = 1,
          finite: bool = True, dtype=np.float64, columns: int | None = None) -> np.ndarray:
    """`value` as a NumPy array (torch tensors and nested lists accepted), shape and NaN checked.

    `ndim`: required number of dimensions (or a tuple of allowed ones); `min_rows`: the least
    length of the first axis; `finite`: refuse NaN and ±inf (a NaN would otherwise turn into a
    silently wrong similarity); `columns`: the required length of the last axis.
    """
    if value is None:
        raise CourseError(f"{name} must be an array of numbers, got None: did the cell that "
                          "makes it run?")
    if isinstance(value, str):
        raise CourseError(f"{name} must be an array of numbers, got the string {shown(value)}")
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor
        value = value.detach().cpu().numpy()
    try:
        result = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as error:
        reason = "rows of different lengths" if "inhomogeneous" in str(error) else \
            "values that are not numbers"
        raise CourseError(f"{name} must be an array of numbers, but it has {reason}: "
                          f"got {shown(value)}") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if result.ndim not in allowed:
            wanted = {1: "a vector (1-D)", 2: "a matrix (2-D: rows × dimensions)"}
            text_ = " or ".join(wanted.get(d, f"{d}-D") for d in allowed)
            raise CourseError(f"{name} must be {text_}, got shape {result.shape}")
    if result.ndim >= 1 and result.shape[0] < min_rows:
        raise CourseError(f"{name} needs at least {min_rows} row(s), got shape {result.shape}")
    if columns is not None and result.ndim >= 1 and result.shape[-1] != columns:
        raise CourseError(f"{name} must have {columns} columns (dimensions), got shape "
                          f"{result.shape}")
    if finite and np.issubdtype(result.dtype, np.floating) and not np.isfinite(result).all():
        bad = np.argwhere(~np.isfinite(result))[0]
        where = ", ".join(str(int(i)) for i in bad)
        raise CourseError(f"{name} contains NaN or infinite values (first at [{where}]): a "
                          "similarity with them would be meaningless; check how it was made "
                          "(a diverged training run?)")
    return result


def shape_of(value: Any) -> tuple | None:
    """The shape NumPy would give `value`, or None if it has none (ragged lists, text, None).

    Used to estimate memory before converting anything."""
    if hasattr(value, "shape"):
        return tuple(value.shape)
    try:
        return np.shape(value)
    except (TypeError, ValueError):
        return None


def same_length(a: Sequence, b: Sequence, name_a: str, name_b: str) -> None:
    if len(a) != len(b):
        raise CourseError(f"{name_a} and {name_b} must have the same length, got {len(a):,} and "
                          f"{len(b):,}")


# --------------------------------------------------------------------------- settings
def settings(value: Any, cls: type, name: str = "settings", example: str = "") -> Any:
    """A settings dataclass: an instance of `cls`, a dict of its fields, or None (defaults).

    Anything else (say the string "fast") is refused with the way to write it.
    """
    if value is None:
        return cls()
    if isinstance(value, cls):
        return value
    known = [f.name for f in fields(cls)] if is_dataclass(cls) else []
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(known))
        if unknown:
            raise CourseError(f"{name} has an unknown key {unknown[0]!r}; the settings are "
                              f"{', '.join(known)}")
        return cls(**value)
    example = example or f"{cls.__name__}(epochs=10)"
    raise CourseError(f"{name} must be a {cls.__name__} (e.g. {example}) or None, got "
                      f"{_kind(value)} {shown(value)}: to change one setting, pass it as a "
                      "keyword instead, e.g. epochs=10")


def unknown_keywords(overrides: dict, cls: type, name: str = "") -> None:
    """Refuse keyword arguments that are not fields of the settings dataclass `cls`."""
    known = [f.name for f in fields(cls)]
    unknown = sorted(set(overrides) - set(known))
    if unknown:
        import difflib

        close = difflib.get_close_matches(unknown[0], known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        owner = f"{name} " if name else ""
        raise CourseError(f"unknown {owner}setting {unknown[0]!r}{hint}; the settings are "
                          f"{', '.join(known)}")


# --------------------------------------------------------------------------- training
def finite_loss(loss: Any, lr: Any, when: str = "", ceiling: float | None = None) -> float:
    """The loss as a float, or a `TrainingDivergedError` if it is NaN or infinite, or above
    `ceiling` (for optimizers such as Adam, whose bounded steps let a far too large learning
    rate blow the loss up without ever reaching NaN).

    Every training loop in the helpers calls this (once per step or per epoch), so a learning
    rate that is too large stops the run with one sentence instead of returning NaN vectors.
    """
    from .errors import TrainingDivergedError

    value = float(loss.detach()) if hasattr(loss, "detach") else float(loss)
    exploded = ceiling is not None and value > ceiling
    if not math.isfinite(value) or exploded:
        rate = float(_scalar(lr)) if lr is not None else float("nan")
        at = f" {when}" if when else ""
        what = (f"grew to {value:.3g} (far above {ceiling:.3g})" if exploded
                else "became NaN or infinite")
        raise TrainingDivergedError(
            f"training diverged{at}: the loss {what} with lr={rate:g}; try a smaller "
            f"learning rate, e.g. lr={rate / 10:g}")
    return value
