"""Names of the Data page's downloads and the command line that reads them (no Streamlit)."""

from __future__ import annotations

import re

from planner.schema import Scenario

CLI_PYTHON = ".venv/bin/python"
"""The interpreter the README's set-up creates (``python3 tasks.py test`` makes ``.venv``);
a bare ``python`` may be missing, or lack the planner's packages."""

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def scenario_file_name(scenario: Scenario) -> str:
    """File name of a scenario's JSON download: ``<id>.json`` (an id is already safe; any
    other character becomes ``_``), the name :func:`cli_command` uses."""
    return (_UNSAFE.sub("_", scenario.id) or "scenario") + ".json"


def cli_command(file_name: str) -> str:
    """The command that projects a downloaded scenario file from the project folder, as
    written: ``.venv/bin/python -m planner run <file> --out flows.csv --kpis kpis.csv``."""
    return f"{CLI_PYTHON} -m planner run {file_name} --out flows.csv --kpis kpis.csv"
