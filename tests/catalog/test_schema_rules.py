"""Every schema rule, each with a bad file: the error names the file, the record and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from llmref.catalog import CatalogDataError, load_catalog_dir
from tests.conftest import CATALOGS

MINI = CATALOGS / "mini"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


def problems_after(data: Path, relative: str, text: str) -> str:
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogDataError) as info:
        load_catalog_dir(data)
    return str(info.value)


OFFERING = "providers/acme/models/rocket.toml"
MODEL = "models/acme/rocket.toml"
HEAD = 'source = "https://acme.example/pricing"\nreviewed = 2026-01-10\n'


@pytest.mark.parametrize(
    ("relative", "text", "expected"),
    [
        (OFFERING, HEAD + "[[prices]]\ninput = -1\noutput = 2\n", "field 'prices.0.input'"),
        (OFFERING, HEAD + "[[prices]]\ninput = 1\noutput = 2\ncolour = 'red'\n", "prices.0.colour"),
        (OFFERING, "[[prices]]\ninput = 1\noutput = 2\n", "needs a default `source`"),
        (OFFERING, HEAD + "[[prices]]\nnote = 'x'\n", "at least an `input` or an `output`"),
        (
            OFFERING,
            HEAD
            + "[[prices]]\ninput = 1\neffective_from = 2025-01-02\neffective_to = 2025-01-01\n",
            "effective_to must be after effective_from",
        ),
        (
            OFFERING,
            HEAD + "[[prices]]\ninput = 1\neffective_from = 2025-01-01\n"
            "[[prices]]\ninput = 2\neffective_from = 2025-01-01\n",
            "start on the same date",
        ),
        (
            OFFERING,
            HEAD + "[[prices]]\ninput = 1\nbatch_discount = 0.5\nbatch_input = 0.5\n",
            "either batch_discount or batch_input",
        ),
        (
            OFFERING,
            HEAD + "[[prices]]\ninput = 1\nbatch_discount = 1.5\n",
            "prices.0.batch_discount",
        ),
        (
            OFFERING,
            HEAD
            + "[[prices]]\ninput = 1\n[[prices.tiers]]\nabove_input_tokens = 200000\ninput = 2\n"
            "[[prices.tiers]]\nabove_input_tokens = 100000\ninput = 3\n",
            "increasing order",
        ),
        (OFFERING, HEAD + "[[prices]]\ninput = 'cheap'\n", "prices.0.input"),
        (OFFERING, HEAD + 'source2 = "x"\n', "source2"),
        (OFFERING, 'source = "not a url"\nreviewed = 2026-01-01\n', "field 'source'"),
        (OFFERING, 'source = "https://x.example"\nreviewed = "yesterday"\n', "field 'reviewed'"),
        (
            MODEL,
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
            "context_window = -5\n",
            "field 'context_window'",
        ),
        (
            MODEL,
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
            'input_modalities = ["smell"]\n',
            "unknown modality 'smell'",
        ),
        (
            MODEL,
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
            "parameters_total = 10\nparameters_active = 20\n",
            "parameters_active cannot exceed",
        ),
        (
            MODEL,
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
            "context_window = 1000\nmax_output_tokens = 2000\n",
            "max_output_tokens cannot exceed",
        ),
        (
            MODEL,
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
            'architecture = "transformer"\n',
            "field 'architecture'",
        ),
        (
            MODEL,
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
            "[capabilities]\ntelepathy = true\n",
            "capabilities.telepathy",
        ),
        (
            MODEL,
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
            '[[fact_sources]]\nfields = ["colour"]\nsource = "https://b.example"\n',
            "unknown fact field",
        ),
        (
            MODEL,
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
            '[[benchmarks]]\nbenchmark = "mmlu"\nvalue = 80\nunit = "points"\n',
            "benchmarks.0.unit",
        ),
        (
            MODEL,
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
            'knowledge_cutoff = "October 2023"\n',
            "field 'knowledge_cutoff'",
        ),
        (
            MODEL,
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
            'aliases = ["has space"]\n',
            "field 'aliases.0'",
        ),
        (MODEL, 'name = "R"\nreviewed = 2026-01-01\n', "needs a default `source`"),
        (MODEL, "name = [broken\n", "not valid TOML"),
        (
            "models/acme/Bad Id.toml",
            'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\n',
            "must be lower-case",
        ),
        (
            "vendors/other.toml",
            'name = ""\nsource = "https://a.example"\nreviewed = 2026-01-01\n',
            "field 'name'",
        ),
        (
            "providers/p2/provider.toml",
            'name = "P"\nkind = "shop"\nsource = "https://a.example"\nreviewed = 2026-01-01\n',
            "field 'kind'",
        ),
    ],
)
def test_bad_file_is_rejected_naming_file_and_field(
    data: Path, relative: str, text: str, expected: str
) -> None:
    message = problems_after(data, relative, text)
    assert expected in message
    assert Path(relative).name in message or relative.split("/")[0] in message


def test_offering_of_unknown_model_names_the_reference(data: Path) -> None:
    message = problems_after(
        data, "providers/acme/models/ghost.toml", HEAD + "[[prices]]\ninput = 1\n"
    )
    assert "offering ghost@acme: field 'model': unknown model 'ghost'" in message


def test_model_of_unknown_vendor_names_the_reference(data: Path) -> None:
    text = 'name = "X"\nsource = "https://a.example"\nreviewed = 2026-01-01\n'
    message = problems_after(data, "models/nobody/xmodel.toml", text)
    assert "model xmodel: field 'vendor': unknown vendor 'nobody'" in message


def test_imported_record_errors_name_line_and_field(data: Path) -> None:
    path = data / "imported" / "tinyset.jsonl"
    lines = path.read_text().splitlines()
    lines.append(
        '{"type": "offering", "model": "pebble", "provider": "acme", "prices": [{"input": "-2"}]}'
    )
    lines.append("{not json")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(CatalogDataError) as info:
        load_catalog_dir(data)
    message = str(info.value)
    assert "tinyset.jsonl:6 (offering pebble): field 'offering.prices.0.input'" in message
    assert "tinyset.jsonl:7: not valid JSON" in message


def test_several_problems_are_all_reported(data: Path) -> None:
    (data / OFFERING).write_text(HEAD + "[[prices]]\ninput = -1\n")
    (data / MODEL).write_text(
        'name = "R"\nsource = "https://a.example"\nreviewed = 2026-01-01\ncontext_window = 0\n'
    )
    with pytest.raises(CatalogDataError) as info:
        load_catalog_dir(data)
    assert len(info.value.problems) == 2
