# %% [raw] tags=["course-meta"]
# objectives = ["explain the distributional idea: words used in similar places get similar vectors", "turn a sentence into (centre, context) pairs with a sliding window, and write that loop yourself", "describe the two tables Word2Vec keeps and how a pair becomes a probability", "explain why negative sampling exists: measure what a softmax over the whole vocabulary costs", "read a loss curve: what a gradient step and the learning rate do", "train Word2Vec on a toy corpus and see that seeds change the numbers, not the neighbours"]
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
# neighbours) end up with similar vectors. This notebook builds the game piece by piece; the
# next one plays it on half a million words.

# %% [markdown]
# ## 2. From a sentence to training pairs
#
# The **window** is how many words on each side count as context. For every position, the
# centre word is paired with each word at most `window` places away. Move the sliders: the
# orange word is the centre, the blue words are its context, and the list shows the examples
# this one position adds to the training data.

# %% tags=["nbval-ignore-output"]
from helpers.word2vec_views import window_view, window_widget

window_widget("the quick brown fox jumps over the lazy dog", window=2, position=3)

# %% [markdown]
# The widget draws what this plain call returns:

# %%
window_view("the quick brown fox jumps over the lazy dog", window=2, position=3)

# %% [markdown]
# **Exercise 1.** How many skip-gram pairs does the five-word sentence "the quick brown fox
# jumps" make with a window of 2? (Count the context words of each position, then add.)

# %%
from helpers import ____
from helpers.checks import word2vec_idea as ex

pairs_in_five_words = ____
ex.q1.check(pairs_in_five_words)
# ex.q1.hint()
# ex.q1.solution()

# %% [markdown]
# **Exercise 2.** In "the quick brown fox jumps over the lazy dog", what is the **smallest**
# window that makes the pair `('fox', 'lazy')`? Try it with the widget.

# %%
smallest_window = ____
ex.q2.check(smallest_window)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# **Exercise 3 (write code).** Write the loop that turns a list of tokens into skip-gram pairs:
# for every position `i`, append `(tokens[i], tokens[j])` for every position `j` at most
# `window` places away, `j ≠ i`, and `j` inside the list. Keep text order. The check runs your
# function on 34 sentences (random ones included) and compares with the course's version; if
# something differs it names the kind of bug (an off-by-one in the window, reversed pairs,
# missing edges...).

# %%
def my_context_pairs(tokens, window):
    pairs = []
    ____
    return pairs


ex.q3.check(my_context_pairs)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# The course's helper `context_pairs` is that loop (plus checks of its input). Its first pairs
# for the nine-word sentence:

# %%
from helpers.word2vec import context_pairs

sentence = "the quick brown fox jumps over the lazy dog".split()
skip_gram = context_pairs(sentence, window=2)
print(len(skip_gram), "pairs; the first six:", skip_gram[:6])

# %% [markdown]
# Two details of the real gensim trainer that this picture leaves out: for every centre word it
# picks a random window between 1 and `window`, so near words are used more often than far
# ones; and it randomly skips some occurrences of very frequent words like *the* (`sample`),
# which carry little information about their neighbours.
#
# ## 3. Skip-gram or CBOW: the same window, two games
#
# Skip-gram makes one example per (centre, context) pair. CBOW makes **one example per
# position**: all the context words together (averaged inside the model) predict the centre.

# %%
cbow = context_pairs(sentence, window=2, mode="cbow")
print(f"skip-gram: {len(skip_gram)} examples, e.g. {skip_gram[6]}")
print(f"CBOW:      {len(cbow)} examples, e.g. {cbow[2]}")

# %% [markdown]
# Fewer examples is why CBOW trains several times faster. Skip-gram gives every (word,
# neighbour) pair its own update, which tends to help rare words; the next notebook measures both
# on a real corpus.
#
# ## 4. Two tables and a score
#
# Word2Vec keeps **two** tables of size V × N (V words, N numbers per word): the **input**
# vectors (the embeddings we keep and study) and the **output** vectors (used only while
# training). A pair (centre, context) gets a **score**, the dot product of the centre's input
# row with the context's output row, and the sigmoid σ(score) = 1 / (1 + e^−score) turns the score
# into a probability: "how likely is this word to appear near that one?" Here are both tables
# for six words, N = 3, filled with small random numbers as training would start them.

# %%
from helpers.display import Table
from helpers.word2vec_idea import pair_score, sigmoid, two_tables

words = ["fox", "brown", "quick", "apple", "paris", "runs"]
w_in, w_out = two_tables(words, dims=3, seed=0)
print("W_in:", w_in.shape, " W_out:", w_out.shape)
fox, brown = words.index("fox"), words.index("brown")
score = pair_score(w_in, w_out, fox, brown)
print(f"score(fox, brown) = W_in[fox] · W_out[brown] = {score:+.3f}; "
      f"σ(score) = {sigmoid(score):.3f}")

# %% [markdown]
# Untrained, every probability is close to 0.5: the model has no opinion yet. Training wants
# σ(score) near **1** for pairs that really occur, like (fox, brown), and near **0** for pairs
# that do not, like (fox, apple). It gets there by moving the numbers in those rows, a little at
# a time (section 6 shows how).
#
# ## 5. Why negative sampling: a softmax over V is expensive
#
# The textbook way to "predict the context word" is a **softmax**: score the centre against
# *every* word of the vocabulary and normalise, so the V probabilities add up to 1. That costs
# V dot products for every single pair, and a corpus has millions of pairs. **Negative
# sampling** asks an easier question instead: is *brown* a real neighbour of *fox* (σ near 1)
# and are 5 randomly drawn words *not* (σ near 0)? That is 1 + 5 dot products, whatever V is.

# %%
from helpers.word2vec_idea import dot_products_per_pair

vocabularies = {"toy corpus": 119, "real corpus of notebook 05": 9_733,
                "BERT": 30_522, "GPT-2": 50_257}
Table([[name, f"{V:,}", f"{dot_products_per_pair(V)['softmax']:,}",
        dot_products_per_pair(V)["negative sampling"]] for name, V in vocabularies.items()],
      ["vocabulary", "V", "dot products per pair: softmax", "negative sampling (5 negatives)"],
      title="Work for one (centre, context) pair")

# %% [markdown]
# Measured on this machine (NumPy, N = 100, one thread; timings vary between machines, and
# while other programs run):

# %% tags=["nbval-ignore-output"]
from helpers.word2vec_idea import softmax_vs_negative_ms

for V in (10_000, 50_257):
    ms = softmax_vs_negative_ms(V)
    print(f"V = {V:>6,}: softmax {ms['softmax']:.3f} ms per pair, negative sampling "
          f"{ms['negative sampling']:.4f} ms ({ms['softmax'] / ms['negative sampling']:,.0f}× slower)")

# %% [markdown]
# **Exercise 4.** With a vocabulary of 30,000 words and 5 negative samples, how many times fewer
# dot products does negative sampling need per pair than a full softmax?

# %%
times_fewer = ____
ex.q4.check(times_fewer)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# ## 6. A primer: loss, gradient, learning rate
#
# "Training nudges the numbers." Here is what a nudge is, with **one** number instead of
# millions. Say a model has one parameter *w*, and a **loss** L(*w*) that measures how wrong it
# is: here L(*w*) = (*w* − 2)², zero at the best value *w* = 2. The **gradient** (the slope
# dL/d*w* = 2(*w* − 2)) says which way is uphill, so one training step moves *w* a little the
# other way:
#
# *w* ← *w* − **learning rate** × slope.
#
# The learning rate is the size of the nudge. The three panels start at *w* = −1 and take 8
# steps with three learning rates (hover over a point for its step):

# %% tags=["nbval-ignore-output"]
from helpers.word2vec_views import descent_figure, descent_table

descent_figure()

# %% [markdown]
# The numbers behind the three panels:

# %%
descent_table()

# %% [markdown]
# Too small and training crawls; a bit large and it zig-zags but still arrives; too large and
# every step overshoots further: the loss **grows**. Word2Vec does exactly this, with every number
# of both tables as a parameter and, for each pair, the loss −log σ(score) of the true pair plus
# −log σ(−score) of each negative one; a pair's gradient touches only the rows of the words in it.
# gensim starts the learning rate at 0.025 and lowers it towards 0.0001 as training goes on.
#
# **Exercise 5.** From which learning rate on do the steps on this loss stop getting closer to
# *w* = 2? Experiment: `descend(-1, rate, 20)` returns the 21 values of *w* (the start
# included).

# %%
from helpers.word2vec_idea import descend

print([round(w, 2) for w in descend(-1, 0.9, 6)])
diverging_rate = ____
ex.q5.check(diverging_rate)
# ex.q5.hint()
# ex.q5.solution()

# %% [markdown]
# ## 7. A toy run
#
# The course's toy corpus has 3,100 short sentences about animals, fruit, cities and people, so
# its groups are easy to learn. `train_word2vec` always uses one worker thread and a fixed seed:
# the same vectors on every run. Ten passes over it take a second or two.

# %%
from helpers.data import corpus_summary, load_toy_corpus
from helpers.word2vec import neighbours, similarity, train_word2vec, untrained_model
from helpers.word2vec_views import TOY_GROUPS

toy = load_toy_corpus()
print(corpus_summary(toy))
toy_settings = dict(vector_size=20, window=3, epochs=10, min_count=1)
toy_model = train_word2vec(toy, **toy_settings)

# %% [markdown]
# Nobody told the model which words are animals or fruit: it only saw which words show up in
# the same places. For a few words, how many of their 5 nearest neighbours (by cosine) belong
# to their own group?

# %%
groups = dict(TOY_GROUPS, people=["i", "you", "he", "she", "we", "they"])
group_of = {word: name for name, members in groups.items() for word in members}
probe = ["dog", "apple", "paris", "she"]


def same_group(model, word, k=5):
    found = [w for w, _ in neighbours(model, word, k)]
    return sum(group_of.get(w) == group_of[word] for w in found)


Table([[w, group_of[w], f"{same_group(toy_model, w)} of 5"] for w in probe],
      ["word", "group", "nearest 5 in the same group"], title="Toy model, seed 42")

# %% [markdown]
# Now compare the vector of *dog* before and after training. `untrained_model` builds the same
# model and stops before the first training step.

# %%
start = untrained_model(toy, **toy_settings)
print("dog before training:", start.wv["dog"][:4].round(2))
print("dog after training: ", toy_model.wv["dog"][:4].round(2))
for a, b in [("dog", "cat"), ("dog", "apple")]:
    print(f"cosine({a}, {b}): before {similarity(start, a, b):+.1f}, "
          f"after {similarity(toy_model, a, b):+.1f}")

# %% [markdown]
# > **Common misconception:** "the initial vector of a word is like its database ID". The ID
# > is only the **row number** (where the vector is stored; *dog* is row
# > `toy_model.wv.key_to_index["dog"]`). The values in the row start as small random numbers
# > (gensim draws them uniformly between −1/N and 1/N for N dimensions), so before training
# > *dog* is no closer to *cat* than to *apple*. Training moves the values; the row number never
# > changes.
#
# Train again with other seeds: every number differs, yet the neighbours come out much the same.
# The meaning is in the **relations** between vectors, not in any one number.

# %%
rows = []
for seed in (42, 1, 2):
    model = toy_model if seed == 42 else train_word2vec(toy, seed=seed, progress=False,
                                                       **toy_settings)
    rows.append([seed, " ".join(f"{x:+.1f}" for x in model.wv["dog"][:3])]
                + [f"{same_group(model, w)} of 5" for w in probe])
Table(rows, ["seed", "dog's first 3 numbers"] + probe,
      title="Three seeds: other numbers, yet each word's 5 nearest stay in its group")

# %% [markdown]
# ## Key points
#
# * Word2Vec learns vectors from **which words appear near which**: a sliding window turns text
#   into (centre, context) pairs; skip-gram predicts each context word from the centre, CBOW the
#   centre from its whole context.
# * It keeps **two** V × N tables; a pair's score is input row · output row, and σ(score) is the
#   model's probability that the pair is real.
# * A softmax would score all V words for every pair; **negative sampling** scores the true word
#   and a handful of random ones, so the cost per pair no longer grows with the vocabulary.
# * Training is gradient descent: step each number against its slope, scaled by the **learning
#   rate**; too large a rate diverges.
# * Vectors **start random** (not IDs; the ID only says which row). Another seed gives other
#   numbers but the same neighbourhoods.
