# %% [raw] tags=["course-meta"]
# objectives = ["explain skip-gram and CBOW as (centre, context) pairs drawn from a sliding window", "train gensim Word2Vec reproducibly on a toy corpus and on a real 511k-token corpus, and read its loss", "query nearest neighbours, similarities and analogies, and recognise when the corpus is too small", "evaluate vectors on WordSim353, SimLex-999 and the Google analogies, out-of-vocabulary share included", "project vectors to 2-D/3-D with PCA and t-SNE, and export them for PyTorch"]
# prerequisites = "notebooks 01–03 (tokens and IDs, one-hot vectors, hand-built feature tables)"

# %% [markdown]
# ## 1. The idea: a word is known by the company it keeps
#
# In notebook 03 *we* wrote each word's features by hand ("has four legs", "is a city"). That
# does not scale to 50,000 words. **Word2Vec** (Mikolov et al., 2013) learns the numbers from
# plain text instead, using one observation, the *distributional hypothesis*: words that appear
# in similar contexts tend to have similar meanings. "I drank a cup of ___" is followed by
# *coffee* or *tea*, rarely by *Tuesday*.
#
# So Word2Vec turns text into a prediction game about neighbours:
#
# * **skip-gram**: given the centre word, predict each word around it;
# * **CBOW** (continuous bag of words): given the words around a gap, predict the word in it.
#
# Each word has a vector. The vectors start as random numbers, and training nudges them
# until the game goes well. Words that play the game the same way (they have the same
# neighbours) end up with similar vectors. That is the answer to "what does training do to the
# numbers?", and this notebook shows it happening.

# %% [markdown]
# ## 2. From a sentence to training pairs
#
# The **window** is how many words on each side count as context. Here is the idea written
# out in full for one sentence and a window of 2: for every position, pair the centre word with
# each word at most 2 places away.

# %%
sentence = "the quick brown fox jumps over the lazy dog".split()
window = 2

pairs = []
for i, centre in enumerate(sentence):
    for j in range(max(0, i - window), min(len(sentence), i + window + 1)):
        if j != i:
            pairs.append((centre, sentence[j]))
print(len(pairs), "pairs; the first six:", pairs[:6])

# %% [markdown]
# The course's helper `context_pairs` does the same (and checks its input); for CBOW it groups
# the context words of each position into one example.

# %%
from helpers.word2vec import context_pairs

print(context_pairs(sentence, window=2) == pairs)
context_pairs(sentence, window=2, mode="cbow")[:3]

# %% [markdown]
# Move the sliders: the orange word is the centre, the blue words are its context, and the
# list shows the examples this one position adds to the training data.

# %% tags=["nbval-ignore-output"]
from helpers.word2vec_views import window_view, window_widget

window_widget("the quick brown fox jumps over the lazy dog", window=2, position=3)

# %% [markdown]
# The widget draws what this plain call returns:

# %%
window_view("the quick brown fox jumps over the lazy dog", window=2, position=3)

# %% [markdown]
# Two details of the real gensim trainer that this picture leaves out: for every centre word it
# picks a random window between 1 and `window`, so near words are used more often than far
# ones; and it randomly skips some occurrences of very frequent words like *the* (`sample`),
# which carry little information about their neighbours.
#
# **Exercise 1 (worked).** How many skip-gram pairs does "the quick brown fox jumps" make with
# a window of 2? Count per position: *the* sees 2 words, *quick* 3, *brown* 4, *fox* 3,
# *jumps* 2.

# %%
from helpers import ____
from helpers.checks import word2vec_gensim as ex

pairs_in_five_words = 2 + 3 + 4 + 3 + 2
ex.q1.check(pairs_in_five_words)

# %% [markdown]
# **Exercise 2.** In "the quick brown fox jumps over the lazy dog", what is the **smallest**
# window that makes the pair `('fox', 'lazy')`? Try it with the widget or `context_pairs`.

# %%
smallest_window = ____
ex.q2.check(smallest_window)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# ## 3. What training does with a pair
#
# Word2Vec keeps **two** tables of size V × N: the *input* vectors (the embeddings we keep
# and study) and the *output* vectors (used only during training). For a pair
# (`fox`, `brown`) it computes the dot product of `fox`'s input vector with `brown`'s output
# vector and pushes it **up**; for 5 randomly drawn words that were *not* there ("negative
# samples") it pushes the dot product **down**. Each push changes a few numbers in a few rows
# by a small step (the learning rate, 0.025 falling to almost 0). After millions of pairs, words
# with the same neighbours have been pushed the same way, so their vectors point in similar
# directions.
#
# ## 4. The toy corpus first (instant)
#
# The course's toy corpus has 3,100 short sentences about animals, fruit and cities, so the
# groups are easy to learn. `train_word2vec` always uses one worker thread and a fixed seed:
# the same vectors on every run.

# %%
from helpers.data import corpus_summary, load_toy_corpus
from helpers.word2vec import neighbours_table, similarity, train_word2vec, untrained_model

toy = load_toy_corpus()
print(corpus_summary(toy))
toy_settings = dict(vector_size=20, window=3, epochs=10, min_count=1)
toy_model = train_word2vec(toy, **toy_settings)

# %%
neighbours_table(toy_model, ["dog", "apple", "paris", "she"], k=5)

# %% [markdown]
# Nobody told the model that a mango is a fruit: it only saw that *mango* shows up where
# *apple* and *pear* show up. Now compare the vector of *dog* before and after training.
# `untrained_model` builds the same model and stops before the first training step.

# %%
start = untrained_model(toy, **toy_settings)
print("dog before training:", start.wv["dog"][:5].round(3))
print("dog after training: ", toy_model.wv["dog"][:5].round(3))
for a, b in [("dog", "cat"), ("dog", "apple")]:
    print(f"cosine({a}, {b}): before {similarity(start, a, b):+.2f}, "
          f"after {similarity(toy_model, a, b):+.2f}")

# %% [markdown]
# > **Common misconception:** "the initial vector of a word is like its database ID". The ID
# > is only the **row number** (where the vector is stored; *dog* is row
# > `toy_model.wv.key_to_index["dog"]`). The values in the row start as small random numbers
# > (gensim draws them uniformly between −1/N and 1/N for N dimensions), so before training
# > *dog* is no closer to *cat* than to *apple*. Training moves the values; the row number never
# > changes. Train again with another `seed` and every number differs, yet the neighbours come
# > out much the same: the meaning is in the relations between vectors, not in any one number.

# %% [markdown]
# ## 5. A real corpus: 106 Wikipedia articles and 300 news stories
#
# The bundled corpus (files that gensim ships) has about 511,000 tokens. That is small: the
# vectors Google published in 2013 were trained on about 100 billion words of news, 200,000
# times more. Expect some things to work well and others not at all.

# %%
from helpers.data import load_bundled_corpus

corpus = load_bundled_corpus(progress=True)
corpus_summary(corpus)

# %% [markdown]
# Train skip-gram with the course's standard settings (100 dimensions, window 5, 5 epochs,
# words seen at least 5 times). After every epoch we record gensim's loss (`compute_loss`) and
# score the vectors on WordSim353 (section 7 explains that score), to watch training work.
# This takes 10–20 seconds.

# %%
from helpers.data import load_wordsim353
from helpers.evaluation import similarity_score
from helpers.word2vec import epoch_table, train_cached

wordsim = load_wordsim353()


def wordsim_now(model):
    score = similarity_score("WordSim353", wordsim, model.wv.key_to_index, model.wv.vectors)
    return {"WordSim353": round(score.value, 3)}


sg_model = train_cached(corpus, sg=1, on_epoch=wordsim_now)

# %%
epoch_table(sg_model)

# %% [markdown]
# The loss is summed over all the pairs of one pass through the corpus: it falls fast, then
# flattens as the learning rate shrinks towards zero (gensim's loss counter is rough, so a
# small rise in the last epoch is not a worry). The WordSim353 column is the part that matters:
# agreement with human judgements grows with every pass. How long it took on this machine:

# %% tags=["nbval-ignore-output"]
from helpers.word2vec import words_per_second

elapsed = sg_model.training_seconds
print(f"trained in {elapsed:.1f} s, {words_per_second(sg_model):,.0f} words per second")

# %% [markdown]
# ## 6. Exploring: neighbours, similarities, analogies
#
# Nearest neighbours by cosine similarity (1 = same direction):

# %%
from helpers.word2vec import analogy, neighbours

neighbours_table(sg_model, ["france", "three", "july", "mother", "king", "physics"], k=6)

# %% [markdown]
# Countries, numbers and months come out very well: Wikipedia uses them in regular patterns
# ("in July 1914", "three of the four"). *king* does not find *queen*: in these articles it is
# mostly a title before a name, so its neighbours are other titles and names. *physics* is
# mixed. With 500k tokens, words seen a few dozen times get noisy vectors; more text is the
# cure.
#
# Similarities of chosen pairs. In this small corpus almost everything has a high cosine,
# so read them **relative** to each other: *france–germany* beats *france–july*.

# %%
for a, b in [("france", "germany"), ("three", "four"), ("king", "queen"),
             ("coffee", "cup"), ("france", "july")]:
    print(f"{a:>7} – {b:<8} {similarity(sg_model, a, b):.2f}")

# %% [markdown]
# Analogies: "*a* is to *b* as *c* is to ?" is answered by the word nearest to b − a + c.
# Some work even here:

# %%
for a, b, c in [("brother", "sister", "father"), ("he", "his", "she"), ("two", "three", "four"),
                ("man", "king", "woman")]:
    best = analogy(sg_model, a, b, c, k=3)
    print(f"{a} : {b} :: {c} : ?  →", ", ".join(f"{w} ({s:.2f})" for w, s in best))

# %% [markdown]
# The famous *man : king :: woman : queen* fails here (*king* has no royal neighbours, see
# above). It was shown with vectors trained on billions of words; on half a million, analogies
# are the first thing to break.
#
# Words the model never saw (or saw fewer than `min_count` times) have no vector. You get a
# sentence, with the closest spellings, instead of a `KeyError`:

# %%
from helpers import explain_errors

with explain_errors():
    neighbours(sg_model, "cat")
with explain_errors():
    similarity(sg_model, "frnace", "germany")
with explain_errors():
    train_word2vec(corpus, vector_size=0)

# %% [markdown]
# Yes: *cat* occurs fewer than 5 times in these articles. A small corpus has gaps.

# %% [markdown]
# ## 7. Evaluating: do the vectors agree with people?
#
# * **WordSim353**: 353 word pairs scored 0–10 by people for *relatedness* (cup–coffee: 6.58).
# * **SimLex-999**: 999 pairs scored for *similarity* only: related words that are not alike
#   (cup–coffee) should score low. Harder for Word2Vec, whose windows reward relatedness.
# * For both: the **Spearman correlation** between the model's cosines and the human scores
#   (1 = same ranking, 0 = no relation), over the pairs whose two words the model knows.
# * **Google analogies**: 19,544 questions like *athens : greece :: rome : ?*; accuracy over
#   the questions whose four words are known.
#
# The **OOV** (out-of-vocabulary) columns say how many pairs or questions had to be skipped.
# A score over 55% of SimLex says less than a score over all of it. We also train CBOW (it is
# several times faster: one prediction per position instead of one per pair).

# %%
from helpers.evaluation import evaluate_vectors, scores_table
from helpers.word2vec import word_vectors

cbow_model = train_cached(corpus, sg=0)
scores = {"skip-gram": evaluate_vectors(*word_vectors(sg_model)),
          "CBOW": evaluate_vectors(*word_vectors(cbow_model))}
scores_table(scores)

# %% [markdown]
# How to read this honestly:
#
# * The similarity scores are real but modest; vectors trained on billions of words reach
#   roughly 0.6–0.7 on WordSim353 and around 0.4 on SimLex-999.
# * Analogy accuracy is a few percent, and it is measured on less than a quarter of the
#   questions: with this corpus it is a weak metric, neighbour lists tell you more.
# * CBOW trains several times faster but, at 5 epochs on this little text, scores lower: it
#   averages the context and so sees each word in fewer distinct predictions. Give it 20 epochs
#   (still faster than skip-gram at 5) and it reaches about 0.38 on WordSim353.
# * What helps, in order: **more text** (more words known, better vectors for rare words),
#   then **more epochs** on the same text (skip-gram at 20 epochs reaches about 0.5 on
#   WordSim353 here, at four times the training time), then the other knobs.
#
# **Exercise 3.** A model puts *coffee* close to *cup*. Which benchmark rewards that,
# `"WordSim353"` or `"SimLex-999"`?

# %%
benchmark = ____
ex.q3.check(benchmark)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# ## 8. Turn the knobs
#
# Choose the dimension, window, model, epochs and `min_count`; the line under the knobs says at
# once what you would train. **Retrain** trains with a progress bar, then shows the scores, a
# projection and the time it took. The standard settings were trained above, so they come
# back instantly; skip-gram at 5 epochs takes 10–20 s here, CBOW a few seconds. Things to try:
# dimension 2 (too small to hold much), CBOW with 20 epochs, window 1 versus 10.

# %% tags=["nbval-ignore-output"]
from helpers.word2vec_views import knobs_widget, retrain_report

knobs_widget(corpus)

# %% [markdown]
# The Retrain button calls `retrain_report`; with the standard settings it reuses the model
# trained in section 5:

# %%
report = retrain_report(corpus, sg=1)
report.table()

# %% [markdown]
# **Exercise 4.** With `min_count=20`, how many words does Word2Vec keep from this corpus?
# (The line under the knobs tells you without retraining.)

# %%
kept_words = ____
ex.q4.check(kept_words)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# ## 9. Seeing the vectors
#
# 100 numbers per word cannot be drawn, so we project them. **PCA** finds the directions in
# which the chosen words differ most and keeps the first two (or three); instant and exact.
# Hover over a point for its word; click a group in the legend to hide it.

# %% tags=["nbval-ignore-output"]
from helpers.word2vec_views import group_words, projection_figure

projection_figure(sg_model, method="pca", dims=2)

# %% [markdown]
# The data behind that figure: which words, in which groups, and how much of the spread the two
# axes keep (the rest is lost in the picture: nearby points may still be far apart in 100-D).

# %%
from helpers.projection import pca

words, groups = group_words(sg_model)
print(len(words), "words in", len(set(groups)), "groups:", ", ".join(dict.fromkeys(groups)))
print("share of variance on the two axes:",
      [round(share, 2) for share in pca(sg_model.wv[words], 2).explained])

# %% [markdown]
# **t-SNE** instead tries to keep each word's nearest neighbours nearby, at the cost of distances
# between clusters (they mean little in a t-SNE plot). It takes a few seconds.

# %% tags=["nbval-ignore-output"]
projection_figure(sg_model, method="t-sne", dims=2)

# %% [markdown]
# The same words in 3-D (PCA, three axes); drag to rotate:

# %% tags=["nbval-ignore-output"]
projection_figure(sg_model, method="pca", dims=3)

# %% [markdown]
# **Search**: type a word to see it and its nearest neighbours on the same map. The map's axes
# stay fixed while you type, so you can compare words.

# %% tags=["nbval-ignore-output"]
from helpers.word2vec_views import SearchExplorer, search_view, search_widget

search_widget(sg_model, "france")

# %% [markdown]
# The search box shows this table (and a figure) for its word:

# %%
explorer = SearchExplorer(sg_model)
table, figure = search_view(explorer, "france", k=8)
table

# %% [markdown]
# ## 10. Into PyTorch
#
# The trained embedding matrix is an ordinary V × N array. `export_vectors` saves the words and
# vectors, by default where `helpers.word2vec.course_vectors()` finds them, so notebook 05 can
# load these very vectors into `torch.nn.Embedding.from_pretrained`.

# %%
import torch

from helpers.word2vec import export_vectors, load_vectors

path = export_vectors(sg_model)
words, matrix = load_vectors(path)
embedding = torch.nn.Embedding.from_pretrained(torch.from_numpy(matrix), freeze=True)
row = words.index("france")
print(embedding)
print("row", row, "is 'france':", torch.equal(embedding(torch.tensor([row]))[0],
                                               torch.tensor(sg_model.wv["france"])))

# %% [markdown]
# ## 11. With internet (optional)
#
# With internet access, `gensim.downloader` can fetch vectors trained on billions of words,
# e.g. GloVe trained on Wikipedia + Gigaword (400,000 words × 50 dimensions, a 66 MB download).
# Set `ONLINE = True` to try. Switched off, or offline, this cell says so in one sentence and
# the notebook carries on.

# %%
# Optional, needs internet.
from helpers import online_requested
from helpers.word2vec import load_online_vectors

ONLINE = online_requested()  # False unless you change it (or set COURSE_ONLINE=1)
glove, message = load_online_vectors("glove-wiki-gigaword-50", online=ONLINE)
print(message)
if glove is not None:
    print(neighbours_table(glove, ["king", "cat", "physics"], k=6))
    print("man : king :: woman : ?", analogy(glove, "man", "king", "woman", k=3))

# %% [markdown]
# ## Key points
#
# * Word2Vec learns vectors from **which words appear near which**: skip-gram predicts the
#   context from the centre word, CBOW the centre word from its context, over a sliding window.
# * Vectors **start random** (not IDs; the ID only says which row) and training nudges them, one
#   pair at a time, until words with similar neighbours point in similar directions.
# * `workers=1` and a fixed `seed` make gensim reproducible; watch the loss and a benchmark per
#   epoch to see training work.
# * Evaluate with WordSim353 (relatedness), SimLex-999 (similarity) and analogies, and always
#   report the **out-of-vocabulary share** next to the score.
# * Half a million tokens learn countries, numbers and months well and analogies poorly;
#   more text helps most, then more epochs.
# * PCA and t-SNE pictures are hints; check what you see with cosine similarities.
# * The result is a plain V × N matrix: it loads straight into `nn.Embedding.from_pretrained`.
