"""helpers.sgns and helpers.sgns_views: pairs, negatives, the loss, sparse updates, trainers."""
import math

import numpy as np
import pytest
import torch

from helpers import sgns, sgns_views
from helpers.data import load_toy_corpus
from helpers.errors import CourseError

TINY = [["the", "dog", "runs", "in", "the", "field"], ["the", "cat", "sleeps"]]


@pytest.fixture(scope="module")
def toy():
    return load_toy_corpus()


@pytest.fixture(scope="module")
def toy_run(toy):
    torch.set_num_threads(1)
    return sgns.train_readable(toy, dim=10, epochs=6, seed=0)


def test_vocabulary_is_sorted_by_count_then_word():
    vocab = sgns.build_vocabulary(TINY)
    assert vocab.words[0] == "the" and vocab.counts[0] == 3
    assert vocab.words[1:] == sorted(vocab.words[1:])
    assert vocab.ids(["the", "unknown", "cat"]) == [0, vocab.index["cat"]]


def test_skipgram_pairs_by_hand():
    pairs = sgns.skipgram_pairs([[0, 1, 2]], window=1).tolist()
    assert pairs == [[0, 1], [1, 0], [1, 2], [2, 1]]
    assert len(sgns.skipgram_pairs([[0, 1, 2, 3]], window=5)) == 12   # window clipped to sentence


def test_epoch_pairs_match_the_readable_pairs_without_randomness():
    encoded = [[0, 1, 2, 3, 4], [5, 6, 7]]
    ids, sentence_of = sgns.flatten_corpus(encoded)

    class FullWindow:                      # a stand-in generator: every window at full size
        def integers(self, low, high, size):
            return np.full(size, high - 1)

    fast = sgns.epoch_pairs(ids, sentence_of, 2, None, FullWindow())
    readable = sgns.skipgram_pairs(encoded, 2).numpy()
    assert sorted(map(tuple, fast.tolist())) == sorted(map(tuple, readable.tolist()))


def test_negative_distribution_is_count_to_the_075():
    p = sgns.negative_distribution([16, 1]).numpy()
    assert p.sum() == pytest.approx(1.0)
    assert p[0] / p[1] == pytest.approx(16 ** 0.75)      # 8: less than 16
    drawn = sgns.sample_negatives(torch.tensor([0.0, 1.0]), (3, 2))
    assert drawn.shape == (3, 2) and drawn.eq(1).all()


def test_keep_probabilities_drop_only_frequent_words():
    keep = sgns.keep_probabilities([100_000, 100, 1], sample=1e-3)
    assert keep[0] < 0.2 and keep[1] == 1.0 and keep[2] == 1.0
    assert (sgns.keep_probabilities([5, 5], 0) == 1).all()


def test_pair_loss_formula():
    assert float(sgns.pair_loss([0, 0], [1, 1], [[1, 0], [0, 1]])) == pytest.approx(3 * math.log(2))
    v, u, n = torch.tensor([1.0, 2.0]), torch.tensor([0.5, -1.0]), torch.tensor([[2.0, 0.0]])
    expected = -math.log(1 / (1 + math.exp(-(v @ u)))) - math.log(1 / (1 + math.exp(v @ n[0])))
    assert float(sgns.pair_loss(v, u, n)) == pytest.approx(expected, rel=1e-5)


def test_model_loss_equals_mean_pair_loss():
    model = sgns.SGNSModel(6, 3, init="normal(0, 1)", seed=0)
    with torch.no_grad():
        model.out_embed.weight.normal_()
    centre, context, negs = torch.tensor([0, 2]), torch.tensor([1, 3]), torch.tensor([[4, 5], [5, 0]])
    W_in, W_out = model.in_embed.weight, model.out_embed.weight
    by_hand = np.mean([float(sgns.pair_loss(W_in[c], W_out[o], W_out[n]).detach())
                       for c, o, n in zip(centre, context, negs)])
    assert float(model(centre, context, negs)) == pytest.approx(by_hand, rel=1e-5)


def test_one_step_changes_only_the_rows_in_the_batch():
    model = sgns.SGNSModel(20, 4, seed=0)
    with torch.no_grad():
        model.out_embed.weight.normal_(0, 0.1)
    before_in = model.in_embed.weight.detach().clone()
    before_out = model.out_embed.weight.detach().clone()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    model(torch.tensor([3, 7]), torch.tensor([5, 3]), torch.tensor([[9, 1], [1, 0]])).backward()
    optimizer.step()
    assert sgns.changed_rows(before_in, model.in_embed.weight.detach()) == [3, 7]
    assert sgns.changed_rows(before_out, model.out_embed.weight.detach()) == [0, 1, 3, 5, 9]


def test_hand_written_step_matches_autograd():
    """`_sgd_step` (per-pair negatives) moves the rows exactly as autograd + SGD would."""
    torch.manual_seed(0)
    w_in, w_out = torch.randn(8, 3) * 0.3, torch.randn(8, 3) * 0.3
    centres, contexts = torch.tensor([0, 1, 2]), torch.tensor([3, 4, 5])
    negs = torch.tensor([[6, 7], [7, 6], [1, 6]])
    a_in, a_out = w_in.clone().requires_grad_(), w_out.clone().requires_grad_()
    loss = sum(sgns.pair_loss(a_in[c], a_out[o], a_out[n]) for c, o, n in
               zip(centres, contexts, negs))
    loss.backward()
    lr = 0.1
    expect_in, expect_out = w_in - lr * a_in.grad, w_out - lr * a_out.grad
    sgns._sgd_step(w_in, w_out, centres, contexts, negs, lr, 2, shared=False)
    assert torch.allclose(w_in, expect_in, atol=1e-6)
    assert torch.allclose(w_out, expect_out, atol=1e-6)


def test_shared_step_matches_autograd_with_weighted_negatives():
    torch.manual_seed(1)
    size, dim = 8, 3
    table = torch.randn(2 * size, dim) * 0.3
    centres, contexts, shared = [0, 1, 2], [3, 4, 5], [6, 7]
    weight = 5 / 2
    t = table.clone().requires_grad_()
    loss = 0
    for c, o in zip(centres, contexts):
        v, u = t[c], t[size + o]
        loss = loss - torch.nn.functional.logsigmoid(v @ u)
        for k in shared:
            loss = loss - weight * torch.nn.functional.logsigmoid(-(v @ t[size + k]))
    loss.backward()
    expected = table - 0.1 * t.grad
    value = sgns._shared_step(table, torch.tensor(centres + [size + o for o in contexts]),
                              torch.tensor([size + k for k in shared]), 0.1, weight,
                              want_loss=True)
    assert torch.allclose(table, expected, atol=1e-6)
    assert value == pytest.approx(float(loss), rel=1e-5)


def test_readable_training_separates_the_toy_groups(toy_run):
    assert len(toy_run.snapshots) == 7 and len(toy_run.losses) == 6
    assert toy_run.losses[-1] < toy_run.losses[0]
    start = sgns.group_separation(toy_run.vocab, toy_run.snapshots[0])
    end = sgns.group_separation(toy_run.vocab, toy_run.vectors)
    assert abs(start) < 0.1 and end > 0.2


def test_readable_training_is_deterministic(toy):
    a = sgns.train_readable(toy[:300], dim=4, epochs=2, seed=3)
    b = sgns.train_readable(toy[:300], dim=4, epochs=2, seed=3)
    assert np.array_equal(a.vectors, b.vectors) and a.losses == b.losses


def test_zero_initialization_never_moves(toy):
    run = sgns.train_readable(toy[:200], dim=4, epochs=2, init="zeros")
    assert np.abs(run.vectors).max() == 0
    assert run.losses[0] == pytest.approx(6 * math.log(2), rel=1e-5)


def test_fast_trainer_on_the_toy_corpus_is_deterministic_and_learns(toy):
    settings = dict(dim=10, epochs=4, window=2, min_count=1, sample=0.0, batch_size=256,
                    shared_negatives=4, lr=0.025, progress=False)
    a = sgns.train_fast(toy, seed=1, snapshot_words=["dog", "cat"], **settings)
    b = sgns.train_fast(toy, seed=1, **settings)
    assert np.array_equal(a.vectors, b.vectors)
    assert len(a.snapshots) == 5 and a.snapshots[0].shape == (2, 10)
    assert a.losses[-1] < a.losses[0]
    assert sgns.group_separation(a.vocab, a.vectors) > 0.3
    per_pair = sgns.train_fast(toy, seed=1, shared_negatives=0,
                               **{k: v for k, v in settings.items() if k != "shared_negatives"})
    assert np.isfinite(per_pair.vectors).all() and per_pair.losses[-1] < per_pair.losses[0]


def test_fast_trainer_restores_the_thread_count(toy):
    before = torch.get_num_threads()
    sgns.train_fast(toy[:100], dim=4, epochs=1, min_count=1, window=2, threads=1,
                    progress=False)
    assert torch.get_num_threads() == before


@pytest.mark.parametrize("call, words", [
    (lambda: sgns.train_readable([]), "empty"),
    (lambda: sgns.train_readable([[], []]), "empty"),
    (lambda: sgns.train_readable("a text"), "list of sentences"),
    (lambda: sgns.train_readable([["a", "b", "c"]], window=5), "window"),
    (lambda: sgns.train_fast([["a", "b", "c"]], window=5, min_count=1, progress=False), "window"),
    (lambda: sgns.train_readable(TINY, dim=0), "dimension"),
    (lambda: sgns.train_readable(TINY, dim=10_000_000), "dimension"),
    (lambda: sgns.train_readable(TINY, lr=-0.1), "positive"),
    (lambda: sgns.train_readable(TINY, lr="fast"), "number"),
    (lambda: sgns.train_readable(TINY, negatives=0), "negatives"),
    (lambda: sgns.train_readable(TINY, init="random"), "initialization"),
    (lambda: sgns.train_readable(TINY, min_count=9), "min_count"),
    (lambda: sgns.train_fast(TINY, min_count=1, nonsense=1), "unknown setting"),
    (lambda: sgns.train_fast(TINY, min_count=1, sample=2.0), "sample"),
    (lambda: sgns.train_readable([["a"], ["b"], ["c"]], window=1), "fewer than 2"),
])
def test_bad_input_is_one_sentence(call, words):
    with pytest.raises(CourseError) as info:
        call()
    message = str(info.value)
    assert words in message and "\n" not in message


# --------------------------------------------------------------------------- views
def test_projection_keeps_axes_fixed_and_shapes(toy_run):
    rows, words, groups = sgns.toy_word_rows(toy_run.vocab)
    points = sgns_views.project_snapshots(toy_run.snapshots, rows)
    assert points.shape == (7, 24, 2)
    assert np.abs(points).max() <= 1.0 + 1e-9          # unit vectors projected
    one_d = sgns_views.project_snapshots([np.ones((5, 1))], [0, 1])
    assert one_d.shape == (1, 2, 2)


def test_animation_figure_has_frames_buttons_and_slider(toy_run):
    fig = sgns_views.animation_figure(toy_run)
    assert len(fig.frames) == 7
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["▶ play", "❚❚ pause"]
    assert len(fig.layout.sliders[0].steps) == 7
    assert {t.name for t in fig.data} == {"animal", "fruit", "city"}
    assert fig.layout.title.text and fig.layout.xaxis.title.text
    # the last frame's points are the final vectors, projected
    rows, _, _ = sgns.toy_word_rows(toy_run.vocab)
    final = sgns_views.project_snapshots(toy_run.snapshots, rows)[-1]
    assert fig.frames[-1].data[0].x[0] == pytest.approx(final[0, 0], abs=1e-3)


def test_loss_and_tables(toy_run):
    fig = sgns_views.loss_figure(toy_run)
    assert list(fig.data[0].y) == pytest.approx(toy_run.losses, abs=1e-4)
    table = sgns_views.neighbour_table(toy_run, "dog", k=3)
    assert len(table.rows) == 7 and len(table.rows[-1][1].split(", ")) == 3
    assert all(w in sgns.TOY_GROUPS["animal"] for w in table.rows[-1][1].split(", "))
    with pytest.raises(CourseError):
        sgns_views.neighbour_table(toy_run, "dgo")
    separation = sgns_views.separation_table(toy_run)
    assert separation.rows[-1][1] == round(sgns.group_separation(toy_run.vocab,
                                                                 toy_run.vectors), 3)


def test_explorer_figure_and_widget(toy_run):
    fig = sgns_views.explorer_figure(toy_run, "apple")
    assert len(fig.frames) == 7 and "apple" in fig.layout.title.text
    assert "apple" in fig.frames[3].layout.title.text
    controls = sgns_views.explorer_controls()
    assert set(controls) == {"dim", "init", "lr", "negatives", "word"}
    assert set(controls["init"].options) == set(sgns_views.SCHEMES)
    box = sgns_views.explorer_widget()
    assert "course-training-explorer" in box._dom_classes
    with pytest.raises(CourseError):
        sgns_views.training_explorer(init="random")
