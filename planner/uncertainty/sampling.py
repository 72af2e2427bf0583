"""Seeded quasi-random draws of the uncertain inputs.

Points of the unit cube come from :mod:`scipy.stats.qmc` (a Latin hypercube whose columns are
seeded by each input's path, or a scrambled Sobol sequence), one column per input; each column
is mapped through its distribution's inverse cumulative distribution (``ppf``) onto
``[low, high]``:

- ``uniform`` — flat on ``[low, high]``;
- ``triangular`` — peaked at the default (the mode), zero at both bounds;
- ``pert`` — the beta-PERT of ``low``, mode and ``high``: a beta with shapes
  ``1 + 4 (mode − low) / (high − low)`` and ``1 + 4 (high − mode) / (high − low)``.

A collapsed range (``low == high``) gives its default in every draw.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from planner.uncertainty.inputs import UncertainInput

FloatArray = NDArray[np.float64]

Method = Literal["lhs", "sobol"]
"""``lhs`` (Latin hypercube, one column per input seeded by the input's path, the default) or
``sobol`` (a scrambled Sobol sequence over all inputs at once)."""


def _key_seed(seed: int, key: str) -> np.random.SeedSequence:
    """The seed of one input's column: the run's seed and a stable hash of its path."""
    return np.random.SeedSequence([seed, zlib.crc32(key.encode("utf-8"))])


def unit_points(n_draws: int, keys: Sequence[str], seed: int, method: Method = "lhs") -> FloatArray:
    """Seeded points of the unit cube ``[draw, input]`` [-], in (0, 1).

    With ``lhs`` each input's column is a one-dimensional Latin hypercube
    (:func:`latin_hypercube_1d`, that of :mod:`scipy.stats.qmc`) seeded by the seed and the
    input's path: an input gets the same
    draws whichever other inputs are sampled with it (adding a scenario to a comparison
    does not change the draws of the others), and the columns together form a Latin
    hypercube.  With ``sobol`` the points are a scrambled Sobol sequence of all the inputs.

    Parameters
    ----------
    n_draws : int
        Number of draws (Sobol balance is best at a power of two).
    keys : sequence of str
        The inputs' paths (one column each).
    seed : int
        Seed: the same seed gives the same points.
    method : {"lhs", "sobol"}
        The sampler.
    """
    if not keys:
        return np.zeros((n_draws, 0))
    if method == "sobol":
        from scipy.stats import qmc  # on first use: SciPy's statistics take 0.5 s to import

        sampler = qmc.Sobol(d=len(keys), scramble=True, seed=seed)
        points = sampler.random(1 << max(0, (n_draws - 1).bit_length()))[:n_draws]
    else:
        points = np.column_stack([latin_hypercube_1d(n_draws, _key_seed(seed, k)) for k in keys])
    return np.clip(points, 1e-12, 1 - 1e-12)


def latin_hypercube_1d(n_draws: int, seed: np.random.SeedSequence) -> FloatArray:
    """A one-dimensional Latin hypercube of ``n_draws`` points ``[draw]`` [-], in [0, 1).

    The points of ``scipy.stats.qmc.LatinHypercube(d=1, seed=numpy.random.default_rng(seed))
    .random(n_draws)[:, 0]``, bit for bit (tested), without importing SciPy's statistics
    (half a second): that sampler spawns one child of the generator it is given, draws one
    uniform offset per point, shuffles the strata ``1 … n_draws`` and returns
    ``(stratum − offset) / n_draws``.

    Parameters
    ----------
    n_draws : int
        Number of points.
    seed : numpy.random.SeedSequence
        The column's seed.
    """
    rng = np.random.Generator(np.random.PCG64(seed.spawn(1)[0]))
    offsets = rng.uniform(size=n_draws)
    strata = np.arange(1, n_draws + 1)
    rng.shuffle(strata)
    return (strata - offsets) / n_draws


def ppf(u: FloatArray, low: float, mode: float, high: float, distribution: str) -> FloatArray:
    """Values of one input for unit points ``u`` (the inverse CDF) [the input's unit].

    Parameters
    ----------
    u : numpy.ndarray
        Points in (0, 1).
    low, mode, high : float
        Bounds and mode (the default); ``low ≤ mode ≤ high``.
    distribution : str
        ``uniform``, ``triangular`` or ``pert``.
    """
    width = high - low
    if width <= 0:
        return np.full(np.shape(u), float(mode))
    if distribution == "uniform":
        return low + width * np.asarray(u)
    if distribution == "triangular":
        return triangular_ppf(np.asarray(u, dtype=float), low, mode, high)
    if distribution == "pert":
        a = 1 + 4 * (mode - low) / width
        b = 1 + 4 * (high - mode) / width
        from scipy import stats

        return stats.beta.ppf(u, a, b, loc=low, scale=width)
    raise ValueError(f"unknown distribution {distribution!r}")


def triangular_ppf(u: FloatArray, low: float, mode: float, high: float) -> FloatArray:
    """Inverse CDF of the triangular distribution (closed form; equals
    ``scipy.stats.triang.ppf``, tested) [the input's unit]."""
    width = high - low
    c = (mode - low) / width
    rising = low + np.sqrt(u * width * (mode - low))
    falling = high - np.sqrt((1.0 - u) * width * (high - mode))
    return np.where(u < c, rising, falling)


def input_values(inputs: Sequence[UncertainInput], u: FloatArray) -> FloatArray:
    """Values ``[draw, input]`` of the inputs for unit points ``u`` ``[draw, input]``."""
    columns = [ppf(u[:, k], i.low, i.default, i.high, i.distribution) for k, i in enumerate(inputs)]
    return np.column_stack(columns) if columns else np.zeros((u.shape[0], 0))


def sample(
    inputs: Sequence[UncertainInput], n_draws: int, seed: int, method: Method = "lhs"
) -> FloatArray:
    """Seeded draws ``[draw, input]`` of every uncertain input [each input's unit]."""
    return input_values(inputs, unit_points(n_draws, [u.key for u in inputs], seed, method))


def defaults(inputs: Sequence[UncertainInput]) -> FloatArray:
    """The defaults as one draw ``[1, input]``."""
    return np.array([[i.default for i in inputs]], dtype=float).reshape(1, len(inputs))
