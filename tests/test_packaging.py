"""Packaging: ranges in pyproject.toml, the exact set in the lock files, the version, the wheel's
data. (CI's scripts/check-wheel.sh builds and installs the wheel itself, outside the clone.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

import llmref
from llmref.catalog.fingerprint import PACKAGED_DATA, REPOSITORY_DATA, bundled_data_dir

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
DEV = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["dev"]]


def locked(name: str) -> dict[str, Version]:
    """The pins of a lock file (platform markers ignored: a pin is a pin)."""
    pins: dict[str, Version] = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^ ;]+)", line)
        if match:
            pins[canonicalize_name(match[1])] = Version(match[2])
    return pins


def test_every_dependency_is_a_compatible_range() -> None:
    for req in [*RUNTIME, *DEV]:
        ops = sorted(spec.operator for spec in req.specifier)
        assert ops == ["<", ">="], f"{req}: declare a range >=x,<y (the lock holds exact pins)"


def test_the_locks_pin_every_dependency_inside_its_range() -> None:
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    for req in RUNTIME:
        name = canonicalize_name(req.name)
        assert name in runtime, f"{req.name} is missing from requirements.lock: run `make lock`"
        assert req.specifier.contains(runtime[name]), f"{req} but requirements.lock has {name}"
    for req in [*RUNTIME, *DEV]:
        name = canonicalize_name(req.name)
        assert name in dev, f"{req.name} is missing from requirements-dev.lock: run `make lock`"
        assert req.specifier.contains(dev[name]), f"{req} but requirements-dev.lock has {name}"
    # One environment: the runtime packages have the same version in both files.
    assert {name: dev[name] for name in runtime} == runtime


def test_the_runtime_lock_has_no_dev_tools_or_browsers() -> None:
    runtime = locked("requirements.lock")
    for tool in ("playwright", "pytest", "ruff", "mypy", "hypothesis", "uv"):
        assert tool not in runtime, tool
    assert {"fastapi", "uvicorn", "pydantic"} <= set(runtime)


def test_the_version_is_pep440_and_the_changelog_has_releases() -> None:
    version = Version(llmref.__version__)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    released = [
        Version(v)
        for v in re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d\d-\d\d$", changelog, re.M)
    ]
    assert released, "CHANGELOG.md names no released version"
    assert version > max(released)


def test_the_wheel_carries_the_catalogue_and_a_clone_reads_its_own() -> None:
    wheel = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"] == {"data": "llmref/_data"}
    assert Path(llmref.__file__).resolve().parent / "_data" == PACKAGED_DATA
    # In this clone (an editable install) no copy exists, so the repository's data is read.
    assert not PACKAGED_DATA.exists()
    assert bundled_data_dir() == REPOSITORY_DATA == ROOT / "data"
