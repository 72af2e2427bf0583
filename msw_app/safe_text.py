"""User-supplied text shown as plain text: one escape per kind of place it reaches.

Scenario names, descriptions, ids, variant names, uploaded file names, table cells and
problem messages (which quote what the user wrote) come from people the app does not know.
Streamlit renders Markdown (with its own extras) in ``st.markdown``, ``st.caption``,
``st.info``/``st.error``/..., ``st.title`` and widget labels; Plotly renders a subset of HTML
(``<a href>``, ``<b>``, ``<br>``, ...) in trace names, hover texts, annotations and titles.
So a name such as ``![px](http://host/pixel.png)`` would become an image fetched from
another server, ``<a href=...>`` a link, ``**bold**`` bold text.

* :func:`plain_md` for every Markdown context (Streamlit elements and labels);
* :func:`plain_plotly` for every Plotly text.

Tables (``st.dataframe``, ``st.data_editor``), selectbox and multiselect options and
``st.text`` show their text as it is: do not escape there (the backslashes would show).
No Streamlit here: presenters may use it too.
"""

from __future__ import annotations

import html
import re
import string

WORD_JOINER = "\u2060"
"""An invisible character that joins words (no line break, no width): it splits the patterns
that Streamlit's Markdown turns into links or emoji *after* parsing (``http://``, ``www.``,
``user@host``, ``:smile:``), where a backslash escape no longer counts."""

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
"""Every ASCII punctuation character: CommonMark lets a backslash escape each of them, and
the escaped character is shown as itself (no emphasis, link, image, HTML, heading, list,
table, LaTeX ``$``, Streamlit ``:color[...]`` directive)."""
_SPACE = re.compile(r"\s+")
_AFTER_LINKISH = re.compile(r"(?<=:)|(?=\\@)|(?<=www)(?=\\\.)", re.IGNORECASE)
"""Where a word joiner goes in already escaped text: after every colon (``http:`` +
``//`` and ``:emoji:`` no longer match), before every escaped ``@`` (no e-mail link), inside
``www.`` (no bare-domain link)."""


def one_line(text: object) -> str:
    """``text`` as one line: every run of white space (new lines, tabs) becomes one space, so
    that user text can never start a Markdown block (heading, list, code block, table)."""
    return _SPACE.sub(" ", str(text)).strip()


def plain_md(text: object) -> str:
    """``text`` escaped for a Streamlit Markdown context, so that it shows literally.

    Every ASCII punctuation character gets a backslash (Markdown, HTML tags and entities,
    LaTeX and Streamlit's directives are then plain characters), white space is folded to
    single spaces (:func:`one_line`), and an invisible word joiner breaks the patterns that
    are linked after parsing (see :data:`WORD_JOINER`).

    Examples
    --------
    >>> plain_md("**bold** <b>")
    '\\\\*\\\\*bold\\\\*\\\\* \\\\<b\\\\>'
    """
    escaped = _PUNCTUATION.sub(r"\\\1", one_line(text))
    return _AFTER_LINKISH.sub(WORD_JOINER, escaped)


def plain_plotly(text: object) -> str:
    """``text`` escaped for a Plotly text (trace name, hover text, annotation, axis title):
    ``<``, ``>`` and ``&`` as HTML entities, which Plotly shows as the characters, so no tag
    (``<a href>``, ``<img>``, ``<b>``) and no entity of the user's takes effect."""
    return html.escape(str(text), quote=False)


def md_lines(texts: list[str]) -> str:
    """Several plain texts as separate Markdown paragraphs (each escaped)."""
    return "\n\n".join(plain_md(t) for t in texts)
