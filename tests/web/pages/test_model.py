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
    assert table.select("tbody tr")[0]["title"].startswith("source: https://acme.example")


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
