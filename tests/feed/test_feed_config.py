"""The feed config file: where it lives, adding feeds, and what a bad file says."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from llmref.feed.config import (
    FeedConfig,
    FeedConfigError,
    FeedEntry,
    add_feed,
    default_config_path,
    load_config,
    normalise_source,
    save_config,
)
from tests.feed.conftest import FEEDS


def test_the_default_config_lives_in_the_llmref_home(isolated_home: Path) -> None:
    assert default_config_path() == isolated_home / "feeds.toml"
    assert load_config().feeds == ()  # no file yet: nothing configured


def test_add_writes_the_file_and_ignores_a_repeat(isolated_home: Path) -> None:
    _, entry, added = add_feed("https://example.com/rss.xml", name="Example")
    assert added and entry == FeedEntry("https://example.com/rss.xml", "Example")
    _, _, again = add_feed("https://example.com/rss.xml")
    assert not again
    _, local, _ = add_feed(str(FEEDS / "atom.xml"))
    assert local.url == str((FEEDS / "atom.xml").resolve())
    reread = load_config()
    assert [f.url for f in reread.feeds] == ["https://example.com/rss.xml", local.url]
    data = tomllib.loads((isolated_home / "feeds.toml").read_text(encoding="utf-8"))
    assert data["feeds"][0] == {"url": "https://example.com/rss.xml", "name": "Example"}


def test_names_with_quotes_and_newlines_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    config = FeedConfig(path=path, feeds=(FeedEntry("https://e.com/f", 'A "quoted"\nname\\'),))
    save_config(config)
    assert load_config(path) == config


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "cannot be empty"),
        ("ftp://example.com/feed", "only http"),
        ("https://", "not a complete URL"),
        ("no/such/file.xml", "no such file"),
    ],
)
def test_bad_sources_are_named(source: str, message: str) -> None:
    with pytest.raises(FeedConfigError, match=message):
        normalise_source(source)


def test_file_urls_become_paths() -> None:
    path = (FEEDS / "rss20.xml").resolve()
    assert normalise_source(path.as_uri()) == str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[feeds]\nurl=", "not valid TOML"),
        ('colour = "red"\n', "unknown setting 'colour'"),
        ('[[feeds]]\nname = "x"\n', "feed 1 needs a `url` string"),
        ('[[feeds]]\nurl = "https://e.com"\nevery = 5\n', "unknown key 'every'"),
        ("timeout = 0\n", "`timeout` must be"),
        ("retries = 99\n", "`retries` must be"),
    ],
)
def test_a_bad_config_file_says_what_is_wrong(text: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FeedConfigError, match=message):
        load_config(path)
