"""The catalogue: load data files, reconcile sources, and hold an immutable snapshot.

Reading and validating data files (``llmref.catalog.load``, ``llmref.catalog.build``) pulls in
pydantic; this package's top level does not, so that opening an already-built store is fast.
"""

from __future__ import annotations

from pathlib import Path

from llmref.catalog.catalog import Catalog, UnknownIdError
from llmref.catalog.errors import CatalogDataError
from llmref.catalog.fingerprint import bundled_data_dir, data_fingerprint
from llmref.catalog.model_class import MODEL_CLASSES, is_text_model, model_class
from llmref.catalog.types import (
    ROUTE_CLASSES,
    Benchmark,
    BenchmarkResult,
    Conflict,
    ConflictValue,
    Fact,
    Model,
    Offering,
    PricePoint,
    PriceTier,
    Provider,
    ProviderClass,
    Source,
    Vendor,
)

__all__ = [
    "MODEL_CLASSES",
    "ROUTE_CLASSES",
    "Benchmark",
    "BenchmarkResult",
    "Catalog",
    "CatalogDataError",
    "Conflict",
    "ConflictValue",
    "Fact",
    "Model",
    "Offering",
    "PricePoint",
    "PriceTier",
    "Provider",
    "ProviderClass",
    "Source",
    "UnknownIdError",
    "Vendor",
    "bundled_data_dir",
    "data_fingerprint",
    "is_text_model",
    "load_catalog_dir",
    "model_class",
]


def load_catalog_dir(path: Path | None = None) -> Catalog:
    """Read, validate and reconcile a data directory (the bundled one by default), no store."""
    from llmref.catalog.build import build_catalog
    from llmref.catalog.load import load_bundles

    root = bundled_data_dir() if path is None else Path(path)
    bundles, datasets = load_bundles(root)
    return build_catalog(bundles, datasets, version=data_fingerprint(root))
