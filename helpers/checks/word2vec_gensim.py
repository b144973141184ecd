"""Exercises of notebook 04: context windows, min_count, and what the benchmarks reward."""
from __future__ import annotations

from ..exercises import Exercise, NotQuite

SENTENCE = ["the", "quick", "brown", "fox", "jumps"]
FOX_SENTENCE = "the quick brown fox jumps over the lazy dog".split()


def _whole_number(answer, what: str) -> int:
    if isinstance(answer, bool) or not isinstance(answer, int):
        try:
            if float(answer) != int(float(answer)):
                raise ValueError
            answer = int(float(answer))
        except (TypeError, ValueError):
            raise NotQuite(f"answer with a whole number ({what}), got {answer!r}") from None
    return answer


def _pairs_checker(answer):
    from ..word2vec import context_pairs

    answer = _whole_number(answer, "how many pairs")
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
    name="q1",
    checker=_pairs_checker,
    hints=["Go position by position: how many words lie within 2 places of 'the'? of 'quick'? ...",
           "The counts are 2, 3, 4, 3, 2."],
    solution_code='pairs = 2 + 3 + 4 + 3 + 2   # = 14\n'
                  'len(context_pairs(["the", "quick", "brown", "fox", "jumps"], window=2))',
    explanation="14 pairs: the words at the edges have fewer neighbours than the middle word.",
)


def _window_checker(answer):
    answer = _whole_number(answer, "a window size")
    fox, lazy = FOX_SENTENCE.index("fox"), FOX_SENTENCE.index("lazy")
    needed = lazy - fox
    if answer == needed:
        return None
    if answer > needed:
        return f"window {answer} does pair them, but a smaller one already does"
    return (f"with window {answer}, 'fox' (position {fox}) only sees positions "
            f"{fox - answer} to {fox + answer}; 'lazy' is at position {lazy}")


q2 = Exercise(
    name="q2",
    checker=_window_checker,
    hints=["Number the words from 0: the=0, quick=1, brown=2, fox=3, ...",
           "A window of w pairs two words when they are at most w positions apart."],
    solution_code="window = 4   # 'lazy' (position 7) is 4 places after 'fox' (position 3)",
    explanation="'lazy' is 4 words after 'fox', so window 4 is the smallest that pairs them.",
)


MIN_COUNT_QUESTION = 20


def _min_count_checker(answer):
    from ..data import load_bundled_corpus
    from ..word2vec import vocabulary_size

    answer = _whole_number(answer, "a number of words")
    expected = vocabulary_size(load_bundled_corpus(), MIN_COUNT_QUESTION)
    if answer == expected:
        return None
    if answer == vocabulary_size(load_bundled_corpus(), 5):
        return "that is the vocabulary at the default min_count=5; the question asks for 20"
    if answer > expected:
        return (f"{answer:,} is too many: with min_count={MIN_COUNT_QUESTION} only words seen at "
                f"least {MIN_COUNT_QUESTION} times stay")
    return f"{answer:,} is too few: a word seen exactly {MIN_COUNT_QUESTION} times is kept"


q4 = Exercise(
    name="q4",
    checker=_min_count_checker,
    hints=["Set min_count to 20 in the knobs widget: the line above the Retrain button says "
           "how many words are kept (no need to retrain).",
           "Or count it: helpers.word2vec.vocabulary_size(corpus, 20)."],
    solution_code="from helpers.word2vec import vocabulary_size\n"
                  "kept = vocabulary_size(corpus, 20)",
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


q3 = Exercise(
    name="q3",
    checker=_benchmark_checker,
    hints=["One benchmark scores relatedness (do the words go together?), the other similarity "
           "(is one a kind of the other?).",
           "WordSim353 gives 'cup'–'coffee' 6.58 out of 10."],
    solution_code='benchmark = "WordSim353"',
    explanation="WordSim353 rewards relatedness, and cup–coffee are related: Word2Vec's windows "
                "see them together, which is why it usually does better on WordSim353 than on "
                "SimLex-999.",
)
