"""Exercises of notebook 05 (Word2Vec on a real corpus): what the benchmarks reward,
min_count, and nearest neighbours written by hand."""
from __future__ import annotations

import numpy as np

from ..exercises import Exercise, expect_function, number_answer

MIN_COUNT_QUESTION = 20


def _min_count_checker(answer):
    from ..data import load_bundled_corpus
    from ..word2vec import vocabulary_size

    answer = number_answer(answer, "a number of words", whole=True)
    expected = vocabulary_size(load_bundled_corpus(), MIN_COUNT_QUESTION)
    if answer == expected:
        return None
    if answer == vocabulary_size(load_bundled_corpus(), 5):
        return "that is the vocabulary at the default min_count=5; the question asks for 20"
    if answer > expected:
        return (f"{answer:,} is too many: with min_count={MIN_COUNT_QUESTION} only words seen at "
                f"least {MIN_COUNT_QUESTION} times stay")
    return f"{answer:,} is too few: a word seen exactly {MIN_COUNT_QUESTION} times is kept"


q3 = Exercise(
    name="q3",
    checker=_min_count_checker,
    hints=["Set min_count to 20 in the knobs widget: the line above the Retrain button says "
           "how many words are kept (no need to retrain).",
           "Or count it: helpers.word2vec.vocabulary_size(corpus, 20)."],
    solution_code="from helpers.word2vec import vocabulary_size\n"
                  "kept_words = vocabulary_size(corpus, 20)",
    explanation="a higher min_count drops rare words: a smaller, faster model that knows fewer "
                "words (and misses more benchmark pairs).",
)


def _benchmark_checker(answer):
    if not isinstance(answer, str):
        return 'answer with the name as a string: "WordSim353" or "SimLex-999"'
    name = answer.strip().lower().replace("-", "").replace(" ", "")
    if name in {"wordsim353", "wordsim", "ws353"}:
        return None
    if name.startswith("simlex"):
        return ("SimLex-999 asks for similarity (could one replace the other?); a cup is not a "
                "kind of coffee, so SimLex would want them far apart")
    return 'answer "WordSim353" or "SimLex-999"'


q2 = Exercise(
    name="q2",
    checker=_benchmark_checker,
    hints=["One benchmark scores relatedness (do the words go together?), the other similarity "
           "(is one a kind of the other?).",
           "WordSim353 gives 'cup'–'coffee' 6.58 out of 10."],
    solution_code='benchmark = "WordSim353"',
    explanation="WordSim353 rewards relatedness, and cup–coffee are related: Word2Vec's windows "
                "see them together, which is why it usually does better on WordSim353 than on "
                "SimLex-999.",
)


# --------------------------------------------------------------------------- q1: nearest words
def reference_nearest(word, words, matrix, k):
    """The k words whose rows have the highest cosine with `word`'s row, best first, `word`
    itself left out."""
    matrix = np.asarray(matrix, dtype=float)
    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    i = list(words).index(word)
    cosines = unit @ unit[i]
    order = [j for j in np.argsort(-cosines, kind="stable") if j != i]
    return [words[j] for j in order[:k]]


def _nearest_cases(rng):
    cases = []
    for n, dims, k in ((6, 3, 2), (12, 4, 5), (20, 8, 3), (30, 5, 10), (8, 2, 7)):
        for _ in range(3):
            # rows of very different lengths: a dot product ranks them differently from cosine
            matrix = rng.normal(size=(n, dims)) * rng.uniform(0.1, 10, size=(n, 1))
            words = [f"w{i}" for i in range(n)]
            cases.append((words[int(rng.integers(n))], words, matrix, k))
    return cases


def _diagnose_nearest(args, got, expected):
    word, words, matrix, k = args
    if isinstance(got, (str, bytes)) or not hasattr(got, "__iter__"):
        return f"return a list of k words, got {got!r}"
    got = [item[0] if isinstance(item, tuple) and item else item for item in got]  # (word, score)
    if any(isinstance(item, (int, np.integer)) for item in got):
        return "return the words (words[j]), not their row numbers"
    got = [str(item) for item in got]
    if got == expected:
        return ""
    if word in got:
        return ("off-by-one: the word itself is its own nearest neighbour (cosine 1); leave it "
                "out")
    if len(got) != k:
        return f"{len(got)} words, expected k = {k}"
    matrix = np.asarray(matrix, dtype=float)
    i = words.index(word)
    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    cosines = unit @ unit[i]
    least = [words[j] for j in np.argsort(cosines, kind="stable") if j != i][:k]
    if got == least or got == expected[::-1]:
        return "sign: these are ranked the wrong way round; sort by cosine, highest first"
    dots = matrix @ matrix[i]
    by_dot = [words[j] for j in np.argsort(-dots, kind="stable") if j != i][:k]
    if got == by_dot:
        return ("scale: ranked by dot product, which favours long vectors; divide by both "
                "lengths (cosine)")
    if sorted(got) == sorted(expected):
        return "the right words in the wrong order: best first"
    return f"expected {expected}, got {got}"


_nearest_function = expect_function(reference_nearest, _nearest_cases, name="my_nearest",
                                    diagnose=_diagnose_nearest)


def _nearest_checker(answer):
    return _nearest_function(answer) or None


q1 = Exercise(
    name="q1", checker=_nearest_checker,
    hints=["Cosine = dot product of the rows divided by both lengths: normalise every row to "
           "length 1 first (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)), then one "
           "matrix-vector product gives every cosine.",
           "order = np.argsort(-cosines) lists rows best first; skip the word's own row, keep k."],
    solution_code=("def my_nearest(word, words, matrix, k):\n"
                   "    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)\n"
                   "    i = words.index(word)\n"
                   "    cosines = unit @ unit[i]                 # every word's cosine with `word`\n"
                   "    order = [j for j in np.argsort(-cosines) if j != i]   # best first, not itself\n"
                   "    return [words[j] for j in order[:k]]"),
    explanation="that is all `neighbours()` (and gensim's `most_similar`) does: normalise, one "
                "matrix product, sort.")
