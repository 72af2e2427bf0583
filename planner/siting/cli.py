"""``python -m planner site SCENARIO [options] --out PLAN.csv``: where new sorting lines go."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from planner.io import load_scenario, problems_from, scenario_json
from planner.messages import ScenarioError
from planner.schema import Scenario
from planner.siting.plan import (
    SitingOptions,
    apply_plan,
    load_siting_defaults,
    plan_csv,
    plan_sorting_lines,
)
from planner.siting.problem import SitingInfeasible
from planner.siting.quiet import quiet_native_stdout


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``site`` sub-command."""
    p = sub.add_parser("site", help="choose where new sorting lines go (MILP)")
    p.add_argument("scenario", type=Path)
    p.add_argument("--out", required=True, type=Path, help="plan CSV to write")
    p.add_argument("--design-year", type=int, help="year whose demand must be served")
    p.add_argument("--budget-kzt", type=float, help="capex budget for new lines [KZT]")
    p.add_argument("--max-lines", type=int, help="maximum number of new lines")
    p.add_argument("--served-share", type=float, help="share of demand to serve (0-1)")
    p.add_argument("--transport-kzt-per-t-km", type=float, help="haul cost [KZT/(t·km)]")
    p.add_argument("--circuity", type=float, help="road ÷ great-circle distance")
    p.add_argument("--discount-rate", type=float, help="for the capex annuity [1/yr]")
    p.add_argument("--single-source", action="store_true", help="one line per district")
    p.add_argument(
        "--net-of-value",
        action="store_true",
        help="subtract recovered-material value and avoided landfilling",
    )
    p.add_argument(
        "--drop-announced",
        action="store_true",
        help="do not treat the scenario's new lines as decided",
    )
    p.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="ID:REGION:LAT:LON",
        help="add a candidate site (repeatable)",
    )
    p.add_argument(
        "--distances",
        type=Path,
        help="CSV of road distances [km]: first column site id, then district ids",
    )
    p.add_argument(
        "--lines",
        type=Path,
        metavar="LINES.csv",
        help="also write one row per open line (capacity, capex, annual cost, load)",
    )
    p.add_argument(
        "--apply",
        type=Path,
        metavar="SCENARIO.json",
        help="also write the scenario with the chosen lines added (id <id>_sited)",
    )
    p.set_defaults(handler=cmd_site)


OPTION_FLAGS = {
    "design_year": "--design-year",
    "capex_budget_kzt": "--budget-kzt",
    "max_new_lines": "--max-lines",
    "min_served_share": "--served-share",
    "transport_kzt_per_t_km": "--transport-kzt-per-t-km",
    "circuity": "--circuity",
    "discount_rate": "--discount-rate",
    "extra_sites": "--site",
}


class OptionError(ValueError):
    """A command-line option that cannot be used, with the reason."""


def _parse_site(spec: str) -> dict:
    parts = spec.split(":")
    if len(parts) != 4:
        raise OptionError(f"--site expects ID:REGION:LAT:LON, got {spec!r}")
    site_id, region, lat, lon = parts
    try:
        return {
            "id": site_id,
            "region": region,
            "name": site_id,
            "lat": float(lat),
            "lon": float(lon),
        }
    except ValueError:
        raise OptionError(f"--site {spec!r}: latitude and longitude must be numbers") from None


def _options(args: argparse.Namespace) -> SitingOptions:
    """Default options with the command line's changes, validated."""
    defaults = load_siting_defaults()
    data = defaults.model_dump()
    for arg, field in [
        ("design_year", "design_year"),
        ("budget_kzt", "capex_budget_kzt"),
        ("max_lines", "max_new_lines"),
        ("served_share", "min_served_share"),
        ("transport_kzt_per_t_km", "transport_kzt_per_t_km"),
        ("circuity", "circuity"),
        ("discount_rate", "discount_rate"),
    ]:
        if getattr(args, arg) is not None:
            data[field] = getattr(args, arg)
    if args.single_source:
        data["single_source"] = True
    if args.net_of_value:
        data["net_of_value"] = True
    if args.drop_announced:
        data["keep_announced"] = False
    if args.site:
        data["extra_sites"] = [_parse_site(spec) for spec in args.site]
    try:
        return SitingOptions.model_validate(data)
    except ValidationError as exc:
        problems = problems_from(exc, "options", SitingOptions)
        lines = [
            f"{OPTION_FLAGS.get(p.field.split('[')[0].split('.')[0], p.field)}: {p.text(args.lang)}"
            for p in problems
        ]
        raise OptionError("; ".join(lines)) from None


def _read_distances(path: Path | None) -> pd.DataFrame | None:
    if path is None:
        return None
    if not path.is_file():
        raise OptionError(f"--distances: file not found: {path}")
    try:
        return pd.read_csv(path, index_col=0).astype(float)
    except (ValueError, pd.errors.ParserError) as exc:
        raise OptionError(f"--distances {path}: not a table of numbers ({exc})") from None


def cmd_site(args: argparse.Namespace) -> int:
    """Solve the siting problem for one scenario and write the plan CSV."""
    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem.line(args.lang), file=sys.stderr)
        return 1
    try:
        options = _options(args)
        distances = _read_distances(args.distances)
    except OptionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        with quiet_native_stdout():  # this process owns its stdout: drop HiGHS's debug lines
            plan = plan_sorting_lines(scenario, options, distance_km=distances)
    except SitingInfeasible as exc:
        print(f"infeasible: {exc.reason}", file=sys.stderr)
        return 1
    args.out.write_text(plan_csv(plan, scenario.id), encoding="utf-8")
    s = plan.summary
    print(
        f"{s['new_lines']} new line(s), capex {s['capex_new_kzt']:,.0f} KZT; "
        f"annual cost {s['annual_cost_kzt']:,.0f} KZT/yr = {s['cost_per_t_kzt']:,.0f} KZT/t "
        f"for {s['served_t']:,.0f} t/yr ({s['status']}, {s['solve_time_s']:.2f} s)"
    )
    print(
        f"recovered-material value and avoided landfilling {s['recovered_value_kzt']:,.0f} "
        f"KZT/yr; net {s['net_cost_per_t_kzt']:,.0f} KZT/t"
    )
    print(f"wrote {args.out}")
    if args.lines:
        lines = plan.lines.copy()
        lines.insert(0, "scenario", scenario.id)
        args.lines.write_text(lines.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
        print(f"wrote {args.lines}")
    if args.apply:
        applied = apply_plan(scenario, plan)
        data = applied.model_dump(mode="json")
        data["id"] = f"{scenario.id}_sited"
        suffix = {
            "ru": " + план размещения",
            "kk": " + орналастыру жоспары",
            "en": " + siting plan",
        }
        data["name"] = {k: v + suffix[k] for k, v in data["name"].items()}
        args.apply.write_text(scenario_json(Scenario.model_validate(data)), encoding="utf-8")
        print(f"wrote {args.apply}")
    return 0
