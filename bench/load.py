"""`make load`: a bounded load run of `llmref serve` on loopback, measured with wrk.

For 1 and 2 workers over the bundled catalogue (the store, as `llmref serve` serves it):

1. mixed: pages, their JSON twins, API answers and static files in turn (cached after the
   first request, as in real traffic), LOAD_SECONDS (60);
2. cold cache: comparison pages of pairs among the top models, each pair asked once (every
   request renders a page);
3. mixed again while one hostile request after another runs beside it (a 2,000-character id,
   ten unknown ids, a 36-word search, a 1,000-character pair);

each reporting requests/s, p50/p99 latency, errors (non-2xx/3xx, socket errors, timeouts) and
the server's memory (RSS of all its processes) before and after. Then static files against a
bare Starlette route on the same machine (target: at least half its rate), and a soak:
SOAK_SECONDS (300) of mixed and cold-cache load on 2 workers with memory sampled every 10 s
(flat: after the first minute, no sample more than 10% above the first-minute one, and the
last third's mean within 5% of the middle third's).

The load generator is wrk, a separate process with one thread (-t1) and 16 connections. On a
machine with 2+ cores it is pinned to the last core (taskset), and a 1-worker server to the
others, so the generator cannot take the server's core; with 2 workers on 2 cores they share
(printed). Each server is left to finish its background warm-up (llmref.web.warm) before the
runs. The end is a table of every target with pass or FAIL, and the exit status is 1 if any
failed.

Run: `make load` (installs wrk), `make soak` (the soak alone), or .venv/bin/python
bench/load.py; LOAD_SECONDS=10 SOAK_SECONDS=0 for a quick look. Targets: 0 errors, mixed p99
< 100 ms, cold-cache p99 < 100 ms, hostile-run p99 < 200 ms, flat memory.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))

from common import machine

ROOT = Path(__file__).parents[1]
LLMREF = str(Path(sys.executable).parent / "llmref")
LOAD_SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
SOAK_SECONDS = int(os.environ.get("SOAK_SECONDS", "300"))
SOAK_ONLY = os.environ.get("SOAK_ONLY") == "1"
CONNECTIONS = 16
CORES = os.cpu_count() or 1
PIN = shutil.which("taskset") is not None and CORES >= 2
WRK_CPU = str(CORES - 1)
SERVER_CPUS = f"0-{CORES - 2}" if CORES > 2 else "0"

LUA = """
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  if i > #paths then i = 1 end
  return wrk.format("GET", paths[i])
end
"""

HOSTILE = [
    "/models/" + "x" * 2000,
    "/compare?models=" + ",".join(f"zq{i}nosuchmodel" for i in range(10)),
    "/search?q=" + "+".join("abcdefghijklmnopqrstuvwxyz0123456789"),
    "/compare/" + "y" * 1000 + "-vs-gpt-4o",
    "/calculator?models=" + ",".join(f"unknown{i}" for i in range(8)),
]


@dataclass
class Run:
    label: str
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    rss_before_mb: float
    rss_after_mb: float


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (uvicorn's workers)."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo += [int(c) for c in children]
        except (OSError, AttributeError):
            continue
    return total / 1024


@contextmanager
def server(home: str, workers: int) -> Iterator[tuple[str, int]]:
    port = free_port()
    env = {**os.environ, "LLMREF_HOME": home}
    env.pop("LLMREF_CATALOG_DIR", None)
    command = [LLMREF, "serve", "--port", str(port), "--workers", str(workers), "--no-access-log"]
    if PIN and workers == 1:
        command = ["taskset", "-c", SERVER_CPUS, *command]
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if httpx.get(base + "/static/site.css", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("llmref serve did not start")
            time.sleep(0.3)
        # Every worker loads its catalogue at start; ask enough to reach them all (a new
        # connection each), then let their background warm-ups finish.
        for _ in range(workers * 8):
            httpx.get(base + "/", timeout=60)
        settle(process.pid)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(30)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its descendants so far."""
    total = 0.0
    todo = [pid]
    tick = os.sysconf("SC_CLK_TCK")
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return total


def settle(pid: int, timeout: float = 60.0) -> None:
    """Wait until the server is idle (under 5% of a core over half a second): its workers'
    background warm-ups are done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = cpu_seconds(pid)
        time.sleep(0.5)
        if cpu_seconds(pid) - before < 0.025:
            return


def wrk(base: str, paths: list[str], seconds: int) -> tuple[float, float, float, int, int]:
    """(requests/s, p50 ms, p99 ms, errors, requests) of wrk cycling through `paths`."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "paths.lua"
        script.write_text(LUA)
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(paths) + "\n")
        out = subprocess.run(
            [
                *(["taskset", "-c", WRK_CPU] if PIN else []),
                "wrk",
                "-t1",
                f"-c{CONNECTIONS}",
                f"-d{seconds}s",
                "--latency",
                "--timeout",
                "5s",
                "-s",
                str(script),
                base,
            ],
            env={**os.environ, "WRK_PATHS": str(listing)},
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    p50, p99 = (_ms(re.search(rf"\s{q}%\s+([\d.]+\w+)", out).group(1)) for q in ("50", "99"))  # type: ignore[union-attr]
    errors = 0
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(bad.group(1)) if bad else 0
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    errors += sum(int(g) for g in sockets.groups()) if sockets else 0
    return rate, p50, p99, errors, requests


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def mixed_paths(base: str) -> list[str]:
    top = httpx.get(base + "/api/v1/models", timeout=60).json()["models"][:12]
    ids = [m["id"] for m in top]
    paths = ["/", "/models", "/chart", "/calculator", "/feed", "/sources", "/search?q=gpt"]
    paths += ["/static/site.css", "/static/site.js", "/api/v1/catalog", "/api/v1/chart"]
    for a, b in itertools.pairwise(ids):
        paths += [f"/models/{a}", f"/models/{a}.json", f"/compare/{a}-vs-{b}"]
        paths += [f"/api/v1/models/{a}", f"/api/v1/compare?models={a},{b}"]
    paths += [f"/api/v1/cost?models={','.join(ids[:3])}", "/api/v1/feed"]
    return paths


def cold_pairs(base: str, count: int) -> list[str]:
    top = httpx.get(base + "/api/v1/models", timeout=60).json()["models"][:200]
    ids = sorted(m["id"] for m in top)
    pairs = [f"/compare/{a}-vs-{b}" for i, a in enumerate(ids) for b in ids[i + 1 :]]
    return pairs[:count]


def warm_caches(base: str, paths: list[str], workers: int) -> None:
    """Ask every path often enough, a new connection each time, that each worker has most
    likely answered it once (the kernel picks the worker per connection; each worker has its
    own response cache): the mixed runs measure cached traffic, as a running site serves."""
    for _ in range(1 if workers == 1 else 4 * workers):
        for path in paths:
            httpx.get(base + path, timeout=60)


def measure(label: str, base: str, pid: int, paths: list[str], seconds: int) -> Run:
    before = rss_mb(pid)
    rate, p50, p99, errors, requests = wrk(base, paths, seconds)
    return Run(label, rate, p50, p99, errors, requests, before, rss_mb(pid))


def hostile_beside(base: str, stop: threading.Event, done: list[int]) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        while not stop.is_set():
            client.get(HOSTILE[done[0] % len(HOSTILE)])
            done[0] += 1


@dataclass
class Check:
    what: str
    measured: str
    target: str
    ok: bool


CHECKS: list[Check] = []


def check(what: str, measured: str, target: str, ok: bool) -> None:
    CHECKS.append(Check(what, measured, target, ok))


def print_run(run: Run, note: str = "") -> None:
    print(
        f"  {run.label:<34} {run.rate:>8,.0f} req/s  p50 {run.p50_ms:>7.2f} ms  "
        f"p99 {run.p99_ms:>7.2f} ms  errors {run.errors} of {run.requests:,}  "
        f"RSS {run.rss_before_mb:,.0f} -> {run.rss_after_mb:,.0f} MB{note}"
    )


def judge(run: Run, where: str, p99_target: float) -> None:
    check(f"{where}: {run.label}, errors", f"{run.errors} of {run.requests:,}", "0", not run.errors)
    check(
        f"{where}: {run.label}, p99",
        f"{run.p99_ms:.1f} ms",
        f"< {p99_target:.0f} ms",
        run.p99_ms < p99_target,
    )


def bare_rate(seconds: int) -> float:
    """A bare Starlette route (no middleware) on one uvicorn worker."""
    port = free_port()
    code = (
        "import uvicorn\n"
        "from starlette.applications import Starlette\n"
        "from starlette.responses import PlainTextResponse\n"
        "from starlette.routing import Route\n"
        "async def ok(request): return PlainTextResponse('ok')\n"
        "app = Starlette(routes=[Route('/ok', ok)])\n"
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='warning', access_log=False)\n"
    )
    pin = ["taskset", "-c", SERVER_CPUS] if PIN else []
    process = subprocess.Popen([*pin, sys.executable, "-c", code])
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/ok", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        return wrk(f"http://127.0.0.1:{port}", ["/ok"], seconds)[0]
    finally:
        process.terminate()
        process.wait(10)


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: run `make load` (installs it) or apt-get install wrk")
    print(f"Load run on {machine()}, load average {_load()} at start")
    print(f"wrk -t1 -c{CONNECTIONS} -d{LOAD_SECONDS}s on 127.0.0.1, the bundled catalogue")
    if PIN:
        print(
            f"wrk pinned to CPU {WRK_CPU}; a 1-worker server to CPU {SERVER_CPUS}; "
            f"2 workers run on all {CORES} cores, sharing one with wrk\n"
        )
    else:
        print("no pinning (taskset missing or one core): wrk and the server share the cores\n")
    home = tempfile.mkdtemp(prefix="llmref-load-")
    subprocess.run(
        [LLMREF, "show", "gpt-4o"],
        env={**os.environ, "LLMREF_HOME": home},
        capture_output=True,
        check=False,
    )  # builds the store once, outside the runs
    try:
        if not SOAK_ONLY:
            for workers in (1, 2):
                runs(home, workers)
            static_against_bare(home)
        if SOAK_SECONDS:
            soak(home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    summary()


def _load() -> str:
    return ", ".join(f"{v:.1f}" for v in os.getloadavg())


def runs(home: str, workers: int) -> None:
    where = f"{workers} worker{'s' if workers > 1 else ''}"
    with server(home, workers) as (base, pid):
        print(f"{where} (load average {_load()})")
        paths = mixed_paths(base)
        warm_caches(base, paths, workers)
        run = measure("mixed pages + API + static", base, pid, paths, LOAD_SECONDS)
        print_run(run)
        judge(run, where, 100)
        cold = cold_pairs(base, 20000)
        run = measure("cold cache: a new pair each request", base, pid, cold, LOAD_SECONDS)
        print_run(run)
        judge(run, where, 100)
        stop, done = threading.Event(), [0]
        attacker = threading.Thread(target=hostile_beside, args=(base, stop, done))
        attacker.start()
        try:
            run = measure("mixed, hostile requests beside", base, pid, paths, LOAD_SECONDS)
        finally:
            stop.set()
            attacker.join()
        print_run(run, f"  ({done[0]} hostile requests answered)")
        judge(run, where, 200)


def static_against_bare(home: str) -> None:
    with server(home, 1) as (base, _pid):
        static = wrk(base, ["/static/site.css"], 10)[0]
    bare = bare_rate(10)
    print(
        f"\nstatic /static/site.css {static:,.0f} req/s vs bare Starlette route "
        f"{bare:,.0f} req/s: {static / bare:.0%}"
    )
    check(
        "static file rate vs a bare Starlette route",
        f"{static:,.0f} vs {bare:,.0f} req/s ({static / bare:.0%})",
        ">= 50%",
        static >= bare / 2,
    )


SAMPLE_EVERY = 10
WARM_UP = 60
"""Seconds of the soak before memory must be flat (caches filling up to their bounds)."""


def soak(home: str) -> None:
    print(
        f"\nsoak: {SOAK_SECONDS} s of mixed and cold-cache load, 2 workers, RSS every "
        f"{SAMPLE_EVERY} s (load average {_load()})"
    )
    with server(home, 2) as (base, pid):
        paths = mixed_paths(base)
        warm_caches(base, paths, 2)
        # One new comparison page for every mixed request: the response cache fills to its
        # bound and must then stay there (least recently used pages out).
        cold = cold_pairs(base, 20000)
        stream = [p for pair in zip(itertools.cycle(paths), cold, strict=False) for p in pair]
        samples: list[float] = []
        result: list[tuple[float, float, float, int, int]] = []
        runner = threading.Thread(
            target=lambda: result.append(wrk(base, stream, SOAK_SECONDS)), daemon=True
        )
        runner.start()
        while runner.is_alive():
            samples.append(rss_mb(pid))
            runner.join(SAMPLE_EVERY)
        rate, p50, p99, errors, requests = result[0]
    print(
        f"  {rate:,.0f} req/s  p50 {p50:.2f} ms  p99 {p99:.2f} ms  errors {errors} of {requests:,}"
    )
    print(f"  RSS MB every {SAMPLE_EVERY} s: {', '.join(f'{s:,.0f}' for s in samples)}")
    check("soak: errors", f"{errors} of {requests:,}", "0", not errors)
    settled = samples[min(WARM_UP // SAMPLE_EVERY, len(samples) - 1) :]
    if len(settled) < 6:
        print("  (too short to judge memory: at least two minutes are needed)")
        check("soak: memory flat", f"{len(samples)} samples", ">= 2 minutes", False)
        return
    first, peak = settled[0], max(settled)
    third = len(settled) // 3
    middle = statistics.mean(settled[third : 2 * third])
    last = statistics.mean(settled[2 * third :])
    growth, drift = (peak - first) / first, (last - middle) / middle
    print(
        f"  after {WARM_UP} s: {first:,.0f} MB, peak {peak:,.0f} MB ({growth:+.1%}); "
        f"last third {last:,.0f} MB vs middle third {middle:,.0f} MB ({drift:+.1%})"
    )
    check(
        f"soak: memory flat over {SOAK_SECONDS} s",
        f"peak {growth:+.1%}, last third {drift:+.1%}",
        "peak < +10%, drift < +5%",
        growth < 0.10 and drift < 0.05,
    )


def summary() -> None:
    print(f"\nSummary (load average at the end {_load()}; 2 cores shared with anything else)")
    width = max(len(c.what) for c in CHECKS) if CHECKS else 10
    print(f"  {'target':<{width}}  {'measured':<34} {'wanted':<26} result")
    for c in CHECKS:
        print(f"  {c.what:<{width}}  {c.measured:<34} {c.target:<26} {'pass' if c.ok else 'FAIL'}")
    failed = [c for c in CHECKS if not c.ok]
    print(f"\n{len(CHECKS) - len(failed)} of {len(CHECKS)} targets met")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
