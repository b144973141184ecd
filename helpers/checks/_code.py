"""Code exercises of notebooks 06-11: a stub function still holding `____` is "not attempted".

A code-exercise cell looks like

    def my_function(x):
        ____                # your code here


    ex.q1.check(my_function)

`Exercise.check` reports "Not attempted yet" while the function's body still uses `____`,
instead of running the stub on the test inputs. The checking itself is
`helpers.exercises.expect_function` (random inputs against a reference, bug class named). The
solution (`ex.qN.solution()`) is a complete `def` that replaces the whole stub.
"""
from __future__ import annotations

from ..exercises import Exercise


class CodeExercise(Exercise):
    """An `Exercise` whose answer is a function the learner wrote (`Exercise.check` already
    reports a stub that still uses `____` as not attempted)."""


def typical_mistake(value, expected, typical: dict) -> str | None:
    """The reason of the first typical wrong result that `value` equals (and that differs from
    `expected`), or None: how the code exercises name the bug class a learner hit."""
    import numpy as np

    for reason, wrong in typical.items():
        if np.allclose(value, wrong, rtol=1e-4, atol=1e-6) and not np.allclose(wrong, expected):
            return reason
    return None
