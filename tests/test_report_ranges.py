"""The report's ranges over the uncertain inputs (planner.report.ranges): the PDF and the
workbook state the figures ``python -m planner uncertainty`` writes for the same scenarios,
draws and seed, in every language; ``--draws 0`` gives a report without them."""

from __future__ import annotations

import io
import math
import re

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

import planner
from planner.cli import main
from planner.i18n import LANGS, percent
from planner.report import ScenarioInput, report_content, report_data
from planner.report.content import range_value, region_name, text
from planner.report.pdf import render_pdf
from planner.report.ranges import RANGE_KPIS, REPORT_DRAWS, REPORT_SEED
from planner.report.xlsx import render_xlsx

PRESETS = ("bau", "announced", "separate_collection", "target_40_2030")
DRAWS, SEED = 48, 7
"""Fewer draws than the default, and another seed: the test is about equality, not precision."""


def squashed(value: str) -> str:
    return re.sub(r"\s+", "", value)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def presets():
    return planner.load_presets()


@pytest.fixture(scope="module")
def data(presets):
    inputs = [ScenarioInput.from_json(presets[s]) for s in PRESETS]
    return report_data(inputs, "bau", draws=DRAWS, seed=SEED)


@pytest.fixture(scope="module")
def uncertainty_csv(tmp_path_factory):
    """The CSV of ``python -m planner uncertainty`` for the same scenarios, draws and seed."""
    out = tmp_path_factory.mktemp("unc") / "q.csv"
    args = ["uncertainty", *PRESETS, "--draws", str(DRAWS), "--seed", str(SEED), "--out"]
    assert main([*args, str(out)]) == 0
    return pd.read_csv(out)


@pytest.fixture(scope="module")
def reports(data):
    out = {}
    for lang in LANGS:
        content = report_content(data, lang)
        out[lang] = (content, render_pdf(content))
    return out


def _csv(csv: pd.DataFrame, scenario: str, region: str, kpi: str, quantile: str) -> float:
    year = 2050 if kpi.startswith("levelised") else 2030
    row = csv[
        (csv.scenario == scenario)
        & (csv.region == region)
        & (csv.year == year)
        & (csv.kpi == kpi)
        & (csv["quantile"] == quantile)
    ]
    assert len(row) == 1, (scenario, region, kpi, quantile)
    return float(row.value.iloc[0])


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-9)


def test_the_ranges_are_the_uncertainty_commands_figures(data, uncertainty_csv):
    ranges = data.ranges
    assert ranges.draws == DRAWS and ranges.seed == SEED and ranges.year == 2030
    checked = 0
    for row in ranges.quantiles.itertuples(index=False):
        want = _csv(uncertainty_csv, row.scenario, row.region, row.kpi, row.quantile)
        assert _same(row.value, want), row
        checked += 1
    assert checked == len(PRESETS) * 2 * len(RANGE_KPIS) * 5
    for (scenario, region), chance in ranges.chances.items():
        assert _same(chance, _csv(uncertainty_csv, scenario, region, "target_met", "probability"))
    assert len(ranges.chances) == len(PRESETS) * 2
    # the bundled presets span both ends: business as usual cannot meet 40 %, the others do
    assert ranges.chance_word("bau", "abai") == "low"
    assert ranges.chance_word("target_40_2030", "abai") == "high"


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_holds_each_regions_ranges_as_the_csv_gives_them(
    reports, presets, uncertainty_csv, lang
):
    _content, pdf = reports[lang]
    body = squashed(pdf_text(pdf))
    assert squashed(text("ranges.heading", lang)) in body
    for region in ("abai", "ulytau"):
        title = text(
            "ranges.title", lang, region=region_name(presets["bau"], region, lang), year=2030
        )
        assert squashed(title) in body
        for kpi in RANGE_KPIS:
            for sid in PRESETS:
                low, mid, high = (
                    _csv(uncertainty_csv, sid, region, kpi, q) for q in ("p5", "p50", "p95")
                )
                if math.isnan(low):
                    continue  # the reference has no levelised cost against itself: "—"
                cell = f"{range_value(kpi, low, lang)}–{range_value(kpi, high, lang)}"
                cell += f"({range_value(kpi, mid, lang)})"
                assert squashed(cell) in body, (lang, region, kpi, sid, cell)
        chances = [
            percent(_csv(uncertainty_csv, sid, region, "target_met", "probability"), lang, 0)
            for sid in PRESETS
        ]
        assert squashed("".join(chances)) in body  # the chance row, a cell per scenario
    command = f"python -m planner uncertainty {' '.join(PRESETS)} --draws {DRAWS} --seed {SEED}"
    assert squashed(command) in body  # the command that gives the same figures


@pytest.mark.parametrize("lang", LANGS)
def test_summary_says_each_regions_chance_in_one_sentence(reports, lang):
    content, pdf = reports[lang]
    body = squashed(pdf_text(pdf))
    sentences = content.ranges.sentences
    assert list(sentences) == ["abai", "ulytau"]
    for sentence in sentences.values():
        assert squashed(sentence) in body
        assert text("ranges.word.low", lang) in sentence  # business as usual: 0 %
        assert text("ranges.word.high", lang) in sentence
        assert str(DRAWS) in sentence


def test_the_ranges_sheet_equals_the_csv(reports, uncertainty_csv):
    content, _pdf = reports["ru"]
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(content)))
    assert book.sheetnames[-1] == "ranges" and book["ranges"].freeze_panes == "A2"
    rows = list(book["ranges"].iter_rows(values_only=True))
    head = rows[0]
    assert head[:3] == ("scenario", "region", "year")
    assert "processing_share:p5" in head and "total_cost_kzt:p95 [KZT/yr]" in head
    assert "levelised_cost_of_diversion_kzt_per_t:p50 [KZT/t]" in head
    assert "net_emissions_tco2e:p5 [tCO2e/yr]" in head
    assert len(rows) - 1 == len(PRESETS) * 2
    checked = 0
    for row in rows[1:]:
        cells = dict(zip(head, row, strict=True))
        assert cells["draws"] == DRAWS and cells["seed"] == SEED and cells["year"] == 2030
        want = _csv(uncertainty_csv, row[0], row[1], "target_met", "probability")
        assert cells["target_met:probability"] == pytest.approx(want, rel=1e-12)
        for name, value in cells.items():
            if ":" not in name or name.startswith("target_met"):
                continue
            kpi, quantile = name.split(" [")[0].split(":")
            want = _csv(uncertainty_csv, row[0], row[1], kpi, quantile)
            if math.isnan(want):
                assert value is None  # an empty cell, not a text "nan"
            else:
                assert isinstance(value, float) and _same(value, want), name
            checked += 1
    assert checked == len(PRESETS) * 2 * len(RANGE_KPIS) * 5
    contents = [r[0] for r in book["contents"].iter_rows(values_only=True)]
    assert "ranges" in contents


def test_draws_0_gives_a_report_without_ranges(presets):
    inputs = [ScenarioInput.from_json(presets[s]) for s in ("bau", "announced")]
    data = report_data(inputs, "bau", draws=0)
    assert data.ranges is None
    for lang in LANGS:
        content = report_content(data, lang)
        assert content.ranges is None
        body = squashed(pdf_text(render_pdf(content)))
        assert squashed(text("ranges.heading", lang)) not in body
        assert "--draws" not in body
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report_content(data, "en"))))
    assert "ranges" not in book.sheetnames
    assert "ranges" not in [r[0] for r in book["contents"].iter_rows(values_only=True)]


def test_report_command_draws_option(tmp_path, capsys):
    out = tmp_path / "r.pdf"
    assert (
        main(["report", "bau", "announced", "--lang", "en", "--draws", "0", "--out", str(out)]) == 0
    )
    assert "Rangesovertheuncertaininputs" not in squashed(pdf_text(out.read_bytes()))
    capsys.readouterr()
    rc = main(["report", "bau", "--lang", "ru", "--draws", "-1", "--out", str(out)])
    assert rc == 2
    assert "--draws должно быть 0 (без диапазонов) или больше, а не -1" in capsys.readouterr().err
    from planner.cli import _parser

    args = _parser().parse_args(["report", "bau", "--out", "r.pdf"])
    assert (args.draws, args.seed) == (REPORT_DRAWS, REPORT_SEED) == (100, 1)
    args = _parser().parse_args(["report", "bau", "--out", "r.pdf", "--draws", "9", "--seed", "4"])
    assert (args.draws, args.seed) == (9, 4)


@pytest.mark.parametrize("n_draws", [1, 2, 7, 100, 101, 256])
@pytest.mark.parametrize("seed", [0, 1, 7, 2**31 + 3])
@pytest.mark.parametrize("key", ["population.abai", "levers.recycling_rate", "ключ"])
def test_latin_hypercube_is_scipys_bit_for_bit(n_draws, seed, key):
    """The report's draws come without SciPy's statistics (half a second to import): the
    numpy sampler gives the very points of ``scipy.stats.qmc.LatinHypercube``."""
    import numpy as np
    from scipy.stats import qmc

    from planner.uncertainty import sampling

    engine = qmc.LatinHypercube(d=1, seed=np.random.default_rng(sampling._key_seed(seed, key)))
    want = engine.random(n_draws)[:, 0]
    got = sampling.latin_hypercube_1d(n_draws, sampling._key_seed(seed, key))
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes()


def test_the_ranges_of_triangular_inputs_import_no_scipy_statistics():
    """A report's ranges (every bundled range is triangular) leave SciPy's statistics out of
    a fresh process: the sampler is numpy's, the triangular inverse CDF a closed form."""
    import subprocess
    import sys

    code = (
        "import sys, planner\n"
        "from planner.report import ScenarioInput\n"
        "from planner.report.ranges import report_ranges\n"
        "p = planner.load_presets()\n"
        f"s = [ScenarioInput.from_json(p[i]).scenario for i in {PRESETS!r}]\n"
        "assert report_ranges(s, 8) is not None\n"
        "print(sorted(m for m in sys.modules if m.startswith('scipy.stats')))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
