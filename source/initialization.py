# %% [raw] tags=["course-meta"]
# objectives = ["explain the difference between a token's ID (an address) and its initial vector (random numbers)", "show that training changes the row and never the ID", "describe N(0, 1), N(0, 0.02), uniform, Xavier/Glorot, Kaiming/He and constant initialization, and what each was designed for", "see how row norms and cosine similarities of a random table depend on the dimension", "show that constant initialization never breaks the symmetry between dimensions", "use seeds to make a table reproducible"]
# prerequisites = "05 (the embedding layer)"

# %% [markdown]
# ## 1. "Initialized" is not "given an ID"
#
# The question this course started from: *is "initialized" like giving a row an ID in a
# database?* No. Two different things happen:
#
# * **The ID is an address**, like a primary key. The vocabulary decides it ("cat" → 19), and
#   it never changes: not at initialization, not during training.
# * **The vector stored at that address is the content.** Initialization fills every row with
#   starting numbers, usually random. Training then changes those numbers, a little at every
#   step, and nothing else.
#
# Let's watch it. A tiny model learns to predict the next word of the toy corpus; its input
# table has one row per word. We look at the row of "cat" before and after 20 training steps.

# %%
from helpers.initialization import toy_bigrams, train_tiny_model

data = toy_bigrams()                      # (sorted words, word IDs, IDs of the next words)
run = train_tiny_model("normal(0, 1)", steps=20, dim=8, data=data)
cat_id = run.vocabulary["cat"]

print(f"'cat' has ID {cat_id} before training and ID {run.vocabulary['cat']} after it")
print("row", cat_id, "before:", run.embedding_before[cat_id].numpy().round(3))
print("row", cat_id, "after: ", run.embedding_after[cat_id].numpy().round(3))
print(f"loss: {run.losses[0]:.3f} → {run.losses[-1]:.3f}")

# %% [markdown]
# Same address, new contents. Every training step is arithmetic on the numbers in the rows
# (and in the rest of the model); the map from words to row numbers is outside the model and
# nobody trains it. (This vocabulary is sorted alphabetically, so "cat" is 19; in notebook 05
# gensim numbered words by frequency and "cat" was 66. Either map works if it never changes.)

# %% [markdown]
# > **Common misconception:** "Initializing an embedding assigns each token its vector, like
# > a database assigns each record its ID, so the initial vector means something." The initial
# > vector is random noise chosen only to make training start well; the ID was fixed before
# > and stays fixed after. What a row *means* is whatever training writes into it.

# %% [markdown]
# **Exercise 1.** After those 20 steps (or 20,000), what is the ID of "cat"? Give the number.

# %%
from helpers import ____
from helpers.checks import initialization as ex

cat_id_after_training = ____
ex.q1.check(cat_id_after_training)
# ex.q1.hint()
# ex.q1.solution()

# %% [markdown]
# ## 2. What PyTorch does by default, and what `fan_in` means for a table
#
# `nn.Embedding(V, N)` fills its weight from **N(0, 1)**: every entry a standard normal number.
# `torch.nn.init` offers other recipes; the famous ones, Xavier/Glorot and Kaiming/He, need a
# *fan-in* and a *fan-out*. They were derived for a layer `y = W x`: fan-in is how many inputs
# feed each output, fan-out how many outputs each input feeds, and the recipe picks a spread
# that keeps the size of the signal steady from layer to layer.
#
# PyTorch computes the fans from the weight's shape: for a 2-D weight, fan-in = number of
# columns, fan-out = number of rows. For a V × N embedding table that means **fan_in = N and
# fan_out = V**. Let's check with Kaiming, whose spread is √(2 / fan_in):

# %%
import math

import torch
from torch import nn

torch.manual_seed(0)
table = nn.Embedding(10_000, 64)
print(f"default nn.Embedding: mean {table.weight.mean():.3f}, std {table.weight.std():.3f}")

nn.init.kaiming_normal_(table.weight)
print(f"kaiming_normal_: std {table.weight.std():.4f}  |  √(2/N) = {math.sqrt(2 / 64):.4f}, "
      f"√(2/V) = {math.sqrt(2 / 10_000):.4f}")

nn.init.xavier_uniform_(table.weight)
print(f"xavier_uniform_: largest |entry| {table.weight.abs().max():.4f}  |  "
      f"√(6/(N+V)) = {math.sqrt(6 / (64 + 10_000)):.4f}")

# %% [markdown]
# **Be honest about what this means.** A lookup does not compute `W x` from many inputs: it
# copies one row. The argument behind Xavier and Kaiming (keep the variance of a sum over
# fan-in inputs steady) has nothing to act on. Applied to a table anyway, the formulas still
# produce *some* spread, with side effects nobody designed:
#
# * **Xavier** uses fan_in + fan_out = N + V, so a bigger *vocabulary* makes every starting
#   vector smaller, although the vocabulary has nothing to do with any single vector.
# * **Kaiming** uses only N: entries have spread √(2/N), so every row has length ≈ √2 whatever
#   the dimension. That is a reasonable property, but a side effect, not the reason it exists
#   (it was derived for layers followed by ReLU).
# * **N(0, 1)**, PyTorch's default, gives rows of length ≈ √N: 8 at N = 64, 27.7 at N = 768.
# * **N(0, 0.02)** is the GPT-2 recipe (`initializer_range = 0.02` in its configuration): small
#   vectors, chosen by experiment for a transformer trained with Adam and layer normalization.
# * **uniform(−0.5/N, 0.5/N)** is what word2vec and gensim use for the input vectors (their
#   output vectors start at zero).
# * **zeros / constant** give every entry the same value; section 5 shows why that fails.

# %%
from helpers.display import Table
from helpers.initialization import SCHEMES, scheme_std

rows = [(name, f"{scheme_std(name, 10_000, 64):.4f}",
         f"{scheme_std(name, 10_000, 64) * math.sqrt(64):.3f}", what)
        for name, what in SCHEMES.items()]
Table(rows, ["scheme", "entry std (V=10,000, N=64)", "≈ row length", "what it is"],
      title="The schemes in this notebook")

# %% [markdown]
# **Exercise 2.** With `nn.init.xavier_uniform_`, what is the largest possible entry of a
# 1,000 × 100 embedding table (V = 1,000, N = 100)?

# %%
xavier_bound = ____
ex.q2.check(xavier_bound)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# ## 3. Explore: scheme × dimension × vocabulary size
#
# The widget draws 300 rows of a V × N table (every row of a fresh table has the same
# distribution, so 300 show the whole picture) and three histograms: the entries, the length
# of each row, and the cosine similarity of every pair of rows. Try `normal(0, 1)` at N = 2
# and at N = 1024, then `xavier_uniform` with V = 119 and V = 50,257.

# %% tags=["nbval-ignore-output"]
from helpers.initialization_views import render_table_explorer, table_explorer

table_explorer(scheme="normal(0, 1)", dim=64, vocab_size=10_000)

# %% [markdown]
# The same function without the widget:

# %%
render_table_explorer(scheme="normal(0, 1)", dim=64, vocab_size=10_000)

# %% [markdown]
# The numbers behind the figures, for a few settings (the measured spread matches the formula):

# %%
from helpers.initialization import table_statistics

rows = []
for scheme, dim, vocab in [("normal(0, 1)", 2, 10_000), ("normal(0, 1)", 1024, 10_000),
                           ("xavier_uniform", 64, 119), ("xavier_uniform", 64, 50_257),
                           ("kaiming_normal", 1024, 10_000), ("zeros", 64, 10_000)]:
    s = table_statistics(scheme, vocab, dim)
    rows.append((scheme, dim, f"{vocab:,}", f"{s['entry_std']:.4f}", f"{s['expected_std']:.4f}",
                 f"{s['mean_norm']:.2f}", f"{s['cosine_std']:.3f}"))
Table(rows, ["scheme", "N", "V", "entry std", "formula", "mean row length", "cosine spread"])

# %% [markdown]
# Each widget update must take at most 100 ms. Measured here (median of 20 calls; the machine
# may be busy, so this is not checked):

# %% tags=["nbval-ignore-output"]
from helpers.initialization_views import median_callback_ms

figure = render_table_explorer()   # the widget keeps one figure and rewrites its numbers
for scheme, dim, vocab in [("normal(0, 1)", 1024, 50_257), ("xavier_uniform", 1024, 50_257),
                           ("kaiming_normal", 64, 10_000), ("zeros", 2, 119)]:
    ms = median_callback_ms(render_table_explorer, 20, scheme=scheme, dim=dim, vocab_size=vocab,
                            figure=figure)
    print(f"{scheme:>15}, N = {dim:>4}, V = {vocab:>6,}: {ms:.1f} ms per update")

# %% [markdown]
# ## 4. Random vectors are nearly orthogonal in high dimensions
#
# In the cosine histograms, N = 2 spreads over the whole range −1 … 1, while N = 1024 piles
# up near 0. That is a general fact: the cosine of two random vectors has a spread of about
# **1/√N**. So a freshly initialized table says "every word is unrelated to every other word",
# much like one-hot vectors (notebook 02), only denser. Any similarity you later find between
# "cat" and "dog" was put there by training.

# %%
from helpers.initialization import cosine_spread_by_dimension
from helpers.initialization_views import cosine_by_dimension_figure

spread = cosine_spread_by_dimension()
for row in spread:
    print(f"N = {row['dim']:>4}: spread {row['cosine_std']:.3f}  (1/√N = "
          f"{row['one_over_sqrt_dim']:.3f}),  pairs with |cos| < 0.1: {row['share_within_0.1']:.0%}")

# %%
cosine_by_dimension_figure(spread)

# %% [markdown]
# **Exercise 3.** About how large is the spread (standard deviation) of cosine similarities
# between random 256-dimensional rows? Give a number.

# %%
cosine_spread_at_256 = ____
ex.q3.check(cosine_spread_at_256)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# ## 5. Does the starting point matter for learning?
#
# Same tiny next-word model as in section 1, now with N = 16, trained for 300 steps of plain
# gradient descent from each scheme. Both of its tables (the input table E and the output
# table O, as in word2vec) start from the scheme. The loss starts at ln V = ln 119 ≈ 4.78 when
# the model predicts every word equally often.

# %%
from helpers.display import progress_bar
from helpers.initialization_views import loss_curves_figure

runs = []
with progress_bar(len(SCHEMES), "Training one model per scheme") as bar:
    for scheme in SCHEMES:
        runs.append(train_tiny_model(scheme, steps=300, dim=16, data=data))
        bar.update(1, scheme)

Table([(r.scheme, f"{r.losses[0]:.3f}", f"{r.losses[50]:.3f}", f"{r.losses[-1]:.3f}",
        r.distinct_rows(), r.distinct_columns()) for r in runs],
      ["scheme", "loss at start", "after 50 steps", "after 300", "distinct rows (of 119)",
       "distinct columns (of 16)"], title="After 300 steps")

# %%
loss_curves_figure(runs)

# %% [markdown]
# What the table and the curves say:
#
# * **N(0, 1)** starts with a *high* loss: rows of length ≈ 4 make confident random guesses.
#   It still learns fast here, because big vectors also mean big gradients.
# * **N(0, 0.02) and uniform(±0.5/N)** start at ln V but move slowly with plain gradient
#   descent: the gradient of one table is proportional to the other table, and both are tiny.
#   (GPT-2 pairs 0.02 with Adam, which rescales small gradients, and with layer normalization.)
# * **Xavier and Kaiming** land in between: small enough to start at ln V, big enough to move.
# * **zeros** never moves at all: with both tables at zero every gradient is exactly zero.
#   The loss stays at ln V = 4.779 and all 119 rows stay equal.
# * **constant(0.1)** learns a little, but look at the last column: all 16 columns stay
#   identical. Every dimension gets the same gradient, so every row remains "some number ×
#   (1, 1, …, 1)": the table has 16 columns but only one of them carries information.
#
# That last effect is the **symmetry** that random initialization breaks: identical starting
# values get identical updates forever. (Careful: a random table *next to* a zero table does
# break it. gensim starts its output vectors at zero and its input vectors at random, and
# learns fine.)

# %%
constant = next(r for r in runs if r.scheme == "constant(0.1)")
zeros = next(r for r in runs if r.scheme == "zeros")
print("zeros: every row still all zeros:", bool((zeros.embedding_after == 0).all()))
print("constant(0.1), row of 'cat':", constant.embedding_after[cat_id].numpy().round(4))
print("constant(0.1), largest difference between two columns of any row:",
      f"{(constant.embedding_after - constant.embedding_after[:, :1]).abs().max():.1e}")

# %% [markdown]
# **Exercise 4.** Which schemes never break the symmetry between dimensions? Give a list of
# scheme names, as written in `SCHEMES`.

# %%
stuck_schemes = ____
ex.q4.check(stuck_schemes)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# ## 6. Seeds: the same seed, the same table
#
# "Random" numbers in a computer come from a generator started by a **seed**. The same seed
# gives the same table, bit for bit, which is why this notebook prints the same numbers every
# time you run it. A different seed changes every row, but not the *kind* of table: its
# histograms look the same.

# %%
from helpers.initialization import init_embedding_weight, seed_comparison

print(seed_comparison("normal(0, 1)", vocab_size=1_000, dim=64, seed=0, other_seed=1))
print("seed 0:", init_embedding_weight("normal(0, 1)", 1_000, 64, seed=0)[0, :4].numpy().round(3))
print("seed 1:", init_embedding_weight("normal(0, 1)", 1_000, 64, seed=1)[0, :4].numpy().round(3))

torch.manual_seed(7)
a = nn.Embedding(5, 3).weight.detach().clone()
torch.manual_seed(7)
b = nn.Embedding(5, 3).weight.detach().clone()
print("nn.Embedding after torch.manual_seed(7), twice, identical:", torch.equal(a, b))

# %% [markdown]
# Sizes that make no sense get a sentence:

# %%
import helpers

with helpers.explain_errors():
    init_embedding_weight("normal(0, 1)", 1_000, 0)
with helpers.explain_errors():
    init_embedding_weight("he_normal", 1_000, 64)

# %% [markdown]
# ## Key points
#
# * A token's **ID** is an address fixed by the vocabulary; the **row** at that address starts
#   as random numbers and is the only thing training changes.
# * PyTorch's `nn.Embedding` starts from N(0, 1); GPT-2 used N(0, 0.02); word2vec uses small
#   uniform numbers. Xavier and Kaiming were derived for `W x` layers; on a V × N table PyTorch
#   takes fan_in = N and fan_out = V, so the formulas apply but their reasoning does not.
# * Random rows are nearly orthogonal (cosine spread ≈ 1/√N): a fresh table encodes no
#   similarity at all.
# * Equal starting values (zeros, constants) get equal updates: the symmetry never breaks.
#   Scale matters too: very small starts learn slowly with plain gradient descent.
# * A seed makes a random table reproducible; another seed changes every row.
