"""Distances between sites and districts: great-circle distance and the user's road-distance
CSV (parsed and checked in full, each problem named by site and district names)."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from typing import NoReturn

import numpy as np
import pandas as pd

from planner.i18n import LANGS
from planner.siting.inputs import InputProblem, Names, SitingInputError, raise_if_any

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius [km] (IUGG)."""


def great_circle_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance by the haversine formula.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : array_like
        Coordinates [°]; broadcast against each other.

    Returns
    -------
    numpy.ndarray
        Distance [km].
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


# --------------------------------------------------------------------------------------------
# The road-distance CSV
# --------------------------------------------------------------------------------------------

MAX_CSV_BYTES = 2_000_000
"""Largest distance file accepted [bytes]: a matrix of every Kazakh district against a few
hundred sites is well under 1 MB."""

MAX_DISTANCE_KM = 5_000.0
"""Largest plausible road distance [km]: Kazakhstan spans about 3,000 km east to west."""

NO_ROAD = ("inf", "infinity", "∞")
"""Cell texts that mark a pair with no road (the district cannot be served from that site)."""

DELIMITERS = (",", ";", "\t")


def distance_csv_text(data: bytes | str) -> str:
    """The text of a distance CSV: UTF-8 (with or without a byte-order mark).

    Raises
    ------
    SitingInputError
        When the file is too large, UTF-16, binary or not UTF-8.
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if len(data) > MAX_CSV_BYTES:
        _fail("distances.too_large", size=float(len(data)), limit=float(MAX_CSV_BYTES))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail("distances.utf16")
    if b"\x00" in data:
        _fail("distances.binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _fail("distances.not_utf8", position=exc.start + 1)


def _fail(kind: str, **context) -> NoReturn:
    raise SitingInputError([InputProblem("distances", kind, context)])


def _delimiter(header: str) -> str:
    return max(DELIMITERS, key=header.count)


def _cell_km(text: str, decimal_comma: bool) -> float | None:
    """A cell's distance [km]: NaN when empty, ``inf`` for no road, ``None`` when not a number."""
    text = text.strip()
    if not text:
        return float("nan")
    if text.lower() in NO_ROAD:
        return float("inf")
    if decimal_comma:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def parse_distance_csv(data: bytes | str) -> pd.DataFrame:
    """Road distances [km] from a CSV: header ``site, <district id>, …``, then one row per site.

    Cells are numbers [km] (a decimal comma with ``;`` as separator), ``inf`` for no road, or
    empty (reported by :func:`check_distances`).  The values are checked against the scenario's
    sites and districts by :func:`check_distances`.

    Raises
    ------
    SitingInputError
        When the file is not a table of numbers: encoding, empty, only a header, rows of the
        wrong length, cells that are not numbers (every one, by row and column).
    """
    text = distance_csv_text(data)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        _fail("distances.empty")
    sep = _delimiter(lines[0])
    rows = list(csv.reader(lines, delimiter=sep))
    header = [cell.strip() for cell in rows[0]]
    if len(header) < 2:
        _fail("distances.no_columns")
    if len(rows) < 2:
        _fail("distances.header_only")
    problems, index, values = [], [], []
    for number_, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(
                InputProblem(
                    "distances",
                    "distances.row_length",
                    {"row": number_, "cells": len(row), "expected": len(header)},
                )
            )
            continue
        index.append(row[0].strip())
        cells = [_cell_km(c, sep == ";") for c in row[1:]]
        for column, (cell, km) in enumerate(zip(row[1:], cells, strict=True), start=1):
            if km is None:
                context = {"row": number_, "column": header[column], "value": cell.strip()[:40]}
                problems.append(InputProblem("distances", "distances.not_number", context))
        values.append([np.nan if km is None else km for km in cells])
    raise_if_any(problems)
    return pd.DataFrame(values, index=pd.Index(index, name=header[0]), columns=header[1:])


def check_distances(
    frame: pd.DataFrame,
    sites: Mapping[str, Mapping[str, str]],
    districts: Mapping[str, Mapping[str, str]],
) -> list[InputProblem]:
    """What is wrong with a distance matrix for these sites and districts.

    Parameters
    ----------
    frame : pandas.DataFrame
        Distances [km]: site ids as index, district ids as columns.
    sites, districts : Mapping
        Names (``{lang: name}``) by id of the sites (candidates and lines) and the districts.

    Returns
    -------
    list of InputProblem
        Duplicated site rows or district columns, unknown site or district ids, empty or NaN
        cells, negative distances and distances over :data:`MAX_DISTANCE_KM`, each naming the
        sites and districts; empty when the matrix can be used.
    """
    problems: list[InputProblem] = []
    index = [str(i) for i in frame.index]
    columns = [str(c) for c in frame.columns]
    if not index or not columns:
        return [InputProblem("distances", "distances.header_only")]

    def add(kind: str, ids: list[str], names: Mapping[str, Mapping[str, str]] | None) -> None:
        if ids:
            shown = Names.of(names[i] if names and i in names else i for i in ids)
            problems.append(InputProblem("distances", kind, {"names": shown}))

    add("distances.duplicate_sites", _duplicated(index), sites)
    add("distances.duplicate_districts", _duplicated(columns), districts)
    add("distances.unknown_sites", [i for i in dict.fromkeys(index) if i not in sites], None)
    add(
        "distances.unknown_districts",
        [c for c in dict.fromkeys(columns) if c not in districts],
        None,
    )
    if problems:
        return problems
    km = frame.to_numpy(dtype=float)
    for kind, mask in (
        ("distances.missing", np.isnan(km)),
        ("distances.negative", km < 0),
        ("distances.too_far", np.isfinite(km) & (km > MAX_DISTANCE_KM)),
    ):
        rows, cols = np.nonzero(mask)
        if len(rows):
            pairs = [
                {
                    lang: f"{sites[index[i]].get(lang, index[i])} → "
                    f"{districts[columns[j]].get(lang, columns[j])}"
                    for lang in LANGS
                }
                for i, j in zip(rows, cols, strict=True)
            ]
            context = {"pairs": Names.of(pairs), "limit": MAX_DISTANCE_KM}
            problems.append(InputProblem("distances", kind, context))
    return problems


def _duplicated(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    return list(dict.fromkeys(i for i in ids if i in seen or seen.add(i)))
