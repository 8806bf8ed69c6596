"""JSON twins in a static export share data by reference: every reference resolves to a written
file, resolving them gives back exactly what the live site serves less the prose (`text`, which
the HTML page next to each twin shows), and the shared summaries and the site's definitions
make the twins of comparisons and model pages small (on the real catalogue too)."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from llmref.catalog import Catalog, load_catalog_dir
from llmref.export import build_site
from llmref.export_twins import (
    REF,
    SITE_PATH,
    TwinSharer,
    common_values,
    dumps,
    index,
    relative,
    resolve,
    share_within,
    site_definitions,
)
from llmref.store import Store
from llmref.web.app import create_app
from tests.web.conftest import CATALOGS, TODAY


def refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if isinstance(value.get(REF), str):
            yield value[REF]
        for v in value.values():
            yield from refs(v)
    elif isinstance(value, list):
        for v in value:
            yield from refs(v)


@pytest.fixture(scope="module")
def hostile() -> Catalog:
    return load_catalog_dir(CATALOGS / "hostile")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, hostile: Catalog) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("site")
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('store') / 'feed.db'}")
    report = build_site(out, hostile, top=5, as_of=TODAY, feed_store=lambda: store, workers=2)
    assert report.shared_files == 5  # one summary per model
    assert report.bytes_written == sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    yield out
    store.dispose()


def load_from(root: Path) -> Any:
    return lambda site_path: json.loads((root / site_path.lstrip("/")).read_text())


def test_every_reference_names_a_written_file_and_a_value_in_it(exported: Path) -> None:
    load = load_from(exported)
    twins = sorted(exported.rglob("*.json"))
    shared = sorted(exported.glob("models/*/side-*.json"))
    assert len(shared) == 5  # one summary per model, however many twins carry it
    checked = 0
    for twin in twins:
        site_path = "/" + str(twin.relative_to(exported))
        for ref in refs(json.loads(twin.read_text())):
            url = ref.partition("#")[0]
            target = (twin.parent / url).resolve() if url else twin
            assert target.is_file(), (site_path, ref)
            assert exported.resolve() in target.parents
            resolve(load, site_path, {REF: ref})  # the pointer names a value (KeyError if not)
            checked += 1
    assert checked >= 2 * 10 + 5  # both sides of ten pairs, five model pages, and more
    # Ten pairs among five models: each side of each comparison is a reference.
    pairs = list(exported.glob("compare/*.json"))
    assert len(pairs) == 10
    for pair in pairs:
        data = json.loads(pair.read_text())
        assert set(data["a"]) == {REF} and data["a"][REF].startswith("../models/")


def test_resolving_the_references_gives_back_the_live_twin(
    exported: Path, hostile: Catalog
) -> None:
    """The served twin less its prose (`text`, on model and comparison twins only), and nothing
    else missing or different."""
    client = TestClient(create_app(lambda: hostile, today=lambda: TODAY))
    load = load_from(exported)
    compared = without_prose = 0
    for twin in sorted(exported.glob("**/*.json")):
        site_path = "/" + str(twin.relative_to(exported))
        if "/side-" in site_path or site_path == SITE_PATH or site_path.startswith("/feed"):
            continue  # shared data (no page of its own); the feed reads the export's own store
        live = client.get(site_path)
        assert live.status_code == 200, site_path
        served = live.json()
        page_twin = site_path.startswith(("/models/", "/compare/"))
        assert ("text" in served) == page_twin, site_path
        if page_twin:
            assert served.pop("text")  # the sentences the HTML page shows
            without_prose += 1
        assert "text" not in json.loads(twin.read_text()), site_path
        assert resolve(load, site_path) == served, site_path
        compared += 1
    assert compared >= 2 * 5 + 10  # every model page and every pair, at least
    assert without_prose == 5 + 10  # five model pages, ten pairs
    client.close()


def test_twins_are_compact_and_much_smaller_than_served(exported: Path, hostile: Catalog) -> None:
    client = TestClient(create_app(lambda: hostile, today=lambda: TODAY))
    for pair in exported.glob("compare/*.json"):
        served = client.get("/compare/" + pair.name).content
        written = pair.read_bytes()
        assert b"\n " not in written  # no indentation
        assert len(written) * 2 < len(served), (pair.name, len(written), len(served))
    client.close()


def test_relative_references() -> None:
    assert relative("/compare", "/models/a/side-1.json") == "../models/a/side-1.json"
    assert relative("/models", "/models/a/side-1.json") == "a/side-1.json"
    assert dumps({"a": [1, "é"]}) == '{"a":[1,"é"]}\n'.encode()
    assert dumps({"n": 2**70}) == b'{"n":1180591620717411303424}\n'  # exact beyond 64 bits


def test_real_catalogue_comparison_twins_shrink_to_a_few_kilobytes(tmp_path: Path) -> None:
    """On the bundled store, the pairs of the models with the most routes (the heaviest twins:
    each side carries every route, its cost and the policy's verdict on it): shared, a pair's
    twin is a few KB, and a model page's twin plus its summary is less than half of the twin
    served live. A --top 20 export has 190 pairs, so their twins stay under 190 * 34 KB (6.5 MB;
    107 MB before). 34 KB, not 32: a pair that shares a benchmark version (most heavy pairs,
    since the Epoch Capabilities Index covers them) carries its scores, sources and the prose
    that cites them, about 2 KB."""
    from llmref.store import open_catalog

    catalog = open_catalog()
    client = TestClient(create_app(lambda: catalog, today=lambda: TODAY))
    written: dict[str, bytes] = {}
    sharer = TwinSharer(written.__setitem__)
    heavy = sorted(catalog.models, key=lambda m: -len(catalog.offerings_of(m)))[:4]
    for a in heavy:
        served = client.get(f"/models/{a}.json")
        assert served.status_code == 200
        twin = sharer.rewrite(f"/models/{a}.json", served.content)
        side = next(v for k, v in written.items() if k.startswith(f"/models/{a}/side-"))
        assert len(twin) + len(side) < len(served.content) / 2, (a, len(twin), len(side))
    for i, a in enumerate(heavy):
        for b in heavy[i + 1 :]:
            first, second = sorted((a, b))
            path = f"/compare/{first}-vs-{second}.json"
            served = client.get(path)
            assert served.status_code == 200, path
            twin = sharer.rewrite(path, served.content)
            assert len(served.content) > 200_000  # what every pair cost before
            assert len(twin) < 34_000, (path, len(twin))
            for ref in refs(json.loads(twin)):
                url = ref.partition("#")[0]
                if url:  # else a place in the twin itself
                    assert posixpath.normpath(posixpath.join("/compare", url)) in written, ref
    client.close()


def test_values_repeated_within_a_twin_are_written_once() -> None:
    """A long value met again is a reference to its first place (an earlier one, never an
    ancestor); short values stay; resolving gives back the document."""
    reason = "no trusted route for x: 1 priced route set aside (y: unclassified provider)"
    doc = {
        "presets": [{"id": "small", "reason": reason}, {"id": "large", "reason": reason}],
        "a/b": {"k~": ["a long enough value to be worth sharing, once, here"]},
        "again": {"k~": ["a long enough value to be worth sharing, once, here"]},
        "short": ["tiny", "tiny"],
    }
    shared = share_within(json.loads(json.dumps(doc)))
    assert shared["presets"][1]["reason"] == {REF: "#/presets/0/reason"}
    assert shared["presets"][0]["reason"] == reason
    assert shared["again"] == {REF: "#/a~1b"}  # the pointer escapes "/" (RFC 6901)
    assert shared["short"] == ["tiny", "tiny"]
    assert resolve(lambda _: shared, "/x.json") == doc
    assert len(dumps(shared)) < len(dumps(doc))
    # A pointer from another file that passes through a shared value still finds its target.
    other = {"p": {REF: "x.json#/again/k~0/0"}}
    files = {"/x.json": shared, "/y.json": other}
    assert resolve(files.__getitem__, "/y.json") == {"p": doc["again"]["k~"][0]}


def test_exported_twins_point_at_the_site_definitions_and_the_models_list(
    exported: Path,
) -> None:
    """Each model twin's traffic and request presets are references to `/shared.json`, which
    holds them once; a vendor's twin points at the rows of `/models.json` instead of repeating
    them."""
    shared = json.loads((exported / SITE_PATH.lstrip("/")).read_text())
    assert shared["traffic"]["requests"] == 1_000_000
    assert [p["id"] for p in shared["presets"]] == ["small", "medium", "large"]
    assert shared["ratio_prices"][0]["ratio"]["input_share"] == "0.6666666666666666666666666667"
    for twin in exported.glob("models/*.json"):
        data = json.loads(twin.read_text())
        assert data["traffic"] == {REF: "../shared.json#/traffic"}, twin.name
        presets = [p["preset"] for p in data["presets"]]
        assert all(p[REF].startswith("../shared.json#/") for p in presets), twin.name
    vendor_refs = [
        ref
        for twin in exported.glob("vendors/*.json")
        for ref in refs(json.loads(twin.read_text()))
        if ref.startswith("../models.json#/models/")
    ]
    assert vendor_refs  # every vendor's models are rows of the list of every model


def test_common_values_are_those_several_documents_repeat() -> None:
    """A long value in three documents is chosen, once: not again as a part of a larger chosen
    one (a reference reaches it inside that); a value in only two is not chosen, nor a short
    one."""
    row = {"id": "released", "label": "Released", "cells": [{"text": "—", "value": None}]}
    specs = [row, {"id": "license", "label": "License", "cells": [{"text": "—"}]}]
    lone = "a value long enough but in only two of the documents, not three"
    docs = [{"specs": specs, "n": i, "x": "short", "y": lone if i < 2 else None} for i in range(3)]
    docs.append({"other": row})  # row alone in a fourth: still inside the chosen specs
    chosen = common_values(json.loads(json.dumps(docs)))
    assert chosen == [specs]
    assert common_values(json.loads(json.dumps(docs))) == chosen  # deterministic
    where = index(chosen, "../shared.json")
    assert where[dumps(row).rstrip()] == "../shared.json#/0/0"


def test_real_catalogue_model_twin_resolves_to_the_served_twin_less_its_prose() -> None:
    """On the bundled store: gpt-4o-mini's and an unpriced model's twins, written as the export
    writes them (shared summary, site definitions with common values found in a sample of 40
    model twins), resolve to the served twins without `text`; the unpriced model's "no trusted
    route" verdict in each preset is a reference into its summary, and the written twin is
    less than a third of the served one."""
    from llmref.store import open_catalog

    catalog = open_catalog()
    client = TestClient(create_app(lambda: catalog, today=lambda: TODAY))
    ids = ["gpt-4o-mini", "abliterated-model"]
    served = {i: client.get(f"/models/{i}.json") for i in ids}
    assert all(r.status_code == 200 for r in served.values())
    plain = [{k: v for k, v in r.json().items() if k != "text"} for r in served.values()]
    written: dict[str, bytes] = {}
    every = sorted(catalog.models)
    sample = [client.get(f"/models/{m}.json").json() for m in every[:: len(every) // 40]]
    site = site_definitions(common_values([{**d, "text": None} for d in sample]))
    assert site["common"]  # some values many models repeat
    sharer = TwinSharer(written.__setitem__, site)
    for i in ids:
        written[f"/models/{i}.json"] = sharer.rewrite(f"/models/{i}.json", served[i].content)

    def load(path: str) -> Any:
        return json.loads(written[path])

    for i, expected in zip(ids, plain, strict=True):
        assert "text" in served[i].json()
        assert resolve(load, f"/models/{i}.json") == expected, i
        assert len(written[f"/models/{i}.json"]) * 3 < len(served[i].content), i
    unpriced = load("/models/abliterated-model.json")
    routes = [p["route"] for p in unpriced["presets"]]
    assert routes[0][REF].startswith("abliterated-model/side-"), routes[0]
    assert routes[0][REF].endswith("#/monthly")
    assert resolve(load, "/models/abliterated-model.json", routes[0])["available"] is False
    client.close()
