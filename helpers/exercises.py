"""Exercises with instant feedback: `check()`, `hint()` and `solution()`.

A notebook gets its exercises from `helpers.checks.nbNN`:

    from helpers.checks import tokens_and_ids as ex
    vocabulary_size = ____        # the learner replaces ____ with an answer
    ex.q1.check(vocabulary_size)  # → Correct / Not quite: <why> / Not attempted yet
    # ex.q1.hint()                # first hint; call again for the next one
    # ex.q1.solution()            # only when stuck

Feedback shows as coloured HTML in JupyterLab, Notebook, Colab and VS Code, and as plain text
anywhere else (a console, a script, an exported PDF).
"""
from __future__ import annotations

import html
import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence


class _Blank:
    """The placeholder `____` a learner replaces with an answer."""

    def __repr__(self) -> str:
        return "____"

    def __bool__(self) -> bool:
        return False


____ = _Blank()
BLANK = ____

# Plain text marks (no emoji: they render as empty boxes where no emoji font is installed);
# the HTML form draws its mark as a small inline SVG, which every front end can show.
_STYLES = {
    "correct": ("#1b7837", "Correct"),
    "wrong": ("#b2182b", "Not quite"),
    "blank": ("#555555", "Not attempted yet"),
    "hint": ("#2166ac", "Hint"),
    "solution": ("#762a83", "Solution"),
}

_MARKS = {  # SVG path drawn in a 16 × 16 box, stroked in the message's colour
    "correct": "M3 8.5 L6.5 12 L13 4.5",
    "wrong": "M4 4 L12 12 M12 4 L4 12",
    "blank": "M3 13 L5 13 L13 5 L11 3 L3 11 Z",
    "hint": "M8 2 A4.5 4.5 0 0 1 10.5 10.5 L10.5 12 L5.5 12 L5.5 10.5 A4.5 4.5 0 0 1 8 2 M6 14.5 L10 14.5",
    "solution": "M2 3 L7 4 L7 14 L2 13 Z M14 3 L9 4 L9 14 L14 13 Z",
}


def _mark_svg(kind: str, colour: str) -> str:
    return (f"<svg width='14' height='14' viewBox='0 0 16 16' role='img' aria-hidden='true' "
            f"style='vertical-align:-2px;margin-right:4px'><path d='{_MARKS[kind]}' fill='none' "
            f"stroke='{colour}' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'/>"
            f"</svg>")


@dataclass
class Message:
    """One piece of feedback, with an HTML and a plain-text form."""

    kind: str
    text: str
    code: str | None = None

    @property
    def correct(self) -> bool:
        return self.kind == "correct"

    def __str__(self) -> str:
        title = _STYLES[self.kind][1]
        body = f"{title}: {self.text}" if self.text else title
        if self.code:
            body += "\n" + self.code
        return body

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour, title = _STYLES[self.kind]
        body = f"{_mark_svg(self.kind, colour)}<b style='color:{colour}'>{html.escape(title)}</b>"
        if self.text:
            body += f"<span style='color:{colour}'>: {html.escape(self.text)}</span>"
        if self.code:
            body += f"<pre style='margin:4px 0 0 0'>{html.escape(self.code)}</pre>"
        return f"<div style='border-left:4px solid {colour};padding:2px 8px'>{body}</div>"


def _still_blank(answer: Any) -> bool:
    """A function the learner has not written yet: its body still uses `____`."""
    code = getattr(answer, "__code__", None)
    return code is not None and "____" in code.co_names


class NotQuite(Exception):
    """Raised by a checker to say why an answer is wrong."""


@dataclass
class Exercise:
    """An exercise whose `checker(answer)` returns None when right, or a reason when wrong.

    A checker may also raise `NotQuite(reason)`. Any other exception it raises (say, the answer
    has the wrong type) is reported as "Not quite" with the exception's message, never as a
    traceback.
    """

    name: str
    checker: Callable[[Any], str | None]
    hints: Sequence[str]
    solution_code: str
    explanation: str = ""
    attempts: int = field(default=0, init=False)
    solved: bool = field(default=False, init=False)
    _hints_shown: int = field(default=0, init=False)

    def check(self, answer: Any = BLANK) -> Message:
        if answer is BLANK or answer is None or answer is Ellipsis or _still_blank(answer):
            where = "in your function with your code" if callable(answer) else "with your answer"
            return Message("blank", f"replace ____ {where}, then run this cell again "
                                    f"(stuck? ex.{self.name}.hint())")
        self.attempts += 1
        try:
            reason = self.checker(answer)
        except NotQuite as wrong:
            reason = str(wrong)
        except Exception as error:  # a wrong type or shape, explained instead of a traceback
            reason = f"checking your answer raised {type(error).__name__}: {error}"
        if reason:
            return Message("wrong", reason)
        self.solved = True
        return Message("correct", self.explanation)

    def hint(self, level: int | None = None) -> Message:
        """Show the next hint (or hint number `level`, counting from 1)."""
        if not self.hints:
            return Message("hint", "no hint for this one: try the solution")
        if level is None:
            self._hints_shown = min(self._hints_shown + 1, len(self.hints))
            level = self._hints_shown
        level = max(1, min(int(level), len(self.hints)))
        more = (f" (call ex.{self.name}.hint() again for hint {level + 1} of {len(self.hints)})"
                if level < len(self.hints) else "")
        return Message("hint", f"{level}/{len(self.hints)} {self.hints[level - 1]}{more}")

    def solution(self) -> Message:
        return Message("solution", self.explanation, self.solution_code.strip())


def _number_words(what: str) -> str:
    return f" for {what}" if what else ""


def number_answer(answer: Any, what: str = "", *, whole: bool = False) -> int | float:
    """The learner's answer as a plain Python number, or `NotQuite` with a sentence saying why.

    Accepts Python ints and floats, NumPy scalars, torch scalars, and NumPy arrays or torch
    tensors holding exactly one number (any shape, e.g. `np.prod(shape)` or `t.sum()`).
    Refuses, each with a sentence: booleans, text (even "235": write the number without quotes),
    lists, arrays of more than one number, NaN and infinity. Never truncates: with `whole=True`
    a float must have no fractional part (385.0 → 385, 385.9 is refused), and the result is an int.
    """
    for_what = _number_words(what)
    if isinstance(answer, (str, bytes)):
        text = answer.decode(errors="replace") if isinstance(answer, bytes) else answer
        try:
            float(text.replace("_", "").replace(",", ""))
        except ValueError:
            raise NotQuite(f"answer with a number{for_what}, not the text {text!r}") from None
        raise NotQuite(f"answer with a number{for_what}, not the text {text!r}: "
                       f"remove the quotes") from None
    if isinstance(answer, (list, tuple, set, dict)):
        raise NotQuite(f"answer with one number{for_what}, not a {type(answer).__name__} "
                       f"({answer!r})")
    size = None
    if hasattr(answer, "numel") and callable(answer.numel):  # a torch tensor
        size = int(answer.numel())
    elif hasattr(answer, "size") and hasattr(answer, "shape") and not callable(answer.size):
        size = int(answer.size)  # a NumPy array or scalar
    if size is not None and size != 1:
        shape = tuple(getattr(answer, "shape", ()))
        raise NotQuite(f"answer with one number{for_what}, not an array of {size} numbers "
                       f"(shape {shape})")
    if hasattr(answer, "item") and callable(answer.item) and not isinstance(answer, (int, float)):
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise NotQuite(f"answer with a number{for_what}, got {answer!r}")
    if not isinstance(answer, int):
        answer = float(answer)
        if not math.isfinite(answer):
            raise NotQuite(f"answer with a finite number{for_what}, got {answer!r}")
    else:
        answer = int(answer)
    if whole and isinstance(answer, float):
        if not answer.is_integer():
            raise NotQuite(f"the answer{for_what} is a whole number, and {answer!r} is not one")
        answer = int(answer)
    return answer


def expect_number(expected: int | float, what: str = "the answer", *, rel: float = 1e-6,
                  abs_tol: float = 0.0, wrong: dict | None = None,
                  otherwise: str | None = None) -> Callable[[Any], str | None]:
    """A checker for one number.

    Whole-number `expected` (an int) wants a whole number (385.9 is wrong, 385.0 is right);
    otherwise the answer must be within `rel` (relative) or `abs_tol` of `expected`.
    `wrong` maps typical wrong values to the reason shown for them (compared the same way).
    """
    exact = isinstance(expected, int)

    def same(value, target) -> bool:
        if exact and isinstance(target, int):
            return value == target
        return math.isclose(value, target, rel_tol=rel, abs_tol=abs_tol)

    def checker(answer):
        value = number_answer(answer, what)
        if exact and isinstance(value, float):
            if not value.is_integer():
                return f"{what} is a whole number, and {value!r} is not one"
            value = int(value)
        if same(value, expected):
            return None
        for typical, reason in (wrong or {}).items():
            if same(value, typical):
                return reason
        return otherwise or f"{what} is not {value!r}"
    return checker


def expect_equal(expected: Any, what: str = "answer") -> Callable[[Any], str | None]:
    """A checker for one exact value (numbers compared with a small tolerance)."""
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return expect_number(expected, f"the {what}")

    def checker(answer):
        if isinstance(expected, float) or isinstance(answer, float):
            try:
                if abs(float(answer) - float(expected)) <= 1e-6 * max(1.0, abs(float(expected))):
                    return None
            except (TypeError, ValueError):
                return f"expected a number for the {what}, got {answer!r}"
            return f"the {what} should not be {answer!r}"
        if answer == expected:
            return None
        if type(answer) is not type(expected):
            return (f"expected the {what} as a {type(expected).__name__}, "
                    f"got a {type(answer).__name__}")
        return f"the {what} should not be {answer!r}"
    return checker


# ---------------------------------------------------------------------------------------------
# Code exercises: the learner writes a small function; we run it on fixed and random inputs and
# compare with the reference. A wrong result is explained by its bug class (shape, off-by-one,
# sign, scale, ...), found by `diagnose` (exercise-specific) or `diagnose_numbers` (generic).

def _short(value: Any, limit: int = 60) -> str:
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    if hasattr(value, "tolist") and getattr(value, "size", 2) > 1:
        value = value.tolist()
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_array(value: Any):
    import numpy as np

    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array


def diagnose_numbers(got: Any, expected: Any, *, rtol: float = 1e-5, atol: float = 1e-6) -> str | None:
    """None if `got` equals `expected` (numbers or arrays, within tolerance), else the bug class.

    Finds: a result that is not numbers, a wrong shape (incl. a transposed one), a flipped sign,
    a constant factor, and otherwise says which entry differs first.
    """
    import numpy as np

    want = _as_array(expected)
    have = _as_array(got)
    if have is None:
        return f"type: your function returned {_short(got)}, which is not numbers"
    if have.shape != want.shape:
        if have.size == want.size and have.ndim == 2 and have.shape == want.shape[::-1]:
            return f"shape: the result is transposed ({have.shape} instead of {want.shape})"
        return f"shape: the result has shape {have.shape}, expected {want.shape}"
    if np.allclose(have, want, rtol=rtol, atol=atol):
        return None
    if np.any(want != 0) and np.allclose(have, -want, rtol=rtol, atol=atol):
        return "sign: every number has the opposite sign"
    if not np.any(have) and np.any(want):
        return "value: your result is all zeros"
    nonzero = np.abs(want) > atol
    if nonzero.any() and not np.isnan(have).any():
        ratios = have[nonzero] / want[nonzero]
        if np.allclose(ratios, ratios.flat[0], rtol=1e-4) and np.allclose(have[~nonzero], 0, atol=atol):
            return f"scale: every number is {float(ratios.flat[0]):.3g} times the right one"
    if want.ndim == 0:
        return f"value: got {float(have):.4g}, expected {float(want):.4g}"
    index = tuple(int(i) for i in np.argwhere(~np.isclose(have, want, rtol=rtol, atol=atol))[0])
    return (f"value: first difference at index {index}: got {float(have[index]):.4g}, "
            f"expected {float(want[index]):.4g}")


def expect_function(reference: Callable, cases: Callable[[Any], Sequence[tuple]], *,
                    name: str = "your function", diagnose: Callable | None = None,
                    seed: int = 0) -> Callable[[Any], str | None]:
    """A checker for a function the learner wrote.

    `cases(rng)` returns argument tuples (fixed edge cases first, then random ones drawn from
    the NumPy generator `rng`). For each, the learner's function and `reference` are called on
    copies of the arguments; the first disagreement is reported with its input and the bug
    class from `diagnose(args, got, expected)` (return None to fall back to `diagnose_numbers`).
    Exceptions raised by the learner's function are reported with the input that raised them.
    """
    import copy

    import numpy as np

    def checker(answer):
        if not callable(answer):
            raise NotQuite(f"give the function itself ({name}, without parentheses), "
                           f"got {_short(answer)}")
        rng = np.random.default_rng(seed)
        for args in cases(rng):
            expected = reference(*copy.deepcopy(args))
            shown = ", ".join(_short(a, 40) for a in args)
            try:
                got = answer(*copy.deepcopy(args))
            except NotQuite:
                raise
            except Exception as error:
                return f"{name}({shown}) raised {type(error).__name__}: {error}"
            problem = diagnose(args, got, expected) if diagnose else None
            if problem is None:
                problem = diagnose_numbers(got, expected)
            if problem:
                return f"{name}({shown}): {problem}"
        return None
    return checker
