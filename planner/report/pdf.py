"""The report as a PDF (fpdf2): A4, 2–6 pages, DejaVu Sans embedded (a subset of matplotlib's
own copy, which has the Kazakh letters ә ғ қ ң ө ұ ү һ і), the charts as vector drawings.

fpdf2 is pure Python and embeds TrueType subsets itself, so the report needs neither a
browser nor a system font.  Layout only: every sentence and number comes from
:class:`planner.report.content.ReportContent`.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib
import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from planner.report.charts import Chart, report_charts
from planner.report.content import KpiTable, ReportContent, region_name, text

FONT = "DejaVu Sans"
"""Family of the embedded font; the charts' SVG text names the same family."""
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
"""Styles of the embedded font and their files in matplotlib's ``mpl-data/fonts/ttf``."""
TEXT_WIDTH_MM = 180.0
"""Width of the text on the A4 page (15 mm margins) [mm]."""
SOURCE_CHARS = 150
"""Characters of a source text shown in the list of low-confidence figures (the workbook has
the full text)."""
VALUE_CHARS = 80
"""Characters of a lever's value shown in the table of differences."""
HEAD_FILL = (232, 238, 244)


def font_folder() -> Path:
    """matplotlib's folder of TrueType fonts (DejaVu Sans)."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def short(value: str, limit: int) -> str:
    """``value`` cut at a word boundary to at most ``limit`` characters, with ``…``."""
    value = " ".join(str(value).split())
    return textwrap.shorten(value, limit, placeholder=" …") if len(value) > limit else value


class ReportPDF(FPDF):
    """A4 portrait with the embedded font and a footer: title, date, page n of N."""

    def __init__(self, content: ReportContent):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.content = content
        self._widths: dict[tuple[str, float, str], float] = {}
        """Width [mm] of a word by style and size (:meth:`words`): report texts repeat
        words, and fpdf2 measures a string slowly (bidirectional analysis each time)."""
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(True, margin=14)
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, str(font_folder() / name))
        self.set_title(content.title)
        self.set_creator(content.meta_lines[0])
        self.set_lang(content.lang)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, "", 6.5)
        self.set_text_color(110)
        pages = text("page", self.content.lang, page=self.page_no(), pages="{nb}")
        self.cell(0, 4, short(self.content.title, 90), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, pages, align="R")
        self.set_text_color(0)

    def heading(self, title: str, size: float = 11.5, keep_mm: float = 26.0) -> None:
        """A section heading; a new page when less than ``keep_mm`` is left under it."""
        if self.get_y() + keep_mm > self.h - self.b_margin:
            self.add_page()
        self.ln(2)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, title, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, body: str, size: float = 8.5, style: str = "") -> None:
        """A paragraph of plain text (no markup: names are the users' own text)."""
        self.flow([(style, body)], size, size * 0.45)
        self.ln(1)

    def lead_paragraph(self, lead: str, body: str, size: float = 8.5) -> None:
        """A paragraph that starts with a bold lead (a scenario's name)."""
        self.flow([("B", f"{lead}. "), ("", body)], size, size * 0.45)
        self.ln(1.5)

    def flow(self, runs: list[tuple[str, str]], size: float, line_mm: float) -> None:
        """Runs of ``(style, text)`` as one left-aligned paragraph across the text width,
        broken at spaces.

        Each word is measured once (:meth:`words`) and each line is written as one cell per
        run: fpdf2's own line breaking (``multi_cell``, ``write``) measures the line again
        for every character it adds, which made the paragraphs half the PDF's time.  A word
        wider than the text width falls back to ``multi_cell``."""
        lines: list[list[tuple[str, str, float]]] = [[]]
        used = 0.0
        for style, body in runs:
            self.set_font(FONT, style, size)
            space = self.get_string_width(" ")
            for word, width in self.words(body):
                if width > TEXT_WIDTH_MM:
                    self.set_font(FONT, "", size)
                    text_all = "".join(t for _s, t in runs)
                    self.multi_cell(0, line_mm, text_all, align="L", new_x="LMARGIN", new_y="NEXT")
                    return
                gap = space if lines[-1] else 0.0
                if used + gap + width > TEXT_WIDTH_MM + 1e-6:
                    lines.append([])
                    used, gap = 0.0, 0.0
                lines[-1].append((style, word, gap + width))
                used += gap + width
        for line in lines:
            self._line(line, size, line_mm)

    def words(self, body: str) -> list[tuple[str, float]]:
        """The words of ``body`` (split at spaces and line breaks; no-break spaces stay
        inside a word) and their widths [mm] in the current font."""
        key = (self.font_style, self.font_size_pt)
        out = []
        for word in body.replace("\n", " ").split(" "):
            if word:
                width = self._widths.get((*key, word))
                if width is None:
                    width = self._widths[(*key, word)] = self.get_string_width(word)
                out.append((word, width))
        return out

    def _line(self, words: list[tuple[str, str, float]], size: float, line_mm: float) -> None:
        """One line of words: a cell per run of words in the same style."""
        if self.get_y() + line_mm > self.page_break_trigger:
            self.add_page()
        self.set_x(self.l_margin)
        margin, self.c_margin = self.c_margin, 0.0  # the words' widths are the cells'
        k = 0
        while k < len(words):
            style = words[k][0]
            end = k
            while end < len(words) and words[end][0] == style:
                end += 1
            run = words[k:end]
            body = " ".join(w for _s, w, _w in run)
            if k > 0:
                body = " " + body
            self.set_font(FONT, style, size)
            self.cell(sum(w for _s, _t, w in run), line_mm, body)
            k = end
        self.c_margin = margin
        self.ln(line_mm)

    def grid(
        self,
        rows: list[list[str]],
        widths: tuple[float, ...],
        align: tuple[str, ...],
        size: float = 7.0,
    ) -> None:
        """A table whose first row is the header (repeated on a new page); a row of one
        value is a bold group row across the table."""
        self.set_font(FONT, "", size)
        with self.table(
            col_widths=widths,
            text_align=align,
            width=TEXT_WIDTH_MM,
            line_height=size * 0.42,
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
            padding=(0.6, 1.0),
        ) as table:
            for values in rows:
                row = table.row()
                if len(values) == 1 and len(widths) > 1:
                    row.cell(values[0], colspan=len(widths), style=FontFace(emphasis="BOLD"))
                    continue
                for value in values:
                    row.cell(value)
        self.ln(2)


def _title_page(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 7, c.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for line in c.meta_lines:
        pdf.paragraph(line, 8.5)
    pdf.paragraph(text("files", c.lang), 7.5, "B")
    pdf.set_font(FONT, "", 6.5)
    for name, origin, digest in c.files:
        pdf.multi_cell(
            0, 3, f"{name} — {short(origin, 60)}: {digest}", new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(1)
    pdf.paragraph(c.overall, 8.5, "B")


def _summary(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.heading(text("summary", c.lang), 12.5)
    pdf.paragraph(text("summary_note", c.lang), 7.5, "I")
    first = c.data.scenarios[0]
    for region, paragraphs in c.summary.items():
        pdf.heading(region_name(first, region, c.lang), 10.5)
        for p in paragraphs:
            pdf.lead_paragraph(p.heading, p.text)
        if c.ranges is not None:
            pdf.paragraph(c.ranges.sentences[region], 8.5)


def _kpi_table(pdf: ReportPDF, c: ReportContent, table: KpiTable) -> None:
    pdf.heading(table.title, 10.5)
    n = len(table.columns)
    first = 62.0 if n > 2 else 90.0
    widths = (first, *([(TEXT_WIDTH_MM - first) / n] * n))
    rows = [[text("kpi_column", c.lang), *table.columns]]
    rows += [[r.label, *r.cells] for r in table.rows]
    rows.append([table.levelised_label, *table.levelised_cells])
    rows.append([table.abatement_label, *table.abatement_cells])
    pdf.grid(rows, widths, ("LEFT", *(["RIGHT"] * n)))


def _ranges(pdf: ReportPDF, c: ReportContent) -> None:
    """The ranges section: what the ranges are, how to reproduce them, a table per region."""
    ranges = c.ranges
    if ranges is None:
        return
    pdf.heading(ranges.heading, 12.5)
    for note in ranges.notes:
        pdf.paragraph(note, 7, "I")
    n = len(c.names)
    first = 50.0 if n > 2 else 90.0
    widths = (first, *([(TEXT_WIDTH_MM - first) / n] * n))
    rows = [[text("kpi_column", c.lang), *c.names]]
    for table in ranges.tables:  # one table, a group of rows per region
        rows.append([table.title])
        rows += [[label, *cells] for label, cells in table.rows]
    pdf.grid(rows, widths, ("LEFT", *(["RIGHT"] * n)), 6.5)


def _chart(pdf: ReportPDF, chart: Chart) -> None:
    height = TEXT_WIDTH_MM * chart.aspect
    if pdf.get_y() + height + 8 > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.set_font(FONT, "B", 8.5)
    pdf.multi_cell(0, 4, chart.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.image(io.BytesIO(chart.data), x=pdf.l_margin, w=TEXT_WIDTH_MM)
    pdf.ln(2)


def _differences(pdf: ReportPDF, c: ReportContent) -> None:
    pdf.heading(text("assumptions", c.lang), 10.5)
    if len(c.names) < 2:
        pdf.paragraph(text("assumptions_none", c.lang), 8)
        return
    if c.differences.empty:
        pdf.paragraph(text("assumptions_same", c.lang), 8)
        return
    n = len(c.names)
    widths = (30.0, *([(TEXT_WIDTH_MM - 30 - 44 - 10) / n] * n), 44.0, 10.0)
    lang = c.lang
    rows = [
        [text("col.lever", lang), *c.names, text("col.source", lang), text("col.confidence", lang)]
    ]
    not_set = text("not_set", c.lang)
    for row in c.differences.itertuples(index=False):
        values = [short(v, VALUE_CHARS) if v else not_set for v in row.values]
        rows.append([row.lever, *values, short(row.source, 140) or "—", row.confidence or "—"])
    pdf.grid(rows, widths, ("LEFT",) * (n + 3), 6.0)


def _defaults(pdf: ReportPDF, c: ReportContent, table: pd.DataFrame) -> None:
    """One line (or two) per low-confidence figure: confidence, figure, source.  Written as
    paragraphs, not a table: fpdf2 lays out a table cell twice, and this list is long."""
    pdf.heading(text("defaults", c.lang), 10.5)
    pdf.paragraph(text("defaults_note", c.lang), 7, "I")
    size = 6.0
    for row in table.itertuples(index=False):
        items = ", ".join(row.items)
        figure = f"{row.scope}.{row.field}" + (f" ({short(items, 60)})" if items else "")
        figure += f" = {short(row.value, 50)}" if row.value else ""
        lead = f"[{row.confidence}] {figure}:"
        pdf.flow([("B", lead), ("", short(row.source, SOURCE_CHARS))], size, size * 0.42)
        pdf.ln(0.3)
    pdf.ln(1)


def render_pdf(
    content: ReportContent, charts: list[Chart] | None = None, chart_format: str = "svg"
) -> bytes:
    """The report as PDF bytes (``charts`` drawn from ``content`` in ``chart_format`` when not
    given)."""
    charts = report_charts(content, chart_format) if charts is None else charts
    pdf = ReportPDF(content)
    pdf.add_page()
    _title_page(pdf, content)
    _summary(pdf, content)
    for table in content.tables:
        _kpi_table(pdf, content, table)
    first_chart_mm = TEXT_WIDTH_MM * charts[0].aspect + 10 if charts else 26.0
    pdf.heading(text("charts", content.lang), 12.5, first_chart_mm)
    for chart in charts:
        _chart(pdf, chart)
    _ranges(pdf, content)
    _differences(pdf, content)
    _defaults(pdf, content, content.defaults)
    pdf.heading(text("methodology", content.lang), 10.5)
    for body in content.methodology:
        pdf.paragraph(body, 7)
    return bytes(pdf.output())
