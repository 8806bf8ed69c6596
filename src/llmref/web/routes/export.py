"""Bulk export under ``/api/v1/export``: models, offerings and benchmark results as CSV or
NDJSON, streamed a chunk of rows at a time (:mod:`llmref.export_data` makes the rows)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import StreamingResponse

from llmref import export_data
from llmref.export_data import ExportFormat, ExportKind
from llmref.web.routes.api import COMMON, AsOf
from llmref.web.urls import API

router = APIRouter(prefix=API, tags=["export"], responses=COMMON)

EXAMPLES: dict[str, str] = {
    "text/csv": "model_id,provider_id,…,input,output,…,price_source,price_reviewed,…\r\n"
    "gpt-4o-mini,openai,gpt-4o-mini,vendor-api,true,2026-11-21,…,0.15,0.6,…,"
    "https://openai.com/api/pricing/,2026-11-20,…\r\n",
    "application/x-ndjson": '{"model_id": "gpt-4o-mini", "provider_id": "openai", '
    '"input": "0.15", "output": "0.6", "price_source": "https://openai.com/api/pricing/", '
    '"price_reviewed": "2026-11-20", …}\n',
}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The rows: CSV with a header line, or one JSON object per line.",
        "content": {media: {"example": text} for media, text in EXAMPLES.items()},
    }
}


@router.get(
    "/export/{kind}.{fmt}",
    summary="Bulk export: models, offerings or benchmark results as CSV or NDJSON",
    description="Every row of one kind, streamed: `models` (one row per model, each fact "
    "with `<fact>_source` and `<fact>_reviewed`), `offerings` (one per model and provider, "
    "with the prices in force on `as_of` and their source and review date) or `benchmarks` "
    "(one per result). Prices are exact decimal strings in US dollars per 1M tokens. CSV: "
    "RFC 4180 quoting, lists joined by `;`, price tiers as JSON; NDJSON: one object per line.",
    response_class=StreamingResponse,
    responses=RESPONSES,
)
async def export(
    request: Request, kind: ExportKind, fmt: ExportFormat, as_of_: AsOf = None
) -> StreamingResponse:
    state = request.app.state.site
    catalog = state.holder.current
    day = as_of_ or state.today()
    # A sync iterator: Starlette runs each step in a worker thread, off the event loop.
    body = export_data.stream(catalog, kind, fmt, day)
    filename = f"llmref-{kind}.{fmt}"
    return StreamingResponse(
        body,
        media_type=export_data.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )
