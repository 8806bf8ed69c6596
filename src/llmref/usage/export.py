"""The report as one JSON object (the CLI wraps it in the envelope every command shares,
``{"data": ..., "meta": ...}``): the figures, and under ``about`` how they were priced and what
was left out. Money as exact decimal strings (USD), dates ISO."""

from __future__ import annotations

from typing import Any

from llmref.usage.report import GROUPINGS, Line, UsageReport
from llmref.usage.whatif import ESTIMATE_NOTE


def _line(line: Line, names: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = dict(zip(names, line.key, strict=True))
    for field in Line.__dataclass_fields__:
        if field != "key":
            out[field] = getattr(line, field)
    return out


def report_json(report: UsageReport) -> dict[str, Any]:
    """The JSON form of ``report`` (Decimals stay Decimals: the CLI's JSON writer prints them as
    strings, exact)."""
    data: dict[str, Any] = {
        "total": _line(report.total, ()),
        "groups": {
            name: [_line(line, GROUPINGS[name]) for line in lines]
            for name, lines in report.groups.items()
        },
        "alternatives": list(report.alternatives),
        "routing": report.routing,
        "caching": list(report.caching),
        "problems": [
            {
                "source": p.source,
                "line": p.line,
                "field": p.field,
                "message": p.message,
                "kind": p.kind,
            }
            for p in report.problems
        ],
    }
    metadata = {
        "pricing": (
            "each request at the prices in force on its day (UTC)"
            if report.pricing == "day"
            else f"every request at the prices of {report.as_of}"
        ),
        "as_of": report.as_of,
        "currency": "USD",
        "catalog_version": report.catalog_version,
        "first_day": report.first_day,
        "last_day": report.last_day,
        "files": report.files,
        "invalid_rows": report.invalid_rows,
        "duplicates_skipped": report.duplicates,
        "unpriced_rows": report.unpriced_rows,
        "problems_listed": len(report.problems),
        "rounded_prices": report.rounded_prices,
        "left_out": (
            f"{report.invalid_rows:,} invalid and {report.unpriced_rows:,} unpriced row(s) are "
            "not in the totals"
        ),
        "alternatives_note": ESTIMATE_NOTE,
    }
    return {**data, "about": metadata}
