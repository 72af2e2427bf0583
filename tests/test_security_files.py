"""Files a scenario may name: bundled names, files under its own folder, nothing else.

An uploaded scenario must not read the server's files, show a server path, tell whether a file
exists, or quote a file that is not a scenario (issue #10, "Files").
"""

from __future__ import annotations

import json
import os

import pytest

from planner.cli import main
from planner.io import (
    SCENARIO_DIR,
    bundled_baselines,
    bundled_presets,
    load_presets,
    load_scenario,
    load_scenario_text,
    validate_file,
)
from planner.messages import LANGUAGES, ScenarioError, is_translated
from tests.conftest import ROOT

NAMES = 'name = {ru = "a", kk = "a", en = "a"}\n'
SECRET = "Sup3r-Secret-Token"


def scenario_text(**fields: str) -> str:
    """A scenario's TOML with ``fields`` (values are TOML literals)."""
    lines = ['id = "mine"', NAMES.strip()] + [f"{k} = {v}" for k, v in fields.items()]
    return "\n".join(lines) + "\n"


def problems_of(call, *args):
    with pytest.raises(ScenarioError) as info:
        call(*args)
    return info.value.problems


def all_texts(problems) -> str:
    return "\n".join(p.line(lang) for p in problems for lang in LANGUAGES)


@pytest.fixture
def planted(tmp_path):
    """A folder ``tmp/scen`` for the user's files and secrets beside it, outside the folder."""
    folder = tmp_path / "scen"
    folder.mkdir()
    secret = {"id": SECRET, "base_year": "hunter2", "regions": [{"id": SECRET}]}
    (tmp_path / "secret.json").write_text(json.dumps(secret), encoding="utf-8")
    (tmp_path / "secret.toml").write_text(f'build-system = "{SECRET}"\n', encoding="utf-8")
    return folder


# -- bundled names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["abai_ulytau", "abai_ulytau.toml", "baseline/abai_ulytau.toml", "baseline/abai_ulytau"]
)
def test_upload_names_the_bundled_baseline(name):
    scenario = load_scenario_text(scenario_text(baseline=json.dumps(name)), "up.toml")
    assert scenario.resolved_baseline().id == "abai_ulytau"


@pytest.mark.parametrize("name", ["02_announced_projects", "02_announced_projects.toml"])
def test_upload_extends_a_bundled_preset_by_name(name):
    scenario = load_scenario_text(scenario_text(extends=json.dumps(name)), "up.toml")
    announced = load_presets()["announced"]
    assert scenario.levers == announced.levers
    assert scenario.resolved_baseline() == announced.resolved_baseline()


def test_bundled_names_are_the_presets_and_baselines():
    assert sorted(bundled_baselines()) == ["abai_ulytau"]  # siting.toml is not a baseline
    assert "02_announced_projects" in bundled_presets()


def test_every_bundled_file_still_validates():
    assert len(load_presets()) == len(bundled_presets())
    for path in bundled_baselines().values():
        assert validate_file(path).id


def test_a_scenario_on_disk_names_the_bundled_baseline_by_name(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(scenario_text(baseline='"abai_ulytau"'), encoding="utf-8")
    assert load_scenario(path).resolved_baseline().id == "abai_ulytau"


# -- files under the folder of the naming file -------------------------------------------------


def test_a_file_beside_the_scenario_may_be_named(planted, one_district):
    baseline = one_district.pop("baseline")
    (planted / "sub").mkdir()
    (planted / "sub" / "base.json").write_text(json.dumps(baseline), encoding="utf-8")
    one_district["baseline"] = "sub/base.json"
    (planted / "s.json").write_text(json.dumps(one_district), encoding="utf-8")
    assert load_scenario(planted / "s.json").resolved_baseline().id == "tiny"


def test_uploads_may_not_name_files_on_disk(planted, one_district):
    baseline = one_district.pop("baseline")
    (planted / "base.json").write_text(json.dumps(baseline), encoding="utf-8")
    one_district["baseline"] = "base.json"
    (p,) = problems_of(load_scenario_text, json.dumps(one_district), "up.json")
    assert p.type == "unknown_baseline" and p.field == "baseline" and p.file == "up.json"


@pytest.mark.parametrize(
    "reference",
    [
        "../secret.json",
        "../secret.toml",
        "sub/../../secret.json",
        "..\\secret.json",
        "ABSOLUTE",
        "LINK",
        "../nothere.toml",
        "/etc/passwd.toml",
        "C:/Windows/win.ini.toml",
    ],
)
@pytest.mark.parametrize("field", ["baseline", "extends"])
def test_escaping_references_are_refused_without_a_trace(planted, monkeypatch, reference, field):
    if reference == "ABSOLUTE":
        reference = str(planted.parent / "secret.json")
    if reference == "LINK":
        os.symlink(planted.parent / "secret.json", planted / "link.json")
        reference = "link.json"
    text = scenario_text(**{field: json.dumps(reference)})
    (planted / "s.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(planted)
    found = [
        problems_of(load_scenario, "s.toml"),
        problems_of(load_scenario_text, text, "s.toml"),
        problems_of(load_scenario_text, text.encode(), "s.toml"),
    ]
    for problems in found:
        (p,) = problems
        assert p.field == field
        assert p.type in ("reference_outside", "unknown_baseline", "unknown_preset")
        assert is_translated(p)
        texts = all_texts(problems)
        assert SECRET not in texts and "hunter2" not in texts and "build-system" not in texts
        assert str(planted) not in texts and str(SCENARIO_DIR) not in texts
        assert str(ROOT) not in texts
    # From the command line: exit 1, one line, nothing leaked.
    for command in ("validate", "run"):
        argv = [command, "s.toml"] + (["--out", "x.csv"] if command == "run" else [])
        assert main(argv) == 1
    assert not (planted / "x.csv").exists()


def test_the_cli_reports_escapes_in_every_language(planted, monkeypatch, capsys):
    (planted / "s.toml").write_text(scenario_text(baseline='"../secret.json"'), encoding="utf-8")
    monkeypatch.chdir(planted)
    for lang in LANGUAGES:
        assert main(["--lang", lang, "validate", "s.toml"]) == 1
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and err.startswith("s.toml: baseline: ")
        assert SECRET not in err and str(planted) not in err and "Traceback" not in err
    assert "за пределы папки" in _last_err(capsys, planted, "ru")


def _last_err(capsys, planted, lang):
    main(["--lang", lang, "validate", "s.toml"])
    return capsys.readouterr().err


def test_a_named_file_that_is_not_a_baseline_is_not_quoted(planted):
    (planted / "pyproject.toml").write_text(
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (planted / "planted.json").write_text(
        json.dumps({"id": SECRET, "base_year": "hunter2"}), encoding="utf-8"
    )
    for name in ("pyproject.toml", "planted.json"):
        for field in ("baseline", "extends"):
            path = planted / "s.toml"
            path.write_text(scenario_text(**{field: json.dumps(name)}), encoding="utf-8")
            (p,) = problems_of(load_scenario, path)
            assert p.type == ("not_a_baseline" if field == "baseline" else "not_a_scenario")
            texts = all_texts([p])
            assert "build-system" not in texts and SECRET not in texts and "hunter2" not in texts
            assert name in p.text("en")


def test_a_missing_name_lists_the_bundled_ones_and_nothing_else(planted):
    (planted / "other.toml").write_text('id = "x"\n', encoding="utf-8")
    for field, listed in (("baseline", "abai_ulytau"), ("extends", "02_announced_projects")):
        text = scenario_text(**{field: '"nothere.toml"'})
        for problems in (
            problems_of(load_scenario_text, text, "up.toml"),
            problems_of(load_scenario, _write(planted / "s.toml", text)),
        ):
            (p,) = problems
            assert "nothere.toml" in p.text("en") and listed in p.text("en")
            assert "other.toml" not in all_texts(problems)
            assert not any(str(planted) in p.text(lang) for lang in LANGUAGES)


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


# -- extends ---------------------------------------------------------------------------------


def test_an_extends_cycle_is_named_as_a_cycle(tmp_path):
    _write(tmp_path / "a.toml", scenario_text(extends='"b.toml"', baseline='"abai_ulytau"'))
    _write(tmp_path / "b.toml", scenario_text(extends='"a.toml"'))
    (p,) = problems_of(load_scenario, tmp_path / "a.toml")
    assert p.type == "extends_cycle" and p.field == "extends"
    assert "a.toml extends b.toml extends a.toml" in p.text("en").replace(str(tmp_path) + "/", "")
    assert "extends" in p.text("ru") and "extends" in p.text("kk")


def test_a_file_extending_itself_is_a_cycle(tmp_path):
    _write(tmp_path / "a.toml", scenario_text(extends='"a.toml"'))
    (p,) = problems_of(load_scenario, tmp_path / "a.toml")
    assert p.type == "extends_cycle"


def test_too_long_an_extends_chain(tmp_path):
    for i in range(8):
        _write(tmp_path / f"s{i}.toml", scenario_text(extends=f'"s{i + 1}.toml"'))
    _write(tmp_path / "s8.toml", scenario_text(baseline='"abai_ulytau"'))
    (p,) = problems_of(load_scenario, tmp_path / "s0.toml")
    assert p.type == "extends_too_deep" and "5" in p.text("kk")


@pytest.mark.parametrize("value", ["3", "[1, 2]", '""', "{a = 1}"])
def test_extends_and_baseline_must_be_names(value):
    for field in ("extends", "baseline"):
        problems = problems_of(load_scenario_text, scenario_text(**{field: value}), "up.toml")
        if field == "baseline" and value.startswith("{"):  # inline baseline data, checked as such
            assert problems[0].file == "up.toml (baseline)"
        else:
            assert problems[0].field == field
        assert all(is_translated(p) for p in problems)


def test_extends_with_levers_of_the_wrong_type_is_a_problem_not_a_crash():
    text = scenario_text(extends='"02_announced_projects"', levers='"x"', sources="[1]")
    problems = problems_of(load_scenario_text, text, "up.toml")
    assert {p.field for p in problems} >= {"levers", "sources"}


# -- the command line takes bundled presets by name -------------------------------------------


def test_run_a_bundled_preset_by_stem_and_by_id(tmp_path, capsys):
    for name in ("02_announced_projects", "announced"):
        out = tmp_path / f"{name}.csv"
        assert main(["run", name, "--out", str(out)]) == 0
        assert out.read_text(encoding="utf-8").splitlines()[1].startswith("announced,")
    assert main(["validate", "announced", "abai_ulytau", "02_announced_projects.toml"]) == 0
    out = capsys.readouterr().out
    assert "announced: valid" in out and "abai_ulytau: valid" in out
    assert str(SCENARIO_DIR) not in out


def test_an_unknown_cli_name_lists_the_presets(capsys):
    assert main(["validate", "no_such_preset"]) == 1
    err = capsys.readouterr().err
    assert "not found" in err and "02_announced_projects" in err and len(err.splitlines()) == 1


def test_cli_help_documents_bundled_names(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    assert "02_announced_projects" in capsys.readouterr().out
