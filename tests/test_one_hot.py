"""helpers.one_hot: building one-hot vectors, their geometry, memory and the row-picking product."""
import math

import numpy as np
import pytest
import torch

from helpers.errors import CourseError
from helpers.one_hot import (GPT2_VOCABULARY, format_bytes, memory_report, memory_rows,
                             off_diagonal, one_hot, one_hot_torch, pairwise_cosines,
                             pairwise_distances, pick_row, sparsity, torch_sparse_bytes,
                             vocabulary_sizes)
from helpers.one_hot_views import (SLIDER_SIZES, cosine_heatmap, distance_heatmap, memory_figure,
                                   one_hot_heatmap, pair_summary, sparsity_figure)


def test_one_hot_by_hand_matches_torch():
    ids = [3, 0, 3, 5]
    ours = one_hot(ids, 6)
    assert ours.dtype == np.float32 and ours.shape == (4, 6)
    assert ours.sum(axis=1).tolist() == [1, 1, 1, 1]
    assert ours.argmax(axis=1).tolist() == ids
    theirs = torch.nn.functional.one_hot(torch.tensor(ids), num_classes=6)
    assert np.array_equal(ours, theirs.numpy())
    assert np.array_equal(ours, one_hot_torch(ids, 6).numpy())
    assert one_hot_torch(ids, 6).dtype == torch.float32
    assert one_hot(2, 4).tolist() == [[0, 0, 1, 0]]
    assert np.array_equal(one_hot(np.array([1], dtype=np.int32), 3), [[0, 1, 0]])


@pytest.mark.parametrize("ids, size, words", [
    ([3], 0, "at least 1"), ([1], 10_000_000, "more than this demo allows"),
    ([1], 2.5, "whole number"), ([1], True, "whole number"),
    ([5], 5, "ID 5 does not fit"), ([-1], 5, "ID -1 does not fit"),
    ([], 5, "empty"), ("fox", 5, "encode the text"), ([1.0], 5, "whole numbers"),
    ([[1, 2]], 5, "flat list"), ([0] * 2000, 40_000, "would need")])
def test_one_hot_bad_input(ids, size, words):
    with pytest.raises(CourseError, match=words):
        one_hot(ids, size)


def test_every_pair_has_cosine_zero_and_distance_sqrt2():
    vectors = one_hot([5, 2, 9, 0, 7], 10)
    cos = pairwise_cosines(vectors)
    dist = pairwise_distances(vectors)
    assert np.allclose(np.diag(cos), 1) and np.allclose(off_diagonal(cos), 0)
    assert np.allclose(np.diag(dist), 0) and np.allclose(off_diagonal(dist), math.sqrt(2))
    summary = pair_summary(list("abcde"), vectors)
    assert summary.rows[0][1] == 10 and summary.rows[1][1] == "0.000"
    assert summary.rows[2][1] == "1.414"


def test_memory_numbers_for_gpt2():
    report = memory_report(GPT2_VOCABULARY)
    assert report["dense float32"] == 50_257 ** 2 * 4 == 10_103_064_196
    assert report["sparse (COO)"] == 50_257 * 20
    assert report["just the IDs"] == 50_257 * 8
    assert torch_sparse_bytes(GPT2_VOCABULARY) == report["sparse (COO)"]
    assert memory_report(10, rows=3)["dense float32"] == 120
    assert format_bytes(report["dense float32"]) == "9.4 GiB"
    assert format_bytes(1536) == "1.5 KiB" and format_bytes(12) == "12 bytes"
    assert [r[1] for r in memory_rows(vocabulary_sizes())] == [30_522, 50_257, 128_256, 256_000]
    with pytest.raises(CourseError):
        format_bytes(-1)
    with pytest.raises(CourseError, match="at least 1"):
        memory_report(0)


def test_sparsity():
    assert sparsity(1) == 0.0
    assert sparsity(4) == 0.75
    assert round(100 * sparsity(GPT2_VOCABULARY), 4) == 99.998


def test_one_hot_row_times_matrix_picks_the_row():
    W = np.arange(12, dtype=np.float32).reshape(4, 3)
    for i in range(4):
        assert np.array_equal(pick_row(i, W), W[i])
        assert np.array_equal((one_hot([i], 4) @ W)[0], W[i])
    with pytest.raises(CourseError, match="does not fit"):
        pick_row(4, W)
    with pytest.raises(CourseError, match="2-D"):
        pick_row(0, np.zeros(3))


def test_figures_have_titles_axes_and_hover():
    vectors = one_hot([0, 1, 2], 3)
    for fig in (one_hot_heatmap(["a", "b", "c"], vectors, ["a", "b", "c"]),
                cosine_heatmap(["a", "b", "c"], vectors), distance_heatmap(["a", "b", "c"], vectors),
                memory_figure(GPT2_VOCABULARY), sparsity_figure(GPT2_VOCABULARY)):
        assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
        assert all(t.hovertemplate or t.hovertext for t in fig.data)
    assert list(memory_figure(1000).data[0].y) == list(memory_report(1000).values())
    assert GPT2_VOCABULARY in SLIDER_SIZES
    with pytest.raises(CourseError):
        memory_figure(0)
