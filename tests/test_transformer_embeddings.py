"""helpers.transformer_embeddings: RoPE against transformers' Llama, tying, objectives, tables."""
import math
import re

import numpy as np
import pytest
import torch

from helpers import transformer_embeddings as te
from helpers.errors import CourseError


# --------------------------------------------------------------------------- RoPE
@pytest.mark.parametrize("dim, base, length", [(16, 10_000.0, 9), (8, 100.0, 33), (64, 500_000.0, 5),
                                               (2, 10_000.0, 4)])
def test_half_layout_matches_transformers_llama(dim, base, length):
    rng = np.random.default_rng(dim)
    x = rng.standard_normal((length, dim))
    positions = rng.permutation(np.arange(3 * length))[:length]   # any positions, any order
    ours = te.apply_rope(x, positions, base)
    llama = te.llama_rope(x, positions, base).double().numpy()
    assert np.allclose(ours, llama, atol=2e-5 * max(1, positions.max() / 10))
    assert not np.allclose(te.apply_rope(x, positions + 1, base), llama, atol=1e-3)


def test_llama_reference_is_transformers_own_code():
    """The reference really is transformers' rotate_half formula, not a copy of ours."""
    from transformers.models.llama import modeling_llama

    x = torch.randn(1, 1, 3, 8)
    assert torch.equal(modeling_llama.rotate_half(x), torch.cat((-x[..., 4:], x[..., :4]), -1))
    rotated = te.llama_rope(x[0, 0], [0, 0, 0])
    assert torch.allclose(rotated, x[0, 0])          # position 0: no rotation


def test_interleaved_layout_differs_from_llama_and_is_a_permutation_of_it():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 12))
    positions = np.arange(5)
    llama = te.llama_rope(x, positions).double().numpy()
    interleaved = te.apply_rope(x, positions, layout="interleaved")
    assert not np.allclose(interleaved, llama, atol=1e-3)
    p = te.interleaved_to_half(12)
    assert p.tolist() == [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]
    assert np.allclose(te.apply_rope(x[:, p], positions), interleaved[:, p])
    # the interleaved layout rotates (0, 1) by the first, fastest angle
    e = np.zeros(12)
    e[0] = 1.0
    turned = te.apply_rope(e, [1], layout="interleaved")
    assert turned[0] == pytest.approx(math.cos(1)) and turned[1] == pytest.approx(math.sin(1))


def test_rope_keeps_norms_and_scores_depend_only_on_distance():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((40, 16))
    rotated = te.apply_rope(x, np.arange(40))
    assert np.allclose(np.linalg.norm(rotated, axis=1), np.linalg.norm(x, axis=1))
    q, k = rng.standard_normal(16), rng.standard_normal(16)
    scores = te.rope_scores(q, k, length=20)
    for offset in range(-19, 20):
        diagonal = np.diagonal(scores, offset)
        assert np.allclose(diagonal, diagonal[0])
    assert not np.isclose(scores[3, 1], scores[1, 3])   # the sign of m − n matters
    assert scores[0, 0] == pytest.approx(q @ k)


def test_rope_angles_and_torch_round_trip():
    angles = te.rope_angles(8, [0, 1, 2], base=10_000.0)
    assert angles.shape == (3, 4)
    assert np.allclose(angles[1], [1, 0.1, 0.01, 0.001])
    assert np.allclose(angles[2], 2 * angles[1]) and np.all(angles[0] == 0)
    t = torch.randn(4, 8)
    out = te.apply_rope(t, np.arange(4))
    assert isinstance(out, torch.Tensor) and out.dtype == t.dtype
    assert np.allclose(out.numpy(), te.apply_rope(t.numpy(), np.arange(4)), atol=1e-6)


@pytest.mark.parametrize("call, words", [
    (lambda: te.rope_angles(7, [1]), "even"),
    (lambda: te.apply_rope(np.ones((3, 8)), [0, 1]), "one position per row of x: x has 3 rows, but 2"),
    (lambda: te.apply_rope(np.ones(8), [0], layout="pairs"), "layout"),
    (lambda: te.rope_angles(8, [1], base=0), "base"),
    (lambda: te.rope_vector(np.ones((2, 4)), 1), "one vector"),
    (lambda: te.rope_scores(np.ones(4), np.ones(6), 3), "same size"),
])
def test_rope_bad_input(call, words):
    with pytest.raises(CourseError, match=words):
        call()


# --------------------------------------------------------------------------- tying
def test_tied_model_shares_one_parameter_and_counts_it_once():
    untied = te.tiny_transformer(30, dim=8, context=4, layers=1, heads=2, tie=False)
    tied = te.tiny_transformer(30, dim=8, context=4, layers=1, heads=2, tie=True)
    report = te.tying_report(tied)
    assert report.tied and report.same_storage and report.equal_values
    assert te.tying_report(untied).parameters - report.parameters == 30 * 8
    assert not te.tying_report(untied).same_parameter


def test_tying_report_on_transformers_gpt2_reference():
    """transformers' GPT-2 ties lm_head to wte; our report must see it, and see its absence."""
    from transformers import GPT2Config, GPT2LMHeadModel

    small = dict(vocab_size=40, n_positions=8, n_embd=8, n_layer=1, n_head=2)
    hf_tied = GPT2LMHeadModel(GPT2Config(**small))
    report = te.tying_report(hf_tied, embedding="transformer.wte")
    assert report.same_parameter and report.same_storage
    hf_untied = GPT2LMHeadModel(GPT2Config(tie_word_embeddings=False, **small))
    report = te.tying_report(hf_untied, embedding="transformer.wte")
    assert not report.same_parameter and not report.same_storage
    assert report.parameters - te.tying_report(hf_tied, embedding="transformer.wte").parameters == 40 * 8


def test_tying_report_tells_copy_data_sharing_and_tying_apart():
    model = te.tiny_transformer(20, dim=4, context=2, layers=0, heads=1, tie=False)
    model.lm_head.weight.data = model.tok_emb.weight.data.clone()
    r = te.tying_report(model)
    assert r.equal_values and not r.same_storage and "copy" in r.explain()
    model.lm_head.weight.data = model.tok_emb.weight.data
    r = te.tying_report(model)
    assert r.same_storage and not r.same_parameter and "two Parameter" in r.explain()
    with pytest.raises(CourseError, match="lm_head"):
        te.tying_report(torch.nn.Linear(2, 2))


def test_tied_gradient_is_the_sum_of_both_uses():
    demo = te.tied_gradient_demo(vocab_size=12, dim=4, seed=0)
    assert demo["max difference"] < 1e-12
    assert not torch.allclose(demo["shared"], demo["output use"])
    assert not torch.allclose(demo["shared"], demo["input use"])
    assert demo["rows touched by output use"] == 12 and demo["rows touched by input use"] < 12


def test_tied_gradient_in_the_tiny_transformer():
    torch.manual_seed(0)
    tied = te.tiny_transformer(25, dim=8, context=4, layers=1, heads=1, tie=True)
    untied = te.tiny_transformer(25, dim=8, context=4, layers=1, heads=1, tie=False)
    untied.load_state_dict({k: v for k, v in tied.state_dict().items()})
    untied.lm_head.weight.data = tied.tok_emb.weight.detach().clone()
    ids = torch.randint(25, (3, 4), generator=torch.Generator().manual_seed(1))
    for model in (tied, untied):
        torch.nn.functional.cross_entropy(model(ids).reshape(-1, 25), ids.reshape(-1)).backward()
    total = untied.tok_emb.weight.grad + untied.lm_head.weight.grad
    assert torch.allclose(tied.tok_emb.weight.grad, total, atol=1e-6)


def test_gpt2_parameter_counts_match_transformers_model_shapes():
    from transformers import GPT2Config, GPT2LMHeadModel

    tied, untied = te.gpt2_parameter_count(True), te.gpt2_parameter_count(False)
    assert tied["total"] == 124_439_808 and untied["total"] == 163_037_184
    with torch.device("meta"):                         # shapes only, no memory
        for tie, expected in ((True, tied), (False, untied)):
            model = GPT2LMHeadModel(GPT2Config(tie_word_embeddings=tie))
            assert sum(p.numel() for p in model.parameters()) == expected["total"]


# --------------------------------------------------------------------------- objectives
def test_toy_stream_and_windows():
    stream = te.toy_token_stream([["a", "b"], ["b", "c", "a"]])
    assert stream.vocabulary == ["<eos>", "[MASK]", "a", "b", "c"]
    assert stream.ids.tolist() == [2, 3, 0, 3, 4, 2, 0]
    assert stream.windows(3).tolist() == [[2, 3, 0], [3, 4, 2]]


def test_mask_tokens_proportions_and_targets():
    ids = torch.randint(2, 50, (200_000,), generator=torch.Generator().manual_seed(0))
    inputs, targets, kind = te.mask_tokens(ids, 50, torch.Generator().manual_seed(1))
    picked = kind > 0
    assert abs(picked.float().mean().item() - 0.15) < 0.005
    shares = [(kind == v).sum().item() / picked.sum().item() for v in (1, 2, 3)]
    assert abs(shares[0] - 0.8) < 0.01 and abs(shares[1] - 0.1) < 0.01 and abs(shares[2] - 0.1) < 0.01
    assert torch.all(inputs[kind == 1] == 1) and torch.all(inputs[kind == 3] == ids[kind == 3])
    assert torch.all(inputs[kind == 0] == ids[kind == 0])
    assert torch.all(inputs[kind == 2] >= 2)                   # random words, never specials
    assert torch.all(targets[picked] == ids[picked]) and torch.all(targets[~picked] == -100)
    with pytest.raises(CourseError, match="rate"):
        te.mask_tokens(ids, 50, torch.Generator(), rate=1.5)


def test_both_objectives_learn_the_groups():
    stream = te.toy_token_stream()
    for objective in ("next-token", "masked"):
        run = te.train_tiny(objective, steps=150, stream=stream, seed=0)
        smooth = te.smoothed(run.losses)
        assert smooth[-1] < smooth[0] - 0.5
        assert run.losses[0] == pytest.approx(math.log(len(stream.vocabulary)), abs=0.1)
    groups = te.group_similarity(run.table, run.vocabulary)
    assert groups["gap"] == pytest.approx(groups["within"] - groups["between"])
    with pytest.raises(CourseError, match="objective"):
        te.train_tiny("causal", steps=1, stream=stream)


def test_group_similarity_and_neighbours_on_a_built_table():
    vocabulary = ["<eos>", "[MASK]", "a1", "a2", "b1", "b2"]
    table = np.array([[0, 0], [0, 0], [1, 0.1], [1, -0.1], [0.1, 1], [-0.1, 1]])
    groups = {"a": ["a1", "a2"], "b": ["b1", "b2"]}
    result = te.group_similarity(table, vocabulary, groups)
    assert result["within"] > 0.9 and abs(result["between"]) < 0.2
    assert [w for w, _ in te.nearest_words(table, vocabulary, "a1", 2)] == ["a2", "b1"]
    assert te.group_precision(table, vocabulary, k=1, groups=groups) == 1.0
    with pytest.raises(CourseError, match="not in the toy vocabulary"):
        te.nearest_words(table, vocabulary, "zebra")


def test_smoothed_is_a_running_mean():
    assert te.smoothed([2, 4, 6, 8], window=2).tolist() == [2, 3, 5, 7]


# --------------------------------------------------------------------------- init scale
def test_first_step_loss_and_logit_scale():
    stream = te.toy_token_stream()
    small, big = te.first_step_stats(0.02, stream), te.first_step_stats(1.0, stream)
    assert small["loss"] == pytest.approx(small["uniform loss"], abs=0.02)
    assert big["loss"] > 3 * big["uniform loss"]
    assert big["logit std"] > 20 * small["logit std"]
    assert small["logit std"] == pytest.approx(te.expected_logit_std(0.02, 32), rel=0.3)
    assert te.logit_spread(1.0, 768) == pytest.approx(math.sqrt(768), rel=0.03)
    assert te.logit_spread(0.02, 768) == pytest.approx(0.02 * math.sqrt(768), rel=0.03)


# --------------------------------------------------------------------------- a pretrained table
def test_table_statistics_on_built_tables():
    rng = np.random.default_rng(0)
    isotropic = rng.standard_normal((2_000, 64))
    assert abs(te.anisotropy(isotropic, pairs=5_000)) < 0.01
    shifted = isotropic + 3.0                       # a shared direction
    assert te.anisotropy(shifted, pairs=5_000) > 0.8
    assert abs(te.anisotropy(shifted, pairs=5_000, centre=True)) < 0.01
    table = rng.standard_normal((500, 10)) * 0.1
    table[:, 7] += 1.0
    top = te.outlier_dimensions(table, top=1)[0]
    assert top["dimension"] == 7 and top["times typical"] > 10
    with pytest.raises(CourseError, match="at least 2 rows"):
        te.anisotropy(np.ones((1, 3)))


def test_norm_by_frequency_bins_and_unused_rows():
    tokens = ["[PAD]", "[unused0]", "a", "b", "c"]
    matrix = np.array([[1.0, 0], [0.5, 0], [3.0, 4.0], [0, 2.0], [0, 1.0]])
    counts = np.array([0, 0, 0, 5, 150])
    rows = {r["bin"]: r for r in te.norm_by_frequency(matrix, counts, tokens)}
    assert rows["never"]["tokens"] == 1 and rows["never"]["mean norm"] == pytest.approx(5.0)
    assert rows["1–9"]["mean norm"] == pytest.approx(2.0)
    assert rows["100–999"]["mean norm"] == pytest.approx(1.0)
    assert te.unused_rows(tokens).tolist() == [1]


def test_minilm_counts_use_its_wordpiece():
    counts = te.minilm_token_counts([["the", "snowboarding", "the"]])
    from helpers.subwords import load_wordpiece

    vocab = load_wordpiece().get_vocab()
    assert counts[vocab["the"]] == 2 and counts[vocab["snow"]] == 1
    assert counts[vocab["##boarding"]] == 1 and counts.sum() == 4


def test_a_big_start_survives_training_and_a_small_one_does_not():
    stream = te.toy_token_stream()
    big = te.train_tiny("next-token", steps=100, init_std=1.0, stream=stream)
    small = te.train_tiny("next-token", steps=100, init_std=0.02, stream=stream)
    assert big.kept_from_start() > 0.9 > 0.5 > small.kept_from_start()
    untrained = te.train_tiny("next-token", steps=1, lr=1e-12, stream=stream)
    assert untrained.kept_from_start() == pytest.approx(1.0, abs=1e-6)


# --------------------------------------------------------------------------- bad input
def _generator():
    import torch

    return torch.Generator().manual_seed(0)


@pytest.mark.parametrize("call, argument", [
    (lambda: te.rope_angles(3, [0]), "dim"),
    (lambda: te.rope_angles(8.0, [0]), "dim"),
    (lambda: te.rope_angles(8, [0], base=0), "base"),
    (lambda: te.rope_scores(np.ones(4), np.ones(4), length=0), "length"),
    (lambda: te.tiny_transformer(10, dim=32, heads=0), "heads"),
    (lambda: te.tiny_transformer(True), "vocab_size"),
    (lambda: te.tiny_transformer(10, causal="yes"), "causal"),
    (lambda: te.tiny_transformer(10, init_std=-0.02), "init_std"),
    (lambda: te.train_tiny(objective="mlm"), "objective"),
    (lambda: te.train_tiny(steps=0), "steps"),
    (lambda: te.train_tiny(steps=1, lr=-1.0), "lr"),
    (lambda: te.train_tiny(steps=1, batch_size="64"), "batch_size"),
    (lambda: te.train_tiny(steps=1, seed=-1), "seed"),
    (lambda: te.mask_tokens(np.arange(10), 10, _generator(), rate=1.5), "rate"),
    (lambda: te.anisotropy(np.ones((3, 2)), pairs=0), "pairs"),
    (lambda: te.logit_spread(0.02, 8, rows=0), "rows"),
    (lambda: te.tied_gradient_demo(vocab_size=1), "vocab_size"),
    (lambda: te.outlier_dimensions(np.ones((3, 2)), top=0), "top"),
    (lambda: te.smoothed([1.0, 2.0], window=0), "window"),
    (lambda: te.nearest_words(np.eye(3), ["a", "b", "c"], "a", k=0), "k"),
    (lambda: te.nearest_words(np.eye(3), ["a", "b", "c"], "zebra"), "word"),
    (lambda: te.first_step_stats(0.02, batch_size=0), "batch_size"),
])
def test_bad_input_is_refused_naming_the_argument(call, argument):
    with pytest.raises(CourseError) as error:
        call()
    assert re.search(rf"\b{argument}\b", str(error.value)), str(error.value)
