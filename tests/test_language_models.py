"""Tests of helpers.language_models (+ views): GPT input, positions, real tables, contexts."""
import numpy as np
import pytest
import torch

from helpers import language_models as lm
from helpers import language_models_views as views
from helpers.errors import CourseError, UnknownWordError


def test_sliding_windows_shapes_and_shift():
    inputs, targets = lm.sliding_windows(list(range(20)), context=4, stride=2)
    assert inputs.shape == targets.shape == (8, 4)
    assert inputs[1].tolist() == [2, 3, 4, 5] and targets[1].tolist() == [3, 4, 5, 6]
    assert lm.sliding_windows(range(9), 4)[0].shape == (2, 4)


@pytest.mark.parametrize("ids, context, words", [(range(3), 4, "at least 5"), (range(10), 0, "context"),
                                                 ([[1, 2], [3, 4]], 1, "flat")])
def test_sliding_windows_bad_input(ids, context, words):
    with pytest.raises(CourseError, match=words):
        lm.sliding_windows(ids, context)


def test_gpt_input_sums_token_and_position():
    torch.manual_seed(0)
    module = lm.gpt_input_module(vocab_size=50, context=6, dim=8)
    ids = torch.tensor([[1, 2, 1, 3], [4, 4, 4, 4]])
    out = module(ids)
    assert out.shape == (2, 4, 8)
    expected = module.token.weight[1] + module.position.weight[2]
    assert torch.allclose(out[0, 2], expected)
    assert not torch.allclose(out[1, 0], out[1, 1])  # same token, different positions
    with pytest.raises(CourseError, match="positions"):
        module(torch.zeros(1, 7, dtype=torch.long))
    with pytest.raises(CourseError, match="between 0 and 49"):
        module(torch.tensor([[60]]))


@pytest.mark.parametrize("kwargs", [dict(vocab_size=0, context=4, dim=4),
                                    dict(vocab_size=10_000_000, context=4, dim=768),
                                    dict(vocab_size=10, context=4, dim=0)])
def test_gpt_input_bad_sizes(kwargs):
    with pytest.raises(CourseError):
        lm.gpt_input_module(**kwargs)


def test_sinusoidal_values():
    table = lm.sinusoidal_encoding(10, 8)
    assert table.shape == (10, 8)
    assert np.allclose(table[0], [0, 1] * 4)
    assert np.isclose(table[3, 0], np.sin(3)) and np.isclose(table[3, 3], np.cos(3 / 10_000 ** (2 / 8)))
    for bad in [(0, 8), (10, 7), (10, 10_000_000)]:
        with pytest.raises(CourseError):
            lm.sinusoidal_encoding(*bad)


@pytest.fixture(scope="module")
def minilm():
    return lm.load_embedding_table("minilm")


def test_minilm_table(minilm):
    assert minilm.shape == (30_522, 384) and minilm.matrix.dtype == np.float32
    assert abs(minilm.megabytes - 44.71) < 0.01
    assert minilm.row("bank") == 2924 and minilm.tokens[101] == "[CLS]"
    with pytest.raises(UnknownWordError, match="not one piece"):
        minilm.row("embeddings")


def test_nearest_tokens(minilm):
    found = lm.nearest_tokens(minilm, "king", k=5)
    assert [w for w, _ in found][:2] == ["kings", "queen"]
    assert all(not w.startswith("##") for w, _ in lm.nearest_tokens(minilm, "run", k=20))
    with pytest.raises(CourseError):
        lm.nearest_tokens(minilm, "king", k=0)


def test_projection(minilm):
    points = lm.project_tokens(minilm, ["cat", "dog", "paris", "london"])
    assert points.shape == (4, 2)
    assert np.allclose(points, lm.project_tokens(minilm, ["cat", "dog", "paris", "london"]))
    with pytest.raises(CourseError):
        lm.project_2d(np.zeros((2, 5)))


def test_online_table_offline_path_fails_fast(monkeypatch):
    with pytest.raises(CourseError, match="switched off"):
        lm.load_embedding_table("openai-community/gpt2", online=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(CourseError, match="switched off"):
        lm.load_embedding_table("openai-community/gpt2", online=True)
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")

    def no_network(*args, **kwargs):
        raise OSError("network is unreachable")
    monkeypatch.setattr("socket.create_connection", no_network)
    with pytest.raises(CourseError, match="offline"):
        lm.load_embedding_table("openai-community/gpt2", online=True)
    with pytest.raises(CourseError):
        lm.load_embedding_table("")


def test_online_table_same_code_path(tmp_path, monkeypatch, minilm):
    """A downloaded model is read by `_read_table` like MiniLM: simulate the download."""
    import shutil
    from helpers.subwords import minilm_folder
    for name in ("model.safetensors", "tokenizer.json"):
        shutil.copy(minilm_folder() / name, tmp_path / name)
    monkeypatch.setattr(lm, "_download", lambda name, online: tmp_path)
    table = lm.load_embedding_table("someone/some-model", online=True)
    assert table.shape == minilm.shape and table.name == "someone/some-model"


def test_static_vs_contextual():
    result = lm.static_vs_contextual("bank", "we sat on the river bank", "she opened a bank account")
    assert result["static cosine"] == pytest.approx(1.0)
    assert 0.5 < result["contextual cosine"] < 0.95
    with pytest.raises(CourseError, match="not one of the pieces"):
        lm.contextual_vector("the river is wide", "bank")
    with pytest.raises(CourseError, match="positions"):
        lm.contextual_vectors("a " * 600)


def test_views_build():
    table = views.tokenizer_table("Snow 42")
    assert [r[2] for r in table.rows if r[0] == "MiniLM WordPiece"] == ["snow", "42"]
    fig = views.sinusoidal_figure(20, 16)
    assert np.array(fig.data[0].z).shape == (20, 16)
    assert fig.layout.xaxis.title.text and fig.layout.title.text
