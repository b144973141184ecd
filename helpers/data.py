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

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from . import validation
from .errors import CourseError, DataFileError
from .paths import DATA_DIR, cache_dir, discard, write_atomically

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
_FIX_OWN = ("check the file name and folder (relative paths start from the notebook's folder, "
            "{cwd}), or give an absolute path")
# Tokenized text takes far more memory than the file: Python keeps each token as its own string
# object (about 50 bytes) plus a pointer in its sentence's list. Measured (tracemalloc, 20 MB of
# English news text): 10.1 bytes of memory per byte of file; we estimate 12 to keep a margin.
TOKENIZED_BYTES_PER_FILE_BYTE = 12


# --------------------------------------------------------------------------- reading files
def read_text_file(path: str | Path, fix: str = _FIX_REPO, encoding: str = "utf-8") -> str:
    """Return the text of a UTF-8 file, or raise a `DataFileError` that says what to do.

    `encoding` is for the rare shipped file known to use another one (never guessed).
    """
    path = validation.path(path)
    if not path.exists():
        raise DataFileError(f"file not found: {path}. Fix: {fix.format(cwd=Path.cwd())}.")
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
    if path is not None:  # a file of the learner's own
        return load_text_corpus(path)
    path = data_path("toy_corpus.txt")
    text = read_text_file(path)
    sentences = [simple_tokens(line) for line in text.splitlines()]
    sentences = [s for s in sentences if s]
    if not sentences:
        raise DataFileError(f"{path} has no words in it. Fix: give a file with one sentence "
                            "per line.")
    return sentences


def text_corpus_bytes(path: str | Path) -> int:
    """Estimated memory (bytes) of `load_text_corpus(path)`'s result, from the file's size."""
    return Path(path).stat().st_size * TOKENIZED_BYTES_PER_FILE_BYTE


def load_text_corpus(path: str | Path) -> list[list[str]]:
    """Any UTF-8 text file of your own, one sentence (or paragraph) per line, tokenized.

    The file is read line by line (never whole), and a file whose tokens would not fit in the
    course's memory budget (`helpers.memory`) is refused before reading it.
    """
    from .memory import check_memory, human_bytes

    path = validation.path(path, "path")
    fix = _FIX_OWN.format(cwd=Path.cwd())
    if not path.exists():
        raise DataFileError(f"file not found: {path}. Fix: {fix}.")
    if path.is_dir():
        raise DataFileError(f"path {path} is a folder, not a text file. Fix: give the path of "
                            "a file inside it.")
    size = path.stat().st_size
    check_memory(text_corpus_bytes(path),
                 f"tokenizing path {path.name} ({human_bytes(size)} of text)",
                 "use the first part of the file (e.g. `head -c 50000000 big.txt > part.txt`)")
    sentences, offset, blank = [], 0, True
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, 1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    raise DataFileError(
                        f"path {path} is not UTF-8 text (byte {offset + error.start} is "
                        f"0x{raw[error.start]:02x}) on line {number}. Fix: save the file as "
                        "UTF-8 (e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`).") from None
                offset += len(raw)
                blank = blank and not line.strip()
                tokens = simple_tokens(line)
                if tokens:
                    sentences.extend(chunk_sentence(tokens))
    except OSError as error:
        raise DataFileError(f"cannot read path {path} ({error.strerror}). Fix: check the "
                            "file's permissions, or copy it somewhere readable.") from None
    if blank:
        raise DataFileError(f"path {path} is empty. Fix: {fix}, or give a file that contains "
                            "text.")
    if not sentences:
        raise DataFileError(f"path {path} has no words in it (letters a-z). Fix: give a file "
                            "with one sentence per line.")
    return sentences


def _cached_sentences(name: str, build: Callable[[], list[list[str]]],
                      progress: bool = False) -> list[list[str]]:
    """Tokenize once, then read the cached result (one sentence a line, space-separated).

    With `progress`, a bar is shown whether or not the cache exists, so the notebook's saved
    output does not depend on it.
    """
    from .display import progress_bar

    with progress_bar(1, f"Loading {name.rsplit('_', 1)[0]}", show=progress):
        return _read_or_build(cache_dir() / f"{name}.txt", build)


_CACHE_HEADER = "# course-cache v2 lines={lines} sha256={digest}\n"


def _encode_sentences(sentences: list[list[str]]) -> bytes:
    """A text cache: a header with the number of lines and a checksum, then one sentence a line."""
    body = "".join(" ".join(s) + "\n" for s in sentences).encode("utf-8")
    header = _CACHE_HEADER.format(lines=len(sentences), digest=hashlib.sha256(body).hexdigest())
    return header.encode("ascii") + body


def _decode_sentences(raw: bytes) -> list[list[str]]:
    """The sentences of a text cache, or ValueError if it is truncated or damaged."""
    header, newline, body = raw.partition(b"\n")
    match = re.fullmatch(rb"# course-cache v2 lines=(\d+) sha256=([0-9a-f]{64})", header)
    if not newline or not match:
        raise ValueError("no valid header")
    if hashlib.sha256(body).hexdigest().encode() != match.group(2):
        raise ValueError("checksum mismatch: truncated or changed")
    lines = body.decode("utf-8").split("\n")[:-1]
    if len(lines) != int(match.group(1)):
        raise ValueError(f"{len(lines)} lines instead of {int(match.group(1))}")
    return [line.split(" ") for line in lines]


def _read_or_build(cache: Path, build: Callable[[], list[list[str]]]) -> list[list[str]]:
    """The cached sentences if the cache file is whole (header, line count and checksum),
    else build them, and write the cache (atomically; skipped if the folder is unwritable)."""
    if cache.exists():
        try:
            return _decode_sentences(cache.read_bytes())
        except (OSError, ValueError) as error:  # UnicodeDecodeError is a ValueError
            discard(cache, str(error))
    sentences = build()
    data = _encode_sentences(sentences)
    write_atomically(cache, lambda handle: handle.write(data))
    return sentences


def _wikipedia_sentences(path: Path | None = None) -> list[list[str]]:
    """The articles of gensim's Wikipedia sample, tokenized exactly as `WikiCorpus.get_texts`
    does (same tokenizer, lengths and filters), but in this process.

    `WikiCorpus` hands the articles to a multiprocessing pool; when the file is damaged the
    worker dies and the notebook would wait forever. Here a truncated or damaged file raises a
    `DataFileError` as soon as the bad part is read (seconds).
    """
    import bz2
    from xml.etree.ElementTree import ParseError

    from gensim.corpora import wikicorpus as wiki

    path = gensim_data_path(WIKI_SAMPLE) if path is None else Path(path)
    # WikiCorpus's defaults: articles of namespace 0, at least 50 tokens of 2–15 letters
    params = (wiki.tokenize, 2, 15, True)
    articles = []
    try:
        with bz2.BZ2File(path) as handle:
            for title, text, pageid in wiki.extract_pages(handle, ("0",), None):
                tokens, title, _ = wiki._process_article((text, title, pageid, params))
                if len(tokens) < 50 or any(title.startswith(ignore + ":")
                                           for ignore in wiki.IGNORED_NAMESPACES):
                    continue
                articles.append(tokens)
    except (EOFError, OSError, ParseError, ValueError) as error:
        raise DataFileError(f"the Wikipedia sample {path.name} is damaged or truncated "
                            f"({type(error).__name__}: {error}). Fix: {_FIX_GENSIM}.") from None
    if not articles:
        raise DataFileError(f"the Wikipedia sample {path.name} has no articles. "
                            f"Fix: {_FIX_GENSIM}.")
    return chunked(articles)


def load_wikipedia_sample(progress: bool = False) -> list[list[str]]:
    """gensim's 106-article Wikipedia sample (~450k tokens), tokenized by gensim's WikiCorpus."""
    return _cached_sentences("wikipedia_sample_v2", _wikipedia_sentences, progress)


def load_lee_corpus(progress: bool = False) -> list[list[str]]:
    """The Lee background news corpus (300 documents, ~60k tokens), one document a sentence."""
    def build():
        from gensim.utils import simple_preprocess

        text = read_text_file(gensim_data_path(LEE_BACKGROUND), fix=_FIX_GENSIM)
        # same rules as WikiCorpus: lower case, tokens of 2–15 letters
        return chunked([simple_preprocess(line, min_len=2, max_len=15)
                        for line in text.splitlines() if line.strip()])
    return _cached_sentences("lee_background_v2", build, progress)


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
