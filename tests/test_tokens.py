"""helpers.tokens: tokenizing, the Vocabulary, encode/decode and their error messages."""
import pytest

from helpers.errors import CourseError, UnknownWordError
from helpers.tokens import (PAD, UNK, Vocabulary, detokenize, id_arithmetic, id_gaps, tokenize)
from helpers.tokens_views import compare_tokenizations, render_tokens, token_table


def test_tokenize_words_and_punctuation_lowercased_by_default():
    assert tokenize("Does snow absorb sound?") == ["does", "snow", "absorb", "sound", "?"]
    assert tokenize("Does snow absorb sound?", lowercase=False) == \
        ["Does", "snow", "absorb", "sound", "?"]


def test_tokenize_keeps_inner_apostrophes_and_splits_every_mark():
    assert tokenize("Don't stop!!") == ["don't", "stop", "!", "!"]
    assert tokenize("dog's, fox...") == ["dog's", ",", "fox", ".", ".", "."]


@pytest.mark.parametrize("bad", ["", "   \n", None, 42, ["dog"]])
def test_tokenize_rejects_empty_or_non_text(bad):
    with pytest.raises(CourseError) as error:
        tokenize(bad)
    assert "\n" not in str(error.value)


def test_vocabulary_specials_first_then_sorted():
    vocab = Vocabulary.from_texts("the lazy dog saw the brown fox")
    assert vocab.id_to_token == [PAD, UNK, "brown", "dog", "fox", "lazy", "saw", "the"]
    assert vocab.pad_id == 0 and vocab.unk_id == 1 and len(vocab) == 8
    assert "fox" in vocab and "cat" not in vocab
    assert vocab.counts["the"] == 2


def test_encode_decode_round_trip_and_unknowns():
    vocab = Vocabulary.from_texts("the lazy dog saw the brown fox")
    ids = vocab.encode("The brown dog saw a fox.")
    assert ids == [7, 2, 3, 6, 1, 4, 1]
    assert vocab.decode(ids) == ["the", "brown", "dog", "saw", UNK, "fox", UNK]
    assert vocab.decode_text([7, 3, 1]) == "the dog <unk>"
    assert vocab.unknown("a dog.") == ["a", "."]
    assert vocab.encode(["dog", "cat"]) == [3, 1]


def test_detokenize_puts_no_space_before_punctuation():
    assert detokenize(["does", "snow", "absorb", "sound", "?"]) == "does snow absorb sound?"


def test_case_sensitive_vocabulary():
    vocab = Vocabulary.from_texts("She saw She", lowercase=False)
    assert vocab.encode("she saw") == [vocab.unk_id, vocab.id_of("saw")]
    assert "She" in vocab


@pytest.mark.parametrize("bad, words", [
    ([3, 999], "ID 999 does not exist"), ([-1], "ID -1 does not exist"),
    (["dog"], "whole numbers"), ([1.5], "whole numbers"), ("1 2", "integer IDs"),
    (5, "integer IDs")])
def test_decode_bad_ids(bad, words):
    vocab = Vocabulary.from_texts("the dog")
    with pytest.raises(CourseError, match=words):
        vocab.decode(bad)


def test_id_of_unknown_word_suggests_spelling():
    vocab = Vocabulary.from_texts("the duck says quack")
    with pytest.raises(UnknownWordError, match="closest spellings: quack"):
        vocab.id_of("qauck")


@pytest.mark.parametrize("tokens, words", [
    ("the dog", "not one string"), ([], "empty"), (["dog", ""], "non-empty string"),
    ([PAD, UNK], "empty")])
def test_vocabulary_bad_input(tokens, words):
    with pytest.raises(CourseError, match=words):
        Vocabulary(tokens)


def test_vocabulary_needs_unk_and_a_known_order():
    with pytest.raises(CourseError, match="<unk>"):
        Vocabulary(["dog"], specials=[PAD])
    with pytest.raises(CourseError, match="order must be one of"):
        Vocabulary(["dog"], order="random")


def test_reordering_changes_every_gap_but_keeps_the_tokens():
    vocab = Vocabulary.from_texts("dog duck fox london cat dog dog cat")
    for order in ("reverse", "shuffled", "frequency", "first seen"):
        other = vocab.reordered(order, seed=1)
        assert sorted(other.id_to_token) == sorted(vocab.id_to_token)
        assert other.counts == vocab.counts
    reverse = vocab.reordered("reverse")
    assert [g for *_, g in id_gaps(vocab, [("dog", "duck")])] == [1]
    assert [g for *_, g in id_gaps(reverse, [("dog", "duck")])] == [-1]
    assert vocab.reordered("frequency").id_to_token[2] == "dog"  # the most frequent word
    assert vocab.reordered("shuffled", seed=1).id_to_token == \
        vocab.reordered("shuffled", seed=1).id_to_token  # deterministic


def test_id_arithmetic_wraps_round():
    vocab = Vocabulary.from_texts("cat dog")  # <pad> <unk> cat dog
    assert id_arithmetic(vocab, "cat", "dog") == (5, "<unk>")


def test_views_highlight_unknown_tokens():
    vocab = Vocabulary.from_texts("the lazy dog")
    table = token_table(vocab, "The lazy cat")
    assert table.highlight == {2} and "1 unknown" in table.title
    kept = render_tokens("The lazy dog", vocab, lowercase=False)
    assert kept.highlight == {0}
    assert "<table>" in table._repr_html_()
    assert compare_tokenizations("The dog").rows[0][3] == "no"
    with pytest.raises(CourseError):
        render_tokens("  ", vocab)
