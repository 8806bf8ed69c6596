"""Search the catalogue by name, id, alias, vendor, provider and capability.

The index is built once per catalogue snapshot. Every word of the query must match a model
(all words, any field); a hit says what it matched on, so a result is never a mystery.
"""

from __future__ import annotations

from dataclasses import dataclass

from llmref.catalog import Catalog
from llmref.facts import CAPABILITIES

# What a query word has to look like to mean a capability: "function-calling", "tool use"...
_CAPABILITY_WORDS = {
    **{c: c for c in CAPABILITIES},
    **{c.replace("_", "-"): c for c in CAPABILITIES},
    **{c.replace("_", ""): c for c in CAPABILITIES},
    "tools": "tool_use",
    "json": "structured_outputs",
    "images": "vision",
}
_CAPABILITY_PHRASES = {c.replace("_", " "): c for c in CAPABILITIES if "_" in c}


@dataclass(frozen=True, slots=True)
class SearchHit:
    model_id: str
    score: int
    matched: tuple[str, ...]
    """Why the model matched, one note per query word (e.g. "alias 4o-mini")."""
    tier: int = 2
    """How the whole query names the model: 0 its id, an alias or its name exactly, 1 the start
    of one of them, 2 otherwise (words matched anywhere, a capability)."""


@dataclass(frozen=True, slots=True)
class _Entry:
    model_id: str
    snapshot: bool
    fields: tuple[tuple[str, str, str], ...]
    """(kind, shown text, lower-case text) — kind is id, alias, name, vendor or provider."""
    capabilities: frozenset[str]
    blob: str = ""
    """Every lower-case text joined: a word found nowhere in it matches no field, and one C
    substring search says so (most entries, for most words)."""


_WEIGHT = {"id": 6, "alias": 5, "name": 5, "vendor": 3, "provider": 2}


class SearchIndex:
    def __init__(self, catalog: Catalog) -> None:
        entries = []
        for model in catalog.models.values():
            fields: list[tuple[str, str, str]] = [("id", model.id, model.id.lower())]
            fields += [("name", model.name, model.name.lower())]
            fields += [("alias", a, a.lower()) for a in model.aliases]
            vendor = catalog.vendors.get(model.vendor_id or "")
            if vendor is not None:
                fields += [("vendor", vendor.name, vendor.name.lower())]
                fields += [("vendor", vendor.id, vendor.id)]
            for offering in catalog.offerings_of(model.id):
                provider = catalog.providers.get(offering.provider_id)
                name = provider.name if provider else offering.provider_id
                fields += [("provider", name, name.lower())]
                fields += [("provider", offering.provider_id, offering.provider_id)]
            caps = frozenset(c for c in CAPABILITIES if model.capability(c) is True)
            blob = "\n".join(lower for _, _, lower in fields)
            entries.append(_Entry(model.id, model.is_snapshot, tuple(fields), caps, blob))
        self._entries = tuple(entries)

    @staticmethod
    def words(query: str) -> list[str]:
        text = " ".join(query.lower().split())
        for phrase, cap in _CAPABILITY_PHRASES.items():
            text = text.replace(phrase, cap)
        # Each word once: a word repeated matches nothing more, and "gpt gpt gpt …" (200
        # characters) would otherwise cost a full scan of the catalogue per repetition.
        return list(dict.fromkeys(text.split()))

    def search(self, query: str, limit: int | None = 100) -> tuple[list[SearchHit], int]:
        """The best `limit` hits (None: all) and the total number of matches. Dated snapshots
        are listed only when nothing else matches a word better (their family usually does)."""
        words = self.words(query)
        if not words:
            return [], 0
        phrase = " ".join(query.lower().split())
        hits = []
        for entry in self._entries:
            score = 0
            notes = []
            for word in words:
                best = self._match(entry, word)
                if best is None:
                    break
                score += best[0]
                notes.append(best[1])
            else:
                if entry.snapshot:
                    score -= 1
                notes_once = tuple(dict.fromkeys(notes))
                hits.append(SearchHit(entry.model_id, score, notes_once, _tier(entry, phrase)))
        hits.sort(key=lambda h: (h.tier, -h.score, h.model_id))
        return hits[:limit] if limit is not None else hits, len(hits)

    @staticmethod
    def _match(entry: _Entry, word: str) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        for kind, shown, lower in entry.fields if word in entry.blob else ():
            if word == lower:
                score = _WEIGHT[kind] * 10
            elif lower.startswith(word):
                score = _WEIGHT[kind] * 4
            elif word in lower:
                score = _WEIGHT[kind] * 2
            else:
                continue
            if best is None or score > best[0]:
                best = (score, shown if kind == "name" else f"{kind} {shown}")
        cap = _CAPABILITY_WORDS.get(word)
        if cap is not None and cap in entry.capabilities:
            label = cap.replace("_", " ")
            if best is None or best[0] < 20:
                best = (20, f"capability {label}")
        return best


def _tier(entry: _Entry, phrase: str) -> int:
    """0 when `phrase` is the model's id, an alias or its name; 1 when one of them starts with
    it; else 2 (see :attr:`SearchHit.tier`)."""
    tier = 2
    for kind, _, lower in entry.fields:
        if kind in ("id", "alias", "name"):
            if lower == phrase:
                return 0
            if lower.startswith(phrase):
                tier = 1
    return tier
