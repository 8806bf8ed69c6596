"""Number and list formatting for generated text: rounding happens here and only here (half up,
so $0.125 prints as $0.13)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from llmref.pricing import Traffic

MISSING = "—"
"""Shown in a table cell for an unknown value."""

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


def usd(amount: Decimal) -> str:
    """An amount of money: whole dollars when the cents are zero ("$270"), cents otherwise
    ("$155.50"), and up to four significant digits below a cent ("$0.0002625")."""
    sign = "-" if amount < 0 else ""
    a = abs(amount)
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


def price(value: Decimal) -> str:
    """A price per 1M tokens without its unit: "$0.15", "$0.075", "$2.50"."""
    if value != 0 and abs(value) < Decimal("0.0001"):
        return f"${_trim(value, 8)}"
    return f"${_trim(value, 4)}"


def per_million(value: Decimal) -> str:
    """A price per 1M tokens with its unit: "$0.60/1M"."""
    return f"{price(value)}/1M"


def cents_about(value: Decimal) -> str:
    """A small amount rounded to cents, prefixed "about" when rounding changed it."""
    rounded = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    if rounded == 0:
        return f"less than {usd(_CENT)}" if value else "$0"
    text = f"${rounded:,f}"
    return text if rounded == value else f"about {text}"


def pct(share: Decimal) -> str:
    """A share as a whole percentage: 0.4259 -> "43%"; a positive share under 0.5% is
    "less than 1%"."""
    whole = (share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if whole == 0 and share > 0:
        return "less than 1%"
    return f"{whole:f}%"


def times(factor: Decimal) -> str:
    """A multiple: "16.7x"; whole numbers from 100 up ("120x")."""
    if factor >= 100:
        return f"{factor.quantize(Decimal(1), rounding=ROUND_HALF_UP):,f}x"
    return f"{factor.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}x"


def tokens_short(n: int) -> str:
    """Token counts as pages print them: 128000 -> "128K", 1000000 -> "1M", 131072 -> "131,072"."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000:,}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000:,}K"
    return f"{n:,}"


def big_count(n: int | Decimal) -> str:
    """Large counts: 1000000 -> "1M", 800000000 -> "800M", 2500000000 -> "2.5B"."""
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


def architecture(value: str | None) -> str:
    """ "moe" -> "mixture of experts"; unknown -> "—"."""
    return {"moe": "mixture of experts", "dense": "dense"}.get(value or "", value or MISSING)


def yes_no(value: bool | None) -> str:
    """A capability flag in a table: "Yes", "No" or "—" (unknown)."""
    return MISSING if value is None else ("Yes" if value else "No")


def score(value: Decimal, unit: str) -> str:
    """A benchmark value with its unit: "82%", "0.75", "110.7 tokens/s", "0.4 s"."""
    text = _trim(value, 3, 0)
    if unit == "%":
        return f"{text}%"
    if unit in ("tokens/s", "s"):
        return f"{text} {unit}"
    return text


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


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 provider", "4 providers", "0 rows"."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def split_label(input_share: Decimal) -> str:
    """0.7 -> "70/30"."""
    a = (input_share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{a:f}/{100 - a:f}"


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


def it_or_them(items: Sequence[str]) -> str:
    """The pronoun for a list of things."""
    return "it" if len(items) == 1 else "them"
