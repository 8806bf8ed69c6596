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
# A realistic mix of popular models (share of requests, in %), each named with the provider it
# was called on — all priced by the catalogue (and by genai-prices) over the whole log.
MIX = (
    ("gpt-5", "openai", 12),
    ("gpt-5-mini", "openai", 12),
    ("gpt-4.1-mini", "openai", 6),
    ("gpt-4o-mini", "openai", 8),
    ("gpt-5.1", "openai", 8),
    ("claude-sonnet-4-5", "anthropic", 14),
    ("claude-haiku-4-5", "anthropic", 8),
    ("claude-opus-4-5", "anthropic", 4),
    ("gemini-2.5-pro", "google", 6),
    ("gemini-2.5-flash", "google", 10),
    ("gemini-2.5-flash-lite", "google", 6),
    ("deepseek-chat", "deepseek", 6),
)
LONG_CONTEXT = ("claude-sonnet-4-5", "gemini-2.5-pro", "gemini-2.5-flash")
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
    """10M requests from 2025-12-01 to 2026-11-24 (several price changes in between), the
    models of :data:`MIX` with their providers, prompts of 1K-31K tokens and every 50th up to
    400K on the 1M-context models (so long-context tiers apply), cache reads on a third, eight
    tags."""
    import duckdb

    path = ROOT / "log-v3.parquet"
    if path.exists():
        return path
    ROOT.mkdir(parents=True, exist_ok=True)
    slots = [i for i, (_, _, share) in enumerate(MIX, start=1) for _ in range(share)]
    models = ", ".join(f"'{m}'" for m, _, _ in MIX)
    providers = ", ".join(f"'{p}'" for _, p, _ in MIX)
    long_ok = ", ".join("true" if m in LONG_CONTEXT else "false" for m, _, _ in MIX)
    duckdb.sql(
        f"""COPY (
          SELECT TIMESTAMPTZ '2025-12-01 00:00:00+00' + to_seconds((i * 3.1)::BIGINT) AS timestamp,
                 ([{models}])[k] AS model,
                 ([{providers}])[k] AS provider,
                 (1000 + hash(i * 7) % (CASE WHEN i % 50 = 0 AND ([{long_ok}])[k]
                                             THEN 400000 ELSE 30000 END))::BIGINT AS input_tokens,
                 (50 + hash(i * 11) % 3000)::BIGINT AS output_tokens,
                 CASE WHEN i % 3 = 0 THEN 800 ELSE 0 END::BIGINT AS cached_input_tokens,
                 'tag-' || (i % 8)::VARCHAR AS tag
          FROM (SELECT i, ({slots})[1 + (hash(i) % 100)::INT] AS k FROM range({ROWS}) t(i))
        ) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)"""
    )
    return path


def claude_code_dir() -> Path:
    """500,000 assistant messages (+25,000 written twice) from 2025-12-01 over 200 projects ×
    10 sessions, each with a subagent file; three current Claude models."""
    root = ROOT / "claude-v3" / "projects"
    if root.exists():
        return root
    rnd = random.Random(7)
    models = ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-5"]
    start = datetime(2025, 12, 1, tzinfo=UTC)
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
    """Peak resident memory (VmHWM: the kernel's high-water mark since exec) of a process and
    all its descendants, from /proc (MB)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for text in handle:
                    if text.startswith("VmHWM:"):
                        total += int(text.split()[1])
            with open(f"/proc/{current}/task/{current}/children") as handle:
                stack.extend(int(c) for c in handle.read().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024


def run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, bytes]:
    """Wall seconds, CPU seconds (user + system), peak resident memory (MB: the process tree's
    high-water marks, sampled every 10 ms — not ``ru_maxrss``, which on Linux starts from the
    forking parent's size), stdout."""
    import threading

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    peak = 0.0
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read()))  # type: ignore[union-attr]
    reader.start()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    if proc.returncode:
        raise SystemExit(f"{cmd} failed ({proc.returncode})")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, peak, b"".join(chunks)


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def load_average() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    from genai_prices import Usage as GenaiUsage
    from genai_prices import calc_price

    from llmref.store import open_catalog
    from llmref.usage import LOG_SCHEMA, Source, build_report, queries, read
    from llmref.usage.engine import DuckDBEngine
    from llmref.usage.prices import price_table

    print(f"usage analysis benchmarks on {machine()}; load average {load_average()}")
    log_path = parquet_log()
    catalog = open_catalog()
    today = date.today()
    alternatives = [m for m in ALTERNATIVES if catalog.find_model(m)]

    def full_report() -> tuple[float, float, object]:
        start, cpu = time.perf_counter(), time.process_time()
        log = read([Source("files", (str(log_path),))])
        report = build_report(catalog, log, alternatives=alternatives, alternatives_as_of=today)
        return time.perf_counter() - start, time.process_time() - cpu, report

    full_report()  # warm-up (imports, file cache)
    runs = [full_report() for _ in range(5)]
    best = min(r[0] for r in runs)
    report = runs[-1][2]
    total = report.total  # type: ignore[attr-defined]
    print(
        f"  log: {ROWS:,} rows, {log_path.stat().st_size / 1e6:.0f} MB Parquet, "
        f"{len(MIX)} models; priced {total.rows - total.unpriced_rows:,} rows "
        f"(${total.cost:,.2f}), unpriced {total.unpriced_rows:,}, invalid "
        f"{report.invalid_rows:,}; {len(report.alternatives)} alternatives priced"  # type: ignore[attr-defined]
    )
    row(
        "10M-row Parquet, full report",
        f"{best:.2f} s",
        "target 3 s",
        f"(runs: {', '.join(f'{r[0]:.2f}' for r in runs)}; "
        f"CPU s: {', '.join(f'{r[1]:.2f}' for r in runs)}; load {load_average()})",
    )

    # Like for like against genai-prices: the same rows in (model, provider, timestamp, token
    # counts), one cost per row out. Ours: every row's exact cost at its day's price,
    # materialised (the per-row query; the report itself never costs rows one by one).
    import duckdb

    con = duckdb.connect()
    pairs = con.sql(f"SELECT DISTINCT model, provider FROM '{log_path}'").fetchall()
    prices, _, _ = price_table(catalog, [(m, p) for m, p in pairs])
    log = read([Source("files", (str(log_path),))])
    engine = DuckDBEngine(log.con)
    rows_expr = queries.priced(engine.view("usage_log", LOG_SCHEMA), engine.table("p", prices))
    per_row = []
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        costs = engine.run(rows_expr.select("cost"))
        per_row.append((time.perf_counter() - start, time.process_time() - cpu))
    ours_rate = ROWS / min(t for t, _ in per_row)
    ours_cpu_rate = ROWS / min(c for _, c in per_row)
    report_rate = ROWS / best
    report_cpu_rate = ROWS / min(r[1] for r in runs)
    priced_rows = costs.num_rows - costs.column("cost").null_count

    sample = con.sql(
        f"SELECT timestamp, model, provider, input_tokens, output_tokens, cached_input_tokens "
        f"FROM '{log_path}' USING SAMPLE 20000 ROWS (reservoir, 7)"
    ).fetchall()
    # Warm-up, as ours has one: genai-prices loads its price data on the first call.
    ts, model, provider, inp, out, cached = sample[0]
    calc_price(
        GenaiUsage(input_tokens=inp, output_tokens=out, cache_read_tokens=cached),
        model,
        provider_id=provider,
        genai_request_timestamp=ts,
    )
    start, cpu = time.perf_counter(), time.process_time()
    priced = 0
    for ts, model, provider, inp, out, cached in sample:
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
    theirs_cpu_rate = len(sample) / (time.process_time() - cpu)
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
    row(
        "per CPU second: per-row costs",
        f"{ours_cpu_rate:,.0f} rows",
        f"calc_price loop {theirs_cpu_rate:,.0f} rows",
        f"{ours_cpu_rate / theirs_cpu_rate:,.0f}x",
    )
    row(
        "per CPU second: full report",
        f"{report_cpu_rate:,.0f} rows",
        f"calc_price loop {theirs_cpu_rate:,.0f} rows",
        f"{report_cpu_rate / theirs_cpu_rate:,.0f}x",
    )
    print(
        f"  (per-row costs: {priced_rows:,} of {costs.num_rows:,} rows priced; calc_price priced "
        f"{priced:,} of the {len(sample):,} sampled rows; load {load_average()})"
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
    # As installed by pip (bytecode compiled): this machine's PYTHONDONTWRITEBYTECODE would
    # otherwise make every start compile llmref, Ibis and sqlglot from source.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # Warm-up: store, bytecode, file cache, and the compiled-SQL cache (llmref.usage.sqlcache),
    # emptied first so that this run shows what a first run on a machine costs.
    import shutil

    from llmref.usage import sqlcache

    shutil.rmtree(sqlcache.cache_dir(), ignore_errors=True)
    first = run_measured(cmd, env)
    cc_runs = [run_measured(cmd, env) for _ in range(3)]
    body = json.loads(cc_runs[-1][3])
    about = body["data"]["about"]
    print(
        f"  Claude Code folder: {du(cc) / 1e6:.0f} MB, "
        f"{body['data']['total']['requests']:,} messages counted, "
        f"{about['duplicates_skipped']:,} repeats skipped, {about['unpriced_rows']:,} unpriced"
    )
    row(
        "Claude Code 500K messages, end to end",
        f"{min(r[0] for r in cc_runs):.2f} s",
        "target 3 s",
        f"(runs: {', '.join(f'{r[0]:.2f}' for r in cc_runs)}; "
        f"CPU s: {', '.join(f'{r[1]:.2f}' for r in cc_runs)}; load {load_average()})",
    )
    row("  peak memory (RSS)", f"{max(r[2] for r in cc_runs):.0f} MB", "target 500 MB")
    row(
        "  first run (SQL compiled, Ibis loaded)",
        f"{first[0]:.2f} s",
        f"CPU {first[1]:.2f} s, {first[2]:.0f} MB",
    )


if __name__ == "__main__":
    main()
