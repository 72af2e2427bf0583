"""``python -m planner site SCENARIO [options] --out PLAN.csv``: where new sorting lines go."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from planner.io import load_scenario
from planner.messages import ScenarioError
from planner.siting import SitingInfeasible
from planner.siting_plan import (
    CandidateSite,
    apply_plan,
    load_siting_defaults,
    plan_csv,
    plan_sorting_lines,
)


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
        "--apply",
        type=Path,
        metavar="SCENARIO.json",
        help="also write the scenario with the chosen lines added",
    )
    p.set_defaults(handler=cmd_site)


def _options(args: argparse.Namespace):
    defaults = load_siting_defaults()
    update = {}
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
            update[field] = getattr(args, arg)
    if args.single_source:
        update["single_source"] = True
    if args.net_of_value:
        update["net_of_value"] = True
    if args.drop_announced:
        update["keep_announced"] = False
    sites = []
    for spec in args.site:
        site_id, region, lat, lon = spec.split(":")
        sites.append(
            CandidateSite(id=site_id, region=region, name=site_id, lat=float(lat), lon=float(lon))
        )
    if sites:
        update["extra_sites"] = sites
    data = defaults.model_dump()
    data.update(update)
    return type(defaults).model_validate(data)


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
    except (ValueError, TypeError) as exc:
        print(f"error: invalid option: {exc}", file=sys.stderr)
        return 1
    distances = pd.read_csv(args.distances, index_col=0) if args.distances else None
    try:
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
    print(f"wrote {args.out}")
    if args.apply:
        from planner.io import scenario_json

        args.apply.write_text(scenario_json(apply_plan(scenario, plan)), encoding="utf-8")
        print(f"wrote {args.apply}")
    return 0
