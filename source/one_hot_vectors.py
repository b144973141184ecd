# %% [raw] tags=["course-meta"]
# objectives = ["turn token IDs into one-hot vectors, by hand and with torch.nn.functional.one_hot", "show that every pair of different one-hot vectors has cosine 0 and the same distance", "compute the memory of a V × V one-hot table, dense and sparse, for real vocabularies", "see that multiplying a one-hot row by a matrix picks one row of the matrix"]
# prerequisites = "notebook 01 (tokens and IDs)"

# %% [markdown]
# ## From an ID to a vector
#
# Notebook 01 ended with IDs: integers that only say *where* a token sits in a list. Neural
# networks compute with vectors, so the first idea is to write the ID itself as a vector:
# a vector of **V** numbers (V = the vocabulary size), all 0 except a single **1** at position
# ID. That is a **one-hot vector**. We start from the same sentence as notebook 01.

# %%
from helpers.tokens import Vocabulary

sentence = "She saw the brown fox jump over the lazy dog."
vocab = Vocabulary.from_texts(sentence)
ids = vocab.encode(sentence)
print(vocab.id_to_token)
print("V =", len(vocab), "  IDs:", ids)

# %% [markdown]
# ## Step 1: one-hot vectors by hand
#
# Make a V-long row of zeros and put a 1 at the ID's position. For *fox*:

# %%
import numpy as np

V = len(vocab)
fox = np.zeros(V, dtype=np.float32)
fox[vocab.id_of("fox")] = 1.0
print("ID of fox:", vocab.id_of("fox"))
print(fox)

# %% [markdown]
# For a whole sentence, one row per token gives a (tokens × V) matrix. The helper `one_hot`
# does exactly this, and PyTorch has `torch.nn.functional.one_hot`, which returns integers
# (we convert them to float32, the type a network computes with). All three agree:

# %%
import torch
import torch.nn.functional as F
from helpers.one_hot import one_hot, one_hot_torch

by_helper = one_hot(ids, V)
by_torch = F.one_hot(torch.tensor(ids), num_classes=V)
print("torch dtype:", by_torch.dtype, "  shape:", tuple(by_torch.shape))
print("helper == torch:", np.array_equal(by_helper, by_torch.numpy()))
print("helper == one_hot_torch:", np.array_equal(by_helper, one_hot_torch(ids, V).numpy()))
print("fox row == our hand-made vector:", np.array_equal(by_helper[4], fox))

# %%
from helpers.one_hot_views import one_hot_heatmap

one_hot_heatmap(vocab.tokens_of(sentence), by_helper, vocab.id_to_token,
                title="The sentence as one-hot vectors (one bright cell per row)")

# %% [markdown]
# Both rows for *the* are identical: a one-hot vector only says *which token*, exactly like
# its ID.

# %% [markdown]
# ## Step 2: every pair is equally far apart
#
# Take the running words of the course in the toy-corpus vocabulary of notebook 01
# (V = 121). How similar are their one-hot vectors? Cosine similarity (1 = same direction,
# 0 = at right angles) and ordinary distance, for every pair:

# %%
from helpers.data import load_toy_corpus

toy_vocab = Vocabulary.from_sentences(load_toy_corpus())
words = ["brown", "dog", "fox", "jump", "lazy", "love", "quack", "she", "duck", "london"]
vectors = one_hot(toy_vocab.encode(words), len(toy_vocab))
print("vectors:", vectors.shape)

# %%
from helpers.one_hot_views import cosine_heatmap, distance_heatmap, pair_summary

cosine_heatmap(words, vectors)

# %%
distance_heatmap(words, vectors)

# %%
pair_summary(words, vectors)

# %% [markdown]
# All 45 pairs have cosine 0.000 and distance √2 ≈ 1.414. The 1s of two different words never
# share a position, so their dot product is 0. *dog* is exactly as close to *fox* as to
# *london*, and *duck* as close to *quack* as to *lazy*. One-hot vectors keep the identity of a
# token and nothing else.

# %%
from helpers.vectors import cosine_similarity

dog, fox, london = one_hot(toy_vocab.encode(["dog", "fox", "london"]), len(toy_vocab))
print(f"cos(dog, fox)    = {cosine_similarity(dog, fox):.3f}   distance {np.linalg.norm(dog - fox):.3f}")
print(f"cos(dog, london) = {cosine_similarity(dog, london):.3f}   distance {np.linalg.norm(dog - london):.3f}")

# %% [markdown]
# > **Common misconception:** "With a clever vocabulary order, one-hot vectors could put
# > similar words close together." They cannot: whichever positions the 1s take, two different
# > one-hot vectors always have cosine 0 and distance √2. Re-ordering the vocabulary only
# > swaps columns. To make *dog* closer to *fox* than to *london*, a word needs a vector whose
# > numbers are shared with related words, which is what notebooks 03 (by hand) and 04–05
# > (learned) build.

# %% [markdown]
# ## Step 3: the memory bill
#
# A one-hot vector has V numbers and only one of them is not zero. Real vocabularies have tens
# of thousands of tokens. Storing the one-hot vectors of *all* V tokens as a dense V × V table
# of float32 numbers (4 bytes each) costs V² × 4 bytes:

# %%
from helpers.one_hot import GPT2_VOCABULARY, format_bytes, memory_report, sparsity

report = memory_report(GPT2_VOCABULARY)
for how, size in report.items():
    print(f"{how:>14}: {size:>15,} bytes = {format_bytes(size)}")
print(f"zeros in one GPT-2 one-hot vector: {100 * sparsity(GPT2_VOCABULARY):.4f} %")

# %% [markdown]
# About 10 GB (9.4 GiB), of which 99.998 % are zeros. A **sparse** format stores only the non-zero
# entries: PyTorch's COO format keeps a row index, a column index (8 bytes each) and the value
# (4 bytes) for each of the V ones. We can build that table for real and measure it:

# %%
from helpers.one_hot import torch_sparse_bytes

measured = torch_sparse_bytes(GPT2_VOCABULARY)
print(f"torch sparse 50,257 × 50,257 identity: {measured:,} bytes = {format_bytes(measured)}")
print("same as the formula:", measured == report["sparse (COO)"])

# %%
from helpers.display import Table
from helpers.one_hot import memory_rows, vocabulary_sizes

Table(memory_rows(vocabulary_sizes()), ["tokenizer", "V", "dense V × V", "sparse (COO)",
                                        "just the IDs"],
      title="Storing every one-hot vector of a real vocabulary")

# %% [markdown]
# The last column is the punchline: a one-hot vector holds no more information than its ID.
# That is why real models never build these vectors. They keep the IDs and look up rows
# directly (Step 4 shows why that is the same thing).
#
# ## Try it: vocabulary size → memory and sparsity
#
# Move the slider through real vocabulary sizes (BERT 30,522; GPT-2 50,257; Llama 3 128,256;
# Gemma 256,000). The bars use a log scale: each grid line is 10 times the one below
# (1, 10, 100, 1k, ... 1T bytes). The bars' numbers are the table's above.

# %% tags=["nbval-ignore-output"]
from helpers.one_hot_views import memory_widget

size_slider = memory_widget()
size_slider

# %% [markdown]
# The widget draws `render_memory(V)` (one figure, both panels); its numbers for GPT-2:

# %%
from helpers.one_hot import sparsity

print(f"dense {format_bytes(report['dense float32'])}, zeros in one vector "
      f"{100 * sparsity(GPT2_VOCABULARY):.4f} %")

# %% [markdown]
# ## Step 4 (preview): one-hot row · matrix = picking a row
#
# Here is why one-hot vectors still matter. Take any matrix `W` with one row per token (V rows,
# here 3 columns). Multiply a one-hot row vector by `W`: every row of `W` is multiplied by 0
# except the row at the ID, which is multiplied by 1. The product *is* that row.

# %%
rng = np.random.default_rng(0)
W = rng.integers(-9, 10, size=(V, 3)).astype(np.float32)
Table([(i, t, *W[i].astype(int).tolist()) for i, t in enumerate(vocab.id_to_token)],
      ["ID", "token", "column 0", "column 1", "column 2"], title="A V × 3 matrix W")

# %%
from helpers.one_hot import pick_row

fox_id = vocab.id_of("fox")
product = one_hot([fox_id], V) @ W
print("one_hot(fox) @ W =", product[0])
print("W[fox]           =", W[fox_id])
print("same:", np.array_equal(product[0], W[fox_id]), "|", np.array_equal(pick_row(fox_id, W), W[fox_id]))

# %% [markdown]
# So "multiply by a one-hot vector" and "look up row ID" give the same numbers; the look-up
# just skips V − 1 multiplications by zero. An **embedding layer** (notebook 06) is exactly
# this: a V × N matrix whose row number ID is the vector of token ID. The rows hold numbers
# that can differ from word to word in meaningful ways, unlike one-hot vectors. Notebook 03
# fills such rows by hand, with columns we name ourselves.

# %% [markdown]
# ## Exercises
#
# **Exercise 1 (worked for you).** Write the one-hot vector of ID 3 in a vocabulary of 6 tokens.

# %%
from helpers import ____
from helpers.checks import one_hot_vectors as ex

vector = [0, 0, 0, 1, 0, 0]
ex.q1.check(vector)

# %% [markdown]
# **Exercise 2 (write code).** Write `my_one_hot(ids, V)`: a NumPy array with one row per ID
# and V columns, all 0 except a 1 in each row at that row's ID. The check runs it on random
# IDs and sizes against the course's `one_hot` and names the kind of bug it finds (the 1 one
# place off, the shape transposed...). Use only NumPy, not `one_hot`.

# %%
def my_one_hot(ids, V):
    ____


ex.q2.check(my_one_hot)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# **Exercise 3.** A batch of 1,024 token IDs is turned into one-hot vectors for GPT-2's
# vocabulary (V = 50,257). How many of the numbers in that 1,024 × 50,257 matrix are **zeros**?

# %%
zeros_in_batch = ____
ex.q3.check(zeros_in_batch)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# **Exercise 4.** BERT's vocabulary has 30,522 tokens. How many bytes does a dense V × V
# float32 one-hot table for it take? (Answer with the exact number of bytes.)

# %%
bert_bytes = ____
ex.q4.check(bert_bytes)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# **Exercise 5.** `W` below has 4 rows and 3 columns. Predict `one_hot([2], 4) @ W`, then
# check your prediction by computing it.

# %%
W = np.arange(12, dtype=np.float32).reshape(4, 3)
print(W)
result = ____
ex.q5.check(result)
# ex.q5.hint()
# ex.q5.solution()

# %% [markdown]
# ## Key points
#
# * A one-hot vector writes an ID as V numbers: a single 1 at the ID's position, zeros
#   elsewhere (`torch.nn.functional.one_hot` makes them in PyTorch).
# * Every pair of different one-hot vectors has cosine 0 and distance √2: they say which token,
#   never which tokens are alike.
# * A dense V × V one-hot table is huge (≈ 9.4 GiB for GPT-2's 50,257 tokens) and almost all
#   zeros; a sparse table or the plain IDs hold the same information in about 1 MiB or less.
# * one-hot row · W = row ID of W. An embedding layer is that look-up, with rows that training
#   can fill with meaningful numbers.
