# %% [raw] tags=["course-meta"]
# objectives = ["use torch.nn.Embedding as a lookup table from IDs to rows", "prove that a lookup equals one-hot × W and nn.Linear on one-hot vectors", "explain with measurements why models look rows up instead of multiplying", "count the parameters and memory of real embedding tables", "say which rows a backward pass changes, and what padding_idx does", "load Word2Vec vectors with nn.Embedding.from_pretrained, frozen or trainable"]
# prerequisites = "02 (one-hot vectors) and 05 (Word2Vec on a real corpus); a little PyTorch helps but is not needed"

# %% [markdown]
# ## 1. A table you index with IDs
#
# In notebook 02 every token ID became a one-hot vector; in notebook 05 Word2Vec produced one
# row of numbers per word. PyTorch puts those two ideas into one layer, `torch.nn.Embedding`:
# a **V × N table** (V = vocabulary size, N = embedding dimension) that you index with IDs.
#
# Here is a table with 4 rows of 5 numbers. Its starting values are random (notebook 07 is
# about exactly those numbers).

# %%
import torch
from torch import nn

torch.manual_seed(0)
embedding = nn.Embedding(num_embeddings=4, embedding_dim=5)
print(embedding)
print(embedding.weight.data.round(decimals=3))

# %% [markdown]
# Give it the IDs `[2, 3, 1]`: out come **rows 2, 3 and 1** of the table, in that order. No
# arithmetic happens, it is a lookup.

# %%
idx = torch.tensor([2, 3, 1])
output = embedding(idx)
print("output shape:", tuple(output.shape))
print(output.data.round(decimals=3))
print("equal to rows 2, 3, 1 of the table:", torch.equal(output, embedding.weight[[2, 3, 1]]))

# %% [markdown]
# ## 2. Lookup = one-hot × W = `nn.Linear` on one-hots
#
# Notebook 02 said "one-hot vector times a matrix picks one row". Let's prove that the three
# ways give **exactly** the same numbers, on IDs you choose. Change `my_ids` (any whole numbers
# from 0 to 9) and run the next cells again.

# %%
import torch.nn.functional as F

my_ids = [7, 0, 7, 3]
V, N = 10, 4

torch.manual_seed(1)
table = nn.Embedding(V, N)
ids = torch.tensor(my_ids)

one_hot = F.one_hot(ids, num_classes=V).float()       # (4 IDs × 10) zeros with one 1 per row
print("one-hot matrix:")
print(one_hot.int())

# %% [markdown]
# `nn.Linear(V, N, bias=False)` stores its weight the other way round, as N × V (outputs ×
# inputs), and computes `x @ weight.T`. So we copy the embedding table **transposed** into it.

# %%
linear = nn.Linear(V, N, bias=False)
with torch.no_grad():
    linear.weight.copy_(table.weight.T)

by_lookup = table(ids)
by_matmul = one_hot @ table.weight
by_linear = linear(one_hot)

print("lookup == one-hot @ W :", torch.equal(by_lookup, by_matmul))
print("lookup == Linear(one-hot):", torch.equal(by_lookup, by_linear))
print("allclose (float tolerance):", torch.allclose(by_lookup, by_matmul), torch.allclose(by_lookup, by_linear))

# %% [markdown]
# `torch.equal` demands identical bits, and it holds: multiplying by 1 and adding zeros is
# exact in floating point. The helper below does the same three computations; the tests use
# it on many ID lists.

# %%
from helpers.embedding_layer import lookup_equivalence

result = lookup_equivalence(my_ids, vocab_size=10, dim=4)
print(result.ids, "→ equal:", result.lookup_equals_matmul, result.lookup_equals_linear)

# %% [markdown]
# **Exercise 1 (write code).** Write `my_one_hot_lookup(ids, W)`: given a 1-D tensor of IDs and
# a (V × N) table `W`, build the one-hot matrix of the IDs and multiply it by `W`. The check
# runs it on 9 random tables and ID lists and compares with `W[ids]`.

# %%
from helpers import ____
from helpers.checks import embedding_layer as ex


def my_one_hot_lookup(ids, W):
    ____                      # your code here: one-hot matrix @ W


ex.q1.check(my_one_hot_lookup)
# ex.q1.hint()
# ex.q1.solution()

# %% [markdown]
# > **Common misconception:** "An embedding layer multiplies a one-hot vector by a matrix."
# > Mathematically it *could*, and the result would be identical, as you just saw. But the
# > layer never builds a one-hot vector: it reads the row at the given address. Thinking of it
# > as a lookup also explains the next sections: why it is fast, and why training only
# > touches the rows that were used.

# %% [markdown]
# A batch of 2 sentences with 3 tokens each is the ID tensor `[[2, 3, 1], [0, 0, 3]]`, shape
# (2, 3). Through `nn.Embedding(4, 5)` every ID becomes a row of 5 numbers:

# %%
print(tuple(nn.Embedding(4, 5)(torch.tensor([[2, 3, 1], [0, 0, 3]])).shape))

# %% [markdown]
# **Exercise 2.** Now 3 sentences of 2 tokens each, an ID tensor of shape (3, 2), go through
# `nn.Embedding(10, 7)`. What shape comes out? Answer with a tuple.

# %%
output_shape = ____
ex.q2.check(output_shape)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# ## 3. Why a lookup? Measure it
#
# The two ways give the same numbers, but not at the same cost. For a batch of B IDs, the
# one-hot way builds a B × V matrix (mostly zeros), and the product then does B × V × N
# multiplications. The lookup copies B rows. Here is the bill for N = 768 (GPT-2's width) and
# B = 256 IDs. (The benchmark script `benchmarks/lookup_vs_matmul.py` runs the same with
# B = 1,024.)
#
# Times depend on your machine and on what else runs on it, so they are not checked; the
# memory is arithmetic and is checked.

# %% tags=["nbval-ignore-output"]
from helpers.display import progress_bar
from helpers.embedding_layer import measure_lookup_vs_matmul
from helpers.embedding_layer_views import measurement_table, timing_figure

measurements = []
with progress_bar(3, "Timing V = 1,000 / 10,000 / 50,257") as bar:
    for vocab_size in (1_000, 10_000, 50_257):
        measurements.append(measure_lookup_vs_matmul(vocab_size, dim=768, batch=256, repeats=2))
        bar.update(1)
measurement_table(measurements)

# %% tags=["nbval-ignore-output"]
timing_figure(measurements)

# %% [markdown]
# The memory column needs no stopwatch: `F.one_hot` makes a B × V matrix of int64 (8 bytes
# each), `.float()` a float32 copy (4 bytes each), and the output is B × N floats. The lookup
# makes only the output. The ratio grows in step with V.

# %%
from helpers.embedding_layer import forward_bytes, human_bytes

for vocab_size in (1_000, 10_000, 50_257):
    lookup_bytes, matmul_bytes = forward_bytes(vocab_size, dim=768, batch=256)
    print(f"V = {vocab_size:>6,}: lookup {human_bytes(lookup_bytes):>9}, "
          f"one-hot {human_bytes(matmul_bytes):>9}  ({matmul_bytes / lookup_bytes:,.0f}×)")
print("measured V:", [m.vocab_size for m in measurements],
      "| memory ratio grows with V:", measurements[0].memory_ratio < measurements[1].memory_ratio < measurements[2].memory_ratio)

# %% [markdown]
# With B = 1,024 at V = 50,257 the one-hot way needs about 620 MB (≈ 590 MiB) just for its
# one-hot matrices and takes around a second or more per batch on a laptop CPU; the lookup
# makes a 3 MB output in well under a millisecond. Real models look rows up.
#
# The forward + backward ratio is smaller than the forward one for a reason you will meet in
# section 5: by default the backward pass of the lookup still writes a *dense* V × N gradient
# (154 MB of mostly zeros at V = 50,257), and that, not the lookup, is what takes the time.

# %% [markdown]
# ## 4. Real sizes
#
# An embedding table has V × N parameters. In float32 each takes 4 bytes, in float16 or
# bfloat16 2 bytes. Real token-embedding tables:

# %%
from helpers.display import Table
from helpers.embedding_layer import real_table_rows

Table(real_table_rows(), ["model", "V", "N", "parameters", "float32", "float16"],
      title="Token-embedding tables of real models")

# %%
from helpers.embedding_layer_views import real_tables_figure

real_tables_figure()

# %% [markdown]
# GPT-3 (175B) has a 12,288-dimensional model and GPT-2's 50,257-token vocabulary, so its
# table alone is 617.6 million numbers: 2.47 GB in float32. Yet that is only about 0.35 % of
# its 175 billion parameters; in GPT-2 small (124 million parameters) the table is about 31 %.
#
# **Calculator.** Type any V and N. Anything above 1 GB gets a warning (the calculator never
# allocates the table).

# %% tags=["nbval-ignore-output"]
from helpers.embedding_layer_views import render_calculator, size_calculator_widget

size_calculator_widget(vocab_size=50_257, dim=768)

# %% [markdown]
# The same function, called directly, for GPT-3's table:

# %%
render_calculator(vocab_size=50_257, dim=12_288)

# %% [markdown]
# **Exercise 3.** How many parameters does GPT-2 small's token-embedding table have?

# %%
gpt2_parameters = ____
ex.q3.check(gpt2_parameters)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# ## 5. Gradients touch only the rows you looked up
#
# Training computes a gradient for every parameter, then nudges it. For an embedding table,
# rows that were not looked up took no part in the output, so their gradient is **exactly
# zero** and they do not move. Below, loss = sum of the outputs, so every look-up adds 1 to
# each entry of its row's gradient: row 4, looked up twice, gets 2.

# %%
torch.manual_seed(0)
small = nn.Embedding(8, 3)
small(torch.tensor([4, 1, 4])).sum().backward()
print(small.weight.grad)

# %%
from helpers.embedding_layer import gradient_rows

report = gradient_rows([4, 1, 4], vocab_size=8, dim=3)
print("rows with a gradient:   ", report["rows_with_gradient"])
print("rows without a gradient:", report["rows_without_gradient"])

# %% [markdown]
# With a vocabulary of 50,257 and a batch that uses a few hundred distinct tokens, almost
# every row of that gradient is zeros. `nn.Embedding(..., sparse=True)` stores only the used
# rows (and needs an optimizer that accepts sparse gradients, such as `torch.optim.SGD` or
# `torch.optim.SparseAdam`):

# %%
from helpers.embedding_layer import sparse_gradient

sparse = sparse_gradient([4, 1, 4], vocab_size=8, dim=3)
print("layout:", sparse.layout, "| stored rows:", sparse.indices().tolist()[0])
print(sparse.values())

# %% [markdown]
# **`padding_idx`.** Sentences in a batch have different lengths, so short ones are filled up
# with a padding ID. `nn.Embedding(V, N, padding_idx=0)` makes row 0 start as zeros and never
# receive a gradient, so padding never learns anything.

# %%
from helpers.embedding_layer import padding_demo

padded = padding_demo([3, 5, 0, 0], vocab_size=6, dim=3, padding_idx=0)
print("row 0 (padding):", padded["padding_row"].tolist())
print("gradient:")
print(padded["grad"])

# %% [markdown]
# **Exercise 4.** A table with 7 rows looks up the IDs `[5, 2, 5, 0]` and back-propagates.
# Which rows get a non-zero gradient? Give a list of row numbers.

# %%
rows_with_gradient = ____
ex.q4.check(rows_with_gradient)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# ## 6. Loading Word2Vec vectors into a layer
#
# Notebook 05 trained Word2Vec. `nn.Embedding.from_pretrained(matrix)` turns any V × N matrix
# into a layer whose row *i* is row *i* of the matrix. What makes this correct is the
# **word → ID map**: it must come from the same word list as the matrix, or every ID points at
# another word's vector. Here we train (or load from the cache) 16-dimensional vectors on the
# course's toy corpus, the same way notebook 05 does.

# %%
from helpers.word2vec import course_vectors

words, matrix = course_vectors(corpus="toy", vector_size=16, progress=True)
print(len(words), "words × ", matrix.shape[1], "dimensions; first words:", words[:6])

# %%
from helpers.embedding_layer import pretrained_embedding, words_to_ids

vocabulary, frozen = pretrained_embedding(words, matrix, freeze=True)   # word → row number
sentence = "the cat eats the mango".split()
sentence_ids = words_to_ids(sentence, vocabulary)
print(list(zip(sentence, sentence_ids)))

vectors = frozen(torch.tensor(sentence_ids))
print("shape:", tuple(vectors.shape))
print("row for 'cat' equals gensim's vector:",
      bool(torch.equal(vectors[1], torch.from_numpy(matrix[vocabulary["cat"]]))))

# %% [markdown]
# gensim numbers its words by frequency ("the" is 0), so here "cat" is 66; a sorted vocabulary
# (notebook 01) would give it another number. Any numbering works, as long as the word → ID map
# and the rows of the matrix come from the same list.

# %% [markdown]
# **Frozen or trainable?** `freeze=True` (the default) sets `requires_grad=False`: the layer is a
# fixed lookup, and training the rest of a model leaves it alone. `freeze=False` lets training
# fine-tune the vectors for the new task. One SGD step on a made-up task shows the difference
# (notebook 11 compares the two on a real task).

# %%
from helpers.embedding_layer import one_training_step

_, trainable = pretrained_embedding(words, matrix, freeze=False)
print("frozen:    requires_grad =", frozen.weight.requires_grad,
      "| largest change after a step:", f"{one_training_step(frozen, sentence_ids):.4f}")
print("trainable: requires_grad =", trainable.weight.requires_grad,
      "| largest change after a step:", f"{one_training_step(trainable, sentence_ids):.4f}")

# %% [markdown]
# ## Key points
#
# * `nn.Embedding(V, N)` is a V × N table; `embedding(ids)` returns the rows at those IDs, with
#   the IDs' shape plus one axis of length N.
# * A lookup gives exactly the same numbers as one-hot × W and as `nn.Linear(V, N, bias=False)`
#   on one-hots (with the weight transposed), but never builds the one-hot matrix: the time and
#   memory of the **forward** lookup do not grow with V. The default backward pass does: it
#   writes a dense V × N gradient (use `sparse=True` to store only the used rows).
# * Real tables are big: GPT-2 small 38.6 million parameters, GPT-3 617.6 million (2.47 GB in
#   float32). Parameters = V × N; bytes = parameters × bytes per number.
# * Only the looked-up rows get a gradient; `padding_idx` keeps one row at zero forever;
#   `sparse=True` stores only the used rows of the gradient.
# * `nn.Embedding.from_pretrained(matrix, freeze=...)` loads Word2Vec (or any) vectors; keep
#   one word → ID map built from the same word list as the matrix.
