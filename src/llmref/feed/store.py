"""The feed repository: SQLAlchemy Core over the store's engine (SQLite or PostgreSQL).

Writes of one feed update happen in one transaction: the items, their filter keys and the
feed's new validators (ETag, Last-Modified) commit together or not at all. A failed update
touches only the feed's status row, never its items.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, or_, select, update

from llmref.feed.db_tables import feed_item_keys, feed_items, feed_sources
from llmref.feed.dedupe import content_hash, link_key, title_key
from llmref.feed.sanitize import text_of_clean_html
from llmref.feed.types import (
    Analysis,
    EntityLink,
    Evidence,
    FeedItem,
    FeedSource,
    ItemPage,
    ParsedFeed,
    ParsedItem,
    Score,
)
from llmref.store import Store

__all__ = ["FeedRepository", "SaveCounts", "analysis_from_json", "analysis_to_json"]

_CHUNK = 400  # bound parameters per IN (...) list, well under every backend's limit


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _from_iso(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


# ---- analysis <-> JSON ------------------------------------------------------------------


def _score_json(score: Score) -> dict[str, Any]:
    return {
        "value": score.value,
        "explanation": score.explanation,
        "reasons": [[e.kind, e.text, e.count] for e in score.reasons],
    }


def _score_from(data: dict[str, Any]) -> Score:
    return Score(
        value=int(data["value"]),
        explanation=str(data["explanation"]),
        reasons=tuple(Evidence(str(k), str(t), int(c)) for k, t, c in data["reasons"]),
    )


def analysis_to_json(analysis: Analysis) -> str:
    return json.dumps(
        {
            "signal": _score_json(analysis.signal),
            "hype": _score_json(analysis.hype),
            "links": [
                [link.kind, link.id, link.name, link.mentions, list(link.matched)]
                for link in analysis.links
            ],
            "summary": list(analysis.summary),
            "tags": list(analysis.tags),
            "words": analysis.words,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def analysis_from_json(text: str) -> Analysis:
    data = json.loads(text)
    return Analysis(
        signal=_score_from(data["signal"]),
        hype=_score_from(data["hype"]),
        links=tuple(
            EntityLink(kind=k, id=i, name=n, mentions=int(m), matched=tuple(s))
            for k, i, n, m, s in data["links"]
        ),
        summary=tuple(data["summary"]),
        tags=tuple(data["tags"]),
        words=int(data["words"]),
    )


def _keys(item_id: int, analysis: Analysis) -> list[tuple[int, str, str]]:
    rows: list[tuple[int, str, str]] = [(item_id, link.kind, link.id) for link in analysis.links]
    rows.extend((item_id, "tag", tag[:300]) for tag in analysis.tags)
    return rows


def _insert_keys(conn: Connection, rows: list[tuple[int, str, str]]) -> None:
    """Many small rows: straight to the driver's executemany. SQLAlchemy's per-row parameter
    processing would cost more than the insert itself (dozens of keys per item)."""
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(
        f"INSERT INTO {feed_item_keys.name} (item_id, kind, value) VALUES ({mark}, {mark}, {mark})",
        rows,
    )


# ---- repository -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SaveCounts:
    new: int
    updated: int
    duplicates: int


@dataclass(slots=True)
class _Seen:
    """The dedupe keys already present: stored rows plus items earlier in this batch."""

    guids: dict[str, tuple[int | None, str]]
    links: set[str]
    titles: dict[str, list[dt.date | None]]

    def title_clash(self, key: str, day: dt.date | None) -> bool:
        days = self.titles.get(key)
        if days is None:
            return False
        return day is None or any(d is None or d == day for d in days)


class FeedRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- sources ----

    def sources(self) -> tuple[FeedSource, ...]:
        """Every feed read at least once, by URL."""
        return self._sources(None)

    def source(self, url: str) -> FeedSource | None:
        found = self._sources(url)
        return found[0] if found else None

    def _sources(self, url: str | None) -> tuple[FeedSource, ...]:
        counts = (
            select(feed_items.c.feed_id, func.count().label("n"))
            .group_by(feed_items.c.feed_id)
            .subquery()
        )
        query = (
            select(feed_sources, func.coalesce(counts.c.n, 0).label("n"))
            .outerjoin(counts, counts.c.feed_id == feed_sources.c.id)
            .order_by(feed_sources.c.url)
        )
        if url is not None:
            query = query.where(feed_sources.c.url == url)
        with self.store.engine.connect() as conn:
            return tuple(_source(row) for row in conn.execute(query))

    def _source_id(self, conn: Connection, url: str) -> int:
        found = conn.scalar(select(feed_sources.c.id).where(feed_sources.c.url == url))
        if found is not None:
            return int(found)
        result = conn.execute(insert(feed_sources).values(url=url))
        key = result.inserted_primary_key
        assert key is not None
        return int(key[0])

    def record_status(self, url: str, *, status: str, error: str | None, now: dt.datetime) -> None:
        """Note a fetch that stored nothing (not modified, or failed). Items are untouched."""
        with self.store.begin() as conn:
            source_id = self._source_id(conn, url)
            conn.execute(
                update(feed_sources)
                .where(feed_sources.c.id == source_id)
                .values(last_checked=iso(now), last_status=status, last_error=error)
            )

    # ---- writes ----

    def save_update(
        self,
        url: str,
        feed: ParsedFeed,
        analysed: Sequence[tuple[ParsedItem, Analysis]],
        *,
        etag: str | None,
        last_modified: str | None,
        analysed_with: str,
        now: dt.datetime,
    ) -> SaveCounts:
        """Store one successful read of a feed, de-duplicated, in one transaction."""
        new = updated = duplicates = 0
        stamp = iso(now)
        with self.store.begin() as conn:
            source_id = self._source_id(conn, url)
            rows = [_item_row(source_id, i, a, analysed_with, stamp) for i, a in analysed]
            seen = self._existing(conn, source_id, rows)
            fresh: list[tuple[dict[str, Any], Analysis]] = []
            for row, (item, analysis) in zip(rows, analysed, strict=True):
                guid = row["guid"]
                if guid is not None and guid in seen.guids:
                    existing_id, existing_hash = seen.guids[guid]
                    if existing_id is not None and existing_hash != row["content_hash"]:
                        self._replace(conn, existing_id, row, analysis)
                        seen.guids[guid] = (existing_id, row["content_hash"])
                        updated += 1
                    else:
                        duplicates += 1
                    continue
                day = item.published.date() if item.published else None
                if (row["link_key"] and row["link_key"] in seen.links) or seen.title_clash(
                    row["title_key"], day
                ):
                    duplicates += 1
                    continue
                if guid is not None:
                    seen.guids[guid] = (None, row["content_hash"])
                if row["link_key"]:
                    seen.links.add(row["link_key"])
                seen.titles.setdefault(row["title_key"], []).append(day)
                fresh.append((row, analysis))
            if fresh:
                self._insert(conn, fresh)
                new = len(fresh)
            conn.execute(
                update(feed_sources)
                .where(feed_sources.c.id == source_id)
                .values(
                    title=feed.title,
                    etag=etag,
                    last_modified=last_modified,
                    last_checked=stamp,
                    last_status="ok",
                    last_error=None,
                )
            )
        return SaveCounts(new=new, updated=updated, duplicates=duplicates)

    @staticmethod
    def _insert(conn: Connection, fresh: Sequence[tuple[dict[str, Any], Analysis]]) -> None:
        """Insert items and their filter keys with one statement each. Each row carries a
        random uid so the ids the database assigned can be read back in bulk: RETURNING in
        parameter order would cost a round trip per row on SQLite."""
        for row, _ in fresh:
            row["uid"] = uuid.uuid4().hex
        conn.execute(insert(feed_items), [row for row, _ in fresh])
        ids: dict[str, int] = {}
        uids = [row["uid"] for row, _ in fresh]
        for chunk in _chunks(uids):
            query = select(feed_items.c.uid, feed_items.c.id).where(feed_items.c.uid.in_(chunk))
            ids.update((uid, int(item_id)) for uid, item_id in conn.execute(query))
        _insert_keys(conn, [key for row, a in fresh for key in _keys(ids[row["uid"]], a)])

    def _existing(self, conn: Connection, source_id: int, rows: Sequence[dict[str, Any]]) -> _Seen:
        guids = sorted({r["guid"] for r in rows if r["guid"]})
        links = sorted({r["link_key"] for r in rows if r["link_key"]})
        titles = sorted({r["title_key"] for r in rows})
        seen = _Seen(guids={}, links=set(), titles={})
        c = feed_items.c
        for chunk in _chunks(guids):
            by_guid = select(c.id, c.guid, c.content_hash).where(
                c.feed_id == source_id, c.guid.in_(chunk)
            )
            for item_id, guid, digest in conn.execute(by_guid):
                seen.guids[guid] = (item_id, digest)
        for chunk in _chunks(links):
            seen.links.update(conn.scalars(select(c.link_key).where(c.link_key.in_(chunk))))
        for chunk in _chunks(titles):
            by_title = select(c.title_key, c.published).where(
                c.feed_id == source_id, c.title_key.in_(chunk)
            )
            for key, published_text in conn.execute(by_title):
                published = _from_iso(published_text)
                seen.titles.setdefault(key, []).append(published.date() if published else None)
        return seen

    def _replace(
        self, conn: Connection, item_id: int, row: dict[str, Any], analysis: Analysis
    ) -> None:
        """An item the feed edited: new content and analysis, same id and first-seen time."""
        kept = ("feed_id", "first_seen", "sort_date", "uid")
        values = {k: v for k, v in row.items() if k not in kept}
        if row["published"]:
            values["sort_date"] = row["published"]
        conn.execute(update(feed_items).where(feed_items.c.id == item_id).values(**values))
        conn.execute(delete(feed_item_keys).where(feed_item_keys.c.item_id == item_id))
        _insert_keys(conn, _keys(item_id, analysis))

    def stale(self, analysed_with: str) -> list[tuple[int, str, str]]:
        """(id, title, body text) of items analysed under other rules or another catalogue."""
        c = feed_items.c
        query = select(c.id, c.title, c.content_html).where(c.analysed_with != analysed_with)
        with self.store.engine.connect() as conn:
            # The body text is not stored: it is derived from the sanitised HTML, exactly as it
            # was when the item was read (parse.py does the same).
            return [
                (row.id, row.title, text_of_clean_html(row.content_html))
                for row in conn.execute(query)
            ]

    def save_analyses(self, results: Iterable[tuple[int, Analysis]], analysed_with: str) -> int:
        """Replace the analysis of these items, all in one transaction."""
        done = 0
        with self.store.begin() as conn:
            for item_id, analysis in results:
                conn.execute(
                    update(feed_items)
                    .where(feed_items.c.id == item_id)
                    .values(
                        signal=analysis.signal.value,
                        hype=analysis.hype.value,
                        analysis=analysis_to_json(analysis),
                        analysed_with=analysed_with,
                    )
                )
                conn.execute(delete(feed_item_keys).where(feed_item_keys.c.item_id == item_id))
                _insert_keys(conn, _keys(item_id, analysis))
                done += 1
        return done

    # ---- reads ----

    def items(
        self,
        *,
        models: Iterable[str] | None = None,
        vendors: Iterable[str] | None = None,
        providers: Iterable[str] | None = None,
        tag: str | None = None,
        min_signal: int | None = None,
        max_hype: int | None = None,
        feed_url: str | None = None,
        search: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> ItemPage:
        """Items newest first (published date, else first seen), filtered; every filter given
        must hold. `models` etc. match any of the ids given."""
        c = feed_items.c
        conditions: list[Any] = []
        for kind, values in (("model", models), ("vendor", vendors), ("provider", providers)):
            if values is not None:
                wanted = sorted(set(values))
                keyed = select(feed_item_keys.c.item_id).where(
                    feed_item_keys.c.kind == kind, feed_item_keys.c.value.in_(wanted)
                )
                conditions.append(c.id.in_(keyed))
        if tag is not None:
            tagged = select(feed_item_keys.c.item_id).where(
                feed_item_keys.c.kind == "tag", func.lower(feed_item_keys.c.value) == tag.lower()
            )
            conditions.append(c.id.in_(tagged))
        if min_signal is not None:
            conditions.append(c.signal >= min_signal)
        if max_hype is not None:
            conditions.append(c.hype <= max_hype)
        if feed_url is not None:
            conditions.append(feed_sources.c.url == feed_url)
        if search:
            pattern = (
                "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            )
            conditions.append(
                or_(
                    c.title.ilike(pattern, escape="\\"),
                    c.content_html.ilike(pattern, escape="\\"),
                )
            )
        base = select(
            feed_items,
            feed_sources.c.url.label("feed_url"),
            feed_sources.c.title.label("feed_title"),
        )
        base = base.join(feed_sources, feed_sources.c.id == c.feed_id).where(*conditions)
        counted = select(func.count()).select_from(
            select(c.id)
            .join(feed_sources, feed_sources.c.id == c.feed_id)
            .where(*conditions)
            .subquery()
        )
        query = base.order_by(c.sort_date.desc(), c.id.desc()).limit(limit).offset(offset)
        with self.store.engine.connect() as conn:
            total = int(conn.scalar(counted) or 0)
            items = tuple(_item(row) for row in conn.execute(query))
        return ItemPage(items=items, total=total, limit=limit, offset=offset)

    def item(self, item_id: int) -> FeedItem | None:
        c = feed_items.c
        query = (
            select(
                feed_items,
                feed_sources.c.url.label("feed_url"),
                feed_sources.c.title.label("feed_title"),
            )
            .join(feed_sources, feed_sources.c.id == c.feed_id)
            .where(c.id == item_id)
        )
        with self.store.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _item(row)


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _item_row(
    source_id: int, item: ParsedItem, analysis: Analysis, analysed_with: str, now: str
) -> dict[str, Any]:
    published = iso(item.published) if item.published else None
    return {
        "feed_id": source_id,
        "guid": item.guid,
        "link": item.link,
        "link_key": link_key(item.link),
        "title": item.title,
        "title_key": title_key(item.title),
        "author": item.author,
        "published": published,
        "first_seen": now,
        "sort_date": published or now,
        "content_html": item.content_html,
        "content_hash": content_hash(item),
        "signal": analysis.signal.value,
        "hype": analysis.hype.value,
        "analysis": analysis_to_json(analysis),
        "analysed_with": analysed_with,
    }


def _source(row: Row[Any]) -> FeedSource:
    return FeedSource(
        url=row.url,
        title=row.title,
        etag=row.etag,
        last_modified=row.last_modified,
        last_checked=_from_iso(row.last_checked),
        last_status=row.last_status,
        last_error=row.last_error,
        items=int(row.n),
    )


def _item(row: Row[Any]) -> FeedItem:
    first_seen = _from_iso(row.first_seen)
    assert first_seen is not None
    return FeedItem(
        id=int(row.id),
        feed_url=row.feed_url,
        feed_title=row.feed_title,
        guid=row.guid,
        link=row.link,
        title=row.title,
        author=row.author,
        published=_from_iso(row.published),
        first_seen=first_seen,
        content_html=row.content_html,
        analysis=analysis_from_json(row.analysis),
    )
