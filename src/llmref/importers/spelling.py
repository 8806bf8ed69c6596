"""How far two model ids are the same name: the spelling rules identity resolution applies.

Providers write one model's id in many ways. :func:`same_name_key` reduces an id to the words
and version numbers that name the model, so that spellings of one name meet:

* separators: `claude-3.5-haiku` = `claude-3-5-haiku`, `kimi-k2_6` = `kimi-k2.6`;
* Fireworks' `p` for the decimal point: `glm-4p6` = `glm-4.6`, `llama-v3p3-70b` = `llama-3.3-70b`;
* a letter run glued to its version: `llama3.3-70b` = `llama-3.3-70b`;
* word order: `claude-4.5-haiku` = `claude-haiku-4-5` (a version number stays one unit, so
  `x-1-3` never meets `x-3-1`);
* Azure's dotless versions right after the family word: `gpt-35-turbo` = `gpt-3.5-turbo`;
* an Ollama tag: `qwen3-vl:235b` = `qwen3-vl-235b`;
* serving details that do not make another model: numeric formats (`-fp8`, `-bf16`, `-awq`,
  `-int4`, `-6bit`), Vertex's `-maas`, a TEE deployment (`-tee`);
* a mixture-of-experts' active-parameter count (`qwen3-vl-235b-a22b` = `qwen3-vl-235b`);
* a `-latest` pointer after a model's name (`magistral-medium-latest` = `magistral-medium`).

What it never drops: a word that names another model (`instruct`, `base`, `chat`, `thinking`,
`fast`, `turbo`, `mini`, a size, a lab's name in front of another lab's model, as in Lambda's
distill `deepseek-llama3.3-70b`); those differences are for the duplicate detector to list and
for a person to rule on (``data/identity-rulings.toml``).
"""

from __future__ import annotations

import re

from llmref.importers.providers import vendor_of_name

_FIREWORKS_POINT = re.compile(r"(?<=\d)p(?=\d)")
_SPLIT = re.compile(r"[^a-z0-9]+")
_GLUED = re.compile(r"^([a-z]{2,})(\d.*)$")
"""`llama3` -> `llama`, `3` (a family word glued to its version); one letter (`k2`, `o3`, `v3`)
is the version's own prefix and stays."""
_VERSION_V = re.compile(r"^v(\d[\d.]*)$")
"""`v3.3` -> `3.3`: Fireworks' `llama-v3p3-70b` is Meta's `llama-3.3-70b`."""
_DIGITS = re.compile(r"^\d+$")
_DOTLESS = re.compile(r"^([1-9])([0-9])$")
_HAS_DIGIT = re.compile(r"\d")
_ACTIVE_PARAMS = re.compile(r"^a\d+(\.\d+)?b$")

SERVING_WORDS = frozenset(
    {
        "fp4",
        "nvfp4",
        "fp8",
        "fp16",
        "bf16",
        "int4",
        "int8",
        "awq",
        "gptq",
        "4bit",
        "6bit",
        "8bit",
        "maas",
        "tee",
    }
)
"""Tokens that say how a provider serves a model (number format, a TEE, Vertex's Model-as-a-
Service), not which model it is."""


def tokens(model_id: str) -> list[str]:
    """The words and version units of an id, in order (`llama3.3-70b` -> llama, 3.3, 70b)."""
    text = _FIREWORKS_POINT.sub(".", model_id.lower())
    raw: list[str] = []
    for part in re.split(r"[-_:/\s]+", text):
        part = _VERSION_V.sub(r"\1", part)
        glued = None if part in SERVING_WORDS else _GLUED.match(part)
        if glued and not glued.group(2).replace(".", "").isalpha():
            raw.extend((glued.group(1), glued.group(2)))
        else:
            raw.append(part)
    out: list[str] = []
    for part in raw:
        pieces = [p for p in part.split(".") if p]
        if pieces and all(_DIGITS.match(p) for p in pieces):
            out.append(".".join(str(int(p)) for p in pieces))
        else:
            out.extend(p for p in _SPLIT.split(part) if p)
    merged: list[str] = []
    for part in out:
        # `claude-3-5-haiku`: consecutive number tokens are one version (3.5); a size (`70b`)
        # or a word ends it.
        if merged and _DIGITS.match(part) and _joins(merged[-1], part):
            merged[-1] = f"{merged[-1]}.{part}"
        else:
            merged.append(part)
    return merged


def _joins(run: str, part: str) -> bool:
    """Does number `part` continue the version or date `run`? `3` + `5` (3.5) and `2024` + `08`
    (a date) do; a date never continues a version (`haiku-4-5-20251001` is 4.5, then a date)."""
    if not re.match(r"^\d+(\.\d+)*$", run):
        return False
    dated = len(run.split(".")[0]) >= 4
    return dated or len(part) < 4


def same_name_key(model_id: str) -> str:
    """Equal for spellings of one model name (see the module docstring for the rules)."""
    parts = tokens(model_id)
    if len(parts) > 1 and parts[-1] == "latest" and (len(parts) > 2 or vendor_of_name(parts[0])):
        # `magistral-medium-latest` and `codestral-latest` point at the newest release of that
        # name, as the bare name does; `gpt-latest`/`chat-latest` name no model and stay.
        parts = parts[:-1]
    words: list[str] = []
    for index, part in enumerate(parts):
        if part in SERVING_WORDS or (part == "dynamic" and "fp8" in parts):
            continue
        if _ACTIVE_PARAMS.match(part) and index > 0 and parts[index - 1].endswith("b"):
            continue
        dotless = _DOTLESS.match(part)
        if dotless and index == 1 and len(parts) > 2:
            # Azure's `gpt-35-turbo`: no dots in a deployment name; only right after the family
            # word and before another word, where a two-digit number is no size or date.
            part = f"{dotless.group(1)}.{dotless.group(2)}"
        words.append(part)
    return " ".join(sorted(words))


def word_difference(a: str, b: str) -> frozenset[str] | None:
    """The words one id has and the other lacks, when both carry the same version and size
    numbers (`deepseek-r1-0528` / `deepseek-r1-0528-fast` -> {fast}); None when the numbers
    differ (another version, size or date is another model)."""
    parts_a = [t for t in tokens(a) if t not in SERVING_WORDS]
    parts_b = [t for t in tokens(b) if t not in SERVING_WORDS]
    numbers_a = sorted(t for t in parts_a if _HAS_DIGIT.search(t))
    numbers_b = sorted(t for t in parts_b if _HAS_DIGIT.search(t))
    if numbers_a != numbers_b:
        return None
    words_a = {t for t in parts_a if not _HAS_DIGIT.search(t)}
    words_b = {t for t in parts_b if not _HAS_DIGIT.search(t)}
    return frozenset(words_a ^ words_b)
