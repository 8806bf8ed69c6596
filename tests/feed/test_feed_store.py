"""The read side over the store: filters, paging, item detail, the analysis round trip."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from llmref.catalog import Catalog, UnknownIdError
from llmref.feed import feed_sources, get_item, list_items
from llmref.feed.analyse import analyse
from llmref.feed.ingest import update_feeds
from llmref.feed.link import LinkIndex
from llmref.feed.store import FeedRepository, analysis_from_json, analysis_to_json
from llmref.store import Store
from tests.feed.conftest import FEEDS

NOW = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
NAMES = ("rss20.xml", "rss10.rdf", "rss091.xml", "atom.xml", "utf8-bom.xml")


@pytest.fixture
def loaded(repo: FeedRepository, catalog: Catalog, tmp_path: Path) -> Store:
    sources = []
    for name in NAMES:
        shutil.copyfile(FEEDS / name, tmp_path / name)
        sources.append(str(tmp_path / name))
    reports = update_feeds(repo, sources, catalog, clock=lambda: NOW)
    assert [r.new for r in reports] == [3, 2, 2, 2, 1]
    return repo.store


def titles(page_items: object) -> list[str]:
    return [item.title for item in page_items]  # type: ignore[attr-defined]


def test_everything_is_listed_with_a_total(loaded: Store) -> None:
    page = list_items(loaded, limit=4)
    assert page.total == 10
    assert len(page.items) == 4
    rest = list_items(loaded, limit=100, offset=4)
    assert len(rest.items) == 6
    assert not {i.id for i in page.items} & {i.id for i in rest.items}


def test_filter_by_model_name_or_alias_includes_its_snapshots(
    loaded: Store, catalog: Catalog
) -> None:
    assert titles(list_items(loaded, catalog=catalog, model="4o-mini").items) == [
        "GPT-4o mini pricing & limits"
    ]
    assert sorted(titles(list_items(loaded, catalog=catalog, model="Llama 3 8B").items)) == [
        "Llama 3 8B on Together AI",
        "Llama 3 8B weights on Hugging Face",
    ]
    with pytest.raises(UnknownIdError) as error:
        list_items(loaded, catalog=catalog, model="gpt-4o-mimi")
    assert "gpt-4o-mini" in error.value.suggestions


def test_filter_by_vendor_provider_tag_signal_hype_and_text(
    loaded: Store, catalog: Catalog
) -> None:
    assert titles(list_items(loaded, catalog=catalog, provider="Fireworks").items) == [
        "Mistral 7B served by Fireworks"
    ]
    assert titles(list_items(loaded, catalog=catalog, vendor="meta").items) == [
        "Llama 3 8B weights on Hugging Face"
    ]
    tagged = list_items(loaded, tag="open weights").items
    assert titles(tagged) == ["Llama 3 8B weights on Hugging Face"]
    strong = list_items(loaded, min_signal=60).items
    assert strong and all(i.analysis.signal.value >= 60 for i in strong)
    assert len(strong) < 10
    assert list_items(loaded, max_hype=0).total == 10  # none of the fixtures is hype
    assert titles(list_items(loaded, search="50%_").items) == []  # wildcards are literal
    assert titles(list_items(loaded, search="hugging").items) == [
        "Llama 3 8B weights on Hugging Face"
    ]


def test_bad_paging_and_score_bounds_are_refused(loaded: Store) -> None:
    for kwargs in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"min_signal": 101}):
        with pytest.raises(ValueError):
            list_items(loaded, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs the catalogue"):
        list_items(loaded, model="o1")


def test_item_detail_and_sources(loaded: Store) -> None:
    first = list_items(loaded, limit=1).items[0]
    assert get_item(loaded, first.id) == first
    assert get_item(loaded, 10_000) is None
    sources = {Path(s.url).name: s for s in feed_sources(loaded)}
    assert sources["rss20.xml"].items == 3
    assert sources["rss20.xml"].title == "Model Notes"
    assert sources["atom.xml"].last_status == "ok"
    assert sources["atom.xml"].last_checked == NOW


def test_the_analysis_survives_the_json_round_trip(index: LinkIndex) -> None:
    analysis = analyse(
        "GPT-4o mini — “prices” <b>&amp;</b>",
        "GPT-4o mini costs $0.15. Revolutionary! Llama 3 8B too, on Together AI.",
        index,
    )
    assert analysis_from_json(analysis_to_json(analysis)) == analysis
