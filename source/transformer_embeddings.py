# %% [raw] tags=["course-meta"]
# objectives = ["rotate pairs of dimensions by position (RoPE), and show that lengths are kept and that q·k depends only on the distance m − n", "write RoPE in Llama's layout and match transformers' own implementation", "tie a language model's output layer to its token table, and prove the sharing (one storage, gradients summed, fewer parameters)", "train one tiny transformer next-token (GPT) and masked (BERT, 15 % with 80/10/10) and compare the tables they learn", "explain GPT-2's N(0, 0.02) start with a measured first loss and logit scale", "measure a pretrained table: row norm vs frequency, anisotropy, outlier dimensions, untrained rows"]
# prerequisites = "06 (the embedding layer), 07 (initialization) and 10 (positions, a real table, context); some PyTorch"

# %% [markdown]
# ## Where we are
#
# Notebook 10 showed the input of a GPT: a token row plus a position row. This deep dive opens
# five things real transformers do with their embedding layer, each measured here on small
# examples that run in seconds:
#
# 1. **RoPE**: positions as rotations instead of an added table (Llama, Mistral, Qwen, …).
# 2. **Weight tying**: the token table doubles as the output layer (GPT-2, BERT).
# 3. **Pre-training objectives**: next-token (GPT) vs masked tokens (BERT) on the same data.
# 4. **The init std question**: why GPT-2 starts its table at N(0, 0.02), not N(0, 1).
# 5. **A pretrained table up close**: MiniLM's 30,522 rows, measured.

# %%
import math

import numpy as np
import torch

from helpers import ____, explain_errors
from helpers.checks import transformer_embeddings as ex
from helpers import transformer_embeddings as te
from helpers import transformer_embeddings_views as views

# %% [markdown]
# ## 1. Rotary position embeddings (RoPE)
#
# Attention compares a query vector q (at position m) with a key vector k (at position n)
# through the dot product q·k. RoPE puts the positions *into that comparison*: before the dot
# product, it cuts q and k into pairs of numbers and **turns each pair like a clock hand** by an
# angle that grows with the position. Pair i turns by m·θᵢ at position m, with
# θᵢ = 10000^(−2i/d): the first pair turns 1 radian per position, the last ones very slowly.
#
# One pair first, by hand: a 2-D rotation by the angle a.

# %%
def rotate(pair, a):
    x, y = pair
    return (x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a))

pair = (3.0, 4.0)
for position in [0, 1, 2]:
    turned = rotate(pair, position * 1.0)          # θ = 1 radian per position
    print(f"position {position}: ({turned[0]:+.3f}, {turned[1]:+.3f})  "
          f"length {math.hypot(*turned):.3f}")

# %% [markdown]
# The length stays 5: a rotation only changes direction. `te.apply_rope` does the same for
# every pair of a whole vector (here 16 numbers, so 8 pairs, 8 frequencies):

# %%
x = views.example_vector(16)
print("angles at position 1 (one per pair):", te.rope_angles(16, [1])[0].round(4))
for position in [0, 5, 50]:
    rotated = te.apply_rope(x, [position])
    print(f"position {position:>2}: first 3 numbers {rotated[:3].round(3)}  "
          f"length {np.linalg.norm(rotated):.3f}")

# %% [markdown]
# Move the sliders: the position m, and the pair i (its frequency). The arrow is the pair at
# position m, the dots are the same pair at positions 0…m, and the dotted circle shows that the
# length never changes. Pair 0 turns fast; by pair 7 the hand hardly moves in 64 positions, so
# slow pairs can tell apart positions that are thousands of tokens apart.

# %% tags=["nbval-ignore-output"]
views.rope_widget()

# %% tags=["nbval-ignore-output"]
views.rope_pair_figure(position=5, pair=1)

# %% [markdown]
# ### Why rotations: q·k depends only on m − n
#
# Rotating q by angle mθ and k by nθ changes their dot product exactly as rotating q alone by
# (m − n)θ would: only the **distance** between the two tokens reaches attention, not where the
# pair sits in the text. Every entry of this 32 × 32 grid is RoPE(q, m) · RoPE(k, n):

# %% tags=["nbval-ignore-output"]
rng = np.random.default_rng(1)
q, k = rng.standard_normal(16), rng.standard_normal(16)
scores = te.rope_scores(q, k, length=32)
views.rope_score_figure(scores)

# %%
for m, n in [(3, 1), (10, 8), (30, 28), (8, 10)]:
    print(f"m = {m:>2}, n = {n:>2}, m − n = {m - n:+d}: q·k = {scores[m, n]:.3f}")
diagonals_constant = all(np.allclose(np.diagonal(scores, offset), np.diagonal(scores, offset)[0])
                         for offset in range(-31, 32))
print("every diagonal (same m − n) holds one value:", diagonals_constant)

# %% [markdown]
# **Exercise 1.** The query at position m = 12 and the key at n = 5 give the score
# `scores[12, 5]`. The query moves to position 20. At which key position n is the score the
# same again? (One whole number.)

# %%
n = ____
ex.q1.check(n)
# ex.q1.hint()
# ex.q1.solution()

# %% [markdown]
# ### Which numbers form a pair? Two layouts
#
# The RoFormer paper (Su et al., 2021) and Meta's original Llama code pair **neighbours**:
# (0, 1), (2, 3), … ("interleaved"). Hugging Face transformers' Llama pairs dimension i with
# **i + d/2**: its `rotate_half` swaps the two halves of the vector, and `apply_rotary_pos_emb`
# computes q·cos + rotate_half(q)·sin. Same angles, different partners. We compare both with
# transformers' own code, built from a `LlamaConfig` (one head of 16 numbers, no weights, no
# download):

# %%
positions = np.arange(6)
vectors = rng.standard_normal((6, 16))
llama = te.llama_rope(vectors, positions).double().numpy()   # transformers' implementation
half = te.apply_rope(vectors, positions, layout="half")
interleaved = te.apply_rope(vectors, positions, layout="interleaved")
print("our 'half' layout        == transformers' Llama:", np.allclose(half, llama, atol=1e-5))
print("our 'interleaved' layout == transformers' Llama:", np.allclose(interleaved, llama, atol=1e-5))
p = te.interleaved_to_half(16)
print("interleaved == half after reordering the dimensions:",
      np.allclose(te.apply_rope(vectors[:, p], positions, layout="half"), interleaved[:, p]))

# %% [markdown]
# Both layouts are correct RoPE; they are the same rotation with the dimensions listed in a
# different order. The trap is *mixing* them: weights trained with one layout give wrong
# attention under the other, which is why checkpoints converted from Meta's format to
# transformers have their q and k projection rows permuted.
#
# Input that cannot be rotated gets one sentence instead of a traceback:

# %%
with explain_errors():
    te.apply_rope(np.ones(7), [3])            # 7 numbers cannot be cut into pairs
with explain_errors():
    te.apply_rope(np.ones((4, 8)), [0, 1])    # 4 vectors but only 2 positions

# %% [markdown]
# **Exercise 2 (write code).** Finish `my_rope`: rotate one vector `x` (d numbers, d even) to
# position `m` in Llama's layout (pair i = `x1[i]`, `x2[i]`). The check runs it on random
# vectors and positions and compares with the reference (which matches transformers' Llama).

# %%
def my_rope(x, m, base=10_000.0):
    half = len(x) // 2
    angles = m * base ** (-np.arange(half) * 2 / len(x))   # one angle per pair: m·θᵢ
    x1, x2 = x[:half], x[half:]                             # pair i = (x1[i], x2[i])
    return ____

ex.q2.check(my_rope)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# ## 2. Weight tying: one table, two jobs
#
# A language model ends with an output layer `lm_head` that turns the final hidden vector
# into one score (logit) per token: a (vocabulary × dim) matrix, the same shape as the token
# table. GPT-2 and BERT use **one** matrix for both: `lm_head.weight = tok_emb.weight`.
# Our tiny transformer (2 blocks, 32 dimensions) has a `tie` switch:

# %%
stream = te.toy_token_stream()
V = len(stream.vocabulary)
untied = te.tiny_transformer(V, dim=32, tie=False)
tied = te.tiny_transformer(V, dim=32, tie=True)
for name, model in [("untied", untied), ("tied", tied)]:
    report = te.tying_report(model)
    print(f"{name:>6}: {report.parameters:,} parameters; same Parameter object: "
          f"{report.same_parameter}; same storage (data_ptr): {report.same_storage}")
print("difference:", te.tying_report(untied).parameters - te.tying_report(tied).parameters,
      "=", V, "×", 32)

# %% [markdown]
# `model.parameters()` lists a shared Parameter once, so the count drops by one V × 32 table.
# `data_ptr()` is the address of the first number in memory: the same address means one table.
#
# **Gradients from both uses are summed.** The table is used twice in a forward pass: looked
# up at the input, and multiplied at the output. Autograd adds the gradients of both uses into
# the one `.grad`. Proof with numbers: the same table, once shared and once as two separate
# copies (one per use).

# %%
demo = te.tied_gradient_demo(vocab_size=12, dim=4)
print("rows with a gradient from the input use :", demo["rows touched by input use"], "of 12")
print("rows with a gradient from the output use:", demo["rows touched by output use"], "of 12")
print("shared .grad == input-use grad + output-use grad:",
      torch.allclose(demo["shared"], demo["sum of uses"], atol=1e-12))
print("shared .grad == output-use grad alone:",
      torch.allclose(demo["shared"], demo["output use"], atol=1e-12))

# %% [markdown]
# The input use only touches the rows of the tokens in the batch (6 of 12 here); the output
# use touches **every** row, because the softmax pushes down the score of every wrong token.
# So in a tied model even a token that never appears as input gets gradient (we will meet
# such rows in MiniLM's table in section 5).
#
# ### GPT-2 small: 124 M or 163 M
#
# From GPT-2's configuration alone (`transformers.GPT2Config()`: 50,257 tokens, 1,024
# positions, 768 dimensions, 12 blocks; no weights loaded):

# %%
with_tying, without_tying = te.gpt2_parameter_count(tied=True), te.gpt2_parameter_count(tied=False)
for part in with_tying:
    print(f"{part:>24}: {with_tying[part]:>12,} tied   {without_tying[part]:>12,} untied")

# %% [markdown]
# 124 million is the famous number: it counts the tied table once. Without tying, GPT-2 small
# would have 163 million parameters.
#
# ### The common mistake: copying instead of sharing

# %%
copied = te.tiny_transformer(V, dim=32, tie=False)
copied.lm_head.weight.data = copied.tok_emb.weight.data.clone()       # a copy
print("copy       :", te.tying_report(copied).explain())
shared_data = te.tiny_transformer(V, dim=32, tie=False)
shared_data.lm_head.weight.data = shared_data.tok_emb.weight.data     # same storage, 2 Parameters
print(".data      :", te.tying_report(shared_data).explain())
print("assignment :", te.tying_report(tied).explain())

# %% [markdown]
# > **Common misconception:** "Tying copies the embedding table into the output layer when the
# > model is built." A copy starts equal and then drifts: the two tables get different
# > gradients and separate updates, and the model has V × dim more parameters. Tying is
# > **sharing**: one Parameter object in both places (`is` is True, one `data_ptr`), one
# > gradient that sums both uses, one update.
#
# **Exercise 3 (write code).** Replace `____` with one line that ties the output layer of
# `model` to its token table. The check builds a fresh untied model, calls `tie`, and tests
# the sharing, the gradient and the parameter count.

# %%
def tie(model):
    ____
    return model

ex.q3.check(tie)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# **Exercise 4.** How many parameters does tying save in GPT-2 small?

# %%
saved = ____
ex.q4.check(saved)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# ## 3. Pre-training objectives: next token (GPT) vs masked tokens (BERT)
#
# The same tiny transformer, the same toy corpus (3,100 sentences, 121 token IDs: 119 words plus
# `<eos>` between sentences and `[MASK]`), the same seed and 300 steps; only the task differs:
#
# * **next-token** (GPT): attention looks only left (causal); predict every next word.
# * **masked** (BERT): attention looks both ways; 15 % of the positions are picked, and of
#   those 80 % become `[MASK]`, 10 % a random word and 10 % stay unchanged; predict the
#   original word at the picked positions only.
#
# What masking does to one window of 16 tokens:

# %%
window = torch.from_numpy(stream.windows(16)[3])
inputs, targets, kind = te.mask_tokens(window, V, torch.Generator().manual_seed(5))
words = stream.vocabulary
print("original :", " ".join(words[i] for i in window))
print("input    :", " ".join(words[i] for i in inputs))
print("predict  :", ", ".join(f"{words[t]} (position {p})" for p, t in enumerate(targets.tolist()) if t >= 0))

# %% [markdown]
# Over the whole corpus the proportions come out as designed:

# %%
all_ids = torch.from_numpy(stream.ids)
_, _, kind = te.mask_tokens(all_ids, V, torch.Generator().manual_seed(0))
picked = (kind > 0).float().mean().item()
shares = [(kind == value).sum().item() / (kind > 0).sum().item() for value in (1, 2, 3)]
print(f"picked: {picked:.2f} of {len(all_ids):,} tokens; of those [MASK] {shares[0]:.2f}, "
      f"random word {shares[1]:.2f}, unchanged {shares[2]:.2f}")

# %% [markdown]
# Why not always `[MASK]`? `[MASK]` never occurs in real text, so a model fine-tuned later
# would meet input it never trained on. The 10 % random and 10 % unchanged positions make it
# predict a word *whatever* stands there. Now we train both (a few seconds each):

# %%
gpt = te.train_tiny("next-token", steps=300, stream=stream, progress=True)
bert = te.train_tiny("masked", steps=300, stream=stream, progress=True)
for run in (gpt, bert):
    first, last = te.smoothed(run.losses)[[0, -1]]
    groups = te.group_similarity(run.table, run.vocabulary)
    print(f"{run.objective:>10}: loss {first:.1f} → {last:.1f};  cosine within groups "
          f"{groups['within']:.2f}, between groups {groups['between']:.2f}")

# %% tags=["nbval-ignore-output"]
views.loss_curves_figure({"next-token (GPT)": gpt.losses, "masked (BERT)": bert.losses},
                         "The same tiny transformer, two objectives")

# %% [markdown]
# The two losses measure different tasks (every next word vs 15 % of the words, with context
# on both sides), so compare their shapes, not their heights. The masked loss sits on a
# plateau for longer: it learns from only 15 % of the positions per batch.
#
# What did the token tables learn? The corpus has 8 animals, 8 fruit and 8 cities that occur
# in different sentence patterns. Cosine between their rows (hover for values):

# %% tags=["nbval-ignore-output"]
views.group_cosine_figure(gpt.table, gpt.vocabulary, "Token table after next-token training")

# %% tags=["nbval-ignore-output"]
views.group_cosine_figure(bert.table, bert.vocabulary, "Token table after masked training")

# %% [markdown]
# Both tables sort the 24 words into their three groups (bright blocks on the diagonal):
# both tasks reward words that fit the same slots with similar rows, the distributional idea
# of Word2Vec. The next-token rows are closer inside a group (0.94 vs 0.78 above), the masked
# rows push the groups further apart (−0.08 vs 0.06). Their nearest rows differ in kind:

# %% tags=["nbval-ignore-output"]
views.neighbours_figure({"next-token": gpt, "masked": bert}, ["dog", "mango", "tokyo"], k=5)

# %%
for run in (gpt, bert):
    share = te.group_precision(run.table, run.vocabulary, k=5)
    print(f"{run.objective:>10}: {share:.2f} of the 5 nearest rows of the 24 group words "
          "are from the same group")

# %% [markdown]
# The masked model also puts **context words** next to the nouns ("cake" and "tasty" beside
# fruit, "visit" beside cities): with the words on *both* sides visible, a masked slot is
# often guessed from its neighbours, and words that fill each other's context end up close.
# The next-token model keeps its nearest rows inside the group.
#
# ## 4. The init std question: N(0, 1) or N(0, 0.02)?
#
# `nn.Embedding` starts at N(0, 1); GPT-2 starts its table at N(0, 0.02). With tying the table
# is also the output layer, so its scale sets the size of the **first logits**: a LayerNormed
# hidden vector has length about √d, so each logit h·e has a spread of about std · √d.

# %%
for std in (1.0, 0.02):
    stats = te.first_step_stats(std, stream=stream)
    print(f"N(0, {std:g}): first loss {stats['loss']:.3g} (uniform guess: ln V = "
          f"{stats['uniform loss']:.3g}); logit spread {stats['logit std']:.2g} "
          f"(≈ std·√32 = {te.expected_logit_std(std, 32):.2g}); "
          f"mean top probability {stats['mean top probability']:.2f}")

# %% [markdown]
# With N(0, 1) the untrained model is **confidently wrong**: it puts almost all probability on
# one arbitrary token per position, and the loss (≈ 30) is six times the loss of a model that
# guesses uniformly. With N(0, 0.02) the logits are tiny, every token gets about 1/V, and the
# first loss equals ln V: the honest "I know nothing" starting point.
#
# **Exercise 5.** What loss does a model get that gives all V = 121 tokens the same
# probability? (One number; the cross-entropy uses the natural log.)

# %%
uniform_loss = ____
ex.q5.check(uniform_loss)
# ex.q5.hint()
# ex.q5.solution()

# %% [markdown]
# Does the start matter after training? Same model, same data, same 300 steps, only the table's
# starting std differs:

# %%
big_start = te.train_tiny("next-token", steps=300, init_std=1.0, stream=stream, progress=True)
for name, run in [("N(0, 1)", big_start), ("N(0, 0.02)", gpt)]:
    last = te.smoothed(run.losses)[-1]
    groups = te.group_similarity(run.table, run.vocabulary)
    print(f"{name:>10}: loss after 300 steps {last:.1f}; group gap (within − between) "
          f"{groups['gap']:.2f}; cosine of each row with its random start {run.kept_from_start():.2f}")

# %% tags=["nbval-ignore-output"]
views.loss_curves_figure({"N(0, 1) start": big_start.losses, "N(0, 0.02) start": gpt.losses},
                         "Next-token training from two starting scales of the tied table",
                         reference=(math.log(V), "uniform guess, ln V"))

# %% [markdown]
# The N(0, 1) model spends its first steps undoing its confident wrong guesses (in the figure
# it needs about 60 steps just to come down to the uniform guess, the dashed line), and its table
# still shows no groups after 300 steps: its rows still point almost where they started (last
# number). Adam moves each number by at most about the learning rate (0.005) per step, enough
# to rebuild rows that started at 0.02 many times over, but not rows that started at size 1.
# At GPT-2's width (d = 768) the first-logit problem is far larger, which is the reason for 0.02.
# Measured on random LayerNormed hidden vectors and 8,192 random rows:

# %%
for std in (1.0, 0.02):
    print(f"d = 768, N(0, {std:g}): first-logit spread {te.logit_spread(std, 768):.3g} "
          f"(≈ std·√768 = {te.expected_logit_std(std, 768):.3g})")

# %% [markdown]
# A logit spread of 28 means softmax probabilities like e^28 : 1, a one-hot guess on a random
# token; 0.55 keeps all 50,257 tokens in play. (GPT-2 also scales some residual projections
# by 1/√(2·layers); that is about the blocks, not the table.)
#
# ## 5. A pretrained table up close: MiniLM
#
# The 30,522 × 384 table of all-MiniLM-L6-v2 (notebook 10), read offline. Our **frequency
# proxy**: how often each WordPiece token occurs when MiniLM's own tokenizer cuts the bundled
# Lee news corpus (300 articles, about 60,000 words). Tokens that never occur there fall in
# "never"; special tokens and `[unused…]` placeholders are left out of the bins.

# %%
from helpers import language_models as lm

minilm = lm.load_embedding_table("minilm")
counts = te.minilm_token_counts()
norms = np.linalg.norm(minilm.matrix, axis=1)
print(f"WordPiece tokens in the Lee corpus: {counts.sum():,}; distinct: {(counts > 0).sum():,}")
rows = te.norm_by_frequency(minilm.matrix, counts, minilm.tokens)
for row in rows:
    print(f"{row['bin']:>8}: {row['tokens']:>6,} tokens, mean row norm {row['mean norm']:.2f}")
for token in ["the", "[CLS]", "[MASK]", "[unused0]"]:
    print(f"{token:>10}: norm {norms[minilm.row(token)]:.2f}")

# %% [markdown]
# Row length is **not** a simple function of frequency here: the mid-frequency tokens (1–99
# occurrences) have the longest rows, while the most frequent ones ("the", "of", …) and the
# never-seen ones are shorter. The very short `[MASK]` row (0.24) stands out: real text never
# contains that token, only the masked pre-training puts it in.

# %% tags=["nbval-ignore-output"]
unused = te.unused_rows(minilm.tokens)
views.norm_frequency_figure(rows, unused_norm=float(norms[unused].mean()))

# %% [markdown]
# ### Under-trained rows: `[unused0]` … `[unused993]`
#
# BERT's vocabulary reserves 994 placeholder tokens that never occur in any text. Random
# N(0, 0.02) rows of 384 numbers would have length about 0.02·√384 ≈ 0.39 and point in
# unrelated directions (cosine ≈ 0):

# %%
unit = minilm.matrix[unused] / norms[unused, None]
pair_cosines = (unit @ unit.T)[np.triu_indices(len(unused), 1)]
print(f"{len(unused)} [unused] rows: norm {norms[unused].mean():.2f} ± {norms[unused].std():.2f}; "
      f"mean cosine between two of them {pair_cosines.mean():.2f}")
ordinary = norms[[i for i in range(len(norms)) if not minilm.tokens[i].startswith('[')]]
print(f"ordinary rows: norm {ordinary.mean():.2f} ± {ordinary.std():.2f}")

# %% [markdown]
# The placeholders all have almost the same length and point almost the **same way** (mean
# cosine 0.82): they were never anyone's input, yet they moved, and moved together. That is
# what a gradient that reaches every row alike does, such as the tied output layer of
# section 2 pushing down every token that is never the right answer (we cannot tell from the
# table alone which step of MiniLM's training did it). Rows like these are **under-trained**:
# their numbers say "never seen", not what the token means.
#
# ### Anisotropy: do the rows point everywhere?
#
# Mean cosine between 20,000 random pairs of rows (seeded), next to a random table of the
# same shape:

# %%
random_table = np.random.default_rng(0).standard_normal(minilm.shape, dtype=np.float32)
print(f"MiniLM's table           : mean cosine {te.anisotropy(minilm.matrix):.3f}")
print(f"MiniLM's table, centred  : mean cosine {te.anisotropy(minilm.matrix, centre=True):.3f}")
print(f"random N(0, 1) table     : mean cosine {round(te.anisotropy(random_table), 3) + 0.0:.3f}")

# %% [markdown]
# A little above zero: the rows share a small common direction (their mean vector), and
# subtracting it (centring) removes most of it. MiniLM's **input** table is only mildly
# anisotropic; the strong anisotropy reported for BERT-style models (Ethayarajh, 2019) is
# about the contextual output vectors of the upper layers.
#
# ### Outlier dimensions
#
# Which of the 384 dimensions have a mean far from zero over all rows?

# %%
for found in te.outlier_dimensions(minilm.matrix, top=3):
    print(f"dimension {found['dimension']:>3}: mean {found['mean']:+.4f}, "
          f"{found['times typical']:.1f}× the typical dimension's |mean|")

# %% tags=["nbval-ignore-output"]
views.dimension_means_figure(minilm.matrix)

# %% [markdown]
# A few dimensions carry about 4× the typical offset: visible, but mild in this table. If
# you compare rows with cosine, such shared offsets add the same small amount to every pair,
# which is one reason centring can help.
#
# How much memory did this notebook use? (Timings and memory differ between machines, so this
# cell's output is not checked.)

# %% tags=["nbval-ignore-output"]
import resource
import sys

peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak_mib = peak / 2**20 if sys.platform == "darwin" else peak / 2**10
print(f"peak memory of this kernel so far: {peak_mib:.0f} MiB")

# %% [markdown]
# ## Key points
#
# * **RoPE** rotates pairs of query/key numbers by position × frequency. Lengths stay the same
#   and q·k depends only on the distance m − n. Llama in transformers pairs i with i + d/2
#   (`rotate_half`); the RoFormer paper pairs neighbours. Same rotation, different order:
#   never mix the two.
# * **Weight tying** is sharing one Parameter (`lm_head.weight = tok_emb.weight`): one storage,
#   gradients of both uses summed, V × d fewer parameters (GPT-2 small: 124 M instead of
#   163 M). Copying the numbers is not tying.
# * **Next-token and masked training** (15 %, 80/10/10) both teach the table that words used in
#   the same slots are similar; they differ in what the model sees (left context vs both sides)
#   and in how many positions teach per batch.
# * **Init scale**: with a tied table the start sets the first logits (spread ≈ std · √d).
#   N(0, 1) makes a confidently wrong model; N(0, 0.02) starts at the uniform loss ln V.
# * A **pretrained table** has structure beyond neighbours: norms that vary with frequency,
#   a small shared direction (anisotropy), a few offset dimensions, and under-trained rows
#   such as `[unused…]` that all look alike.
