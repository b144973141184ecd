"""nbval, but numbers compare with a tolerance: outputs recorded on one CPU replay on another.

Loaded for every pytest run by `-p tests.nbval_tolerant` in pyproject.toml's addopts (so it is
active for `pytest notebooks/NN_x.ipynb` too, where tests/conftest.py is not loaded). nbval stays
the runner: this wraps `nbval.plugin.IPyNbCell.compare_outputs`. Before nbval's exact comparison,
each (reference, fresh) pair of values that nbval would compare (one MIME type of one output, or
one stream) is checked with the rule below; when it matches within tolerance, the fresh value is
replaced by the reference one, so nbval's own comparison (keys, counts, order, and its failure
report) sees equal values. When it does not match, nbval reports the difference as usual and a
line "tolerant comparison: ..." says which number or word broke the rule.

THE RULE (also in README "Tests")
* Text (text/plain, text/html, stdout/stderr, and every string inside JSON such as plotly hover
  text) is cut into tokens: numbers, words, and single spaces. Everything that is not a number
  must be identical, and both sides must have the same tokens in the same order (an extra,
  missing or reordered number fails). Whitespace is layout, not content: a run of spaces counts
  as one space, and spaces next to a number or at either end of a line are ignored (column
  padding that moves when a number gets a digit shorter, `-0.559` vs `-0.56 `, does not fail).
* A number in text is `-1,234.5`, `0.84`, `3e-05`, `1.`, with an optional sign; digits glued to
  a letter before them (`word2vec`, `nb04`) are part of a word.
  - Both without decimal places or exponent ("integers", numpy's `1.` included): equal within
    0.1 % relative (|a − b| ≤ 0.001 · max(|a|, |b|)): 416 vs 417 fails, 5,481,021 vs 5,480,999
    passes.
  - Otherwise ("decimals"): equal within one unit of the last printed decimal place of the
    coarser of the two (`-0.559` vs `-0.56`: unit 0.01; `her (0.84)` vs `her (0.85)`: passes;
    `0.84` vs `0.86` fails), or within 0.1 % relative.
* JSON numbers (plotly figures): |a − b| ≤ max(1e-4, 1e-3 · max(|a|, |b|)); the same for every
  element of a base64 typed array (`{"dtype": ..., "bdata": ...}`, decoded with NumPy), whose
  dtype and length must match. Keys, list lengths, booleans and nulls must match exactly.
A number altered by 5 % fails: in text whenever one unit of its last printed digit is less than
5 % of it (0.84, 3.68, 5.48 M, 416; a number printed as `2.0` is shown too coarsely for any
comparison to see 5 %), and in JSON whenever it is above 0.002 (the absolute floor lets noise
around zero pass), as tests/test_tolerant_comparison.py proves.
"""
from __future__ import annotations

import base64
import copy
import math
import re
from collections import defaultdict

INTEGER_RELATIVE = 1e-3
DECIMAL_RELATIVE = 1e-3
JSON_RELATIVE = 1e-3
JSON_ABSOLUTE = 1e-4

_NUMBER = (r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)"
           r"(?P<fraction>\.\d+|\.(?![\w.]))?(?P<exponent>[eE][-+]?\d+)?")
_TOKEN = re.compile(rf"(?P<number>{_NUMBER})|(?P<space>[ \t\r\f\v]+)|(?P<char>.)")


class Number:
    """A number as printed: its value, how many decimal places it shows, and whether it was
    written as a decimal (a point or an exponent) at all."""

    __slots__ = ("text", "value", "places", "exponent", "decimal")

    def __init__(self, text: str, fraction: str | None, exponent: str | None):
        self.text = text
        self.value = float(text.replace(",", ""))
        self.places = len(fraction) - 1 if fraction else 0
        self.exponent = int(exponent[1:]) if exponent else 0
        # "1." (numpy's way of printing 1.0) shows no decimal places: integer-like
        self.decimal = bool(exponent) or self.places > 0

    def unit(self) -> float:
        """One unit of the last printed digit (0.01 for 0.84, 1e-5 for 1.0e-4)."""
        return 10.0 ** (self.exponent - self.places)

    def __repr__(self):
        return self.text


def tokens(text: str) -> list:
    """Numbers (as `Number`), words (str) and " " / "\\n" separators, as described above."""
    result: list = []
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            result.append("\n")
        line_tokens: list = []
        for match in _TOKEN.finditer(line.strip()):
            if match.group("number") is not None:
                if line_tokens and line_tokens[-1] == " ":
                    line_tokens.pop()  # padding before a number
                line_tokens.append(Number(match.group("number"), match.group("fraction"),
                                          match.group("exponent")))
            elif match.group("space") is not None:
                if line_tokens and not isinstance(line_tokens[-1], Number):
                    line_tokens.append(" ")  # padding after a number is dropped
            elif line_tokens and isinstance(line_tokens[-1], str) and line_tokens[-1] != " ":
                line_tokens[-1] += match.group("char")
            else:
                line_tokens.append(match.group("char"))
        result.extend(line_tokens)
    return result


def numbers_match(a: Number, b: Number) -> bool:
    difference = abs(a.value - b.value)
    largest = max(abs(a.value), abs(b.value))
    if not a.decimal and not b.decimal:
        return difference <= INTEGER_RELATIVE * largest
    unit = max(a.unit(), b.unit())
    return difference <= unit * (1 + 1e-9) or difference <= DECIMAL_RELATIVE * largest


def text_mismatch(reference: str, fresh: str) -> str | None:
    """None if the two texts match under the rule, else one sentence saying where they differ."""
    if reference == fresh:
        return None
    left, right = tokens(reference), tokens(fresh)
    for a, b in zip(left, right):
        if isinstance(a, Number) and isinstance(b, Number):
            if not numbers_match(a, b):
                return f"the number {b.text} differs from the recorded {a.text} beyond tolerance"
        elif a != b:
            return f"{b!r} where the recorded output has {a!r} (only numbers may differ)"
    if len(left) != len(right):
        return (f"{len(right)} tokens where the recorded output has {len(left)} "
                "(a number or word was added or removed)")
    return None


def json_numbers_match(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= max(JSON_ABSOLUTE, JSON_RELATIVE * max(abs(a), abs(b)))


def _typed_array(value: dict):
    import numpy as np

    return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))


def json_mismatch(reference, fresh, where: str = "$") -> str | None:
    """None if two JSON values match under the rule, else where and how they differ."""
    if isinstance(reference, bool) or isinstance(fresh, bool) or reference is None or fresh is None:
        if type(reference) is type(fresh) and reference == fresh:
            return None
        return f"{where}: {fresh!r} where the recorded output has {reference!r}"
    if isinstance(reference, (int, float)) and isinstance(fresh, (int, float)):
        if json_numbers_match(float(reference), float(fresh)):
            return None
        return f"{where}: the number {fresh!r} differs from the recorded {reference!r} beyond tolerance"
    if isinstance(reference, str) and isinstance(fresh, str):
        problem = text_mismatch(reference, fresh)
        return f"{where}: {problem}" if problem else None
    if isinstance(reference, list) and isinstance(fresh, list):
        if len(reference) != len(fresh):
            return f"{where}: {len(fresh)} items where the recorded output has {len(reference)}"
        for index, (a, b) in enumerate(zip(reference, fresh)):
            problem = json_mismatch(a, b, f"{where}[{index}]")
            if problem:
                return problem
        return None
    if isinstance(reference, dict) and isinstance(fresh, dict):
        if set(reference) != set(fresh):
            return f"{where}: keys {sorted(fresh)} where the recorded output has {sorted(reference)}"
        if "bdata" in reference and "dtype" in reference and reference["bdata"] != fresh["bdata"]:
            if reference["dtype"] != fresh["dtype"]:
                return f"{where}: dtype {fresh['dtype']} where the recorded output has {reference['dtype']}"
            try:
                a, b = _typed_array(reference), _typed_array(fresh)
            except (ValueError, TypeError):
                return f"{where}: typed array that does not decode"
            if a.shape != b.shape:
                return f"{where}: {b.size} array items where the recorded output has {a.size}"
            import numpy as np

            x, y = a.astype(float), b.astype(float)
            with np.errstate(invalid="ignore"):
                allowed = np.maximum(JSON_ABSOLUTE, JSON_RELATIVE * np.maximum(abs(x), abs(y)))
                bad = ~((abs(x - y) <= allowed) | (np.isnan(x) & np.isnan(y)))
            if bad.any():
                index = int(np.argmax(bad))
                return (f"{where}.bdata[{index}]: the number {float(y[index])!r} differs from the "
                        f"recorded {float(x[index])!r} beyond tolerance")
            others = {k: v for k, v in reference.items() if k != "bdata"}
            return json_mismatch(others, {k: v for k, v in fresh.items() if k != "bdata"}, where)
        for key in reference:
            problem = json_mismatch(reference[key], fresh[key], f"{where}.{key}")
            if problem:
                return problem
        return None
    return f"{where}: {fresh!r} where the recorded output has {reference!r}"


def value_mismatch(reference, fresh) -> str | None:
    """The rule for one value nbval compares: a string (text) or a JSON document."""
    if isinstance(reference, str) and isinstance(fresh, str):
        return text_mismatch(reference, fresh)
    return json_mismatch(reference, fresh)


def _slots(outputs, skip) -> dict:
    """Where each compared value lives, keyed as nbval keys them: {key: [(container, field)]}."""
    slots = defaultdict(list)
    for output in outputs:
        if output.get("output_type") == "stream":
            slots[output.get("name")].append((output, "text"))
            continue
        for key in output:
            if key in skip:
                continue
            if key == "data":
                for mime in output["data"]:
                    if mime not in skip:
                        slots[mime].append((output["data"], mime))
            else:
                slots[key].append((output, key))
    return slots


def install() -> None:
    """Wrap nbval's comparison once (idempotent)."""
    from nbval.plugin import IPyNbCell

    if getattr(IPyNbCell.compare_outputs, "tolerant", False):
        return
    exact = IPyNbCell.compare_outputs

    def compare_outputs(self, test, ref, skip_compare=None):
        skip = skip_compare or self.parent.skip_compare
        test = copy.deepcopy(test)
        reference_slots, test_slots = _slots(ref, skip), _slots(test, skip)
        problems = []
        for key, pairs in reference_slots.items():
            fresh_pairs = test_slots.get(key, [])
            if len(fresh_pairs) != len(pairs):
                continue  # nbval reports the different number of outputs
            for (ref_box, ref_field), (test_box, test_field) in zip(pairs, fresh_pairs):
                reference, fresh = self.sanitize(ref_box[ref_field]), self.sanitize(test_box[test_field])
                if reference == fresh:
                    continue
                problem = value_mismatch(reference, fresh)
                if problem is None:
                    test_box[test_field] = copy.deepcopy(ref_box[ref_field])
                else:
                    problems.append(f"{key}: {problem}")
        same = exact(self, test, ref, skip_compare)
        if not same and problems:
            self.comparison_traceback.append("tolerant comparison (tests/nbval_tolerant.py): "
                                             + "; ".join(problems))
        return same

    compare_outputs.tolerant = True
    IPyNbCell.compare_outputs = compare_outputs


def pytest_configure(config):
    install()
