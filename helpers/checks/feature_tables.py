"""Exercises of notebook 03: a hand-built word × feature table."""
from ..exercises import Exercise, NotQuite, number_answer
from ..feature_table import FeatureTable, load_feature_table


def _word(answer, what: str = "a word") -> str:
    if not isinstance(answer, str):
        raise NotQuite(f"answer with {what} as a string, such as \"fox\"")
    return answer.strip().lower()


def _q1(answer):
    table = load_feature_table()
    word = _word(answer)
    best = table.nearest("cat", 1)[0][0]
    if word == best:
        return None
    if word == "cat":
        return "every word is most similar to itself; which *other* word is closest?"
    if word not in table:
        return f"'{word}' is not in the table; look at the heatmap's row for 'cat'"
    return f"'{word}' is similar, but another word has a higher cosine with 'cat'"


q1 = Exercise(
    name="q1", checker=_q1,
    hints=["Read the row of 'cat' in the heatmap, or call table.nearest('cat').",
           "Pets with four legs that make sounds..."],
    solution_code='closest_to_cat = table.nearest("cat", 1)[0][0]   # "dog"',
    explanation="dog: the two rows differ only a little in 'big', 'makes_sound' and 'wild'.")


def _q2(answer):
    if not isinstance(answer, FeatureTable):
        raise NotQuite("give the new table, e.g. table.with_word(\"goose\", {...})")
    if "goose" not in answer:
        return "the table has no 'goose' yet: add it with table.with_word(\"goose\", {...})"
    vector = answer.vector("goose")
    if not vector.any():
        return "goose has 0 for every feature: describe it (alive? makes sound? wild? ...)"
    nearest = answer.nearest("goose", 1)[0][0]
    if nearest == "duck":
        return None
    return f"goose's nearest word is '{nearest}', not 'duck': what do geese and ducks share?"


q2 = Exercise(
    name="q2", checker=_q2,
    hints=["Start from duck's row: table.as_dict('duck').",
           "A goose is alive, smallish, has two legs, honks, is rarely a pet, often wild."],
    solution_code=('with_goose = table.with_word("goose", {"alive": 1, "big": 0.3, "makes_sound": 1,\n'
                   '                                       "pet": 0.2, "wild": 0.7, "edible": 0.5})'),
    explanation="you just did by hand what training will do automatically: give a new word a "
                "vector close to the words it resembles.")


def _q3(answer):
    answer = number_answer(answer)
    if answer == 50_000 * 300:
        return None
    if answer == 50_000 + 300:
        return "every word needs a value for every feature: multiply, don't add"
    return "words × features: one value per cell of the table"


q3 = Exercise(
    name="q3", checker=_q3,
    hints=["The table has one row per word and one column per feature.",
           "50_000 * 300"],
    solution_code="values_to_fill = 50_000 * 300   # 15,000,000",
    explanation="fifteen million judgement calls: at 5 seconds each, over 20,000 hours.")


def _q4(answer):
    answer = number_answer(answer)
    if abs(answer - 1.0) < 1e-6:
        return None
    if abs(answer - 0.5) < 1e-6:
        return "halving every value shortens the vector but keeps its direction; cosine only sees direction"
    return "cosine compares directions: a vector and half of it point the same way"


q4 = Exercise(
    name="q4", checker=_q4,
    hints=["kitten = 0.5 × cat: does halving change the direction of the vector?",
           "Try it: cosine_similarity(table.vector('cat'), 0.5 * table.vector('cat'))."],
    solution_code="cosine_kitten_cat = 1.0",
    explanation="cosine ignores length, so only the proportions between features matter.")
