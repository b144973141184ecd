"""Exercises of notebook 00: practising the check / hint / solution routine."""
from ..course import LESSONS
from ..exercises import Exercise, expect_equal

q1 = Exercise(
    name="q1",
    checker=expect_equal(len(LESSONS) - 1, "number of notebooks after this one"),
    hints=["Look at the course map above: count the rows from 01 onwards.",
           "The last notebook is numbered 09."],
    solution_code="notebooks_after_this_one = 9",
    explanation="nine notebooks follow this one, 01 to 09.",
)


def _longest_checker(answer):
    longest = max(LESSONS, key=lambda lesson: lesson.minutes)
    if not isinstance(answer, str):
        return "answer with the notebook's number as a string, such as \"03\""
    if answer.strip().zfill(2) in {f"{l.number:02d}" for l in LESSONS if l.minutes == longest.minutes}:
        return None
    return f"notebook {answer} takes less time than the longest one"


q2 = Exercise(
    name="q2",
    checker=_longest_checker,
    hints=["The map has a 'minutes' column.", "Two notebooks tie for the longest time; either counts."],
    solution_code='longest_notebook = "04"   # or "07": both take 40 minutes',
    explanation="notebooks 04 and 07 (40 minutes each) take longest: both train embeddings.",
)


def _ids_checker(answer):
    if not isinstance(answer, (list, tuple)):
        return "give a list of three numbers, like [1, 2, 3]"
    if list(answer) == [2, 0, 1]:
        return None
    return "each word's ID is its position in the sorted list ['cat', 'dog', 'fox'], counting from 0"


q3 = Exercise(
    name="q3",
    checker=_ids_checker,
    hints=["Sort the three words alphabetically: cat, dog, fox.",
           "Positions count from 0: cat → 0, dog → 1, fox → 2. Now read 'fox cat dog'."],
    solution_code="ids = [2, 0, 1]",
    explanation="fox is 2, cat is 0, dog is 1: a taste of notebook 01.",
)
