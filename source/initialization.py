# %% [raw] tags=["course-meta"]
# objectives = ["explain the difference between a token's ID (an address) and its initial vector (random numbers)", "show that training changes the row and never the ID", "describe N(0, 1), N(0, 0.02), uniform, Xavier/Glorot, Kaiming/He and constant initialization, and what each was designed for", "see how row norms and cosine similarities of a random table depend on the dimension", "show that constant initialization never breaks the symmetry between dimensions", "use seeds to make a table reproducible"]
# prerequisites = "06 (the embedding layer)"

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
# nobody trains it. (This vocabulary is sorted alphabetically, so "cat" is 19; in notebook 06
# gensim numbered words by frequency and "cat" was 66. Either map works if it never changes;
# notebook 08 renumbers every word and retrains to prove it.)

# %% [markdown]
# > **Common misconception:** "Initializing an embedding assigns each token its vector, like
# > a database assigns each record its ID, so the initial vector means something." The initial
# > vector is random noise chosen only to make training start well; the ID was fixed before
# > and stays fixed after. What a row *means* is whatever training writes into it.

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
# **Two views of the same table.** The argument behind Xavier and Kaiming is about a sum:
# y = Σᵢ Wᵢⱼ xᵢ over fan_in inputs has variance fan_in · Var(W) · Var(x) (for independent,
# zero-mean numbers), so choosing Var(W) ≈ 1/fan_in keeps Var(y) ≈ Var(x) from layer to layer.
# Which fan_in applies to an embedding table depends on how you look at it:
#
# * **As a lookup** (what `nn.Embedding` does), PyTorch reads the V × N weight like any 2-D
#   weight: fan_in = N (columns), fan_out = V (rows). But a lookup adds nothing up: it copies
#   one row, so the sum the formula was derived for is not there.
# * **As the V → N linear layer on one-hot inputs** (notebooks 02 and 06: lookup = one-hot · W),
#   fan_in = V. The sum is there, but a one-hot x has a single 1, so
#   y = W[id] and Var(y) = Var(W). Asking for outputs of variance 1 then gives Var(W) = 1:
#   **N(0, 1)**, which is exactly PyTorch's default for `nn.Embedding`. Plain `nn.Linear(V, N)`
#   instead draws uniform(±1/√V), so its outputs on one-hot inputs are tiny.

# %%
V, N = 10_000, 64
torch.manual_seed(0)
as_linear = nn.Linear(V, N, bias=False)             # weight (N × V): inputs are columns
print("fan_in PyTorch computes for nn.Linear(V, N).weight:",
      nn.init._calculate_fan_in_and_fan_out(as_linear.weight)[0], "(= V)")
print("fan_in PyTorch computes for nn.Embedding(V, N).weight:",
      nn.init._calculate_fan_in_and_fan_out(table.weight)[0], "(= N)")
one_hot_batch = torch.nn.functional.one_hot(torch.arange(500), V).float()   # 500 one-hot inputs
print(f"std of the outputs on one-hot inputs: nn.Linear(V, N) {as_linear(one_hot_batch).std():.4f} "
      f"(uniform ±1/√V has std 1/√(3V) = {1 / math.sqrt(3 * V):.4f}); "
      f"nn.Embedding(V, N) {nn.Embedding(V, N).weight.std():.3f}")

# %% [markdown]
# Applied to the table as PyTorch sees it (fan_in = N, fan_out = V), the formulas produce a
# spread with side effects nobody designed:
#
# * **Xavier** uses fan_in + fan_out = N + V, so a bigger *vocabulary* makes every starting
#   vector smaller, although the vocabulary has nothing to do with any single vector.
# * **Kaiming** uses only N: entries have spread √(2/N), so every row has length ≈ √2 whatever
#   the dimension. That is a reasonable property, but a side effect, not the reason it exists
#   (it was derived for layers followed by ReLU).
# * **N(0, 1)**, PyTorch's default, gives rows of length ≈ √N: 8 at N = 64, 27.7 at N = 768.
# * **N(0, 0.02)** is the GPT-2 recipe (`initializer_range = 0.02` in its configuration): small
#   vectors, chosen by experiment for a transformer trained with Adam and layer normalization.
# * **uniform(±0.5/N) word2vec**: the original C word2vec draws each input-vector entry from
#   [−0.5/N, 0.5/N); this course's SGNS trainers (notebook 08) do the same.
# * **uniform(±1/N) gensim**: gensim 4 draws from [−1/N, 1/N), twice as wide (its
#   `prep_vectors` function: `rng.random(...) * 2 − 1`, divided by N). Both start their output
#   vectors at zero.
# * **zeros / constant** give every entry the same value; section 5 shows why that fails.

# %%
from helpers.display import Table
from helpers.initialization import SCHEMES, scheme_std

from helpers.initialization import init_rows

rows = [(name, f"{scheme_std(name, 10_000, 64):.4f}",
         f"{float(init_rows(name, 10_000, 64).norm(dim=1).mean()):.3f}", what)
        for name, what in SCHEMES.items()]
Table(rows, ["scheme", "entry std (V=10,000, N=64)", "mean row length (300 rows)", "what it is"],
      title="The schemes in this notebook")

# %% [markdown]
# The constant schemes have no spread at all (std 0), but constant(0.1) rows still have a
# length: √64 × 0.1 = 0.8. Every row is the same vector.

# %% [markdown]
# **Exercise 1.** With `nn.init.xavier_uniform_`, what is the largest possible entry of a
# 1,000 × 100 embedding table (V = 1,000, N = 100)?

# %%
from helpers import ____
from helpers.checks import initialization as ex

xavier_bound = ____
ex.q1.check(xavier_bound)
# ex.q1.hint()
# ex.q1.solution()

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
# The numbers behind the figures, for a few settings (the measured spread matches the formula):

# %%
from helpers.initialization import table_statistics

rows = []
for scheme, dim, vocab in [("normal(0, 1)", 2, 10_000), ("normal(0, 1)", 1024, 10_000),
                           ("xavier_uniform", 64, 119), ("xavier_uniform", 64, 50_257),
                           ("kaiming_normal", 1024, 10_000), ("zeros", 64, 10_000)]:
    s = table_statistics(scheme, vocab, dim)
    spread = f"{s['cosine_std']:.3f}" if s["undefined_cosines"] == 0 else "undefined (zero rows)"
    rows.append((scheme, dim, f"{vocab:,}", f"{s['entry_std']:.4f}", f"{s['expected_std']:.4f}",
                 f"{s['mean_norm']:.2f}", spread))
Table(rows, ["scheme", "N", "V", "entry std", "formula", "mean row length", "cosine spread"])

# %% [markdown]
# A table of zeros has no cosine at all: a zero vector has no direction, so "the angle between
# two zero rows" is undefined (not 0, which would mean "at right angles").

# %% [markdown]
# ## 4. Random vectors are nearly orthogonal in high dimensions
#
# In the cosine histograms, N = 2 spreads over the whole range −1 … 1, while N = 1024 piles
# up near 0. That is a general fact: the cosine of two random vectors has a spread of about
# **1/√N**. So a freshly initialized table says "every word is unrelated to every other word",
# much like one-hot vectors (notebook 02), only denser. Any similarity you later find between
# "cat" and "dog" was put there by training.
#
# **Exercise 2 (write code).** Write `my_row_cosines(W)`: for a (V × N) torch tensor `W`,
# return the (V × V) matrix whose entry (i, j) is the cosine between rows i and j. The check
# compares it with ours on 9 random tables.

# %%
def my_row_cosines(W):
    ____                      # your code here: return the V × V matrix of cosines


ex.q2.check(my_row_cosines)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# Our version of that function measures the spread (standard deviation) of the cosines of 200
# random rows, for dimensions 2 to 1024:

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
# **Exercise 3.** The table has no N = 400. About how large is the spread (standard deviation)
# of cosine similarities between random 400-dimensional rows? Give a number.

# %%
cosine_spread_at_400 = ____
ex.q3.check(cosine_spread_at_400)
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
# * **N(0, 0.02) and the two uniform(±…/N) schemes** start at ln V but move slowly with plain
#   gradient descent: the gradient of one table is proportional to the other table, and both
#   are tiny.
#   (GPT-2 pairs 0.02 with Adam, which rescales small gradients, and with layer normalization.)
# * **Xavier and Kaiming** land in between: small enough to start at ln V, big enough to move.
# * **zeros** never moves at all: with both tables at zero every gradient is exactly zero.
#   The loss stays at ln V = 4.779 and all 119 rows stay equal.
# * **constant(0.1)** learns a little, and its rows do become different (95 distinct rows),
#   but look at the last column: all 16 *columns* stay identical. Every dimension gets the same
#   gradient, so every row remains "some number × (1, 1, …, 1)": the table has 16 columns but
#   only one of them carries information, and all words lie on one line.
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
# ## Key points
#
# * A token's **ID** is an address fixed by the vocabulary; the **row** at that address starts
#   as random numbers and is the only thing training changes.
# * PyTorch's `nn.Embedding` starts from N(0, 1); GPT-2 used N(0, 0.02); the C word2vec
#   uniform(±0.5/N), gensim 4 uniform(±1/N). Xavier and Kaiming were derived for sums `W x`:
#   seen as a lookup (PyTorch: fan_in = N) there is no sum; seen as the V → N linear layer on
#   one-hot inputs (fan_in = V), Var(y) = Var(W), and asking for Var(y) = 1 gives N(0, 1).
# * Random rows are nearly orthogonal (cosine spread ≈ 1/√N): a fresh table encodes no
#   similarity at all.
# * Equal starting values get equal updates: with zeros nothing moves (and cosines are
#   undefined), with a constant the columns stay equal forever.
#   Scale matters too: very small starts learn slowly with plain gradient descent.
# * A seed makes a random table reproducible; another seed changes every row.
