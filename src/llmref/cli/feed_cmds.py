"""`llmref feed ...`: configure feeds, update them, read the scored items, publish Atom."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from llmref.cli.common import (
    CatalogOption,
    FormatOption,
    JsonOption,
    OutputFormat,
    console,
    enter_group,
    err_console,
    fail,
    handle_errors,
    load,
    print_json,
    wants_json,
)

if TYPE_CHECKING:
    from llmref.feed.config import FeedConfig, FeedEntry
    from llmref.feed.types import CatalogEvent, EntityKind, FeedItem, FeedReport, Score

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Feed config file (TOML). Default: feeds.toml in the llmref home.",
        dir_okay=False,
        resolve_path=True,
    ),
]
LimitOption = Annotated[
    int, typer.Option("--limit", min=1, max=500, help="At most this many items.")
]


def _stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _score_json(score: Score) -> dict[str, Any]:
    return {
        "value": score.value,
        "explanation": score.explanation,
        "reasons": [{"kind": e.kind, "text": e.text, "count": e.count} for e in score.reasons],
    }


def item_document(item: FeedItem) -> dict[str, Any]:
    """One item as `feed show --json` prints it."""
    analysis = item.analysis
    return {
        "id": item.id,
        "title": item.title,
        "link": item.link,
        "feed": item.feed_url,
        "feed_title": item.feed_title,
        "author": item.author,
        "published": _stamp(item.published),
        "first_seen": _stamp(item.first_seen),
        "signal": _score_json(analysis.signal),
        "hype": _score_json(analysis.hype),
        "models": [link.id for link in analysis.links if link.kind == "model"],
        "links": [
            {
                "kind": link.kind,
                "id": link.id,
                "name": link.name,
                "mentions": link.mentions,
                "matched": list(link.matched),
            }
            for link in analysis.links
        ],
        "summary": list(analysis.summary),
        "tags": list(analysis.tags),
        "words": analysis.words,
    }


def event_document(event: CatalogEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "date": event.date.isoformat(),
        "title": event.title,
        "text": event.text,
        "source": event.source,
        "model": event.model_id,
        "provider": event.provider_id,
        "changes": [
            {
                "field": c.field,
                "old": None if c.old is None else str(c.old),
                "new": None if c.new is None else str(c.new),
            }
            for c in event.changes
        ],
    }


def _reasons(score: Score) -> Text:
    if not score.reasons:
        return Text("    nothing counted", style="dim")
    line = Text("    ")
    by_kind: dict[str, list[str]] = {}
    for evidence in score.reasons:
        shown = evidence.text if evidence.count == 1 else f"{evidence.text} ×{evidence.count}"
        by_kind.setdefault(evidence.kind, []).append(shown)
    for n, (kind, texts) in enumerate(by_kind.items()):
        if n:
            line.append("; ")
        line.append(f"{kind}: ", style="bold")
        line.append(", ".join(texts))
    return line


def _print_item(item: FeedItem) -> None:
    analysis = item.analysis
    console.print(Text.assemble((f"[{item.id}] ", "dim"), (item.title or "(untitled)", "bold")))
    when = item.published.date().isoformat() if item.published else "no date"
    origin = " · ".join(p for p in (item.feed_title or item.feed_url, when, item.link) if p)
    console.print(Text("  " + origin, style="dim"))
    for label, score in (("Signal", analysis.signal), ("Hype", analysis.hype)):
        console.print(
            Text.assemble(f"  {label} ", (str(score.value), "bold"), f" — {score.explanation}")
        )
        console.print(_reasons(score))
    kinds: tuple[tuple[EntityKind, str], ...] = (
        ("model", "Models"),
        ("vendor", "Vendors"),
        ("provider", "Providers"),
    )
    for kind, label in kinds:
        links = analysis.linked(kind)
        if links:
            names = ", ".join(f"{link.name} ({link.id})" for link in links)
            console.print(Text.assemble(f"  {label}: ", names))
    if analysis.tags:
        console.print(Text("  Tags: " + ", ".join(analysis.tags)))
    if analysis.summary:
        console.print(Text("  Summary:"))
        for line in analysis.summary:
            console.print(Text(f"    {line}"))
    console.print()


def _report_table(reports: tuple[FeedReport, ...]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    numeric = ("New", "Updated", "Duplicates", "Attempts")
    for column in ("Feed", "Status", *numeric, "Error"):
        table.add_column(
            column,
            justify="right" if column in numeric else "left",
            no_wrap=column != "Feed" and column != "Error",
        )
    for report in reports:
        table.add_row(
            Text(report.title or report.source),
            Text(report.status, style="red" if report.status == "error" else ""),
            str(report.new),
            str(report.updated),
            str(report.duplicates),
            str(report.attempts),
            Text(report.error or ""),
        )
    return table


def register(app: typer.Typer) -> None:
    feed_app = typer.Typer(
        name="feed",
        help="The news feed: RSS/Atom items linked to the catalogue, scored for signal and hype.",
        no_args_is_help=True,
    )

    @feed_app.callback()
    def _feed(ctx: typer.Context) -> None:
        """The news feed: RSS/Atom items linked to the catalogue, scored for signal and hype."""
        enter_group(ctx.invoked_subcommand)

    @feed_app.command("add")
    @handle_errors
    def add(
        source: Annotated[str, typer.Argument(help="An http(s) feed URL or a local feed file.")],
        name: Annotated[str | None, typer.Option("--name", help="A label for the feed.")] = None,
        config: ConfigOption = None,
        as_json: JsonOption = False,
        fmt: FormatOption = OutputFormat.text,
    ) -> None:
        """Add a feed to the config (nothing is fetched until `llmref feed update`)."""
        from llmref.feed.config import add_feed

        updated, entry, added = add_feed(source, name=name, path=config)
        if wants_json(as_json, fmt):
            print_json(_config_change(updated, entry, added=added))
            return
        verb = "Added" if added else "Already configured:"
        console.print(Text(f"{verb} {entry.url}"))
        console.print(Text(f"{len(updated.feeds)} feed(s) in {updated.path}", style="dim"))

    @feed_app.command("remove")
    @handle_errors
    def remove(
        source: Annotated[
            str, typer.Argument(help="The feed's URL or file (as added), or its --name label.")
        ],
        config: ConfigOption = None,
        as_json: JsonOption = False,
        fmt: FormatOption = OutputFormat.text,
    ) -> None:
        """Remove a feed from the config (its stored items stay; `feed update` skips it).
        Exits 1 when no configured feed matches."""
        from llmref.feed.config import remove_feed

        updated, entry = remove_feed(source, path=config)
        if entry is None:
            known = ", ".join(e.url for e in updated.feeds) or "none"
            fail(f"no configured feed is {source!r}; configured: {known}", 1)
        if wants_json(as_json, fmt):
            print_json(_config_change(updated, entry, removed=True))
            return
        console.print(Text(f"Removed {entry.url}"))
        console.print(Text(f"{len(updated.feeds)} feed(s) in {updated.path}", style="dim"))

    @feed_app.command("update")
    @handle_errors
    def update_cmd(
        config: ConfigOption = None,
        catalog_dir: CatalogOption = None,
        as_json: JsonOption = False,
        fmt: FormatOption = OutputFormat.text,
    ) -> None:
        """Fetch every configured feed (conditional GET), store new items, report per feed.
        Exits 1 if any feed failed; that feed's stored items are unchanged."""
        as_json = wants_json(as_json, fmt)
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from llmref.feed.config import load_config
        from llmref.feed.ingest import update_feeds
        from llmref.feed.store import FeedRepository
        from llmref.store import open_store

        settings = load_config(config)
        if not settings.feeds:
            fail(f"no feeds configured in {settings.path}; add one with `llmref feed add URL`", 1)
        catalog = load(catalog_dir)
        repo = FeedRepository(open_store())
        sources = [entry.url for entry in settings.feeds]
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err_console,
            transient=True,
        ) as progress:
            task = progress.add_task("Updating feeds", total=len(sources))
            reports = update_feeds(
                repo,
                sources,
                catalog,
                timeout=settings.timeout,
                retries=settings.retries,
                on_start=lambda source: progress.update(task, description=f"Fetching {source}"),
                on_done=lambda _report: progress.advance(task),
            )
        if as_json:
            print_json({"feeds": [_report_json(report) for report in reports]})
        else:
            console.print(_report_table(reports))
        if any(report.status == "error" for report in reports):
            raise typer.Exit(1)

    @feed_app.command("list")
    @handle_errors
    def list_cmd(
        config: ConfigOption = None,
        as_json: JsonOption = False,
        fmt: FormatOption = OutputFormat.text,
    ) -> None:
        """The configured feeds with the state of their last update."""
        as_json = wants_json(as_json, fmt)
        from llmref.feed.api import feed_sources
        from llmref.feed.config import load_config
        from llmref.store import open_store

        settings = load_config(config)
        state = {source.url: source for source in feed_sources(open_store())}
        rows: list[dict[str, Any]] = []
        for entry in settings.feeds:
            known = state.get(entry.url)
            rows.append(
                {
                    "url": entry.url,
                    "name": entry.name,
                    "title": known.title if known else None,
                    "items": known.items if known else 0,
                    "last_checked": _stamp(known.last_checked) if known else None,
                    "last_status": known.last_status if known else None,
                    "last_error": known.last_error if known else None,
                }
            )
        if as_json:
            print_json({"config": str(settings.path), "feeds": rows})
            return
        if not rows:
            console.print(Text(f"No feeds configured in {settings.path}."))
            return
        table = Table(show_edge=False, pad_edge=False)
        for column in ("Feed", "Items", "Last checked", "Status", "Error"):
            table.add_column(column, justify="right" if column == "Items" else "left")
        for row in rows:
            label = row["name"] or row["title"] or row["url"]
            table.add_row(
                Text(f"{label}\n{row['url']}" if label != row["url"] else label),
                str(row["items"]),
                Text(row["last_checked"] or "never"),
                Text(row["last_status"] or "—"),
                Text(row["last_error"] or ""),
            )
        console.print(table)

    @feed_app.command("show")
    @handle_errors
    def show(
        model: Annotated[
            str | None, typer.Option("--model", help="Only items linked to this model.")
        ] = None,
        min_signal: Annotated[
            int | None, typer.Option("--min-signal", min=0, max=100, help="Signal at least N.")
        ] = None,
        tag: Annotated[str | None, typer.Option("--tag", help="Only items with this tag.")] = None,
        limit: LimitOption = 20,
        catalog_dir: CatalogOption = None,
        as_json: JsonOption = False,
        fmt: FormatOption = OutputFormat.text,
    ) -> None:
        """Stored items, newest first, with their scores and the reasons for them."""
        as_json = wants_json(as_json, fmt)
        from llmref.feed.api import list_items, refresh_analyses
        from llmref.store import open_store

        catalog = load(catalog_dir)
        store = open_store()
        refresh_analyses(store, catalog)
        page = list_items(
            store, catalog=catalog, model=model, min_signal=min_signal, tag=tag, limit=limit
        )
        if as_json:
            print_json(
                {
                    "total": page.total,
                    "shown": len(page.items),
                    "items": [item_document(item) for item in page.items],
                }
            )
            return
        if not page.items:
            console.print(Text("No items match." if page.total == 0 else "No more items."))
            return
        for item in page.items:
            _print_item(item)
        more = " (--limit N shows more)" if page.total > len(page.items) else ""
        console.print(Text(f"{len(page.items)} of {page.total} item(s).{more}", style="dim"))

    @feed_app.command("atom")
    @handle_errors
    def atom(
        output: Annotated[
            Path | None, typer.Option("--output", "-o", dir_okay=False, help="Write to FILE.")
        ] = None,
        derived: Annotated[
            bool, typer.Option("--derived", help="The catalogue's own changes instead of items.")
        ] = False,
        min_signal: Annotated[
            int | None, typer.Option("--min-signal", min=0, max=100, help="Signal at least N.")
        ] = None,
        self_url: Annotated[
            str | None, typer.Option("--self-url", help="The URL the feed will be served at.")
        ] = None,
        limit: LimitOption = 50,
        catalog_dir: CatalogOption = None,
        as_json: JsonOption = False,
        fmt: FormatOption = OutputFormat.text,
    ) -> None:
        """An Atom feed of the scored items (or, with --derived, of catalogue changes).
        With --json, the XML is the "atom" field of the JSON object."""
        from llmref.feed.api import catalog_atom_xml, items_atom_xml, refresh_analyses
        from llmref.store import open_store

        catalog = load(catalog_dir)
        if derived:
            xml = catalog_atom_xml(catalog, limit=limit, self_url=self_url)
        else:
            store = open_store()
            refresh_analyses(store, catalog)
            xml = items_atom_xml(store, min_signal=min_signal, limit=limit, self_url=self_url)
        if output is not None:
            output.write_text(xml, encoding="utf-8")
        if wants_json(as_json, fmt):
            written = None if output is None else str(output)
            print_json({"written": written, "atom": xml if output is None else None})
        elif output is None:
            typer.echo(xml, nl=False)
        else:
            err_console.print(Text(f"Wrote {output}"))

    @feed_app.command("catalog")
    @handle_errors
    def catalog_cmd(
        since: Annotated[
            str | None, typer.Option("--since", help="Only events on or after this date.")
        ] = None,
        limit: LimitOption = 50,
        catalog_dir: CatalogOption = None,
        as_json: JsonOption = False,
        fmt: FormatOption = OutputFormat.text,
    ) -> None:
        """The catalogue's own feed: new models, offerings, price changes, new providers."""
        as_json = wants_json(as_json, fmt)
        from llmref.feed.api import catalog_feed

        start: date | None = None
        if since is not None:
            try:
                start = date.fromisoformat(since)
            except ValueError:
                fail(f"--since must be a date like 2024-06-01, got {since!r}", 2)
        events = catalog_feed(load(catalog_dir), since=start, limit=limit)
        if as_json:
            print_json({"count": len(events), "events": [event_document(e) for e in events]})
            return
        if not events:
            console.print(Text("No dated changes in the catalogue."))
            return
        table = Table(show_edge=False, pad_edge=False)
        for column in ("Date", "Kind", "What"):
            table.add_column(column)
        for event in events:
            table.add_row(event.date.isoformat(), event.kind, Text(event.text))
        console.print(table)

    app.add_typer(feed_app, name="feed")


def _config_change(
    config: FeedConfig, entry: FeedEntry, *, added: bool = False, removed: bool = False
) -> dict[str, Any]:
    return {
        "url": entry.url,
        "name": entry.name,
        "added": added,
        "removed": removed,
        "config": str(config.path),
        "feeds": len(config.feeds),
    }


def _report_json(report: FeedReport) -> dict[str, Any]:
    return {
        "source": report.source,
        "title": report.title,
        "status": report.status,
        "new": report.new,
        "updated": report.updated,
        "duplicates": report.duplicates,
        "attempts": report.attempts,
        "error": report.error,
    }
