"""The wheel is complete: ``pip install .`` in a fresh virtual environment runs a bundled preset
from another folder (the presets ship as the data package ``msw_scenarios``)."""

from __future__ import annotations

import shutil
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the project's wheel installed (no dependencies: those are taken from
    this interpreter's site-packages through a ``.pth`` line, which does not load the checkout's
    editable finder, so ``planner`` comes from the wheel)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("planner", "msw_app", "scenarios"):  # a clean copy: no stale build/ folder
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--disable-pip-version-check",
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "_test_deps.pth").write_text(deps + "\n", encoding="utf-8")
    return python


def test_wheel_runs_a_bundled_preset_from_another_folder(installed: Path, tmp_path: Path) -> None:
    script = (
        "import planner, planner.io as io\n"
        "assert 'site-packages' in planner.__file__, planner.__file__\n"
        "presets = io.load_presets()\n"
        "print(sorted(presets))\n"
        "print(io.SCENARIO_DIR)\n"
    )
    out = subprocess.run(
        [str(installed), "-c", script], cwd=tmp_path, check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert out[0] == "['announced', 'bau', 'reformed_epr', 'separate_collection', 'target_40_2030']"
    scenario_dir = Path(out[1])
    assert "site-packages" in str(scenario_dir) and ROOT not in scenario_dir.parents
    flows = tmp_path / "flows.csv"
    run = subprocess.run(
        [
            str(installed),
            "-m",
            "planner",
            "run",
            str(scenario_dir / "01_business_as_usual.toml"),
            "--out",
            str(flows),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert flows.read_text(encoding="utf-8").startswith(
        "scenario,region,district,year,material,flow,tonnes\n"
    )
