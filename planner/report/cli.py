"""``python -m planner report SCENARIO... --lang ru|kk|en [--reference ID] --out report.pdf
[--xlsx report.xlsx] [--draws N] [--seed S]``: the PDF (and workbook) of one scenario or a
comparison.

``--draws`` (default :data:`planner.report.ranges.REPORT_DRAWS`; 0 = no ranges) and ``--seed``
set the ranges over the uncertain inputs: the same figures as ``python -m planner uncertainty``
of the same scenarios with the same ``--draws`` and ``--seed``.  A negative ``--draws`` is a
usage error (exit 2).

The reference of the levelised costs is ``--reference`` (a scenario id among those given) or
the first scenario.  Problems are one line each in the language, like every other command:
exit 1 for bad scenario files or a baseline without ``[economics]``, exit 2 for a usage error
(an unknown reference) or a file that cannot be written.  fpdf2, matplotlib and openpyxl are
imported only when a report is made, so the other commands start as fast as before.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from planner.i18n import LANGS, model_catalog
from planner.io import load_scenario, resolve_cli_file
from planner.messages import ScenarioError
from planner.report.ranges import REPORT_DRAWS, REPORT_SEED

USAGE_ERRORS = frozenset({"unknown_reference"})
"""Report input problems that are usage errors (exit 2); the others exit 1."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``report`` sub-command."""
    p = sub.add_parser("report", help="write the PDF (and XLSX) report of scenarios")
    p.add_argument(
        "scenarios",
        nargs="+",
        help="scenario files or bundled presets (file stem or id); 1 to 4 for a readable report",
    )
    p.add_argument(
        "--lang",
        dest="report_lang",
        choices=list(LANGS),
        default=None,
        help="language of the report and of messages (default: the global --lang)",
    )
    p.add_argument(
        "--reference",
        metavar="ID",
        help="scenario id the levelised costs are against (default: the first scenario)",
    )
    p.add_argument("--out", required=True, type=Path, help="PDF file to write")
    p.add_argument("--xlsx", type=Path, help="XLSX workbook to write")
    p.add_argument(
        "--draws",
        type=int,
        default=REPORT_DRAWS,
        metavar="N",
        help=(
            f"draws of the ranges over the uncertain inputs (default {REPORT_DRAWS}, as the "
            "app's Report button: it keeps a four-scenario report within its 10 s budget; "
            "256 add about 0.2 s of CPU, 1000 about 0.8 s; 0 = no ranges)"
        ),
    )
    p.add_argument(
        "--seed",
        type=int,
        default=REPORT_SEED,
        help=f"seed of the ranges' draws (default {REPORT_SEED})",
    )
    p.set_defaults(handler=cmd_report)


def _say(key: str, lang: str, **values: object) -> str:
    return model_catalog().text(key, lang, **values)


def _inputs(names: list[str], lang: str):
    """The scenarios the arguments name, with their files' digests; ``None`` after printing
    every problem."""
    from planner.report import ScenarioInput

    inputs, failed = [], False
    for arg in names:
        try:
            path, name = resolve_cli_file(arg)
            scenario = load_scenario(path, name)
        except ScenarioError as exc:
            for problem in exc.problems:
                print(problem.line(lang), file=sys.stderr)
            failed = True
            continue
        inputs.append(ScenarioInput.from_file(scenario, name, path.read_bytes()))
    return None if failed else inputs


_frozen = False
"""Whether :func:`_import_renderers` has frozen the collector's view of the process."""


def _import_renderers() -> None:
    """Import the renderers (matplotlib, fpdf2) without the cyclic garbage collector, then
    freeze what is alive, once per process (:func:`gc.freeze`).

    The imports leave some 150,000 objects alive that the collector tracks; each full
    collection walks them all (two or three during the imports and the report, about 0.1 s
    each), and so does the one at interpreter exit (0.2–0.4 s).  Frozen, the imported
    modules' objects, which live as long as the process anyway, are no longer walked: a
    four-scenario report takes 0.3–0.5 s less CPU.  Freezing once bounds what a process that
    makes several reports keeps out of collection (what is alive at its first report).
    """
    global _frozen
    enabled = gc.isenabled()
    gc.disable()
    try:
        import planner.report.pdf
        import planner.report.xlsx  # noqa: F401
    finally:
        if not _frozen:
            gc.freeze()
            _frozen = True
        if enabled:
            gc.enable()


def cmd_report(args: argparse.Namespace) -> int:
    """Write the report; print what was written (and the cheapest option) on stdout."""
    _import_renderers()
    from planner.report import ReportInputError, report_content, report_data
    from planner.report.pdf import render_pdf
    from planner.report.xlsx import render_xlsx

    lang = args.report_lang or args.lang
    args.lang = lang  # the caller's last-resort messages speak the report's language
    if args.draws < 0:
        print(_say("report.bad_draws", lang, draws=args.draws), file=sys.stderr)
        return 2
    inputs = _inputs(args.scenarios, lang)
    if inputs is None:
        return 1
    try:
        data = report_data(inputs, args.reference, draws=args.draws, seed=args.seed)
    except ReportInputError as exc:
        print(_say(f"report.{exc.code}", lang, **exc.values), file=sys.stderr)
        return 2 if exc.code in USAGE_ERRORS else 1
    content = report_content(data, lang)
    args.out.write_bytes(render_pdf(content))
    print(_say("cli.wrote", lang, file=args.out))
    if args.xlsx:
        args.xlsx.write_bytes(render_xlsx(content))
        print(_say("cli.wrote", lang, file=args.xlsx))
    print(content.overall)
    if len(data.ids) >= 2:  # the same lines as ``run --economics`` prints, for scripts
        from planner.economics import summary_lines

        print("\n".join(summary_lines(data.comparison)))
    return 0
