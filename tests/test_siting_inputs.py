"""The siting model's inputs, checked in full: the road-distance CSV, the user's extra sites, an
empty plan, translated infeasibility and formula-safe CSVs — through the model functions and
the command line (one translated line per problem, exit 1, no traceback)."""

from __future__ import annotations

import csv
import json

import pytest

from planner.cli import main
from planner.export import neutralise_cell
from planner.io import preset_paths
from planner.siting.distances import parse_distance_csv
from planner.siting.plan import (
    PlanInfeasible,
    SitingInputError,
    apply_plan,
    lines_csv,
    load_siting_defaults,
    map_frames,
    plan_csv,
    plan_sorting_lines,
    validated_options,
)
from tests.conftest import build
from tests.test_siting_plan import tiny_options

BAU = str(preset_paths()[0])
"""Business as usual: the districts of Abai and Ulytau (e.g. ``semey``, ``kurchatov``)."""


def input_error(one_district, csv_text: str | bytes) -> SitingInputError:
    """The error of planning the one-district scenario with this distance CSV."""
    with pytest.raises(SitingInputError) as info:
        frame = parse_distance_csv(csv_text)
        plan_sorting_lines(build(one_district), tiny_options(), distance_km=frame)
    return info.value


# --------------------------------------------------------------------------------------------
# The distance CSV through the model (site "lf" is the landfill L, district "d" is D)
# --------------------------------------------------------------------------------------------

DISTANCE_CASES = [
    ("site,d\nzz,5\n", "unknown sites: «zz»"),
    ("site,nowhere\nlf,5\n", "unknown districts: «nowhere»"),
    ("site,d\nlf,nan\n", "no distance for «L → D»"),
    ("site,d\nlf,\n", "no distance for «L → D»"),
    ("site,d\nlf,-3\n", "negative distances: «L → D»"),
    ("site,d\nlf,1e300\n", "over 5,000 km"),
    ("site,d\nlf,6000\n", "over 5,000 km (Kazakhstan spans about 3,000 km): «L → D»"),
    ("site,d\nlf,5\nlf,6\n", "more than once: «L»"),
    ("site,d,d\nlf,5,6\n", "more than once: «D»"),
    ("site,d\n", "only a header"),
    ("", "is empty"),
    ("site\nlf\n", "no district columns"),
    ("site,d\nlf,5,6\n", "row 2 of the distance file has 3 cells, the header has 2"),
    ("site,d\nlf,far\n", "row 2, column «d» of the distance file: «far» is not a distance"),
    (b"\x00\x01\x02site", "not text"),
    ("site,d\nlf,5\n".encode("utf-16"), "UTF-16"),
    (b"site,d\nlf,\xff5\n", "not UTF-8"),
]


@pytest.mark.parametrize(("text", "message"), DISTANCE_CASES)
def test_bad_distance_csv_is_named_in_words(one_district, text, message):
    error = input_error(one_district, text)
    assert message in str(error)
    assert all("[" not in line and "index" not in line for line in error.lines("en"))


def test_distance_problems_name_sites_and_districts_in_the_users_language(one_district):
    error = input_error(one_district, "site,d\nlf,-3\n")
    assert "«П → Д»" in error.lines("ru")[0] and "отрицательные" in error.lines("ru")[0]
    assert "теріс" in error.lines("kk")[0]


def test_many_bad_pairs_are_a_bounded_list():
    from planner.siting.distances import check_distances

    sites = {f"s{i}": {"en": f"S{i}"} for i in range(20)}
    frame = parse_distance_csv("site,d\n" + "".join(f"s{i},-1\n" for i in range(20)))
    problems = check_distances(frame, sites, {"d": {"en": "D"}})
    assert problems[0].text("en").endswith(" and 15 more")


def test_good_csv_with_bom_semicolons_decimal_comma_and_no_road(one_district):
    frame = parse_distance_csv("\ufeffsite;d\nlf;12,5\nd;inf\n".encode())
    assert frame.loc["lf", "d"] == 12.5 and frame.loc["d", "d"] == float("inf")


def test_all_infinite_distances_name_the_district(one_district):
    frame = parse_distance_csv("site,d\nlf,inf\nd,inf\nsl,inf\n")
    with pytest.raises(PlanInfeasible) as info:
        plan_sorting_lines(build(one_district), tiny_options(), distance_km=frame)
    assert info.value.kind == "unreachable"
    assert "«D»" in info.value.text("en") and "«Д»" in info.value.text("ru")
    assert "customers" not in info.value.text("en")


# --------------------------------------------------------------------------------------------
# Extra sites and options through the model
# --------------------------------------------------------------------------------------------


def site_options(one_district, **site):
    data = tiny_options().model_dump()
    data["extra_sites"] = [
        {"id": "x1", "region": "r", "name": "x1", "lat": 50, "lon": 80.5, **site}
    ]
    return validated_options(data, build(one_district))


SITE_CASES = [
    ({"region": "mars"}, "unknown region «mars»; allowed: «R»"),
    ({"lat": 95}, "latitude 95° is outside Kazakhstan; allowed: 40–56° N"),
    ({"lon": 200}, "longitude 200° is outside Kazakhstan; allowed: 46–88° E"),
    ({"lat": "abc"}, "the latitude must be a number"),
    ({"lon": None}, "the longitude must be a number"),
    ({"id": "Bad-Id!"}, "may only contain lower-case latin letters"),
    ({"id": "x" * 65}, "longer than 64 characters"),
    ({"id": "lf"}, "already used"),
]


@pytest.mark.parametrize(("site", "message"), SITE_CASES)
def test_bad_extra_site_gets_one_translated_line(one_district, site, message):
    with pytest.raises(SitingInputError) as info:
        site_options(one_district, **site)
    lines = info.value.lines("en")
    assert len(lines) == 1 and message in lines[0]
    assert "validation error" not in str(info.value)
    assert info.value.lines("ru")[0] != lines[0]  # translated


def test_good_extra_site_is_accepted_and_becomes_a_candidate(one_district):
    options = site_options(one_district)
    plan = plan_sorting_lines(build(one_district), options)
    assert "x1" in set(map_frames(plan)["candidates"].site)


def test_bad_site_given_to_the_model_directly_is_refused(one_district):
    data = tiny_options().model_dump()
    data["extra_sites"] = [{"id": "x1", "region": "mars", "name": "x1", "lat": 50, "lon": 80}]
    options = type(tiny_options()).model_validate(data)
    with pytest.raises(SitingInputError, match="unknown region «mars»"):
        plan_sorting_lines(build(one_district), options)


def test_bad_option_is_one_translated_line(one_district):
    data = {**tiny_options().model_dump(), "min_served_share": 1.5}
    with pytest.raises(SitingInputError) as info:
        validated_options(data, build(one_district))
    lines = info.value.lines("en")
    assert len(lines) == 1 and lines[0].startswith("min_served_share: value 1.5 is too large")


# --------------------------------------------------------------------------------------------
# Served share 0, translated infeasibility
# --------------------------------------------------------------------------------------------


def test_served_share_zero_is_an_empty_plan_not_a_crash(one_district):
    scenario = build(one_district)
    plan = plan_sorting_lines(scenario, tiny_options(min_served_share=0.0))
    assert plan.summary["served_t"] == 0 and plan.summary["new_lines"] == 0
    assert list(plan.assignments.columns)[:3] == ["site", "status", "district"]
    assert plan_csv(plan, "one").splitlines() == [
        "scenario,site,status,region,lat,lon,capacity_t_per_yr,district,tonnes,distance_km,"
        "transport_kzt"
    ]
    frames = map_frames(plan)
    assert len(frames["links"]) == 0 and len(frames["districts"]) == 1
    applied = apply_plan(scenario, plan)
    assert len(applied.levers.new_sorting_lines) == len(scenario.levers.new_sorting_lines)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", "самый дешёвый"), ("kk", "ең арзан"), ("en", "cheapest set of new lines")],
)
def test_infeasible_budget_is_translated(one_district, lang, words):
    with pytest.raises(PlanInfeasible) as info:
        plan_sorting_lines(build(one_district), tiny_options(capex_budget_kzt=150_000))
    assert words in info.value.text(lang)
    assert info.value.line(lang).split(":")[0] in (
        "план невозможен",
        "жоспар мүмкін емес",
        "infeasible",
    )


def test_design_year_outside_projection_is_translated(one_district):
    with pytest.raises(PlanInfeasible) as info:
        plan_sorting_lines(build(one_district), tiny_options(design_year=2090))
    assert info.value.kind == "design_year"
    assert "расчётный год 2090 вне периода прогноза (2025–2027)" in info.value.text("ru")


def test_single_sourced_district_too_big_for_every_line_is_named(one_district):
    with pytest.raises(PlanInfeasible) as info:
        options = tiny_options(sizes_t_per_yr=[50], single_source=True)
        plan_sorting_lines(build(one_district), options)
    assert info.value.kind == "unservable" and "«D»" in info.value.text("en")


# --------------------------------------------------------------------------------------------
# Formula-safe CSVs
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd", "'+cmd"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "-5"),
        ("+1.5e3", "+1.5e3"),
        ("semey", "semey"),
        (-5.0, -5.0),
    ],
)
def test_neutralise_cell(cell, safe):
    assert neutralise_cell(cell) == safe


def test_lines_csv_neutralises_names_and_keeps_numbers(one_district):
    one_district["baseline"]["regions"][0]["landfills"][0]["name"]["en"] = '=HYPERLINK("x")'
    plan = plan_sorting_lines(build(one_district), tiny_options())
    rows = list(csv.DictReader(lines_csv(plan, "one").splitlines()))
    names = {r["site"]: r["name"] for r in rows}
    assert names["lf"] == '\'=HYPERLINK("x")'
    assert {float(r["capacity_t_per_yr"]) for r in rows if r["status"] == "new"} == {100.0}


# --------------------------------------------------------------------------------------------
# The command line: one translated line per problem, exit 1, never a traceback
# --------------------------------------------------------------------------------------------


def run_site(tmp_path, capsys, *argv, lang="en"):
    code = main(["--lang", lang, "site", BAU, "--out", str(tmp_path / "p.csv"), *argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err.strip().splitlines(), captured.out


CLI_DISTANCE_CASES = [
    ("site,semey\nzz,5\n", "unknown sites: «zz»"),
    ("site,semey\nsemey,nan\n", "no distance for «Semey city → Semey city»"),
    ("site,semey\nsemey,-1\n", "negative distances: «Semey city → Semey city»"),
    ("site,semey\nsemey,1e300\n", "over 5,000 km"),
    ("site,semey\nsemey,5\nsemey,6\n", "more than once: «Semey city»"),
    ("site,semey,semey\nsemey,5,6\n", "more than once: «Semey city»"),
    ("site,semey\n", "only a header"),
    ("site,semey\nsemey,5\n".encode("utf-16"), "UTF-16"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not text"),
]


@pytest.mark.parametrize(("content", "message"), CLI_DISTANCE_CASES)
def test_cli_bad_distance_csv(tmp_path, capsys, content, message):
    path = tmp_path / "d.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    code, err, _ = run_site(tmp_path, capsys, "--distances", str(path))
    assert code == 1 and len(err) == 1
    assert err[0].startswith("error: --distances: ") and message in err[0]


def test_cli_all_infinite_distances_name_the_district_in_russian(tmp_path, capsys):
    from planner import load_scenario

    scenario = load_scenario(BAU)
    region = next(r for r in scenario.resolved_baseline().regions if r.id == "abai")
    site_ids = [d.id for d in region.districts] + [lf.id for lf in region.landfills]
    site_ids += [s.id for s in region.sorting_lines]
    path = tmp_path / "d.csv"
    path.write_text("site,semey\n" + "".join(f"{s},inf\n" for s in site_ids), encoding="utf-8")
    code, err, _ = run_site(tmp_path, capsys, "--distances", str(path), lang="ru")
    assert code == 1 and len(err) == 1
    assert err[0].startswith("план невозможен: ") and "«г. Семей»" in err[0]


@pytest.mark.parametrize(
    ("site", "message"),
    [
        ("x1:mars:50:80", "unknown region «mars»"),
        ("x1:abai:95:80", "allowed: 40–56° N"),
        ("x1:abai:50:200", "allowed: 46–88° E"),
        ("x1:abai:fifty:80", "the latitude must be a number"),
        ("Bad-Id:abai:50:80", "may only contain lower-case latin letters"),
        ("x" * 70 + ":abai:50:80", "longer than 64 characters"),
        ("semey:abai:50:80", "already used"),
    ],
)
def test_cli_bad_site(tmp_path, capsys, site, message):
    code, err, _ = run_site(tmp_path, capsys, "--site", site)
    assert code == 1 and len(err) == 1
    assert err[0].startswith("error: --site: ") and message in err[0]
    assert "validation error" not in err[0]


def test_cli_bad_site_in_kazakh(tmp_path, capsys):
    code, err, _ = run_site(tmp_path, capsys, "--site", "x1:mars:50:80", lang="kk")
    assert code == 1 and "белгісіз облыс «mars»" in err[0]


def test_cli_two_bad_sites_two_lines(tmp_path, capsys):
    code, err, _ = run_site(tmp_path, capsys, "--site", "x1:mars:50:80", "--site", "x2:abai:0:0")
    assert code == 1 and len(err) == 3  # region of x1; latitude and longitude of x2


def test_cli_served_share_zero_explains_the_empty_plan(tmp_path, capsys):
    code, err, out = run_site(tmp_path, capsys, "--served-share", "0", lang="ru")
    assert code == 0 and not err
    assert "план не обслуживает спрос" in out
    assert (tmp_path / "p.csv").read_text(encoding="utf-8").startswith("scenario,site,status")


def test_cli_infeasible_is_translated(tmp_path, capsys):
    code, err, _ = run_site(tmp_path, capsys, "--budget-kzt", "1000", lang="kk")
    assert code == 1 and len(err) == 1
    assert err[0].startswith("жоспар мүмкін емес: ") and "ең арзан" in err[0]


def test_cli_unwritable_output_is_one_line(tmp_path, capsys):
    code = main(["site", BAU, "--out", str(tmp_path / "missing" / "p.csv")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and err[0].startswith("error: cannot write")


def test_cli_lines_csv_neutralises_formula_names(tmp_path, capsys, one_district):
    one_district["baseline"]["regions"][0]["sorting_lines"][0]["name"]["en"] = "@SUM(A1:A9)"
    one_district["baseline"]["regions"][0]["districts"][0]["name"]["en"] = "-2+3"
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps(one_district), encoding="utf-8")
    lines = tmp_path / "lines.csv"
    out = tmp_path / "p.csv"
    code = main(
        ["site", str(scenario), "--out", str(out), "--lines", str(lines), "--design-year", "2025"]
    )
    assert code == 0, capsys.readouterr().err
    rows = list(csv.DictReader(lines.read_text(encoding="utf-8").splitlines()))
    assert {r["name"] for r in rows} >= {"'@SUM(A1:A9)", "'-2+3"}
    assert all(not r["name"].startswith(("=", "+", "-", "@")) for r in rows)


def test_defaults_still_load():
    assert load_siting_defaults().min_served_share == 1.0


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ru", "файл не найден"), ("kk", "файл табылмады"), ("en", "file not found")],
)
def test_cli_missing_distance_file_is_one_translated_line(tmp_path, capsys, lang, words):
    code = main(
        [
            "--lang",
            lang,
            "site",
            "01_business_as_usual",
            "--out",
            str(tmp_path / "p.csv"),
            "--distances",
            str(tmp_path / "nothere.csv"),
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1
    assert err[0].startswith("error: --distances: ") and words in err[0]
