"""The JSON twins of a static export, written once each: shared data by reference.

A model's summary (its specs, every route with its price and its cost at the default traffic,
and the route policy's verdict on each) is most of its page's JSON twin, and it is repeated
whole in the twin of every comparison the model is in, and again, route by route, in the
page's "how to call it" list. In a live server that costs nothing (the twin is made on demand);
in an export of every page it made a ``--top 20`` site 269 MB. So the export writes each
model's summary once, to ``models/<id>/side-<digest>.json``, and the twins point to it.

A reference is a JSON Reference (RFC 6901 pointers, as in JSON Schema and OpenAPI): the object
``{"$ref": "URL"}`` stands for the value at URL, resolved against the URL of the file that
holds it; ``{"$ref": "#/routes/3"}`` is a value elsewhere in the same file. Replacing each
reference by its target gives back exactly the twin the live site serves
(tests/test_export_twins.py checks it). Every twin is written compact (no indentation: the
export has no API whose bytes they must match), and a value it repeats is a reference to its
first place in the same file (:func:`share_within`).

The summary file's name carries a digest of its content, so a page and a comparison that
carry the same summary, rendered in different worker processes, name the same file without
asking each other, and two different summaries can never share a name.

Sharing also crosses files: any value of a twin (48 bytes or more) equal to a value of the
summary it points to (a preset's "no trusted route" verdict is the summary's ``monthly``) or of
the site's definitions, ``/shared.json`` (the default traffic, the request presets, the workload
ratios: the same in every twin; :func:`site_definitions`), is a reference to it.

Exported twins carry data, not prose: a model's or a comparison's twin leaves out ``text`` (the
sentences of the HTML page written next to it, which a reader of the export has). The served
twin keeps it. So resolving every reference of an exported twin gives the served twin without
``text``, and nothing else missing.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import orjson

from llmref.web.urls import Urls

REF = "$ref"
SITE_PATH = "/shared.json"
"""The site's definitions every twin may point into (:func:`site_definitions`)."""
DIGEST = 8
"""Hex digits of a summary file's digest: its name only has to differ from the other summaries
of the same model in one export (one, in practice), and every reference to it repeats it."""
PROSE = "text"
"""The top-level key of a page twin's sentences, left out of exported twins."""
Write = Callable[[str, bytes], None]
"""Writes a file of the export, by its site path (``/models/x/side-....json``)."""


def _dump(value: Any, option: int = 0) -> bytes:
    """Compact JSON, characters as they are: orjson (ten times the standard library's speed
    here), or the standard library for what orjson refuses (an integer beyond 64 bits)."""
    try:
        return orjson.dumps(value, option=option)
    except TypeError:
        sort = bool(option & orjson.OPT_SORT_KEYS)
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort)
        return text.encode()


def _copy(value: Any) -> Any:
    """A deep copy of parsed JSON. Through orjson when it can write every number: then it also
    reads each back exactly (it would read an integer beyond 64 bits as a float)."""
    try:
        return orjson.loads(orjson.dumps(value))
    except TypeError:
        return json.loads(json.dumps(value))


def dumps(value: Any) -> bytes:
    """A twin as written: compact JSON and a final newline."""
    return _dump(value) + b"\n"


def _key(value: Any) -> bytes:
    """`value`'s content, as a dictionary key (the same for equal values)."""
    return _dump(value, orjson.OPT_SORT_KEYS)


def _is_side(value: Any) -> bool:
    """A model's summary, as comparisons and model pages carry it."""
    return isinstance(value, dict) and isinstance(value.get("id"), str) and "routes" in value


def _share_routes(side: dict[str, Any]) -> dict[bytes, int]:
    """Point the summary's repeated routes at their one copy, in place: the policy's verdict on
    each route and each cost's price (the route's own price). Returns where each route is, by
    its content."""
    routes = side.get("routes")
    if not isinstance(routes, list):
        return {}
    where: dict[bytes, int] = {}
    for i, route in enumerate(routes):
        if isinstance(route, dict):
            where.setdefault(_key(route), i)
    for i, route in enumerate(routes):
        cost = route.get("cost") if isinstance(route, dict) else None
        price = cost.get("price") if isinstance(cost, dict) else None
        if isinstance(cost, dict) and price is not None and price == route.get("price"):
            cost["price"] = {REF: f"#/routes/{i}/price"}
    assessment = side.get("assessment")
    verdicts = assessment.get("routes") if isinstance(assessment, dict) else None
    for verdict in verdicts if isinstance(verdicts, list) else ():
        if isinstance(verdict, dict) and "route" in verdict:
            at = where.get(_key(verdict["route"]))
            if at is not None:
                verdict["route"] = {REF: f"#/routes/{at}"}
    return where


def site_definitions(common: list[Any] | None = None) -> dict[str, Any]:
    """What every model and comparison twin repeats, as written once to :data:`SITE_PATH`: the
    default traffic of the monthly figures, the request presets (and the input-only ones of
    embedding models), and the workload ratios with no price (as a model without a priced route
    has them: a priced model's twin points at each ratio's definition); then `common`, values
    many model twins repeat (:func:`common_values`)."""
    from llmref.pricing import DEFAULT_TRAFFIC, Traffic
    from llmref.pricing.workload import (
        EMBEDDING_PRESETS,
        REQUEST_PRESETS,
        RatioPrice,
        RequestPreset,
        ratio_prices,
    )
    from llmref.web.json_twin import json_adapter

    def plain(kind: Any, value: Any) -> Any:
        # Each through its declared type, as the twins serialise it (no computed extras).
        return json_adapter(kind).dump_python(value, mode="json")

    presets = tuple[RequestPreset, ...]
    return {
        "traffic": plain(Traffic, DEFAULT_TRAFFIC),
        "presets": plain(presets, REQUEST_PRESETS),
        "embedding_presets": plain(presets, EMBEDDING_PRESETS),
        "ratio_prices": plain(tuple[RatioPrice, ...], ratio_prices(())),
        "common": common or [],
    }


COMMON_MIN_BYTES = 64
"""A value shared through the site's definitions is at least this long (a reference to it from
a model twin, ``{"$ref":"../shared.json#/common/12"}``, is ~37 bytes)."""
COMMON_MIN_COUNT = 3
"""...and found in at least this many twins of the sample."""


def common_values(documents: Iterable[Any]) -> list[Any]:
    """The values (strings, objects, arrays of :data:`COMMON_MIN_BYTES` or more) found in at least
    :data:`COMMON_MIN_COUNT` of `documents` (parsed twins: a sample of the model twins), largest
    first, leaving out any that is part of one already chosen (a reference can point inside
    it): the specs of a model no source describes, a capability list no source fills, a
    competitor many models share. Deterministic for the same documents."""
    counts: Counter[bytes] = Counter()

    def walk(node: Any, found: set[bytes]) -> None:
        if isinstance(node, dict) and REF in node:
            return
        if isinstance(node, str | dict | list):
            if isinstance(node, str) and len(node) < COMMON_MIN_BYTES // 4:
                return
            key = _dump(node)
            if len(key) < COMMON_MIN_BYTES:
                return  # nor is anything inside it long enough
            found.add(key)
        if isinstance(node, str):
            return
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, str | dict | list):
                walk(child, found)

    for document in documents:
        found: set[bytes] = set()
        walk(document, found)
        counts.update(found)
    chosen: list[Any] = []
    covered: set[bytes] = set()
    for key in sorted((k for k, n in counts.items() if n >= COMMON_MIN_COUNT), key=_longest):
        if key in covered:
            continue
        value = json.loads(key)  # the standard library: exact for any integer
        chosen.append(value)
        covered.update(index(value, ""))
        covered.add(key)
    return chosen


def _longest(key: bytes) -> tuple[int, bytes]:
    return (-len(key), key)


def index(document: Any, href: str) -> dict[bytes, str]:
    """Where each value of `document` (a file at `href`, relative to the twin that will point
    into it) is, by content (:func:`_dump`): every string, object and array of at least
    :data:`MIN_SHARED` bytes, at its first place in document order."""
    found: dict[bytes, str] = {}

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, str):
            if len(node) >= MIN_SHARED // 4:
                key = _dump(node)
                if len(key) >= MIN_SHARED:
                    found.setdefault(key, f"{href}#{pointer}")
            return
        if isinstance(node, dict):
            if REF in node:
                return
            children: Any = node.items()
        elif isinstance(node, list):
            children = enumerate(node)
        else:
            return
        key = _dump(node)
        if len(key) < MIN_SHARED:
            return  # nor is anything inside it long enough
        found.setdefault(key, f"{href}#{pointer}")
        for k, v in children:
            if _may_share(v):
                walk(v, f"{pointer}/{_escape(str(k))}")

    walk(document, "")
    return found


class TwinSharer:
    """Rewrites JSON twins as the export writes them (one per worker process)."""

    def __init__(self, write: Write, site: dict[str, Any] | None = None) -> None:
        """`site`: the site's definitions (:func:`site_definitions`), written to
        :data:`SITE_PATH` now (before the workers fork: one file, written once)."""
        self.write = write
        self.site = site
        self.site_pointers = {} if site is None else index(site, "")
        """Where each value of the site's definitions is in them (``#/presets/0``)."""
        if site is not None:
            write(SITE_PATH, dumps(site))
        self.rows: dict[bytes, tuple[str, str]] = {}
        """Rows of shared lists by content: the list's site path and the row's pointer."""
        self.lists: set[str] = set()
        """Site paths of the shared lists (their own twins point at nothing of theirs)."""
        self.site_index: dict[tuple[str, bool], dict[bytes, str]] = {}
        """The site's definitions and shared rows by content, per folder pointing into them."""
        self.written: set[str] = set()
        """Shared files this process has written (another process may write the same one
        again: same name, same bytes)."""
        self.seen: dict[bytes, tuple[str, dict[bytes, str]]] = {}
        """What :meth:`side_file` gave for a summary, by the digest of its bytes as served:
        a summary met again (a model in many comparisons) is not parsed again."""

    def share_rows(self, path: str, document: dict[str, Any], key: str) -> None:
        """Let other twins point at the rows of the list `document[key]` of the twin at site
        path `path` (made before the workers fork: the list of every model, whose rows a
        vendor's twin and the home page's repeat), `{"$ref": "../models.json#/models/12"}`."""
        rows = document.get(key)
        for i, row in enumerate(rows if isinstance(rows, list) else ()):
            if isinstance(row, dict):
                self.rows.setdefault(_dump(row), (path, f"#/{_escape(key)}/{i}"))
        self.lists.add(path)
        self.site_index.clear()

    def site_refs(self, folder: str, *, rows: bool = True) -> dict[bytes, str]:
        """The site's definitions (and, with `rows`, the shared lists' rows) by content, as
        references from a file in `folder`."""
        found = self.site_index.get((folder, rows))
        if found is None:
            found = {}
            if self.site_pointers:
                site = relative(folder, SITE_PATH)
                found.update((key, site + at) for key, at in self.site_pointers.items())
            if rows:
                hrefs: dict[str, str] = {}
                for key, (path, pointer) in self.rows.items():
                    if path not in hrefs:
                        hrefs[path] = relative(folder, path)
                    found.setdefault(key, hrefs[path] + pointer)
            self.site_index[(folder, rows)] = found
        return found

    def side_file(self, side: dict[str, Any]) -> tuple[str, dict[bytes, str]]:
        """Write `side` (a model's summary) to its shared file unless done. Returns its site
        path, and the pointer into it (``#/routes/3``) of each of its values, by content (see
        :func:`index`)."""
        shared = _copy(side)  # its routes are rewritten in place below
        _share_routes(shared)
        path_of = f"{Urls().model(side['id'])}/side-"
        folder = path_of.rsplit("/", 1)[0]
        body = dumps(share_within(shared, self.site_refs(folder, rows=False)))
        digest = hashlib.sha256(body).hexdigest()[:DIGEST]
        path = f"{path_of}{digest}.json"
        if path not in self.written:
            self.write(path, body)
            self.written.add(path)
        return path, index(side, "")

    def rewrite(self, path: str, body: bytes) -> bytes:
        """The twin at site path `path`, compact, without its prose (``text``), its model
        summaries replaced by references to their shared files, and any value it repeats from
        them or from the site's definitions a reference to it. Other twins are written
        compact, each value they repeat within themselves shared."""
        if path.startswith("/models/"):
            names: tuple[str, ...] = ("side",)
        elif path.startswith("/compare/"):
            names = ("a", "b")
        else:
            # Any other twin (a list, the conflicts) is written compact, its repeats shared, a
            # row of a shared list (a vendor's models) a reference to it.
            folder = path.rsplit("/", 1)[0]
            rows = {} if path in self.lists else self.site_refs(folder)
            return dumps(share_within(json.loads(body), rows))
        folder = path.rsplit("/", 1)[0]
        known: dict[bytes, str] = {}
        # Cut each summary out of the served bytes before parsing the rest: most of a twin's
        # bytes are summaries, and each is parsed only the first time this process meets it.
        for name in names:
            span = _top_level_object(body, name)
            if span is None:
                continue
            raw = body[span[0] : span[1]]
            digest = hashlib.sha256(raw).digest()
            found = self.seen.get(digest)
            if found is None:
                side = json.loads(raw)  # the standard library: exact for any integer
                if not _is_side(side):
                    continue
                found = self.seen[digest] = self.side_file(side)
            target, pointers = found
            href = relative(folder, target)
            body = body[: span[0]] + _dump({REF: href}) + body[span[1] :]
            for key, pointer in pointers.items():
                known.setdefault(key, href + pointer)
        data = json.loads(body)
        data.pop(PROSE, None)  # the HTML page next to it says it
        for key, ref in self.site_refs(folder, rows=False).items():
            known.setdefault(key, ref)
        # The rest of the twin (how to call each route, the cost of each preset request, the
        # costs in a comparison's verdict) repeats the summaries' routes and prices.
        return dumps(share_within(data, known))


def _top_level_object(body: bytes, name: str) -> tuple[int, int] | None:
    """Where the object value of the top-level key `name` is in `body`, JSON written with a
    two-space indent (as every twin is): it opens after ``\n  "name": `` and closes at the
    first ``\n  }`` (every line inside it is indented further; a string holds no newline)."""
    marker = b'\n  "' + name.encode() + b'": {'
    at = body.find(marker)
    if at < 0:
        return None
    start = at + len(marker) - 1
    end = body.find(b"\n  }", start)
    return None if end < 0 else (start, end + len(b"\n  }"))


MIN_SHARED = 48
"""Bytes (compact JSON) a repeated value must have before a reference replaces it: a
reference to a place in the same file costs ~25-45 bytes."""


def share_within(document: Any, known: dict[bytes, str] | None = None) -> Any:
    """`document` with each value repeated in it (a string, object or array of at least
    :data:`MIN_SHARED` bytes, met again later in document order) replaced by a reference to its
    first place, ``{"$ref": "#/presets/0/reason"}``: a model twin says its unpriced reason nine
    times, the conflicts list its rules thousands of times. A reference always points at an
    earlier place, never into the value it replaces, so resolving them ends.

    `known`: values of other files by content (:func:`index`), as references (``side.json#/
    monthly``); a value found there (or earlier in this file) is a reference to whichever place
    is written shorter, when the reference is shorter than the value."""
    first: dict[bytes, str] = {}
    known = known or {}

    def walk(node: Any, pointer: str) -> Any:
        if isinstance(node, dict) and REF in node:
            # A long reference met again (a preset's route and its cost name the same price)
            # points at its first place, which a reader follows on.
            key = _dump(node)
            at = first.get(key)
            if at is not None and len(at) + 12 < len(key):
                return {REF: at}
            if len(key) >= MIN_SHARED:
                first.setdefault(key, "#" + pointer)
            return node
        if isinstance(node, str | dict | list):
            if isinstance(node, str) and len(node) < MIN_SHARED // 4:
                return node  # too short to share, whatever its characters (at most 4 bytes each)
            key = _dump(node)
            if len(key) < MIN_SHARED:
                return node  # nor is anything inside it long enough to share
            at = first.get(key)
            there = known.get(key)
            if at is not None and (there is None or len(at) < len(there)):
                there = at
            # {"$ref":""} is 10 bytes around the reference itself.
            if there is not None and len(there) + 12 < len(key):
                return {REF: there}
            first.setdefault(key, "#" + pointer)
        if isinstance(node, dict):
            return {
                k: walk(v, f"{pointer}/{_escape(k)}") if _may_share(v) else v
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [walk(v, f"{pointer}/{i}") if _may_share(v) else v for i, v in enumerate(node)]
        return node

    return walk(document, "")


def _may_share(value: Any) -> bool:
    """Whether `value` may be (or hold) a value long enough to share: skips numbers, booleans,
    nulls and short strings without building their pointers."""
    if isinstance(value, str):
        return len(value) >= MIN_SHARED // 4
    return isinstance(value, dict | list)


def _escape(key: str) -> str:
    """A key as an RFC 6901 pointer token."""
    if "~" not in key and "/" not in key:
        return key  # nearly every key: no copy
    return key.replace("~", "~0").replace("/", "~1")


def relative(folder: str, target: str) -> str:
    """`target` (a site path) relative to a file in `folder` (a site folder)."""
    import posixpath

    return posixpath.relpath(target, folder or "/")


def resolve(load: Callable[[str], Any], path: str, value: Any = None) -> Any:
    """The file at site path `path` (or `value`, a part of it) with every reference replaced by
    its target, recursively; `load` reads a file of the export by its site path."""
    import posixpath

    document = load(path)

    def walk(node: Any, here: str, root: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get(REF)
            if isinstance(ref, str) and len(node) == 1:
                url, _, pointer = ref.partition("#")
                there = (
                    posixpath.normpath(posixpath.join(posixpath.dirname(here), url))
                    if url
                    else here
                )
                doc = load(there) if url else root
                target = doc
                for part in filter(None, pointer.split("/")):
                    part = part.replace("~1", "/").replace("~0", "~")
                    if isinstance(target, dict) and len(target) == 1 and REF in target:
                        # The pointer passes through a value shared within that file.
                        target = walk(target, there, doc)
                    target = target[int(part)] if isinstance(target, list) else target[part]
                return walk(target, there, doc)
            return {k: walk(v, here, root) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, here, root) for v in node]
        return node

    return walk(document if value is None else value, path, document)


__all__ = [
    "SITE_PATH",
    "TwinSharer",
    "common_values",
    "dumps",
    "index",
    "relative",
    "resolve",
    "share_within",
    "site_definitions",
]
