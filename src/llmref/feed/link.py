"""Entity linking: which catalogue models, vendors and providers a text mentions.

The catalogue's names, ids and aliases become *surface forms*, each split into tokens (runs of
letters, runs of digits with their decimals: "GPT-4o mini" -> gpt, 4, o, mini; "Claude 3.5" ->
claude, 3.5). The text is tokenised the same way and scanned left to right; at each word start
the longest form that matches wins and its tokens are consumed, so "GPT-4o mini" never also
links GPT-4o. Rules that keep false hits out:

* A match starts and ends on word boundaries: "grokking" is not Grok, "H2O 3" is not "o3",
  "GPT-4o" is not GPT-4 and "Claude 3.5" is not "Claude 3".
* Between tokens the text may use a space, a hyphen, an underscore or a slash where the form
  has any separator ("gpt-4o-mini", "GPT 4o mini", "openai/gpt-4o-mini"), and nothing where
  the form has nothing ("4o" is never "4 o").
* A hyphen right after a match joins the next word to it ("gpt-4-turbo" is not GPT-4) unless
  that word is a suffix like "-based" or "-powered".
* A single alphabetic word ("Grok", "Fireworks") must be written as the catalogue spells it,
  in capitals or with a capital first letter: lower-case "grok" or "fireworks" is an ordinary
  word. A single word the catalogue only has in lower case ("chat", an id like "together") is
  not a form at all: it could not be told apart from the ordinary word.
* A form that is one common word of the trade (:data:`STOP_WORDS`: "AI", "API", "Pro", "Chat",
  "Cloud", ...) is not a form in any spelling: "AI" in a post is not the provider "AI&".

One entity, one link: entries of the same name are one link, whatever their kinds (a vendor
and a provider both named "DeepSeek" link the vendor; a model is kept over a vendor, a vendor
over a provider), and two models whose ids differ only by a vendor prefix ("o3", "openai-o3")
are one link (the more-mentioned, then the shorter id).

The index is built once per catalogue version (:func:`index_for`); linking is a pure function.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from llmref.catalog import Catalog
from llmref.feed.tokens import Tokens
from llmref.feed.types import EntityKind, EntityLink

__all__ = [
    "LinkIndex",
    "Mention",
    "build_index",
    "find_mentions",
    "index_for",
    "link_entities",
    "link_entities_from",
]

_GAP_OK = frozenset({"", " ", "-", "_", "/", "\u2010", "\u2011", "\u2013"})
_JOINING_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
_SUFFIXES = frozenset(
    {
        "based", "powered", "class", "level", "like", "style", "sized", "size", "era", "driven",
        "generated", "backed", "compatible", "equivalent", "only", "grade", "tier", "family",
        "series", "model", "models", "api", "apis", "native", "first", "specific",
    }
)  # fmt: skip
_KIND_ORDER: dict[EntityKind, int] = {"model": 0, "vendor": 1, "provider": 2}
STOP_WORDS = frozenset(
    {
        "ai", "api", "apis", "app", "apps", "chat", "pro", "plus", "max", "mini", "nano", "lite",
        "open", "free", "cloud", "labs", "lab", "studio", "hub", "router", "gateway", "model",
        "models", "llm", "llms", "base", "instruct", "preview", "latest", "turbo", "flash",
        "fast", "one", "go", "new", "the", "inference", "compute", "platform", "together",
    }
)  # fmt: skip
"""Common words that never link on their own, whatever their case."""


@dataclass(frozen=True, slots=True)
class _Target:
    kind: EntityKind
    id: str
    name: str
    rank: int
    """Within one kind: 0 id, 1 name, 2 alias — an id beats a name beats somebody's alias."""
    exact: frozenset[str] | None
    """For single alphabetic words: the only spellings that count."""


@dataclass(slots=True)
class _Node:
    children: dict[tuple[str, bool], _Node] = field(default_factory=dict)
    """Keyed by (token, tight): tight means the form has no separator before the token."""
    targets: list[_Target] = field(default_factory=list)


class Mention(NamedTuple):
    start: int
    end: int
    text: str
    targets: tuple[tuple[EntityKind, str, str], ...]


@dataclass(frozen=True)
class LinkIndex:
    """Surface forms of one catalogue version, as a token trie."""

    version: str
    root: _Node = field(repr=False)
    first: dict[str, _Node] = field(repr=False)
    """The root's children by token alone (a form's first token never has a tight gap)."""
    forms: int
    model_vendor: dict[str, str | None] = field(repr=False)
    model_family: dict[str, str | None] = field(repr=False)
    vendor_names: dict[str, str] = field(repr=False)


def _form_tokens(form: str) -> list[tuple[str, bool]]:
    tokens = Tokens(form)
    return [(word, tokens.glued(i)) for i, word in enumerate(tokens.words)]


def _is_single_word(form: str) -> bool:
    return form.isalpha()


def _target_order(target: _Target) -> tuple[int, str]:
    return _KIND_ORDER[target.kind], target.id


def _add(root: _Node, form: str, target: _Target) -> None:
    tokens = _form_tokens(form)
    if not tokens:
        return
    node = root
    for key in tokens:
        node = node.children.setdefault(key, _Node())
    if target.exact is not None:
        target = _Target(
            target.kind,
            target.id,
            target.name,
            target.rank,
            frozenset({form, form.upper(), form[:1].upper() + form[1:]}),
        )
    for existing in node.targets:
        if existing.kind == target.kind:
            if existing.id == target.id:
                if existing.exact is not None and target.exact is not None:
                    node.targets.remove(existing)
                    merged = existing.exact | target.exact
                    node.targets.append(
                        _Target(
                            target.kind,
                            target.id,
                            target.name,
                            min(existing.rank, target.rank),
                            merged,
                        )
                    )
                    node.targets.sort(key=_target_order)
                return
            if existing.rank <= target.rank:
                return  # a form already taken by a stronger claim of the same kind
            node.targets.remove(existing)
            break
    node.targets.append(target)
    # Kept in output order (models, vendors, providers; then id) so matching need not sort.
    node.targets.sort(key=_target_order)


def _forms(kind: EntityKind, id_: str, name: str, aliases: Iterable[str]) -> list[tuple[str, int]]:
    # Ids are lower case: a plain-word id ("together") is dropped by the single-word rule,
    # while ids like "gpt-4o-mini" are how people write model names.
    out: list[tuple[str, int]] = [(id_, 0), (name, 1)]
    out.extend((alias, 2) for alias in aliases)
    return out


def build_index(catalog: Catalog) -> LinkIndex:
    root = _Node()
    count = 0

    def add_form(kind: EntityKind, id_: str, name: str, form: str, rank: int) -> None:
        nonlocal count
        form = form.strip()
        if not form:
            return
        exact = None
        tokens = _form_tokens(form)
        if len(tokens) == 1 and tokens[0][0] in STOP_WORDS:
            return  # "AI", "API": an ordinary word of the trade, not an entity
        if _is_single_word(form):
            if form.islower():
                return  # "chat", "haiku": indistinguishable from the ordinary word
            exact = frozenset({form})
        _add(root, form, _Target(kind, id_, name, rank, exact))
        count += 1

    def add(kind: EntityKind, id_: str, name: str, aliases: Iterable[str]) -> None:
        for form, rank in _forms(kind, id_, name, aliases):
            add_form(kind, id_, name, form, rank)

    for model in catalog.models.values():
        add("model", model.id, model.name, model.aliases)
    for offering in catalog.offerings:
        # The id a provider's API uses ("anthropic.claude-3-haiku-20240307-v1:0") is how
        # engineers write the model in practice: an alias.
        served = catalog.models.get(offering.model_id)
        if offering.provider_model_id and served is not None:
            add_form("model", served.id, served.name, offering.provider_model_id, 2)
    for vendor in catalog.vendors.values():
        add("vendor", vendor.id, vendor.name, vendor.aliases)
    for provider in catalog.providers.values():
        add("provider", provider.id, provider.name, provider.aliases)

    return LinkIndex(
        version=catalog.version,
        root=root,
        first={token: node for (token, _tight), node in root.children.items()},
        forms=count,
        model_vendor={m.id: m.vendor_id for m in catalog.models.values()},
        model_family={m.id: _family_label(m.name) for m in catalog.models.values()},
        vendor_names={v.id: v.name for v in catalog.vendors.values()},
    )


_FAMILY = re.compile(r"[^\W\d_]{2,}")


def _family_label(name: str) -> str | None:
    """The family a model name starts with: "GPT-4o mini" -> "GPT", "Claude 3 Haiku" ->
    "Claude". None when the name does not start with a word of two letters or more."""
    match = _FAMILY.match(name)
    return match.group() if match else None


_cache: dict[str, LinkIndex] = {}
_cache_lock = threading.Lock()


def index_for(catalog: Catalog) -> LinkIndex:
    """The index of this catalogue version, built on first use and kept (a few per process)."""
    found = _cache.get(catalog.version)
    if found is None:
        found = build_index(catalog)
        with _cache_lock:
            if len(_cache) >= 4:
                _cache.clear()
            _cache[catalog.version] = found
    return found


def find_mentions(text: str, index: LinkIndex, tokens: Tokens | None = None) -> list[Mention]:
    """Every mention, leftmost-longest and non-overlapping, in text order."""
    if tokens is None:
        tokens = Tokens(text)
    words, gaps, starts, ends = tokens.words, tokens.gaps, tokens.starts, tokens.ends
    count = len(words)
    mentions: list[Mention] = []
    after = 0  # tokens before this were consumed by the previous mention
    for i in tokens.where(index.first):
        # A match starts at a word start: not glued to the token before it.
        if i < after or tokens.glued(i):
            continue
        first = index.first[words[i]]
        if not first.targets:
            # Most candidates are a common word that only starts longer names ("the", "model"):
            # give up at once when the next word cannot continue any of them.
            if i + 1 == count:
                continue
            following = words[i + 1]
            if (following, False) not in first.children and (following, True) not in first.children:
                continue
        start = starts[i]
        best: tuple[int, list[_Target]] | None = None
        stack: list[tuple[_Node, int]] = [(first, i)]
        while stack:
            node, last = stack.pop()
            if node.targets and _ends_word(tokens, last):
                matched = text[start : ends[last]]
                targets = [t for t in node.targets if t.exact is None or matched in t.exact]
                if targets and (best is None or last > best[0]):
                    best = (last, targets)
            nxt = last + 1
            if nxt >= count or not node.children:
                continue
            gap = gaps[nxt]
            if gap == "":
                for tight in (True, False):
                    child = node.children.get((words[nxt], tight))
                    if child is not None:
                        stack.append((child, nxt))
            elif gap in _GAP_OK or (len(gap) <= 3 and gap.isspace()):
                child = node.children.get((words[nxt], False))
                if child is not None:
                    stack.append((child, nxt))
        if best is None:
            continue
        last, targets = best
        end = ends[last]
        mentions.append(
            Mention(start, end, text[start:end], tuple((t.kind, t.id, t.name) for t in targets))
        )
        after = last + 1
    return mentions


def _ends_word(tokens: Tokens, last: int) -> bool:
    if last + 1 >= len(tokens.words):
        return True
    gap = tokens.gaps[last + 1]
    if gap == "":
        return False  # glued: "GPT-4" inside "GPT-4o"
    if gap in _JOINING_HYPHENS:
        # "gpt-4-turbo" is another model; "GPT-4-based" is not
        return tokens.words[last + 1] in _SUFFIXES
    return True


def link_entities(text: str, index: LinkIndex) -> tuple[EntityLink, ...]:
    """The entities `text` mentions, most-mentioned first (ties: models, vendors, providers,
    then by id)."""
    return link_entities_from(find_mentions(text, index))


_Found = dict[tuple[EntityKind, str], tuple[str, int, list[str], int]]


def _same_key(name: str) -> str:
    """Entries with equal keys are one entity, whatever their kinds: names compared without
    case and punctuation ("DeepSeek" the vendor and the provider; a model and a vendor record
    both named "DeepSeek-R1")."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _one_per_entity(found: _Found) -> _Found:
    """Merge entries that name one entity (see the module docstring): the kept entry gets the
    other's mentions and spellings."""
    keep: dict[str, tuple[EntityKind, str]] = {}
    out: _Found = {}
    model_ids = {id_ for (kind, id_) in found if kind == "model"}
    # Models are kept over vendors over providers; within a kind, the more-mentioned entry.
    for (kind, id_), entry in sorted(
        found.items(), key=lambda kv: (_KIND_ORDER[kv[0][0]], -kv[1][1], len(kv[0][1]), kv[0][1])
    ):
        key = _same_key(entry[0])
        twin = keep.get(key)
        if twin is None and kind == "model":
            # "openai-o3" and "o3": one id is the other with a vendor prefix.
            twin = next(
                (
                    ("model", m)
                    for m in model_ids
                    if m != id_
                    and ("model", m) in out
                    and (id_.endswith("-" + m) or m.endswith("-" + id_))
                ),
                None,
            )
        if twin is None:
            keep[key] = (kind, id_)
            out[(kind, id_)] = entry
            continue
        name, count, spellings, first = out[twin]
        merged = spellings + [s for s in entry[2] if s not in spellings]
        out[twin] = (name, count + entry[1], merged, min(first, entry[3]))
    return out


def link_entities_from(mentions: Iterable[Mention]) -> tuple[EntityLink, ...]:
    found: dict[tuple[EntityKind, str], tuple[str, int, list[str], int]] = {}
    for position, mention in enumerate(mentions):
        spelled = " ".join(mention.text.split())
        for kind, id_, name in mention.targets:
            key = (kind, id_)
            entry = found.get(key)
            if entry is None:
                found[key] = (name, 1, [spelled], position)
            else:
                if spelled not in entry[2]:
                    entry[2].append(spelled)
                found[key] = (entry[0], entry[1] + 1, entry[2], entry[3])
    found = _one_per_entity(found)
    ordered = sorted(found.items(), key=lambda kv: (-kv[1][1], _KIND_ORDER[kv[0][0]], kv[0][1]))
    return tuple(
        EntityLink(kind=kind, id=id_, name=name, mentions=mentions, matched=tuple(spellings))
        for (kind, id_), (name, mentions, spellings, _first) in ordered
    )
