"""Exercises of notebook 09: one BPE merge step, counting merges, which text WordPiece loses."""
from __future__ import annotations

import functools

import numpy as np

from ..bpe_steps import merge_pair
from ..exercises import Exercise, NotQuite, number_answer
from ._code import CodeExercise

# --------------------------------------------------------------------------- q1: write merge_pair
ALPHABET = ("a", "b", "c", "ab")


def _q1_cases():
    """Random piece lists over a tiny alphabet, plus the tricky ones (overlap, pair at the end)."""
    rng = np.random.default_rng(0)
    cases = [(["a", "a", "a"], ("a", "a")), (["c", "a", "b"], ("a", "b")),
             (["a", "b", "a", "b"], ("a", "b")), (["a"], ("a", "b")), ([], ("a", "b")),
             (["a", "b", "c"], ("b", "a"))]
    for _ in range(40):
        pieces = [str(p) for p in rng.choice(ALPHABET, size=int(rng.integers(0, 9)))]
        pair = tuple(str(p) for p in rng.choice(ALPHABET[:3], size=2))
        cases.append((pieces, pair))
    return cases


def _first_only(pieces, pair):
    for i in range(len(pieces) - 1):
        if (pieces[i], pieces[i + 1]) == tuple(pair):
            return list(pieces[:i]) + [pair[0] + pair[1]] + list(pieces[i + 2:])
    return list(pieces)


def _skips_last(pieces, pair):
    merged, i = [], 0
    while i < len(pieces):
        if i + 2 < len(pieces) and (pieces[i], pieces[i + 1]) == tuple(pair):
            merged.append(pair[0] + pair[1])
            i += 2
        else:
            merged.append(pieces[i])
            i += 1
    return merged


def _q1(answer):
    if not callable(answer):
        raise NotQuite("pass the function itself, without calling it: "
                       "ex.q1.check(my_merge_pair)")
    for pieces, pair in _q1_cases():
        expected = merge_pair(pieces, pair)
        try:
            got = answer(list(pieces), tuple(pair))
        except Exception as error:
            return (f"your function raised {type(error).__name__} ({error}) for pieces "
                    f"{pieces} and pair {pair}: an index past the end of the list?")
        if got is None:
            return "your function returned None: build a new list and `return` it"
        if isinstance(got, str):
            return "return a list of pieces (strings), not one joined string"
        got = list(got)
        if got == expected:
            continue
        if got == _first_only(pieces, pair):
            return (f"only the first occurrence was merged: for {pieces} and {pair} the answer "
                    f"is {expected}; keep going after a merge")
        if got == _skips_last(pieces, pair):
            return (f"off-by-one: a pair at the very end of the list is not merged "
                    f"({pieces} → {expected})")
        if len("".join(map(str, got))) > len("".join(pieces)):
            return (f"overlap: for {pieces} and {pair} the answer is {expected}; after merging "
                    "two pieces, continue AFTER the second one (a piece is used once)")
        return f"for pieces {pieces} and pair {pair} the result should be {expected}, not {got}"
    return None


q1 = CodeExercise(
    name="q1",
    checker=_q1,
    hints=["Walk through the list with an index i. If pieces[i] and pieces[i + 1] are the pair, "
           "append their join and jump i by 2; otherwise append pieces[i] and move by 1.",
           "Stop the pair test one before the end (i + 1 < len(pieces)) but keep the last piece; "
           "['a', 'a', 'a'] with ('a', 'a') gives ['aa', 'a']."],
    solution_code="""def my_merge_pair(pieces, pair):
    merged, i = [], 0
    while i < len(pieces):
        if i + 1 < len(pieces) and (pieces[i], pieces[i + 1]) == tuple(pair):
            merged.append(pieces[i] + pieces[i + 1])
            i += 2
        else:
            merged.append(pieces[i])
            i += 1
    return merged""",
    explanation="that is the whole of one BPE step once the pair is chosen: every word of the "
                "corpus gets this merge, then the pairs are counted again.",
)


# --------------------------------------------------------------------------- q2: merges performed
@functools.lru_cache(maxsize=1)
def bpe_facts() -> dict:
    """Pieces, single characters and merges of the notebook's 2,000-piece BPE."""
    from ..bpe_steps import library_merges
    from ..subwords import BPE_UNKNOWN, train_bpe

    bpe = train_bpe(2_000)
    vocab = bpe.get_vocab()
    alphabet = sum(1 for piece in vocab if len(piece) == 1)
    return {"pieces": len(vocab), "alphabet": alphabet, "special": int(BPE_UNKNOWN in vocab),
            "merges": len(library_merges(bpe, first=len(vocab)))}


def _q2(answer):
    value = number_answer(answer, "the number of merges")
    facts = bpe_facts()
    if value == facts["merges"]:
        return None
    if value == facts["pieces"]:
        return ("the 2,000 pieces include the single characters it started from: those were "
                "never merged")
    if value == facts["pieces"] - facts["alphabet"]:
        return "off-by-one: [UNK] is a piece too, and no merge made it"
    if value == facts["alphabet"]:
        return "that is the starting alphabet; every merge adds one piece on top of it"
    return ("each merge adds exactly one piece: pieces at the end = single characters + "
            "special tokens + merges")


q2 = Exercise(
    name="q2",
    checker=_q2,
    hints=["Every merge adds one new piece to the vocabulary, and nothing else adds pieces.",
           "merges = 2,000 − (single characters) − (special tokens such as [UNK])."],
    solution_code="merges = 2_000 - alphabet_size - 1   # 1 special token: [UNK]",
    explanation="the vocabulary is the starting alphabet plus [UNK] plus one piece per merge.",
)


# --------------------------------------------------------------------------- q3: what WordPiece loses
Q3_TEXTS = ("naïve", "42", "🙂")


def _q3(answer):
    if isinstance(answer, (str, bytes)) or not hasattr(answer, "__iter__"):
        raise NotQuite('give a list of the texts, such as ["42"] (an empty list if none)')
    chosen = {str(a) for a in answer}
    unknown = {t for t in Q3_TEXTS if t in unknown_for_wordpiece()}
    if chosen == unknown:
        return None
    if chosen - set(Q3_TEXTS):
        return f"choose among {list(Q3_TEXTS)}"
    if "naïve" in chosen:
        return ("MiniLM's WordPiece first normalizes text (lower case, accents removed): "
                "naïve becomes naive, a known word")
    if "42" in chosen:
        return "digits are ordinary pieces of this vocabulary"
    return "one of them has no piece at all in a vocabulary made of letters, digits and punctuation"


@functools.lru_cache(maxsize=1)
def unknown_for_wordpiece() -> tuple:
    from ..subwords import load_wordpiece

    wordpiece = load_wordpiece()
    return tuple(t for t in Q3_TEXTS
                 if "[UNK]" in wordpiece.encode(t, add_special_tokens=False).tokens)


q3 = Exercise(
    name="q3",
    checker=_q3,
    hints=["WordPiece can only use the 30,522 pieces it has; a character with no piece becomes "
           "[UNK]. It also lower-cases and strips accents first.",
           "Digits are in the vocabulary; emoji are not."],
    solution_code='becomes_unknown = ["🙂"]',
    explanation="only the emoji: WordPiece strips the accent of naïve and knows digits, but has "
                "no piece for 🙂, so it is [UNK] and its meaning is lost.",
)
