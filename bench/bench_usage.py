"""Usage analysis benchmarks (issue 12), inputs generated into /tmp (never committed):

1. a 10-million-row Parquet log, full report: spend by model and day, each request at the
   prices of its day, ten alternative models (target < 3 s);
2. rows/s of the same pricing against a Python loop over genai_prices.calc_price on a sample
   of the same rows (target ≥ 2,000x): same rows in, a cost per row out;
3. a Claude Code folder of 500,000 assistant messages (~320 MB), `llmref usage analyze
   --claude-code DIR --json` end to end (target < 3 s, peak memory < 500 MB).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import machine, row

ROOT = Path(os.environ.get("LLMREF_BENCH_DIR", "/tmp/llmref-bench-usage"))
ROWS = 10_000_000
MESSAGES = 500_000
LOGGED = (
    "gpt-4o",
    "gpt-4o-mini",
    "gpt-4.1",
    "gpt-5",
    "gpt-5-mini",
    "o3",
    "claude-sonnet-4-5",
    "claude-haiku-4-5",
    "claude-opus-4-1",
    "gemini-2.5-pro",
    "gemini-2.5-flash",
    "claude-3-5-haiku",
)
ALTERNATIVES = (
    "gpt-5-nano",
    "gpt-5-mini",
    "gpt-4.1-mini",
    "claude-haiku-4-5",
    "gemini-2.5-flash",
    "gemini-2.5-flash-lite",
    "deepseek-chat",
    "mistral-small",
    "gpt-4o-mini",
    "o4-mini",
)


def parquet_log() -> Path:
    """10M requests over two years, twelve models on their vendors' routes, prompt sizes from
    1K to 400K (so long-context tiers apply), cache reads on a third of them, eight tags."""
    import duckdb

    path = ROOT / "log.parquet"
    if path.exists():
        return path
    ROOT.mkdir(parents=True, exist_ok=True)
    models = ", ".join(f"'{m}'" for m in LOGGED)
    duckdb.sql(
        f"""COPY (
          SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_seconds((i * 6.3)::BIGINT) AS timestamp,
                 ([{models}])[1 + (hash(i) % {len(LOGGED)})::INT] AS model,
                 (1000 + hash(i * 7) % (CASE WHEN i % 50 = 0 THEN 400000 ELSE 30000 END))::BIGINT
                   AS input_tokens,
                 (50 + hash(i * 11) % 3000)::BIGINT AS output_tokens,
                 CASE WHEN i % 3 = 0 THEN 800 ELSE 0 END::BIGINT AS cached_input_tokens,
                 'tag-' || (i % 8)::VARCHAR AS tag
          FROM range({ROWS}) t(i)
        ) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)"""
    )
    return path


def claude_code_dir() -> Path:
    """500,000 assistant messages over 200 projects × 10 sessions (+ a subagent file each),
    5% written twice, prompts and tool results interleaved like the real logs."""
    root = ROOT / "claude-v2" / "projects"
    if root.exists():
        return root
    rnd = random.Random(7)
    models = ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805"]
    start = datetime(2025, 10, 1, tzinfo=UTC)
    per_file = MESSAGES // 4000
    n = 0
    for p in range(200):
        for s in range(10):
            session = f"{p:04d}-{s:02d}-5e6f-4a1b-9c3d-000000000000"
            for sub in (False, True):
                path = (
                    root
                    / f"-home-dev-project-{p}"
                    / (f"{session}/subagents/agent-{s}.jsonl" if sub else f"{session}.jsonl")
                )
                path.parent.mkdir(parents=True, exist_ok=True)
                lines = []
                for _ in range(per_file):
                    n += 1
                    ts = (start + timedelta(seconds=n * 9)).isoformat().replace("+00:00", "Z")
                    message = {
                        "parentUuid": f"{n - 1:08x}-aaaa",
                        "isSidechain": sub,
                        "cwd": f"/home/dev/project-{p}",
                        "sessionId": session,
                        "message": {
                            "id": f"msg_{n:012d}",
                            "type": "message",
                            "role": "assistant",
                            "model": models[n % 3],
                            "content": [{"type": "text", "text": "x" * rnd.randrange(10, 90)}],
                            "stop_reason": "end_turn",
                            "usage": {
                                "input_tokens": rnd.randrange(1, 50),
                                "cache_creation_input_tokens": rnd.randrange(0, 3000),
                                "cache_read_input_tokens": rnd.randrange(0, 90_000),
                                "cache_creation": {
                                    "ephemeral_5m_input_tokens": 0,
                                    "ephemeral_1h_input_tokens": 0,
                                },
                                "output_tokens": rnd.randrange(1, 2000),
                                "service_tier": "standard",
                            },
                        },
                        "requestId": f"req_{n:012d}",
                        "type": "assistant",
                        "uuid": f"{n:08x}-bbbb",
                        "timestamp": ts,
                    }
                    usage = message["message"]["usage"]  # type: ignore[index]
                    usage["cache_creation"]["ephemeral_5m_input_tokens"] = usage[
                        "cache_creation_input_tokens"
                    ]
                    line = json.dumps(message, separators=(",", ":"))
                    lines.append(line)
                    if n % 20 == 0:
                        lines.append(line)  # written twice
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc (MB)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for text in handle:
                    if text.startswith("VmRSS:"):
                        total += int(text.split()[1])
            with open(f"/proc/{current}/task/{current}/children") as handle:
                stack.extend(int(c) for c in handle.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024


def run_measured(cmd: list[str]) -> tuple[float, float, bytes]:
    """Wall seconds, peak resident memory of the whole process tree (sampled every 10 ms),
    and stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak = 0.0
    chunks: list[bytes] = []
    import threading

    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read()))  # type: ignore[union-attr]
    reader.start()
    while proc.poll() is None:
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(0.01)
    reader.join()
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"{cmd} failed ({proc.returncode})")
    return seconds, peak, b"".join(chunks)


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    from genai_prices import Usage as GenaiUsage
    from genai_prices import calc_price

    from llmref.store import open_catalog
    from llmref.usage import Source, build_report, read
    from llmref.usage.engine import DuckDBEngine
    from llmref.usage.prices import price_table

    print(f"usage analysis benchmarks on {machine()}")
    log_path = parquet_log()
    catalog = open_catalog()
    today = date.today()
    alternatives = [m for m in ALTERNATIVES if catalog.find_model(m)]

    def full_report() -> tuple[float, object]:
        start = time.perf_counter()
        log = read([Source("files", (str(log_path),))])
        report = build_report(catalog, log, alternatives=alternatives, alternatives_as_of=today)
        return time.perf_counter() - start, report

    full_report()  # warm-up (imports, file cache)
    times = []
    for _ in range(3):
        seconds, report = full_report()
        times.append(seconds)
    best = min(times)
    total = report.total  # type: ignore[attr-defined]
    print(
        f"  log: {ROWS:,} rows, {log_path.stat().st_size / 1e6:.0f} MB Parquet; priced "
        f"{total.requests - total.unpriced_rows:,}, unpriced {total.unpriced_rows:,}; "
        f"{len(report.alternatives)} alternatives"  # type: ignore[attr-defined]
    )
    row(
        "10M-row Parquet, full report",
        f"{best:.2f} s",
        "target 3 s",
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})",
    )

    # Per-row costs only, materialised (the like-for-like figure against calc_price).
    import duckdb

    con = duckdb.connect()
    pairs = con.sql(f"SELECT DISTINCT model, '' FROM '{log_path}'").fetchall()
    prices, _, _ = price_table(catalog, [(m, p) for m, p in pairs])
    log = read([Source("files", (str(log_path),))])
    engine = DuckDBEngine(log.con)
    from llmref.usage import LOG_SCHEMA, queries

    rows_expr = queries.priced(engine.view("usage_log", LOG_SCHEMA), engine.table("p", prices))
    start = time.perf_counter()
    costs = engine.run(rows_expr.select("cost"))
    per_row_seconds = time.perf_counter() - start
    ours_rate = ROWS / per_row_seconds
    report_rate = ROWS / best

    # genai-prices on a sample of the same rows.
    sample = con.sql(
        f"SELECT timestamp, model, input_tokens, output_tokens, cached_input_tokens "
        f"FROM '{log_path}' USING SAMPLE 20000 ROWS (reservoir, 7)"
    ).fetchall()
    provider_of = {"claude": "anthropic", "gemini": "google", "gpt": "openai", "o3": "openai"}
    start = time.perf_counter()
    priced = 0
    for ts, model, inp, out, cached in sample:
        provider = next(v for k, v in provider_of.items() if model.startswith(k))
        try:
            calc_price(
                GenaiUsage(input_tokens=inp, output_tokens=out, cache_read_tokens=cached),
                model,
                provider_id=provider,
                genai_request_timestamp=ts,
            )
            priced += 1
        except LookupError:
            pass
    theirs_rate = len(sample) / (time.perf_counter() - start)
    row(
        "per-row costs (10M costs out)",
        f"{ours_rate:,.0f} rows/s",
        f"calc_price loop {theirs_rate:,.0f} rows/s",
        f"{ours_rate / theirs_rate:,.0f}x",
    )
    row(
        "full report (10M rows)",
        f"{report_rate:,.0f} rows/s",
        f"calc_price loop {theirs_rate:,.0f} rows/s",
        f"{report_rate / theirs_rate:,.0f}x",
    )
    print(
        f"  (calc_price priced {priced:,} of the {len(sample):,} sampled rows; "
        f"{costs.num_rows:,} per-row costs materialised)"
    )

    cc = claude_code_dir()
    cmd = [
        str(Path(sys.executable).parent / "llmref"),
        "usage",
        "analyze",
        "--claude-code",
        str(cc),
        "--json",
    ]
    run_measured(cmd)  # warm-up: store, file cache
    runs = [run_measured(cmd) for _ in range(3)]
    samples = [r[0] for r in runs]
    peak_mb = max(r[1] for r in runs)
    body = json.loads(runs[-1][2])
    print(
        f"  Claude Code folder: {du(cc) / 1e6:.0f} MB, "
        f"{body['data']['total']['requests']:,} messages counted, "
        f"{body['data']['about']['duplicates_skipped']:,} repeats skipped"
    )
    row(
        "Claude Code 500K messages, end to end",
        f"{min(samples):.2f} s",
        "target 3 s",
        f"(runs: {', '.join(f'{t:.2f}' for t in samples)})",
    )
    row("  peak memory (process tree RSS)", f"{peak_mb:.0f} MB", "target 500 MB")


if __name__ == "__main__":
    main()
