"""Tests of helpers.transfer (+ views): data, split, the three ways, search."""
import numpy as np
import pytest

from helpers import transfer
from helpers import transfer_views as views
from helpers.errors import CourseError


@pytest.fixture(scope="module")
def data():
    examples = transfer.load_polarity()
    labels = [label for _, label in examples]
    return examples, labels, transfer.fixed_split(labels), transfer.minilm_features(examples)


def test_polarity_loads_despite_cp1252(data):
    examples, labels, _, _ = data
    assert len(examples) == 200 and sum(labels) == 100
    assert all(tokens for tokens, _ in examples)


def test_fixed_split_is_balanced_disjoint_and_fixed(data):
    _, labels, split, _ = data
    pool = np.concatenate(list(split.pool.values()))
    assert len(split.test) == 100 and split.pool_size == 100
    assert not set(split.test) & set(pool)
    assert sum(labels[i] for i in split.test) == 50
    assert np.array_equal(transfer.fixed_split(labels).test, split.test)


def test_training_indices(data):
    _, labels, split, _ = data
    train = transfer.training_indices(split, 10, seed=3)
    assert len(train) == 10 and sum(labels[i] for i in train) == 5
    assert np.array_equal(train, transfer.training_indices(split, 10, seed=3))
    assert not set(train) & set(split.test)
    for bad in (0, 1, 101, 2.5, True):
        with pytest.raises(CourseError, match="training size"):
            transfer.training_indices(split, bad, 0)


def test_features_are_means(data):
    examples, _, _, features = data
    assert features.bags.shape[0] == 200 and np.allclose(features.bags.sum(1), 1)
    assert features.table.shape == (features.bags.shape[1], 384)
    assert abs(np.linalg.norm(features.table, axis=1).mean() - 1) < 1e-5


def test_three_ways_deterministic_and_ordered(data):
    _, labels, split, features = data
    train = transfer.training_indices(split, 100, 0)
    acc = {m: transfer.train_classifier(features, labels, train, split.test, m, seed=0)
           for m in transfer.MODES}
    assert acc["frozen"] > 0.6 and acc["random"] < 0.58
    assert acc["frozen"] == transfer.train_classifier(features, labels, train, split.test, "frozen", 0)
    with pytest.raises(CourseError, match="mode"):
        transfer.train_classifier(features, labels, train, split.test, "thawed")


def test_training_a_slice_equals_training_the_whole_table(data):
    """Rows absent from training get no gradient, so training only the used rows is exact."""
    import torch
    _, labels, split, features = data
    train = transfer.training_indices(split, 20, 1)
    used = np.flatnonzero(features.bags[train].sum(0) > 0)
    assert 0 < len(used) < features.table.shape[0]
    # whole-table reference: Adam with zero gradients never moves a row
    torch.manual_seed(1)
    table = torch.from_numpy(features.table.copy()).requires_grad_(True)
    head = torch.nn.Linear(384, 1)
    opt = torch.optim.Adam([{"params": list(head.parameters()), "lr": transfer.HEAD_LR,
                             "weight_decay": transfer.WEIGHT_DECAY},
                            {"params": [table], "lr": transfer.TABLE_LR, "weight_decay": 0.0}])
    x = torch.from_numpy(features.bags[train]); y = torch.tensor([float(labels[i]) for i in train])
    for _ in range(transfer.STEPS):
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            x @ (table @ head.weight.T).squeeze(-1) + head.bias, y)
        loss.backward(); opt.step()
    unused = np.setdiff1d(np.arange(features.table.shape[0]), used)
    assert torch.equal(table.detach()[unused], torch.from_numpy(features.table[unused]))
    with torch.no_grad():
        logits = torch.from_numpy(features.bags[split.test]) @ (table @ head.weight.T).squeeze(-1) + head.bias
    reference = float(((logits > 0).float() == torch.tensor([float(labels[i]) for i in split.test])).float().mean())
    assert reference == pytest.approx(
        transfer.train_classifier(features, labels, train, split.test, "finetune", seed=1), abs=0.011)


def test_experiment_and_views(data):
    _, labels, split, features = data
    results = transfer.run_experiment(features, labels, split, sizes=(10, 40), seeds=(0, 1),
                                      progress=False)
    assert set(results) == {(m, n) for m in transfer.MODES for n in (10, 40)}
    r = results[("frozen", 40)]
    assert len(r.accuracies) == 2 and 0 <= r.spread <= 0.5
    rows = transfer.results_rows(results, 40)
    assert [row[1] for row in rows] == ["random init", "frozen pretrained", "fine-tuned pretrained"]
    fig = views.size_figure(results, 40)
    assert list(fig.data[0].y) == [round(results[(m, 40)].mean, 3) for m in transfer.MODES]
    assert len(views.accuracy_figure(results).data) == 3
    with pytest.raises(CourseError, match="no results"):
        views.size_figure(results, 70)
    with pytest.raises(CourseError):
        transfer.run_experiment(features, labels, split, sizes=(), progress=False)


def test_unseen_share(data):
    examples, _, split, _ = data
    small = transfer.unseen_test_share(examples, split, transfer.training_indices(split, 10, 0))
    big = transfer.unseen_test_share(examples, split, transfer.training_indices(split, 100, 0))
    assert 0 < big < small < 1


def test_word2vec_features_skip_unknown_words():
    examples = [(["good", "film", "zzzz"], 1), (["bad", "film"], 0)]
    words = ["film", "good", "bad"]
    matrix = np.eye(3, 4, dtype=np.float32) * 2
    f = transfer.word2vec_features(examples, words, matrix)
    assert f.pieces == ["bad", "film", "good"] and f.known_share == pytest.approx(0.8)
    assert np.allclose(f.bags[0], [0, 0.5, 0.5])


def test_top_k_exact_and_ordered():
    rng = np.random.default_rng(0)
    collection = rng.standard_normal((500, 16))
    queries = collection[[3, 7]] + 0.01
    idx, scores = transfer.top_k(queries, collection, k=4)
    assert idx.shape == scores.shape == (2, 4)
    assert idx[:, 0].tolist() == [3, 7]
    assert np.all(np.diff(scores, axis=1) <= 0)
    unit = collection / np.linalg.norm(collection, axis=1, keepdims=True)
    brute = np.argsort(-(unit @ (queries[0] / np.linalg.norm(queries[0]))))[:4]
    assert idx[0].tolist() == brute.tolist()


@pytest.mark.parametrize("k", [0, 501, 2.0])
def test_top_k_bad_k(k):
    with pytest.raises(CourseError, match="k must"):
        transfer.top_k(np.ones((1, 4)), np.ones((500, 4)), k)


def test_top_k_bad_shapes():
    with pytest.raises(CourseError, match="dimensions"):
        transfer.top_k(np.ones((1, 3)), np.ones((5, 4)), 1)
    with pytest.raises(CourseError, match="non-empty"):
        transfer.top_k(np.ones((1, 3)), np.ones((0, 3)), 1)


def test_time_search():
    rows = transfer.time_search([100, 1_000], dim=8, repeats=2)
    assert [r[0] for r in rows] == [100, 1_000] and all(r[1] >= 0 for r in rows)
    assert rows[1][2] == pytest.approx(1_000 * 8 * 4 / 2**20)
    with pytest.raises(CourseError):
        transfer.time_search([10_000_000])


def test_sentence_vectors_and_search():
    texts = ["a dull and boring film", "a wonderful, moving film", "the weather is cold"]
    vectors = transfer.sentence_vectors(texts)
    assert vectors.shape == (3, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    table = views.search_table("a tedious, boring movie", texts, vectors, k=2)
    assert table.rows[0][2] == "a dull and boring film"
    for bad in ([], [""], ["a, " * 300], "one string"):   # "a, " * 300: 602 pieces > 512
        with pytest.raises(CourseError, match="texts"):
            transfer.sentence_vectors(bad)
