"""Where the bundled scenario files are: the data package ``msw_scenarios``.

``pyproject.toml`` maps that package to the top-level ``scenarios/`` folder, so the presets ship
inside the wheel and are found through :mod:`importlib.resources` after ``pip install .``;
in an editable install (``tasks.py``) the same lookup lands on the checkout's ``scenarios/``.
"""

from __future__ import annotations

import importlib.util
from importlib.resources import files
from pathlib import Path

DATA_PACKAGE = "msw_scenarios"
"""Import name of the data package that holds the bundled scenarios."""


def bundled_scenarios_dir() -> Path:
    """The folder of the bundled presets (``*.toml``) and baselines (``baseline/``).

    Returns
    -------
    pathlib.Path
        The installed data package's folder; when the project runs from a source tree that was
        never installed (``streamlit run app.py`` with the checkout on ``sys.path``), the
        checkout's ``scenarios/`` beside ``planner/``.
    """
    if importlib.util.find_spec(DATA_PACKAGE) is None:
        return Path(__file__).resolve().parent.parent / "scenarios"
    return Path(str(files(DATA_PACKAGE)))
