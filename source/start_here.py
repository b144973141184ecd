# %% [raw] tags=["course-meta"]
# objectives = ["say what the course teaches and in which order", "run cells, move widgets and check exercises", "launch the course locally, on Binder or on Colab", "check that your environment is ready, and fix it if not"]
# prerequisites = "some Python; no machine learning needed"

# %% [markdown]
# ## Welcome
#
# Language models do not read letters. Text is cut into **tokens**, every token gets an **ID**
# (an integer), and every ID selects one row of a big table of numbers, the **embedding matrix**.
# That row, a vector of a few hundred numbers, is what the model actually computes with.
#
# This course starts from a question a learner once asked:
#
# > *"Each token gets an ID and then a vector from a V × N embedding matrix that is
# > 'initialized' and then 'trained'. Is 'initialized' like giving a row an ID in a database?
# > What does training actually do to those numbers?"*
#
# By the end you will answer it with code: the ID is only an **address** (which row); the row's
# **initial values** are random numbers; **training** nudges those numbers until words used in
# similar ways end up with similar vectors. You will build, train, inspect and load embeddings
# with gensim and PyTorch, and look inside a real pretrained model.
#
# **Who it is for:** programmers who know some Python and have heard of LLMs. No machine
# learning background is assumed.
#
# **How long:** the **core path**, notebooks 00–11, takes about 3 hours (180 minutes). After it
# come two optional **deep dives** (45 minutes each), a **capstone** that builds a small vector
# database (60 minutes) and an **appendix** on speed and memory (15 minutes). **Teachers:** the
# core fits one 3-hour class; `instructor/README.md` gives that schedule and a two-session one
# for everything.

# %% [markdown]
# ## The map
#
# One concept per notebook; each builds on the one before. The *track* column says which
# notebooks are the core path and which are optional; the last two rows add up the minutes.

# %%
from helpers.course import course_map

course_map()

# %% [markdown]
# ## How to use the notebooks
#
# * **Run a cell** with <kbd>Shift</kbd>+<kbd>Enter</kbd>. Run them top to bottom the first
#   time; later cells use what earlier cells made. *Kernel → Restart and run all* starts clean.
# * **Widgets** (sliders, text boxes, drop-downs) redraw a figure or table as you change them.
#   Every widget calls an ordinary function you can also call yourself, so nothing depends on
#   widgets working.
# * **Figures** are interactive: hover for values, drag to zoom, double-click to reset.
# * **Exercises** end with `ex.qN.check(your_answer)`. Replace `____` with your answer and run
#   the cell. Stuck? Uncomment `ex.qN.hint()` (call it again for a bigger hint). The solution
#   is one more line away, `ex.qN.solution()`, but try first: the check is instant.
# * **Mistakes are fine.** Helpers answer a bad input (an unknown word, a dimension of 0) with
#   one sentence that says what to change, not a wall of traceback. For example, one sentence
#   given where a list of words is expected:

# %%
from helpers import explain_errors
from helpers.word2vec import context_pairs

with explain_errors():
    context_pairs("the cat sat on the mat", window=2)

# %% [markdown]
# (The fix is `context_pairs("the cat sat on the mat".split(), window=2)`; you will meet this
# helper in notebook 04.)
#
# ## Try a widget
#
# Move the slider: the text below it should change at once. If nothing appears, the doctor
# further down says why and how to fix it.

# %% tags=["nbval-ignore-output"]
from helpers.widgets import int_slider, live

live({"tokens": int_slider(8, 1, 20, "number of tokens")},
     lambda tokens: print(f"{tokens} tokens → {tokens} IDs → {tokens} vectors"),
     css_class="course-demo-widget")

# %% [markdown]
# ## Try the exercises
#
# Three warm-up questions. The first is answered for you; answer the other two.
#
# **Exercise 1.** How many notebooks come after this one?

# %%
from helpers import ____
from helpers.checks import start_here as ex

notebooks_after_this_one = 15
ex.q1.check(notebooks_after_this_one)

# %% [markdown]
# **Exercise 2.** Which notebook takes longest? Answer with its number as a string, e.g. `"03"`.
# (Look at the map's minutes column.)

# %%
longest_notebook = ____
ex.q2.check(longest_notebook)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# **Exercise 3.** A vocabulary lists its words in alphabetical order and gives each the position
# it has in that list, counting from 0. With the words `fox`, `cat`, `dog`, what are the IDs of
# the sentence "fox cat dog"?

# %%
ids = ____
ex.q3.check(ids)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# ## Environment doctor
#
# Checks where you are running, the package versions, whether widgets will draw and whether
# the offline data is where the course expects it. Anything wrong comes with the exact fix.
# (Versions other than the tested ones usually work; the tested ones certainly do.)

# %%
from helpers import environment

environment.environment_report()

# %%
print(environment.widgets_will_render())
environment.Table(environment.data_report(), ["data", "status"], title="Offline data")

# %% [markdown]
# ## Launching the course
#
# * **On your machine** (Python 3.11, 3.12 or 3.13, and git): `python3 tools/course.py lab` sets everything up
#   the first time (a few minutes) and opens this notebook in JupyterLab.
# * **Binder**: the *launch binder* badge at the top starts the course in your browser, nothing
#   to install (it takes a minute or two to start; sessions end after ~10 idle minutes, so
#   download anything you changed).
# * **Google Colab**: the *Open in Colab* badge opens a notebook; its first cell fetches the
#   course's helpers and installs the one or two packages Colab lacks. Keep Colab's own torch
#   and ipywidgets.
# * **Offline**: everything except the clearly marked optional cells works without internet.
#   The data comes from files written for this course and files that gensim ships.

# %% [markdown]
# ## Key points
#
# * Text → tokens → IDs → vectors: the course follows that path one step per notebook.
# * An ID is an address; the vector at that address is what a model learns.
# * Exercises: replace `____`, run `check()`; `hint()` and `solution()` are there when needed.
# * Widgets call ordinary functions, so every result can also be computed by hand.
