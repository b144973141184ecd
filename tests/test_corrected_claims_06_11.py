"""Each number or claim corrected in notebooks 06-11 (issue 15), recomputed from the code."""
import math

import numpy as np
import pytest
import torch
from torch import nn


def test_06_forward_memory_does_not_grow_with_v_but_the_dense_backward_does():
    from helpers.embedding_layer import forward_bytes

    lookups = {forward_bytes(v, dim=768, batch=256)[0] for v in (1_000, 10_000, 50_257)}
    assert len(lookups) == 1                                  # forward lookup: the same bytes
    table = nn.Embedding(5_000, 8)
    table(torch.tensor([1, 2])).sum().backward()
    assert table.weight.grad.shape == (5_000, 8) and not table.weight.grad.is_sparse  # dense V × N


def test_06_real_tables_figure_uses_a_log_axis():
    from helpers.embedding_layer_views import real_tables_figure

    assert real_tables_figure().layout.yaxis.type == "log"


def test_07_two_views_of_fan_in():
    V, N = 10_000, 64
    linear, table = nn.Linear(V, N, bias=False), nn.Embedding(V, N)
    assert nn.init._calculate_fan_in_and_fan_out(linear.weight)[0] == V
    assert nn.init._calculate_fan_in_and_fan_out(table.weight)[0] == N
    torch.manual_seed(0)
    linear = nn.Linear(V, N, bias=False)
    out = linear(nn.functional.one_hot(torch.arange(500), V).float())
    assert abs(float(out.detach().std()) - 1 / math.sqrt(3 * V)) < 0.0005     # tiny outputs
    assert abs(float(nn.Embedding(V, N).weight.detach().std()) - 1.0) < 0.01  # Var(y) = Var(W) = 1


def test_07_zero_rows_have_undefined_cosines_and_constant_rows_have_length():
    from helpers.initialization import table_statistics
    from helpers.initialization_views import render_table_explorer

    assert "undefined" in render_table_explorer("zeros", 64, 10_000).layout.title.text
    assert abs(table_statistics("constant(0.1)", 10_000, 64)["mean_norm"] - 0.8) < 1e-6


def test_08_zero_table_has_no_neighbours():
    from helpers import sgns
    from helpers.data import load_toy_corpus
    from helpers.sgns_views import neighbour_table

    run = sgns.train_readable(load_toy_corpus(), dim=4, epochs=1, init="zeros", seed=0)
    assert not run.vectors.any()
    assert all("undefined" in row[1] for row in neighbour_table(run, "dog").rows)


def test_09_wordpiece_has_unk_and_byte_level_bpe_does_not():
    from helpers.bpe_steps import train_byte_level_bpe
    from helpers.subwords import load_wordpiece

    assert "[UNK]" in load_wordpiece().encode("snow 🙂 fell", add_special_tokens=False).tokens
    byte_bpe = train_byte_level_bpe(1_000)
    encoded = byte_bpe.encode("snow 🙂 fell")
    assert None not in encoded.ids and byte_bpe.decode(encoded.ids) == "snow 🙂 fell"


def test_09_hand_merges_equal_the_library_merges():
    from helpers import bpe_steps
    from helpers.data import load_bundled_corpus
    from helpers.subwords import train_bpe

    state, pairs = bpe_steps.word_counts(load_bundled_corpus()), []
    for _ in range(3):
        pair, _, state = bpe_steps.merge_step(state)
        pairs.append(pair)
    assert pairs == bpe_steps.library_merges(train_bpe(2_000), first=3)


def test_10_minilm_was_distilled_then_fine_tuned():
    from helpers.subwords import minilm_folder

    readme = (minilm_folder() / "README.md").read_text(encoding="utf-8")
    assert "nreimers/MiniLM-L6-H384-uncased" in readme and "1B sentence pairs" in readme


@pytest.fixture(scope="module")
def polarity():
    from helpers import transfer

    examples = transfer.load_polarity()
    labels = [label for _, label in examples]
    return transfer, examples, labels, transfer.fixed_split(labels)


def test_11_unseen_test_words(polarity):
    transfer, examples, _, split = polarity
    at_10 = transfer.unseen_test_share(examples, split, transfer.training_indices(split, 10, 0))
    at_100 = transfer.unseen_test_share(examples, split, transfer.training_indices(split, 100, 0))
    assert at_10 > 0.5                       # "most of them with 10 training sentences"
    assert round(at_100, 2) == 0.40          # "still about 40 % with 100"


def test_11_random_table_gets_a_fair_learning_rate(polarity):
    transfer, examples, labels, split = polarity
    assert transfer.RANDOM_TABLE_LR == transfer.HEAD_LR and transfer.TABLE_LR == 1e-4
    features = transfer.minilm_features(examples)

    def mean(lr):
        return np.mean([transfer.train_classifier(features, labels,
                                                  transfer.training_indices(split, 100, s),
                                                  split.test, "random", seed=s, table_lr=lr)
                        for s in (0, 1, 2)])

    assert mean(transfer.RANDOM_TABLE_LR) > mean(1e-4)
    default = transfer.train_classifier(features, labels, transfer.training_indices(split, 100, 0),
                                        split.test, "random", seed=0)
    assert default == transfer.train_classifier(features, labels,
                                                transfer.training_indices(split, 100, 0),
                                                split.test, "random", seed=0, table_lr=0.05)


def test_11_bar_chart_axis_shows_small_differences(polarity):
    from helpers.transfer import Result
    from helpers.transfer_views import size_figure

    results = {("random", 40): Result("random", 40, (0.50, 0.50)),
               ("frozen", 40): Result("frozen", 40, (0.52, 0.52))}
    fig = size_figure(results, 40)
    low, high = fig.layout.yaxis.range
    assert low > 0.3 and high < 0.7
    assert any("chance" in (a.text or "") for a in fig.layout.annotations)
