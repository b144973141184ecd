"""helpers.sgns_by_hand: the hand formulas equal autograd; renumbering the words changes nothing."""
import numpy as np
import pytest
import torch

from helpers import sgns, sgns_by_hand as hand
from helpers.data import load_toy_corpus
from helpers.errors import CourseError


def test_hand_worked_update_of_notebook_08():
    step = hand.sgd_update([1.0, 0.5], [0.5, 1.0], [[1.0, -0.5]], lr=1.0)
    grads = hand.autograd_gradients([1.0, 0.5], [0.5, 1.0], [[1.0, -0.5]])
    for key in ("grad_v", "grad_u_o", "grad_u_neg"):
        assert np.allclose(step[key], grads[key], atol=1e-12)
    assert np.allclose(step["after"]["v"], [0.455, 1.109], atol=1e-3)
    assert step["loss_after"] < step["loss_before"]
    assert round(step["loss_before"], 3) == 1.450 and round(step["loss_after"], 3) == 0.559


def test_arrow_figure_shows_before_and_after():
    from helpers.sgns_views import update_arrows_figure

    fig = update_arrows_figure(hand.sgd_update([1.0, 0.5], [0.5, 1.0], [[1.0, -0.5]]))
    assert len(fig.data) == 3 and len(fig.layout.annotations) == 6
    assert "1.450 → 0.559" in fig.layout.title.text
    with pytest.raises(CourseError, match="2-D"):
        update_arrows_figure(hand.sgd_update([1.0, 0.5, 0.0], [0.5, 1.0, 0.0], [[1.0, -0.5, 0.0]]))


@pytest.fixture(scope="module")
def corpus():
    return load_toy_corpus()


def test_default_numbering_is_train_readable(corpus):
    readable = sgns.train_readable(corpus, dim=6, epochs=2, seed=3)
    mine = hand.train_with_ids(corpus, dim=6, epochs=2, seed=3)
    assert np.array_equal(mine.vectors, readable.vectors)
    assert mine.losses == readable.losses


def test_renumbering_gives_the_same_vectors_bit_for_bit(corpus):
    base = hand.train_with_ids(corpus, dim=6, epochs=2, seed=3)
    ids = hand.shuffled_ids(base.words, seed=5)
    assert sorted(ids.values()) == list(range(len(base.words)))
    moved = hand.train_with_ids(corpus, ids, dim=6, epochs=2, seed=3)
    assert sum(ids[w] != base.id_of[w] for w in base.words) > len(base.words) // 2
    assert np.array_equal(moved.by_word(), base.by_word())
    assert hand.neighbours(moved, "dog") == hand.neighbours(base, "dog")
    by_row = hand.train_with_ids(corpus, ids, same_start=False, dim=6, epochs=2, seed=3)
    assert not np.array_equal(by_row.by_word(), base.by_word())


def test_bad_numbering(corpus):
    words = sgns.build_vocabulary(corpus).words
    with pytest.raises(CourseError, match="different ID"):
        hand.train_with_ids(corpus, {w: 0 for w in words}, epochs=1)
