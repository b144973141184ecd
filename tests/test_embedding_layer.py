"""Unit tests of helpers.embedding_layer (and its views)."""
import numpy as np
import pytest
import torch

from helpers.errors import CourseError, UnknownWordError
from helpers import embedding_layer as el
from helpers import embedding_layer_views as views


@pytest.mark.parametrize("ids,vocab,dim", [([2, 3, 1], 4, 5), ([0], 1, 1), ([7, 0, 7, 3], 10, 4),
                                           (list(range(50)), 10_000, 8)])
def test_lookup_equals_one_hot_and_linear(ids, vocab, dim):
    result = el.lookup_equivalence(ids, vocab, dim, seed=3)
    assert result.lookup_equals_matmul and result.lookup_equals_linear and result.allclose
    assert result.by_lookup.shape == (len(ids), dim)
    assert torch.equal(result.by_lookup, result.weight[ids])


@pytest.mark.parametrize("ids,message", [([3, 12], "ID 12"), ([], "empty"), ([1.5], "whole"),
                                         ("3 4", "list"), ([-1], "ID -1")])
def test_bad_ids_are_explained(ids, message):
    with pytest.raises(CourseError, match=message):
        el.lookup_equivalence(ids, 10, 4)


def test_live_demo_refuses_big_vocabulary():
    with pytest.raises(CourseError, match="too big for this live demo"):
        el.lookup_equivalence([1], 50_257, 4)


def test_forward_bytes_match_the_ecosystem_fact():
    lookup, matmul = el.forward_bytes(50_257, 768, 1024)
    assert lookup == 1024 * 768 * 4
    assert abs(matmul / 2**20 - 590) < 5  # ≈ 590 MiB, as measured for the course


def test_measurement_shapes_and_ratios():
    m = el.measure_lookup_vs_matmul(1_000, dim=32, batch=64, repeats=1)
    assert m.lookup_bytes == 64 * 32 * 4 and m.memory_ratio > 1
    assert m.matmul_forward_ms > 0 and m.lookup_forward_ms > 0 and m.gradient_bytes == 1000 * 32 * 4


def test_measurement_refuses_over_1gb():
    with pytest.raises(CourseError, match="GB"):
        el.measure_lookup_vs_matmul(50_257, batch=4096)


def test_real_tables():
    sizes = {name: el.table_size(*shape) for name, shape in el.REAL_TABLES.items()}
    assert sizes["GPT-2 small"]["parameters"] == 38_597_376
    assert sizes["BERT-base (WordPiece)"]["parameters"] == 23_440_896
    assert sizes["GPT-3 175B"]["parameters"] == 617_558_016
    assert sizes["GPT-3 175B"]["float16 bytes"] == 2 * 617_558_016
    assert [r[0] for r in el.real_table_rows()] == list(el.REAL_TABLES)


@pytest.mark.parametrize("vocab,dim,message", [(50_257, 0, "at least 1"), (0, 768, "at least 1"),
                                               (50_257, 10_000_000, "not a realistic"),
                                               (10**9, 768, "not a realistic"),
                                               (50_257, 7.5, "whole number"),
                                               (True, 4, "whole number")])
def test_calculator_refuses_absurd_sizes(vocab, dim, message):
    with pytest.raises(CourseError, match=message):
        el.size_calculator(vocab, dim)


def test_calculator_warns_over_1gb_only():
    rows, warning = el.size_calculator(50_257, 12_288)
    assert "over 1 GB" in warning and dict(rows)["memory as float32"] == "2.47 GB"
    assert el.size_calculator(50_257, 768)[1] == ""


def test_create_embedding_guards_1gb():
    with pytest.raises(CourseError, match="allow_over_1gb"):
        el.create_embedding(50_257, 12_288)
    layer = el.create_embedding(10, 4, dtype="float16", padding_idx=0)
    assert layer.weight.dtype == torch.float16 and layer.padding_idx == 0
    with pytest.raises(CourseError, match="dtype"):
        el.create_embedding(10, 4, dtype="float64")


def test_gradients_only_on_looked_up_rows():
    report = el.gradient_rows([4, 1, 4], vocab_size=8, dim=3)
    assert report["rows_with_gradient"] == [1, 4]
    assert torch.equal(report["grad"][4], torch.full((3,), 2.0))
    assert float(report["grad"][[0, 2, 3, 5, 6, 7]].abs().sum()) == 0.0
    sparse = el.sparse_gradient([4, 1, 4], 8, 3)
    assert sparse.layout == torch.sparse_coo and sparse.indices().tolist() == [[1, 4]]
    assert torch.equal(sparse.to_dense(), report["grad"])


def test_padding_row_is_zero_and_gets_no_gradient():
    out = el.padding_demo([3, 5, 0, 0], vocab_size=6, dim=3, padding_idx=0)
    assert float(out["padding_row"].abs().sum()) == 0.0
    assert float(out["grad"][0].abs().sum()) == 0.0 and float(out["grad"][3].sum()) == 3.0
    with pytest.raises(CourseError, match="padding_idx"):
        el.padding_demo([1], vocab_size=6, padding_idx=6)


def test_pretrained_frozen_and_trainable():
    words = ["the", "cat", "sat"]
    matrix = np.arange(12, dtype=np.float32).reshape(3, 4)
    vocab, frozen = el.pretrained_embedding(words, matrix, freeze=True)
    ids = el.words_to_ids(["cat", "the"], vocab)
    assert ids == [1, 0]
    assert torch.equal(frozen(torch.tensor(ids)), torch.from_numpy(matrix[[1, 0]]))
    assert el.one_training_step(frozen, ids) == 0.0 and not frozen.weight.requires_grad
    _, trainable = el.pretrained_embedding(words, matrix, freeze=False)
    assert el.one_training_step(trainable, ids) > 0
    assert matrix[0, 0] == 0.0  # the caller's matrix is never changed
    with pytest.raises(UnknownWordError, match="kat"):
        el.words_to_ids(["kat"], vocab)
    with pytest.raises(CourseError, match="one row per word"):
        el.pretrained_embedding(words, matrix[:2])
    with pytest.raises(CourseError, match="duplicates"):
        el.pretrained_embedding(["a", "a", "b"], matrix)
    with pytest.raises(CourseError, match="not one string"):
        el.words_to_ids("the cat", vocab)


def test_views_build_figures_and_tables():
    m = [el.measure_lookup_vs_matmul(v, dim=16, batch=8, repeats=1) for v in (100, 1000)]
    fig = views.timing_figure(m)
    assert len(fig.data) == 3 and fig.layout.title.text
    assert "V" in repr(views.measurement_table(m))
    assert len(views.real_tables_figure().data) == 2
    assert "617,558,016" in repr(views.render_calculator(50_257, 12_288))


def test_human_bytes():
    assert el.human_bytes(999) == "999 bytes"
    assert el.human_bytes(2_470_000_000) == "2.47 GB"
