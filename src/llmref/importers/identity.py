"""Identity resolution: which catalogue model a dataset's model id is.

The rules (user documentation with real examples: ``docs/identity.md``):

1. **Parse** the provider's id: drop a fine-tune (`ft:…`, not resolved), a routing variant
   (`:free`, `:thinking`, `-free`…), a region (`@eu`, Bedrock's `us.`), the vendor namespace
   (`openai/`, `meta-llama/`, Bedrock's `anthropic.` and `-v1:0`), Vertex's `@20240307` (a date:
   `-20240307`) and `-latest`; lower-case what is left.
2. **The curated overlay pins identities**: a provider model id named by a curated offering, or
   an id or alias of a curated model, resolves to that model.
3. **Spellings group**: ids naming the same words and version numbers are one model
   (:mod:`llmref.importers.spelling`: `claude-3.5-haiku` = `claude-3-5-haiku`, `glm-4p6` =
   `glm-4.6`, `claude-4.5-haiku` = `claude-haiku-4-5`, `gpt-35-turbo` = `gpt-3.5-turbo`), when
   their vendors agree; the curated id, else the vendor's own spelling, else the most common one
   names it. Base and instruct meet unless a provider lists both; a person's rulings
   (``data/identity-rulings.toml``) merge or keep apart what the rules cannot prove.
4. **Vendor-in-name prefixes** (`openai-gpt-4o-mini`, `azure-gpt-4o-mini`,
   `anthropic--claude-3-haiku`) join the model named after the prefix when that model exists,
   and the prefix is a host or the model's own lab (`deepseek-llama3.3-70b` is a distill).
5. **Dated snapshots** (`-2024-07-18`, `-20240307`, `-0125`, `-2603`, `-251201`, `-001`) become
   snapshot models of their family when the family exists; otherwise they stand alone.
6. **Vendor**: the curated vendor, else the namespace most sources put in front of the id (a
   known lab's, then any lab's), else the model-name prefix (`gpt-` → OpenAI), else the
   first-party provider serving it, else the one provider of a house model.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

from llmref.catalog.bundle import Bundle
from llmref.importers.common import RawEntry, SourceData, Unresolved
from llmref.importers.providers import (
    FIRST_PARTY,
    NAMESPACES,
    catalog_provider_id,
    provider_kind,
    vendor_of_name,
    vendor_of_namespace,
)
from llmref.importers.rulings import Rulings
from llmref.importers.spelling import same_name_key, word_difference
from llmref.schema import is_valid_id

_VARIANT = re.compile(
    r"(:free|:beta|:extended|:thinking|:nitro|:floor|:online|:exacto|:batch|-free)$", re.I
)
_AT_DATE = re.compile(r"@(\d+)$")
_AT_ALIAS = re.compile(r"@(default|latest)$", re.I)
_AT_REGION = re.compile(r"@([a-z][a-z0-9-]*)$", re.I)
_DOTTED = re.compile(
    r"^(?:(?P<geo>us|eu|apac|au|jp|ca|in|global|us-gov|regional)\.)?"
    r"(?P<ns>[a-z0-9-]+)\.(?P<model>[a-z0-9].*)$"
)
_BEDROCK_VERSION = re.compile(r"(-v\d+|(?<!v\d)-\d+)?:\d+$")
"""Bedrock's API version (`-v1:0`, `-1:0`); Amazon's own `-v1`/`-v2` name models and stay, and
so does a version's second part (`cohere.rerank-v3-5:0` is Rerank 3.5, not Rerank 3)."""
_API_VERSION = re.compile(r":\d+$")
_INVALID = re.compile(r"[^a-z0-9._:+-]+")
_BARE_VERSION = re.compile(r"^[a-z]?\d")
_LATEST = re.compile(r"\d.*-latest$")
_WORD = re.compile(r"[a-z]{2,}")
_DASHES = re.compile(r"-{2,}")
_SEPARATOR = re.compile(r"(?<=[a-z0-9])[._](?=[a-z0-9])")

HOST_PREFIXES = frozenset(
    {"alicloud", "aws", "azure", "bedrock", "cerebras", "databricks", "snowflake", "system-ai"}
)
"""Hosts that put their own name in front of any vendor's model (Databricks'
`databricks-gpt-5-1`, its Unity Catalog's `system.ai.meta-llama-3-3-70b-instruct`)."""
VENDOR_PREFIXES = tuple(sorted({*NAMESPACES, *HOST_PREFIXES}, key=len, reverse=True))
"""Words that may stand in front of a model id joined by a dash (`openai-gpt-4o-mini`)."""
_BRANDS = ("claude", "deepseek", "gemini", "glm", "gpt", "grok", "kimi", "llama", "qwen")
"""Model-family words some providers leave out (`k2p6` on Kimi For Coding is `kimi-k2p6`)."""


ROUTE_WORDS = frozenset({"fast", "latest", "beta"})
"""Words a dataset puts on a route of a model it prices as that model (Hugging Face's `-fast`
routing, `-latest` pointers, `-beta` labels)."""


def _record_groups(groups: dict[str, list[_Seen]]) -> list[list[str]]:
    """The group keys each multi-id dataset record was split into."""
    by_record: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for key, items in groups.items():
        for item in items:
            by_record[(item.dataset, item.entry.provider, item.entry.record)].add(key)
    return [sorted(keys) for keys in by_record.values() if len(keys) > 1]


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _without_prefixes(key: str) -> Iterator[str]:
    """`databricks-meta-llama-3-3-70b-instruct` -> `meta-llama-3-3-70b-instruct`,
    `llama-3-3-70b-instruct`, …: each vendor or host word in front taken off in turn, longest
    first. A lab's name in front of another lab's model is a derivative, not a spelling:
    Lambda's `deepseek-llama3.3-70b` is DeepSeek's R1 distill of Llama, and stays whole."""
    pending, seen = [key], {key}
    while pending:
        rest = pending.pop(0)
        for prefix in VENDOR_PREFIXES:
            if not rest.startswith(prefix + "-"):
                continue
            candidate = rest[len(prefix) + 1 :].lstrip("-")
            named = vendor_of_name(candidate)
            if (
                candidate not in seen
                and len(candidate) >= 4
                and any(ch.isdigit() or ch == "-" for ch in candidate)
                and _WORD.search(candidate)  # a name, not a bare version (`v3-2`)
                and (prefix in HOST_PREFIXES or named is None or named == NAMESPACES[prefix])
            ):
                seen.add(candidate)
                pending.append(candidate)
                yield candidate


_ROUTER = re.compile(
    r"^(auto(-[a-z-]+)?|balanced|cheap|efficient|fast|free|frontier|router|smart)$"
)
_ROUTER_NAMESPACES = frozenset({"routers", "kilo-auto", "preset"})


@dataclass(frozen=True)
class ParsedId:
    model: str
    """The model part: lower-case, no namespace, no decorations (a candidate catalogue id)."""
    namespace: str | None = None
    variant: str | None = None
    region: str | None = None
    """`geo:us` (a Bedrock cross-region profile, priced as the model), `deploy:eu` (a regional or
    provisioned deployment, priced apart), `size:hd` (an image size/quality route)."""


def parse_model_id(raw: str) -> ParsedId | str:
    """Split a provider's model id into its parts; a string result is why it is not a model."""
    s = raw.strip()
    if s.lower().startswith("ft:"):
        return "fine-tune (ft:): a customer's own model, not a catalogue model"
    variant = region = None
    match = _VARIANT.search(s)
    if match:
        variant, s = match.group(1).lower(), s[: match.start()]
    if _AT_ALIAS.search(s):
        s = _AT_ALIAS.sub("", s)
    elif _AT_DATE.search(s):
        s = _AT_DATE.sub(r"-\1", s)
    elif _AT_REGION.search(s):
        at = _AT_REGION.search(s)
        assert at is not None
        region, s = f"deploy:{at.group(1).lower()}", s[: at.start()]
    parts = [p.lstrip("~") for p in s.split("/") if p]
    if not parts:
        return "empty model id"
    namespace = parts[-2].lower() if len(parts) > 1 else None
    model = parts[-1].lower()
    dotted = _DOTTED.match(model)
    if dotted and (dotted.group("ns") in NAMESPACES or _API_VERSION.search(model)):
        # A known lab's namespace, or any namespace before Bedrock's `:0` (`writer.palmyra-…`).
        namespace = dotted.group("ns")
        geo = dotted.group("geo")
        region = region or (f"geo:{geo}" if geo else None)
        model = dotted.group("model")
        model = (
            model.rsplit(":", 1)[0] if namespace == "amazon" else _BEDROCK_VERSION.sub("", model)
        )
        if _BARE_VERSION.match(model):
            # Bedrock's `deepseek.v3.2`, `deepseek.r1-v1:0`: the vendor is part of the name
            # when what follows it is only a version.
            model = f"{namespace}-{model}"
    if _LATEST.search(model):
        # `claude-3-5-haiku-latest` points at a model; `gpt-latest`, `chat-latest` at whatever
        # is newest, which is no model of its own: those keep their id.
        model = model.removesuffix("-latest")
    # An Ollama tag names a size or variant of the model (`qwen3-vl:235b`): part of its name.
    model = _DASHES.sub("-", _INVALID.sub("-", model.replace(":", "-"))).strip("-.:_")
    if not model or not is_valid_id(model):
        return f"no usable model id in {raw!r}"
    if _ROUTER.match(model) or namespace in _ROUTER_NAMESPACES:
        # `openrouter/auto`, `kilo-auto/balanced`: each provider's own router picks a model per
        # request; the same word at two providers is not one model.
        return "a provider's router (picks a model per request), not a model"
    return ParsedId(model, namespace, variant, region)


def loose_key(model_id: str) -> str:
    """Two spellings of one model compare equal: `claude-3.5-haiku` ~ `claude-3-5-haiku`."""
    return _SEPARATOR.sub("-", model_id)


_DATE_SUFFIXES = (
    re.compile(r"^(?P<base>.+)-(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)$"),
    re.compile(r"^(?P<base>.+)-(?P<y>20\d\d)(?P<m>\d\d)(?P<d>\d\d)$"),
    re.compile(r"^(?P<base>.+)-(?P<yy>2[3-9])(?P<m>\d\d)(?P<d>\d\d)$"),
    re.compile(r"^(?P<base>.+)-(?P<m>\d\d)-(?P<d>\d\d)$"),
    re.compile(r"^(?P<base>.+)-(?P<m>\d\d)(?P<d>\d\d)$"),
    re.compile(r"^(?P<base>.+)-(?P<yy>2[3-9])(?P<m>\d\d)$"),
    re.compile(r"^(?P<base>.+)-(?P<v>0\d\d)$"),
)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def snapshot_base(model_id: str) -> str | None:
    """The id without its date or version suffix, when it has one (`gpt-4o-mini-2024-07-18` ->
    `gpt-4o-mini`, `claude-3-haiku-20240307` -> `claude-3-haiku`, `gpt-3.5-turbo-0125` ->
    `gpt-3.5-turbo`, `step-3.5-flash-2603` -> `step-3.5-flash`, `gemini-1.5-flash-001`)."""
    for pattern in _DATE_SUFFIXES:
        match = pattern.match(model_id)
        if not match:
            continue
        parts = match.groupdict()
        if parts.get("v"):
            return match.group("base")
        month = int(parts["m"])
        year = int(parts["y"]) if parts.get("y") else 2000 + int(parts.get("yy") or 24)
        if parts.get("d") is None:  # YYMM
            if _valid(year, month, 1):
                return match.group("base")
            continue
        if _valid(year, month, int(parts["d"])):
            return match.group("base")
    return None


# ---- the curated overlay's identities ----------------------------------------------------------


@dataclass
class Curated:
    """What the curated overlay says about identity: ids, aliases, families, vendors, and the
    provider model ids its offerings name."""

    lookup: dict[str, str] = field(default_factory=dict)
    family: dict[str, str | None] = field(default_factory=dict)
    vendor: dict[str, str | None] = field(default_factory=dict)
    pinned: dict[tuple[str, str], str] = field(default_factory=dict)
    rulings: Rulings = field(default_factory=Rulings)

    @classmethod
    def from_bundle(cls, bundle: Bundle | None, rulings: Rulings | None = None) -> Curated:
        out = cls(rulings=rulings or Rulings())
        if bundle is None:
            return out
        for record in bundle.models:
            out.family[record.id] = record.family
            out.vendor[record.id] = record.vendor
        for record in bundle.models:
            for name in (record.id, *record.aliases):
                out.lookup.setdefault(name.lower(), record.id)
                parsed = parse_model_id(name)
                if isinstance(parsed, ParsedId):
                    out.lookup.setdefault(parsed.model, record.id)
        for offering in bundle.offerings:
            if offering.provider_model_id:
                out.pinned[(offering.provider, offering.provider_model_id.lower())] = offering.model
        return out

    def find(self, raw: str, parsed: ParsedId) -> str | None:
        return self.lookup.get(raw.strip().lower()) or self.lookup.get(parsed.model)


# ---- resolution ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    provider: str
    """Catalogue provider id."""
    model: str
    """Catalogue model id (a snapshot's own id for a dated snapshot)."""
    family: str | None
    vendor: str | None
    parsed: ParsedId


@dataclass
class _Seen:
    entry: RawEntry
    dataset: str
    provider: str
    parsed: ParsedId
    key: str


class Resolver:
    """Resolves every entry of every dataset at once: spellings and families are decided over
    all sources, so that each dataset's snapshot file names the same models."""

    def __init__(self, curated: Curated) -> None:
        self.curated = curated
        self.vendor_names: dict[str, str] = {}
        """Vendor id -> the namespace as the lab writes it (`Sao10K`), for vendors that
        :data:`~llmref.importers.providers.VENDORS` does not name."""

    def resolve(self, sources: list[SourceData]) -> tuple[dict[int, Resolution], list[Unresolved]]:
        unresolved: list[Unresolved] = []
        seen: list[_Seen] = []
        for source in sources:
            for entry in source.entries:
                item = self._parse(source.dataset, entry, unresolved)
                if item is not None:
                    seen.append(item)

        groups: dict[str, list[_Seen]] = defaultdict(list)
        for item in seen:
            groups[item.key].append(item)
        for curated_id in self.curated.family:
            groups.setdefault(loose_key(curated_id), [])
        redirect = self._merges(groups)
        for key, target in sorted(redirect.items()):
            groups[target].extend(groups.pop(key))
        for key, items in groups.items():
            for item in items:
                item.key = key

        spelling = {key: self._spelling(key, items) for key, items in groups.items()}
        parent = {key: self._parent(spelling[key], groups, spelling) for key in groups}
        # Never a snapshot of a snapshot: a family must be a model in its own right.
        family = {
            key: p if p is None or parent.get(loose_key(p)) is None else None
            for key, p in parent.items()
        }
        vendor = self._vendors(groups, spelling, family)

        out: dict[int, Resolution] = {}
        for item in seen:
            model = spelling[item.key]
            out[id(item.entry)] = Resolution(
                provider=self._provider(item, vendor.get(model)),
                model=model,
                family=family[item.key],
                vendor=vendor.get(model),
                parsed=item.parsed,
            )
        return out, unresolved

    def _parse(self, dataset: str, entry: RawEntry, unresolved: list[Unresolved]) -> _Seen | None:
        provider = catalog_provider_id(dataset, entry.provider)
        if provider is None:
            unresolved.append(
                Unresolved(dataset, entry.provider, entry.model_id, "provider id not usable")
            )
            return None
        parsed = parse_model_id(entry.model_id)
        if isinstance(parsed, str):
            unresolved.append(Unresolved(dataset, entry.provider, entry.model_id, parsed))
            return None
        if entry.region and parsed.region is None:
            parsed = ParsedId(parsed.model, parsed.namespace, parsed.variant, entry.region)
        pinned = self.curated.pinned.get((provider, entry.model_id.strip().lower()))
        model = pinned or self.curated.find(entry.model_id, parsed) or parsed.model
        return _Seen(entry, dataset, provider, parsed, loose_key(model))

    @staticmethod
    def _provider(item: _Seen, vendor: str | None) -> str:
        """genai-prices' `google` prices Gemini API and Vertex alike; another vendor's model
        there (Claude, Llama) can only be Vertex's."""
        if item.dataset == "genai-prices" and item.provider == "google" and vendor != "google":
            return "google-vertex-anthropic" if vendor == "anthropic" else "google-vertex"
        return item.provider

    def _merges(self, groups: dict[str, list[_Seen]]) -> dict[str, str]:
        """Group key -> the group key it is another spelling of (rules 3 and 4, then rulings)."""
        curated_keys = {loose_key(c) for c in self.curated.family}
        apart = {frozenset(loose_key(m) for m in pair) for pair in self.curated.rulings.apart}
        vendor = {key: self._vendor_guess(key, items) for key, items in groups.items()}
        by_name: dict[str, list[str]] = defaultdict(list)
        for key in sorted(groups):
            by_name[same_name_key(key)].append(key)

        def weight(key: str) -> tuple[Any, ...]:
            items = groups[key]
            own = sum(1 for i in items if i.provider in FIRST_PARTY)
            return (key not in curated_keys, -own, -len(items), len(key), key)

        parent: dict[str, str] = {}

        def find(key: str) -> str:
            while key in parent:
                key = parent[key]
            return key

        def join(key: str, target: str) -> None:
            key, target = find(key), find(target)
            if key == target or frozenset((key, target)) in apart:
                return
            if not _compatible(vendor.get(key), vendor.get(target)):
                return
            if key in curated_keys and target not in curated_keys:
                key, target = target, key
            if key in curated_keys:
                return  # two curated models are two models
            parent[key] = target

        # Spellings of one name (same words and versions): join the best-attested one.
        for keys in by_name.values():
            if len(keys) > 1:
                best = min(keys, key=weight)
                for key in keys:
                    join(key, best)
        # A vendor or host word in front of a model of that vendor (`openai-gpt-4o-mini`).
        for key in sorted(groups):
            if key in curated_keys:
                continue
            for rest in _without_prefixes(key):
                targets = [k for k in by_name.get(same_name_key(rest), []) if k != key]
                if targets:
                    join(key, min(targets, key=weight))
                    break
        # A brand word dropped in front (`k2p6` for `kimi-k2p6`), when exactly one model fits.
        for key in sorted(groups):
            words = same_name_key(key).split(" ")
            if len(key) < 4 or not any(ch.isdigit() for ch in key) or len(words) < 2:
                continue
            fits = [
                k
                for brand in _BRANDS
                for k in by_name.get(" ".join(sorted([*words, brand])), [])
                if loose_key(k).startswith(brand)
            ]
            if len({find(k) for k in fits}) == 1:
                join(key, fits[0])
        # Base and instruction-tuned: one model unless some provider lists both ids, which
        # shows a base model exists (Replicate's `meta/llama-3-70b` beside `…-instruct`).
        for name, keys in by_name.items():
            tuned = by_name.get(" ".join(sorted([*name.split(" "), "instruct"])))
            if not tuned:
                continue
            bare_providers = {i.provider for k in keys for i in groups[k]}
            tuned_providers = {i.provider for k in tuned for i in groups[k]}
            if not bare_providers & tuned_providers:
                target = min([*keys, *tuned], key=weight)
                for key in (*keys, *tuned):
                    join(key, target)
        # One dataset record pricing two ids that differ only by a route word is the dataset
        # saying they are one model (genai-prices matches `deepseek-ai/deepseek-r1-0528` and
        # `…-0528-fast` with one ModelInfo). Any other word apart (`gpt-5.1` / `gpt-5.1-codex`
        # share a price, not a model) and any date or version apart stays apart.
        for keys in _record_groups(groups):
            for a, b in combinations(keys, 2):
                extra = word_difference(a, b)
                if extra is not None and len(extra) == 1 and extra <= ROUTE_WORDS:
                    first, second = sorted((a, b), key=weight)
                    join(second, first)
        # A person's rulings come last and win (data/identity-rulings.toml).
        for first, second in sorted(self.curated.rulings.merges.items()):
            a, b = loose_key(first), loose_key(second)
            if a in groups and b in groups and a not in curated_keys:
                parent.pop(a, None)
                if find(b) != a:
                    parent[a] = b
        return {key: find(key) for key in parent if find(key) != key}

    def _vendor_guess(self, key: str, items: list[_Seen]) -> str | None:
        """The vendor as far as one group's records tell (before groups are joined)."""
        for curated_id, curated_vendor in self.curated.vendor.items():
            if loose_key(curated_id) == key:
                return curated_vendor
        known = _vote(vendor_of_namespace(i.parsed.namespace or "") for i in items)
        return known or vendor_of_name(key)

    def _spelling(self, key: str, items: list[_Seen]) -> str:
        for curated_id in self.curated.family:
            if loose_key(curated_id) == key:
                return curated_id
        names = [(i.entry, i.parsed.model, i.provider) for i in items]
        candidates = [m for _, m, _ in names if loose_key(m) == key] or [m for _, m, _ in names]
        own = [m for _, m, p in names if p in FIRST_PARTY and m in candidates]
        counts = Counter(own or candidates)
        return min(counts, key=lambda m: (-counts[m], m))

    def _parent(
        self, model: str, groups: dict[str, list[_Seen]], spelling: dict[str, str]
    ) -> str | None:
        if model in self.curated.family:
            return self.curated.family[model]
        base = snapshot_base(model)
        if base is None:
            return None
        key = loose_key(base)
        if key not in groups or key == loose_key(model):
            return None
        return spelling[key]

    def _vendors(
        self,
        groups: dict[str, list[_Seen]],
        spelling: dict[str, str],
        family: dict[str, str | None],
    ) -> dict[str, str | None]:
        """Rule 6: the curated vendor; else a known lab's namespace (`meta-llama/`); else the
        vendor a dataset states; else any other namespace a lab publishes under
        (`Sao10K/L3-8B-Stheno-v3.2`, `shisa-ai/…`); else the name (`gpt-` -> OpenAI, also after
        a product word or two: GitLab's `duo-chat-gpt-5-6-terra`); else the one first-party
        provider serving it, or a provider whose name the model's starts with (`voyage-4-lite`
        on Voyage)."""
        hosts = {i.provider for items in groups.values() for i in items}
        hosts |= {i.entry.provider.lower() for items in groups.values() for i in items}
        out: dict[str, str | None] = {}
        for key, items in groups.items():
            model = spelling[key]
            if model in self.curated.vendor:
                out[model] = self.curated.vendor[model]
                continue
            out[model] = _vote(
                (i.parsed.namespace and vendor_of_namespace(i.parsed.namespace))
                or i.entry.vendor_hint
                for i in items
            ) or _vote(_lab_namespace(i, hosts, self.vendor_names) for i in items)
            if out[model] is None:
                out[model] = _vendor_in_name(model)
            if out[model] is None:
                own = {FIRST_PARTY[i.provider] for i in items if i.provider in FIRST_PARTY}
                named = {i.provider for i in items if model.startswith(i.provider + "-")}
                if len(own | named) == 1:
                    out[model] = (own | named).pop()
            if out[model] is None:
                # A house model: only one provider serves it, under no lab's name, and that
                # provider runs models itself (not a gateway or cloud reselling others'):
                # Cognition's `swe-1-6`, Cursor's `composer-2.5`.
                served = {i.provider for i in items}
                if len(served) == 1 and provider_kind(next(iter(served))) in HOUSE_KINDS:
                    out[model] = next(iter(served))
        for key in groups:
            model = spelling[key]
            parent = family[key]
            if out.get(model) is None and parent is not None:
                out[model] = out.get(parent)
        return out


def _vote(values: Iterable[str | None]) -> str | None:
    votes = Counter(v for v in values if v)
    return min(votes, key=lambda v: (-votes[v], v)) if votes else None


_NOT_LABS = frozenset(
    {"@cf", "accounts", "api", "cf", "community", "models", "preview", "stealth", "tee", "v1"}
)
"""Path words in provider ids that name no lab (`accounts/fireworks/models/…`, `@cf/…`)."""


def _lab_namespace(item: _Seen, hosts: set[str], names: dict[str, str]) -> str | None:
    """The namespace a model is published under, when it names a lab rather than a host:
    `Sao10K/` -> `sao10k`. A provider's own id (`together/`) counts only on that provider
    (`groq/compound-mini` on Groq)."""
    raw_parts = [p for p in item.entry.model_id.split("/") if p]
    namespace = item.parsed.namespace
    if namespace is None or len(raw_parts) < 2:
        return None
    vendor_id = namespace.strip("@~").replace("_", "-")
    if (
        namespace in _NOT_LABS
        or not is_valid_id(vendor_id)
        or ((namespace in hosts or vendor_id in hosts) and vendor_id != item.provider)
    ):
        return None
    names.setdefault(vendor_id, raw_parts[-2].strip("@~"))
    return vendor_id


_PRODUCT_WORD = re.compile(r"^[a-z]+-")
_GLUED_FAMILY = re.compile(r"^([a-z]{2,})(\d)")
HOUSE_KINDS = frozenset({"inference", "subscription", "first-party"})


def _vendor_in_name(model: str) -> str | None:
    """`gpt-` -> OpenAI; also after one or two product words (`duo-chat-gpt-5-6-terra`,
    Azure's Fireworks-served `fw-kimi-k2.7-code`), never after a version (`shisa-v2-llama…`
    is Shisa's fine-tune, not Meta's model)."""
    rest = model
    for _ in range(3):
        named = vendor_of_name(rest) or vendor_of_name(_GLUED_FAMILY.sub(r"\1-\2", rest))
        if named:
            return named
        lab = next((p for p in VENDOR_PREFIXES if rest.startswith(p + "-")), None)
        if lab in NAMESPACES:
            return NAMESPACES[lab]  # `cohere-rerank-v3-multilingual`, `microsoft-decision-1`
        word = _PRODUCT_WORD.match(rest)
        if word is None:
            return None
        rest = rest[word.end() :]
    return None
