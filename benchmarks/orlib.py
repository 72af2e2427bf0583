"""Reader for the OR-Library capacitated warehouse location instances (``cap``).

Beasley's ``cap`` files (see ``tests/data/orlib-cap/README.md``) list, for
each customer, its demand ``d_j`` and the cost ``c_ij`` of serving **all** of
``d_j`` from facility ``i``. :func:`solve_cflp <planner.siting.solve_cflp>` wants
a cost per tonne, so :attr:`CapInstance.unit_cost` is ``c_ij / d_j`` (zero for a
zero-demand customer, whose flow is always zero).

``capa``, ``capb`` and ``capc`` contain the literal word ``capacity`` instead of
numbers; each file stands for four problems (:data:`CAPACITY_VALUES`).

Benchmark tooling, not part of the model package: the tests and the benchmarks
import it as ``benchmarks.orlib`` (the repository root on ``sys.path``).

Data location (:func:`orlib_cap_dir`): the copy vendored in
``<repo>/tests/data/orlib-cap`` (:data:`VENDORED_DIR`, all 49 problems), or
``$MSW_SHARED_DIR/benchmarks/orlib-cap`` when that variable is set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "CAPACITY_VALUES",
    "CapInstance",
    "OrlibProblem",
    "iter_problems",
    "load_problem",
    "orlib_cap_dir",
    "parse_cap",
    "parse_capopt",
    "VENDORED_DIR",
]

REPO_ROOT = Path(__file__).resolve().parents[1]

#: The OR-Library files vendored for the tests (all 40 files and ``capopt.txt``).
VENDORED_DIR = REPO_ROOT / "tests" / "data" / "orlib-cap"

#: Capacities standing in for the word ``capacity`` (Beasley 1988, Table 1) [t].
CAPACITY_VALUES: dict[str, tuple[float, ...]] = {
    "capa": (8000.0, 10000.0, 12000.0, 14000.0),
    "capb": (5000.0, 6000.0, 7000.0, 8000.0),
    "capc": (5000.0, 5750.0, 6500.0, 7250.0),
}

_CAPACITY_WORD = "capacity"


def orlib_cap_dir() -> Path:
    """Folder holding ``cap41.txt`` ... ``capc.txt`` and ``capopt.txt``: the copy vendored in
    the repository (:data:`VENDORED_DIR`), or ``$MSW_SHARED_DIR/benchmarks/orlib-cap`` when
    that variable names another copy on purpose (nothing outside the repository is read
    otherwise)."""
    env = os.environ.get("MSW_SHARED_DIR")
    return Path(env) / "benchmarks" / "orlib-cap" if env else VENDORED_DIR


@dataclass(frozen=True, eq=False)
class CapInstance:
    """One OR-Library ``cap`` problem.

    Attributes
    ----------
    name : str
        Problem name, e.g. ``"cap41"`` or ``"capa-8000"``.
    capacity : numpy.ndarray
        Facility capacities, shape [m] [t].
    fixed_cost : numpy.ndarray
        Fixed opening costs, shape [m] [cost units].
    demand : numpy.ndarray
        Customer demands, shape [n] [t].
    allocation_cost : numpy.ndarray
        ``c_ij`` as in the file: cost of serving all of customer j from
        facility i, shape [m x n] [cost units].
    """

    name: str
    capacity: np.ndarray
    fixed_cost: np.ndarray
    demand: np.ndarray
    allocation_cost: np.ndarray

    @property
    def m(self) -> int:
        """Number of candidate facilities [-]."""
        return self.capacity.shape[0]

    @property
    def n(self) -> int:
        """Number of customers [-]."""
        return self.demand.shape[0]

    @property
    def unit_cost(self) -> np.ndarray:
        """Cost per tonne ``c_ij / d_j``, shape [m x n] [cost units / t].

        Zero-demand customers get a unit cost of 0 (they never receive flow).
        """
        d = self.demand
        safe = np.where(d > 0, d, 1.0)
        return np.where(d[None, :] > 0, self.allocation_cost / safe[None, :], 0.0)


def _tokens(text: str) -> list[str]:
    return text.split()


def _number(token: str, what: str) -> float:
    try:
        return float(token)
    except ValueError:
        raise ValueError(f"expected a number for {what}, got {token!r}") from None


def parse_cap(text: str, *, capacity: float | None = None, name: str = "cap") -> CapInstance:
    """Parse the text of an OR-Library ``cap`` file.

    Parameters
    ----------
    text : str
        File contents (whitespace-separated tokens; line layout is irrelevant).
    capacity : float, optional
        Value replacing the word ``capacity`` (``capa``/``capb``/``capc``) [t].
        Required if and only if the file contains that word.
    name : str, optional
        Name stored on the instance.

    Returns
    -------
    CapInstance
        Parsed problem.

    Raises
    ------
    ValueError
        On a wrong token count, a non-numeric token, or a missing/unexpected
        ``capacity`` value.
    """
    tok = _tokens(text)
    if len(tok) < 2:
        raise ValueError("cap file is empty or truncated: missing 'm n' header")
    m = int(_number(tok[0], "m"))
    n = int(_number(tok[1], "n"))
    expected = 2 + 2 * m + n * (1 + m)
    if len(tok) != expected:
        raise ValueError(f"cap file with m={m}, n={n} needs {expected} tokens, got {len(tok)}")
    fac = tok[2 : 2 + 2 * m]
    has_word = any(t.lower() == _CAPACITY_WORD for t in fac[0::2])
    if has_word and capacity is None:
        raise ValueError("file uses the word 'capacity': pass capacity=<value> (see README)")
    if not has_word and capacity is not None:
        raise ValueError("file has numeric capacities; capacity= must not be given")
    caps = [
        float(capacity) if t.lower() == _CAPACITY_WORD else _number(t, f"capacity {k}")
        for k, t in enumerate(fac[0::2])
    ]
    fixed = [_number(t, f"fixed cost {k}") for k, t in enumerate(fac[1::2])]
    body = np.array([_number(t, "customer data") for t in tok[2 + 2 * m :]], dtype=float)
    body = body.reshape(n, 1 + m)
    return CapInstance(
        name=name,
        capacity=np.array(caps, dtype=float),
        fixed_cost=np.array(fixed, dtype=float),
        demand=body[:, 0].copy(),
        allocation_cost=body[:, 1:].T.copy(),
    )


_OPT_LINE = re.compile(
    r"^\s*(?P<name>cap\w+)?\s+(?P<value>\d+\.?\d*)\s*(\(capacity\s+(?P<cap>\d+)\))?\s*$"
)


def parse_capopt(text: str) -> dict[str, float]:
    """Parse ``capopt.txt`` into ``{problem name: optimal value}``.

    Problems from ``capa``/``capb``/``capc`` are keyed ``"capa-8000"`` etc.

    Parameters
    ----------
    text : str
        Contents of ``capopt.txt``.

    Returns
    -------
    dict of str to float
        Optimal objective values [cost units].
    """
    out: dict[str, float] = {}
    current = None
    for line in text.splitlines():
        hit = _OPT_LINE.match(line)
        if hit is None:
            continue
        if hit["name"]:
            current = hit["name"]
        if current is None:
            continue
        key = f"{current}-{hit['cap']}" if hit["cap"] else current
        out[key] = float(hit["value"])
    return out


@dataclass(frozen=True)
class OrlibProblem:
    """Reference to one of the 49 problems: file stem and optional capacity."""

    file_stem: str
    capacity: float | None = None

    @property
    def name(self) -> str:
        """``"cap41"`` or ``"capa-8000"``."""
        if self.capacity is None:
            return self.file_stem
        return f"{self.file_stem}-{int(self.capacity)}"


def iter_problems(folder: Path | None = None) -> Iterator[OrlibProblem]:
    """Yield the 49 problems in ``capopt.txt`` order (37 small + 3 x 4 large).

    Only files present in ``folder`` are yielded.
    """
    folder = orlib_cap_dir() if folder is None else folder
    small = sorted(
        (p.stem for p in folder.glob("cap[0-9]*.txt")),
        key=lambda s: (len(s), s),
    )
    for stem in small:
        yield OrlibProblem(stem)
    for stem, values in CAPACITY_VALUES.items():
        if (folder / f"{stem}.txt").exists():
            for value in values:
                yield OrlibProblem(stem, value)


def load_problem(problem: OrlibProblem | str, folder: Path | None = None) -> CapInstance:
    """Read one problem, e.g. ``load_problem("cap41")`` or ``load_problem("capa-8000")``."""
    if isinstance(problem, str):
        stem, _, cap = problem.partition("-")
        problem = OrlibProblem(stem, float(cap) if cap else None)
    folder = orlib_cap_dir() if folder is None else folder
    text = (folder / f"{problem.file_stem}.txt").read_text()
    return parse_cap(text, capacity=problem.capacity, name=problem.name)
