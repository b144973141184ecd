"""Squeezing word vectors into 2 or 3 dimensions so they can be drawn.

* `pca(matrix, dims)`: the directions along which the vectors vary most (a rotation followed by
  dropping all but the first axes). Instant, and exact: the same input always gives the same
  picture, because each axis's sign is fixed (its largest loading is made positive).
* `tsne(matrix, dims)`: scikit-learn's t-SNE, which tries to keep each point's nearest
  neighbours near; slower (seconds), shown with a progress indicator, fixed `random_state`.

Both return a `Projection` (the points plus what share of the variance PCA kept). Distances in a
2-D picture of 100-D vectors are only a hint: check what you see with cosine similarities.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import validation
from .errors import CourseError


@dataclass(frozen=True)
class Projection:
    points: np.ndarray          # (n, dims)
    method: str                 # "PCA" or "t-SNE"
    explained: tuple = ()       # PCA only: share of the total variance along each axis

    @property
    def axis_titles(self) -> list[str]:
        if self.explained:
            return [f"PC{i + 1} ({share:.0%} of variance)" for i, share in enumerate(self.explained)]
        return [f"{self.method} {i + 1}" for i in range(self.points.shape[1])]


def _check_matrix(matrix, dims) -> np.ndarray:
    matrix = validation.array(matrix, "matrix", finite=False)
    if matrix.ndim != 2:
        raise CourseError(f"matrix must be a 2-D matrix (words × dimensions), got shape "
                          f"{matrix.shape}")
    if not validation.is_whole_number(dims) or dims not in (2, 3):
        raise CourseError(f"dims is 2 or 3 (a picture), got {dims!r}")
    dims = int(validation._scalar(dims))
    if matrix.shape[0] < dims + 1:
        raise CourseError(f"matrix needs at least {dims + 1} words (rows) to project to "
                          f"{dims}-D, got {matrix.shape[0]}")
    if matrix.shape[1] < dims:
        raise CourseError(f"the vectors of matrix have {matrix.shape[1]} dimension(s): nothing "
                          f"to reduce to {dims}")
    if not np.isfinite(matrix).all():
        raise CourseError("the matrix contains NaN or infinite values: check how it was made "
                          "(a diverged training run?)")
    return matrix


@dataclass(frozen=True)
class PCABasis:
    """The PCA axes of some vectors; `transform` places other vectors in the same picture."""
    mean: np.ndarray            # (d,)
    components: np.ndarray      # (dims, d), unit rows
    explained: tuple

    def transform(self, matrix) -> np.ndarray:
        matrix = validation.array(matrix, "matrix")
        if matrix.ndim != 2 or matrix.shape[1] != self.mean.shape[0]:
            raise CourseError(f"expected vectors of {self.mean.shape[0]} dimensions, "
                              f"got shape {matrix.shape}")
        return (matrix - self.mean) @ self.components.T


def pca_basis(matrix, dims: int = 2) -> PCABasis:
    """The first `dims` principal axes (SVD of the centred matrix), with a deterministic sign."""
    matrix = _check_matrix(matrix, dims)
    mean = matrix.mean(axis=0)
    _, singular, components = np.linalg.svd(matrix - mean, full_matrices=False)
    components = components[:dims]
    # an axis and its mirror image explain the same variance; pick the one whose largest
    # loading is positive, so every run (and every library) draws the same picture
    largest = np.argmax(np.abs(components), axis=1)
    signs = np.where(components[np.arange(dims), largest] < 0, -1.0, 1.0)
    components = components * signs[:, None]
    variance = singular ** 2
    total = variance.sum()
    explained = tuple(float(v / total) for v in variance[:dims]) if total > 0 else (0.0,) * dims
    return PCABasis(mean, components, explained)


def pca(matrix, dims: int = 2) -> Projection:
    """Principal component analysis: the `dims` directions of largest variance."""
    basis = pca_basis(matrix, dims)
    return Projection(basis.transform(matrix), "PCA", basis.explained)


def tsne(matrix, dims: int = 2, perplexity: float | None = None, max_iter: int = 300,
         random_state: int = 0, progress: bool = True) -> Projection:
    """t-SNE (scikit-learn) with a fixed seed; a progress bar shows while it runs.

    `perplexity` (roughly: how many neighbours each point cares about) defaults to
    min(30, (n − 1) / 3). `max_iter` is kept small (300) so a few hundred words take ~1–3 s.
    """
    from sklearn.manifold import TSNE

    from .display import progress_bar

    matrix = _check_matrix(matrix, dims)
    n = matrix.shape[0]
    if perplexity is None:
        perplexity = max(1.0, min(30.0, (n - 1) / 3))
    perplexity = validation.number(perplexity, "perplexity")
    random_state = validation.seed(random_state, "random_state")
    if not 0 < perplexity < n:
        raise CourseError(f"perplexity must be between 0 and the number of words ({n}), "
                          f"got {perplexity}")
    if not validation.is_whole_number(max_iter) or max_iter < 250 or max_iter > 10_000:
        raise CourseError(f"max_iter must be a whole number from 250 (scikit-learn's minimum) "
                          f"to 10,000, got {max_iter!r}")
    with progress_bar(1, f"t-SNE of {n} words", show=progress):
        model = TSNE(n_components=dims, perplexity=perplexity, max_iter=int(max_iter),
                     init="pca", learning_rate="auto", random_state=random_state,
                     method="barnes_hut" if dims <= 3 else "exact")
        points = model.fit_transform(matrix.astype(np.float32))
    return Projection(np.asarray(points, dtype=np.float64), "t-SNE")


def project(matrix, method: str = "pca", dims: int = 2, progress: bool = True) -> Projection:
    """`pca` or `tsne` by name."""
    if not isinstance(method, str):
        raise CourseError(f"method is 'pca' or 't-sne', got {method!r}")
    name = method.strip().lower().replace("-", "").replace("_", "")
    if name == "pca":
        return pca(matrix, dims)
    if name == "tsne":
        return tsne(matrix, dims, progress=progress)
    raise CourseError(f"method is 'pca' or 't-sne', got {method!r}")
