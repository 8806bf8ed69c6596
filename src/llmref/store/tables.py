"""Table definitions (SQLAlchemy Core). Portable across SQLite and PostgreSQL: money is stored as
exact decimal text, structured values as JSON text."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

migrations = Table(
    "llmref_migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied", String(40), nullable=False),
)

meta = Table(
    "catalog_meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(2000), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("name", String(300), nullable=False),
    Column("url", Text),
    Column("version", String(100)),
    Column("license", String(200)),
)

vendors = Table(
    "vendors",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("url", Text),
    Column("aliases", Text, nullable=False),
    Column("source", String(2000), nullable=False),
    Column("reviewed", Date, nullable=False),
)

providers = Table(
    "providers",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("url", Text),
    Column("kind", String(40), nullable=False),
    Column("api_base", Text),
    Column("api_style", String(40)),
    Column("vendor", String(200)),
    Column("aliases", Text, nullable=False),
    Column("source", String(2000), nullable=False),
    Column("reviewed", Date, nullable=False),
)

provider_classes = Table(
    "provider_classes",
    metadata,
    Column("provider", String(200), primary_key=True),
    Column("route_class", String(40), nullable=False),
    Column("source", String(2000), nullable=False),
    Column("reviewed", Date, nullable=False),
    Column("note", Text),
    Column("resold_prefixes", Text, nullable=False),
)

models = Table(
    "models",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("vendor", String(200)),
    Column("family", String(200)),
    Column("aliases", Text, nullable=False),
    Column("description", Text),
    Column("facts", Text, nullable=False),
)

offerings = Table(
    "offerings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("model", String(200), ForeignKey("models.id"), nullable=False),
    Column("provider", String(200), ForeignKey("providers.id"), nullable=False),
    Column("provider_model_id", String(300)),
    Column("pay_per_token", Integer, nullable=False),
    Column("facts", Text, nullable=False),
    Column("source", String(2000), nullable=False),
    Column("reviewed", Date, nullable=False),
    Column("prices", Text, nullable=False),
    Index("ix_offerings_model", "model"),
)

benchmarks = Table(
    "benchmarks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("model", String(200), ForeignKey("models.id"), nullable=False),
    Column("benchmark", String(200), nullable=False),
    Column("value", String(60), nullable=False),
    Column("unit", String(20), nullable=False),
    Column("measured", Date),
    Column("provider", String(200)),
    Column("note", Text),
    Column("record", Text),
    Column("source", String(2000), nullable=False),
    Column("reviewed", Date, nullable=False),
    Column("measured_by", Text),
    Column("settings", Text),
    Column("self_reported", Integer),
    Column("model_name", Text),
)

BENCHMARK_RESULT_COLUMNS_V2 = {
    "measured_by": "TEXT",
    "settings": "TEXT",
    "self_reported": "INTEGER",
    "model_name": "TEXT",
}
"""Columns of `benchmarks` added by migration m003 (who measured, settings, vendor-reported
flag, the leaderboard's own model name), with their portable SQL types."""

benchmark_defs = Table(
    "benchmark_defs",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("version", String(300), nullable=False),
    Column("unit", String(20), nullable=False),
    Column("scale", String(40), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("description", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("family", String(200)),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subject", String(500), nullable=False),
    Column("field", String(200), nullable=False),
    Column("rule", Text, nullable=False),
    Column("chosen", Text, nullable=False),
    Column("candidates", Text, nullable=False),
)

CATALOG_TABLES = (
    benchmark_defs,
    conflicts,
    benchmarks,
    offerings,
    models,
    provider_classes,
    providers,
    vendors,
    sources,
    meta,
)
"""Deleted in this order and inserted in reverse when a catalogue is replaced."""
