"""``python -m planner site SCENARIO [options] --out PLAN.csv``: where new sorting lines go.

The planning modules (:mod:`planner.siting.plan`, which loads SciPy's solvers) are imported when
the command runs, not when ``python -m planner`` builds its parser: the other commands start
without SciPy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from planner.i18n import model_catalog
from planner.io import load_scenario, resolve_cli_file, scenario_json
from planner.messages import ScenarioError
from planner.schema import Scenario
from planner.siting.distances import parse_distance_csv
from planner.siting.inputs import InputProblem, PlanInfeasible, Share, SitingInputError
from planner.siting.problem import SitingInfeasible
from planner.siting.quiet import quiet_native_stdout

if TYPE_CHECKING:
    from planner.siting.plan import SitingOptions, SitingPlan


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
        "--own-districts-only",
        action="store_true",
        help="existing and announced lines serve only their own districts",
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
    """Command-line options that cannot be used: one translated line per problem."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("; ".join(lines))

    def print(self) -> None:
        """One line per problem on stderr, each starting with ``error:``."""
        for line in self.lines:
            print(f"error: {line}", file=sys.stderr)


class InfeasibleError(OptionError):
    """No plan meets the options: the translated ``infeasible: …`` line."""

    def print(self) -> None:
        """The reason on stderr."""
        for line in self.lines:
            print(line, file=sys.stderr)


def _flag_line(problem: InputProblem, lang: str) -> str:
    """``--flag: sentence`` for one problem with an option, a site or the distance file."""
    if problem.source == "options":
        field = problem.context["option"].split("[")[0].split(".")[0]
        return f"{OPTION_FLAGS.get(field, field)}: {problem.context['problem'].text(lang)}"
    flag = {"site": "--site", "distances": "--distances"}.get(problem.source)
    return f"{flag}: {problem.text(lang)}" if flag else problem.text(lang)


def _parse_site(spec: str, lang: str) -> dict:
    parts = spec.split(":")
    if len(parts) != 4:
        problem = InputProblem("site", "site.format", {"spec": spec[:80]})
        raise OptionError([problem.text(lang)])
    site_id, region, lat, lon = parts
    return {"id": site_id, "region": region, "name": site_id, "lat": lat, "lon": lon}


def _options(args: argparse.Namespace, scenario: Scenario) -> SitingOptions:
    """Default options with the command line's changes, validated against ``scenario``."""
    from planner.siting.plan import load_siting_defaults, validated_options

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
    if args.own_districts_only:
        data["open_lines_serve_region"] = False
    if args.site:
        data["extra_sites"] = [_parse_site(spec, args.lang) for spec in args.site]
    try:
        options = validated_options(data, scenario)
    except SitingInputError as exc:
        raise OptionError([_flag_line(p, args.lang) for p in exc.problems]) from None
    return options


def _read_distances(path: Path | None, lang: str) -> pd.DataFrame | None:
    if path is None:
        return None
    if not path.is_file():
        raise OptionError([_say("file_not_found", lang, flag="--distances", file=path)])
    try:
        return parse_distance_csv(path.read_bytes())
    except SitingInputError as exc:
        raise OptionError([_flag_line(p, lang) for p in exc.problems]) from None
    except OSError as exc:
        raise OptionError(
            [_say("cannot_read", lang, flag="--distances", file=path, detail=exc.strerror)]
        ) from None


def _say(key: str, lang: str, **values: object) -> str:
    """A command-line text (``cli.<key>`` of the model's catalog) in ``lang``."""
    return model_catalog().text(f"cli.{key}", lang, **values)


def _write(path: Path, text: str, lang: str = "en") -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OptionError([_say("cannot_write", lang, file=path, detail=exc.strerror)]) from None


def _solve(args: argparse.Namespace, scenario: Scenario) -> SitingPlan:
    """The plan for the command line's options; :class:`OptionError` with translated lines."""
    from planner.siting.plan import plan_sorting_lines

    options = _options(args, scenario)
    distances = _read_distances(args.distances, args.lang)
    try:
        with quiet_native_stdout():  # this process owns its stdout: drop HiGHS's debug lines
            return plan_sorting_lines(scenario, options, distance_km=distances)
    except SitingInputError as exc:
        raise OptionError([_flag_line(p, args.lang) for p in exc.problems]) from None
    except PlanInfeasible as exc:
        raise InfeasibleError([exc.line(args.lang)]) from None
    except SitingInfeasible as exc:
        detail = PlanInfeasible(exc.reason, "solver", {"detail": exc.reason})
        raise InfeasibleError([detail.line(args.lang)]) from None


def cmd_site(args: argparse.Namespace) -> int:
    """Solve the siting problem for one scenario and write the plan CSV."""
    from planner.siting.plan import lines_csv, plan_csv

    try:
        scenario = load_scenario(*resolve_cli_file(args.scenario))
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem.line(args.lang), file=sys.stderr)
        return 1
    try:
        plan = _solve(args, scenario)
        _write(args.out, plan_csv(plan, scenario.id), args.lang)
        _report(plan, args)
        if args.lines:
            _write(args.lines, lines_csv(plan, scenario.id), args.lang)
            print(f"wrote {args.lines}")
        if args.apply:
            _write(args.apply, _applied_json(scenario, plan), args.lang)
            print(f"wrote {args.apply}")
    except OptionError as exc:
        exc.print()
        return 1
    return 0


def _report(plan: SitingPlan, args: argparse.Namespace) -> None:
    """Print the plan's totals (or why it is empty) and the file written."""
    s = plan.summary
    if s["served_t"] <= 0:
        share = plan.problem.options.min_served_share
        print(InputProblem("plan", "empty_plan", {"share": Share(share)}).text(args.lang))

    def per_t(value: float) -> str:  # undefined (NaN) when nothing is served
        return "–" if value != value else f"{value:,.0f}"

    print(
        f"{s['new_lines']} new line(s), capex {s['capex_new_kzt']:,.0f} KZT; "
        f"annual cost {s['annual_cost_kzt']:,.0f} KZT/yr = {per_t(s['cost_per_t_kzt'])} KZT/t "
        f"for {s['served_t']:,.0f} t/yr ({s['status']}, {s['solve_time_s']:.2f} s)"
    )
    print(
        f"recovered-material value and avoided landfilling {s['recovered_value_kzt']:,.0f} "
        f"KZT/yr; net {per_t(s['net_cost_per_t_kzt'])} KZT/t"
    )
    print(f"wrote {args.out}")


def _applied_json(scenario: Scenario, plan: SitingPlan) -> str:
    """The scenario with the plan's lines added, as JSON (id ``<id>_sited``)."""
    from planner.siting.plan import apply_plan

    applied = apply_plan(scenario, plan)
    data = applied.model_dump(mode="json")
    data["id"] = f"{scenario.id}_sited"
    suffix = {
        "ru": " + план размещения",
        "kk": " + орналастыру жоспары",
        "en": " + siting plan",
    }
    data["name"] = {k: v + suffix[k] for k, v in data["name"].items()}
    return scenario_json(Scenario.model_validate(data))
