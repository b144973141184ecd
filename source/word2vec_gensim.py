# %% [raw] tags=["course-meta"]
# objectives = ["train gensim Word2Vec reproducibly on a real 511k-token corpus and read its loss", "query nearest neighbours, similarities and analogies, and recognise when the corpus is too small", "write nearest-neighbour search yourself: normalise, one matrix product, sort", "evaluate vectors on WordSim353, SimLex-999 and the Google analogies, out-of-vocabulary share included", "project vectors to 2-D/3-D with PCA and t-SNE, and export them for PyTorch"]
# prerequisites = "notebook 04 (the Word2Vec idea: windows, pairs, two tables, negative sampling)"

# %% [markdown]
# ## 1. A real corpus: 106 Wikipedia articles and 300 news stories
#
# Notebook 04 played the Word2Vec game on a toy corpus of 119 words. Now the real thing. The
# bundled corpus (files that gensim ships) has about 511,000 tokens. That is small: the
# vectors Google published in 2013 were trained on about 100 billion words of news, 200,000
# times more. Expect some things to work well and others not at all.

# %%
from helpers.data import corpus_summary, load_bundled_corpus

corpus = load_bundled_corpus(progress=True)
corpus_summary(corpus)

# %% [markdown]
# The 416 "sentences" are **chunks**, not grammatical sentences: each article or story is one
# line of text, and the longer articles are cut into pieces of at most 10,000 tokens, because
# gensim silently ignores everything after a sentence's 10,000th token.
#
# Train skip-gram with the course's standard settings (100 dimensions, window 5, 5 epochs,
# words seen at least 5 times). After every epoch we record gensim's loss (`compute_loss`) and
# score the vectors on WordSim353 (section 4 explains that score), to watch training work.
# Five passes over half a million words take about 10 seconds on one CPU core (gensim runs one
# worker here; longer while other programs run); the progress bar shows the epochs go by.

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
# agreement with human judgements grows with every pass.

# %% [markdown]
# ## 2. Exploring: neighbours, similarities, analogies
#
# Nearest neighbours by cosine similarity (1 = same direction):

# %%
from helpers.word2vec import analogy, neighbours, neighbours_table, similarity

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
# Words the model never saw (or saw fewer than `min_count` times) have no vector at all:

# %%
print("cat" in sg_model.wv.key_to_index, "dog" in sg_model.wv.key_to_index)

# %% [markdown]
# *cat* occurs fewer than 5 times in these articles. A small corpus has gaps (asking for
# `neighbours(sg_model, "cat")` answers with a sentence that says so).
#
# ## 3. Nearest neighbours by hand
#
# `neighbours` hides very little: normalise every row to length 1, so that a dot product *is*
# the cosine; one matrix-vector product then scores every word against the query; sort, and
# skip the query itself.
#
# **Exercise 1 (write code).** Write `my_nearest(word, words, matrix, k)`: the `k` words (a list,
# best first) whose rows of `matrix` have the highest cosine with the row of `word`, leaving
# `word` itself out. `words[j]` names row `j`. The check runs it on 15 random tables whose rows
# have very different lengths and names the kind of bug it finds (the word itself included, the
# order reversed, dot products instead of cosines...).

# %%
import numpy as np

from helpers import ____
from helpers.checks import word2vec_gensim as ex


def my_nearest(word, words, matrix, k):
    ____


ex.q1.check(my_nearest)
# ex.q1.hint()
# ex.q1.solution()

# %% [markdown]
# Once it passes, `my_nearest("france", words, matrix, 6)` with the trained table
# (`words, matrix = word_vectors(sg_model)` from `helpers.word2vec`) lists the same words as
# the first row of the neighbours table above.

# %% [markdown]
# ## 4. Evaluating: do the vectors agree with people?
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
#   WordSim353 here, at about three and a half times the training time), then the other knobs.
#
# **Exercise 2.** A model puts *coffee* close to *cup*. Which benchmark rewards that,
# `"WordSim353"` or `"SimLex-999"`?

# %%
benchmark = ____
ex.q2.check(benchmark)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# ## 5. Turn the knobs
#
# Choose the dimension, window, model, epochs and `min_count`; the line under the knobs says at
# once what you would train. **Retrain** trains with a progress bar, then shows the scores, a
# projection and the time it took. The standard settings were trained above, so they come
# back instantly; other settings train anew (skip-gram at 5 epochs takes about 10 s on one core,
# CBOW a few seconds). Things to try:
# dimension 2 (too small to hold much), CBOW with 20 epochs, window 1 versus 10.

# %% tags=["nbval-ignore-output"]
from helpers.word2vec_views import knobs_widget, retrain_report

knobs_widget(corpus)

# %% [markdown]
# The Retrain button calls `retrain_report`; with the standard settings it reuses the model
# trained in section 1:

# %%
report = retrain_report(corpus, sg=1)
report.table()

# %% [markdown]
# **Exercise 3.** With `min_count=20`, how many words does Word2Vec keep from this corpus?
# (The line under the knobs tells you without retraining.)

# %%
kept_words = ____
ex.q3.check(kept_words)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# ## 6. Seeing the vectors
#
# 100 numbers per word cannot be drawn, so we project them. **PCA** finds the directions in
# which the chosen words differ most and keeps the first two (or three); instant and exact.
# Two words per group are written on the map; hover over any point for its word, click a
# group in the legend to hide it.

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
# **Search**: type a word to see its nearest neighbours (a table of cosines) and where they sit
# on the same map, numbered as in the table. The map's axes stay fixed while you type, so you
# can compare words.

# %% tags=["nbval-ignore-output"]
from helpers.word2vec_views import SearchExplorer, search_view, search_widget

search_widget(sg_model, "france")

# %% [markdown]
# The search box shows this table (and the figure) for its word:

# %%
explorer = SearchExplorer(sg_model)
table, figure = search_view(explorer, "france", k=8)
table

# %% [markdown]
# ## 7. Into PyTorch
#
# The trained embedding matrix is an ordinary V × N array. `export_vectors` saves the words and
# vectors, by default where `helpers.word2vec.course_vectors()` finds them, so notebook 06 can
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
# ## 8. With internet (optional)
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
# * On real text, Word2Vec's vectors put countries, numbers and months together without being
#   told: words with similar neighbours end up pointing in similar directions.
# * Nearest neighbours are one normalisation, one matrix product and a sort.
# * `workers=1` and a fixed `seed` make gensim reproducible; watch the loss and a benchmark per
#   epoch to see training work.
# * Evaluate with WordSim353 (relatedness), SimLex-999 (similarity) and analogies, and always
#   report the **out-of-vocabulary share** next to the score.
# * Half a million tokens learn countries, numbers and months well and analogies poorly;
#   more text helps most, then more epochs.
# * PCA and t-SNE pictures are hints; check what you see with cosine similarities.
# * The result is a plain V × N matrix: it loads straight into `nn.Embedding.from_pretrained`.
