"""Site commands: `serve` (the web site and JSON API) and `build-site` (the static export)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from llmref.cli.common import (
    CatalogOption,
    FormatOption,
    JsonOption,
    OutputFormat,
    console,
    err_console,
    fail,
    handle_errors,
    print_json,
    wants_json,
)


@handle_errors
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    reload: Annotated[
        bool, typer.Option("--reload", help="Restart when the code changes (development).")
    ] = False,
    catalog_dir: CatalogOption = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1, max=64, help="Worker processes (each holds the catalogue; about 1 per core)."
        ),
    ] = 1,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Public address of the site, for absolute links (sitemap, Atom); default "
            "LLMREF_BASE_URL, else http://HOST:PORT.",
        ),
    ] = None,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log every request.")
    ] = True,
) -> None:
    """Serve the web site and the JSON API (http://127.0.0.1:8000 by default)."""
    import uvicorn

    if reload and workers > 1:
        fail("--reload and --workers cannot be combined (reload runs one worker)", 2)
    # Absolute links never come from the request's Host header (any client sets it): from
    # --base-url, LLMREF_BASE_URL, or this server's own address. Read by every worker.
    os.environ["LLMREF_BASE_URL"] = (
        base_url or os.environ.get("LLMREF_BASE_URL") or f"http://{host}:{port}"
    )
    # First-use costs (templates, indexes, the fuzzy matcher) paid in the background at start,
    # not by the first visitors (llmref.web.warm); LLMREF_WARM_UP=0 turns it off.
    os.environ.setdefault("LLMREF_WARM_UP", "1")
    if catalog_dir is not None:
        # The app reads this in every worker, including the ones --reload restarts.
        os.environ["LLMREF_CATALOG_DIR"] = str(catalog_dir)
    else:
        # Build the store here, where its progress can be shown, not silently at app start.
        from llmref.cli.common import load
        from llmref.web.app import preload

        catalog = load(None)
        if workers == 1:
            preload(catalog)  # the one worker is this process: hand it over
        del catalog
    from llmref.web import workers as multi

    plural = f" with {workers} workers" if workers > 1 else ""
    console.print(f"llmref: serving on http://{host}:{port}{plural} (Ctrl+C to stop)")
    options = {
        "log_level": "info",
        "access_log": access_log,
        # Behind a reverse proxy on this machine (docs/reliability.md): the client's address
        # and scheme come from its X-Forwarded-For/-Proto, trusted from loopback only.
        "proxy_headers": True,
        "forwarded_allow_ips": "127.0.0.1",
    }
    if workers > 1 and multi.REUSE_PORT:
        # One socket per worker, the kernel spreading connections (llmref.web.workers).
        multi.run(host, port, workers, options)
        return
    uvicorn.run(
        "llmref.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        workers=workers,
        **options,  # type: ignore[arg-type]
    )


@handle_errors
def build_site(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the site into.")],
    top: Annotated[
        int,
        typer.Option(min=0, help="Write the comparison of every pair among this many top models."),
    ] = 50,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Read prices as of this date (default today).")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Public address of the site, for sitemap.xml (left out without it).",
        ),
    ] = None,
    catalog_dir: CatalogOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = OutputFormat.text,
) -> None:
    """Write the whole site as static files (every page and its JSON twin, the chart, the
    comparisons of the top models, sitemap.xml); links are relative, so any host can serve it."""
    as_json = wants_json(as_json, fmt)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from llmref.cli.common import load
    from llmref.export import build_site as export

    day = None
    if as_of is not None:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            fail(f"--as-of must be a date like 2025-06-30, got {as_of!r}", 2)
    if out_dir.exists() and not out_dir.is_dir():
        fail(f"{out_dir} exists and is not a folder", 2)
    catalog = load(catalog_dir)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=as_json,
        transient=as_json,
    ) as bar:
        task = bar.add_task("Writing the site", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = export(out_dir, catalog, top=top, as_of=day, base_url=base_url, progress=progress)
    if as_json:
        print_json(
            {
                "out_dir": str(report.out_dir),
                "pages": report.pages,
                "files": report.files,
                "shared_files": report.shared_files,
                "bytes": report.bytes_written,
                "seconds": round(report.seconds, 3),
                "pages_per_second": round(report.pages_per_second, 1),
                "processes": report.processes,
                "cpu_seconds": round(report.cpu_seconds, 3),
                "sitemap": report.sitemap,
                "phases": {
                    kind: {
                        "files": phase.files,
                        "render_cpu_seconds": round(phase.render_seconds, 3),
                        "write_cpu_seconds": round(phase.write_seconds, 3),
                    }
                    for kind, phase in report.phases.items()
                },
            }
        )
        return
    console.print(
        f"Wrote {report.pages:,} pages ({report.files:,} files, plus {report.shared_files:,} "
        f"model summaries the JSON twins share; {report.bytes_written / 1e6:,.1f} MB in all) "
        f"to {report.out_dir} in "
        f"{report.seconds:.1f} s ({report.pages_per_second:,.0f} pages/s)."
    )
    if not report.sitemap:
        err_console.print(
            "Warning: no sitemap.xml: a sitemap lists absolute URLs, so it needs the site's "
            "public address (--base-url https://…).",
            soft_wrap=True,
        )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("build-site")(build_site)
