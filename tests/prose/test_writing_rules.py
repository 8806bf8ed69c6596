"""The writing rules of issue 11, checked on every comparison of the bundled catalogue's top 50
models (1,225 pairs, each as the CLI's text, as Markdown and as the web page) and on their 50
profiles:

* no list of more than five names in a sentence;
* no "1.0x", and every ratio as :func:`llmref.formatting.times` prints it;
* no internal id in a sentence;
* one format for context sizes;
* no `<` from the data outside code blocks in Markdown;
* no reason drawn from two figures within 5% of each other (the engine's reasons, and
  "X against Y" in a sentence);
* money and percentages exactly as :mod:`llmref.formatting` prints them (never "$0.00" for a
  non-zero amount, never "12 %");
* no note said twice ("(subscription) (subscription)");
* no path segment said twice in a URL ("/openai/openai/deployments").
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal

import pytest
from rich.console import Console

from llmref import blocks
from llmref import formatting as fmt
from llmref.catalog import Catalog, load_catalog_dir
from llmref.compare import Comparison, build_comparison
from llmref.compare.verdict import differs
from llmref.profile import build_profile
from llmref.web.precomputed import Derived
from tests.web.conftest import Site

AS_OF = date(2026, 11, 20)
TOP = 50

# Six or more items joined as "a, b, c, d, e and f" (a cut list ends "and N more").
_ITEM = r"(?:(?! and | or )[^,.;:()\n]){1,60}"
LONG_LIST = re.compile(rf"(?:{_ITEM}, ){{4,}}{_ITEM} (?:and|or) (?!\d+ more)")
# Sizes print as 128K / 262K / 1.05M: never "1,050K", "131,072 tokens of context" or "128k".
MIXED_SIZE = re.compile(r"\d,\d{3}K\b|(?<![\w-])\d+k\b(?!-)|\d{1,3}(?:,\d{3})+ tokens of context")
# "ChatGPT (subscription) (subscription)": one note said twice.
DOUBLED_NOTE = re.compile(r"(\([^()\n]+\)) \1")
# "/openai/openai/deployments": a path segment said twice.
DOUBLED_SEGMENT = re.compile(r"/([\w.-]+)/\1(?:/|$)")


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog_dir()


@pytest.fixture(scope="module")
def top(bundled: Catalog) -> list[str]:
    ids = Derived(bundled).on(AS_OF).top_models[:TOP]
    assert len(ids) == TOP
    return sorted(ids)


def _sentences(markdown: str) -> Iterator[str]:
    """The prose lines of a page: no table rows, no code, no source list."""
    text = re.sub(r"(`{3,})\n.*?\n\1", "", markdown, flags=re.S)
    text = text.split("### Sources")[0]
    for line in text.splitlines():
        if line and not line.startswith("|"):
            yield line


def _cli_sentences(text: str) -> Iterator[str]:
    """The prose lines of the CLI's text output (printed without its code blocks): no table
    rows (box-drawing characters), no source list."""
    text = text.split("\nSources")[0]
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not any(ch in stripped for ch in "│┃┏┗┡└┌╇━─"):
            yield stripped


_DROP = re.compile(
    r"<(table|pre|code|form|figure|script|style|datalist|select)\b.*?</\1>|<head>.*?</head>",
    flags=re.S,
)
_BLOCK = re.compile(r"</?(p|li|dt|dd|h[1-6]|div|ul|ol|dl|section|caption|br|header|nav)\b[^>]*>")


def _web_sentences(page: str) -> Iterator[str]:
    """The prose of a web page: the text of its paragraphs, list items and headings, without
    tables, code, forms and the chart."""
    main = page.split('<main id="main">', 1)[1].split("</main>", 1)[0]
    text = _BLOCK.sub("\n", _DROP.sub("", main))
    for line in html.unescape(re.sub(r"<[^>]+>", "", text)).splitlines():
        line = " ".join(line.split())
        if line:
            yield line


# Money as llmref.formatting prints it: usd() for amounts, price() for prices per 1M tokens.
_MONEY = re.compile(r"(?<![\w$])\$(\d(?:[\d,]*\d)?(?:\.\d+)?)(\S{0,3})")
_PER_MILLION = re.compile(r"^(?:/1M| per 1M| a 1M| for 1M)")
_PERCENT = re.compile(r"(?<![\w.])(\d(?:[\d,]*\d)?(?:\.\d+)?)%")
_TIMES = re.compile(r"(?<![\w.])(\d(?:[\d,]*\d)?(?:\.\d+)?)x\b")
_AGAINST = re.compile(
    r"(\$?\d[\d,]*(?:\.\d+)?[KMBT%]?)(?: tokens| a month| per 1M tokens|/1M)? against "
    r"(\$?\d[\d,]*(?:\.\d+)?[KMBT%]?)"
)
_SCALE = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12, "%": 1}


def _figure(text: str) -> Decimal:
    unit = text[-1] if text[-1] in _SCALE else ""
    number = text.removeprefix("$").removesuffix(unit).replace(",", "")
    return Decimal(number) * _SCALE.get(unit, 1)


def _check_formats(line: str, where: str) -> None:
    """Money, percentages and ratios as llmref.formatting writes them, and no reason drawn from
    two figures within 5% of each other ("$0.11 against $0.12")."""
    for m in _MONEY.finditer(line):
        value = Decimal(m.group(1).replace(",", ""))
        after = line[m.end(1) :]
        if _PER_MILLION.match(after):
            allowed = {fmt.price(value)}
        elif "1M" in line or "price" in line:
            # A price may be written without its unit beside one with it ("$0.15 and $0.60
            # per 1M", "batch prices $2.50 in"): either form of the module, never a third.
            allowed = {fmt.usd(value), fmt.price(value)}
        else:
            allowed = {fmt.usd(value)}
        assert f"${m.group(1)}" in allowed, (where, line)
        if value == 0:
            assert not re.search(r"\$0\.00(?!\d)", line), (where, line)
    assert not re.search(r"\d %", line), (where, line)
    for m in _PERCENT.finditer(line):
        places = len(m.group(1).partition(".")[2])
        value = Decimal(m.group(1).replace(",", "")) / 100
        assert f"{m.group(1)}%" == fmt.pct(value, places), (where, line)
    for m in _TIMES.finditer(line):
        assert f"{m.group(1)}x" == fmt.times(Decimal(m.group(1).replace(",", ""))), (where, line)
    even = "about the same" in line or "within 5%" in line  # says they are even: no reason
    for m in _AGAINST.finditer(line):
        mine, theirs = _figure(m.group(1)), _figure(m.group(2))
        assert even or differs(mine, theirs), (where, "within 5% given as a reason", line)


def _check_lines(lines: Iterable[str], ids: set[str], where: str) -> None:
    for line in lines:
        assert not re.search(r"(?<![\d.])1\.0x", line), (where, line)
        assert not LONG_LIST.search(line), (where, line)
        assert not MIXED_SIZE.search(line), (where, line)
        words = set(re.findall(r"[\w.-]+", line))
        leaked = {i for i in ids if i in words}
        assert not leaked, (where, leaked, line)
        _check_formats(line, where)


def _check_anywhere(text: str, where: str) -> None:
    """Rules that hold for every character of an output, code and tables included."""
    assert not DOUBLED_NOTE.search(text), (where, DOUBLED_NOTE.search(text))
    for url in re.findall(r"https?://[^\s\"'<>`|)]+", text):
        path = url.split("://", 1)[1].split("?", 1)[0]
        assert not DOUBLED_SEGMENT.search(path), (where, url)


def _check(markdown: str, ids: set[str], where: str) -> None:
    outside_code = re.sub(r"(`{3,})\n.*?\n\1", "", markdown, flags=re.S)
    assert "<" not in outside_code, where
    _check_lines(_sentences(markdown), ids, where)
    _check_anywhere(markdown, where)
    for row in re.findall(r"^\| Context window \|(.*)\|$", markdown, flags=re.M):
        for cell in row.split("|"):
            assert re.fullmatch(r"\d+(\.\d+)?[KM]|\d{1,3}|—", cell.strip()), (where, row)


def _check_cli(page: list[blocks.Block], ids: set[str], where: str) -> None:
    prose_only = [b for b in page if b.kind != "code"]
    _check_lines(_cli_sentences(_cli_text(prose_only)), ids, where)
    _check_anywhere(_cli_text(page), where)


def _check_web(page: str, ids: set[str], where: str) -> None:
    _check_lines(_web_sentences(page), ids, where)
    _check_anywhere(html.unescape(page), where)


def _check_reasons(c: Comparison, where: str) -> None:
    """No figure within 5% of the other model's is a reason to choose a model (the engine's
    reasons, before any sentence is written), and every benchmark lead clears the threshold."""
    for reasons in (c.choose_a, c.choose_b):
        for r in reasons:
            figures = (r.value, r.other)
            if all(isinstance(v, int | Decimal) and not isinstance(v, bool) for v in figures):
                assert differs(r.value, r.other), (where, r)  # type: ignore[arg-type]
    for lead in c.verdict.leads:
        assert lead.gap_share >= c.verdict.threshold, (where, lead)


def _ids(bundled: Catalog, *model_ids: str) -> set[str]:
    """Ids that differ from what a person reads: an id that is also a word of a name on the page
    (the provider "kyma", "HuggingFace (together)") is not a leak."""
    ids, names = set(), set()
    for model_id in model_ids:
        model = bundled.models[model_id]
        ids.add(model.id)
        names.add(model.name)
        for offering in bundled.offerings_of(model_id):
            provider = bundled.providers.get(offering.provider_id)
            if provider is not None:
                ids.add(provider.id)
                names.add(provider.name)
    words = {w for n in names for w in re.findall(r"[\w.-]+", n)}
    return ids - words


def test_every_top_comparison_follows_the_writing_rules(bundled: Catalog, top: list[str]) -> None:
    """Every pair of the top 50, as the CLI prints it (text and Markdown) and as the web page
    shows it."""
    pairs = [(a, b) for i, a in enumerate(top) for b in top[i + 1 :]]
    assert len(pairs) == 1225
    site = Site(bundled)
    try:
        for a, b in pairs:
            where = f"{a}-vs-{b}"
            ids = _ids(bundled, a, b)
            c = build_comparison(bundled, bundled.models[a], bundled.models[b], as_of=AS_OF)
            _check_reasons(c, where)
            page = blocks.comparison_blocks(c)
            _check(blocks.to_markdown(page), ids, where)
            _check_cli(page, ids, where)
            web = site.get(f"/compare/{a}-vs-{b}")
            assert web.status_code == 200, where
            _check_web(web.text, ids, where)
    finally:
        site.client.close()


def _cli_text(page: list[blocks.Block]) -> str:
    """What ``llmref compare`` prints as text (the same blocks, through rich)."""
    console = Console(file=io.StringIO(), width=160, color_system=None, soft_wrap=True)
    blocks.print_blocks(console, page)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


def test_every_top_profile_follows_the_writing_rules(bundled: Catalog, top: list[str]) -> None:
    for model_id in top:
        p = build_profile(bundled, bundled.models[model_id], AS_OF)
        ids = _ids(bundled, model_id, *(c.id for c in p.competitors))
        page = blocks.profile_blocks(p)
        _check(blocks.to_markdown(page), ids, model_id)
        _check_cli(page, ids, model_id)


def test_the_checks_catch_what_they_look_for() -> None:
    bad = "Run it on A, B, C, D, E and F.\n"
    with pytest.raises(AssertionError):
        _check(bad, set(), "list")
    _check("Run it on A, B, C, D, E and 3 more.\n", set(), "cut list")
    _check("It costs $270 a month against $155; input is $0.15/1M (43% less, 1.7x).\n", set(), "ok")
    for text, ids in (
        ("It costs 1.0x as much.\n", set()),
        ("It reads 1,050K tokens.\n", set()),
        ("No price for gpt-4o on poe.\n", {"gpt-4o"}),
        ("A <img> name\n", set()),
        ("It costs $431.25 a month.\n", set()),  # usd() prints $431
        ("It costs $0.00 a month.\n", set()),
        ("About 12 % less.\n", set()),
        ("It is 17.94x as dear.\n", set()),
        ("Cheaper: $0.118 against $0.12 per 1M tokens.\n", set()),
        ("Larger context (1.05M against 1M tokens).\n", set()),
        ("On ChatGPT (subscription) (subscription).\n", set()),
        ("```\ncurl https://x.example/openai/openai/deployments/m\n```\n", set()),
    ):
        with pytest.raises(AssertionError):
            _check(text, ids, text)
    with pytest.raises(AssertionError):
        _check_web('<main id="main"><p>Choose it: 1.0x cheaper.</p></main>', set(), "web")
    _check_web('<main id="main"><table><tr><td>1.0x</td></tr></table></main>', set(), "web")
    with pytest.raises(AssertionError):
        _check_cli([blocks.Block("p", text="It costs 1.0x as much.")], set(), "cli")
