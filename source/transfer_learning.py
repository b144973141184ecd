# %% [raw] tags=["course-meta"]
# objectives = ["train a small sentiment classifier (mean of token embeddings → linear) with random, frozen-pretrained and fine-tuned embedding tables", "evaluate honestly: a fixed held-out test set, several seeds, mean ± spread", "explain, with the numbers, when feature extraction beats fine-tuning", "find nearest neighbours exactly with one matrix product, and see its cost grow with the collection"]
# prerequisites = "notebooks 05 and 08 (`nn.Embedding`, MiniLM's table)"

# %% [markdown]
# ## Why transfer?
#
# Notebook 07 showed what training does to an embedding table: random rows slowly become
# meaningful, but only after reading a lot of text. A task of your own (here: is a movie review
# sentence positive or negative?) often comes with very little labelled data. **Transfer
# learning** starts from a table someone else already trained on a huge amount of text, and
# either keeps it fixed or adjusts it a little. Does that help? We measure it.

# %%
import numpy as np

from helpers import ____, explain_errors
from helpers.checks import transfer_learning as ex
from helpers import transfer
from helpers import transfer_views as views
from helpers.display import Table

# %% [markdown]
# ## 1. The data and an honest split
#
# gensim ships 200 movie-review sentences from Pang & Lee's polarity data, 100 positive and 100
# negative. We hold out 100 of them (50 of each) as a **test set** that no model ever trains
# on. The other 100 are the pool we draw training sentences from.

# %%
examples = transfer.load_polarity()
labels = [label for _, label in examples]
split = transfer.fixed_split(labels)
print("sentences:", len(examples), " positive:", sum(labels))
print("held-out test sentences:", len(split.test), " training pool:", split.pool_size)
for tokens, label in [examples[0], examples[150]]:
    print("positive" if label else "negative", "|", " ".join(tokens))
assert len(set(split.test) & set(np.concatenate(list(split.pool.values())))) == 0

# %% [markdown]
# ## 2. The classifier: mean of token vectors, then a linear layer
#
# Each sentence is cut into MiniLM's WordPiece pieces. Each piece has a row in an embedding
# table; the sentence vector is the **mean** of its rows; a linear layer turns those 384
# numbers into one score (positive if above 0). To average quickly we write every sentence as
# a row of shares ("this piece is 1/12 of the sentence"): then `shares @ table` is the matrix
# of sentence means.

# %%
features = transfer.minilm_features(examples)
print("shares of pieces:", features.bags.shape, "(sentences, distinct pieces)")
print("pretrained rows :", features.table.shape, "(distinct pieces, dimensions)")
first = features.bags[0]
pieces_of_first = np.flatnonzero(first)
mean_by_hand = features.table[pieces_of_first].T @ first[pieces_of_first]
print("sentence 0 pieces:", [features.pieces[i] for i in pieces_of_first])
print("shares @ table equals the mean of the rows:",
      np.allclose(features.bags[0] @ features.table, mean_by_hand, atol=1e-6))

# %% [markdown]
# The rows are MiniLM's, divided by one constant so that a row is 1 long on average; the
# random tables below start at the same size.
#
# ## 3. Three ways to set up the table
#
# | way | the table starts as | during training the table |
# |---|---|---|
# | random init | random numbers | learns with the classifier |
# | frozen pretrained | MiniLM's rows | stays fixed: only the linear layer learns ("feature extraction") |
# | fine-tuned pretrained | MiniLM's rows | learns with the classifier, with a small learning rate |
#
# Everything else is identical: 100 full-batch Adam steps, the same linear layer, the same
# test set. One run of each, trained on all 100 pool sentences:

# %%
train = transfer.training_indices(split, 100, seed=0)
for mode in transfer.MODES:
    accuracy = transfer.train_classifier(features, labels, train, split.test, mode, seed=0)
    print(f"{transfer.MODE_LABELS[mode]:>22}: {accuracy:.2f} of the held-out sentences right")

# %% [markdown]
# **Exercise 1.** Which of the three ways trains *only* the linear layer? Answer `"random"`,
# `"frozen"` or `"finetune"`.

# %%
only_head_learns = ____
ex.q1.check(only_head_learns)
# ex.q1.hint()
# ex.q1.solution()

# %% [markdown]
# ## 4. Several seeds and training sizes
#
# One run proves little: with 100 test sentences, one more right answer is a full point. We
# repeat every setting with 5 seeds (each seed draws different training sentences and
# different random starting values) and train on 10 to 100 sentences. That is 75 small
# trainings, about 10 seconds.

# %%
results = transfer.run_experiment(features, labels, split)
views.results_table(results)

# %% [markdown]
# Move the slider to see the three ways side by side for one training size (the bars show the
# mean, the whiskers ± one standard deviation over the seeds).

# %% tags=["nbval-ignore-output"]
views.size_widget(results, size=40)

# %% tags=["nbval-ignore-output"]
views.accuracy_figure(results)

# %% [markdown]
# ## 5. What the numbers say
#
# * **Random init stays at chance (about 0.50)** at every size. With 100 sentences, most
#   pieces in a test sentence never appeared in training, so their rows are still random
#   numbers, and nothing learned about "dull" helps with "tedious":

# %%
for size in (10, 100):
    share = transfer.unseen_test_share(examples, split, transfer.training_indices(split, size, 0))
    print(f"trained on {size:>3} sentences: {share:.0%} of the test words were never seen")

# %% [markdown]
# * **Frozen pretrained rows do best**, and improve with more data. MiniLM's table already
#   puts "dull" near "tedious", so a direction learned from a few words also scores words the
#   classifier never saw. Only 385 numbers are learned, which 100 sentences can pin down.
# * **Fine-tuning is worse than freezing here.** It moves only the rows of pieces that occur in
#   the training sentences; they drift away from the untouched rows the test sentences rely on,
#   and the classifier fits its 100 examples instead of the general pattern. Fine-tuning pays
#   off with thousands of labelled examples, with careful small learning rates, and in big
#   models where the layers above the table adapt too.
# * All numbers are low in absolute terms: a mean of static vectors ignores word order and
#   negation ("not good"). The spread over seeds is a reminder to read small differences
#   with care.
#
# > **Common misconception:** "Fine-tuning always beats a frozen pretrained table, because it
# > can only add information." With little labelled data it can *lose* information: the
# > updates overwrite general knowledge with quirks of a few sentences. Freeze first, measure
# > on held-out data, and fine-tune when the data (and the measurement) say it helps.
#
# **Exercise 2.** With the frozen table, how many numbers does training change? (The table has
# 384 dimensions; the classifier is `nn.Linear(384, 1)`.)
#
# *Worked example* for the fine-tuned way trained on all 100 pool sentences: every row of a
# piece seen in training can change, plus the linear layer.

# %%
seen_rows = int((features.bags[transfer.training_indices(split, 100, 0)].sum(axis=0) > 0).sum())
print(f"{seen_rows} rows × 384 + 385 = {seen_rows * 384 + 385:,} numbers can change")

# %%
trainable_numbers = ____
ex.q2.check(trainable_numbers)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# ## 6. Does any pretrained table help? Our own Word2Vec
#
# Notebook 04 trained Word2Vec on the course's 510,000-word corpus. The same frozen recipe with
# those vectors (whole words; words without a vector are skipped) on all 100 pool sentences:

# %%
from helpers.word2vec import course_vectors

words, matrix = course_vectors()
w2v_features = transfer.word2vec_features(examples, words, matrix)
print(f"review words with a Word2Vec vector: {w2v_features.known_share:.0%}")
w2v = transfer.run_experiment(w2v_features, labels, split, sizes=(100,), modes=("frozen",),
                              progress=False)
minilm_frozen = results[("frozen", 100)]
print(f"frozen Word2Vec : {w2v[('frozen', 100)].mean:.3f} ± {w2v[('frozen', 100)].spread:.3f}")
print(f"frozen MiniLM   : {minilm_frozen.mean:.3f} ± {minilm_frozen.spread:.3f}")

# %% [markdown]
# Our Word2Vec is no better than chance here: a quarter of the review words have no vector,
# and half a million words of encyclopaedia and news text teach little about *liking* a film.
# Transfer works when the pretrained vectors were trained on enough text of a relevant kind;
# MiniLM's table saw billions of words.
#
# ## 7. Where embeddings go next: nearest-neighbour search
#
# Instead of classifying, we can **search**: embed every stored text once, embed a query, and
# return the stored texts with the highest cosine. Here the vectors are MiniLM *sentence*
# embeddings (the mean of the model's contextual output vectors, notebook 08), for the 200
# review sentences.

# %%
texts = [" ".join(tokens) for tokens, _ in examples]
sentence_vectors = transfer.sentence_vectors(texts)
print("collection:", sentence_vectors.shape, "(sentences, dimensions), unit length")
views.search_table("a movie about sports and football", texts, sentence_vectors, k=3)

# %%
views.search_table("a funny romantic comedy", texts, sentence_vectors, k=3)

# %% [markdown]
# The hits are about the right *topic* (sports films, romantic comedies), whatever their
# opinion: the best match for "a funny romantic comedy" is a negative review. These vectors
# were trained to match sentences on what they are about, so that is what search finds.
#

# `top_k` is exact search in two steps: one matrix product gives every (query, item) cosine,
# then a partial sort keeps the best k.

# %%
indices, scores = transfer.top_k(sentence_vectors[:2], sentence_vectors, k=3)
print("indices:", indices.tolist())
print("scores :", np.round(scores.astype(float), 3).tolist())

# %%
with explain_errors():
    transfer.top_k(sentence_vectors[:1], sentence_vectors, k=0)
with explain_errors():
    transfer.top_k(np.ones((1, 100)), sentence_vectors, k=3)
with explain_errors():
    transfer.sentence_vectors([""])

# %% [markdown]
# How does the time grow with the collection? We time 10 queries against 1,000 to 100,000
# random unit vectors of 384 dimensions (timings differ from machine to machine, so the
# numbers are not checked).

# %% tags=["nbval-ignore-output"]
timing = transfer.time_search([1_000, 3_000, 10_000, 30_000, 100_000])
Table(timing, ["vectors", "ms per search (10 queries)", "MiB"], title="Exact top-5 search", digits=2)

# %% tags=["nbval-ignore-output"]
views.search_timing_figure(timing)

# %% [markdown]
# The time grows roughly in proportion to the collection: every query is compared with every
# stored vector. Vector databases (FAISS, pgvector, and many more) start from this exact
# operation and add approximate indexes that skip most comparisons when collections reach
# millions of vectors.
#
# **Exercise 3.** Exact search for 10 queries in a collection of 30,000 vectors: how many dot
# products does the matrix product compute?

# %%
dot_products = ____
ex.q3.check(dot_products)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# How much memory did this notebook use? (Not checked: it differs between machines.)

# %% tags=["nbval-ignore-output"]
import resource
import sys

peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak_mib = peak / 2**20 if sys.platform == "darwin" else peak / 2**10
print(f"peak memory of this kernel so far: {peak_mib:.0f} MiB")

# %% [markdown]
# ## Key points
#
# * Transfer learning reuses an embedding table trained on far more text than your task has.
# * **Frozen** (feature extraction): only a small head learns, which works with very little
#   labelled data. **Fine-tuned**: the table learns too; it needs more data and a small
#   learning rate, or it forgets what it knew. **Random**: knows nothing about unseen words.
# * Measure honestly: a fixed held-out test set, several seeds, mean ± spread.
# * A pretrained table helps only if it was trained on enough relevant text (MiniLM's helps,
#   our small Word2Vec does not).
# * Exact nearest-neighbour search is one matrix product plus a partial sort; its cost grows
#   with the collection, which is why vector databases exist.
