# %% [raw] tags=["course-meta"]
# objectives = ["recognise the course's one-sentence answers to typical mistakes, and fix the call", "turn a list of sentences into the list of token lists every trainer expects", "estimate the memory of an array from its shape and number type, before making it", "explain why an all-pairs similarity matrix stops fitting long before its input does", "know where the speed measurements of the course live and how to rerun them"]
# prerequisites = "any notebooks of the core path; this appendix is for reference"

# %% [markdown]
# ## 1. Bad input: one sentence each
#
# The course's compute helpers check their input at the door, with the same rules written once in
# `helpers/validation.py`. A mistake gets **one sentence**: which argument, what it got, and
# what to change. NumPy and PyTorch numbers count as numbers (`np.int64(10)` is a fine size);
# a `True` or a `2.5` is not a size.
#
# The table below runs eighteen typical mistakes. Each call goes through
# `with helpers.explain_errors():`, which prints a course error as one line instead of a
# traceback, so the cell keeps going after each one.

# %%
import contextlib
import io

import numpy as np

import helpers
from helpers.display import Table
from helpers.data import load_text_corpus, load_toy_corpus
from helpers.language_models import load_embedding_table
from helpers.one_hot import one_hot
from helpers.feature_table import parse_feature_csv
from helpers.tokens import Vocabulary, tokenize
from helpers.transfer import sentence_vectors
from helpers.vectors import cosine_similarity
from helpers.word2vec import Word2VecSettings, context_pairs, train_word2vec


def course_answer(call) -> str:
    """Run `call()`; return its result, or the one line the course prints for the mistake."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), helpers.explain_errors():
        return f"accepted: {call()}"
    return printed.getvalue().strip()


corpus = load_toy_corpus()
mistakes = [
    ('train_word2vec(["the cat sat", "a dog ran"])',
     lambda: train_word2vec(["the cat sat", "a dog ran"], progress=False)),
    ('context_pairs("the cat sat", window=2)', lambda: context_pairs("the cat sat", window=2)),
    ("one_hot([1, 2], 2.5)", lambda: one_hot([1, 2], 2.5)),
    ("one_hot([1, 2], np.int64(3)).shape", lambda: one_hot([1, 2], np.int64(3)).shape),
    ("Word2VecSettings(seed=-1)", lambda: Word2VecSettings(seed=-1).validate()),
    ('train_word2vec(corpus, settings="fast")',
     lambda: train_word2vec(corpus, settings="fast", progress=False)),
    ("cosine_similarity([0, 0, 0], [1, 2, 3])", lambda: cosine_similarity([0, 0, 0], [1, 2, 3])),
    ("cosine_similarity([nan, 1, 2], [1, 2, 3])",
     lambda: cosine_similarity([np.nan, 1, 2], [1, 2, 3])),
    ('Vocabulary(["dog"]).decode([7])', lambda: Vocabulary(["dog"]).decode([7])),
    ('load_text_corpus("")', lambda: load_text_corpus("")),
    ('sentence_vectors("one string")', lambda: sentence_vectors("one string")),
    ('load_embedding_table("MiniLM").shape', lambda: load_embedding_table("MiniLM").shape),
    # mistakes that used to be demonstrated inside notebooks 01-05
    ('tokenize("   ")', lambda: tokenize("   ")),
    ('Vocabulary(["dog"]).id_of("dgo")', lambda: Vocabulary(["dog"]).id_of("dgo")),
    ("one_hot([12], 10)", lambda: one_hot([12], 10)),
    ('one_hot("fox", 10)', lambda: one_hot("fox", 10)),
    ('parse_feature_csv("word,group,pet\\ndog,animal,maybe")',
     lambda: parse_feature_csv("word,group,pet\ndog,animal,maybe")),
    ("train_word2vec(corpus, vector_size=0)",
     lambda: train_word2vec(corpus, vector_size=0, progress=False)),
]
Table([(code, course_answer(call)) for code, call in mistakes],
      ["you typed", "the course answers"], title="Eighteen typical mistakes")

# %% [markdown]
# Two of the eighteen are accepted on purpose: a NumPy integer is a whole number, and the model
# name is found in any letter case. The others stop **before any work starts**: the corpus of
# plain strings is refused before gensim sees it (it would have learned single letters:
# `' '`, `'a'`, `'t'` ... as its "words"), and `sentence_vectors` refuses one string before the
# model is loaded (it would have embedded each character as a sentence).
#
# > **Common misconception:** "A similarity of 0 means unrelated, so a zero vector has
# > similarity 0 with everything." The cosine divides by both lengths; a zero vector has length
# > 0 and no direction, so its cosine is **undefined**. The helpers say so (or return NaN when
# > asked with `zero_vectors="nan"`) instead of inventing a 0 that looks like a real answer.
#
# **Exercise 1.** You have texts, one sentence per string. Make the corpus every trainer of the
# course expects: a list with one **list of tokens** per sentence (split on spaces).

# %%
from helpers import ____
from helpers.checks import how_fast_and_how_big as ex

texts = ["the cat sat on the mat", "a dog ran to the cat"]
sentences = ____
ex.q1.check(sentences)
# ex.q1.hint()
# ex.q1.solution()

# %% [markdown]
# ### Training that diverges says so
#
# A learning rate far too large makes every step overshoot, the numbers grow until they are
# infinite, and then NaN ("not a number"). Before, the trainers returned NaN vectors without a
# word. Now the course's trainers check their loss and stop with one sentence:

# %%
from helpers.sgns import train_fast

with helpers.explain_errors():
    train_fast(corpus, lr=99, epochs=2, min_count=1, progress=False)

# %% [markdown]
# ### A damaged cache heals itself
#
# Loaders keep tokenized corpora and trained vectors in a cache folder (`.cache/`). A cache file
# starts with its number of lines and a checksum of the rest, so a file cut short (a full disk,
# a killed kernel) is noticed, thrown away and rebuilt, with one line on the error stream. Here
# the cache lives in a temporary folder, and we cut its file to a third:

# %%
import os
import tempfile
from pathlib import Path

from helpers.data import load_lee_corpus

previous = os.environ.get("TOKEN_EMBEDDINGS_CACHE")
with tempfile.TemporaryDirectory() as folder:
    os.environ["TOKEN_EMBEDDINGS_CACHE"] = folder
    documents = load_lee_corpus()
    cache_file = Path(folder) / "lee_background_v2.txt"
    cache_file.write_bytes(cache_file.read_bytes()[: cache_file.stat().st_size // 3])
    again = load_lee_corpus()
if previous is None:
    del os.environ["TOKEN_EMBEDDINGS_CACHE"]
else:
    os.environ["TOKEN_EMBEDDINGS_CACHE"] = previous
print(f"documents before: {len(documents)}, after the damage: {len(again)}, "
      f"identical: {again == documents}")

# %% [markdown]
# If the cache folder cannot be written at all (a read-only checkout, a full disk), the loaders
# carry on without caching and say so once. A temporary file is never left behind: writes go to
# a temporary name and are renamed only when complete, so two notebooks building the same cache
# at the same time both read whole files.
#
# ## 2. Memory: what would not fit is refused before it starts
#
# An array's memory is simple arithmetic: **number of entries × bytes per entry** (8 for
# float64, 4 for float32). Every helper whose memory grows with its input does this arithmetic
# first (`helpers/memory.py`) and compares the result with one course-wide **budget**. A free
# Binder session gives a kernel at most 2 GB, and the notebook itself uses a few hundred MB,
# so the budget is 1 GB:

# %%
from helpers import memory

print(f"memory budget: {memory.human_bytes(memory.memory_budget())}")
estimates = [
    ("cosines of 25,000 vectors: the 25,000 × 25,000 float64 result",
     memory.array_bytes((25_000, 25_000), "float64")),
    ("top_k of 20,000 queries in 20,000 items: scores (float32) and indices (int64)",
     memory.array_bytes((20_000, 20_000), "float32") + memory.array_bytes((20_000, 20_000),
                                                                          "int64")),
    ("a 2,000,000 × 600 float32 collection to search",
     memory.array_bytes((2_000_000, 600), "float32")),
    ("GPT-2's token table, 50,257 × 768 float32", memory.array_bytes((50_257, 768), "float32")),
    ("the 25,000 one-hot rows of length 2,000 (float32) behind the first line",
     memory.array_bytes((25_000, 2_000), "float32")),
]
Table([(what, memory.human_bytes(size), "fits" if size <= memory.memory_budget() else "refused")
       for what, size in estimates], ["work", "memory", "within 1 GB?"])

# %% [markdown]
# The input of the first line, 25,000 one-hot vectors, takes 200 MB and fits. The matrix of
# all their pairwise cosines takes 5 GB: it grows with the **square** of the number of rows.
# The helper refuses it at once, before allocating anything:

# %%
from helpers.one_hot import pairwise_cosines

with helpers.explain_errors():
    pairwise_cosines(np.ones((25_000, 8)))

# %% [markdown]
# The estimate above counts the result and the normalized copy of the input, plus one
# temporary of the result's size. To check that refusing comes **before** allocating, the
# tests (`tests/test_faults.py`) run these calls in a process whose address space is capped at
# 1.5 GiB: each refusal happened while the process held about 0.22 GiB (the 200 MB input
# included), and the same call with the guard lifted ran into the cap with a `MemoryError`.
#
# The budget is yours to change, for one kernel with `memory.set_memory_budget("4 GB")`, or
# for every kernel with the environment variable `COURSE_MEMORY_BUDGET=4GB`, if the machine has
# the memory. The same estimate passes under a larger budget:

# %%
need = memory.pairwise_bytes(25_000, 8)
for budget in ("1 GB", "16 GB"):
    memory.set_memory_budget(budget)
    with helpers.explain_errors():
        memory.check_memory(need, "the cosines of 25,000 rows")
        print(f"budget {budget}: {memory.human_bytes(need)} is allowed")
memory.set_memory_budget(None)  # back to the default
print(f"budget now: {memory.human_bytes(memory.memory_budget())}")

# %% [markdown]
# Files get the same treatment: `load_text_corpus` reads your file line by line and refuses a
# file whose tokens would not fit. Tokenized text takes about 10 times the file's size in
# Python (each word becomes its own string object), so the estimate is 12 bytes per byte of
# file, and files above about 80 MB are refused.
#
# **Exercise 2.** How many **bytes** does a 50,000 × 50,000 float32 matrix take?

# %%
table_bytes = ____
ex.q2.check(table_bytes)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# **Exercise 3.** Write a memory estimate for all pairwise cosines of `rows` vectors of `dim`
# numbers: the **rows × rows** result plus the **normalized copy** of the input (rows × dim),
# each entry taking `itemsize` bytes (the guard adds one temporary of the result's size on top).
# The check calls your function on random shapes and compares it with the course's answer.

# %%
def similarity_bytes(rows, dim, itemsize=8):
    return ____


ex.q3.check(similarity_bytes)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# **Exercise 4.** What is the largest number of rows whose **rows × rows float64** matrix
# (8 bytes per entry, the result alone) fits in the 1 GB budget (1,000,000,000 bytes)?

# %%
import math

max_rows = ____
ex.q4.check(max_rows)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# ## 3. How fast
#
# Timings depend on the machine, so they are not part of this notebook's checked output. The
# course's benchmark runs every notebook in a fresh kernel and records its time and peak
# memory; run it from the repository's folder with
# `.venv/bin/python benchmarks/course_benchmark.py`. The cell below shows its latest results if
# the folder `benchmarks/results/` has any.

# %% tags=["nbval-ignore-output"]
from helpers.paths import REPO_ROOT

benchmark_results = sorted((REPO_ROOT / "benchmarks" / "results").glob("*"))
if benchmark_results:
    for result in benchmark_results:
        print(f"── {result.name}\n{result.read_text(encoding='utf-8')[:3000]}")
else:
    print("No benchmark results yet: run benchmarks/course_benchmark.py to measure the time "
          "and memory of every notebook on this machine.")

# %% [markdown]
# ## Key points
#
# * The helpers check their input with the same rules and answer a mistake with **one
#   sentence** naming the argument, what it got and what to change; NumPy and PyTorch numbers
#   count as numbers.
# * A corpus is a **list of token lists**: `[s.split() for s in texts]`, never a list of
#   strings (a trainer would learn letters).
# * The cosine of a zero vector is **undefined**, and NaN in vectors is refused: no silent 0.
# * Memory = entries × bytes per entry, known **before** allocating. All-pairs work grows with
#   the square of the rows: 25,000 vectors fit easily, their cosine matrix (5 GB) does not.
# * The budget is 1 GB by default; change it with `helpers.memory.set_memory_budget(...)` or
#   `COURSE_MEMORY_BUDGET`. Damaged caches rebuild themselves, and training that diverges stops
#   and suggests a smaller learning rate.
