"""Loading the course's text and evaluation data, offline.

Two sources:
* files we wrote, in `data/` (the toy corpus, the feature table, small fixtures);
* files gensim ships with its tests, found through `gensim.test.utils.datapath` (never copied):
  a 106-article Wikipedia sample, the Lee news corpus, WordSim353, SimLex-999, the Google
  analogy questions and 200 labelled movie-review sentences.

Every reader goes through `read_text_file`, so a missing, empty, unreadable or non-UTF-8 file
always raises one `DataFileError` that names the file and the fix.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .errors import DataFileError
from .paths import DATA_DIR, cache_dir

# gensim's Word2Vec silently cuts sentences after 10,000 tokens; we split long texts into
# chunks of this size so gensim and our torch trainers see exactly the same text.
MAX_SENTENCE_TOKENS = 10_000

WIKI_SAMPLE = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
LEE_BACKGROUND = "lee_background.cor"
WORDSIM353 = "wordsim353.tsv"
SIMLEX999 = "simlex999.txt"
GOOGLE_ANALOGIES = "questions-words.txt"
POLARITY = "pang_lee_polarity.cor"

_FIX_GENSIM = "reinstall gensim 4.4.0 (`python3 tools/course.py setup`), which ships this file"
_FIX_REPO = "restore it from the repository (`git checkout -- data/`)"


# --------------------------------------------------------------------------- reading files
def read_text_file(path: str | Path, fix: str = _FIX_REPO, encoding: str = "utf-8") -> str:
    """Return the text of a UTF-8 file, or raise a `DataFileError` that says what to do.

    `encoding` is for the rare shipped file known to use another one (never guessed).
    """
    path = Path(path)
    if not path.exists():
        raise DataFileError(f"file not found: {path}. Fix: {fix}.")
    if path.is_dir():
        raise DataFileError(f"{path} is a folder, not a text file. Fix: give the path of a file.")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataFileError(f"cannot read {path} ({error.strerror}). Fix: check the file's "
                            "permissions, or copy it somewhere readable.") from None
    if not raw.strip():
        raise DataFileError(f"{path} is empty. Fix: {fix}, or give a file that contains text.")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise DataFileError(
            f"{path} is not {encoding.upper()} text (byte {error.start} is 0x{raw[error.start]:02x}). Fix: "
            "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`).") from None


def gensim_data_path(name: str) -> Path:
    """The path of a file that gensim ships in its test data."""
    try:
        from gensim.test.utils import datapath
    except ImportError:
        raise DataFileError(f"gensim is not installed, so its bundled file {name} cannot be "
                            f"found. Fix: {_FIX_GENSIM}.") from None
    path = Path(datapath(name))
    if not path.exists():
        raise DataFileError(f"gensim's bundled file {name} was not found at {path}. "
                            f"Fix: {_FIX_GENSIM}.")
    return path


def data_path(name: str) -> Path:
    """The path of a file in the course's own `data/` folder."""
    return DATA_DIR / name


# --------------------------------------------------------------------------- tokenizing
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def simple_tokens(text: str) -> list[str]:
    """Lower-case words (letters, with an inner apostrophe kept): the corpora's tokenizer."""
    return _WORD.findall(text.lower())


def chunk_sentence(tokens: list[str], size: int = MAX_SENTENCE_TOKENS) -> list[list[str]]:
    """Split one long token list into pieces of at most `size` tokens."""
    return [tokens[i:i + size] for i in range(0, len(tokens), size)] or []


def chunked(sentences: Iterable[list[str]], size: int = MAX_SENTENCE_TOKENS) -> list[list[str]]:
    return [piece for sentence in sentences for piece in chunk_sentence(sentence, size)]


# --------------------------------------------------------------------------- corpora
def load_toy_corpus(path: str | Path | None = None, progress: bool = False) -> list[list[str]]:
    """The course's small corpus (one sentence a line) as lists of lower-case tokens."""
    path = Path(path) if path is not None else data_path("toy_corpus.txt")
    text = read_text_file(path)
    sentences = [simple_tokens(line) for line in text.splitlines()]
    sentences = [s for s in sentences if s]
    if not sentences:
        raise DataFileError(f"{path} has no words in it. Fix: give a file with one sentence "
                            "per line.")
    return sentences


def load_text_corpus(path: str | Path) -> list[list[str]]:
    """Any UTF-8 text file of your own, one sentence (or paragraph) per line, tokenized."""
    return load_toy_corpus(path)


def _cached_sentences(name: str, build: Callable[[], list[list[str]]],
                      progress: bool = False) -> list[list[str]]:
    """Tokenize once, then read the cached result (one sentence a line, space-separated).

    With `progress`, a bar is shown whether or not the cache exists, so the notebook's saved
    output does not depend on it.
    """
    from .display import progress_bar

    with progress_bar(1, f"Loading {name.rsplit('_', 1)[0]}", show=progress):
        return _read_or_build(cache_dir() / f"{name}.txt", build)


def _read_or_build(cache: Path, build: Callable[[], list[list[str]]]) -> list[list[str]]:
    if cache.exists():
        try:
            lines = cache.read_text(encoding="utf-8").splitlines()
            return [line.split(" ") for line in lines if line]
        except (OSError, UnicodeDecodeError):
            pass  # a damaged cache is rebuilt below
    sentences = build()
    tmp = cache.with_suffix(f".{os.getpid()}.tmp")  # notebooks may build it at the same time
    tmp.write_text("\n".join(" ".join(s) for s in sentences) + "\n", encoding="utf-8")
    tmp.replace(cache)
    return sentences


def _wikipedia_sentences() -> list[list[str]]:
    from gensim.corpora.wikicorpus import WikiCorpus

    path = gensim_data_path(WIKI_SAMPLE)
    # dictionary={} skips building a gensim Dictionary; processes=1 keeps memory small.
    corpus = WikiCorpus(str(path), dictionary={}, processes=1)
    return chunked(list(corpus.get_texts()))


def load_wikipedia_sample(progress: bool = False) -> list[list[str]]:
    """gensim's 106-article Wikipedia sample (~450k tokens), tokenized by gensim's WikiCorpus."""
    return _cached_sentences("wikipedia_sample_v1", _wikipedia_sentences, progress)


def load_lee_corpus(progress: bool = False) -> list[list[str]]:
    """The Lee background news corpus (300 documents, ~60k tokens), one document a sentence."""
    def build():
        from gensim.utils import simple_preprocess

        text = read_text_file(gensim_data_path(LEE_BACKGROUND), fix=_FIX_GENSIM)
        # same rules as WikiCorpus: lower case, tokens of 2–15 letters
        return chunked([simple_preprocess(line, min_len=2, max_len=15)
                        for line in text.splitlines() if line.strip()])
    return _cached_sentences("lee_background_v1", build, progress)


def load_bundled_corpus(progress: bool = False) -> list[list[str]]:
    """Wikipedia sample + Lee corpus: the course's "real" corpus (~510k tokens)."""
    return load_wikipedia_sample(progress) + load_lee_corpus(progress)


def corpus_summary(sentences: list[list[str]]) -> dict:
    tokens = sum(len(s) for s in sentences)
    vocabulary = len({w for s in sentences for w in s})
    return {"sentences": len(sentences), "tokens": tokens, "distinct words": vocabulary}


# --------------------------------------------------------------------------- evaluation sets
@dataclass(frozen=True)
class WordPair:
    word1: str
    word2: str
    score: float


@dataclass(frozen=True)
class Analogy:
    section: str
    a: str
    b: str
    c: str
    expected: str  # a : b :: c : expected


def _read_pairs(name: str) -> list[WordPair]:
    path = gensim_data_path(name)
    pairs = []
    for number, line in enumerate(read_text_file(path, fix=_FIX_GENSIM).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        try:
            pairs.append(WordPair(parts[0].lower(), parts[1].lower(), float(parts[2])))
        except (IndexError, ValueError):
            raise DataFileError(f"{path}, line {number}: expected 'word<TAB>word<TAB>score', "
                                f"got {line!r}. Fix: {_FIX_GENSIM}.") from None
    return pairs


def load_wordsim353() -> list[WordPair]:
    """WordSim353: 353 word pairs with human relatedness scores (0–10)."""
    return _read_pairs(WORDSIM353)


def load_simlex999() -> list[WordPair]:
    """SimLex-999: 999 pairs scored for similarity, not mere relatedness (0–10)."""
    return _read_pairs(SIMLEX999)


def load_google_analogies() -> list[Analogy]:
    """The Google analogy questions (19,544 of them, 14 sections), lower-cased."""
    path = gensim_data_path(GOOGLE_ANALOGIES)
    questions, section = [], ""
    for line in read_text_file(path, fix=_FIX_GENSIM).splitlines():
        if line.startswith(":"):
            section = line[1:].strip()
        elif line.strip():
            a, b, c, d = line.lower().split()
            questions.append(Analogy(section, a, b, c, d))
    return questions


def load_polarity_sentences() -> list[tuple[list[str], int]]:
    """200 movie-review sentences labelled positive (1) or negative (0), tokenized."""
    path = gensim_data_path(POLARITY)
    examples = []
    # this file is Windows-1252 (e.g. byte 0x97, an em dash), not UTF-8
    for line in read_text_file(path, fix=_FIX_GENSIM, encoding="cp1252").splitlines():
        if not line.strip():
            continue
        label, _, text = line.partition(" ")
        examples.append((simple_tokens(text), 1 if label == "__label__pos" else 0))
    return examples
