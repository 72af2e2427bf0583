"""The exact transportation LP of one open set (HiGHS via scipy's ``linprog``).

Given the open facilities, the cheapest flow that serves every customer is a
transportation problem; :func:`solve_transport` solves it by column generation
from each customer's nearest open facilities, so the flow is optimal over all
allowed pairs. The Lagrangian heuristic and the K-nearest method price every
open set they consider with it.

Only numpy, scipy and the standard library are used (no UI imports).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from planner.siting.problem import SitingSolveError

#: Nearest open facilities per customer in the first restricted transportation LP.
_TRANSPORT_K = 5
#: Pricing rounds of the restricted transportation LP before the full LP is solved.
_TRANSPORT_ROUNDS = 8


@dataclass(frozen=True, eq=False)
class Transport:
    """Optimal transportation plan for one open set (internal)."""

    cost: float  # transport cost [cost units]
    flow: np.ndarray  # [k x n] t, rows = open facilities in index order
    v: np.ndarray  # [n] demand duals [cost units / t]
    u: np.ndarray  # [k] capacity prices >= 0 [cost units / t]
    support: np.ndarray  # bool [k x n] columns of the last LP
    n_cols: int
    n_rows: int


def _transport_lp(c: np.ndarray, s: np.ndarray, d: np.ndarray, mask: np.ndarray):
    """``min sum c x`` over the pairs in ``mask`` s.t. demand met, capacity kept."""
    k, n = c.shape
    rows, cols = np.nonzero(mask)
    p = rows.size
    col = np.arange(p)
    a_eq = sp.csr_array((np.ones(p), (cols, col)), shape=(n, p))
    a_ub = sp.csr_array((np.ones(p), (rows, col)), shape=(k, p))
    res = linprog(
        c[rows, cols], A_ub=a_ub, b_ub=s, A_eq=a_eq, b_eq=d, bounds=(0, None), method="highs"
    )
    return res, rows, cols


def solve_transport(
    c: np.ndarray, s: np.ndarray, d: np.ndarray, hint: np.ndarray | None = None
) -> Transport | None:
    """Exact transportation problem of an open set by column generation.

    ``c`` [k x n] unit costs of the open facilities (``inf`` = forbidden),
    ``s`` [k] capacities, ``d`` [n] demands (all positive). Starts from each
    customer's ``_TRANSPORT_K`` cheapest open facilities (plus ``hint``, e.g.
    the previous plan's support) and adds every pair with negative reduced cost
    ``c_ij + u_i - v_j`` until none is left, so the result is the optimum of the
    full transportation LP. Returns ``None`` if the open set cannot serve ``d``.
    """
    k, n = c.shape
    finite = np.isfinite(c)
    if float(s.sum()) < float(d.sum()) * (1 - 1e-12) or not finite.any(axis=0).all():
        return None
    kk = min(_TRANSPORT_K, k)
    mask = np.zeros((k, n), dtype=bool)
    near = np.argpartition(c, kk - 1, axis=0)[:kk] if kk < k else np.arange(k)[:, None]
    mask[near, np.arange(n)[None, :]] = True
    if hint is not None:
        mask |= hint
    mask &= finite
    for attempt in range(_TRANSPORT_ROUNDS + 1):
        if attempt == _TRANSPORT_ROUNDS:
            mask = finite.copy()
        res, rows, cols = _transport_lp(c, s, d, mask)
        if res.status == 2:  # the restricted pairs cannot carry the demand
            if mask.sum() == finite.sum():
                return None
            mask = finite.copy()
            continue
        if res.status != 0:
            raise SitingSolveError(f"transportation LP failed: {res.message}")
        v = np.asarray(res.eqlin.marginals)
        u = np.maximum(-np.asarray(res.ineqlin.marginals), 0.0)
        with np.errstate(invalid="ignore"):
            rc = c + u[:, None] - v[None, :]
        tol = 1e-9 * np.maximum(1.0, np.abs(v))[None, :]
        price = finite & ~mask & (rc < -tol)
        if not price.any():
            flow = np.zeros((k, n))
            flow[rows, cols] = np.clip(res.x, 0.0, None)
            flow = _fix_demand(flow, d)
            cost = float((c[rows, cols] * flow[rows, cols]).sum())
            return Transport(cost, flow, v, u, mask, int(rows.size), k + n)
        mask |= price
    raise SitingSolveError("transportation LP did not converge")  # pragma: no cover


def _fix_demand(flow: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Rescale each column so it sums to ``d_j`` exactly (HiGHS rounding only)."""
    got = flow.sum(axis=0)
    return flow * np.divide(d, got, out=np.ones_like(d), where=got > 0)[None, :]
