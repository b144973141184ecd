"""Shared fixtures: a throw-away cache folder, so tests never touch the real `.cache/`.

The numerically tolerant notebook comparison is not here but in tests/nbval_tolerant.py, loaded
by `-p tests.nbval_tolerant` in pyproject.toml's addopts: a conftest.py in tests/ is not loaded
when pytest is given only notebooks (`pytest notebooks/05_word2vec_gensim.ipynb`).
"""
import pytest


@pytest.fixture
def temp_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TOKEN_EMBEDDINGS_CACHE", str(folder))
    return folder
