"""Exercises of notebook 01: tokens, a vocabulary, and IDs."""
from ..exercises import Exercise, NotQuite, expect_function, number_answer
from ..tokens import Vocabulary

SMALL_TEXT = "the lazy dog saw the brown fox"
ENCODE_TEXT = "The brown dog saw a fox."


def small_vocabulary(order: str = "sorted") -> Vocabulary:
    return Vocabulary.from_texts(SMALL_TEXT, order=order)


def _int(answer, what: str) -> int:
    return number_answer(answer, what, whole=True)


def _q1(answer):
    vocab = small_vocabulary()
    value = _int(answer, "the ID")
    if value == vocab.id_of("fox"):
        return None
    if value == vocab.id_of("fox") - len(vocab.specials):
        return "that is fox's place among the words; <pad> and <unk> come first and take IDs 0 and 1"
    return "list the special tokens first, then the distinct words in alphabetical order, and count from 0"


q1 = Exercise(
    name="q1", checker=_q1,
    hints=["The vocabulary is ['<pad>', '<unk>', then the distinct words sorted].",
           "Sorted words: brown, dog, fox, lazy, saw, the. IDs start at 0 with <pad>."],
    solution_code=(f'small_vocab = Vocabulary.from_texts("{SMALL_TEXT}")\n'
                   f'fox_id = small_vocab.id_of("fox")   # 4'),
    explanation="<pad>=0, <unk>=1, brown=2, dog=3, fox=4: an ID is just a position in that list.")


def _q2(answer):
    vocab = small_vocabulary()
    expected = vocab.encode(ENCODE_TEXT)
    if hasattr(answer, "tolist") and not isinstance(answer, str):  # NumPy array or tensor
        answer = answer.tolist()
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple)):
        raise NotQuite("give a list of whole numbers, one ID per token, like [7, 2, 3]")
    answer = [_int(a, "each ID") for a in answer]
    if answer == expected:
        return None
    if len(answer) != len(expected):
        return (f"the text has {len(expected)} tokens (punctuation counts as a token), "
                f"you gave {len(answer)} IDs")
    if answer[0] == vocab.unk_id:
        return "the tokenizer lower-cases first, so 'The' becomes 'the', which is in the vocabulary"
    return "words the vocabulary has never seen ('a', '.') get the ID of <unk>, which is 1"


q2 = Exercise(
    name="q2", checker=_q2,
    hints=["Tokenize first: lower-case, and '.' is a token of its own: 7 tokens.",
           "'a' and '.' are not in the vocabulary: they become <unk> (ID 1)."],
    solution_code=f'ids = small_vocab.encode("{ENCODE_TEXT}")   # [7, 2, 3, 6, 1, 4, 1]',
    explanation="'a' and '.' were never seen, so both became <unk> (1): the decoded text has "
                "lost them.")


def _q3(answer):
    if not isinstance(answer, str):
        raise NotQuite('answer with one letter as a string, such as "a"')
    choice = answer.strip().lower().strip("()")
    if choice == "b":
        return None
    if choice == "a":
        return ("neighbouring IDs only mean neighbouring places in alphabetical order: 'dog' and "
                "'duck' both start with 'd'")
    if choice == "c":
        return "this vocabulary is sorted alphabetically, not by how often words occur"
    return 'choose "a", "b" or "c"'


q3 = Exercise(
    name="q3", checker=_q3,
    hints=["How was the toy vocabulary ordered?",
           "Re-sort the vocabulary (reversed, shuffled) and look at the two IDs again."],
    solution_code='answer = "b"',
    explanation="the IDs follow the spelling order, which says nothing about meaning; re-sort "
                "and the gap changes.")


def _q4(answer):
    reverse = small_vocabulary("reverse")
    value = _int(answer, "the ID")
    if value == reverse.id_of("fox"):
        return None
    if value == small_vocabulary().id_of("fox"):
        return "that is fox's ID in the sorted vocabulary; in reverse order the words come last-first"
    return ("after <pad> (0) and <unk> (1) the words come in reverse alphabetical order: the, "
            "saw, lazy, fox, …")


q4 = Exercise(
    name="q4", checker=_q4,
    hints=["Reverse alphabetical order of brown, dog, fox, lazy, saw, the.",
           "the=2, saw=3, lazy=4, …"],
    solution_code='fox_id_reversed = small_vocab.reordered("reverse").id_of("fox")   # 5',
    explanation="same word, same sentence, different ID: the number only records where the "
                "word sits in one list.")


# --------------------------------------------------------------------------- q5: write encode
_WORDS = ["the", "cat", "sat", "on", "a", "mat", "dog", "ran", "fox", "red", ".", "!"]


def reference_encode(tokens):
    table = {token: index for index, token in enumerate(["<pad>", "<unk>"] + sorted(set(tokens)))}
    return [table[token] for token in tokens]


def _encode_cases(rng):
    cases = [(["the", "cat", "sat", "on", "the", "mat"],), (["b", "a", "b"],), (["alone"],)]
    for _ in range(20):
        cases.append(([str(w) for w in rng.choice(_WORDS, size=int(rng.integers(1, 15)))],))
    return cases


def _diagnose_encode(args, got, expected):
    (tokens,) = args
    if hasattr(got, "tolist") and not isinstance(got, str):
        got = got.tolist()
    if isinstance(got, (str, bytes, dict)) or not isinstance(got, (list, tuple)):
        return f"return a list of IDs (whole numbers), got {type(got).__name__}"
    if any(isinstance(i, bool) or not isinstance(i, int) for i in got):
        return "return whole-number IDs, one per token"
    got = list(got)
    if got == expected:
        return ""
    if len(got) != len(expected):
        return f"{len(got)} IDs for {len(tokens)} tokens: one ID per token, repeats included"
    shift = {g - e for g, e in zip(got, expected)}
    if len(shift) == 1:
        (d,) = shift
        if d == -2:
            return "off by two: <pad> and <unk> come first and take IDs 0 and 1"
        return (f"off-by-one: every ID is {d:+d} from the right one; positions count from 0, "
                f"after the two special tokens")
    first_seen = {}
    for token in tokens:
        first_seen.setdefault(token, len(first_seen) + 2)
    if got == [first_seen[t] for t in tokens]:
        return "the distinct tokens must be sorted; yours are numbered in order of appearance"
    if got == [i + 2 for i in range(len(tokens))] or got == list(range(len(tokens))):
        return ("a repeated token must keep one ID: number the distinct tokens (a set), not the "
                "positions")
    return f"expected {expected}, got {got}"


_encode_function = expect_function(reference_encode, _encode_cases, name="my_encode",
                                   diagnose=_diagnose_encode)


def _q5(answer):
    return _encode_function(answer) or None


q5 = Exercise(
    name="q5", checker=_q5,
    hints=['The list of tokens is ["<pad>", "<unk>"] + sorted(set(tokens)); a token\'s ID is its '
           "position in that list.",
           "Make a dictionary {token: position} with enumerate, then look every token up."],
    solution_code=("def my_encode(tokens):\n"
                   '    vocabulary = ["<pad>", "<unk>"] + sorted(set(tokens))\n'
                   "    position = {token: i for i, token in enumerate(vocabulary)}\n"
                   "    return [position[token] for token in tokens]"),
    explanation="a vocabulary is a list, an ID a position in it, and encoding a dictionary "
                "look-up: no meaning goes in anywhere.")
