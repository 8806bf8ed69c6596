"""Schemathesis over /api/v1/openapi.json, every check, against `llmref serve` on the real
bundled catalogue: the schema and the server agree (no 5xx, no undocumented status, nothing
the schema accepts refused, nothing it refuses accepted, 405 with Allow, HEAD and OPTIONS).

Fixed seed and a bounded number of examples per operation, so the run is reproducible and
takes about a minute; `SCHEMATHESIS_EXAMPLES=300` runs the full-depth audit of issue 14."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.reliability.server import serving


def test_schemathesis_finds_no_failure(
    bundled_sqlite: str, bundled_catalog: object, tmp_path: Path
) -> None:
    examples = os.environ.get("SCHEMATHESIS_EXAMPLES", "10")
    st = str(Path(sys.executable).parent / "st")
    with serving(bundled_sqlite) as base:
        run = subprocess.run(
            [
                st,
                "run",
                f"{base}/api/v1/openapi.json",
                "--checks",
                "all",
                "--seed",
                "42",
                "--max-examples",
                examples,
                "--workers",
                "2",
                # Generous: the full offerings list is 12 MB, seconds on a busy machine.
                "--request-timeout",
                "60",
                "--generation-database",
                "none",
                "--report-dir",
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
            timeout=900,
            env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_TELEMETRY": "false"},
        )
    tail = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, tail
    tested = re.search(r"Tested: (\d+)", run.stdout)
    assert tested is not None and int(tested.group(1)) >= 18, tail  # every API operation
    summary = run.stdout.split("SUMMARY")[-1]
    assert re.search(r"\d+ generated, \d+ passed", summary), tail
    assert "failure" not in summary, tail
