# %% [raw] tags=["course-meta"]
# objectives = ["describe words by hand-chosen features stored in a word × feature table (CSV)", "compute cosine similarities between word vectors and read them from a heatmap", "plot words by their features in 2-D and 3-D, and see similar words land together", "explain why hand-built features do not scale, and why embeddings are learned instead"]
# prerequisites = "notebooks 01 and 02 (IDs, one-hot vectors)"

# %% [markdown]
# ## Vectors that mean something
#
# One-hot vectors (notebook 02) keep a token's identity and nothing else: *dog* is as far from
# *fox* as from *london*. What if each number in a word's vector answered a question about the
# word instead? *Is it alive? Can you eat it? Is it a place?* Then words that are alike would
# share answers, and so share numbers.
#
# That is a **feature table**: one row per word, one column per feature, values from 0 (not at
# all) to 1 (completely). We write it by hand here, to see what makes a good word vector before
# notebook 04 lets a computer learn one.

# %% [markdown]
# ## Step 1: the table is a CSV file
#
# The course's table is `data/feature_table.csv`. The first lines of the file:

# %%
from helpers.data import data_path

print("\n".join(data_path("feature_table.csv").read_text().splitlines()[:4]))

# %% [markdown]
# `load_feature_table` reads it and checks every cell. The `group` column (animal, fruit,
# city) only colours the plots; the nine columns after it are the features.

# %%
from helpers.feature_table import load_feature_table
from helpers.feature_table_views import feature_table_view

table = load_feature_table()
print(table)
feature_table_view(table)

# %% [markdown]
# ## Step 2: every row is a vector
#
# A word's row is its vector: nine numbers, one per feature. Compare *dog* with *cat* and with
# *apple* by **cosine similarity**: the dot product of the two rows divided by both their
# lengths, cos(a, b) = a·b / (|a| |b|). It is 1 when the rows point the same way, 0 at right
# angles. (Exercise 2 asks you to write it yourself; here is the course's helper.)

# %%
from helpers.vectors import cosine_similarity

dog, cat, apple = table.vector("dog"), table.vector("cat"), table.vector("apple")
print("dog:", dog)
print("cat:", cat)
print(f"cos(dog, cat)   = {cosine_similarity(dog, cat):.3f}")
print(f"cos(dog, apple) = {cosine_similarity(dog, apple):.3f}")

# %% [markdown]
# Unlike one-hot vectors, these differ: *dog* and *cat* share almost every answer, *dog* and
# *apple* almost none. The helper computes every pair at once (`table.cosine_matrix()`, which
# uses `helpers.vectors`), and the heatmap shows three blocks, one per group:

# %%
from helpers.feature_table_views import feature_heatmap

feature_heatmap(table)

# %%
from helpers.display import Table

Table([(w, *[f"{n} ({s:.2f})" for n, s in table.nearest(w, 2)]) for w in table.words],
      ["word", "most similar", "second"], title="Nearest words by cosine")

# %% [markdown]
# **Similar words get similar vectors**: every animal's nearest words are animals, every
# fruit's are fruit, every city's are cities. Nobody told the cosine about the groups; they
# follow from the features.
#
# ## Step 3: plot words by their features
#
# Because our features have names, we can use them directly as axes. Words that share a spot
# are written once; hover over a point to see every word there. In 3-D, drag to rotate.

# %%
from helpers.feature_table_views import feature_scatter

feature_scatter(table, ["big", "edible"])

# %%
feature_scatter(table, ["alive", "edible", "is_a_place"])

# %% [markdown]
# The groups sit in separate corners. Two features cannot separate everything (in the 2-D plot
# the cities share a corner with the horse), which is one reason to use many features at once.
#
# ## Step 4: change the table
#
# Tables never change in place: `with_value` and `with_word` return a new table. Make the fox
# a pet, and add a word of your own:

# %%
pet_fox = table.with_value("fox", "pet", 1.0)
print(f"cos(fox, dog): {table.similarity('fox', 'dog'):.3f} → {pet_fox.similarity('fox', 'dog'):.3f}")

with_wolf = table.with_word("wolf", {"alive": 1, "big": 0.5, "four_legs": 1, "makes_sound": 1,
                                     "wild": 1})
print("wolf's nearest words:", [(w, round(s, 3)) for w, s in with_wolf.nearest("wolf", 3)])

# %% [markdown]
# ## Try it: edit the table, watch the vectors move
#
# Pick a word and a feature, then move the slider: when you let go, the title (the word's
# nearest neighbours), the heatmap and the scatter plot update. Type a new word in the *word* box
# and press Enter to add it: it starts with 0 everywhere, and a row of zeros has no direction,
# so its similarity to any word is **undefined** (blank cells in the heatmap) until you give it a
# feature. The axis menus choose which features the scatter plot uses. Re-run the cell to start
# again from the file.

# %% tags=["nbval-ignore-output"]
from helpers.feature_table_views import FeatureEditor

editor = FeatureEditor(table)
editor_widget = editor.widget()
editor_widget

# %% [markdown]
# The widget calls `editor.render(word, feature, value)`, which applies the edit and returns
# the figure. The same call in a plain cell, on a fresh editor: make *duck* stop making sounds
# and compare its neighbours with the table in Step 2.

# %%
FeatureEditor(table).render("duck", "makes_sound", 0.0)

# %% [markdown]
# ## Step 5: why hand-built features do not scale
#
# The table works for 14 words, and it already shows the cracks:
#
# * **The features decide what can be told apart.** *apple* and *orange* differ only in
#   sweetness, so their cosine is almost 1: to this table they are nearly the same word.
#   Each new distinction needs a new column, filled in for every word.
# * **Someone has to choose.** Is a duck a pet (0.3)? Is London loud (0.7)? Two people would
#   write two different tables, and neither is "right".
# * **One row per word.** *orange* the fruit and *orange* the colour must share one row.
#   (Notebook 10 comes back to this with contextual vectors.)
# * **Size.** A real vocabulary has about 50,000 tokens, and useful vectors have hundreds of
#   dimensions:

# %%
print(f"cos(apple, orange) = {table.similarity('apple', 'orange'):.3f}")

from helpers.feature_table import hand_labelling_cost

cost = hand_labelling_cost(words=50_000, features=300, seconds_per_value=5)
print(f"values to fill in: {cost['values to fill in']:,}")
print(f"at 5 seconds each: {cost['hours']:,.0f} hours ≈ {cost['working years (1,800 h)']:.1f} working years")

# %% [markdown]
# So we keep the idea (each word is a row of numbers, similar words get similar rows) and drop
# the hand work: **learn** the numbers from how words are used in text. Notebook 04 does that
# with Word2Vec, on the same animals, fruit and cities.
#
# > **Common misconception:** "Learned embeddings have named dimensions like `edible` or
# > `is_a_place`." They do not. A learned vector's columns have no names, and a single column
# > rarely means one thing on its own. What training keeps is what we used here: words used
# > alike end up with rows that point in similar directions, so cosine similarity still works.

# %% [markdown]
# ## Exercises
#
# **Exercise 1 (worked for you).** Which word in the table is most similar to *cat*?

# %%
from helpers import ____
from helpers.checks import feature_tables as ex

closest_to_cat = table.nearest("cat", 1)[0][0]
print(closest_to_cat)
ex.q1.check(closest_to_cat)

# %% [markdown]
# **Exercise 2 (write code).** Write `my_cosine(a, b)`: the cosine similarity of two vectors
# (NumPy arrays of the same length, neither all zeros), as one number. Use only NumPy
# (`a @ b`, `np.linalg.norm`). The check compares it with the course's helper on random
# vectors of different lengths and names the kind of bug it finds.

# %%
import numpy as np


def my_cosine(a, b):
    ____


ex.q2.check(my_cosine)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# **Exercise 3.** Add *goose* to the table with values you choose, so that its most similar
# word is *duck*. Give the new table (from `table.with_word("goose", {...})`) as your answer.
# Features you leave out are 0.

# %%
with_goose = ____
ex.q3.check(with_goose)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# **Exercise 4.** BERT describes each of its 30,522 tokens with 768 numbers. Written by hand
# like our table, how many values would that be?

# %%
values_to_fill = ____
ex.q4.check(values_to_fill)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# **Exercise 5.** A *kitten* row is written as exactly half of the *cat* row (every value × 0.5).
# What is the cosine similarity between *kitten* and *cat*? Reason first, then check with
# `cosine_similarity`.

# %%
cosine_kitten_cat = ____
ex.q5.check(cosine_kitten_cat)
# ex.q5.hint()
# ex.q5.solution()

# %% [markdown]
# ## Key points
#
# * A feature table gives each word a row of numbers we choose (edible, four legs, is a place…);
#   that row is the word's vector.
# * Cosine similarity compares the directions of two rows: words that share features score
#   high, unrelated words near 0.
# * With meaningful features, similar words get similar vectors and cluster in plots, unlike
#   one-hot vectors.
# * Hand-built features need someone to pick and fill every value (15 million for 50,000 words ×
#   300 features) and still miss distinctions: real embeddings learn their numbers from text.
