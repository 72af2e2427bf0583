"""Plain text for Markdown and Plotly (msw_app/safe_text) and the upload checks
(msw_app/uploads), without Streamlit."""

from __future__ import annotations

import codecs
import json
import re

import pytest

import planner
from msw_app import uploads
from msw_app.safe_text import WORD_JOINER, plain_md, plain_plotly
from tests.app_text import shown

EVIL = (
    '![px](http://host/pixel.png) <a href="http://x">link</a> **bold** <img src=x onerror=alert(1)>'
)
"""A name with Markdown and HTML (issue #10)."""


@pytest.mark.parametrize(
    "text",
    [
        EVIL,
        "# heading",
        "1. list",
        "- item",
        "> quote",
        "`code` $x^2$ :red[colour] :material/home: :smile:",
        "a | b",
        "www.example.com user@example.com https://example.com",
        "&amp; &#60;b&#62;",
        "[link](javascript:alert(1))",
    ],
)
def test_plain_md_escapes_markup_and_reads_back(text):
    escaped = plain_md(text)
    assert shown(escaped) == text
    assert not re.search(r"(?<!\\)[!\[\]<>*`$#|&:()_-]", escaped.replace(WORD_JOINER, ""))
    # Linked after parsing, whatever the escapes: broken by an invisible word joiner.
    visible = escaped.replace("\\", "")
    for pattern in ("http://", "https://", "www.", "r@e", ":smile:", ":material/"):
        assert pattern not in visible


def test_plain_md_folds_white_space_to_one_line():
    assert plain_md("a\n\n    b\tc") == "a b c"


def test_plain_plotly_escapes_tags_and_entities():
    assert plain_plotly(EVIL).count("<") == 0
    assert plain_plotly("<a href='x'>&amp;</a>") == "&lt;a href='x'&gt;&amp;amp;&lt;/a&gt;"


def _scenario_bytes() -> bytes:
    return planner.scenario_json(planner.load_presets()["bau"]).encode()


def test_a_good_upload_is_read_in_memory():
    result = uploads.read_upload("x/y/../mine.json", _scenario_bytes())
    assert result.scenario is not None and result.file == "mine.json"


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("data.csv", b"a,b\n1,2\n", "data.upload_wrong_type"),
        ("noending", b"id = 1", "data.upload_wrong_type"),
        ("big.toml", b"#" * (uploads.MAX_UPLOAD_BYTES + 1), "data.upload_too_big"),
        ("empty.toml", b"  \n", "data.upload_empty"),
        ("pic.toml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "data.upload_binary"),
        ("u16.toml", 'id = "x"\n'.encode("utf-16"), "data.upload_utf16"),
        ("u16le.toml", 'id = "x"\n'.encode("utf-16-le"), "data.upload_utf16"),
        ("bom.toml", codecs.BOM_UTF8 + b'id = "x"\n', "data.upload_bom"),
        ("latin.toml", 'name = "café"'.encode("latin-1"), "data.upload_not_utf8"),
    ],
)
def test_refusals_before_parsing(name, data, key):
    result = uploads.read_upload(name, data)
    assert result.scenario is None and result.refused is not None
    assert result.refused.key == key


def test_a_huge_problem_list_is_bounded():
    data = json.loads(_scenario_bytes())
    data.update({f"unknown_{i}": i for i in range(100)})
    result = uploads.read_upload("many.json", json.dumps(data).encode())
    assert result.scenario is None
    assert len(result.problems) == uploads.MAX_PROBLEMS_SHOWN
    assert result.n_problems >= 100


def test_a_long_file_name_is_shortened():
    assert len(uploads.shown_name("a" * 500 + ".toml")) == uploads.MAX_FILE_NAME_CHARS
