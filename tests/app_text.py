"""Helpers for app tests: every text an AppTest page shows, and Markdown as the user sees it."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from typing import Any

from msw_app.safe_text import WORD_JOINER

_ESCAPED = re.compile(r"\\([" + re.escape(string.punctuation) + "])")
MARKDOWN_TYPES = (
    "markdown",
    "caption",
    "title",
    "header",
    "subheader",
    "error",
    "warning",
    "info",
    "success",
    "exception",
)
"""AppTest element types whose ``value`` is Markdown (``exception`` for the check that there
is none)."""


def shown(markdown: str) -> str:
    """Markdown escaped by :func:`msw_app.safe_text.plain_md` as the reader sees it."""
    return _ESCAPED.sub(r"\1", markdown).replace(WORD_JOINER, "")


def nodes(at) -> Iterator[Any]:
    """Every node of an AppTest's element tree (main area and sidebar)."""
    stack = [at._tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(getattr(node, "children", {}).values())


def markdown_texts(at) -> list[str]:
    """Every Markdown text on the page: element bodies, labels, help texts, metric labels,
    tab and expander labels."""
    out = []
    for node in nodes(at):
        kind = getattr(node, "type", "")
        if kind in MARKDOWN_TYPES and isinstance(getattr(node, "value", None), str):
            out.append(node.value)
        for attr in ("label", "help"):
            try:
                value = getattr(node, attr, None)
            except Exception:  # some elements have no such proto field
                value = None
            if isinstance(value, str):
                out.append(value)
    return out


def plotly_strings(at) -> list[str]:
    """Every string in every Plotly figure's JSON on the page (trace names, hover texts,
    titles, tick labels, annotations)."""
    out: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)

    for node in nodes(at):
        if getattr(node, "type", "") == "plotly_chart":
            collect(json.loads(node.proto.spec))
    return out


def all_text(at) -> str:
    """Everything the page says, for "this must not appear" checks: Markdown, Plotly, tables,
    widget values and options."""
    parts = [*markdown_texts(at), *plotly_strings(at)]
    for node in nodes(at):
        kind = getattr(node, "type", "")
        if kind in ("dataframe", "arrow_data_frame"):
            parts.append(node.value.to_csv())
        for attr in ("options", "value"):
            try:
                value = getattr(node, attr, None)
            except Exception:
                value = None
            if isinstance(value, str):
                parts.append(value)
            elif isinstance(value, list | tuple):
                parts.extend(str(v) for v in value)
    return "\n".join(parts)
