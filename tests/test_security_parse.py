"""Bad bytes get one clear, translated problem: binary, UTF-16, not UTF-8, BOM, deep nesting,
huge key counts, huge files; the problem list is bounded (issue #10, "No traceback, ever")."""

from __future__ import annotations

import json

import pytest

from planner.cli import main
from planner.io import SCENARIO_DIR, load_scenario, load_scenario_text
from planner.messages import LANGUAGES, MAX_PROBLEMS, ScenarioError, is_translated
from planner.parsing import (
    MAX_NESTING_DEPTH,
    MAX_SCENARIO_BYTES,
    MAX_VALUES,
    nesting_depth,
)

PRESET = (SCENARIO_DIR / "02_announced_projects.toml").read_text(encoding="utf-8")
GOOD = PRESET.replace('baseline = "baseline/abai_ulytau.toml"', 'baseline = "abai_ulytau"')


def deep(fmt: str, depth: int) -> bytes:
    if fmt == "json":
        return ('{"id": ' + "[" * depth + "]" * depth + "}").encode()
    return ("id = " + "[" * depth + "]" * depth + "\n").encode()


def many_keys(fmt: str, count: int) -> bytes:
    if fmt == "json":
        return json.dumps({f"k{i}": i for i in range(count)}).encode()
    return "".join(f"k{i} = {i}\n" for i in range(count)).encode()


CASES = {
    # name: (bytes, suffix, problem type)
    "binary": (b"PK\x03\x04\x00\x00\x08\x00binary\xff\xfe", "toml", "binary_file"),
    "utf16": (GOOD.encode("utf-16"), "toml", "utf16_file"),
    "utf16_no_bom": (GOOD.encode("utf-16-le"), "toml", "utf16_file"),
    "utf32": (GOOD.encode("utf-32"), "json", "utf16_file"),
    "latin1": ('id = "café"\n'.encode("latin-1"), "toml", "not_utf8"),
    "deep_toml": (deep("toml", 10_000), "toml", "too_deep"),
    "deep_json": (deep("json", 10_000), "json", "too_deep"),
    "deep_dotted": (("a" + ".a" * 5000 + " = 1\n").encode(), "toml", "too_deep"),
    "many_keys_toml": (many_keys("toml", MAX_VALUES + 5_000), "toml", "too_many_values"),
    "many_keys_json": (many_keys("json", MAX_VALUES + 5_000), "json", "too_many_values"),
    "huge": (b'description = "' + b"x" * MAX_SCENARIO_BYTES + b'"\n', "toml", "too_large"),
    "long_key": (('"' + "k" * 5000 + '" = 1\n').encode(), "toml", "key_too_long"),
    "top_list": (b"[1, 2]", "json", "not_a_table"),
    "big_int": (b'{"id": ' + b"9" * 5000 + b"}", "json", "malformed"),
    "bad_toml": (b'id = "x"\nname = {ru = "a"', "toml", "malformed"),
}


def _only_problem(call, *args):
    with pytest.raises(ScenarioError) as info:
        call(*args)
    (problem,) = info.value.problems
    assert is_translated(problem)
    return problem


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_bytes_give_one_translated_problem(case, tmp_path, capsys):
    data, fmt, kind = CASES[case]
    name = f"{case}.{fmt}"
    # The upload path (bytes, as the app receives them)...
    assert _only_problem(load_scenario_text, data, name).type == kind
    # ... a file on disk ...
    path = tmp_path / name
    path.write_bytes(data)
    problem = _only_problem(load_scenario, path)
    assert problem.type == kind and problem.file == str(path)
    # ... and the command line, in every language: one line, exit 1, no traceback.
    runs = [["--lang", lang, "validate", str(path)] for lang in LANGUAGES]
    runs.append(["run", str(path), "--out", str(tmp_path / "o")])
    for argv in runs:
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith(f"{path}: ")
        assert "Traceback" not in err and "Error" not in err
    assert not (tmp_path / "o").exists()


def test_messages_say_what_is_wrong():
    assert "UTF-16" in _only_problem(load_scenario_text, CASES["utf16"][0], "a.toml").text("ru")
    assert "byte 9" in _only_problem(load_scenario_text, CASES["latin1"][0], "a.toml").text("en")
    deep_text = _only_problem(load_scenario_text, CASES["deep_json"][0], "a.json").text("en")
    assert f"at most {MAX_NESTING_DEPTH}" in deep_text
    keys = _only_problem(load_scenario_text, CASES["many_keys_toml"][0], "a.toml").text("kk")
    assert f"{MAX_VALUES}" in keys
    huge = _only_problem(load_scenario_text, CASES["huge"][0], "a.toml").text("en")
    assert "at most 2.0 MB" in huge
    bad = _only_problem(load_scenario_text, CASES["bad_toml"][0], "a.toml")
    assert "строке 2" in bad.text("ru") and "line 2" in bad.text("en")


def test_a_utf8_bom_is_accepted_by_stripping_it(tmp_path):
    """Windows editors write a BOM; it is dropped (not refused), and the file loads."""
    data = b"\xef\xbb\xbf" + GOOD.encode("utf-8")
    assert load_scenario_text(data, "bom.toml").id == "announced"
    assert load_scenario_text(data.decode("utf-8"), "bom.toml").id == "announced"
    (tmp_path / "bom.toml").write_bytes(data)
    assert load_scenario(tmp_path / "bom.toml").id == "announced"
    assert main(["validate", str(tmp_path / "bom.toml")]) == 0


def test_a_str_upload_has_the_same_limits():
    assert _only_problem(load_scenario_text, "a = 1\n\x00", "a.toml").type == "binary_file"
    big = "x" * (MAX_SCENARIO_BYTES + 1)
    assert _only_problem(load_scenario_text, big, "a.toml").type == "too_large"
    # Counted in UTF-8 bytes: Cyrillic takes two.
    cyrillic = 'description = "' + "ж" * (MAX_SCENARIO_BYTES // 2) + '"'
    assert _only_problem(load_scenario_text, cyrillic, "a.toml").type == "too_large"


def test_nesting_scan_ignores_brackets_in_strings_and_comments():
    text = 'a = "[[[[" # [[[[[\nb = \'{{{{\'\nc = """\n[[[[\n"""\nd = [[1], [2]]\n'
    assert nesting_depth(text, "toml") == 2
    assert nesting_depth('{"a": "[[[[\\"[[", "b": [[[]]]}', "json") == 4


def test_the_depth_limit_leaves_room_for_real_files():
    ok = ("id = " + "[" * (MAX_NESTING_DEPTH - 1) + "]" * (MAX_NESTING_DEPTH - 1)).encode()
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(ok, "a.toml")
    assert info.value.problems[0].type != "too_deep"  # deep, but allowed: a schema problem


def test_the_problem_list_is_bounded(capsys, tmp_path):
    text = GOOD.replace(
        "end_year = 2050", "end_year = 2050\n" + "".join(f"x{i} = 1\n" for i in range(500))
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "many.toml")
    problems = info.value.problems
    assert len(problems) == MAX_PROBLEMS + 1 and info.value.total == 500
    assert problems[-1].type == "more_problems"
    assert problems[-1].text("en") == "… and 480 more problems"
    assert "480" in problems[-1].text("ru") and "480" in problems[-1].text("kk")
    path = tmp_path / "many.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert len(capsys.readouterr().err.splitlines()) == MAX_PROBLEMS + 1


def test_quoted_values_are_short_and_cannot_drive_the_terminal():
    text = GOOD.replace('id = "announced"', 'id = "\\u001b[2Jx"')
    text = text.replace("end_year = 2050", 'end_year = "' + "9" * 5000 + '"')
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "a.toml")
    bad_id, bad_year = info.value.problems
    assert "\x1b" not in bad_id.text("en") and "\\x1b[2Jx" in bad_id.text("en")
    assert bad_year.type == "int_type" and len(bad_year.text("ru")) < 120


def test_unexpected_failures_are_one_line_and_exit_1(monkeypatch, capsys):
    import planner.cli as cli

    def boom(*_args):
        raise RecursionError("deep inside")

    monkeypatch.setattr(cli, "validate_file", boom)
    assert main(["--lang", "ru", "validate", "02_announced_projects"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RecursionError" in err and "Traceback" not in err
    assert "непредвиденный" in err
