# %% [raw] tags=["course-meta"]
# objectives = ["build a GPT-style input: sliding windows of IDs, token embedding + position embedding → (batch, context, dim)", "write the sinusoidal position table yourself and say how it differs from a learned one", "load a real pretrained embedding matrix offline, measure it, and query its nearest tokens", "show that a token's table row is static while the model's output vector depends on context"]
# prerequisites = "06 (the embedding layer) and 09 (subword tokenizers)"

# %% [markdown]
# ## Where we are
#
# Notebook 09 cut text into subword pieces, each with an ID and a row of a token table. A
# language model adds one more thing to each row before its layers see it: the token's
# **position**. Then we open a real pretrained table, and look at what the layers above it do
# with the rows.

# %%
from helpers import ____
from helpers.checks import embeddings_in_language_models as ex
from helpers import subwords, language_models as lm
from helpers import language_models_views as views

wordpiece = subwords.load_wordpiece()          # MiniLM's WordPiece (notebook 09)

# %% [markdown]
# ## 1. The input of a GPT: token + position
#
# A GPT learns by predicting the next token. Training examples are **windows** cut from a long
# stream of IDs: the input is a window, the target is the same window moved one token to the
# right. Let us cut a short text, tokenized with WordPiece, into windows of 8 tokens.

# %%
text = ("The cat sat on the mat. The dog sat on the rug. Snow fell on the river bank "
        "while the cat watched the dog.")
ids = subwords.encode(wordpiece, text).ids
inputs, targets = lm.sliding_windows(ids, context=8, stride=4)
print("token IDs in the text:", len(ids))
print("inputs:", tuple(inputs.shape), " targets:", tuple(targets.shape))
print("window 0 input :", wordpiece.decode(inputs[0].tolist()))
print("window 0 target:", wordpiece.decode(targets[0].tolist()))

# %% [markdown]
# Now the embedding. The token table (vocabulary × dim) turns each ID into a vector. A second,
# smaller table has one row per **position** (0 to context − 1). The model adds the two:
# `token(ids) + position(0..T−1)`. The position table has shape (context, dim) and is added to
# every sequence of the batch (broadcasting), so the result keeps the shape
# **(batch, context, dim)**. Both tables start random and are trained like any other weight.

# %%
import torch
import helpers

helpers.seed_everything()
gpt_input = lm.gpt_input_module(vocab_size=wordpiece.get_vocab_size(), context=8, dim=32)
batch = inputs[:4]
x = gpt_input(batch)
print("IDs        :", tuple(batch.shape), "(batch, context)")
print("token table:", tuple(gpt_input.token.weight.shape), " position table:",
      tuple(gpt_input.position.weight.shape))
print("input to the transformer:", tuple(x.shape), "(batch, context, dim)")
assert x.shape == (4, 8, 32)

# %% [markdown]
# Why add positions at all? Without them, the same token gets the same vector wherever it
# stands, and "dog bites man" looks like "man bites dog". Window 0 contains "the" more than once:

# %%
window = batch[0]
the_id = wordpiece.token_to_id("the")
where = (window == the_id).nonzero().flatten().tolist()
print("'the' at positions", where)
token_only = gpt_input.token(window)
with_position = x[0]
print("token vectors equal?          ", torch.equal(token_only[where[0]], token_only[where[1]]))
print("token + position vectors equal?", torch.equal(with_position[where[0]], with_position[where[1]]))

# %% [markdown]
# **Exercise 1.** A batch of 8 sequences of 16 token IDs goes through a token table with
# 32 dimensions, and the position table (16 × 32) is added. What shape comes out? Give a tuple.

# %%
shape = ____
ex.q1.check(shape)
# ex.q1.hint()
# ex.q1.solution()

# %% [markdown]
# ## 2. Positions without training: sinusoidal encodings
#
# The original Transformer ("Attention Is All You Need", Vaswani et al., 2017) used a fixed
# table instead of a learned one. Column pair *i* (columns 2i and 2i + 1) of position *p* holds
#
# $$PE[p, 2i] = \sin\left(\frac{p}{10000^{2i/\text{dim}}}\right), \qquad
# PE[p, 2i+1] = \cos\left(\frac{p}{10000^{2i/\text{dim}}}\right).$$
#
# The first columns wave fast, the last ones slowly, so every position gets a distinct pattern.
# Nothing in it is learned, so it can be *computed* for any length. That does not mean a model
# trained on short texts works on longer ones: models do not reliably extrapolate to positions
# they never saw in training.
#
# **Exercise 2 (write code).** Write `my_sinusoids(positions, dim)` returning the
# (positions × dim) NumPy array above, positions counted from 0. The check compares it with
# `lm.sinusoidal_encoding` on 12 sizes.

# %%
import numpy as np


def my_sinusoids(positions, dim):
    ____                      # your code here: build the table and return it


ex.q2.check(my_sinusoids)
# ex.q2.hint()
# ex.q2.solution()

# %%
encoding = lm.sinusoidal_encoding(positions=50, dim=64)
print("shape:", encoding.shape)
print("position 0, first 6 values:", encoding[0, :6].round(3))
print("position 1, first 6 values:", encoding[1, :6].round(3))
assert encoding.shape == (50, 64)

# %% [markdown]
# Each row is a position, each column a dimension. Move the sliders to change the number of
# positions and dimensions (release the slider to redraw).

# %% tags=["nbval-ignore-output"]
views.sinusoidal_widget()

# %% [markdown]
# Neighbouring positions get similar vectors, and the similarity fades with distance: a
# model can read "how far apart are these two tokens" from the vectors.

# %% tags=["nbval-ignore-output"]
views.position_similarity_figure(encoding, "Cosine between sinusoidal position vectors")

# %%
from helpers.vectors import cosine_similarity

for a, b in [(10, 11), (10, 15), (10, 30)]:
    print(f"positions {a} and {b}: cosine {cosine_similarity(encoding[a], encoding[b]):.3f}")

# %% [markdown]
# GPT-2 and BERT (and MiniLM) learn their position table instead; many recent models use
# rotary encodings (RoPE), which rotate vectors inside attention rather than adding a table.
# Either way the token table stays what this course is about: one trained row per token.
#
# ## 3. A real pretrained embedding matrix
#
# MiniLM's weights are in `model.safetensors`. The `safetensors` library can read a single
# tensor from that file without loading the rest, which is how `load_embedding_table` gets
# the word-embedding matrix.

# %%
minilm = lm.load_embedding_table("minilm")
print("tensor name:", minilm.key)
print("shape:", minilm.shape, "(pieces, dimensions)")
print(f"memory: {minilm.megabytes:.1f} MiB as float32")
assert minilm.shape == (30_522, 384)

# %% [markdown]
# *Worked example.* How many numbers does the small position table of section 1 hold? It has
# one row per position (8) and one column per dimension (32):

# %%
position_numbers = 8 * 32
print(position_numbers, "==", gpt_input.position.weight.numel())

# %% [markdown]
# **Exercise 3.** How many numbers does MiniLM's token table hold?

# %%
numbers_in_table = ____
ex.q3.check(numbers_in_table)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# These rows were trained, though not the way BERT was: Microsoft's MiniLM learned by
# **distillation**, imitating the self-attention of a larger pre-trained transformer; the
# 6-layer version was then fine-tuned by the sentence-transformers team on over a billion
# sentence pairs (the package's README says so). Either way, nearby rows belong to related
# tokens, just like the Word2Vec vectors of notebook 05, but for 30,522 pieces instead of the
# words of one corpus.

# %%
views.neighbours_table(minilm, ["king", "snow", "bank", "happy"], k=5)

# %% [markdown]
# A 2-D picture of four groups of tokens (PCA of their 384-dimensional rows). Hover to read
# the token.

# %% tags=["nbval-ignore-output"]
groups = {"animals": ["cat", "dog", "horse", "cow", "sheep"],
          "fruit": ["apple", "banana", "orange", "grape", "lemon"],
          "cities": ["paris", "london", "berlin", "tokyo", "rome"],
          "verbs": ["run", "walk", "swim", "jump", "climb"]}
views.token_map_figure(minilm, groups)

# %%
points = lm.project_tokens(minilm, [t for words in groups.values() for t in words])
print("projected points:", points.shape)
for name, words in groups.items():
    centre = points[[i for i, t in enumerate(sum(groups.values(), [])) if t in words]].mean(0)
    print(f"{name:>8} centre: ({centre[0]:+.2f}, {centre[1]:+.2f})")

# %% [markdown]
# **Optional, needs internet.** The same function reads any model's table by its Hugging Face
# name, for example GPT-2's 50,257 × 768 matrix (the download is about 550 MB). Set
# `ONLINE = True` to try. Offline, or with `ONLINE = False`, it says so in one sentence and
# the notebook continues with MiniLM.

# %%
# Optional, needs internet.
from helpers import online_requested

ONLINE = online_requested()  # False unless you change it (or set COURSE_ONLINE=1)
with helpers.explain_errors():
    gpt2 = lm.load_embedding_table("openai-community/gpt2", online=ONLINE)
    print("GPT-2 table:", gpt2.shape, f"{gpt2.megabytes:.0f} MiB")
    print(lm.nearest_tokens(gpt2, "Ġking", k=5, whole_words_only=False))

# %% [markdown]
# ## 4. Static rows, contextual vectors
#
# The table gives "bank" one row, number 2924, whatever the sentence. The six transformer
# layers above the table then mix every token's vector with its neighbours'. Their **output**
# for "bank" depends on the sentence. We run the full MiniLM model (offline, a few seconds to
# load) on two sentences.

# %%
model = lm.load_minilm_model()
print("parameters in the whole model:", f"{sum(p.numel() for p in model.parameters()):,}")
river = "we sat on the river bank and watched the water"
money = "she opened a bank account to save money"
pieces, vectors = lm.contextual_vectors(river)
print(pieces.tokens)
print("output vectors:", vectors.shape, "(pieces, dimensions)")

# %% [markdown]
# **Exercise 4.** Before running the next cell: "bank" is one piece with one table row. What is
# the cosine similarity between the *table rows* that the two sentences look up for "bank"?

# %%
static_cosine = ____
ex.q4.check(static_cosine)
# ex.q4.hint()
# ex.q4.solution()

# %%
result = lm.static_vs_contextual("bank", river, money)
print(f"table row of 'bank': {result['table row']}")
print(f"cosine of the table rows used in the two sentences: {result['static cosine']:.3f}")
print(f"cosine of the model's two output vectors for 'bank': {result['contextual cosine']:.2f}")

# %% [markdown]
# > **Common misconception:** "The embedding of a word is what the model thinks the word means
# > in my sentence." The embedding *table* cannot know your sentence: it is looked up by ID
# > only, so "bank" starts from the same row in every text. The sentence's meaning is built by
# > the layers above the table; their outputs are the *contextual* vectors. Word2Vec
# > vectors and embedding-table rows are **static**.
#
# With four sentences the pattern shows: for each river sentence the closest "bank" is the
# one in the other river sentence, and for each money sentence the one in the other money
# sentence. (All the cosines are fairly high: it is still the same word.)

# %% tags=["nbval-ignore-output"]
sentences = [river, "the boat drifted towards the muddy bank of the stream",
             money, "the bank raised its interest rates again"]
bank_vectors = [lm.contextual_vector(s, "bank") for s in sentences]
views.contextual_figure("bank", sentences, bank_vectors)

# %%
from helpers.vectors import cosine_similarity_matrix

print(cosine_similarity_matrix(bank_vectors).round(2))

# %% [markdown]
# ## Key points
#
# * A GPT's input is **token embedding + position embedding**, shape (batch, context, dim).
#   Position tables are learned (GPT-2, BERT, MiniLM) or fixed sinusoids (the original
#   Transformer). Sinusoids can be computed for any length; models still do not reliably
#   handle positions longer than those they were trained on.
# * A real table is just a big matrix: MiniLM's is 30,522 × 384 (≈ 45 MiB), GPT-2's
#   50,257 × 768. Its trained rows (MiniLM's were distilled from a larger model, then
#   fine-tuned on sentence pairs) have meaningful neighbours, like Word2Vec's.
# * The table is **static**: one row per token, whatever the sentence. **Contextual** vectors
#   come from the layers above; "bank" by a river and "bank" with money differ there.
