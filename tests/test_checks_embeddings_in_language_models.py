"""Each exercise of notebook 10: right answers in every form pass, typical wrong ones are named."""
import numpy as np
import pytest
import torch

from helpers.checks import embeddings_in_language_models as ex
from helpers.exercises import ____
from helpers.language_models import sinusoidal_encoding


def table(positions, dim, first=0, exponent_step=2, swap=False, transpose=False):
    p = np.arange(first, first + positions)[:, None]
    rates = 1 / 10_000 ** (np.arange(0, dim, 2) * (exponent_step / 2) / dim)
    out = np.zeros((positions, dim))
    out[:, 0::2] = np.cos(p * rates) if swap else np.sin(p * rates)
    out[:, 1::2] = np.sin(p * rates) if swap else np.cos(p * rates)
    return out.T if transpose else out


def test_reference_table_recomputed():
    encoding = sinusoidal_encoding(50, 64)
    assert encoding[0, 0] == 0 and encoding[0, 1] == 1
    assert np.isclose(encoding[3, 2], np.sin(3 / 10_000 ** (2 / 64)))
    assert np.isclose(encoding[7, 63], np.cos(7 / 10_000 ** (62 / 64)))


def test_q2_code_exercise():
    assert ex.q2.check(sinusoidal_encoding).correct
    assert ex.q2.check(lambda p, d: table(p, d)).correct
    assert ex.q2.check(lambda p, d: torch.from_numpy(table(p, d))).correct   # a tensor is fine
    namespace = {"np": np}
    exec(ex.q2.solution_code, namespace)
    assert ex.q2.check(namespace["my_sinusoids"]).correct
    assert "swapped" in ex.q2.check(lambda p, d: table(p, d, swap=True)).text
    assert "off-by-one" in ex.q2.check(lambda p, d: table(p, d, first=1)).text
    assert "exponent" in ex.q2.check(lambda p, d: table(p, d, exponent_step=1)).text
    assert "transposed" in ex.q2.check(lambda p, d: table(p, d, transpose=True)).text
    assert "without parentheses" in ex.q2.check(table(4, 4)).text


def test_q2_stub_is_not_attempted():
    def my_sinusoids(positions, dim):
        ____

    assert ex.q2.check(my_sinusoids).kind == "blank"


def test_q1_shape():
    for form in ((8, 16, 32), [8, 16, 32], torch.Size([8, 16, 32]), np.array([8, 16, 32]),
                 (8.0, 16.0, 32.0)):
        assert ex.q1.check(form).correct, form
    assert "order" in ex.q1.check((16, 8, 32)).text
    assert "batch" in ex.q1.check((16, 32)).text
    assert not ex.q1.check((8, 16, 64)).correct
    assert not ex.q1.check((8, 16, 32.5)).correct
    assert not ex.q1.check("(8, 16, 32)").correct


def test_q3_numbers():
    right = 30_522 * 384
    for form in (right, float(right), np.int64(right), np.prod((30_522, 384)), torch.tensor(right),
                 np.array([right]), torch.tensor([right])):
        assert ex.q3.check(form).correct, form
    assert "bytes" in ex.q3.check(right * 4).text
    assert "multiply" in ex.q3.check(30_522).text
    assert not ex.q3.check(right + 0.9).correct
    assert not ex.q3.check(str(right)).correct


def test_q4_static_cosine():
    for form in (1, 1.0, np.float32(1.0), torch.tensor(1.0), np.array([1.0]), torch.tensor([1.0])):
        assert ex.q4.check(form).correct, form
    assert "output" in ex.q4.check(0.75).text
    assert not ex.q4.check(0.0).correct
    assert not ex.q4.check("1").correct


@pytest.mark.parametrize("q", [ex.q2, ex.q1, ex.q3, ex.q4])
def test_hints_and_solutions(q):
    assert q.hint().kind == "hint" and q.solution().code
