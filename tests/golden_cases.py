"""The golden snapshot: every preset's flows, KPI, landfill and economics CSVs and its siting
plans, written by the command line exactly as a user would get them.

The restructure (issue #9) must not change a single figure: ``tests/test_golden.py`` rewrites
these files into a temporary folder and compares them with ``tests/golden/`` (stored gzipped):
text cells exactly, numbers to 1e-12 relative (so a reordered float sum is not a change).
Regenerate only when a figure is *meant* to move (and say why in the commit):

    .venv/bin/python tests/golden_cases.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
PRESETS = sorted((ROOT / "scenarios").glob("*.toml"))
SITE_VARIANTS: dict[str, list[str]] = {
    "default": [],
    "netvalue_single": ["--net-of-value", "--single-source"],
    "budget_maxlines": ["--max-lines", "2", "--drop-announced"],
}
"""Siting options per plan: the default, the net-of-value single-source plan and a
line-limited plan without the announced lines (three different MILP shapes)."""


def write_all(folder: Path) -> list[Path]:
    """Write every golden file into ``folder``; return the paths written."""
    from planner.cli import main

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for preset in PRESETS:
        stem = preset.stem
        paths = {k: folder / f"{stem}.{k}.csv" for k in ("flows", "kpis", "economics", "landfills")}
        code = main(
            [
                "run",
                str(preset),
                "--out",
                str(paths["flows"]),
                "--kpis",
                str(paths["kpis"]),
                "--economics",
                str(paths["economics"]),
                "--landfills",
                str(paths["landfills"]),
            ]
        )
        assert code == 0, preset
        written += paths.values()
        for variant, options in SITE_VARIANTS.items():
            out = folder / f"{stem}.site-{variant}.csv"
            code = main(["site", str(preset), "--out", str(out), *options])
            assert code == 0, (preset, variant)
            written.append(out)
    # the comparison rows of a multi-scenario economics CSV
    out = folder / "all.economics.csv"
    assert (
        main(
            [
                "run",
                *map(str, PRESETS),
                "--out",
                str(folder / "all.flows.csv"),
                "--economics",
                str(out),
            ]
        )
        == 0
    )
    (folder / "all.flows.csv").unlink()
    written.append(out)
    return written


def gzip_all(paths: list[Path], folder: Path) -> None:
    """Store each file gzipped (fixed mtime, so the bytes only change with the content)."""
    import gzip

    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        with gzip.GzipFile(folder / f"{path.name}.gz", "wb", mtime=0) as out:
            out.write(path.read_bytes())


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        files = write_all(Path(tmp))
        for old in GOLDEN.glob("*.csv.gz"):
            old.unlink()
        gzip_all(files, GOLDEN)
    print(f"wrote {len(files)} golden files to {GOLDEN.relative_to(ROOT)}")
    sys.exit(0)
