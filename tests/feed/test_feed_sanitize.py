"""Item HTML: nothing from a feed may run in a reader's browser."""

from __future__ import annotations

from llmref.feed.sanitize import clean_html, html_to_text, plain_title, strip_invalid_xml

HOSTILE = (
    '<p onclick="steal()">Hello <b>there</b></p>'
    "<script>alert('x')</script><style>p{display:none}</style>"
    '<iframe src="https://evil.example/"></iframe><img src="https://t.example/p.gif">'
    '<a href="javascript:alert(1)">js</a> <a href="/local">rel</a> '
    '<a href="https://ok.example/" target="_blank">ok</a><form><input name="x"></form>'
)


def test_scripts_styles_frames_images_and_handlers_are_removed() -> None:
    cleaned = clean_html(HOSTILE, base_url="https://site.example/post/1")
    lowered = cleaned.lower()
    for bad in (
        "<script",
        "alert(",
        "<style",
        "display:none",
        "<iframe",
        "<img",
        "onclick",
        "javascript:",
        "<form",
        "<input",
        "target=",
    ):
        assert bad not in lowered, bad
    assert "<p>Hello <b>there</b></p>" in cleaned
    assert (
        '<a href="https://site.example/local" rel="nofollow noopener noreferrer">rel</a>' in cleaned
    )
    assert '<a href="https://ok.example/" rel="nofollow noopener noreferrer">ok</a>' in cleaned


def test_relative_links_without_a_web_base_are_dropped() -> None:
    cleaned = clean_html('<a href="/local">rel</a>', base_url=None)
    assert "href" not in cleaned
    assert "rel</a>" in cleaned


def test_text_drops_script_bodies_and_keeps_names_whole() -> None:
    text = html_to_text(
        "<p>Use <b>GPT</b>-4o mini &amp; more</p><script>var x = 1;</script><p>Next</p>"
    )
    assert text == "Use GPT-4o mini & more\nNext"


def test_titles_become_one_line_of_plain_text() -> None:
    assert plain_title("<b>Bold</b> &lt;tag&gt; &amp;\n  news") == "Bold <tag> & news"
    assert plain_title("<script>alert(1)</script>Safe title") == "Safe title"


def test_characters_xml_forbids_are_removed() -> None:
    assert strip_invalid_xml("a\x00b\x1fc\x0bd\ttab") == "abcd\ttab"
