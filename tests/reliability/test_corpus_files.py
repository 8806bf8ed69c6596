"""The hostile corpus against the file entry points: catalogue data files read by `llmref
import` (curated TOML and generated JSON-lines snapshots) and usage logs read by `llmref usage
analyze`. A bad file is refused with an error naming the file and the record (or line) and
the field; `llmref import` writes nothing then (the stored catalogue stays as it was); a usage
analysis reports each bad line with its file and line number and prices the rest."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from llmref.cli import app
from llmref.store import open_catalog
from tests.conftest import CATALOGS

runner = CliRunner()
OFFERING_TOML = Path("providers/openai/models/gpt-4o-mini.toml")
MODEL_TOML = Path("models/openai/gpt-4o-mini.toml")
HEADER = {
    "dataset": "genai-prices",
    "generated": "test",
    "reviewed": "2026-10-26",
    "source": "dataset:genai-prices@0.2.3",
    "type": "header",
}
OFFERING = {
    "model": "gpt-4o-mini",
    "prices": [{"effective_from": "2026-10-26", "input": "0.1", "output": "0.4"}],
    "provider": "openai",
    "provider_model_id": "gpt-4o-mini",
    "record": "openai:gpt-4o-mini",
    "reviewed": "2026-10-26",
    "source": "dataset:genai-prices@0.2.3",
    "type": "offering",
}


def _edit(path: Path, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        target = root / path
        text = target.read_text(encoding="utf-8")
        assert old in text
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _write_bytes(path: Path, data: bytes) -> Callable[[Path], None]:
    return lambda root: (root / path).write_bytes(data)


def _snapshot(*lines: object) -> Callable[[Path], None]:
    """A generated snapshot `imported/genai-prices.jsonl` holding these lines (dicts as JSON,
    strings and bytes as they are)."""

    def write(root: Path) -> None:
        out = root / "imported"
        out.mkdir(exist_ok=True)
        body = b""
        for line in lines:
            if isinstance(line, dict):
                body += json.dumps(line).encode()
            elif isinstance(line, str):
                body += line.encode()
            else:
                body += line  # type: ignore[operator]
            body += b"\n"
        (out / "genai-prices.jsonl").write_bytes(body)

    return write


def _offering(**changes: object) -> dict[str, object]:
    price = {**OFFERING["prices"][0], **changes.pop("price", {})}  # type: ignore[index, dict-item]
    return {**OFFERING, "prices": [price], **changes}


TOML = str(OFFERING_TOML)
JSONL = "imported/genai-prices.jsonl"
DATA_CASES: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    # Curated TOML: each names the file, the record and the field.
    "toml: not TOML": (_edit(OFFERING_TOML, "input = 0.15", "input = ["), (TOML, "not valid TOML")),
    "toml: binary garbage": (
        _write_bytes(OFFERING_TOML, b"\x00\xff\xfe garbage"),
        (TOML, "not UTF-8"),
    ),
    "toml: negative price": (
        _edit(OFFERING_TOML, "input = 0.15", "input = -0.15"),
        (TOML, "offering gpt-4o-mini on openai", "prices.0.input", "greater than or equal to 0"),
    ),
    "toml: CNY in a USD field": (
        _edit(OFFERING_TOML, "input = 0.15", 'input = "1.08 CNY"'),
        (TOML, "offering gpt-4o-mini on openai", "prices.0.input", "valid decimal"),
    ),
    "toml: a currency field": (
        _edit(OFFERING_TOML, "input = 0.15", 'input = 0.15\ncurrency = "CNY"'),
        (TOML, "prices.0.currency", "Extra inputs are not permitted"),
    ),
    "toml: huge value": (
        _edit(OFFERING_TOML, "input = 0.15", "input = 1" + "0" * 60),
        (TOML, "prices.0.input", "less than or equal to"),
    ),
    "toml: infinite value": (
        _edit(OFFERING_TOML, "input = 0.15", "input = inf"),
        (TOML, "prices.0.input", "finite number"),
    ),
    "toml: unknown field": (
        _edit(OFFERING_TOML, "input = 0.15", "input = 0.15\nbogus_field = 3"),
        (TOML, "prices.0.bogus_field", "Extra inputs are not permitted"),
    ),
    "toml: wrong type (date)": (
        _edit(OFFERING_TOML, "reviewed = 2026-05-29", 'reviewed = "yesterday"'),
        (TOML, "field 'reviewed'", "valid date"),
    ),
    "toml: wrong type (context window)": (
        _edit(MODEL_TOML, "context_window = 128000", 'context_window = "big"'),
        (str(MODEL_TOML), "context_window"),
    ),
    # Generated JSON-lines snapshots: each names the file and line.
    "jsonl: truncated line": (
        _snapshot(HEADER, json.dumps(OFFERING)[:60]),
        (f"{JSONL}:2", "not valid JSON"),
    ),
    "jsonl: binary garbage": (
        _snapshot(HEADER, b"\xff\xfe\x00garbage"),
        (f"{JSONL}:2", "not UTF-8"),
    ),
    "jsonl: negative price": (
        _snapshot(HEADER, _offering(price={"input": "-1"})),
        (f"{JSONL}:2", "offering gpt-4o-mini", "prices.0.input", "greater than or equal to 0"),
    ),
    "jsonl: CNY in a USD field": (
        _snapshot(HEADER, _offering(price={"input": "1.08 CNY"})),
        (f"{JSONL}:2", "prices.0.input", "valid decimal"),
    ),
    "jsonl: 5,000-digit number": (
        _snapshot(HEADER, _offering(price={"input": "9" * 5000})),
        (f"{JSONL}:2", "prices.0.input"),
    ),
    "jsonl: wrong type": (
        _snapshot(HEADER, _offering(price={"input": [1, 2]})),
        (f"{JSONL}:2", "prices.0.input"),
    ),
    "jsonl: unknown field": (
        _snapshot(HEADER, _offering(zzz=1)),
        (f"{JSONL}:2", "offering.zzz", "Extra inputs are not permitted"),
    ),
    "jsonl: not an object": (
        _snapshot(HEADER, "[1, 2, 3]", "null"),
        (f"{JSONL}:2", f"{JSONL}:3", "must be a JSON object"),
    ),
    "jsonl: duplicate record": (
        _snapshot(HEADER, OFFERING, OFFERING),
        (f"{JSONL}:3", "offering gpt-4o-mini", "duplicate of line 2"),
    ),
    "jsonl: no header": (_snapshot(), (JSONL, "empty file")),
}


@pytest.fixture(scope="module")
def imported_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the small reference catalogue, imported once for all the cases."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'llmref.db'}"
    result = CliRunner(env={"LLMREF_DATABASE_URL": url}).invoke(
        app, ["import", "--catalog", str(CATALOGS / "reference-pair")]
    )
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture
def data_dir(tmp_path: Path, imported_store: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the reference catalogue's files, over the imported store."""
    monkeypatch.setenv("LLMREF_DATABASE_URL", imported_store)
    root = tmp_path / "data"
    shutil.copytree(CATALOGS / "reference-pair", root)
    return root


@pytest.mark.parametrize("case", DATA_CASES, ids=list(DATA_CASES))
def test_a_bad_data_file_is_refused_naming_file_and_record(data_dir: Path, case: str) -> None:
    before = open_catalog().version
    change, expected = DATA_CASES[case]
    change(data_dir)
    result = runner.invoke(app, ["import", "--catalog", str(data_dir)])
    output = " ".join(result.output.split())  # the error may wrap
    assert result.exit_code == 3, (case, result.exit_code, result.output[-600:])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for part in expected:
        assert part in output, (case, part, output[-600:])
    assert open_catalog().version == before  # nothing written


def test_the_good_snapshot_the_cases_start_from_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """So each case above fails for its one change, not for the shape of the snapshot (a store
    of its own: this import writes)."""
    monkeypatch.setenv("LLMREF_DATABASE_URL", f"sqlite:///{tmp_path / 'own.db'}")
    root = tmp_path / "data"
    shutil.copytree(CATALOGS / "reference-pair", root)
    _snapshot(HEADER, OFFERING)(root)
    result = runner.invoke(app, ["import", "--catalog", str(root)])
    assert result.exit_code == 0, result.output


# ---- usage logs ----------------------------------------------------------------------------

USAGE_CATALOG = str(CATALOGS / "usage")
GOOD = (
    '{"timestamp":"2025-10-01T10:00:00Z","model":"gpt-5","input_tokens":1000,"output_tokens":100}'
)
LAST = (
    '{"timestamp":"2025-10-02T10:00:00Z","model":"gpt-5","input_tokens":2000,"output_tokens":200}'
)
ROW = '{"timestamp":"2025-10-01T10:00:00Z","model":"gpt-5","input_tokens":%s,"output_tokens":100}'
USAGE_LINES: list[tuple[bytes, tuple[str, str] | None]] = [
    (GOOD.encode(), None),
    (GOOD[:50].encode(), ("json", "invalid")),  # truncated
    ((ROW % "-5").encode(), ("input_tokens", "invalid")),
    ((ROW % "1.5").encode(), ("input_tokens", "invalid")),
    ((ROW % '"many"').encode(), ("input_tokens", "invalid")),
    ((ROW % ("9" * 40)).encode(), ("input_tokens", "invalid")),
    ((ROW % "1e400").encode(), ("json", "invalid")),
    (GOOD.replace("2025-10-01T10:00:00Z", "yesterday").encode(), ("timestamp", "invalid")),
    (
        GOOD.replace("2025-10-01T10:00:00Z", "2025-13-45T99:00:00Z").encode(),
        ("timestamp", "invalid"),
    ),
    (b'{"ts":123,"who":"x","tokens":{"a":1}}', ("timestamp", "invalid")),  # another schema
    (b"[1,2,3]", ("json", "invalid")),
    (b"null", ("json", "invalid")),
    (GOOD.replace("gpt-5", "<script>alert(1)</script>").encode(), ("model", "unpriced")),
    (b"\xff\xfe\x00\x01binary garbage", ("json", "invalid")),
    (LAST.encode(), None),
]
# Priced: lines 1 and 15, gpt-5 at $1.25 in / $10 out per 1M tokens in the usage catalogue:
# 1,000 x 1.25 + 100 x 10 = 2,250 and 2,000 x 1.25 + 200 x 10 = 4,500; 6,750 / 1M = $0.00675.


def test_a_hostile_usage_log_is_reported_line_by_line(tmp_path: Path) -> None:
    log = tmp_path / "usage.jsonl"
    log.write_bytes(b"\n".join(line for line, _ in USAGE_LINES) + b"\n")
    result = runner.invoke(
        app, ["usage", "analyze", str(log), "--catalog", USAGE_CATALOG, "--json"]
    )
    assert result.exit_code == 0, result.output[-600:]
    body = json.loads(result.stdout)["data"]
    assert Decimal(body["total"]["cost"]) == Decimal("0.00675")
    assert body["total"]["requests"] == 3  # the two priced and the unknown model's
    assert body["total"]["unpriced_rows"] == 1
    reported = {(p["line"], p["field"], p["kind"]) for p in body["problems"]}
    expected = {
        (number, *found) for number, (_, found) in enumerate(USAGE_LINES, 1) if found is not None
    }
    assert reported == expected
    assert {p["source"] for p in body["problems"]} == {str(log)} or all(
        p["source"].endswith("usage.jsonl") for p in body["problems"]
    )
    strict = runner.invoke(
        app, ["usage", "analyze", str(log), "--catalog", USAGE_CATALOG, "--strict"]
    )
    assert strict.exit_code == 4
    assert "usage.jsonl:2" in strict.output
    assert "Traceback" not in strict.output


def test_hostile_hive_folders_and_mixed_schemas(tmp_path: Path) -> None:
    """Partition folders whose values look like paths or markup are values, never paths: only
    the files under the folder given are read; files of different columns are read together."""
    root = tmp_path / "logs"
    traversal = root / "tag=..%2F..%2Fetc%2Fpasswd"
    markup = root / "tag=<script>x"
    other = root / "model=..%2F..%2Fsecret"
    for folder in (traversal, markup, other):
        folder.mkdir(parents=True)
    header = "timestamp,model,input_tokens,output_tokens"
    (traversal / "a.csv").write_text(f"{header}\n2025-10-01T10:00:00Z,gpt-5,1000,100\n")
    (markup / "b.csv").write_text(f"{header},extra\n2025-10-01T10:00:00Z,gpt-5,2000,200,zz\n")
    (other / "c.csv").write_text("ts,tokens\n1,2\n")
    result = runner.invoke(
        app, ["usage", "analyze", str(root), "--catalog", USAGE_CATALOG, "--json"]
    )
    assert result.exit_code == 0, result.output[-600:]
    body = json.loads(result.stdout)["data"]
    assert body["about"]["files"] == 3
    # 1,000 x 1.25 + 100 x 10 = 2,250; 2,000 x 1.25 + 200 x 10 = 4,500: $0.00675.
    assert Decimal(body["total"]["cost"]) == Decimal("0.00675")
    assert [(p["source"].endswith("c.csv"), p["line"]) for p in body["problems"]] == [(True, 2)]
