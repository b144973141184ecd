"""Exercises of notebook 01: tokens, a vocabulary, and IDs."""
from ..exercises import Exercise, NotQuite
from ..tokens import Vocabulary

SMALL_TEXT = "the lazy dog saw the brown fox"
ENCODE_TEXT = "The brown dog saw a fox."


def small_vocabulary(order: str = "sorted") -> Vocabulary:
    return Vocabulary.from_texts(SMALL_TEXT, order=order)


def _int(answer, what: str) -> int:
    if isinstance(answer, bool) or not hasattr(answer, "__index__"):
        raise NotQuite(f"answer with a whole number for {what}, got {answer!r}")
    return int(answer)


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
    solution_code=f'vocab = Vocabulary.from_texts("{SMALL_TEXT}")\nfox_id = vocab.id_of("fox")   # 4',
    explanation="<pad>=0, <unk>=1, brown=2, dog=3, fox=4: an ID is just a position in that list.")


def _q2(answer):
    vocab = small_vocabulary()
    expected = vocab.encode(ENCODE_TEXT)
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        raise NotQuite("give a list of whole numbers, one ID per token")
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
