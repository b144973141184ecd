"""A hand-built word × feature table: every word described by numbers we choose ourselves.

The table lives in `data/feature_table.csv`: a header `word,group,<feature>,<feature>,...` and
one row per word with values from 0 (not at all) to 1 (completely). The `group` column (animal,
fruit, city) only colours the plots; it is not a feature.

`load_feature_table()` reads and validates the file: a missing file, a duplicated word or
feature, a missing or non-numeric value or a value outside 0–1 each raise one `CourseError`
that names the row and column to fix. A `FeatureTable` never changes in place: `with_value`,
`with_word` and `with_row` return a new table, so a widget can start from the same table on
every redraw.
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from . import validation
from .data import data_path, read_text_file
from .errors import CourseError, UnknownWordError
from .vectors import cosine_similarity, cosine_similarity_matrix, nearest_neighbors, word_index

FEATURE_TABLE = "feature_table.csv"
LOW, HIGH = 0.0, 1.0
NEW_GROUP = "added by you"


def _number(text, where: str) -> float:
    if isinstance(text, bool):
        raise CourseError(f"{where}: {text!r} is not a number; write a number from 0 to 1")
    try:
        value = float(text)
    except (TypeError, ValueError):
        shown = text if isinstance(text, str) else repr(text)
        if isinstance(text, str) and not text.strip():
            raise CourseError(f"{where} is empty; write a number from 0 to 1") from None
        raise CourseError(f"{where}: {shown!r} is not a number; write a number from 0 to 1 "
                          "(such as 0, 0.5 or 1)") from None
    if not math.isfinite(value):
        raise CourseError(f"{where}: {text!r} is not a finite number; write a number from 0 to 1")
    if not LOW <= value <= HIGH:
        raise CourseError(f"{where}: {value:g} is outside 0–1; use 0 for 'not at all' and 1 for "
                          "'completely'")
    return value


def _clean_word(word, what: str = "word") -> str:
    if not isinstance(word, str):
        raise CourseError(f"a {what} must be a string, got {word!r}")
    word = word.strip().lower()
    if not word:
        raise CourseError(f"the {what} is empty: type a {what}")
    if "," in word:
        raise CourseError(f"a {what} cannot contain a comma: {word!r}")
    return word


@dataclass(frozen=True)
class FeatureTable:
    words: tuple[str, ...]
    features: tuple[str, ...]
    values: np.ndarray  # words × features, float64, read-only
    groups: tuple[str, ...]

    def __post_init__(self):
        values = np.array(self.values, dtype=float)
        if values.shape != (len(self.words), len(self.features)):
            raise CourseError(f"the table has {len(self.words)} words and {len(self.features)} "
                              f"features but values of shape {values.shape}")
        values.setflags(write=False)
        object.__setattr__(self, "values", values)

    # ------------------------------------------------------------------ looking up
    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word) -> bool:
        return word in self.words

    def __repr__(self) -> str:
        return f"FeatureTable({len(self.words)} words × {len(self.features)} features)"

    def row_of(self, word: str) -> int:
        return word_index(word.strip().lower() if isinstance(word, str) else word, self.words)

    def column_of(self, feature: str) -> int:
        if feature in self.features:
            return self.features.index(feature)
        raise UnknownWordError(f"'{feature}' is not a feature of this table; the features are "
                               f"{', '.join(self.features)}")

    def vector(self, word: str) -> np.ndarray:
        return self.values[self.row_of(word)].copy()

    def value(self, word: str, feature: str) -> float:
        return float(self.values[self.row_of(word), self.column_of(feature)])

    def as_dict(self, word: str) -> dict[str, float]:
        return dict(zip(self.features, self.vector(word).tolist()))

    def columns(self, features: Sequence[str]) -> np.ndarray:
        """The words' values for some features (e.g. 2 or 3 of them, for a scatter plot)."""
        if isinstance(features, str):
            features = [features]
        return self.values[:, [self.column_of(f) for f in features]].copy()

    # ------------------------------------------------------------------ changing (new tables)
    def _values_from(self, values, word: str) -> np.ndarray:
        if isinstance(values, Mapping):
            unknown = sorted(set(values) - set(self.features))
            if unknown:
                raise CourseError(f"'{unknown[0]}' is not a feature of this table; the features "
                                  f"are {', '.join(self.features)}")
            row = [_number(values.get(f, 0.0), f"values of '{word}', feature '{f}'") for f in self.features]
        else:
            if isinstance(values, str) or values is None or not hasattr(values, "__iter__"):
                raise CourseError("give the values as a list of numbers or a dict "
                                  f"{{feature: number}}, not as text ({validation.shown(values)})"
                                  if isinstance(values, str) else
                                  "values must be a list of numbers or a dict {feature: number}, "
                                  f"got {validation.shown(values)}")
            values = list(values)
            if len(values) != len(self.features):
                raise CourseError(f"'{word}' needs {len(self.features)} values (one per feature: "
                                  f"{', '.join(self.features)}), got {len(values)}")
            row = [_number(v, f"values of '{word}', feature '{f}'") for v, f in zip(values, self.features)]
        return np.array(row, dtype=float)

    def with_value(self, word: str, feature: str, value: float) -> "FeatureTable":
        """A copy of the table with one value changed."""
        i, j = self.row_of(word), self.column_of(feature)
        new = self.values.copy()
        new[i, j] = _number(value, f"value for '{self.words[i]}', feature '{feature}'")
        return FeatureTable(self.words, self.features, new, self.groups)

    def with_word(self, word: str, values, group: str = NEW_GROUP) -> "FeatureTable":
        """A copy with one more word; `values` is a list (one per feature) or a dict (missing = 0)."""
        word = _clean_word(word)
        if word in self.words:
            raise CourseError(f"'{word}' is already in the table; use with_value() to change "
                              "its values, or pick another word")
        row = self._values_from(values, word)
        return FeatureTable(self.words + (word,), self.features,
                            np.vstack([self.values, row[None, :]]), self.groups + (str(group),))

    def with_row(self, word: str, values, group: str = NEW_GROUP) -> "FeatureTable":
        """Replace the row of `word` if it exists, otherwise add it (what the editor widget does)."""
        word = _clean_word(word)
        if word not in self.words:
            return self.with_word(word, values, group)
        new = self.values.copy()
        new[self.words.index(word)] = self._values_from(values, word)
        return FeatureTable(self.words, self.features, new, self.groups)

    # ------------------------------------------------------------------ similarities
    def cosine_matrix(self) -> np.ndarray:
        """Cosine similarity of every pair of words (helpers.vectors).

        A word whose values are all 0 has no direction, so its cosines are undefined: NaN
        (drawn as a gap in a heatmap), never a made-up 0.
        """
        return cosine_similarity_matrix(self.values, zero_vectors="nan", name="the table")

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two words' rows; a `CourseError` if either row is all zeros."""
        try:
            return cosine_similarity(self.vector(a), self.vector(b))
        except CourseError:
            zero = a if not self.vector(a).any() else b
            raise CourseError(f"all the values of '{zero}' are 0, so its cosine with any word "
                              "is undefined: give it at least one value above 0") from None

    def nearest(self, word: str, k: int = 3) -> list[tuple[str, float]]:
        """The k most similar other words by cosine, most similar first."""
        return nearest_neighbors(self.row_and_word(word), list(self.words), self.values, k=k)

    def row_and_word(self, word: str) -> str:
        return self.words[self.row_of(word)]

    def to_rows(self) -> list[list]:
        """Rows for a display table: word, group, then the values."""
        return [[w, g, *row.tolist()] for w, g, row in zip(self.words, self.groups, self.values)]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["word", "group", *self.features])
        for w, g, row in zip(self.words, self.groups, self.values):
            writer.writerow([w, g, *[f"{v:g}" for v in row]])
        return out.getvalue()


def parse_feature_csv(text: str, source: str = "the feature table") -> FeatureTable:
    """A `FeatureTable` from CSV text; any problem is one `CourseError` naming row and column."""
    if text is not None and not isinstance(text, str):
        raise CourseError(f"text must be the CSV as a string, got {validation.shown(text)}")
    if not isinstance(text, str) or not text.strip():
        raise CourseError(f"{source} is empty; it needs a header line 'word,group,<features>' "
                          "and one line per word")
    rows = [r for r in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in r)]
    header = [cell.strip().lower() for cell in rows[0]]
    if header[:2] != ["word", "group"]:
        raise CourseError(f"{source}: the header must start with 'word,group', got "
                          f"{','.join(header[:2])!r}")
    features = header[2:]
    if not features:
        raise CourseError(f"{source}: the header names no features after 'word,group'")
    if any(not f for f in features):
        raise CourseError(f"{source}: a feature column in the header has no name")
    repeated = sorted({f for f in features if features.count(f) > 1})
    if repeated:
        raise CourseError(f"{source}: the feature '{repeated[0]}' appears twice in the header; "
                          "give each column its own name")
    if len(rows) < 2:
        raise CourseError(f"{source} has a header but no words; add one line per word")
    words, groups, values = [], [], []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise CourseError(f"{source}, line {number}: expected {len(header)} comma-separated "
                              f"cells (word, group and {len(features)} features), got {len(row)}")
        word = row[0].strip().lower()
        if not word:
            raise CourseError(f"{source}, line {number}: the word is missing")
        if word in words:
            raise CourseError(f"{source}, line {number}: the word '{word}' appears twice (first "
                              f"on line {words.index(word) + 2}); keep one row per word")
        values.append([_number(cell.strip(), f"{source}, line {number} ('{word}'), column "
                                             f"'{feature}'")
                       for cell, feature in zip(row[2:], features)])
        words.append(word)
        groups.append(row[1].strip() or "other")
    return FeatureTable(tuple(words), tuple(features), np.array(values, dtype=float),
                        tuple(groups))


def load_feature_table(path: str | Path | None = None) -> FeatureTable:
    """Read and validate a word × feature CSV (default: the course's `data/feature_table.csv`)."""
    if path is None:
        path = data_path(FEATURE_TABLE)
        return parse_feature_csv(read_text_file(path), source=path.name)
    from .data import _FIX_OWN

    path = validation.path(path)
    return parse_feature_csv(read_text_file(path, fix=_FIX_OWN), source=path.name)


def hand_labelling_cost(words: int, features: int, seconds_per_value: float = 5.0) -> dict:
    """How much work a hand-built table would be: values to fill in and hours at a given pace."""
    words = validation.whole_number(words, "words (the number of words)", 1, 10**9)
    features = validation.whole_number(features, "features (the number of features)", 1, 10**6)
    seconds_per_value = validation.positive_number(seconds_per_value, "seconds_per_value")
    values = int(words) * int(features)
    hours = values * seconds_per_value / 3600
    return {"values to fill in": values, "hours": hours,
            "working years (1,800 h)": hours / 1800}
