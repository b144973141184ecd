"""Exercises of notebook 04 (the Word2Vec idea): windows and pairs, the cost of a softmax, and
the learning rate."""
from __future__ import annotations

from ..exercises import Exercise, NotQuite, expect_function, expect_number, number_answer

SENTENCE = ["the", "quick", "brown", "fox", "jumps"]
FOX_SENTENCE = "the quick brown fox jumps over the lazy dog".split()


def _pairs_checker(answer):
    from ..word2vec import context_pairs

    answer = number_answer(answer, "how many pairs", whole=True)
    expected = len(context_pairs(SENTENCE, window=2))
    if answer == expected:
        return None
    if answer == len(SENTENCE) * 4:
        return ("5 words × 4 neighbours forgets the edges: 'the' has no words on its left, "
                "so it gets only 2 context words")
    if answer == expected // 2:
        return "count every (centre, context) pair in both directions: (the, quick) and (quick, the)"
    return f"not {answer}: count the context words of each of the 5 positions, then add them up"


q1 = Exercise(
    name="q1", checker=_pairs_checker,
    hints=["Go position by position: how many words lie within 2 places of 'the'? of 'quick'? ...",
           "The counts are 2, 3, 4, 3, 2."],
    solution_code="pairs_in_five_words = 2 + 3 + 4 + 3 + 2   # = 14",
    explanation="14 pairs: the words at the edges have fewer neighbours than the middle word.")


def _window_checker(answer):
    answer = number_answer(answer, "a window size", whole=True)
    fox, lazy = FOX_SENTENCE.index("fox"), FOX_SENTENCE.index("lazy")
    needed = lazy - fox
    if answer == needed:
        return None
    if answer > needed:
        return f"window {answer} does pair them, but a smaller one already does"
    return (f"with window {answer}, 'fox' (position {fox}) only sees positions "
            f"{max(0, fox - answer)} to {fox + answer}; 'lazy' is at position {lazy}")


q2 = Exercise(
    name="q2", checker=_window_checker,
    hints=["Number the words from 0: the=0, quick=1, brown=2, fox=3, ...",
           "A window of w pairs two words when they are at most w positions apart."],
    solution_code="smallest_window = 4   # 'lazy' (position 7) is 4 places after 'fox' (position 3)",
    explanation="'lazy' is 4 words after 'fox', so window 4 is the smallest that pairs them.")


# --------------------------------------------------------------------------- q3: write the pairs
def reference_context_pairs(tokens, window):
    """The skip-gram pairs of `tokens`, in text order (the reference the learner's code meets)."""
    pairs = []
    for i, centre in enumerate(tokens):
        for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
            if j != i:
                pairs.append((centre, tokens[j]))
    return pairs


_WORDS = ["the", "cat", "sat", "on", "a", "mat", "dog", "ran", "fox", "red"]


def _pair_cases(rng):
    cases = [(["the", "quick", "brown", "fox", "jumps"], 2), (["a", "b", "c"], 1),
             (["alone"], 3), (["a", "b"], 5)]
    for _ in range(30):
        length = int(rng.integers(1, 12))
        tokens = [str(w) for w in rng.choice(_WORDS, size=length)]
        cases.append((tokens, int(rng.integers(1, 5))))
    return cases


def _diagnose_pairs(args, got, expected):
    tokens, window = args
    if isinstance(got, (str, bytes)) or not isinstance(got, (list, tuple)):
        return f"return a list of (centre, context) tuples, got {type(got).__name__}"
    try:
        got = [tuple(pair) for pair in got]
    except TypeError:
        return "every item of the list should be a (centre, context) tuple"
    if any(len(pair) != 2 for pair in got):
        return "every item should be a pair: (centre, context)"
    if got == expected:
        return ""  # right: no problem
    if got == [(b, a) for a, b in expected] or (
            sorted(got) != sorted(expected) and sorted(got) == sorted((b, a) for a, b in expected)):
        return "the pairs are reversed: put the centre word first, (centre, context)"
    if sorted(got) == sorted(expected):
        return "the right pairs in another order: go through the centre positions in text order"
    positions = {(i, j) for i in range(len(tokens)) for j in range(len(tokens))}
    with_self = sorted((tokens[i], tokens[j]) for i, j in positions if abs(i - j) <= window)
    if sorted(got) == with_self:
        return "off-by-one: a word is not its own context; skip j == i"
    for other, what in ((window + 1, "one word too far on each side"),
                        (window - 1, "one word short on each side")):
        if other >= 1 and sorted(got) == sorted(reference_context_pairs(tokens, other)):
            return (f"off-by-one: your window reaches {what}; range(i - window, i + window + 1) "
                    f"covers exactly `window` words on each side")
    one_sided = [(tokens[i], tokens[j]) for i in range(len(tokens))
                 for j in range(i + 1, min(len(tokens), i + window + 1))]
    if sorted(got) == sorted(one_sided):
        return "only the words after the centre: the window reaches both left and right"
    if len(got) < len(expected):
        return (f"{len(got)} pairs, expected {len(expected)}: are words near the edges "
                f"(no left or no right neighbours) still paired with the neighbours they have?")
    return f"{len(got)} pairs, expected {len(expected)}; first expected pairs: {expected[:3]}"


_pairs_function = expect_function(reference_context_pairs, _pair_cases,
                                  name="my_context_pairs", diagnose=_diagnose_pairs)


def _q3(answer):
    return _pairs_function(answer) or None


q3 = Exercise(
    name="q3", checker=_q3,
    hints=["For each position i, the context positions are i − window … i + window, without i "
           "itself and without positions outside the list (below 0 or ≥ len(tokens)).",
           "for j in range(max(0, i - window), min(len(tokens), i + window + 1)):\n"
           "    if j != i: pairs.append((centre, tokens[j]))"],
    solution_code=("def my_context_pairs(tokens, window):\n"
                   "    pairs = []\n"
                   "    for i, centre in enumerate(tokens):\n"
                   "        for j in range(max(0, i - window), min(len(tokens), i + window + 1)):\n"
                   "            if j != i:\n"
                   "                pairs.append((centre, tokens[j]))\n"
                   "    return pairs"),
    explanation="that loop is all a skip-gram data pipeline does (gensim adds a random shrinking "
                "of the window and skips some frequent words).")


# --------------------------------------------------------------------------- q4: softmax cost
SOFTMAX_V, SOFTMAX_NEGATIVES = 30_000, 5

q4 = Exercise(
    name="q4",
    checker=expect_number(
        SOFTMAX_V // (1 + SOFTMAX_NEGATIVES), "how many times fewer dot products",
        wrong={SOFTMAX_V // SOFTMAX_NEGATIVES:
                   "negative sampling scores the true context word too: 1 + 5 dot products",
               SOFTMAX_V: "that is the softmax's count alone; divide by negative sampling's",
               1 + SOFTMAX_NEGATIVES: "that is negative sampling's count; how many times does "
                                      "the softmax's count contain it?"},
        otherwise="softmax: one dot product per vocabulary word; negative sampling: 1 + 5; "
                  "divide the first by the second"),
    hints=["A full softmax scores every word of the vocabulary: 30,000 dot products per pair.",
           "Negative sampling scores the true context word plus 5 random ones: 6. 30_000 / 6."],
    solution_code="times_fewer = 30_000 // (1 + 5)   # 5,000",
    explanation="5,000 times less work per pair, and the work no longer grows with the vocabulary.")


# --------------------------------------------------------------------------- q5: learning rate
def _rate_checker(answer):
    value = number_answer(answer, "the learning rate")
    if abs(value - 1.0) < 1e-9:
        return None
    if abs(value - 0.5) < 1e-9:
        return ("0.5 is the fastest rate (it lands on w = 2 in one step); larger rates still "
                "converge for a while, zig-zagging: find where the zig-zag stops shrinking")
    if value > 1:
        return f"at {value:g} the steps already grow: try smaller rates, down to where they stop growing"
    if value <= 0:
        return "a learning rate is above 0"
    return (f"at {value:g} the steps still converge: try larger rates, e.g. "
            f"descend(-1, 0.9, 50) and descend(-1, 1.1, 50)")


q5 = Exercise(
    name="q5", checker=_rate_checker,
    hints=["Each step multiplies the distance to w = 2 by (1 − 2 × learning rate).",
           "The distance stops shrinking when |1 − 2 × rate| = 1: try descend(-1, 1.0, 6)."],
    solution_code="diverging_rate = 1.0   # the distance to 2 is multiplied by |1 − 2·rate| = 1",
    explanation="at rate 1 the steps jump between −1 and 5 for ever; above it they grow. Every "
                "trainer's learning rate has such a limit, which is why they start small.")
