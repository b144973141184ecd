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

_STYLES = {
    "correct": ("#1b7837", "✅ Correct"),
    "wrong": ("#b2182b", "❌ Not quite"),
    "blank": ("#555555", "✏️ Not attempted yet"),
    "hint": ("#2166ac", "💡 Hint"),
    "solution": ("#762a83", "📖 Solution"),
}


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
        body = f"<b style='color:{colour}'>{html.escape(title)}</b>"
        if self.text:
            body += f"<span style='color:{colour}'>: {html.escape(self.text)}</span>"
        if self.code:
            body += f"<pre style='margin:4px 0 0 0'>{html.escape(self.code)}</pre>"
        return f"<div style='border-left:4px solid {colour};padding:2px 8px'>{body}</div>"


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
        if answer is BLANK or answer is None or answer is Ellipsis:
            return Message("blank", f"replace ____ with your answer, then run this cell again "
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
        more = (f" (call {self.name}.hint() again for hint {level + 1} of {len(self.hints)})"
                if level < len(self.hints) else "")
        return Message("hint", f"{level}/{len(self.hints)} {self.hints[level - 1]}{more}")

    def solution(self) -> Message:
        return Message("solution", self.explanation, self.solution_code.strip())


def number_answer(answer: Any, what: str = "") -> int | float:
    """The learner's answer as a plain number (NumPy and torch scalars count), or `NotQuite`."""
    if hasattr(answer, "item"):
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        target = f" for {what}" if what else ""
        raise NotQuite(f"answer with a number{target}, got {answer!r}")
    return answer


def expect_equal(expected: Any, what: str = "answer") -> Callable[[Any], str | None]:
    """A checker for one exact value (numbers compared with a small tolerance)."""
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
