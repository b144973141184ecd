"""Tests of helpers.subwords: BPE training, MiniLM's WordPiece, and bad input."""
import pytest

from helpers import subwords
from helpers.errors import CourseError


@pytest.fixture(scope="module")
def bpe():
    return subwords.train_bpe(2_000)


@pytest.fixture(scope="module")
def wordpiece():
    return subwords.load_wordpiece()


def test_bpe_has_requested_size_and_is_deterministic(bpe):
    assert bpe.get_vocab_size() == 2_000
    again = subwords._train_bpe_cached.__wrapped__(2_000, None)
    assert again.get_vocab() == bpe.get_vocab()


def test_bpe_splits_rare_words_into_known_pieces(bpe):
    assert subwords.encode(bpe, "the").tokens == ["the"]
    pieces = subwords.encode(bpe, "embeddings")
    assert len(pieces) > 1 and "".join(pieces.tokens) == "embeddings"
    assert subwords.encode(bpe, "Working").tokens == subwords.encode(bpe, "working").tokens


def test_bpe_on_a_slice_of_the_corpus():
    small = subwords.train_bpe(300, max_sentences=20)
    assert small.get_vocab_size() <= 300
    assert subwords.encode(small, "the cat").ids


def test_wordpiece_pieces_and_ids(wordpiece):
    assert wordpiece.get_vocab_size() == 30_522
    assert subwords.encode(wordpiece, "working").tokens == ["working"]
    assert subwords.encode(wordpiece, "snow").ids == [4586]
    assert subwords.encode(wordpiece, "embeddings").tokens == ["em", "##bed", "##ding", "##s"]
    special = subwords.encode(wordpiece, "snow", special_tokens=True)
    assert special.tokens == ["[CLS]", "snow", "[SEP]"]
    assert special.rows()[1] == (1, "snow", 4586)


def test_no_padding_from_tokenizer_json(wordpiece):
    assert len(subwords.encode(wordpiece, "a b c")) == 3


@pytest.mark.parametrize("text, words", [("", "empty"), ("   ", "empty"),
                                         ("🙂🙂", "unknown"), ("x" * 5_000, "characters")])
def test_bad_text_is_one_sentence(wordpiece, text, words):
    with pytest.raises(CourseError, match=words):
        subwords.encode(wordpiece, text)


def test_only_unknown_characters_for_bpe(bpe):
    with pytest.raises(CourseError, match="unknown"):
        subwords.encode(bpe, "123 456")


def test_not_a_string(wordpiece):
    with pytest.raises(CourseError, match="string"):
        subwords.encode(wordpiece, 42)


def test_over_long_for_the_model(wordpiece):
    with pytest.raises(CourseError, match="positions"):
        subwords.encode(wordpiece, "a " * 600, max_tokens=subwords.MODEL_MAX_TOKENS)


@pytest.mark.parametrize("size", [0, 10, 10_000_000, 2.5])
def test_bad_vocab_size(size):
    with pytest.raises(CourseError, match="vocab_size"):
        subwords.train_bpe(size)


def test_compare_and_pieces_per_word(bpe, wordpiece):
    rows = subwords.compare_tokenizers("snow", {"bpe": bpe, "wp": wordpiece})
    assert rows == [("bpe", 0, "s", rows[0][3]), ("bpe", 1, "now", rows[1][3]), ("wp", 0, "snow", 4586)]
    assert subwords.pieces_per_word(wordpiece, ["snow", "embeddings"]) == 2.5
    with pytest.raises(CourseError):
        subwords.pieces_per_word(wordpiece, [])
