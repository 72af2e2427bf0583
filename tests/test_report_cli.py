"""``python -m planner report``: the exact contract of issue #15, problems in the language."""

from __future__ import annotations

import hashlib
import io
import re

import openpyxl
from pypdf import PdfReader

from planner.bundled import bundled_scenarios_dir
from planner.cli import main


def _text(path) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))


def test_report_writes_the_pdf_and_the_workbook(tmp_path, capsys):
    out, xlsx = tmp_path / "report.pdf", tmp_path / "report.xlsx"
    args = ["report", "bau", "02_announced_projects", "--lang", "ru", "--reference", "bau"]
    assert main([*args, "--out", str(out), "--xlsx", str(xlsx)]) == 0
    printed = capsys.readouterr().out
    assert f"записан {out}" in printed and f"записан {xlsx}" in printed
    assert "Дешевле всего за отведённую тонну" in printed
    assert "announced vs bau: levelised cost of diversion" in printed  # as run --economics
    text = _text(out)
    assert "Твёрдыебытовыеотходы:сравнениесценариев" in text
    for name in ("01_business_as_usual.toml", "02_announced_projects.toml"):
        digest = hashlib.sha256((bundled_scenarios_dir() / name).read_bytes()).hexdigest()
        assert digest in text  # the file's hash, as a user can check it
    book = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()), read_only=True)
    assert "kpis" in book.sheetnames


def test_report_without_xlsx_and_the_global_lang(tmp_path):
    out = tmp_path / "r.pdf"
    assert main(["--lang", "kk", "report", "announced", "--out", str(out)]) == 0
    assert "Қаттытұрмыстыққалдықтар:сценарийбойыншаесеп" in _text(out)
    assert not (tmp_path / "r.xlsx").exists()


def test_unknown_reference_is_a_usage_error_in_the_language(tmp_path, capsys):
    out = tmp_path / "r.pdf"
    rc = main(["report", "bau", "announced", "--lang", "ru", "--reference", "x", "--out", str(out)])
    assert rc == 2
    assert "--reference x нет среди сценариев (bau, announced)" in capsys.readouterr().err
    assert not out.exists()


def test_bad_scenario_file_is_one_translated_line(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "Bad Id"\n', encoding="utf-8")
    rc = main(["report", str(bad), "--lang", "en", "--out", str(tmp_path / "r.pdf")])
    err = capsys.readouterr().err
    assert rc == 1 and "bad.toml" in err and "Traceback" not in err


def test_unwritable_output_exits_2(tmp_path, capsys):
    rc = main(["report", "bau", "--lang", "en", "--out", str(tmp_path / "no" / "r.pdf")])
    assert rc == 2 and capsys.readouterr().err.startswith("error:")
