"""Every preset's CSVs and siting plans equal the golden snapshot (see ``golden_cases.py``):
text exactly, numbers to a relative 1e-12 (the last of 17 digits differs between machines
whose numpy sums in another order; such a difference is no change of the model)."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from golden_cases import GOLDEN, write_all


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("golden")
    return {p.name: p for p in write_all(folder)}


def _golden_names() -> list[str]:
    return sorted(p.name.removesuffix(".gz") for p in GOLDEN.glob("*.csv.gz"))


def test_golden_set_is_complete(fresh: dict[str, Path]) -> None:
    assert sorted(fresh) == _golden_names()
    assert len(fresh) >= 36


@pytest.mark.parametrize("name", _golden_names())
def test_file_matches_golden(fresh: dict[str, Path], name: str) -> None:
    expected_bytes = gzip.decompress((GOLDEN / f"{name}.gz").read_bytes())
    actual_bytes = fresh[name].read_bytes()
    if actual_bytes == expected_bytes:
        return
    expected = pd.read_csv(io.BytesIO(expected_bytes), keep_default_na=False)
    actual = pd.read_csv(io.BytesIO(actual_bytes), keep_default_na=False)
    assert list(actual.columns) == list(expected.columns), name
    assert len(actual) == len(expected), name
    for column in expected.columns:
        e, a = expected[column], actual[column]
        if pd.api.types.is_numeric_dtype(e) and pd.api.types.is_numeric_dtype(a):
            np.testing.assert_allclose(
                a.to_numpy(float), e.to_numpy(float), rtol=1e-12, atol=1e-9, err_msg=name
            )
        else:  # text, or numbers beside blanks ("value", "years_left"): each cell on its own
            e_num = pd.to_numeric(e, errors="coerce")
            a_num = pd.to_numeric(a, errors="coerce")
            both = e_num.notna() & a_num.notna()
            np.testing.assert_allclose(
                a_num[both].to_numpy(float),
                e_num[both].to_numpy(float),
                rtol=1e-12,
                atol=1e-9,
                err_msg=f"{name}: {column}",
            )
            text = ~both
            assert (a[text].astype(str) == e[text].astype(str)).all(), (name, column)
