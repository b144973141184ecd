"""Exercises of notebook 00: practising the check / hint / solution routine."""
from ..course import LESSONS
from ..exercises import Exercise, expect_equal

_LAST = len(LESSONS) - 1
_LONGEST = max(lesson.minutes for lesson in LESSONS)
_LONGEST_NUMBERS = [f"{lesson.number:02d}" for lesson in LESSONS if lesson.minutes == _LONGEST]

q1 = Exercise(
    name="q1",
    checker=expect_equal(_LAST, "number of notebooks after this one"),
    hints=["Look at the course map above: count the rows from 01 onwards.",
           f"The last notebook is numbered {_LAST:02d}."],
    solution_code=f"notebooks_after_this_one = {_LAST}",
    explanation=f"{_LAST} notebooks follow this one, 01 to {_LAST:02d}.",
)


def _longest_checker(answer):
    longest = max(LESSONS, key=lambda lesson: lesson.minutes)
    if not isinstance(answer, str):
        return "answer with the notebook's number as a string, such as \"03\""
    if not answer.strip().isdigit():
        return "answer with the notebook's number as a string of digits, such as \"03\""
    if answer.strip().zfill(2) in {f"{l.number:02d}" for l in LESSONS if l.minutes == longest.minutes}:
        return None
    if int(answer) >= len(LESSONS):
        return f"there is no notebook {answer}: the map goes from 00 to {len(LESSONS) - 1:02d}"
    return f"notebook {answer} takes less time than the longest one"


q2 = Exercise(
    name="q2",
    checker=_longest_checker,
    hints=["The map has a 'minutes' column.",
           f"The longest takes {_LONGEST} minutes; it is not on the core path."],
    solution_code=f'longest_notebook = "{_LONGEST_NUMBERS[0]}"   # {_LONGEST} minutes',
    explanation=(f"notebook {' or '.join(_LONGEST_NUMBERS)} ({_LONGEST} minutes): "
                 f"{LESSONS[int(_LONGEST_NUMBERS[0])].title}."),
)


def _ids_checker(answer):
    if hasattr(answer, "tolist") and not isinstance(answer, str):  # a NumPy array or a tensor
        answer = answer.tolist()
    if not isinstance(answer, (list, tuple)):
        return "give a list of three numbers, like [1, 2, 3]"
    if [a for a in answer if isinstance(a, bool) or not isinstance(a, int)]:
        return "give the IDs as whole numbers, like [1, 2, 3]"
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
