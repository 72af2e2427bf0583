"""Command line: ``python -m planner run|validate|schema``.

- ``run SCENARIO [SCENARIO ...] --out FLOWS.csv [--kpis KPIS.csv] [--economics ECON.csv]
  [--landfills LANDFILLS.csv]``
  projects scenarios and writes the tidy flows CSV
  (``scenario,region,district,year,material,flow,tonnes``), optionally the KPI CSV
  (``scenario,region,district,year,kpi,value``; with money and emissions KPIs when the
  baseline has an ``[economics]`` table) and the economics CSV
  (``scenario,region,year,item,payer,value,unit``; the first scenario is the comparison base).
- ``validate FILE [FILE ...]`` checks scenario or baseline files: exit 0 when valid, otherwise
  exit 1 and one line per problem (file, field path, what is allowed).
  A valid scenario is also projected and warned about (still exit 0) for every region and
  year whose landfilled waste had no operating landfill
  (:func:`planner.projection.unplaced_warnings`).
- ``schema`` prints the JSON Schema of scenario files.
- ``site SCENARIO --out PLAN.csv ...`` chooses where new sorting lines go
  (:mod:`planner.siting.cli`).
- ``uncertainty SCENARIO... --draws 1000 --seed 1 --out quantiles.csv [--sensitivity
  tornado.csv]`` samples the input ranges and writes the KPI quantiles and probabilities
  (:mod:`planner.uncertainty.tables`).
- ``report SCENARIO... --lang ru|kk|en [--reference ID] --out REPORT.pdf [--xlsx REPORT.xlsx]``
  writes the PDF (and workbook) of one scenario or a comparison (:mod:`planner.report.cli`).

A SCENARIO or FILE is a path or the name of a bundled preset: its file stem or its id
(``python -m planner run 02_announced_projects --out flows.csv``, ``validate announced``);
``validate`` also takes a bundled baseline's stem (``abai_ulytau``).  Bad input of any kind
(not UTF-8, UTF-16, binary, too large, nested too deep, too many keys, a ``baseline`` or
``extends`` that is missing or leads out of the file's folder) gives one line per problem in
the ``--lang`` language and exit code 1; an unexpected failure gives one line and exit 1 too,
never a traceback.  Exit 2: a usage error or an output file that cannot be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from planner.export import (
    write_economics_csv,
    write_flows_csv,
    write_kpis_csv,
    write_landfills_csv,
)
from planner.i18n import model_catalog
from planner.io import load_scenario, resolve_cli_file, validate_file
from planner.messages import ScenarioError, shown, warning_text
from planner.projection import project, unplaced_warnings
from planner.report.cli import register as register_report
from planner.schema import Scenario
from planner.siting.cli import register as register_siting
from planner.uncertainty.tables import register as register_uncertainty

_TEXTS = model_catalog()

_NAMES_HELP = (
    "scenario files (TOML or JSON), or bundled presets by file stem or id "
    "(e.g. 02_announced_projects or announced)"
)


def _say(key: str, lang: str, **values: object) -> str:
    """A command-line text of the model's catalog in ``lang``."""
    return _TEXTS.text(f"cli.{key}", lang, **values)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m planner",
        description="MSW scenario planner (Abai and Ulytau regions)",
        epilog=(
            "SCENARIO/FILE may be a path or a bundled preset's file stem or id, e.g. "
            "'python -m planner run 02_announced_projects --out flows.csv'. "
            "Bad input: one line per problem, exit code 1."
        ),
    )
    parser.add_argument(
        "--lang", choices=["ru", "kk", "en"], default="en", help="language of error messages"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="project scenarios and write tidy CSVs")
    run.add_argument("scenarios", nargs="+", help=_NAMES_HELP)
    run.add_argument("--out", required=True, type=Path, help="flows CSV to write")
    run.add_argument("--kpis", type=Path, help="KPI CSV to write")
    run.add_argument(
        "--economics",
        type=Path,
        help="economics CSV to write (costs by payer, emissions; compared with the first scenario)",
    )
    run.add_argument(
        "--landfills",
        type=Path,
        help="landfill CSV to write (deposits, remaining capacity, years left, year full)",
    )
    validate = sub.add_parser(
        "validate", help="check scenario or baseline files (paths or bundled names)"
    )
    validate.add_argument(
        "file",
        nargs="+",
        help=_NAMES_HELP + "; bundled baselines by stem (e.g. abai_ulytau)",
    )
    sub.add_parser("schema", help="print the JSON Schema of scenario files")
    register_siting(sub)
    register_uncertainty(sub)
    register_report(sub)
    return parser


def _print_problems(error: ScenarioError, lang: str) -> None:
    """One line per problem on stderr (file names shown as the user gave them)."""
    for problem in error.problems:
        print(problem.line(lang), file=sys.stderr)


def cmd_run(args: argparse.Namespace) -> int:
    """Project each scenario; write the flows (and KPI) CSV."""
    scenarios: list[Scenario] = []
    failed = False
    for arg in args.scenarios:
        try:
            scenarios.append(load_scenario(*resolve_cli_file(arg)))
        except ScenarioError as exc:
            _print_problems(exc, args.lang)
            failed = True
    if failed:
        return 1
    results = [project(s) for s in scenarios]
    economics = []
    if args.kpis or args.economics:
        from planner.economics import evaluate

        with_params = [s.resolved_baseline().economics is not None for s in scenarios]
        if args.economics and not all(with_params):
            missing = [s.id for s, ok in zip(scenarios, with_params, strict=True) if not ok]
            print(_say("needs_economics", args.lang, ids=", ".join(missing)), file=sys.stderr)
            return 1
        if all(with_params):
            try:
                economics = [evaluate(s, r) for s, r in zip(scenarios, results, strict=True)]
            except ValueError as exc:
                print(_say("error", args.lang, detail=shown(str(exc))), file=sys.stderr)
                return 1
    write_flows_csv(results, args.out)
    print(_say("wrote", args.lang, file=args.out) + f" ({len(results)})")
    if args.kpis:
        write_kpis_csv(results, args.kpis, economics)
        print(_say("wrote", args.lang, file=args.kpis))
    if args.economics:
        write_economics_csv(economics, args.economics)
        print(_say("wrote", args.lang, file=args.economics))
        if len(economics) >= 2:
            from planner.economics.compare import compare, summary_lines

            print("\n".join(summary_lines(compare(economics, economics[0].scenario))))
    if args.landfills:
        write_landfills_csv(results, args.landfills)
        print(_say("wrote", args.lang, file=args.landfills))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate files; print one line per problem; exit 1 if any file has a problem."""
    failed = False
    for arg in args.file:
        try:
            checked = validate_file(*resolve_cli_file(arg))
        except ScenarioError as exc:
            _print_problems(exc, args.lang)
            failed = True
        else:
            print(_say("valid", args.lang, file=arg))
            if isinstance(checked, Scenario):
                _print_warnings(arg, checked, args.lang)
    return 1 if failed else 0


def _print_warnings(path: str | Path, scenario: Scenario, lang: str) -> None:
    """Warn (on stdout) about landfilled waste that no operating landfill took."""
    for w in unplaced_warnings(project(scenario)):
        text = warning_text(
            "unplaced_landfilled",
            lang,
            region=w.region,
            year=w.year,
            tonnes=f"{w.tonnes:,.0f}",
            districts=", ".join(w.districts),
        )
        print(f"{path}: {text}")


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of scenario files."""
    print(json.dumps(Scenario.model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = _parser().parse_args(argv)
    handlers = {"run": cmd_run, "validate": cmd_validate, "schema": cmd_schema}
    handler = handlers.get(args.command) or args.handler
    try:
        return handler(args)
    except ScenarioError as exc:  # e.g. from a subcommand that does not catch it itself
        _print_problems(exc, args.lang)
        return 1
    except OSError as exc:  # an output file that cannot be written
        print(_say("error", args.lang, detail=shown(str(exc))), file=sys.stderr)
        return 2
    except (Exception, RecursionError, MemoryError) as exc:  # last resort: never a traceback
        print(_say("internal", args.lang, kind=type(exc).__name__), file=sys.stderr)
        return 1
