"""Model classes in the engines, on the real catalogue: embedding presets are input only, no
output-length argument for an embedding, and a cross-class comparison says so first."""

from __future__ import annotations

from llmref import prose
from llmref.compare import build_comparison
from llmref.pricing import Traffic
from llmref.profile import build_profile
from llmref.store import open_catalog


def test_an_embedding_profile_uses_input_only_presets() -> None:
    catalog = open_catalog()
    p = build_profile(catalog, catalog.model("text-embedding-3-small"))
    assert [(pc.preset.input_tokens, pc.preset.output_tokens) for pc in p.presets] == [
        (500, 0),
        (5_000, 0),
        (50_000, 0),
    ]
    assert p.side.max_output_tokens is None  # the dataset's 1,536 is the vector size


def test_a_cross_class_comparison_says_so_first_and_never_argues_output_length() -> None:
    catalog = open_catalog()
    c = build_comparison(
        catalog, catalog.model("gpt-4o-mini"), catalog.model("text-embedding-3-small")
    )
    text = prose.comparison_text(c)
    assert text.intro.startswith(
        "GPT-4o mini is a chat model and text-embedding-3-small an embedding model: they do "
        "different jobs"
    )
    everything = " ".join([text.intro, *text.choose_a, *text.choose_b])
    assert "longer answers" not in everything and "1,536" not in everything


def test_two_embeddings_are_compared_on_input_only_traffic() -> None:
    catalog = open_catalog()
    small = catalog.model("text-embedding-3-small")
    large = catalog.model("text-embedding-3-large")
    c = build_comparison(catalog, small, large)
    assert (c.traffic.request_input_tokens, c.traffic.request_output_tokens) == (800, 0)
    assert c.input_share == 1
    text = prose.comparison_text(c)
    assert "800 input and 0 output tokens" in text.monthly_intro
    everything = " ".join([text.intro, *text.choose_a, *text.choose_b, text.monthly_intro])
    assert "longer answers" not in everything and "1,536" not in everything
    # A traffic the reader asks for is kept as asked.
    chat = build_comparison(catalog, small, large, Traffic.per_request(10, 100, 50))
    assert chat.traffic.request_output_tokens == 50
