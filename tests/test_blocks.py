"""Text pages (:mod:`llmref.blocks`): catalogue text is escaped in Markdown and plain text, so
a hostile model name prints as text wherever the output is rendered."""

from __future__ import annotations

import io
import re

from rich.console import Console

from llmref import blocks
from llmref.catalog import load_catalog_dir
from llmref.compare import build_comparison
from llmref.profile import build_profile
from tests.conftest import CATALOGS

HOSTILE = load_catalog_dir(CATALOGS / "hostile")
EVIL = "evil-model"


def _outside_code(markdown: str) -> str:
    """The Markdown without its fenced code blocks (literal by definition)."""
    return re.sub(r"(`{3,})\n.*?\n\1", "", markdown, flags=re.S)


def test_markdown_escapes_html_from_data() -> None:
    c = build_comparison(HOSTILE, HOSTILE.model(EVIL), HOSTILE.model("rocket"))
    p = build_profile(HOSTILE, HOSTILE.model(EVIL))
    for page in (blocks.comparison_blocks(c), blocks.profile_blocks(p)):
        text = _outside_code(blocks.to_markdown(page))
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Model" in text
        assert "<script" not in text and "<img" not in text


def test_plain_text_escapes_html_from_data() -> None:
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    p = build_profile(HOSTILE, HOSTILE.model(EVIL))
    page = [b for b in blocks.profile_blocks(p) if b.kind != "code"]
    blocks.print_blocks(console, page)
    assert "&lt;script&gt;" in out.getvalue() and "<script" not in out.getvalue()


def test_a_code_block_cannot_be_closed_by_data() -> None:
    text = blocks.to_markdown([blocks.Block("code", "a ``` b")])
    assert text == "````\na ``` b\n````\n"
