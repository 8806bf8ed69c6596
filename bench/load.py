"""`make load`: a bounded load run of `llmref serve` on loopback, measured with wrk.

For 1 and 2 uvicorn workers over the bundled catalogue (the store, as `llmref serve` serves it):

1. mixed: pages, their JSON twins, API answers and static files in turn (cached after the
   first request, as in real traffic), LOAD_SECONDS (60);
2. cold cache: comparison pages of pairs among the top models, each pair asked once (every
   request renders a page);
3. mixed again while one hostile request after another runs beside it (a 2,000-character id,
   ten unknown ids, a 36-word search, a 1,000-character pair);

each reporting requests/s, p50/p99 latency, errors (non-2xx/3xx, socket errors, timeouts) and
the server's memory (RSS of all its processes) before and after. Then static files against a
bare Starlette route on the same machine (target: at least half its rate), and a soak:
SOAK_SECONDS (300) of mixed load on 2 workers with memory sampled every 10 s (flat: the last
sample within 10% of the first after warm-up).

Run: `make load` (installs wrk) or .venv/bin/python bench/load.py; LOAD_SECONDS=10
SOAK_SECONDS=0 for a quick look. Targets: 0 errors, mixed p99 < 100 ms, cold-cache p99 <
100 ms, hostile-run p99 < 200 ms, flat memory.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import socket
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
CONNECTIONS = 16

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
    process = subprocess.Popen(
        [LLMREF, "serve", "--port", str(port), "--workers", str(workers), "--no-access-log"],
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
        # Every worker loads its catalogue at start; ask enough to reach them all.
        for _ in range(workers * 4):
            httpx.get(base + "/", timeout=60)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(30)


def wrk(base: str, paths: list[str], seconds: int) -> tuple[float, float, float, int, int]:
    """(requests/s, p50 ms, p99 ms, errors, requests) of wrk cycling through `paths`."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "paths.lua"
        script.write_text(LUA)
        listing = Path(tmp) / "paths.txt"
        listing.write_text("\n".join(paths) + "\n")
        out = subprocess.run(
            [
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


def measure(label: str, base: str, pid: int, paths: list[str], seconds: int) -> Run:
    before = rss_mb(pid)
    rate, p50, p99, errors, requests = wrk(base, paths, seconds)
    return Run(label, rate, p50, p99, errors, requests, before, rss_mb(pid))


def hostile_beside(base: str, stop: threading.Event, done: list[int]) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        while not stop.is_set():
            client.get(HOSTILE[done[0] % len(HOSTILE)])
            done[0] += 1


def print_run(run: Run, target: str) -> None:
    print(
        f"  {run.label:<34} {run.rate:>8,.0f} req/s  p50 {run.p50_ms:>7.2f} ms  "
        f"p99 {run.p99_ms:>7.2f} ms  errors {run.errors} of {run.requests:,}  "
        f"RSS {run.rss_before_mb:,.0f} -> {run.rss_after_mb:,.0f} MB  ({target})"
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
    process = subprocess.Popen([sys.executable, "-c", code])
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
    print(f"Load run on {machine()}, load average {os.getloadavg()[0]:.1f} at start")
    print(f"wrk -t1 -c{CONNECTIONS} -d{LOAD_SECONDS}s on 127.0.0.1, the bundled catalogue\n")
    home = tempfile.mkdtemp(prefix="llmref-load-")
    subprocess.run(
        [LLMREF, "show", "gpt-4o"],
        env={**os.environ, "LLMREF_HOME": home},
        capture_output=True,
        check=False,
    )  # builds the store once, outside the runs
    try:
        for workers in (1, 2):
            with server(home, workers) as (base, pid):
                print(
                    f"{workers} worker{'s' if workers > 1 else ''} (load {os.getloadavg()[0]:.1f})"
                )
                paths = mixed_paths(base)
                for path in paths:  # warm: the mixed run measures cached traffic
                    httpx.get(base + path, timeout=60)
                print_run(
                    measure("mixed pages + API + static", base, pid, paths, LOAD_SECONDS),
                    "target 0 errors, p99 < 100 ms",
                )
                cold = cold_pairs(base, 20000)
                print_run(
                    measure("cold cache: a new pair each request", base, pid, cold, LOAD_SECONDS),
                    "target p99 < 100 ms",
                )
                stop, done = threading.Event(), [0]
                attacker = threading.Thread(target=hostile_beside, args=(base, stop, done))
                attacker.start()
                try:
                    run = measure("mixed, hostile requests beside", base, pid, paths, LOAD_SECONDS)
                finally:
                    stop.set()
                    attacker.join()
                print_run(run, f"target p99 < 200 ms; {done[0]} hostile requests answered")
        with server(home, 1) as (base, pid):
            static = wrk(base, ["/static/site.css"], 10)[0]
        bare = bare_rate(10)
        verdict = "ok" if static >= bare / 2 else "under target"
        print(
            f"\nstatic /static/site.css {static:,.0f} req/s vs bare Starlette route "
            f"{bare:,.0f} req/s: {static / bare:.0%} (target >= 50%) {verdict}"
        )
        if SOAK_SECONDS:
            soak(home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def soak(home: str) -> None:
    print(f"\nsoak: {SOAK_SECONDS} s of mixed load, 2 workers, RSS every 10 s")
    with server(home, 2) as (base, pid):
        paths = mixed_paths(base)
        for path in paths:
            httpx.get(base + path, timeout=60)
        samples: list[float] = []
        result: list[tuple[float, float, float, int, int]] = []
        runner = threading.Thread(
            target=lambda: result.append(wrk(base, paths, SOAK_SECONDS)), daemon=True
        )
        runner.start()
        while runner.is_alive():
            samples.append(rss_mb(pid))
            runner.join(10)
        rate, p50, p99, errors, requests = result[0]
        warm = samples[min(2, len(samples) - 1)]
        growth = (samples[-1] - warm) / warm
        verdict = "flat" if growth < 0.10 else "GROWING"
        print(
            f"  {rate:,.0f} req/s  p50 {p50:.2f} ms  p99 {p99:.2f} ms  errors {errors} of "
            f"{requests:,}"
        )
        print(f"  RSS MB every 10 s: {', '.join(f'{s:,.0f}' for s in samples)}")
        print(
            f"  after warm-up {warm:,.0f} MB -> end {samples[-1]:,.0f} MB ({growth:+.1%}): "
            f"{verdict}"
        )


if __name__ == "__main__":
    main()
