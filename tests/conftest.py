"""Shared fixtures: a throw-away cache folder, so tests never touch the real `.cache/`."""
import pytest


@pytest.fixture
def temp_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TOKEN_EMBEDDINGS_CACHE", str(folder))
    return folder
