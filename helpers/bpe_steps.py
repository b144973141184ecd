"""Byte-pair encoding by hand: count neighbouring pairs, merge the most frequent one, repeat.

The library trainer (`helpers.subwords.train_bpe`, Hugging Face `tokenizers`) does exactly this,
very fast. These few functions do one step at a time in plain Python so a learner can read them
and compare their first merges with the library's. Also here: a **byte-level** BPE, whose
starting alphabet is the 256 possible bytes, so no text is ever unknown to it.
"""
from __future__ import annotations

import functools
from collections import Counter
from typing import Mapping, Sequence

from .errors import CourseError


def word_counts(sentences) -> dict[tuple[str, ...], int]:
    """Each distinct word as a tuple of single characters, with how often it occurs."""
    counts = Counter(w for s in sentences for w in s)
    if not counts:
        raise CourseError("the corpus has no words: give a list of sentences, each a list of words")
    return {tuple(w): c for w, c in counts.items()}


def pair_counts(words: Mapping[tuple[str, ...], int]) -> Counter:
    """How often each pair of neighbouring pieces occurs, counting every word `count` times."""
    pairs = Counter()
    for pieces, count in words.items():
        for left, right in zip(pieces, pieces[1:]):
            pairs[(left, right)] += count
    return pairs


def merge_pair(pieces: Sequence[str], pair: tuple[str, str]) -> list[str]:
    """`pieces` with every occurrence of the neighbours `pair` replaced by one joined piece.

    Left to right, without overlaps: merging ('a', 'a') in a, a, a gives aa, a.
    """
    left, right = pair
    merged, i = [], 0
    while i < len(pieces):
        if i + 1 < len(pieces) and pieces[i] == left and pieces[i + 1] == right:
            merged.append(left + right)
            i += 2
        else:
            merged.append(pieces[i])
            i += 1
    return merged


def most_frequent_pair(words: Mapping[tuple[str, ...], int]) -> tuple[tuple[str, str], int]:
    """The most frequent neighbouring pair (ties: the alphabetically first) and its count."""
    pairs = pair_counts(words)
    if not pairs:
        raise CourseError("every word is already a single piece: nothing left to merge")
    pair = min(pairs, key=lambda p: (-pairs[p], p))
    return pair, pairs[pair]


def merge_step(words: Mapping[tuple[str, ...], int]):
    """One BPE training step: (the merged pair, its count, the words after merging it)."""
    pair, count = most_frequent_pair(words)
    return pair, count, {tuple(merge_pair(pieces, pair)): c for pieces, c in words.items()}


def library_merges(tokenizer, first: int = 5) -> list[tuple[str, str]]:
    """The first merges a Hugging Face BPE tokenizer learned, in the order it learned them."""
    import json

    merges = json.loads(tokenizer.to_str())["model"]["merges"]
    return [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in merges[:first]]


@functools.lru_cache(maxsize=2)
def train_byte_level_bpe(vocab_size: int = 1_000, sentences: int = 2_000):
    """A byte-level BPE (GPT-2's kind) trained on the first `sentences` of the bundled corpus.

    Its starting alphabet is all 256 bytes (shown as printable characters, a space as 'Ġ'), so
    any text, an emoji included, becomes known pieces and decodes back exactly.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    from .data import load_bundled_corpus

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    lines = [" ".join(s) for s in load_bundled_corpus()[:sentences]]
    tokenizer.train_from_iterator(lines, trainer)
    return tokenizer
