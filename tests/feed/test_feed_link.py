"""Entity linking on tricky text, against the feed-mini catalogue."""

from __future__ import annotations

import pytest

from llmref.catalog import Catalog
from llmref.feed.link import LinkIndex, find_mentions, index_for, link_entities


def ids(text: str, index: LinkIndex, kind: str | None = None) -> list[str]:
    return [link.id for link in link_entities(text, index) if kind is None or link.kind == kind]


def spans(text: str, index: LinkIndex) -> list[tuple[str, str]]:
    """(text as matched, first target id) of every mention, in order."""
    return [(m.text, m.targets[0][1]) for m in find_mentions(text, index)]


def test_the_longer_name_wins_and_the_shorter_one_is_not_linked(index: LinkIndex) -> None:
    assert ids("GPT-4o mini is cheaper than the big model.", index, "model") == ["gpt-4o-mini"]
    assert ids("We compared GPT-4o and GPT-4o mini.", index, "model") == ["gpt-4o", "gpt-4o-mini"]


@pytest.mark.parametrize(
    "text",
    [
        "gpt-4o-mini",
        "4o-mini",
        "GPT 4o mini",
        "GPT4o-mini",
        "openai/gpt-4o-mini",
        "Switch to GPT-4o mini's batch API",
        "GPT‑4o mini",  # non-breaking hyphen
    ],
)
def test_names_ids_and_aliases_in_any_usual_spelling(text: str, index: LinkIndex) -> None:
    assert ids(text, index, "model") == ["gpt-4o-mini"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GPT-4o is multimodal.", ["gpt-4o"]),
        ("GPT-4 launched first.", ["gpt-4"]),
        ("a GPT-4-based assistant", ["gpt-4"]),  # a suffix, not another model
        ("gpt-4-turbo is another model", []),  # not in this catalogue, and not GPT-4
        ("GPT-4.5 is not GPT-4", ["gpt-4"]),  # only the second mention
        ("the gpt-4o-2024-08-06 snapshot", ["gpt-4o-2024-08-06"]),
        ("Llama 3 8B and Llama 3.1 8B", ["llama-3-8b", "llama-3.1-8b"]),
        ("Claude 3.5 Sonnet", ["claude-3.5-sonnet"]),
        ("Claude 3 is a family name", []),
        ("o1 and O1 both count", ["o1"]),
        ("H2O 1 and co1 and o10 are not o-one", []),
        ("4 o mini is not a spelling", []),
        ("the 4o-minis", []),
        ("served as meta-llama/llama-3-8b-instruct", ["llama-3-8b"]),  # an alias
        ("request claude-3-haiku-20240307 on the API", ["claude-3-haiku"]),  # provider model id
    ],
)
def test_word_boundaries_and_versions(text: str, expected: list[str], index: LinkIndex) -> None:
    assert sorted(ids(text, index, "model")) == sorted(expected)


def test_single_word_names_match_only_as_the_catalogue_writes_them(index: LinkIndex) -> None:
    assert ids("Codestral writes code", index, "model") == ["codestral"]
    assert ids("CODESTRAL in capitals", index, "model") == ["codestral"]
    assert ids("codestral in lower case is not linked", index, "model") == []
    assert ids("Meta released it", index, "vendor") == ["meta"]
    assert ids("the metadata and a meta-analysis", index) == []
    assert ids("Fireworks serves it", index, "provider") == ["fireworks"]
    assert ids("fireworks at midnight", index) == []


def test_plain_word_ids_are_not_forms(index: LinkIndex) -> None:
    # "together" is the provider's id; only its name "Together AI" links it.
    assert ids("we worked together on it", index) == []
    assert ids("hosted on Together AI", index, "provider") == ["together"]
    assert ids("TOGETHER AI and together ai", index, "provider") == ["together"]


def test_vendor_and_provider_names(index: LinkIndex) -> None:
    links = link_entities("OpenAI ships it on the OpenAI API; Anthropic does not.", index)
    assert [(link.kind, link.id) for link in links] == [
        ("vendor", "anthropic"),
        ("vendor", "openai"),
        ("provider", "openai"),
    ]
    assert ids("Mistral AI and OpenRouter", index) == ["mistral", "openrouter"]


def test_mentions_count_and_keep_the_spellings_found(index: LinkIndex) -> None:
    text = "GPT-4o mini, then gpt-4o-mini, then GPT-4o mini again; GPT-4o once."
    links = link_entities(text, index)
    assert [(link.id, link.mentions) for link in links] == [("gpt-4o-mini", 3), ("gpt-4o", 1)]
    assert links[0].matched == ("GPT-4o mini", "gpt-4o-mini")
    assert links[0].name == "GPT-4o mini"


def test_mention_offsets_point_at_the_text(index: LinkIndex) -> None:
    text = "Compare (GPT-4o mini) with Llama 3 8B."
    assert spans(text, index) == [("GPT-4o mini", "gpt-4o-mini"), ("Llama 3 8B", "llama-3-8b")]
    for mention in find_mentions(text, index):
        assert text[mention.start : mention.end] == mention.text


def test_separators_do_not_span_sentences_or_markup(index: LinkIndex) -> None:
    assert ids("We tested GPT-4o. Mini models come next.", index, "model") == ["gpt-4o"]
    assert ids("GPT-4o\nmini", index, "model") == ["gpt-4o-mini"]  # a wrapped line is fine


def test_an_empty_or_nameless_text_links_nothing(index: LinkIndex) -> None:
    assert link_entities("", index) == ()
    assert link_entities("No model is named here at all.", index) == ()


def test_the_index_is_built_once_per_catalogue_version(catalog: Catalog) -> None:
    first = index_for(catalog)
    assert index_for(catalog) is first
    assert first.version == catalog.version
    assert first.forms > len(catalog.models)


def test_lower_case_single_words_are_never_forms_whatever_their_origin() -> None:
    import datetime as dt

    from llmref.catalog import Model, Offering, Provider
    from llmref.feed.link import build_index

    day = dt.date(2026, 1, 1)
    tiny = Catalog.create(
        version="tiny",
        built=day,
        vendors=[],
        providers=[Provider("acme", "Acme Cloud", None, "cloud", "https://a.example", day)],
        models=[Model("rocket", "Rocket", None, None, ("rocket-latest", "boost"), {})],
        offerings=[Offering("rocket", "acme", "chat", True, ())],  # the provider calls it "chat"
        benchmarks=[],
        conflicts=[],
        sources=[],
    )
    index = build_index(tiny)
    assert ids("Rocket and rocket-latest", index) == ["rocket"]
    assert link_entities("Rocket", index)[0].matched == ("Rocket",)
    assert ids("a rocket, a boost and a chat", index) == []


def test_common_words_never_link_and_one_entity_links_once() -> None:
    from llmref.catalog import load_catalog_dir

    bundled = index_for(load_catalog_dir())
    # "AI" and "API" are words of the trade, not the provider "AI&".
    assert link_entities("AI is everywhere; our API is fast.", bundled) == ()
    # DeepSeek the vendor and DeepSeek the provider: one link.
    found = [(x.kind, x.id) for x in link_entities("DeepSeek says DeepSeek is cheap.", bundled)]
    assert [k for k, i in found if i == "deepseek"] == ["vendor"]
    # o3 and openai-o3 are one model, linked once with every spelling.
    links = link_entities("OpenAI o3 is out; o3 beats openai-o3 on math.", bundled)
    assert len([x for x in links if x.kind == "model"]) == 1
