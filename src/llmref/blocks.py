"""Text pages for the CLI: a Comparison, ComparisonTable or Profile becomes a list of blocks
(headings, paragraphs, bullet lists, tables, code), which print as Markdown or as Rich output.
Both renderers read the same blocks, so the terminal and the Markdown say the same thing.

Nothing here computes a figure: every number and sentence comes from the result objects.
Catalogue text (a model's name, a description) is data, not markup: both outputs escape
``&``, ``<`` and ``>``, so a model named ``<img src=x onerror=alert(1)>`` stays text wherever
the Markdown is rendered (code blocks are literal in Markdown and are left as they are).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as _html
from typing import TYPE_CHECKING

from llmref import formatting, prose
from llmref.alternatives import RULE_PHRASES

if TYPE_CHECKING:
    from rich.console import Console

    from llmref.compare import Comparison, ComparisonTable, Row
    from llmref.profile import Profile
    from llmref.prose import ComparisonText, ProfileText, TableText


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    """h1 | h2 | h3 | p | ul | table | code"""
    text: str = ""
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def _table(first: str, names: Sequence[str], rows: Sequence[Row]) -> Block:
    return Block(
        "table",
        header=(first, *names),
        rows=tuple((r.label, *(c.text for c in r.cells)) for r in rows),
    )


def _preset_table(c: Comparison) -> Block:
    """Small, Medium and Large requests side by side, each on its cheapest route."""
    rows = []
    for pa, pb in zip(c.costs.a.presets, c.costs.b.presets, strict=True):
        p = pa.preset
        rows.append(
            (
                f"{p.name} ({formatting.count(p.input_tokens)} in / "
                f"{formatting.count(p.output_tokens)} out)",
                *(
                    f"{formatting.usd(x.cost)} on {x.provider_name}"
                    if x.cost is not None
                    else "unavailable"
                    for x in (pa, pb)
                ),
            )
        )
    return Block("table", header=("Request", c.a.name, c.b.name), rows=tuple(rows))


def comparison_blocks(c: Comparison, text: ComparisonText | None = None) -> list[Block]:
    """The blocks of a pairwise comparison page (`text`: its sentences, when already written)."""
    t = text or prose.comparison_text(c)
    names = (c.a.name, c.b.name)
    blocks = [
        Block("h1", t.title),
        Block("p", t.intro),
        Block("p", f"Verdict: {t.verdict}"),
        Block("h2", "Bottom line"),
        Block("ul", items=t.bottom_line),
    ]
    if t.routing:
        blocks.append(Block("p", t.routing))
    if t.risks:
        blocks += [Block("h3", "Risks"), Block("ul", items=t.risks)]
    blocks += [
        Block("h2", "Decision scorecard"),
        _table("Signal", names, c.scorecard),
        Block("h2", "Decision tradeoffs"),
        Block("h3", t.choose_a_heading),
        Block("ul", items=t.choose_a),
        Block("h3", t.choose_b_heading),
        Block("ul", items=t.choose_b),
        Block("h2", "Monthly cost at traffic"),
        Block("p", t.monthly_intro),
        Block("ul", items=(t.monthly_a, t.monthly_b)),
        Block("p", f"{t.monthly_gap} {t.blended} {t.monthly_note}"),
        Block("h3", "Request presets"),
        _preset_table(c),
        *([Block("h3", "The rest of the bill"), Block("ul", items=t.costs)] if t.costs else []),
        Block("h2", "Switch friction"),
        Block("h3", t.switch_a_to_b_heading),
        Block("ul", items=t.switch_a_to_b),
        Block("h3", t.switch_b_to_a_heading),
        Block("ul", items=t.switch_b_to_a),
        Block("h2", "Specs"),
        _table("Specification", names, c.specs),
        Block("h2", "Pricing and availability"),
        _table("Pricing", names, c.pricing),
        Block("h2", "Capabilities"),
        _table("Capability", names, c.capabilities),
        Block("h2", "Benchmarks"),
        Block("p", t.benchmarks),
    ]
    if t.benchmark_lines:
        blocks.append(Block("ul", items=t.benchmark_lines))
    if t.speed:
        blocks += [Block("h2", "Speed"), Block("ul", items=t.speed)]
    blocks.append(Block("h2", "Deep dive"))
    blocks += [Block("p", para) for para in t.deep_dive]
    blocks.append(Block("h2", "FAQ"))
    for item in t.faq:
        blocks += [Block("h3", item.question), Block("p", item.answer)]
    if c.related:
        blocks += [
            Block("h2", "Related comparisons"),
            Block(
                "ul",
                items=tuple(
                    f"{r.a_name} vs {r.b_name}"
                    + (f" ({RULE_PHRASES[r.reason]})" if r.reason in RULE_PHRASES else "")
                    for r in c.related
                ),
            ),
        ]
    blocks += [Block("p", t.reviewed), Block("h3", "Sources"), Block("ul", items=c.sources)]
    return blocks


def table_blocks(t: ComparisonTable, table_text: TableText | None = None) -> list[Block]:
    """The blocks of an N-way comparison table."""
    text = table_text or prose.table_text(t)
    names = tuple(s.name for s in t.sides)
    blocks = [
        Block("h1", text.title),
        Block("p", text.summary),
    ]
    if text.unavailable:
        blocks.append(Block("ul", items=text.unavailable))
    ranked = tuple(f"{i}. {line}" for i, line in enumerate(text.ranking, 1))
    blocks += [Block("h2", "Ranking"), Block("ul", items=ranked)]
    blocks += [
        Block("h2", "Decision scorecard"),
        _table("Signal", names, t.scorecard),
        Block("h2", "Pricing"),
        _table("Pricing", names, t.pricing),
        Block("h2", "Specs"),
        _table("Specification", names, t.specs),
        Block("h2", "Capabilities"),
        _table("Capability", names, t.capabilities),
        Block("h2", "Benchmarks"),
    ]
    if t.benchmarks:
        blocks.append(_table("Benchmark", names, t.benchmarks))
    else:
        blocks.append(Block("p", "No benchmark is tracked for every model in this table."))
    blocks.append(Block("p", text.reviewed))
    return blocks


def profile_blocks(p: Profile, text: ProfileText | None = None) -> list[Block]:
    """The blocks of a model profile."""
    t = text or prose.profile_text(p)
    blocks = [Block("h1", t.title), Block("p", t.overview)]
    if p.description:
        blocks.append(Block("p", p.description))
    blocks += [
        Block("h2", "Specs"),
        Block(
            "table",
            header=("Specification", "Value"),
            rows=tuple((r.label, r.cells[0].text) for r in p.specs),
        ),
        Block("h2", "Benchmarks"),
        Block("p", t.benchmarks),
        Block("h2", "Prices against alternatives"),
    ]
    blocks.append(
        Block("ul", items=t.price_lines)
        if t.price_lines
        else Block("p", "No priced alternative to compare with.")
    )
    blocks += [Block("h2", "Request presets"), Block("ul", items=t.presets)]
    blocks += [Block("h3", "Blended price by workload"), Block("ul", items=t.ratio_prices)]
    blocks += [Block("h2", "Where to run it"), Block("p", t.access)]
    without = []
    for access in p.access:
        if access.example is None:
            # One line for all the providers without an example, not a stanza each.
            without.append(access.route.provider_name)
            continue
        blocks.append(Block("h3", access.route.provider_name))
        ex = access.example
        head = "\n".join(f"{k}: {v}" for k, v in ex.headers)
        blocks.append(Block("code", f"{ex.method} {ex.url}\n{head}\n\n{ex.body}"))
        if ex.note:
            blocks.append(Block("p", ex.note))
    if without:
        blocks.append(
            Block(
                "p",
                f"No request example for {formatting.short_list(without)}: no API style or "
                "base URL is tracked for them, or they sell no API.",
            )
        )
    blocks += [
        Block("h2", "Strengths"),
        Block("ul", items=t.strengths)
        if t.strengths
        else Block("p", "No strength stands out in the tracked data."),
        Block("h2", "Limitations"),
        Block("ul", items=t.limitations)
        if t.limitations
        else Block("p", "No limitation stands out in the tracked data."),
        Block("h2", "Value"),
        Block("p", t.value),
        Block("h2", "FAQ"),
    ]
    for item in t.faq:
        blocks += [Block("h3", item.question), Block("p", item.answer)]
    blocks += [Block("p", t.reviewed), Block("h3", "Sources"), Block("ul", items=p.sources)]
    return blocks


def _text(text: str) -> str:
    """Text safe to print: HTML's special characters escaped (quotes need not be, outside
    attributes)."""
    return _html(text, quote=False)


def _longest_backtick_run(text: str) -> int:
    run = best = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        best = max(best, run)
    return best


def _md_cell(text: str) -> str:
    return _text(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(blocks: Sequence[Block]) -> str:
    """Blocks as GitHub-flavoured Markdown (deterministic)."""
    out: list[str] = []
    for b in blocks:
        if b.kind in ("h1", "h2", "h3"):
            out.append(f"{'#' * int(b.kind[1])} {_text(b.text)}")
        elif b.kind == "p":
            out.append(_text(b.text))
        elif b.kind == "ul":
            out.append("\n".join(f"- {_text(item)}" for item in b.items))
        elif b.kind == "table":
            lines = [
                "| " + " | ".join(_md_cell(h) for h in b.header) + " |",
                "|" + "---|" * len(b.header),
            ]
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in b.rows]
            out.append("\n".join(lines))
        elif b.kind == "code":
            # A fence longer than any run of backticks in the text, so data cannot close it.
            fence = "`" * max(3, _longest_backtick_run(b.text) + 1)
            out.append(f"{fence}\n{b.text}\n{fence}")
    return "\n\n".join(out) + "\n"


def print_blocks(console: Console, blocks: Sequence[Block]) -> None:
    """Blocks as Rich output: headings in bold, tables as Rich tables."""
    from rich.markup import escape
    from rich.table import Table

    for b in blocks:
        if b.kind == "h1":
            console.print(f"[bold underline]{escape(_text(b.text))}[/]\n")
        elif b.kind == "h2":
            console.print(f"\n[bold]{escape(_text(b.text))}[/]")
        elif b.kind == "h3":
            console.print(f"[bold dim]{escape(_text(b.text))}[/]")
        elif b.kind == "p":
            console.print(escape(_text(b.text)))
        elif b.kind == "ul":
            for item in b.items:
                console.print(f"  • {escape(_text(item))}")
        elif b.kind == "table":
            table = Table(show_edge=False, pad_edge=False)
            for h in b.header:
                table.add_column(escape(_text(h)))
            for row in b.rows:
                table.add_row(*(escape(_text(c)) for c in row))
            console.print(table)
        elif b.kind == "code":
            console.print(escape(b.text), style="cyan")


__all__ = [
    "Block",
    "comparison_blocks",
    "print_blocks",
    "profile_blocks",
    "table_blocks",
    "to_markdown",
]
