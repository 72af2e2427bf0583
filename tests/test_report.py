"""The report (planner.report): the PDF says each region's verdict and the KPI CSV's numbers in
every language, keeps the Kazakh letters, has 2–6 A4 pages and renders to a page that is not
blank; the workbook holds the CSVs' figures as typed cells."""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

import planner
from planner import economics as ec
from planner.export import kpis_csv, landfills_csv
from planner.i18n import LANGS
from planner.report import ScenarioInput, report_content, report_data
from planner.report.assumptions import lever_differences, low_confidence_defaults
from planner.report.content import HORIZON_KPIS, TABLE_KPIS, region_name
from planner.report.data import (
    region_levelised_abatement_kzt_per_tco2e,
    region_levelised_cost_kzt_per_t,
)
from planner.report.formats import kpi_value
from planner.report.pdf import render_pdf
from planner.report.xlsx import render_xlsx
from planner.targets import region_verdicts, verdict_sentence

PRESETS = ("bau", "announced", "separate_collection", "target_40_2030")
KAZAKH_LETTERS = "әғқңөұүһі"


def squashed(text: str) -> str:
    """Text without any whitespace (line breaks of the PDF's paragraphs fall anywhere)."""
    return re.sub(r"\s+", "", text)


def spaced(text: str) -> str:
    """Text with every run of whitespace (narrow no-break spaces included) as one space."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " "))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def presets():
    return planner.load_presets()


@pytest.fixture(scope="module")
def data(presets):
    return report_data([ScenarioInput.from_json(presets[s]) for s in PRESETS], "bau")


@pytest.fixture(scope="module")
def reports(data):
    """Language → (content, PDF bytes) of the four-preset report."""
    out = {}
    for lang in LANGS:
        content = report_content(data, lang)
        out[lang] = (content, render_pdf(content))
    return out


@pytest.fixture(scope="module")
def kpi_csv(data):
    """The KPI CSV of the four presets, as a user gets it (``run --kpis``), read back."""
    text = kpis_csv(data.projections, data.economics)
    return pd.read_csv(io.StringIO(text), keep_default_na=False, dtype={"region": str})


def _csv_value(csv: pd.DataFrame, scenario: str, region: str, year: int, kpi: str) -> float:
    row = csv[
        (csv.scenario == scenario)
        & (csv.region == region)
        & (csv.district == "")
        & (csv.year == year)
        & (csv.kpi == kpi)
    ]
    assert len(row) == 1, (scenario, region, year, kpi)
    value = row.value.iloc[0]
    return float("nan") if value == "" else float(value)


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_states_each_regions_verdict_for_each_scenario(reports, data, presets, lang):
    _content, pdf = reports[lang]
    text = squashed(pdf_text(pdf))
    targets = presets["bau"].resolved_baseline().parameters.target_processing_share
    for sid, projection in zip(data.ids, data.projections, strict=True):
        verdicts = region_verdicts(projection, targets, 2030)
        assert [v.region for v in verdicts] == ["abai", "ulytau"]  # each region, not the sum
        for v in verdicts:
            name = region_name(presets[sid], v.region, lang)
            assert squashed(verdict_sentence(v, name, lang)) in text, (lang, sid, v.region)


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_kpi_tables_hold_the_kpi_csv_numbers(reports, data, kpi_csv, lang):
    _content, pdf = reports[lang]
    text = spaced(pdf_text(pdf))
    end = data.horizon[1]
    checked = 0
    for region in ("abai", "ulytau"):
        for kpi, year in [*((k, 2030) for k in TABLE_KPIS), *((k, end) for k in HORIZON_KPIS)]:
            values = [_csv_value(kpi_csv, sid, region, year, kpi) for sid in PRESETS]
            row = " ".join(kpi_value(kpi, v, lang) for v in values)
            assert spaced(row) in text, (lang, region, kpi, row)
            checked += 1
    assert checked == 2 * (len(TABLE_KPIS) + len(HORIZON_KPIS))


def test_kpi_cells_by_hand(reports, kpi_csv):
    """The English table writes shares with one decimal and money in millions."""
    share = _csv_value(kpi_csv, "bau", "abai", 2030, "processing_share")
    cost = _csv_value(kpi_csv, "bau", "abai", 2030, "total_cost_kzt")
    text = spaced(pdf_text(reports["en"][1]))
    assert f"{share * 100:.1f}%" in text
    assert f"{cost / 1e6:,.0f}" in text
    assert kpi_value("earliest_landfill_full_year", 2031.0, "ru") == "2031"  # no separator


def test_kazakh_letters_survive_in_an_embedded_font(reports, presets):
    _content, pdf = reports["kk"]
    text = pdf_text(pdf)
    found = [letter for letter in KAZAKH_LETTERS if letter in text]
    assert len(found) >= 8  # every letter the Kazakh texts use (һ is rare in them)
    assert b"/FontFile2" in pdf and b"DejaVu" in pdf  # a TrueType subset, embedded
    name = f"Жоба {KAZAKH_LETTERS.upper()} {KAZAKH_LETTERS}"
    named = presets["announced"].model_copy(
        update={"name": presets["announced"].name.model_copy(update={"kk": name})}
    )
    content = report_content(report_data([ScenarioInput.from_json(named)]), "kk")
    assert name in pdf_text(render_pdf(content, chart_format="png"))


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_is_a4_with_two_to_six_pages(reports, lang):
    reader = PdfReader(io.BytesIO(reports[lang][1]))
    assert 2 <= len(reader.pages) <= 6
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210,
        297,
    )


def test_one_scenario_report_has_two_to_six_pages_and_no_differences(presets):
    data = report_data([ScenarioInput.from_json(presets["announced"])])
    content = report_content(data, "ru")
    pdf = render_pdf(content, chart_format="png")
    assert 2 <= len(PdfReader(io.BytesIO(pdf)).pages) <= 6
    assert content.differences.empty
    assert "сравнивать допущения не с чем" in spaced(pdf_text(pdf))


def test_pdf_names_date_version_and_hashes(reports, data):
    content, pdf = reports["en"]
    text = squashed(pdf_text(pdf))
    for item in data.inputs:
        assert len(item.digest) == 64 and item.digest in text
    assert squashed(content.meta_lines[0]) in text
    assert planner.report.planner_version() in content.meta_lines[0]


def test_region_levelised_costs_of_both_regions_are_the_comparisons(data):
    reference = data.economics_of("bau")
    for result in data.economics[1:]:
        total = region_levelised_cost_kzt_per_t(result, reference, "")
        row = data.comparison.set_index("scenario").loc[result.scenario]
        assert total == pytest.approx(row.levelised_cost_of_diversion_kzt_per_t, rel=1e-12)
        abatement = region_levelised_abatement_kzt_per_tco2e(result, reference, "")
        want = row.levelised_cost_of_abatement_kzt_per_tco2e
        assert abatement == pytest.approx(want, rel=1e-9)
        assert math.isnan(region_levelised_cost_kzt_per_t(reference, reference, "abai"))
    assert data.cheapest() == ec.cheapest_per_tonne_diverted(data.comparison)


def test_levers_that_differ_and_low_confidence_figures(presets):
    diff = lever_differences([presets["target_40_2030"], presets["reformed_epr"]])
    rows = diff.set_index("lever")
    assert list(rows.index) == ["economics.epr_realisation", "economics.concessional_share"]
    assert rows.loc["economics.epr_realisation", "values"] == ("", "1")
    assert rows.loc["economics.epr_realisation", "confidence"] == "EST"
    assert lever_differences([presets["bau"]]).empty
    low = low_confidence_defaults([presets["bau"]])
    assert set(low.confidence) == {"L", "EST"}
    per_capita = low[(low.scope == "district") & (low.field == "generation_t_per_cap_yr")]
    assert "semey" in per_capita["items"].iloc[0]


def _kpi_sheet(book) -> dict[tuple, float | None]:
    rows = list(book["kpis"].iter_rows(values_only=True))
    head = rows[0]
    out = {}
    for row in rows[1:]:
        for name, value in zip(head[3:], row[3:], strict=True):
            out[(row[0], row[1] or "", row[2], name.split(" [")[0])] = value
    return out


def test_xlsx_read_back_equals_the_csv_figures(reports, data, kpi_csv):
    content, _pdf = reports["ru"]
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(content)))
    assert book.sheetnames[0] == "contents"
    for name in ("kpis", "flows", "landfills", "economics", "comparison", "sources"):
        assert book[name].freeze_panes == "A2"
    cells = _kpi_sheet(book)
    regions = kpi_csv[kpi_csv.district == ""]
    assert len(cells) == len(regions)
    for row in regions.itertuples(index=False):
        got = cells[(row.scenario, row.region, row.year, row.kpi)]
        if row.value == "":
            assert got is None
        else:
            assert isinstance(got, int | float), row
            assert got == pytest.approx(float(row.value), rel=1e-12, abs=1e-9)
    head = [c.value for c in book["kpis"][1]]
    assert "processing_share" in head and "generated_t [t/yr]" in head
    assert "npv_cost_kzt [KZT]" in head
    _check_landfills(book, data)
    _check_flows(book, data)


def _check_landfills(book, data) -> None:
    csv = pd.read_csv(io.StringIO(landfills_csv(data.projections)))
    rows = list(book["landfills"].iter_rows(values_only=True))
    assert rows[0][6] == "deposited_t [t/yr]" and rows[0][7] == "remaining_capacity_t [t]"
    assert len(rows) - 1 == len(csv)
    for got, want in zip(rows[1:], csv.itertuples(index=False), strict=True):
        assert got[1] == want.landfill and got[4] == want.year
        assert got[6] == pytest.approx(want.deposited_t, rel=1e-12, abs=1e-9)


def _check_flows(book, data) -> None:
    from planner.export import flows_csv

    csv = pd.read_csv(io.StringIO(flows_csv(data.projections)))
    sums = csv.groupby(["scenario", "region", "year", "flow", "material"]).tonnes.sum()
    rows = list(book["flows"].iter_rows(values_only=True))
    materials = [h.split(" [")[0] for h in rows[0][4:]]
    assert rows[0][4] == "organics [t/yr]"
    for row in rows[1:200]:
        for material, value in zip(materials, row[4:], strict=True):
            want = sums[(row[0], row[1], row[2], row[3], material)]
            assert value == pytest.approx(want, rel=1e-9, abs=1e-6)


def test_xlsx_text_cells_cannot_run_as_formulas(presets):
    risky = presets["bau"].model_copy(
        update={"name": presets["bau"].name.model_copy(update={"en": "=HYPERLINK(1)"})}
    )
    content = report_content(report_data([ScenarioInput.from_json(risky)]), "en")
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(content)))
    texts = [c for row in book["contents"].iter_rows(values_only=True) for c in row if c]
    assert any(t.startswith("'=HYPERLINK") for t in texts)
    assert not any(str(t).startswith("=") for t in texts)


def _pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm is missing: .ci/run must install poppler-utils")
        pytest.skip("pdftoppm (poppler-utils) is not installed: apt-get install -y poppler-utils")
    return found


@pytest.mark.parametrize("page", [1, 3])
def test_a_pdf_page_renders_to_a_png_that_is_not_blank(reports, tmp_path, page):
    from PIL import Image

    tool = _pdftoppm()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(reports["kk"][1])
    stem = tmp_path / "page"
    subprocess.run(
        [tool, "-r", "40", "-png", "-f", str(page), "-l", str(page), "-singlefile", pdf, stem],
        check=True,
    )
    image = Image.open(f"{stem}.png").convert("L")
    inked = sum(image.histogram()[:200])  # pixels darker than light grey
    assert inked / (image.width * image.height) > 0.02
