"""AppTest: money and emissions on the compare page and in the data page's downloads.

The CSV downloads are built lazily (``st.download_button`` gets a callable); the tests catch
the callables as Streamlit registers them and call them, as a click would.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import planner
from planner.economics import ECONOMICS_COLUMNS
from tests.app_session import open_page
from tests.conftest import ROOT

NUMBER = re.compile(r"\d")


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """Deferred download callables by file id, as the app registers them."""
    captured: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, *, element_id=""):
        file_id = original(
            self, data_callable, mimetype, coordinates, file_name, element_id=element_id
        )
        captured[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return captured


def _page(page: str, lang: str = "en") -> AppTest:
    return open_page(page, lang)


def _click(at: AppTest, key: str, downloads: dict[str, object]) -> str:
    """What the download button ``key`` hands to the browser when clicked."""
    file_id = at.download_button(key=key).proto.deferred_file_id
    assert file_id, f"{key} is not built lazily"
    return downloads[file_id]()  # type: ignore[operator]


def _tables(at: AppTest):
    # issue 12: the per-region verdict table comes first
    side_by_side, differences = [d.value for d in at.dataframe][-2:]
    return side_by_side, differences


def _scenario_without_economics() -> bytes:
    data = json.loads(planner.scenario_json(planner.load_presets()["target_40_2030"]))
    del data["baseline"]["economics"]
    data["id"] = "no_money"
    data["name"] = {"ru": "Без экономики", "kk": "Экономикасыз", "en": "No money"}
    return json.dumps(data).encode()


def test_compare_table_has_money_and_emissions_rows_with_numbers():
    at = _page("page_compare.py")
    assert not at.exception and not at.error
    table, differences = _tables(at)
    assert list(table.columns) == ["Announced projects", "Business as usual"]
    rows = {
        "NPV of costs 2025–2050": "M KZT",
        "Diversion cost per t (the year's diversion activities)": "KZT/t",
        "Cost per resident per month": "KZT/person/month",
        "EPR incentives paid": "M KZT/yr",
        "Landfill methane emitted": "t CH4/yr",
        "Net greenhouse-gas emissions": "t CO2e/yr",
        "Net emissions 2025–2050": "t CO2e",
    }
    for row, unit in rows.items():
        for cell in table.loc[row]:
            assert NUMBER.search(cell) and cell.endswith(unit), (row, cell)
    assert "Landfilled, t/yr" in table.index  # the flow KPIs stay
    # Differences against the reference (BAU): signed, plus the cost-effectiveness rows.
    assert list(differences.columns) == ["Announced projects"]
    against = "against “Business as usual” (2025–2050)"
    abatement = differences.loc[f"Levelised cost of abatement, {against}", "Announced projects"]
    assert re.fullmatch(r"[\d,]+\u00a0KZT/t CO2e|saves [\d,]+\u00a0₸ per t CO2e", abatement), (
        abatement
    )
    extra = differences.loc[f"Levelised cost of diversion, {against}"].item()
    assert re.fullmatch(r"[\d,]+\u00a0KZT/t|saves [\d,]+\u00a0₸ per tonne", extra), extra
    assert differences.loc["NPV of costs 2025–2050", "Announced projects"].startswith("+")
    assert any("abated" in c.value for c in at.caption)


def test_compare_money_rows_in_russian_and_kazakh():
    at = _page("page_compare.py", "ru")
    table, differences = _tables(at)
    npv = table.loc["ЧПС затрат за 2025–2050"]
    assert all(NUMBER.search(v) and v.endswith("млн ₸") for v in npv)
    assert "\u202f" in npv.iloc[0]  # Russian thousands separator
    (abatement,) = [i for i in differences.index if i.startswith("Приведённая стоимость сокр")]
    assert "относительно «" in abatement and abatement.endswith("(2025–2050)")
    cell = differences.loc[abatement].item()
    assert cell.endswith("₸/т CO2-экв") or cell.startswith("экономит "), cell
    at = _page("page_compare.py", "kk")
    table, _ = _tables(at)
    assert all(
        v.endswith("т CO2-экв/жыл") for v in table.loc["Парниктік газдардың таза шығарындысы"]
    )
    assert not any("compare.econ" in str(i) for i in table.index)


def test_compare_and_economics_name_the_cheapest_per_tonne_diverted():
    from planner import economics as ec

    presets = planner.load_presets()
    results = [ec.evaluate(s, planner.project(s)) for s in presets.values()]
    cheapest = ec.cheapest_per_tonne_diverted(ec.compare(results, "bau"))
    assert cheapest is not None
    name = presets[cheapest].name.en
    expected = f"Cheapest per tonne diverted (levelised, against “Business as usual”): “{name}”."
    at = _page("page_compare.py")
    at.multiselect(key="w_compare_pick").set_value(list(presets)).run()
    at.selectbox(key="w_compare_ref").set_value("bau").run()
    assert not at.exception
    assert expected in [c.value for c in at.caption]
    at = _page("page_economics.py")
    assert not at.exception
    assert expected in [c.value for c in at.caption]


def test_reference_choice_changes_the_money_differences():
    at = _page("page_compare.py")
    at.multiselect(key="w_compare_pick").set_value(["announced", "bau", "target_40_2030"]).run()
    at.selectbox(key="w_compare_ref").set_value("bau").run()
    _, before = _tables(at)
    assert list(before.columns) == [
        "Announced projects",
        "40 % by 2030 in each region (official indicator)",
    ]
    at.selectbox(key="w_compare_ref").set_value("announced").run()
    assert not at.exception
    _, after = _tables(at)
    assert list(after.columns) == [
        "Business as usual",
        "40 % by 2030 in each region (official indicator)",
    ]
    npv = "NPV of costs 2025–2050"
    # BAU costs less than the announced projects: the sign flips with the reference.
    assert before.loc[npv, "Announced projects"].startswith("+")
    assert after.loc[npv, "Business as usual"].startswith("-")


def test_scenario_without_economics_gets_a_note_not_an_error():
    at = _page("page_data.py")
    at.file_uploader(key="w_upload").set_value(
        ("no_money.json", _scenario_without_economics(), "application/json")
    ).run()
    assert at.session_state["msw_current"] == "no_money"
    # The data page: no economics CSV for it, KPI CSV still offered.
    assert at.download_button(key="dl_economics").proto.disabled
    assert not at.exception
    at.switch_page("msw_app/page_compare.py").run()
    at.multiselect(key="w_compare_pick").set_value(["no_money", "bau"]).run()
    assert not at.exception and not at.error
    notes = " ".join(i.value for i in at.info)
    assert "No money" in notes and "[economics]" in notes
    table, differences = _tables(at)
    assert table.loc["NPV of costs 2025–2050", "No money"] == "—"
    assert NUMBER.search(table.loc["NPV of costs 2025–2050", "Business as usual"])
    assert differences.loc["NPV of costs 2025–2050", "No money"] == "—"
    # With it as the reference, the money differences are left out with a note.
    at.selectbox(key="w_compare_ref").set_value("no_money").run()
    assert not at.exception
    _, differences = _tables(at)
    assert "NPV of costs 2025–2050" not in differences.index
    assert "Landfilled, t/yr" in differences.index
    assert any("has no money and emissions" in i.value for i in at.info)


def test_kpi_csv_downloads_carry_the_economics_kpis(downloads):
    at = _page("page_data.py")
    assert not at.exception
    current = _click(at, "dl_kpis", downloads)
    header, *lines = current.splitlines()
    assert header == "scenario,region,district,year,kpi,value"
    kpis = {line.split(",")[4] for line in lines}
    assert {"landfilled_t", "npv_cost_kzt", "cost_per_t_diverted_kzt"} <= kpis
    assert {"epr_incentives_kzt", "ch4_landfill_t", "net_emissions_tco2e"} <= kpis
    compared = _click(at, "dl_kpis_all", downloads)
    rows = [line.split(",") for line in compared.splitlines()[1:]]
    assert {r[0] for r in rows if r[4] == "npv_cost_kzt"} == {"announced", "bau"}


def test_economics_csv_downloads(downloads):
    at = _page("page_data.py")
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("Costs and emissions (CSV)") == 2
    current = _click(at, "dl_economics", downloads)
    header, *lines = current.splitlines()
    assert header == ",".join(ECONOMICS_COLUMNS) == "scenario,region,year,item,payer,value,unit"
    assert {line.split(",")[0] for line in lines} == {"announced"}
    compared = _click(at, "dl_economics_all", downloads)
    assert compared.splitlines()[0] == header
    assert "vs_baseline:abatement_cost_kzt_per_tco2e" in compared
    assert {line.split(",")[0] for line in compared.splitlines()[1:]} == {"announced", "bau"}


def test_csvs_are_built_only_on_click(downloads, monkeypatch):
    from msw_app import compute

    calls: list[str] = []
    for name in ("flows_csv", "kpis_csv", "economics_csv"):
        real = getattr(compute, name)
        monkeypatch.setattr(
            compute,
            name,
            lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k),
        )
    at = _page("page_data.py")
    assert not at.exception
    assert calls == []
    _click(at, "dl_economics_all", downloads)
    assert calls == ["economics_csv"]


def test_methodology_lists_the_economics_defaults():
    at = _page("page_data.py")
    (econ,) = [d.value for d in at.dataframe if "Landfill methane (IPCC)" in set(d.value["Scope"])]
    assert len(econ) > 50
    assert set(econ["Confidence"]) <= {"H", "M", "L", "EST"}
    assert {"docf", "mcf", "k_per_yr", "realisation", "concessional_rate"} <= set(econ["Field"])
    text = " ".join(m.value for m in at.markdown)
    assert "first-order-decay" in text and "payout realisation" in text
    ru = _page("page_data.py", "ru")
    text = " ".join(m.value for m in ru.markdown)
    assert "затухания первого порядка" in text and "Жасыл даму" in text


def test_page_scripts_have_no_bare_strings_streamlit_magic_would_print():
    import ast

    for path in sorted((ROOT / "msw_app").glob("page_*.py")):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        bare = [
            node.lineno
            for node in body[1:]  # the module docstring is not printed
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        ]
        assert not bare, (path.name, bare)
