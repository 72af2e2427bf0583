"""The README agrees with the code: its glossary names every KPI of :data:`planner.kpis.KPIS`
with the table's unit, and its layout names the folders and model modules that exist."""

from __future__ import annotations

import re

from planner import kpis
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    """The text of a ``## title`` section of the README, without the heading."""
    start = README.index(f"\n## {title}")
    end = README.find("\n## ", start + 1)
    return README[start : end if end >= 0 else None].split("\n", 2)[2]


def _glossary_rows() -> list[tuple[str, list[str], str]]:
    """Glossary rows as ``(section, names, unit)``; ``section`` is the last bold row above."""
    rows, section = [], ""
    for line in _section("Glossary (quantities and CSV columns)").splitlines():
        if not line.startswith("| ") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0].startswith("**"):
            section = cells[0]
            continue
        rows.append((section, re.findall(r"`([^`]+)`", cells[0]), cells[1]))
    return rows


def _readme_unit(unit: str) -> str:
    return "-" if unit in {"–", "-"} else unit


def glossary_kpis() -> dict[str, str]:
    """KPI name → unit of the glossary's KPI sections (bold rows naming ``KPIs``)."""
    out: dict[str, str] = {}
    for section, names, unit in _glossary_rows():
        if "KPIs" in section:
            out.update(dict.fromkeys(names, _readme_unit(unit)))
    return out


def test_glossary_parser_reads_the_kpi_rows():
    found = glossary_kpis()
    assert found["landfilled_t"] == "t/yr"
    assert found["npv_cost_kzt"] == "KZT"
    assert "population" not in found  # a scenario field, not a KPI


def _spec(name: str) -> kpis.Kpi | None:
    try:
        return kpis.kpi_spec(name)
    except KeyError:
        return None


def test_glossary_names_every_kpi_with_its_unit():
    found = glossary_kpis()
    for kpi in kpis.KPIS:
        shown = [n for n in found if _spec(n) is kpi]
        assert shown, f"the README glossary does not name the KPI {kpi.name}"
        units = {found[n] for n in shown}
        assert units == {kpi.unit}, (kpi.name, units, kpi.unit)


def test_glossary_names_no_kpi_the_table_lacks():
    unknown = [name for name in glossary_kpis() if _spec(name) is None]
    assert not unknown, f"the README glossary lists KPIs planner.kpis lacks: {unknown}"


IGNORED_FOLDERS = {"__pycache__", "build", "dist", "htmlcov"}
"""Folders a checkout grows (caches, build output) that the layout need not name."""


def _layout_bullets() -> list[tuple[int, str]]:
    """The layout's bullets as ``(depth, text)``, continuation lines joined."""
    bullets: list[tuple[int, str]] = []
    for line in _section("Layout").splitlines():
        stripped = line.lstrip()
        depth = (len(line) - len(stripped)) // 2
        if stripped.startswith("- "):
            bullets.append((depth, stripped[2:]))
        elif stripped and bullets:
            bullets[-1] = (bullets[-1][0], f"{bullets[-1][1]} {stripped}")
    return bullets


def layout_folders() -> set[str]:
    """Top-level folders the layout names (the first name of each top-level bullet)."""
    out = set()
    for depth, text in _layout_bullets():
        names = re.findall(r"`([^`]+)`", text)
        if depth == 0 and names and names[0].endswith("/"):
            out.add(names[0].rstrip("/"))
    return out


def layout_planner() -> dict[str, set[str]]:
    """Modules of ``planner/`` the layout names: ``""`` → top-level modules, ``"siting"`` →
    the modules of ``planner/siting/``…"""
    out: dict[str, set[str]] = {"": set()}
    inside = False
    for depth, text in _layout_bullets():
        names = re.findall(r"`([^`]+)`", text)
        if depth == 0:
            inside = bool(names) and names[0] == "planner/"
        if not inside:
            continue
        package = names[0].rstrip("/") if depth == 1 and names[0].endswith("/") else ""
        modules = {n for n in names if n.endswith(".py")}
        out.setdefault(package, set()).update(modules)
    return out


def test_layout_names_every_top_level_folder():
    on_disk = {
        p.name
        for p in ROOT.iterdir()
        if p.is_dir()
        and not p.name.startswith(".")
        and p.name not in IGNORED_FOLDERS
        and not p.name.endswith(".egg-info")
    }
    assert "planner" in layout_folders()  # the parser works
    assert layout_folders() == on_disk


def test_layout_names_every_planner_module():
    planner_dir = ROOT / "planner"
    on_disk: dict[str, set[str]] = {
        "": {p.name for p in planner_dir.glob("*.py") if p.name != "__init__.py"}
    }
    for init in planner_dir.glob("*/__init__.py"):
        on_disk[init.parent.name] = {
            p.name for p in init.parent.glob("*.py") if p.name != "__init__.py"
        }
    named = layout_planner()
    assert "evaluate.py" in named["economics"]  # the parser works
    assert named == on_disk


def test_readme_links_the_architecture_note():
    assert "(docs/architecture.md)" in _section("Layout")
    assert (ROOT / "docs" / "architecture.md").is_file()
