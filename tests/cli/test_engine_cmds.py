"""`llmref compare / cost / route / profile` on the fixture catalogues."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from llmref.cli import app
from tests.conftest import CATALOGS

REFERENCE = str(CATALOGS / "reference-pair")
VARIETY = str(CATALOGS / "variety")
MISSING = str(CATALOGS / "missing-price")
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_compare_reference_pair_text() -> None:
    code, out, _ = run("compare", "gpt-4o-mini", "step-3.5-flash", "--catalog", REFERENCE)
    assert code == 0
    flat = " ".join(out.split())  # Rich wraps lines to the terminal width
    assert "GPT-4o-mini: $270 a month on OpenAI API." in flat
    assert "Step 3.5 Flash: $155 a month on OpenRouter." in flat
    assert "Estimated monthly gap: $115" in flat
    assert "Step 3.5 Flash is about $0.13 per 1M tokens cheaper" in flat


def test_compare_json_is_the_structured_result() -> None:
    code, out, _ = run(
        "compare", "GPT-4o-mini", "step-3.5-flash", "--catalog", REFERENCE, "--format", "json"
    )
    assert code == 0
    doc = json.loads(out)["data"]
    assert doc["slug"] == "gpt-4o-mini-vs-step-3.5-flash"
    assert Decimal(doc["monthly"]["a"]) == 270 and Decimal(doc["monthly"]["b"]) == 155
    assert Decimal(doc["monthly"]["gap"]) == 115
    assert doc["a"]["monthly"]["provider_name"] == "OpenAI API"
    assert Decimal(doc["blended_gap"]) == Decimal("0.125")
    assert doc["text"]["verdict"].startswith("Step 3.5 Flash is the cheaper pick")
    code2, out2, _ = run(
        "compare", "gpt-4o-mini", "step-3.5-flash", "--catalog", REFERENCE, "--json"
    )
    assert code2 == 0 and json.loads(out2)["data"] == doc  # stable


def test_compare_markdown_and_traffic_options() -> None:
    code, out, _ = run(
        "compare",
        "gpt-4o-mini",
        "step-3.5-flash",
        "--catalog",
        REFERENCE,
        "--format",
        "markdown",
        "--requests",
        "2000",
        "--input",
        "10000",
        "--output",
        "500",
    )
    assert code == 0
    assert out.startswith("# GPT-4o-mini vs Step 3.5 Flash\n")
    assert "- GPT-4o-mini: $3.60 a month on OpenAI API." in out  # 20M × 0.15 + 1M × 0.60, per 1M
    code, out, _ = run(
        "compare",
        "gpt-4o-mini",
        "step-3.5-flash",
        "--catalog",
        REFERENCE,
        "--json",
        "--total-tokens",
        "2100000000",
    )
    assert (
        code == 0 and Decimal(json.loads(out)["data"]["monthly"]["a"]) == 540
    )  # twice the default


def test_compare_three_models_is_a_table() -> None:
    code, out, _ = run(
        "compare",
        "acme-large",
        "acme-small",
        "beta-twin",
        "--catalog",
        VARIETY,
        "--format",
        "markdown",
    )
    assert code == 0
    assert "| Monthly cost (1M req × 800/250) | $4,500 | $270 | $270 |" in out


def test_compare_with_a_missing_price_says_why() -> None:
    code, out, _ = run(
        "compare", "acme-large", "zeta-preview", "--catalog", MISSING, "--format", "markdown"
    )
    assert code == 0
    assert (
        "- Zeta Preview: unavailable, because no price is tracked for Zeta Preview on "
        "Zeta Labs Platform." in out
    )


def test_compare_as_of() -> None:
    code, out, _ = run(
        "compare",
        "acme-large",
        "acme-small",
        "--catalog",
        VARIETY,
        "--json",
        "--as-of",
        "2024-08-01",
    )
    assert code == 0
    doc = json.loads(out)["data"]
    assert Decimal(doc["monthly"]["a"]) == 7750  # the launch price, $5 / $15
    assert doc["as_of"] == "2024-08-01"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("compare", "gpt-4o-mini", "step-3.5-flash", "--requests", "-5"), "--requests"),
        (("compare", "gpt-4o-mini", "step-3.5-flash", "--requests", "0"), "--requests"),
        (("compare", "gpt-4o-mini", "step-3.5-flash", "--input", "-1"), "--input"),
        (("compare", "gpt-4o-mini", "step-3.5-flash", "--output", "1000000000"), "--output"),
        (("compare", "gpt-4o-mini", "step-3.5-flash", "--as-of", "yesterday"), "--as-of"),
        (("compare", "gpt-4o-mini"), "2 to 5 models"),
        (("compare", "gpt-4o-mini", "GPT-4o-mini"), "different models"),
        (
            ("compare", "gpt-4o-mini", "step-3.5-flash", "--total-tokens", "5", "--input", "3"),
            "--total-tokens",
        ),
        (
            ("cost", "gpt-4o-mini", "--input", "100", "--output", "10", "--cached", "200"),
            "cached_input_tokens",
        ),
        (
            ("route", "--cheap", "step-3.5-flash", "--strong", "gpt-4o-mini", "--share", "1.5"),
            "--share",
        ),
    ],
)
def test_bad_numbers_are_usage_errors_naming_the_field(args: tuple[str, ...], needle: str) -> None:
    code, _, err = run(*args, "--catalog", REFERENCE)
    assert code == 2
    assert needle in err


def test_unknown_model_names_the_closest_ids() -> None:
    code, _, err = run("compare", "gpt-4o-mimi", "step-3.5-flash", "--catalog", REFERENCE)
    assert code == 2
    assert "Unknown model 'gpt-4o-mimi'" in err and "gpt-4o-mini" in err
    code, _, err = run("profile", "step-flash", "--catalog", REFERENCE)
    assert code == 2 and "step-3.5-flash" in err


def test_cost_all_routes_and_one_provider() -> None:
    code, out, _ = run(
        "cost",
        "gpt-4o-mini",
        "--input",
        "1000",
        "--output",
        "200",
        "--requests",
        "1000",
        "--catalog",
        REFERENCE,
        "--json",
    )
    assert code == 0
    doc = json.loads(out)["data"]
    assert [line["route"]["provider_id"] for line in doc["lines"]] == [
        "openai",
        "azure",
        "openrouter",
        "vercel",
    ]
    assert Decimal(doc["lines"][0]["per_request"]) == Decimal("0.00027")
    assert Decimal(doc["lines"][0]["total"]) == Decimal("0.27")
    code, out, _ = run(
        "cost",
        "gpt-4o-mini",
        "--provider",
        "azure",
        "--input",
        "1000",
        "--output",
        "200",
        "--catalog",
        REFERENCE,
    )
    assert code == 0 and "Azure OpenAI" in out and "$0.00027" in out and "OpenRouter" not in out
    code, _, err = run(
        "cost",
        "step-3.5-flash",
        "--provider",
        "azure",
        "--input",
        "1",
        "--output",
        "1",
        "--catalog",
        REFERENCE,
    )
    assert code == 2 and "not offered on azure" in err


def test_cost_batch_and_cache() -> None:
    code, out, _ = run(
        "cost",
        "acme-small",
        "--provider",
        "acme-api",
        "--input",
        "1000000",
        "--output",
        "0",
        "--cached",
        "500000",
        "--catalog",
        VARIETY,
        "--json",
    )
    assert code == 0
    # 500K × $0.15 + 500K × $0.075, per 1M
    assert Decimal(json.loads(out)["data"]["lines"][0]["per_request"]) == Decimal("0.1125")
    args = (
        "cost",
        "acme-small",
        "--input",
        "1000000",
        "--output",
        "1000000",
        "--batch",
        "--catalog",
        VARIETY,
    )
    code, out, _ = run(*args)
    assert code == 0 and "$0.375" in out  # half of $0.15 + $0.60
    code, out, _ = run(*args, "--json")
    lines = {line["route"]["provider_id"]: line for line in json.loads(out)["data"]["lines"]}
    assert Decimal(lines["acme-api"]["total"]) == Decimal("0.375")
    assert lines["cloudco"]["reason"] == "no batch price is listed for acme-small on cloudco"
    assert lines["cloudco"]["total"] is None


def test_route() -> None:
    code, out, _ = run(
        "route",
        "--cheap",
        "step-3.5-flash",
        "--strong",
        "gpt-4o-mini",
        "--share",
        "0.6",
        "--catalog",
        REFERENCE,
    )
    assert code == 0
    assert "Routed total: $201 a month." in out
    assert "Saving: $69 a month (26%)." in out
    code, out, _ = run(
        "route",
        "--cheap",
        "step-3.5-flash",
        "--strong",
        "gpt-4o-mini",
        "--share",
        "0.6",
        "--catalog",
        REFERENCE,
        "--json",
    )
    assert code == 0 and Decimal(json.loads(out)["data"]["saved"]) == 69


def test_profile() -> None:
    code, out, _ = run("profile", "acme-small", "--catalog", VARIETY, "--format", "markdown")
    assert code == 0
    assert "Acme Small is 94% cheaper than Acme Large on input" in out
    assert "POST https://api.acme.example/v1/chat/completions" in out
    code, out, _ = run("profile", "acme-small", "--catalog", VARIETY, "--json", "--vs", "beta-twin")
    assert code == 0
    doc = json.loads(out)["data"]
    assert [c["id"] for c in doc["competitors"]] == ["beta-twin"]
    assert doc["side"]["id"] == "acme-small"
    code, out, _ = run("profile", "gpt-4o-mini", "--catalog", REFERENCE)
    assert code == 0 and "Where to run it" in out


def test_routes_option_on_the_real_bundled_catalogue() -> None:
    # No --catalog: the bundled data, stored once in the isolated home.
    code, out, _ = run("compare", "gpt-4o-mini", "step-3.5-flash")
    assert code == 0, out
    flat = " ".join(out.split())
    # 1M × (800 × $0.15 + 250 × $0.60) / 1M = $270 on OpenAI's own API
    assert "GPT-4o mini: $270 a month on OpenAI API." in flat
    assert "set aside as cheaper-looking: Poe (consumer app or subscription)" in flat
    code, out, _ = run("compare", "gpt-5.5", "claude-opus-4-7", "--routes", "vendor")
    assert code == 0, out
    flat = " ".join(out.split())
    # 1M × (800 × $5 + 250 × $30) / 1M = $11,500
    assert "GPT-5.5: $11,500 a month on OpenAI API." in flat
    code, out, _ = run(
        "cost", "gpt-4o-mini", "--input", "800", "--output", "250", "--routes", "all", "--json"
    )
    assert code == 0, out
    result = json.loads(out)["data"]
    assert result["cheapest"]["provider_id"] == "poe"
    assert result["assessment"]["policy"] == "all"
    classes = {
        line["route"]["provider_id"]: line["route"]["route_class"] for line in result["lines"]
    }
    assert classes["openai"] == "vendor-api" and classes["poe"] == "consumer"
    code, _, err = run("cost", "gpt-4o-mini", "--input", "1", "--output", "1", "--routes", "x")
    assert code == 2 and "--routes" in err
