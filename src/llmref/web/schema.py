"""Make the engines' result types usable by pydantic (the OpenAPI schema and JSON bodies).

The engine modules import some types only under ``TYPE_CHECKING`` (it keeps the CLI's start-up
fast and avoids import cycles), so annotations such as ``price: PricePoint | None`` name types
their modules do not hold at run time. Pydantic resolves a dataclass's annotations in its
defining module; the web layer, which loads all of these anyway, gives each engine module the
public classes it lacks. Only missing names are added; nothing is replaced.
"""

from __future__ import annotations

import sys

import llmref.catalog
import llmref.compare
import llmref.pricing
import llmref.profile
import llmref.prose

ENGINE_PACKAGES = ("llmref.compare", "llmref.pricing", "llmref.profile", "llmref.prose")


def _public_classes() -> dict[str, type]:
    found: dict[str, type] = {}
    for module in (llmref.catalog, llmref.pricing, llmref.compare, llmref.prose, llmref.profile):
        for name, value in vars(module).items():
            if isinstance(value, type) and not name.startswith("_"):
                found.setdefault(name, value)
    return found


def expose_engine_types() -> None:
    classes = _public_classes()
    for name, module in list(sys.modules.items()):
        if name.startswith(ENGINE_PACKAGES):
            for cls_name, cls in classes.items():
                if not hasattr(module, cls_name):
                    setattr(module, cls_name, cls)


expose_engine_types()
