"""A small XLSX writer for the report's workbook: SpreadsheetML (ECMA-376 / ISO/IEC 29500) of
sheets of typed cells, each with a bold, shaded, frozen header row and set column widths.

Why not openpyxl's writer: without lxml (not a dependency of the planner) openpyxl serialises
every cell through et_xmlfile's pure-Python element tree, some 35 µs a cell; a four-scenario
workbook has about 65,000 cells, so writing it took 2–3 s of the report's 10 s budget.  The
report's sheets need nothing but numbers, booleans and plain text, so they are written here
as the few XML parts a workbook needs (about 0.1 s).  openpyxl reads the result back in the
tests, as a user's spreadsheet program does.

Cells are ``None`` (left out), ``bool``, ``int``, ``float`` (NaN and ±inf left out) or ``str``
(written as inline strings; characters XML cannot hold are dropped).  Neutralising formula
text is the caller's business (:func:`planner.export.neutralise_cell`): a text cell here is
always text, never a formula.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = f"{REL_NS}/worksheet"
HEADER_FILL_RGB = "FFE8EEF4"
"""Fill of the header cells (ARGB), the PDF's table heading colour."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Time stamp of every part: the same workbook gives the same bytes."""
MAX_WIDTH = 40
"""Widest column [characters]."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters an XML 1.0 document cannot hold."""


@dataclass(frozen=True)
class Sheet:
    """One sheet: its title (at most 31 characters, none of ``[]:*?/\\``), the header row and
    the data rows (cells as described in the module)."""

    title: str
    columns: Sequence[str]
    rows: Iterable[Sequence[object]]


def column_letters(n: int) -> list[str]:
    """The letters of the first ``n`` columns: ``A``, ``B``, …, ``Z``, ``AA``, …"""
    out = []
    for k in range(1, n + 1):
        name = ""
        while k:
            k, rest = divmod(k - 1, 26)
            name = chr(65 + rest) + name
        out.append(name)
    return out


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def cell_xml(ref: str, value: object, style: int = 0) -> str:
    """One ``<c>`` element, or ``""`` for an empty cell."""
    s = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>' if math.isfinite(value) else ""
    text = _text(str(value))
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_xml(sheet: Sheet) -> str:
    """The worksheet part of one sheet."""
    columns = [str(c) for c in sheet.columns]
    letters = column_letters(max(len(columns), 1))
    widths = "".join(
        f'<col min="{k}" max="{k}" width="{max(10, min(len(name) + 2, MAX_WIDTH))}" '
        'customWidth="1"/>'
        for k, name in enumerate(columns, start=1)
    )
    head = "".join(cell_xml(f"{x}1", name, 1) for x, name in zip(letters, columns, strict=False))
    body = [f'<row r="1">{head}</row>']
    n_rows, n_cols = 1, len(columns)
    for row in sheet.rows:
        n_rows += 1
        n_cols = max(n_cols, len(row))
        if len(row) > len(letters):
            letters = column_letters(len(row))
        cells = "".join(cell_xml(f"{x}{n_rows}", v) for x, v in zip(letters, row, strict=False))
        body.append(f'<row r="{n_rows}">{cells}</row>')
    last = column_letters(max(n_cols, 1))[-1]
    pane = (
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f'<dimension ref="A1:{last}{n_rows}"/>'
        f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{widths}</cols>" if widths else "")
        + f"<sheetData>{''.join(body)}</sheetData>"
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        "</worksheet>"
    )


STYLES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{MAIN_NS}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    f'<fill><patternFill patternType="solid"><fgColor rgb="{HEADER_FILL_RGB}"/>'
    '<bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" '
    'applyFill="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
"""Style 0: the default; style 1: the header cells (bold on the header fill)."""


def _content_types(n: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for k in range(1, n + 1)
    )
    office = "application/vnd.openxmlformats-officedocument"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{office}.'
        'spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{office}.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/'
        'vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{office}.extended-properties+xml"/>'
        f"{sheets}</Types>"
    )


def _package_rels() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{REL_NS}/extended-properties" '
        'Target="docProps/app.xml"/></Relationships>'
    )


def _workbook(titles: Sequence[str]) -> tuple[str, str]:
    """The workbook part and its relationships."""
    sheets = "".join(
        f'<sheet name={quoteattr(t)} sheetId="{k}" r:id="rId{k}"/>'
        for k, t in enumerate(titles, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{k}" Type="{SHEET_TYPE}" Target="worksheets/sheet{k}.xml"/>'
        for k in range(1, len(titles) + 1)
    )
    n = len(titles) + 1
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
        "</workbook>"
    )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL_NS}">{rels}'
        f'<Relationship Id="rId{n}" Type="{REL_NS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    return workbook, workbook_rels


def _doc_props(title: str, creator: str) -> tuple[str, str]:
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{_text(title)}</dc:title><dc:creator>{_text(creator)}</dc:creator>"
        "</cp:coreProperties>"
    )
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>msw-planner</Application></Properties>'
    )
    return core, app


def xlsx_bytes(sheets: Sequence[Sheet], title: str = "", creator: str = "") -> bytes:
    """The workbook of ``sheets`` (in order; the first is shown on opening) as XLSX bytes.

    Raises
    ------
    ValueError
        A sheet title that is empty, longer than 31 characters, repeated or holds one of
        ``[]:*?/\\`` (spreadsheet programs refuse such a workbook).
    """
    titles = [s.title for s in sheets]
    for t in titles:
        if not t or len(t) > 31 or any(ch in t for ch in "[]:*?/\\"):
            raise ValueError(f"sheet title {t!r} is not allowed")
    if len(set(titles)) != len(titles):
        raise ValueError("sheet titles must differ")
    workbook, workbook_rels = _workbook(titles)
    core, app = _doc_props(title, creator)
    parts = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _package_rels(),
        "docProps/core.xml": core,
        "docProps/app.xml": app,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": workbook_rels,
        "xl/styles.xml": STYLES_XML,
    }
    for k, sheet in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{k}.xml"] = sheet_xml(sheet)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
