"""Tests of helpers.projection (PCA with a fixed sign, t-SNE with a fixed seed)."""
from __future__ import annotations

import numpy as np
import pytest

from helpers.errors import CourseError
from helpers.projection import pca, pca_basis, project, tsne


@pytest.fixture
def points():
    rng = np.random.default_rng(0)
    return rng.normal(size=(40, 10)) * np.linspace(5, 0.5, 10)


def test_pca_matches_variance_and_is_orthonormal(points):
    basis = pca_basis(points, 3)
    assert np.allclose(basis.components @ basis.components.T, np.eye(3))
    result = pca(points, 2)
    assert result.points.shape == (40, 2)
    centred = points - points.mean(0)
    total = (centred ** 2).sum()
    assert np.allclose(sum(result.explained), (result.points ** 2).sum() / total)
    assert result.explained[0] >= result.explained[1]
    assert result.axis_titles[0].startswith("PC1 (")


def test_pca_sign_is_deterministic(points):
    a = pca(points, 2).points
    b = pca(points[::-1].copy(), 2).points[::-1]  # same data in another order
    assert np.allclose(a, b)
    flipped = pca(-points, 2).points  # mirrored data gives the same picture up to sign rule
    basis = pca_basis(points, 2)
    largest = np.argmax(np.abs(basis.components), axis=1)
    assert (basis.components[np.arange(2), largest] > 0).all()
    assert flipped.shape == a.shape


def test_pca_agrees_with_torch(points):
    import torch

    ours = pca(points, 2).points
    u, s, v = torch.pca_lowrank(torch.tensor(points), q=10, center=True, niter=10)  # exact: q = d
    theirs = (torch.tensor(points) - torch.tensor(points).mean(0)) @ v[:, :2]
    for k in range(2):  # equal up to the sign of each axis
        assert np.allclose(np.abs(ours[:, k]), np.abs(theirs[:, k].numpy()), atol=1e-6)


def test_pca_basis_transform_new_points(points):
    basis = pca_basis(points, 2)
    assert np.allclose(basis.transform(points[:5]), pca(points, 2).points[:5])
    with pytest.raises(CourseError, match="expected vectors of 10 dimensions"):
        basis.transform(np.zeros((2, 3)))


def test_tsne_is_reproducible(points):
    a = tsne(points, 2, progress=False)
    b = tsne(points, 2, progress=False)
    assert a.points.shape == (40, 2) and a.method == "t-SNE"
    assert np.allclose(a.points, b.points)
    assert a.axis_titles == ["t-SNE 1", "t-SNE 2"]


@pytest.mark.parametrize("matrix, dims, message", [
    (np.zeros(5), 2, "2-D matrix"),
    (np.zeros((3, 4)), 3, "at least 4 words"),
    (np.zeros((10, 1)), 2, "1 dimension"),
    (np.full((10, 4), np.nan), 2, "NaN"),
    (np.zeros((10, 4)), 5, "dims is 2 or 3"),
])
def test_bad_input(matrix, dims, message):
    with pytest.raises(CourseError, match=message):
        pca(matrix, dims)


def test_tsne_bad_input(points):
    with pytest.raises(CourseError, match="max_iter"):
        tsne(points, 2, max_iter=10, progress=False)
    with pytest.raises(CourseError, match="perplexity"):
        tsne(points, 2, perplexity=100, progress=False)
    with pytest.raises(CourseError, match="'pca' or 't-sne'"):
        project(points, "umap")
