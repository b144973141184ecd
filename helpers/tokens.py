"""Text → tokens → a vocabulary → integer IDs, and back.

* `tokenize(text, lowercase=True)` cuts text into words and punctuation marks.
* `Vocabulary` gives every distinct token an integer ID (its position in a list): special tokens
  such as `<pad>` and `<unk>` first, then the tokens in sorted order. `encode` turns text into
  IDs (unknown tokens become the ID of `<unk>`), `decode` turns IDs back into tokens.
* `Vocabulary.reordered(...)` builds the same vocabulary in another order, which shows that an ID
  is only a position: change the order and every number changes, while the words do not.

This module only computes; tables and widgets for it live in `helpers.tokens_views`.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from typing import Iterable, Sequence

from . import validation
from .errors import CourseError

PAD = "<pad>"
UNK = "<unk>"
SPECIAL_TOKENS = (PAD, UNK)
# What the special tokens are for (printed by the notebook).
SPECIAL_TOKEN_PURPOSE = {
    PAD: "fills up short sequences so a batch of sentences has one length",
    UNK: "stands for every token that is not in the vocabulary",
}

# A word: letters or digits, optionally with an inner apostrophe part ("don't", "dog's").
# Anything else that is not a space is a token of one character (punctuation, symbols).
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[^\w\s]|_")
ORDERS = ("sorted", "reverse", "shuffled", "frequency", "first seen")


def _check_text(text) -> str:
    return validation.text(text, "text")


def tokenize(text: str, lowercase: bool = True) -> list[str]:
    """Split `text` into words and punctuation marks, lower-cased unless `lowercase=False`.

    >>> tokenize("Does snow absorb sound?")
    ['does', 'snow', 'absorb', 'sound', '?']
    >>> tokenize("Does snow absorb sound?", lowercase=False)
    ['Does', 'snow', 'absorb', 'sound', '?']
    """
    text = _check_text(text)
    return _TOKEN.findall(text.lower() if lowercase else text)


def detokenize(tokens: Sequence[str]) -> str:
    """Join tokens into readable text: spaces between words, none before punctuation."""
    out = ""
    for token in tokens:
        if out and (token[0].isalnum() or token.startswith("<")):
            out += " "
        out += token
    return out


class Vocabulary:
    """Token ↔ ID: the ID of a token is its position in `tokens` (counting from 0).

    `Vocabulary(["dog", "fox", "dog"])` keeps each distinct token once, puts the special tokens
    first (`<pad>` = 0, `<unk>` = 1) and the rest in sorted order, unless `order` says otherwise.
    """

    def __init__(self, tokens: Iterable[str], specials: Sequence[str] = SPECIAL_TOKENS,
                 order: str = "sorted", seed: int = 0, lowercase: bool = True):
        if isinstance(tokens, str):
            raise CourseError("tokens must be a list of tokens, not one string; use "
                              "Vocabulary.from_texts([...]) to start from sentences")
        tokens = validation.tokens(tokens, "tokens", allow_empty=True)
        order = validation.choice(order, "order", ORDERS)
        seed = validation.seed(seed)
        validation.flag(lowercase, "lowercase")
        specials = validation.tokens(specials, "specials")
        specials = list(dict.fromkeys(specials))
        if UNK not in specials:
            raise CourseError(f"the vocabulary needs the special token {UNK} for unknown words")
        counts = Counter(t for t in tokens if t not in specials)
        if not counts:
            raise CourseError("tokens is empty (apart from special tokens): give the "
                              "vocabulary at least one token")
        distinct = list(dict.fromkeys(t for t in tokens if t not in specials))
        if order == "sorted":
            distinct = sorted(distinct)
        elif order == "reverse":
            distinct = sorted(distinct, reverse=True)
        elif order == "shuffled":
            distinct = sorted(distinct)
            random.Random(seed).shuffle(distinct)
        elif order == "frequency":  # most frequent first, ties alphabetical
            distinct = sorted(distinct, key=lambda t: (-counts[t], t))
        self.order = order
        self.seed = seed
        self.lowercase = lowercase
        self.specials = specials
        self.counts = counts
        self.id_to_token: list[str] = specials + distinct
        self.token_to_id: dict[str, int] = {t: i for i, t in enumerate(self.id_to_token)}

    # ------------------------------------------------------------------ building
    @classmethod
    def from_texts(cls, texts: Iterable[str] | str, lowercase: bool = True, **options):
        """A vocabulary of every token in some sentences (one string or a list of strings)."""
        if isinstance(texts, str):
            texts = [texts]
        texts = validation.texts(texts, "texts")
        tokens = [t for text in texts for t in tokenize(text, lowercase)]
        return cls(tokens, lowercase=lowercase, **options)

    @classmethod
    def from_sentences(cls, sentences: Iterable[Sequence[str]], **options):
        """A vocabulary from already tokenized sentences (lists of tokens)."""
        sentences = validation.token_lists(sentences, "sentences")
        return cls([t for sentence in sentences for t in sentence], **options)

    def reordered(self, order: str = "shuffled", seed: int = 0) -> "Vocabulary":
        """The same tokens (with the same counts) in another order, so with other IDs."""
        order, seed = validation.choice(order, "order", ORDERS), validation.seed(seed)
        tokens = [t for t in self.id_to_token[len(self.specials):] for _ in range(self.counts[t])]
        return Vocabulary(tokens, self.specials, order=order, seed=seed,
                          lowercase=self.lowercase)

    # ------------------------------------------------------------------ looking up
    def __len__(self) -> int:
        return len(self.id_to_token)

    def __contains__(self, token) -> bool:
        return token in self.token_to_id

    def __repr__(self) -> str:
        return f"Vocabulary({len(self)} tokens, order={self.order!r})"

    @property
    def unk_id(self) -> int:
        return self.token_to_id[UNK]

    @property
    def pad_id(self) -> int | None:
        return self.token_to_id.get(PAD)

    def id_of(self, token: str) -> int:
        """The ID of one token; an unknown token is an error here (use `encode` to map it to <unk>)."""
        if not isinstance(token, str):
            raise CourseError(f"token must be a string, got {validation.shown(token)}")
        if token in self.token_to_id:
            return self.token_to_id[token]
        from .vectors import word_index  # suggests close spellings
        return word_index(token, self.token_to_id)

    def token_of(self, token_id: int) -> str:
        return self.decode([token_id])[0]

    def tokens_of(self, text: str | Sequence[str]) -> list[str]:
        if isinstance(text, str):
            return tokenize(text, self.lowercase)
        if text is None or not hasattr(text, "__iter__"):
            raise CourseError(f"text must be a string or a list of tokens, got "
                              f"{validation.shown(text)}")
        return validation.tokens(text, "text (a list of tokens)")

    def encode(self, text: str | Sequence[str]) -> list[int]:
        """IDs of a text (tokenized the way this vocabulary was built) or of a list of tokens."""
        unk = self.unk_id
        return [self.token_to_id.get(t, unk) for t in self.tokens_of(text)]

    def unknown(self, text: str | Sequence[str]) -> list[str]:
        """The tokens of `text` that this vocabulary does not know (in order, repeats kept)."""
        return [t for t in self.tokens_of(text) if t not in self.token_to_id]

    def decode(self, ids: Iterable[int]) -> list[str]:
        """Tokens of a list of IDs; an ID outside 0 … len−1 is an error."""
        if isinstance(ids, (str, bytes)):
            raise CourseError(f"ids must be a list of integer IDs, got the text {ids!r}")
        try:
            ids = list(ids)
        except TypeError:
            raise CourseError(f"ids must be a list of integer IDs, got {ids!r}") from None
        tokens = []
        for position, i in enumerate(ids):
            if not validation.is_whole_number(i):
                raise CourseError(f"ids must be whole numbers, but ids[{position}] is "
                                  f"{validation.shown(i)}")
            i = int(validation._scalar(i))
            if not 0 <= i < len(self.id_to_token):
                raise CourseError(f"ID {i} does not exist (ids[{position}]): this vocabulary "
                                  f"has IDs 0 to {len(self.id_to_token) - 1}")
            tokens.append(self.id_to_token[i])
        return tokens

    def decode_text(self, ids: Iterable[int]) -> str:
        return detokenize(self.decode(ids))

    def rows(self, text: str | Sequence[str]) -> list[tuple[int, str, int, bool]]:
        """(position, token, ID, known?) for every token of `text`."""
        tokens = self.tokens_of(text)
        unk = self.unk_id
        return [(i, t, self.token_to_id.get(t, unk), t in self.token_to_id)
                for i, t in enumerate(tokens)]


def id_gaps(vocabulary: Vocabulary, pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """(a, b, ID(b) − ID(a)) for word pairs: numbers that only reflect the vocabulary's order."""
    return [(a, b, vocabulary.id_of(b) - vocabulary.id_of(a)) for a, b in pairs]


def id_arithmetic(vocabulary: Vocabulary, a: str, b: str) -> tuple[int, str]:
    """ID(a) + ID(b), and the token that happens to sit at that ID (wrapping around)."""
    total = vocabulary.id_of(a) + vocabulary.id_of(b)
    return total, vocabulary.id_to_token[total % len(vocabulary)]
