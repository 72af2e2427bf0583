"""``python -m planner uncertainty``: the tidy CSV contract, probabilities as rows, the tornado
CSV, and translated errors like every other command."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.cli import main
from planner.uncertainty.ensemble import KPIS, QUANTILES
from planner.uncertainty.sensitivity import TORNADO_COLUMNS
from planner.uncertainty.tables import UNCERTAINTY_COLUMNS


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("unc") / "q.csv"
    args = ["02_announced_projects", "target_40_2030", "--draws", "64", "--out", str(out)]
    code = main(["uncertainty", *args])
    return code, pd.read_csv(out, keep_default_na=False)


def test_the_quantile_csv_has_the_documented_columns_and_rows(written):
    code, table = written
    assert code == 0
    assert list(table.columns) == UNCERTAINTY_COLUMNS
    quantiles = table[table["quantile"].isin(list(QUANTILES))]
    assert set(quantiles["kpi"]) == set(KPIS)
    assert set(quantiles["region"]) == {"abai", "ulytau"}
    assert set(quantiles["scenario"]) == {"announced", "target_40_2030"}
    one = quantiles[(quantiles["kpi"] == "processing_share") & (quantiles["year"] == 2030)]
    assert len(one) == 2 * 2 * len(QUANTILES)
    levelised = quantiles[quantiles["kpi"] == "levelised_cost_of_diversion_kzt_per_t"]
    assert set(levelised["year"]) == {2050}


def test_probabilities_are_rows_of_their_own(written):
    _, table = written
    met = table[table["kpi"] == "target_met"]
    assert set(met["quantile"]) == {"probability"}
    assert set(met["year"]) == {2030, 2050}
    assert len(met) == 2 * 2 * 2
    assert met["value"].astype(float).between(0, 1).all()
    beats = table[table["quantile"].str.startswith("p_beats:")]
    assert set(beats["quantile"]) == {"p_beats:announced", "p_beats:target_40_2030"}


def test_the_tornado_csv(tmp_path):
    out, path = tmp_path / "q.csv", tmp_path / "t.csv"
    assert (
        main(["uncertainty", "bau", "--draws", "8", "--out", str(out), "--sensitivity", str(path)])
        == 0
    )
    tornado = pd.read_csv(path)
    assert list(tornado.columns) == TORNADO_COLUMNS
    assert set(tornado["kpi"]) == {"processing_share", "recycling_rate"}  # bau is the reference
    assert (tornado["swing"] > 0).all()


def test_the_chance_is_printed_in_the_language(tmp_path, capsys):
    out = tmp_path / "q.csv"
    assert main(["--lang", "ru", "uncertainty", "bau", "--draws", "8", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "bau: abai, 2030 — вероятность выполнить национальную цель" in text


def test_errors_are_translated(tmp_path, capsys):
    out = tmp_path / "q.csv"
    assert main(["--lang", "kk", "uncertainty", "bau", "--draws", "0", "--out", str(out)]) == 2
    assert "кемінде 1" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n', encoding="utf-8")
    assert main(["--lang", "ru", "uncertainty", str(bad), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err and "Traceback" not in err and not out.exists()
