"""Data loading: the real files load, and every kind of bad file gives one clear error."""
from pathlib import Path

import pytest

from helpers import data
from helpers.errors import DataFileError


def test_toy_corpus_has_the_running_example_words():
    sentences = data.load_toy_corpus()
    words = {w for s in sentences for w in s}
    assert {"brown", "dog", "fox", "jump", "lazy", "love", "quack", "she"} <= words
    assert {"apple", "banana", "london", "paris"} <= words
    assert 2000 < sum(map(len, sentences)) < 50_000


def test_bundled_corpus_is_tokenized_once_then_cached(temp_cache):
    first = data.load_bundled_corpus()
    summary = data.corpus_summary(first)
    assert 500_000 < summary["tokens"] < 520_000
    assert max(map(len, first)) <= data.MAX_SENTENCE_TOKENS  # gensim would truncate longer ones
    assert all(w == w.lower() for s in first[:20] for w in s)
    assert (temp_cache / "wikipedia_sample_v2.txt").exists()
    assert (temp_cache / "lee_background_v2.txt").exists()
    assert data.load_bundled_corpus() == first


def test_a_damaged_cache_is_rebuilt(temp_cache):
    expected = data.load_lee_corpus()
    (temp_cache / "lee_background_v2.txt").write_bytes(b"\xff\xfe broken")
    assert data.load_lee_corpus() == expected


def test_chunking_splits_long_sentences():
    pieces = data.chunk_sentence(list(range(25)), 10)
    assert [len(p) for p in pieces] == [10, 10, 5]
    assert data.chunk_sentence([], 10) == []


def test_evaluation_sets():
    ws, sl, an = data.load_wordsim353(), data.load_simlex999(), data.load_google_analogies()
    assert len(ws) == 353 and len(sl) == 999 and len(an) == 19544
    assert ws[0] == data.WordPair("love", "sex", 6.77)
    assert an[0] == data.Analogy("capital-common-countries", "athens", "greece", "baghdad", "iraq")
    assert len({q.section for q in an}) == 14


def test_polarity_sentences():
    examples = data.load_polarity_sentences()
    assert len(examples) == 200 and {label for _, label in examples} == {0, 1}
    assert examples[0] == (["simplistic", "silly", "and", "tedious"], 0)


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match=r"file not found: .*nope\.txt\. Fix:"):
        data.load_text_corpus(tmp_path / "nope.txt")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n")
    with pytest.raises(DataFileError, match=r"empty\.txt is empty"):
        data.load_text_corpus(path)


def test_file_without_words(tmp_path):
    path = tmp_path / "numbers.txt"
    path.write_text("123 456\n")
    with pytest.raises(DataFileError, match="has no words"):
        data.load_text_corpus(path)


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("café au lait".encode("latin-1"))
    with pytest.raises(DataFileError, match=r"not UTF-8 text \(byte 3 is 0xe9\).*iconv"):
        data.load_text_corpus(path)


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(DataFileError, match="is a folder"):
        data.read_text_file(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("words")

    def refuse(self):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(DataFileError, match=r"cannot read .*secret\.txt \(Permission denied\)"):
        data.read_text_file(path)


def test_missing_gensim_file_names_the_fix():
    with pytest.raises(DataFileError, match="reinstall gensim"):
        data.gensim_data_path("no-such-file.txt")


def test_errors_are_one_sentence_not_a_key_error():
    assert issubclass(DataFileError, ValueError)
