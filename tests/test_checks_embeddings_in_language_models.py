"""Each exercise of notebook 08: the right answer passes, typical wrong answers explain why."""
from helpers.checks import embeddings_in_language_models as ex


def test_q1_pieces():
    assert ex.q1.check(["snow", "##boarding"]).correct
    wrong = ex.q1.check(["snow", "boarding"])
    assert not wrong.correct and "##" in wrong.text
    assert "list" in ex.q1.check("snow ##boarding").text
    assert not ex.q1.check(["snowboarding"]).correct


def test_q2_shape():
    assert ex.q2.check((8, 16, 32)).correct
    assert "order" in ex.q2.check((16, 8, 32)).text
    assert "batch" in ex.q2.check((16, 32)).text
    assert not ex.q2.check((8, 16, 64)).correct


def test_q3_numbers():
    assert ex.q3.check(30_522 * 384).correct
    assert "bytes" in ex.q3.check(30_522 * 384 * 4).text
    assert "multiply" in ex.q3.check(30_522).text


def test_q4_static_cosine():
    assert ex.q4.check(1.0).correct
    assert "output" in ex.q4.check(0.75).text
    assert not ex.q4.check(0.0).correct


def test_blank_and_hints():
    from helpers import ____
    for q in (ex.q1, ex.q2, ex.q3, ex.q4):
        assert q.check(____).kind == "blank"
        assert q.hint().kind == "hint" and q.solution().code
