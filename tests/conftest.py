"""Shared fixtures: small hand-checkable scenarios built from plain dicts."""

from __future__ import annotations

import atexit
import copy
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from planner.io import scenario_from_dict
from planner.schema import Scenario

ROOT = Path(__file__).resolve().parent.parent

# In CI property tests draw the same examples every run (a red CI is then reproducible);
# locally they explore new ones each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ZERO = {
    m: 0.0
    for m in ("organics", "paper", "plastics", "glass", "metals", "textiles", "wood", "other")
}


def per_material(**values: float) -> dict[str, float]:
    """A full per-material table: the given values, 0 elsewhere."""
    return {**ZERO, **values}


def one_district_data() -> dict[str, Any]:
    """One district, 1000 residents × 0.5 t = 500 t/yr, 80 % collected, one sorting line.

    Composition: organics 0.5, paper 0.2, plastics/glass/metals 0.1 each.
    """
    return {
        "id": "one",
        "name": {"ru": "Один", "kk": "Бір", "en": "One"},
        "end_year": 2027,
        "baseline": {
            "id": "tiny",
            "name": {"ru": "Т", "kk": "Т", "en": "T"},
            "base_year": 2025,
            "parameters": {
                "recovery_mixed": per_material(paper=0.5, plastics=0.5),
                "recovery_separate": per_material(paper=0.75),
                "composting_yield": per_material(organics=0.8),
                "participation": {2025: 0.5},
                "capture": per_material(paper=0.5),
                "landfill_ban_year": {"metals": 2016, "organics": 2030},
                "target_processing_share": {2030: 0.4},
            },
            "regions": [
                {
                    "id": "r",
                    "name": {"ru": "Р", "kk": "Р", "en": "R"},
                    "composition": per_material(
                        organics=0.5, paper=0.2, plastics=0.1, glass=0.1, metals=0.1
                    ),
                    "districts": [
                        {
                            "id": "d",
                            "kind": "city",
                            "name": {"ru": "Д", "kk": "Д", "en": "D"},
                            "lat": 50.0,
                            "lon": 80.0,
                            "population": 1000,
                            "population_year": 2025,
                            "population_growth_per_yr": 0.0,
                            "generation_t_per_cap_yr": 0.5,
                            "generation_growth_per_yr": 0.0,
                            "collection_coverage": 0.8,
                        }
                    ],
                    "landfills": [
                        {
                            "id": "lf",
                            "name": {"ru": "П", "kk": "П", "en": "L"},
                            "lat": 50.0,
                            "lon": 80.1,
                            "districts_served": ["d"],
                            "type": "controlled",
                            "remaining_capacity_t": 1000,
                        }
                    ],
                    "sorting_lines": [
                        {
                            "id": "sl",
                            "name": {"ru": "С", "kk": "С", "en": "S"},
                            "lat": 50.0,
                            "lon": 80.0,
                            "districts_served": ["d"],
                            "capacity_t_per_yr": 210,
                        }
                    ],
                }
            ],
        },
    }


def build(data: dict[str, Any]) -> Scenario:
    """Validate a scenario dict (baseline inline)."""
    return scenario_from_dict(copy.deepcopy(data), "test.toml")


@pytest.fixture
def one_district() -> dict[str, Any]:
    """The one-district scenario as a dict, to modify in a test."""
    return one_district_data()


# The app's store (seminar room, saved variants) writes to a temporary data folder in tests,
# never to the developer's own data folder or database.
os.environ["MSW_PLANNER_DATA_DIR"] = tempfile.mkdtemp(prefix="msw-data-")
os.environ.pop("MSW_PLANNER_DATABASE_URL", None)
atexit.register(shutil.rmtree, os.environ["MSW_PLANNER_DATA_DIR"], True)


def unavailable(reason: str) -> None:
    """Skip with ``reason`` — or fail when ``CI`` is set: CI must run every test."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this test may not be skipped)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a PostgreSQL server for the storage tests: ``MSW_PLANNER_TEST_DATABASE_URL``,
    else a throwaway cluster (``initdb`` + ``pg_ctl``, see ``tests/pg_server.py``); skipped
    with the reason when neither is available (a failure in CI)."""
    from tests import pg_server

    named = os.environ.get(pg_server.ENV_TEST_URL)
    if named:
        yield named
        return
    try:
        cluster = pg_server.start_cluster()
    except FileNotFoundError as exc:
        unavailable(str(exc))
    try:
        yield cluster.url
    finally:
        cluster.stop()


def _fresh_database(server_url: str) -> tuple[str, object]:
    """A new, empty database on the server: ``(its URL, a function that drops it)``."""
    import secrets

    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    name = "msw_test_" + secrets.token_hex(6)
    params = {"host": url.host, "port": url.port, "user": url.username, "dbname": url.database}
    if url.password:
        params["password"] = url.password
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(**params, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture
def database_url(request, tmp_path) -> Iterator[str]:
    """URL of an empty database: a new SQLite file, or a new database on the PostgreSQL test
    server when the test is parametrised with ``postgresql`` (``indirect``)."""
    kind = getattr(request, "param", "sqlite")
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    url, drop = _fresh_database(request.getfixturevalue("postgres_server"))
    try:
        yield url
    finally:
        drop()


BACKENDS = pytest.mark.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)
"""Run a storage test on embedded SQLite and on PostgreSQL."""
