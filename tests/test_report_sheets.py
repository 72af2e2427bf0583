"""The report's XLSX writer (planner.report.sheets) and the start of ``python -m planner``
without SciPy."""

from __future__ import annotations

import io
import math
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from planner.report.sheets import Sheet, column_letters, xlsx_bytes


def test_column_letters():
    letters = column_letters(703)
    assert letters[:3] == ["A", "B", "C"] and letters[25:28] == ["Z", "AA", "AB"]
    assert letters[701:] == ["ZZ", "AAA"]


def test_cells_read_back_typed_and_the_header_frozen_and_bold():
    rows = [
        ["a & <b>", 1, 2.5, True, None],
        ["bell\x07 and tab\t", -3, math.nan, False, math.inf],
        ["'=1+1", 10**15, 1e-300, None, "x"],
    ]
    data = xlsx_bytes(
        [Sheet("one", ["text", "int [t]", "float", "bool", "more"], rows), Sheet("two", [], [])],
        title="Тест әғқ",
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["one", "two"]
    sheet = book["one"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb == "FFE8EEF4"
    assert not sheet["A2"].font.b
    got = [list(r) for r in sheet.iter_rows(min_row=1, values_only=True)]
    assert got[0] == ["text", "int [t]", "float", "bool", "more"]
    assert got[1] == ["a & <b>", 1, 2.5, True, None]
    assert got[2] == ["bell and tab\t", -3, None, False, None]  # no control character, no NaN
    assert got[3] == ["'=1+1", 10**15, 1e-300, None, "x"]
    assert sheet["A4"].data_type == "s"  # text stays text, never a formula
    assert sheet.column_dimensions["B"].width == 10
    assert book.properties.title == "Тест әғқ"
    read_only = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert read_only["one"].max_row == 4 and read_only["one"].max_column == 5


def test_the_same_sheets_give_the_same_bytes():
    sheets = [Sheet("s", ["a"], [[1], ["b"]])]
    assert xlsx_bytes(sheets) == xlsx_bytes(sheets)
    names = zipfile.ZipFile(io.BytesIO(xlsx_bytes(sheets))).namelist()
    assert names[0] == "[Content_Types].xml" and "xl/worksheets/sheet1.xml" in names


@pytest.mark.parametrize("title", ["", "a" * 32, "a/b", "a[1]", "x?"])
def test_sheet_titles_spreadsheets_refuse_are_refused(title):
    with pytest.raises(ValueError, match="sheet title"):
        xlsx_bytes([Sheet(title, ["a"], [])])
    with pytest.raises(ValueError, match="differ"):
        xlsx_bytes([Sheet("a", [], []), Sheet("a", [], [])])


def test_the_command_line_starts_without_scipy():
    """Only the chosen command's heavy modules load: building the parser (every command's
    options) imports neither SciPy nor the report's renderers; the siting package's public
    names still import on first use."""
    code = (
        "import sys; from planner.cli import _parser; _parser().parse_args(['schema']);"
        "heavy = [m for m in ('scipy', 'matplotlib', 'fpdf', 'openpyxl') if m in sys.modules];"
        "print(heavy);"
        "import planner.siting as s; print('scipy' in sys.modules);"
        "print(s.solve_cflp.__module__, s.milp.__name__, 'scipy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[:3] == ["[]", "False", "planner.siting.milp planner.siting.milp True"]
