"""The configured feeds: a TOML file people can read and edit.

Default location: ``feeds.toml`` in the llmref home (``$LLMREF_HOME`` or the user data
directory); ``--config FILE`` points elsewhere. Example::

    # timeout (seconds) and retries apply to every URL
    timeout = 20
    retries = 2

    [[feeds]]
    url = "https://example.com/blog/rss.xml"

    [[feeds]]
    url = "/home/me/saved-feed.xml"
    name = "A saved copy"

A feed source is an http(s) URL or a local file path (stored absolute).
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from llmref.store import default_data_dir

__all__ = [
    "FeedConfig",
    "FeedConfigError",
    "FeedEntry",
    "add_feed",
    "default_config_path",
    "load_config",
    "normalise_source",
    "remove_feed",
    "save_config",
]

CONFIG_NAME = "feeds.toml"


class FeedConfigError(ValueError):
    """The config file or a feed source is unusable; the message says which and why."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class FeedConfig:
    path: Path
    feeds: tuple[FeedEntry, ...] = ()
    timeout: float = 20.0
    retries: int = 2


def default_config_path() -> Path:
    return default_data_dir() / CONFIG_NAME


def normalise_source(source: str, *, base: Path | None = None) -> str:
    """An http(s) URL as given, or an existing file as an absolute path."""
    text = source.strip()
    if not text:
        raise FeedConfigError("a feed source cannot be empty")
    parts = urlsplit(text)
    if parts.scheme in ("http", "https"):
        if not parts.netloc:
            raise FeedConfigError(f"{source!r} is not a complete URL")
        return text
    if parts.scheme == "file":
        text = unquote(parts.path)
    elif parts.scheme and len(parts.scheme) > 1:  # "C:" is a drive, not a scheme
        raise FeedConfigError(f"{source!r}: only http(s) URLs and local files can be feeds")
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = (base or Path.cwd()) / path
    if not path.is_file():
        raise FeedConfigError(f"{source!r}: no such file")
    return str(path.resolve())


def load_config(path: Path | None = None) -> FeedConfig:
    """The config at `path` (default: the llmref home); an absent file is an empty config."""
    path = path or default_config_path()
    if not path.exists():
        return FeedConfig(path=path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise FeedConfigError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise FeedConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    unknown = sorted(set(data) - {"feeds", "timeout", "retries"})
    if unknown:
        raise FeedConfigError(f"{path}: unknown setting {unknown[0]!r}")
    feeds: list[FeedEntry] = []
    for n, entry in enumerate(data.get("feeds", []), start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise FeedConfigError(f"{path}: feed {n} needs a `url` string")
        extra = sorted(set(entry) - {"url", "name"})
        if extra:
            raise FeedConfigError(f"{path}: feed {n}: unknown key {extra[0]!r}")
        name = entry.get("name")
        if name is not None and not isinstance(name, str):
            raise FeedConfigError(f"{path}: feed {n}: `name` must be a string")
        feeds.append(FeedEntry(url=entry["url"].strip(), name=name))
    timeout = data.get("timeout", 20.0)
    retries = data.get("retries", 2)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or not 0 < timeout <= 600:
        raise FeedConfigError(f"{path}: `timeout` must be a number of seconds in (0, 600]")
    if not isinstance(retries, int) or isinstance(retries, bool) or not 0 <= retries <= 10:
        raise FeedConfigError(f"{path}: `retries` must be a whole number from 0 to 10")
    return FeedConfig(path=path, feeds=tuple(feeds), timeout=float(timeout), retries=retries)


def _toml_string(value: str) -> str:
    # JSON string escapes (\" \\ \n \uXXXX ...) are all valid in a TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def save_config(config: FeedConfig) -> None:
    """Write the config (atomically: a crash never leaves half a file)."""
    lines = [
        "# llmref feeds: one [[feeds]] table per feed (an http(s) URL or a local file).",
        "# `llmref feed add URL_OR_FILE` appends here; edit freely.",
        f"timeout = {config.timeout:g}",
        f"retries = {config.retries}",
    ]
    for entry in config.feeds:
        lines += ["", "[[feeds]]", f"url = {_toml_string(entry.url)}"]
        if entry.name:
            lines.append(f"name = {_toml_string(entry.name)}")
    config.path.parent.mkdir(parents=True, exist_ok=True)
    temporary = config.path.with_name(config.path.name + ".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(temporary, config.path)


def add_feed(
    source: str, *, name: str | None = None, path: Path | None = None
) -> tuple[FeedConfig, FeedEntry, bool]:
    """Add a feed to the config; (new config, the entry, whether it was new)."""
    config = load_config(path)
    url = normalise_source(source)
    for entry in config.feeds:
        if entry.url == url:
            return config, entry, False
    entry = FeedEntry(url=url, name=name.strip() if name else None)
    updated = replace(config, feeds=(*config.feeds, entry))
    save_config(updated)
    return updated, entry, True


def remove_feed(source: str, *, path: Path | None = None) -> tuple[FeedConfig, FeedEntry | None]:
    """Remove the feed whose URL (as `add_feed` stores it) or name is `source`; (the config
    after, the removed entry or None when nothing matched, in which case nothing is written)."""
    config = load_config(path)
    try:
        url: str | None = normalise_source(source)
    except FeedConfigError:
        url = None  # not a URL or an existing file: it can still be a name
    for entry in config.feeds:
        if entry.url == url or entry.url == source or entry.name == source:
            updated = replace(config, feeds=tuple(e for e in config.feeds if e is not entry))
            save_config(updated)
            return updated, entry
    return config, None
