"""The upstream readers, on small hand-written inputs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from llmref.benchmarks.upstream import read_aider, read_models_dev, read_vectara

MODELS_DEV = """
name = "Qwen3 32B"
[[benchmarks]]
name = "Aider Polyglot"
score = 40.0
metric = "percent correct"
source = "https://aider.chat/docs/leaderboards/"
date = "2025-05-08"

[[benchmarks]]
name = "Terminal-Bench"
version = "2.1"
score = 30
source = "https://www.tbench.ai/leaderboard"
variant = "high"
harness = "Terminus-2"

[[benchmarks]]
name = "Claw-eval"
score = 3
source = "https://example.com"
"""


def test_models_dev_maps_names_and_versions_and_reports_the_rest() -> None:
    parsed = read_models_dev(
        [("models/alibaba/qwen3-32b.toml", MODELS_DEV)],
        {"models/alibaba/qwen3-32b.toml": date(2026, 6, 1)},
    )
    first, second = parsed.results
    assert (first.benchmark, first.value, first.measured) == (
        "aider-polyglot",
        Decimal("40.0"),
        date(2025, 5, 8),
    )
    assert first.names == ("alibaba/qwen3-32b", "qwen3-32b", "Qwen3 32B")
    assert (first.measured_by, first.self_reported) == ("Aider", False)
    assert second.benchmark == "terminal-bench-2-1"
    assert second.measured == date(2026, 6, 1)  # no date of its own: the file's commit date
    assert second.settings == "reasoning effort high; harness Terminus-2"
    assert [s.reason for s in parsed.skipped] == ["benchmark 'Claw-eval' is not defined in llmref"]


def test_aider_reads_the_command_model_settings_and_skips_architect_pairs() -> None:
    rows = [
        {
            "dirname": "run-1",
            "model": "o3-mini (high)",
            "command": "aider --model o3-mini --reasoning-effort high",
            "pass_rate_2": 60.4,
            "edit_format": "diff",
            "date": date(2025, 1, 31),
            "reasoning_effort": "high",
        },
        {"dirname": "run-2", "model": "DeepSeek R1 + claude", "pass_rate_2": 64.0},
        {"dirname": "run-3", "model": "gpt-4o", "command": "aider --4o"},
    ]
    parsed = read_aider("aider/website/_data/polyglot_leaderboard.yml", rows)
    (result,) = parsed.results
    assert result.names == ("o3-mini", "o3-mini (high)")
    assert result.settings == "edit format diff; reasoning effort high"
    assert result.value == Decimal("60.4")
    assert [s.record.split("#")[1] for s in parsed.skipped] == ["run-2", "run-3"]


def test_vectara_reads_the_table_effort_and_date() -> None:
    readme = (
        "Last updated on March 10, 2026\n\n"
        "|Model|Hallucination Rate|Factual Consistency Rate|\n|----|----:|----:|\n"
        "|openai/gpt-5-high-2025-08-07|15.1 %|84.9 %|\n"
        "|amazon/nova-pro-v1:0|5.1 %|94.9 %|\n\nafter the table\n"
    )
    parsed = read_vectara(readme, "vectara-x", "README.md", "https://github.com/vectara/x")
    gpt, nova = parsed.results
    assert gpt.measured == date(2026, 3, 10)
    assert gpt.value == Decimal("15.1")
    assert gpt.settings == "reasoning effort high"
    assert gpt.names[:2] == ("openai/gpt-5-2025-08-07", "gpt-5-2025-08-07")
    assert "amazon.nova-pro-v1:0" in nova.names
