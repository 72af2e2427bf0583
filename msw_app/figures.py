"""Plotly figures shared by every session of the server, and the keys they are kept under.

:class:`FigureStore` keeps the figures (the process's one store is
:func:`msw_app.compute.figure_store`, the home of the app's caches); :class:`SharedFigure` is
a kept figure, read-only, whose dict for ``st.plotly_chart`` is made once; :func:`fingerprint`
reduces a builder's arguments (frames, scenarios, numbers, strings) to a key.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from pydantic import BaseModel

MAX_SHARED_FIGURES = 256
"""Figures the process keeps for all sessions (the newest; a map is a few hundred kB)."""


class FigureStore:
    """Plotly figures shared by all sessions, keyed by what they are built from.

    Building a Plotly figure validates every property it is given (tens of milliseconds a
    chart; a map several hundred), and a pickled copy (what Streamlit's data cache hands
    out) costs as much to restore, so the store keeps the figure objects themselves, the
    :data:`MAX_SHARED_FIGURES` used last.  Thirty participants looking at the same preset
    then cost one figure, not thirty.  A shared figure is **read-only**: it carries its source
    line from the start (:func:`with_source`), and :func:`msw_app.charts.show` only reads it
    (``st.plotly_chart`` copies it into its message); a test renders every page and checks
    that no figure in the store changed.  A key holds everything the figure shows (the
    builder, its arguments' :func:`fingerprint`, the scenario label, language and day of the
    source line), so a session is only ever handed a figure of data it asked for.
    """

    def __init__(self, max_figures: int = MAX_SHARED_FIGURES) -> None:
        self._figures: dict[Hashable, go.Figure] = {}
        self._lock = threading.Lock()
        self._max = max_figures

    def __len__(self) -> int:
        return len(self._figures)

    def clear(self) -> None:
        """Forget every figure (the next request of each builds it again)."""
        with self._lock:
            self._figures.clear()

    def figures(self) -> list[go.Figure]:
        """The figures kept now (oldest first)."""
        with self._lock:
            return list(self._figures.values())

    def get_or_build(self, key: Hashable, build: Callable[[], go.Figure]) -> go.Figure:
        """The figure kept under ``key``, else ``build()`` kept under it (built outside the
        lock: two sessions asking at once may both build, and the later one is kept)."""
        with self._lock:
            figure = self._figures.pop(key, None)
            if figure is not None:
                self._figures[key] = figure  # newest last
                return figure
        figure = shared(build())
        with self._lock:
            self._figures[key] = figure
            while len(self._figures) > self._max:
                self._figures.pop(next(iter(self._figures)))
        return figure


class SharedFigure(go.Figure):
    """A figure of the :class:`FigureStore` (read-only): its dict, which ``st.plotly_chart``
    serialises on every rerun, is made once.

    ``BaseFigure.to_dict`` deep-copies the figure and encodes every array as base64 (about
    1 ms a chart, 3 ms of the Overview's 20 ms rerun); a shared figure never changes, so the
    first dict serves every later rerun of every session.  Nothing may change the dict either:
    ``st.plotly_chart`` only reads it (``plotly.io.to_json``), and the test that draws every
    chart page checks the figures and their dicts against their JSON when built.
    """

    def to_dict(self) -> dict[str, Any]:
        """The figure as a dict, made on the first call (``go.Figure.to_dict``), then kept."""
        made = self.__dict__.get("_msw_dict")
        if made is None:
            made = self.__dict__["_msw_dict"] = super().to_dict()
        return made


def shared(figure: go.Figure) -> go.Figure:
    """``figure`` as a :class:`SharedFigure` (the same object; a plain ``go.Figure`` only)."""
    if type(figure) is go.Figure:
        figure.__class__ = SharedFigure
    return figure


class NoFingerprint(TypeError):
    """An argument :func:`fingerprint` cannot reduce to a key."""


def fingerprint(value: Any) -> Hashable:
    """A hashable key that is equal for equal contents: numbers, text and ``None`` as they
    are; tuples, lists and dicts element by element; a pandas frame or series by its
    columns, dtypes, index and a SHA-1 of its values (:func:`pandas.util.hash_pandas_object`);
    a pydantic model by its JSON.

    Raises :class:`NoFingerprint` for anything else (the figure is then built every time)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, tuple | list):
        return tuple(fingerprint(v) for v in value)
    if isinstance(value, dict):
        return tuple((fingerprint(k), fingerprint(v)) for k, v in value.items())
    if isinstance(value, pd.DataFrame | pd.Series):
        try:
            cells = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        except TypeError as exc:  # unhashable cells (lists, dicts)
            raise NoFingerprint(type(value).__name__) from exc
        if isinstance(value, pd.DataFrame):
            layout = (tuple(map(str, value.columns)), tuple(map(str, value.dtypes)))
        else:
            layout = (str(value.name), str(value.dtype))
        return (type(value).__name__, layout, hashlib.sha1(cells).hexdigest())
    if isinstance(value, BaseModel):
        return (type(value).__name__, value.model_dump_json())
    raise NoFingerprint(type(value).__name__)
