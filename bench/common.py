"""Small timing helpers shared by the benchmarks (run by `make bench`, never by the tests)."""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def timeit(func: Callable[[], object], *, repeat: int = 7, number: int = 1) -> list[float]:
    """Seconds per call for `repeat` runs of `number` calls each."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        out.append((time.perf_counter() - start) / number)
    return out


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def row(label: str, ours: str, comparison: str, verdict: str = "") -> None:
    print(f"  {label:<44} {ours:>16}   vs {comparison:<34} {verdict}")


def command_seconds(cmd: list[str], env: dict[str, str], runs: int = 7) -> list[float]:
    """Wall-clock seconds of `runs` runs of a command, after one untimed warm-up run (which
    builds the store on first use)."""
    import subprocess

    subprocess.run(cmd, env=env, capture_output=True, check=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        samples.append(time.perf_counter() - start)
    return samples
