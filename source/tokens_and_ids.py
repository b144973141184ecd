# %% [raw] tags=["course-meta"]
# objectives = ["split text into tokens (words and punctuation), with or without lower-casing", "build a sorted vocabulary with special tokens such as <pad> and <unk>", "encode text to integer IDs and decode IDs back to tokens", "explain why an ID carries no meaning: it is only a position in a list"]
# prerequisites = "notebook 00"

# %% [markdown]
# ## From text to numbers
#
# A language model computes with numbers, so text has to become numbers first. This notebook
# does the first two steps of that path:
#
# **text** → **tokens** (pieces of text) → **IDs** (one integer per distinct token)
#
# Later notebooks turn each ID into a vector. Here we look closely at the IDs themselves,
# because of a question a learner asked: *is a token's ID like a database row's ID?* Yes, and
# that is exactly why the ID alone tells the model nothing about what a word means.

# %% [markdown]
# ## Step 1: cut text into tokens
#
# The simplest useful tokenizer keeps runs of letters (and digits) together as **words** and
# makes every punctuation mark a token of its own. Here it is in one regular expression, applied
# to the learner's own sentence:

# %%
import re

sentence = "Does snow absorb sound?"
re.findall(r"\w+|[^\w\s]", sentence)

# %% [markdown]
# Five tokens: four words and the question mark. The course's helper `tokenize` does the same
# (it also keeps apostrophes inside words, as in *don't*) and, by default, **lower-cases** the
# text first. Lower-casing is a choice, not a rule: it makes *Does* and *does* the same token
# (a smaller vocabulary) but forgets that a word started a sentence or was a name.

# %%
from helpers.tokens import tokenize

print(tokenize(sentence))
print(tokenize(sentence, lowercase=False))

# %%
from helpers.tokens_views import compare_tokenizations

compare_tokenizations("She saw the brown fox jump over the lazy dog. Does it love Boston's ducks?")

# %% [markdown]
# ## Step 2: a vocabulary gives every distinct token a number
#
# A **vocabulary** is a list of the distinct tokens. A token's **ID** is its position in that
# list, counting from 0. Sorting the list makes the IDs reproducible: the same text always gives
# the same vocabulary. By hand:

# %%
text = "She saw the brown fox jump over the lazy dog."
distinct = sorted(set(tokenize(text)))
by_hand = {token: position for position, token in enumerate(distinct)}
by_hand

# %% [markdown]
# Vocabularies also reserve a few **special tokens** that no text contains. This course's
# vocabularies put them first; real tokenizers choose their own places (BERT's vocabulary has
# `[PAD]` = 0 but `[UNK]` = 100 and `[CLS]` = 101; GPT-2's one special token, `<|endoftext|>`,
# is its very last ID, 50256). The two we use:

# %%
from helpers.tokens import SPECIAL_TOKEN_PURPOSE
from helpers.display import Table

Table(SPECIAL_TOKEN_PURPOSE.items(), ["special token", "what it is for"])

# %% [markdown]
# The helper class `Vocabulary` does all of this: special tokens first, then the distinct
# tokens in sorted order. Compare its IDs with the dictionary above: every word moved up by two
# places, because `<pad>` and `<unk>` now take IDs 0 and 1.

# %%
from helpers.tokens import Vocabulary
from helpers.tokens_views import vocabulary_table

sentence_vocab = Vocabulary.from_texts(text)
vocabulary_table(sentence_vocab)

# %% [markdown]
# ## Step 3: encode and decode
#
# **Encoding** replaces every token by its ID; **decoding** looks the IDs up in the list again.
# A token the vocabulary never saw gets the ID of `<unk>`, and decoding cannot bring it back.

# %%
ids = sentence_vocab.encode("The lazy fox saw she!")
print("IDs:    ", ids)
print("decoded:", sentence_vocab.decode_text(ids))

# %% [markdown]
# `!` was not in the sentence we built the vocabulary from, so it came back as `<unk>`. Note
# also that *The* came back as *the*: lower-casing happened before encoding.
#
# ## A bigger vocabulary: the course's toy corpus
#
# The course has a small corpus of 3,100 simple sentences about animals, fruit and cities
# (`data/toy_corpus.txt`). Its vocabulary holds the words we will meet again and again: as IDs
# here, as one-hot vectors in notebook 02, and as learned vectors from notebook 04 on.

# %%
from helpers.data import load_toy_corpus

corpus = load_toy_corpus()
vocab = Vocabulary.from_sentences(corpus)
print(vocab, "from", sum(len(s) for s in corpus), "tokens of text")
vocabulary_table(vocab, first=12)

# %%
running_words = ["brown", "dog", "fox", "jump", "lazy", "love", "quack", "she"]
Table([(w, vocab.id_of(w), vocab.counts[w]) for w in running_words],
      ["word", "ID", "times in the corpus"], title="The course's running words")

# %% [markdown]
# Now the learner's sentence, with the toy vocabulary:

# %%
from helpers.tokens_views import token_table

token_table(vocab, sentence)

# %% [markdown]
# Every token is unknown: the toy corpus never mentions snow or sound. Encoded, the question
# is five copies of `<unk>`, and no model could recover it. A vocabulary can only name what it
# has seen. Real tokenizers avoid most `<unk>`s by cutting rare words into smaller pieces that
# are in their vocabulary; notebook 09 shows how a real model's tokenizer does it.

# %%
print(vocab.encode(sentence))
print(vocab.decode_text(vocab.encode(sentence)))

# %% [markdown]
# ## Step 4: IDs carry no meaning
#
# An ID records one thing: where a token sits in the vocabulary's list. In our sorted toy
# vocabulary, *dog* and *duck* have neighbouring IDs because both start with "d", while *dog*
# and *fox*, two animals in the same famous sentence, are far apart. Sort the same words
# another way and every gap changes:

# %%
orderings = {
    "sorted": vocab,
    "reverse": vocab.reordered("reverse"),
    "frequency": vocab.reordered("frequency"),
    "shuffled": vocab.reordered("shuffled", seed=1),
}
pairs = [("dog", "duck"), ("dog", "fox"), ("dog", "london"), ("cat", "london")]
rows = []
for a, b in pairs:
    rows.append([f"{a} → {b}"] + [v.id_of(b) - v.id_of(a) for v in orderings.values()])
Table(rows, ["ID gap", *orderings], title="ID(b) − ID(a) under four orderings of one vocabulary")

# %%
from helpers.tokens_views import id_positions_figure

id_positions_figure(orderings, running_words)

# %% [markdown]
# Arithmetic on IDs is just as empty. Adding the IDs of *cat* and *dog* gives some number, and
# the token at that number (counting on from the start when the sum passes the end) is whatever
# the ordering put there:

# %%
from helpers.tokens import id_arithmetic

for name, v in orderings.items():
    total, token = id_arithmetic(v, "cat", "dog")
    print(f"{name:>9}: ID(cat) + ID(dog) = {v.id_of('cat')} + {v.id_of('dog')} = {total} → '{token}'")

# %% [markdown]
# Nothing even requires IDs to count from 0 in one order. A table that says cat = 34 and
# london = −15 would identify tokens just as well, as long as no two tokens share a number.
# Models use 0 … V−1 only because an ID is then directly a **row number** in a table, which is
# where the next notebooks go.

# %% [markdown]
# > **Common misconception:** "Words with close IDs are related, and the model learns
# > something from the ID's value." An ID is an address, like a database row's primary key:
# > it says *which* row, never *what is in it*. Re-sorting the vocabulary changes every ID and
# > changes nothing about the words. What a model knows about a word lives in the vector stored
# > at that address. Those vectors start as random numbers (notebook 07) and training gives
# > them meaning (notebooks 04, 05 and 08).

# %% [markdown]
# ## Try it: type a sentence
#
# Type anything; the table updates as you type. Unknown tokens are highlighted: try a sentence
# about the fox and the lazy dog, then one about snow. Untick *lower-case first* to see
# capitalised words become unknown.

# %% tags=["nbval-ignore-output"]
from helpers.tokens_views import token_widget

token_box = token_widget(vocab)
token_box

# %% [markdown]
# The widget calls an ordinary function, `render_tokens`, which you can also call yourself:

# %%
from helpers.tokens_views import render_tokens

render_tokens("The lazy dog loves Paris!", vocab)

# %% [markdown]
# ## Exercises
#
# **Exercise 1 (worked for you).** Build a vocabulary from "the lazy dog saw the brown fox"
# (special tokens first, then sorted). What is the ID of *fox*?

# %%
from helpers import ____
from helpers.checks import tokens_and_ids as ex

small_vocab = Vocabulary.from_texts("the lazy dog saw the brown fox")
fox_id = small_vocab.id_of("fox")
print(small_vocab.id_to_token)
ex.q1.check(fox_id)

# %% [markdown]
# **Exercise 2.** With that same `small_vocab`, what are the IDs of "The brown dog saw a fox."?
# Work them out from the list printed above, then (if you like) compare with `encode`.

# %%
ids = ____
ex.q2.check(ids)
# ex.q2.hint()
# ex.q2.solution()

# %% [markdown]
# **Exercise 3.** In the sorted toy vocabulary, *dog* and *duck* have IDs that differ by 1.
# What does that tell you? Answer `"a"`, `"b"` or `"c"`.
#
# * a) dogs and ducks are similar animals
# * b) only that both words start alike, so they sort next to each other
# * c) the two words are about equally frequent

# %%
answer = ____
ex.q3.check(answer)
# ex.q3.hint()
# ex.q3.solution()

# %% [markdown]
# **Exercise 4.** Now sort `small_vocab` in reverse (`small_vocab.reordered("reverse")`).
# What is the ID of *fox* there? Predict it before you compute it.

# %%
fox_id_reversed = ____
ex.q4.check(fox_id_reversed)
# ex.q4.hint()
# ex.q4.solution()

# %% [markdown]
# **Exercise 5 (write code).** Write `my_encode(tokens)`: build the vocabulary of `tokens` the
# way `Vocabulary` does (`"<pad>"` and `"<unk>"` first, then the distinct tokens in sorted
# order) and return the list of IDs of `tokens`, one per token. Use plain Python (`sorted`,
# `set`, a dictionary), not `Vocabulary`. The check runs it on random token lists and compares
# with `Vocabulary.from_sentences([tokens]).encode(tokens)`; if they differ it names the kind of
# bug (IDs one or two places off, unsorted, repeated tokens getting new IDs...).

# %%
def my_encode(tokens):
    ____


ex.q5.check(my_encode)
# ex.q5.hint()
# ex.q5.solution()

# %% [markdown]
# ## Key points
#
# * A tokenizer cuts text into tokens; lower-casing and how punctuation is split are choices
#   that change the vocabulary.
# * A vocabulary is a list of distinct tokens; a token's ID is its position in that list.
#   Special tokens such as `<pad>` (filling) and `<unk>` (unknown) get IDs too.
# * Encoding maps tokens to IDs; unknown tokens become `<unk>` and are lost when decoding.
# * IDs carry no meaning: gaps and sums of IDs reflect the sort order, and re-sorting changes
#   them all. An ID is an address; the meaning will live in the vector at that address.
