"""Unit tests of helpers.initialization (and its views)."""
import math

import pytest
import torch

from helpers.errors import CourseError
from helpers import initialization as init
from helpers import initialization_views as views


def test_old_api_still_works():
    assert len(init.SCHEMES) == 9
    w = init.init_embedding_weight("normal(0, 1)", 50, 8, seed=3)
    assert w.shape == (50, 8) and w.dtype == torch.float32
    assert torch.equal(w, init.init_embedding_weight("normal(0, 1)", 50, 8, seed=3))
    assert init.check_table_size(10, 4) == (10, 4)


@pytest.mark.parametrize("scheme", list(init.SCHEMES))
def test_measured_std_matches_formula(scheme):
    w = init.init_embedding_weight(scheme, 2_000, 64, seed=0)
    expected = init.scheme_std(scheme, 2_000, 64)
    assert abs(float(w.std()) - expected) <= 0.03 * expected + 1e-7


@pytest.mark.parametrize("ours,theirs", [("xavier_uniform", torch.nn.init.xavier_uniform_),
                                         ("xavier_normal", torch.nn.init.xavier_normal_),
                                         ("kaiming_normal", torch.nn.init.kaiming_normal_)])
def test_same_spread_as_torch_nn_init(ours, theirs):
    torch.manual_seed(0)
    reference = theirs(torch.empty(3_000, 48))   # PyTorch: fan_out = 3000, fan_in = 48
    mine = init.init_embedding_weight(ours, 3_000, 48, seed=1)
    assert abs(float(reference.std()) / float(mine.std()) - 1) < 0.03


def test_init_rows_match_full_table():
    rows = init.init_rows("xavier_uniform", 5_000, 32, rows=300, seed=4)
    full = init.init_embedding_weight("xavier_uniform", 5_000, 32, seed=4)
    assert torch.equal(rows, full[:300])
    assert init.init_rows("normal(0, 1)", 10, 4, rows=300).shape == (10, 4)


@pytest.mark.parametrize("args,message", [(("normal(0, 1)", 10, 0), "at least 1"),
                                          (("normal(0, 1)", 10**8, 10), "beyond"),
                                          (("he", 10, 4), "unknown initialization"),
                                          (("zeros", 10, 4.0), "whole number")])
def test_bad_input(args, message):
    with pytest.raises(CourseError, match=message):
        init.init_rows(*args)


def test_pairwise_cosines_and_zero_rows():
    """A zero row has no direction: its cosines are undefined (NaN), never 0."""
    cos = init.pairwise_cosines(torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0], [2.0, 0.0]]))
    values = cos.tolist()
    assert [values[i] for i in (0, 2, 4)] == [0.0, 1.0, 0.0]
    assert all(math.isnan(values[i]) for i in (1, 3, 5))


def test_word2vec_and_gensim_uniform_schemes():
    """The C word2vec draws from [−0.5/N, 0.5/N), gensim 4.4's prep_vectors from [−1/N, 1/N)."""
    from gensim.models.keyedvectors import prep_vectors

    gensim_rows = prep_vectors((2_000, 50), seed=1)
    assert gensim_rows.max() > 0.9 / 50 and gensim_rows.min() >= -1 / 50 and gensim_rows.max() < 1 / 50
    ours = init.init_embedding_weight("uniform(±1/N) gensim", 2_000, 50)
    assert float(ours.abs().max()) > 0.9 / 50 and float(ours.abs().max()) <= 1 / 50
    c_style = init.init_embedding_weight("uniform(±0.5/N) word2vec", 2_000, 50)
    assert 0.45 / 50 < float(c_style.abs().max()) <= 0.5 / 50
    assert abs(float(torch.from_numpy(gensim_rows).std()) - init.scheme_std("uniform(±1/N) gensim", 2_000, 50)) < 3e-4


def test_table_statistics():
    s = init.table_statistics("kaiming_normal", 10_000, 256)
    assert s["rows"] == 300 and abs(s["mean_norm"] - math.sqrt(2)) < 0.05
    assert abs(s["cosine_std"] - 1 / 16) < 0.01
    assert sum(s["cosines"][1]) == 300 * 299 // 2
    zeros = init.table_statistics("zeros", 100, 8)
    assert zeros["entry_std"] == 0.0 and math.isnan(zeros["cosine_std"])
    assert zeros["undefined_cosines"] == 100 * 99 // 2 and sum(zeros["cosines"][1]) == 0
    constant = init.table_statistics("constant(0.1)", 100, 64)
    assert abs(constant["mean_norm"] - 0.8) < 1e-6           # √64 × 0.1, although the std is 0
    assert constant["undefined_cosines"] == 0 and constant["cosine_std"] == 0.0


def test_near_orthogonal_as_dimension_grows():
    rows = init.cosine_spread_by_dimension(dims=(2, 64, 1024), rows=100)
    spreads = [r["cosine_std"] for r in rows]
    assert spreads[0] > spreads[1] > spreads[2]
    for r in rows:
        assert abs(r["cosine_std"] - r["one_over_sqrt_dim"]) < 0.2 * r["one_over_sqrt_dim"]


def test_seeds():
    result = init.seed_comparison("normal(0, 1)", 200, 16, seed=0, other_seed=1)
    assert result == {"same_seed_identical": True, "rows_changed_by_new_seed": 200, "rows": 200}


@pytest.fixture(scope="module")
def data():
    return init.toy_bigrams()


def test_training_changes_rows_not_ids(data):
    run = init.train_tiny_model("normal(0, 1)", steps=20, dim=8, data=data)
    cat = data[0].index("cat")
    assert run.vocabulary["cat"] == cat
    assert not torch.equal(run.embedding_before[cat], run.embedding_after[cat])
    assert run.losses[-1] < run.losses[0] and len(run.losses) == 21


def test_zero_init_never_moves(data):
    run = init.train_tiny_model("zeros", steps=50, dim=8, data=data)
    assert run.distinct_rows() == 1 and run.distinct_columns() == 1
    assert abs(run.losses[-1] - math.log(len(data[0]))) < 1e-5


def test_constant_init_keeps_dimensions_equal(data):
    run = init.train_tiny_model("constant(0.1)", steps=100, dim=8, data=data)
    assert run.distinct_columns() == 1 and run.distinct_rows() > 1
    random_run = init.train_tiny_model("kaiming_normal", steps=100, dim=8, data=data)
    assert random_run.distinct_columns() == 8 and random_run.losses[-1] < run.losses[-1]


def test_training_bad_input(data):
    with pytest.raises(CourseError, match="steps"):
        init.train_tiny_model("zeros", steps=-1, data=data)
    with pytest.raises(CourseError, match="nothing to predict"):
        init.toy_bigrams([["one"], ["two"]])


def test_views_and_widget_speed():
    fig = views.render_table_explorer("normal(0, 1)", 1024, 50_257)
    assert len(fig.data) == 3 and "N = 1,024" in fig.layout.title.text
    base = views.render_table_explorer("zeros", 2, 119)
    updated = views.render_table_explorer("normal(0, 1)", 1024, 50_257, figure=base)
    assert updated is base and updated.to_plotly_json() == fig.to_plotly_json()
    # Its speed is measured in benchmarks/widget_latency.py, not asserted here.
    assert len(views.cosine_by_dimension_figure(init.cosine_spread_by_dimension((2, 4))).data) == 2
