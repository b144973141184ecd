# %% [raw] tags=["course-meta"]
# objectives = ["train a small sentiment classifier (mean of token embeddings → linear) with random, frozen-pretrained and fine-tuned embedding tables, each at a learning rate that suits it", "evaluate honestly: a fixed held-out test set, several seeds, mean ± spread", "explain, with the numbers, when feature extraction beats fine-tuning", "write the masked mean pooling that turns token vectors into a sentence vector, and search with it", "answer the course's question, point by point, with evidence"]
# prerequisites = "06 (`nn.Embedding`), 08 (training) and 10 (MiniLM's table)"

# %% [markdown]
# ## Why transfer?
#
# Notebook 08 showed what training does to an embedding table: random rows slowly become
# meaningful, but only after reading a lot of text. A task of your own (here: is a movie review
# sentence positive or negative?) often comes with very little labelled data. **Transfer
# learning** starts from a table someone else already trained on a huge amount of text, and
# either keeps it fixed or adjusts it a little. Does that help? We measure it.

# %%
import numpy as np

from helpers import ____
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
# | random init | random numbers | learns with the classifier, at the head's learning rate (0.05) |
# | frozen pretrained | MiniLM's rows | stays fixed: only the linear layer learns ("feature extraction") |
# | fine-tuned pretrained | MiniLM's rows | learns with the classifier, 500× more gently (0.0001) |
#
# Everything else is identical: 100 full-batch Adam steps, the same linear layer (learning rate
# 0.05), the same test set. Each table gets a learning rate that suits it. Is 0.05 fair to the
# random table? A sweep over its learning rate, 5 seeds each, all 100 pool sentences:

# %%
sweep = []
for table_lr in (1e-4, 1e-3, 1e-2, 0.05, 0.2):
    accuracies = [transfer.train_classifier(features, labels, transfer.training_indices(split, 100, s),
                                            split.test, "random", seed=s, table_lr=table_lr)
                  for s in transfer.SEEDS]
    sweep.append((f"{table_lr:g}", float(np.mean(accuracies)), float(np.std(accuracies))))
Table(sweep, ["random table's learning rate", "mean accuracy", "± std"], digits=3,
      title="Random table, 100 training sentences, 5 seeds")

# %% [markdown]
# A learning rate as small as fine-tuning's (0.0001) leaves the random rows where they started;
# 0.05 is as good as any we tried, so that is the one the random table gets.
#
# **Exercise 1.** Before running the next cell: trained on all 100 pool sentences, which way
# will get the most held-out sentences right? Answer `"random"`, `"frozen"` or `"finetune"`.

# %%
best_way = ____
ex.q1.check(best_way)
# ex.q1.hint()
# ex.q1.solution()

# %%
train = transfer.training_indices(split, 100, seed=0)
for mode in transfer.MODES:
    accuracy = transfer.train_classifier(features, labels, train, split.test, mode, seed=0)
    print(f"{transfer.MODE_LABELS[mode]:>22}: {accuracy:.2f} of the held-out sentences right")

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
# * **Random init stays near chance (0.50)** at every size, even at a fair learning rate. Many
#   words of a test sentence never appeared in training (most of them with 10 training
#   sentences, still about 40 % with 100), so their rows are still random numbers, and nothing
#   learned about "dull" helps with "tedious":

# %%
for size in (10, 100):
    share = transfer.unseen_test_share(examples, split, transfer.training_indices(split, size, 0))
    print(f"trained on {size:>3} sentences: {share:.0%} of the test words were never seen")

# %% [markdown]
# * **Frozen pretrained rows do best from 20 sentences on**, and improve with more data (with
#   10 sentences the three ways are within one standard deviation of each other). MiniLM's
#   table already puts "dull" near "tedious", so a direction learned from a few words also
#   scores words the classifier never saw. Only 385 numbers are learned, which 100 sentences
#   can pin down.
# * **Fine-tuning is worse than freezing here**: clearly so at 70 and 100 sentences, within the
#   seed-to-seed spread at 10 to 40. It moves only the rows of pieces that occur in the
#   training sentences; they drift away from the untouched rows the test sentences rely on,
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
# Notebook 05 trained Word2Vec on the course's 510,000-word corpus. The same frozen recipe with
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
# embeddings, for the 200 review sentences: the mean of the model's contextual output vectors
# (notebook 10) over the sentence's real tokens. Sentences in a batch are padded to the same
# length, so the mean must skip the padding: a **mask** holds 1 for a real token, 0 for padding.
#
# **Exercise 4 (write code).** Write `my_mean_pool(vectors, mask)`: `vectors` is a (B, T, D)
# tensor (B sentences, T positions, D numbers), `mask` a (B, T) tensor of 1s and 0s. Return the
# (B, D) means over the real tokens only. The check compares it with ours on 6 random batches.

# %%
def my_mean_pool(vectors, mask):
    ____                      # your code here: the mean over real tokens


ex.q4.check(my_mean_pool)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# `transfer.sentence_vectors` runs MiniLM on the sentences, pools its outputs that way, and
# scales each result to length 1:

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

# %% [markdown]
# Every query is compared with every stored vector, so the work grows in proportion to the
# collection. Vector databases (FAISS, pgvector, and many more) start from this exact operation
# and add approximate indexes that skip most comparisons when collections reach millions of
# vectors (the capstone, notebook 14, measures it).
#
# **Exercise 3.** Exact search for 10 queries in a collection of 30,000 vectors: how many dot
# products does the matrix product compute?

# %%
dot_products = ____
ex.q3.check(dot_products)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# ## The answer to the course's question
#
# Notebook 00 started from a learner's question: *"Each token gets an ID and then a vector from
# a V × N embedding matrix that is 'initialized' and then 'trained'. Is 'initialized' like
# giving a row an ID in a database? What does training actually do to those numbers?"* Here is
# the answer, one point per cell, each with its evidence.
#
# **1. The ID comes from the vocabulary, before any model exists, and it is only an address.**
# The tokenizer maps "bank" to a number; the table stores the vector at that row.

# %%
from helpers import language_models as lm, subwords

wordpiece = subwords.load_wordpiece()
minilm = lm.load_embedding_table("minilm")
bank_id = wordpiece.token_to_id("bank")
print(f"tokenizer: 'bank' → ID {bank_id}; MiniLM's table: the row of 'bank' is row {minilm.row('bank')}")
print("the first 4 of its 384 numbers:", minilm.vector("bank")[:4].round(3))

# %% [markdown]
# **2. "Initialized" means "filled with random numbers", not "given an ID".** A fresh table of
# the same size has random rows: "bank" and "banks" are unrelated there (cosine near 0, like any
# two random 384-dimensional rows, spread ≈ 1/√384 ≈ 0.05; notebook 07).

# %%
from helpers.initialization import init_rows
from helpers.vectors import cosine_similarity

banks_id = wordpiece.token_to_id("banks")
# the first rows of a fresh 30,522 × 384 table filled like nn.Embedding's default, N(0, 1)
# (every row is drawn alike, so we draw only as many as we need)
fresh_rows = init_rows("normal(0, 1)", minilm.shape[0], minilm.shape[1],
                       rows=max(bank_id, banks_id) + 1, seed=0).numpy()
print(f"fresh table:   cosine(bank, banks) = "
      f"{cosine_similarity(fresh_rows[bank_id], fresh_rows[banks_id]):.2f}")

# %% [markdown]
# **3. Training changes the numbers inside the rows that were used, and nothing else.** One
# SGD step on a fresh table with MiniLM's 30,522 rows (8 numbers wide: the width does not matter
# here), with the IDs of "the river bank", changes exactly the three rows of those tokens
# (notebooks 06 and 08 showed the same for a whole training step).

# %%
import torch

torch.manual_seed(0)
fresh = torch.nn.Embedding(minilm.shape[0], 8)
ids = torch.tensor(subwords.encode(wordpiece, "the river bank").ids)
before = fresh.weight.detach().clone()
optimizer = torch.optim.SGD(fresh.parameters(), lr=0.1)
fresh(ids).pow(2).sum().backward()               # any loss will do for this point
optimizer.step()
changed = torch.nonzero((fresh.weight.detach() != before).any(dim=1)).flatten().tolist()
print("IDs used:", ids.tolist(), "| rows changed:", changed, f"of {len(before):,}")

# %% [markdown]
# **4. After enough training, words used alike have similar rows.** Training on a billion
# sentence pairs wrote into MiniLM's table what random numbers lack:

# %%
print(f"MiniLM's table: cosine(bank, banks) = "
      f"{cosine_similarity(minilm.vector('bank'), minilm.vector('banks')):.2f}, "
      f"cosine(bank, banking) = {cosine_similarity(minilm.vector('bank'), minilm.vector('banking')):.2f}")

# %% [markdown]
# **5. The ID carries no meaning: renumber every word and training gives each word the same
# vector.** Notebook 08 proved it on 8 epochs; here again, one epoch on the toy corpus, with
# every word moved to a random new row.

# %%
from helpers import sgns_by_hand
from helpers.data import load_toy_corpus

toy = load_toy_corpus()
usual = sgns_by_hand.train_with_ids(toy, epochs=1, seed=0)
moved = sgns_by_hand.train_with_ids(toy, sgns_by_hand.shuffled_ids(usual.words, seed=3),
                                    epochs=1, seed=0)
print("'dog' is row", usual.id_of["dog"], "in one run and row", moved.id_of["dog"], "in the other")
print("every word's vector identical in both runs:", bool((usual.by_word() == moved.by_word()).all()))

# %% [markdown]
# **6. The row is static; meaning in a sentence comes from the layers above it.** "bank" looks
# up the same row by a river and at a bank counter, while MiniLM's output vectors for it differ
# (notebook 10).

# %%
result = lm.static_vs_contextual("bank", "we sat on the river bank and watched the water",
                                 "she opened a bank account to save money")
print(f"table rows: cosine {result['static cosine']:.2f} (the same row) | "
      f"model outputs: cosine {result['contextual cosine']:.2f}")

# %% [markdown]
# So: **no**, initializing is not like giving a row an ID. The ID is the row's address, fixed
# by the vocabulary and never trained. Initialization fills every row with random numbers that
# mean nothing. Training nudges the numbers of the rows it uses, step by step, until tokens used
# alike point the same way; renumber the tokens and the same vectors come out, only stored at
# other addresses.

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
# * A sentence vector is the masked mean of the model's output vectors; exact nearest-neighbour
#   search is one matrix product plus a partial sort, and its cost grows with the collection.
# * The course's question: an ID is an address, initialization writes random numbers, training
#   moves the numbers of the rows it uses until similar tokens have similar rows.
