"""How llmref prints numbers, in one place: money, prices, ratios, percentages, token counts,
context sizes, parameter counts, dates and lists. The CLI, the web pages, the generated prose,
the static export and the feed all format through this module, so one figure reads the same
everywhere. Rounding happens here and only here (half up, so $0.125 prints as $0.13).

The rules, documented once:

* **Money** (:func:`usd`): whole dollars from $100 up ("$270", "$4,500", "$1,523" for
  $1,522.90), so amounts side by side share one precision; cents below $100 ("$19.60", whole
  when the cents are zero: "$42"); below a dollar up to four decimals ("$0.0875"), and below
  a cent four significant digits ("$0.00005", "$0.0002625"). A non-zero amount never prints
  as "$0.00".
* **Prices per 1M tokens** (:func:`price`, :func:`per_million`): up to four decimals, at least
  two ("$0.15", "$0.075", "$2.50"); below $0.0001 up to eight ("$0.00005").
* **Context sizes and token limits** (:func:`context`): context windows, maximum input and output
  tokens and tokens-per-minute limits are sizes, printed in decimal thousands (K) or millions (M):
  below 1,000 exactly ("512"); below 10K with one decimal ("8.2K" for 8,192, "4K"); below 1M to
  the nearest thousand ("262K" for 262,144, "256K" for 256,000, "128K" for 128,000); from 1M with
  up to two decimals ("1M", "1.05M"). K is always upper case. A size is never printed with
  thousands separators, so "128K" never stands beside "262,144".
* **Token counts** (:func:`count`): exact amounts (tokens in a request, requests a month)
  print in full with separators ("16,384", "800").
* **Large counts** (:func:`big_count`): parameters and monthly volumes with a suffix and up
  to two decimals ("1.76T", "196B", "2.5B", "1M").
* **Ratios** (:func:`times`): one decimal below 100 ("16.7x"), whole from 100 ("120x"). Callers
  never print a ratio that rounds to 1.0x: say "the same" instead (:func:`is_about_one`).
* **Percentages** (:func:`pct`): whole by default ("43%"), a positive share under 0.5% is
  "less than 1%"; no space before the sign.
* **Lists** (:func:`short_list`): at most five names in a sentence, then "and N more".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from llmref.pricing import Traffic

MISSING = "—"
"""Shown for an unknown value."""

LIST_LIMIT = 5
"""The most names a sentence lists before "and N more"."""

_CENT = Decimal("0.01")


def _trim(value: Decimal, places: int, min_places: int = 2) -> str:
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{q:,f}"
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(min_places, "0")
        return f"{whole}.{frac}" if frac else whole
    return text + ("." + "0" * min_places if min_places else "")


def as_decimal(value: object) -> Decimal:
    """A structured figure known to be a number, as a Decimal (a TypeError otherwise)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"expected a number, got {value!r}")


def as_int(value: object) -> int:
    """A structured figure known to be a whole number (a TypeError otherwise)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"expected a whole number, got {value!r}")


# ---- money -----------------------------------------------------------------------------------


def usd(amount: Decimal | None) -> str:
    """An amount of money: "$270", "$155.50", "$0.0875", "$0.00005"; "—" when unknown."""
    if amount is None:
        return MISSING
    sign = "-" if amount < 0 else ""
    a = abs(amount)
    if a >= 100:
        return f"{sign}${a.quantize(Decimal(1), rounding=ROUND_HALF_UP):,f}"
    if a >= 1:
        cents = a.quantize(_CENT, rounding=ROUND_HALF_UP)
        if cents == cents.to_integral_value():
            return f"{sign}${cents:,.0f}"
        return f"{sign}${cents:,f}"
    if a == 0:
        return "$0"
    if a >= _CENT:
        return f"{sign}${_trim(a, 4)}"
    digits = a.adjusted()  # e.g. -4 for 0.000262
    return f"{sign}${_trim(a, 3 - digits, 2)}"


def price(value: Decimal | None) -> str:
    """A price per 1M tokens without its unit: "$0.15", "$0.075", "$2.50"; "—" when unknown."""
    return MISSING if value is None else _price(value)


@lru_cache(maxsize=16384)
def _price(value: Decimal) -> str:
    # Cached: a catalogue has a few hundred distinct prices, printed thousands of times a page.
    if value != 0 and abs(value) < Decimal("0.0001"):
        return f"${_trim(value, 8)}"
    return f"${_trim(value, 4)}"


def per_million(value: Decimal | None) -> str:
    """A price per 1M tokens with its unit: "$0.60/1M"."""
    return MISSING if value is None else f"{price(value)}/1M"


def cents_about(value: Decimal) -> str:
    """A small amount rounded to cents, prefixed "about" when rounding changed it."""
    rounded = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    if rounded == 0:
        return f"less than {usd(_CENT)}" if value else "$0"
    text = f"${rounded:,f}"
    return text if rounded == value else f"about {text}"


# ---- ratios and shares -----------------------------------------------------------------------


def times(factor: Decimal) -> str:
    """A multiple: "16.7x"; whole numbers from 100 up ("120x")."""
    if factor >= 100:
        return f"{factor.quantize(Decimal(1), rounding=ROUND_HALF_UP):,f}x"
    return f"{factor.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}x"


def is_about_one(factor: Decimal) -> bool:
    """True when a ratio prints as "1.0x": such a ratio says "the same", not a multiple."""
    return factor < 100 and factor.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) == 1


def pct(share: Decimal | None, places: int = 0) -> str:
    """A share as a percentage: 0.4259 -> "43%", with `places` 1 -> "42.6%"; a positive share
    that rounds to zero is "less than 1%" (or "less than 0.1%")."""
    if share is None:
        return MISSING
    step = Decimal(1).scaleb(-places)
    scaled = (share * 100).quantize(step, rounding=ROUND_HALF_UP)
    if scaled == 0 and share > 0:
        return f"less than {step.normalize():f}%"
    text = f"{scaled:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def split_label(input_share: Decimal) -> str:
    """0.7 -> "70/30"."""
    a = (input_share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{a:f}/{100 - a:f}"


# ---- tokens, sizes and counts ----------------------------------------------------------------


def context(n: int | None) -> str:
    """A context size or token limit by the one rule in the module docstring: "512", "8.2K",
    "128K", "262K", "1M", "1.05M"; "—" when unknown."""
    if n is None:
        return MISSING
    value = Decimal(int(n))
    if value < 1000:
        return f"{value:f}"
    if value < 10_000:
        return f"{_trim(value / 1000, 1, 0)}K"
    if value < 1_000_000:
        return f"{_trim(value / 1000, 0, 0)}K"
    return f"{_trim(value / 1_000_000, 2, 0)}M"


def count(n: int | None) -> str:
    """An exact count in full: 16384 -> "16,384"."""
    return MISSING if n is None else f"{int(n):,}"


def big_count(n: int | Decimal) -> str:
    """Large counts: 1000000 -> "1M", 800000000 -> "800M", 1760000000000 -> "1.76T"."""
    value = Decimal(n)
    for size, suffix in (
        (Decimal(10**12), "T"),
        (Decimal(10**9), "B"),
        (Decimal(10**6), "M"),
        (Decimal(10**3), "K"),
    ):
        if value >= size:
            return f"{_trim(value / size, 2, 0)}{suffix}"
    return _trim(value, 2, 0)


def parameters(total: int | None, active: int | None) -> str:
    """ "196B (11B active)", "8B", or "—"."""
    if total is None:
        return MISSING if active is None else f"{big_count(active)} active"
    text = big_count(total)
    return f"{text} ({big_count(active)} active)" if active is not None else text


def number(value: Decimal | int | None) -> str:
    """A plain number: "0.75", "1,024"."""
    if value is None:
        return MISSING
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return f"{value:,}"


def score(value: Decimal, unit: str) -> str:
    """A benchmark value with its unit: "82%", "0.75", "110.7 tokens/s", "0.4 s"."""
    text = _trim(value, 3, 0)
    if unit == "%":
        return f"{text}%"
    if unit in ("tokens/s", "s"):
        return f"{text} {unit}"
    return text


# ---- other values ----------------------------------------------------------------------------


def architecture(value: str | None) -> str:
    """ "moe" -> "mixture of experts"; unknown -> "—"."""
    return {"moe": "mixture of experts", "dense": "dense"}.get(value or "", value or MISSING)


def yes_no(value: bool | None, unknown: str = MISSING) -> str:
    """A capability flag: "Yes", "No", or `unknown`."""
    return unknown if value is None else ("Yes" if value else "No")


def day(value: date | None) -> str:
    return MISSING if value is None else value.isoformat()


_SIZE_FACTS = frozenset(
    ("context_window", "max_input_tokens", "max_output_tokens", "tokens_per_minute")
)


def fact_value(name: str, value: Any) -> str:
    """One catalogue fact as a person reads it."""
    if value is None:
        return MISSING
    if name in _SIZE_FACTS:
        return context(int(value))
    if name in ("parameters_total", "parameters_active"):
        return big_count(int(value))
    if name == "architecture":
        return architecture(str(value))
    if isinstance(value, bool):
        return yes_no(value, "Unknown")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or MISSING
    if isinstance(value, Decimal | int):
        return number(value)
    return str(value)


def source_host(source: str) -> str:
    """A short name for a source reference: the host of a URL, or the dataset's name@version."""
    if source.startswith("dataset:"):
        return source.removeprefix("dataset:")
    host = source.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


# ---- lists -----------------------------------------------------------------------------------


def join_and(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} and {items[-1]}"


def join_or(items: Sequence[str]) -> str:
    """ "a", "a or b", "a, b or c"."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} or {items[-1]}"


def short_list(items: Sequence[str], limit: int = LIST_LIMIT) -> str:
    """A list for a sentence, in the order given (most relevant first): all of it when it has
    at most `limit` items, else the first `limit` and "and N more"."""
    items = list(items)
    if len(items) <= limit:
        return join_and(items)
    return f"{', '.join(items[:limit])} and {len(items) - limit} more"


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 provider", "4 providers", "0 rows"."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


# ---- traffic ---------------------------------------------------------------------------------


def traffic_label(traffic: Traffic) -> str:
    """Short traffic description for table headings: "1M req × 800/250"."""
    if (
        traffic.requests
        and traffic.request_input_tokens is not None
        and traffic.request_output_tokens is not None
    ):
        per_in = _trim(traffic.request_input_tokens, 1, 0)
        per_out = _trim(traffic.request_output_tokens, 1, 0)
        return f"{big_count(traffic.requests)} req × {per_in}/{per_out}"
    return f"{big_count(traffic.input_tokens)} in / {big_count(traffic.output_tokens)} out"


def traffic_sentence(traffic: Traffic) -> str:
    """ "1M requests a month of 800 input and 250 output tokens" or token totals."""
    if (
        traffic.requests
        and traffic.request_input_tokens is not None
        and traffic.request_output_tokens is not None
    ):
        reqs = "1 request" if traffic.requests == 1 else f"{big_count(traffic.requests)} requests"
        text = (
            f"{reqs} a month of {_trim(traffic.request_input_tokens, 1, 0)} input and "
            f"{_trim(traffic.request_output_tokens, 1, 0)} output tokens"
        )
    else:
        text = (
            f"{big_count(traffic.input_tokens)} input and {big_count(traffic.output_tokens)} "
            "output tokens a month"
        )
    extras = []
    if traffic.cached_share:
        extras.append(f"{pct(traffic.cached_share)} of input read from the prompt cache")
    if traffic.batch:
        extras.append("all through the batch API")
    return f"{text} ({join_and(extras)})" if extras else text
