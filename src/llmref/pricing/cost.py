"""Cost maths: what a request or a month of traffic costs on an offering, and where it is cheapest.

Everything here is pure: a catalogue snapshot, a workload and an ``as_of`` date go in, frozen
dataclasses come out. Money is :class:`~decimal.Decimal` US dollars; prices are per 1M tokens and
nothing is rounded (views round when they print).

Token accounting follows the providers' usage reports (and genai-prices):

* ``input_tokens`` counts *every* input token of a request, including those read from the prompt
  cache (``cached_input_tokens``) and those written to it (``cache_write_tokens``);
* cached tokens cost the cache-read price, written tokens the cache-write price, the rest the
  input price; where an offering lists no cache price, those tokens cost the input price;
* a long-context tier applies to the whole request once its input exceeds the tier's threshold
  ("above 200K input tokens, every token costs the higher rate"), field by field: a tier that
  does not restate a price keeps the lower tier's.

A figure that cannot be computed is an :class:`Unavailable` with the reason, never zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from llmref.catalog import Catalog, Offering, PricePoint

MAX_REQUEST_TOKENS = 100_000_000
"""Largest token count accepted for one request: ten times the largest context window tracked;
anything bigger is a typo, not a workload."""
MAX_MONTHLY_REQUESTS = 1_000_000_000_000
MAX_MONTHLY_TOKENS = 10**18

ZERO = Decimal(0)
DEFAULT_INPUT_SHARE = Decimal("0.7")
"""The 70/30 input/output split used for blended prices."""


class InvalidWorkload(ValueError):
    """A workload number is negative, absurd or inconsistent; ``field`` names it."""

    def __init__(self, field_name: str, message: str) -> None:
        self.field = field_name
        super().__init__(f"{field_name}: {message}")


def check_count(field_name: str, value: int, maximum: int) -> None:
    """Raise :class:`InvalidWorkload` unless ``value`` is a whole number in [0, maximum]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidWorkload(field_name, f"must be a whole number, got {value!r}")
    if value < 0:
        raise InvalidWorkload(field_name, f"cannot be negative (got {value:,})")
    if value > maximum:
        raise InvalidWorkload(field_name, f"{value:,} is more than the limit of {maximum:,}")


def check_share(field_name: str, value: Decimal) -> Decimal:
    """A share between 0 and 1 inclusive, as a Decimal (raises :class:`InvalidWorkload`)."""
    share = Decimal(value)
    if not share.is_finite() or share < 0 or share > 1:
        raise InvalidWorkload(field_name, f"must be between 0 and 1, got {value}")
    return share


@dataclass(frozen=True, slots=True)
class Usage:
    """The tokens of one request (see the module notes for what ``input_tokens`` includes)."""

    input_tokens: int
    output_tokens: int = 0
    cached_input_tokens: int = 0
    """Input tokens read from the prompt cache (part of ``input_tokens``)."""
    cache_write_tokens: int = 0
    """Input tokens written to the prompt cache (part of ``input_tokens``)."""
    batch: bool = False
    """Priced at the offering's batch (asynchronous) rates."""

    def __post_init__(self) -> None:
        check_count("input_tokens", self.input_tokens, MAX_REQUEST_TOKENS)
        check_count("output_tokens", self.output_tokens, MAX_REQUEST_TOKENS)
        check_count("cached_input_tokens", self.cached_input_tokens, MAX_REQUEST_TOKENS)
        check_count("cache_write_tokens", self.cache_write_tokens, MAX_REQUEST_TOKENS)
        if self.cached_input_tokens + self.cache_write_tokens > self.input_tokens:
            raise InvalidWorkload(
                "cached_input_tokens",
                "cached and cache-write tokens are part of input_tokens and cannot exceed it "
                f"({self.cached_input_tokens:,} + {self.cache_write_tokens:,} > "
                f"{self.input_tokens:,})",
            )


@dataclass(frozen=True, slots=True)
class Traffic:
    """A month of traffic: token totals, and the request count when known (it decides whether a
    long-context tier applies). Build with :meth:`per_request` or :meth:`from_total_tokens`."""

    input_tokens: int
    """Input tokens per month."""
    output_tokens: int
    """Output tokens per month."""
    requests: int | None
    """Requests per month; None when only token totals are known."""
    cached_share: Decimal = ZERO
    """Share of input tokens served from the prompt cache (0–1)."""
    batch: bool = False
    request_input_tokens: Decimal | None = field(init=False)
    """Average input tokens per request (None when the request count is unknown)."""
    request_output_tokens: Decimal | None = field(init=False)
    total_tokens: int = field(init=False)

    def __post_init__(self) -> None:
        check_count("input_tokens", self.input_tokens, MAX_MONTHLY_TOKENS)
        check_count("output_tokens", self.output_tokens, MAX_MONTHLY_TOKENS)
        if self.requests is not None:
            check_count("requests", self.requests, MAX_MONTHLY_REQUESTS)
        object.__setattr__(self, "cached_share", check_share("cached_share", self.cached_share))
        per_in = per_out = None
        if self.requests:
            per_in = Decimal(self.input_tokens) / self.requests
            per_out = Decimal(self.output_tokens) / self.requests
            if per_in > MAX_REQUEST_TOKENS:
                raise InvalidWorkload(
                    "input_tokens", f"{per_in:,.0f} tokens per request is more than the limit"
                )
        object.__setattr__(self, "request_input_tokens", per_in)
        object.__setattr__(self, "request_output_tokens", per_out)
        object.__setattr__(self, "total_tokens", self.input_tokens + self.output_tokens)

    @classmethod
    def per_request(
        cls,
        requests: int,
        input_tokens: int,
        output_tokens: int,
        *,
        cached_share: Decimal = ZERO,
        batch: bool = False,
    ) -> Traffic:
        """``requests`` a month, each of ``input_tokens`` in and ``output_tokens`` out."""
        check_count("requests", requests, MAX_MONTHLY_REQUESTS)
        check_count("input_tokens", input_tokens, MAX_REQUEST_TOKENS)
        check_count("output_tokens", output_tokens, MAX_REQUEST_TOKENS)
        return cls(requests * input_tokens, requests * output_tokens, requests, cached_share, batch)

    @classmethod
    def from_total_tokens(
        cls,
        total_tokens: int,
        *,
        input_parts: int = 800,
        output_parts: int = 250,
        requests: int | None = None,
        cached_share: Decimal = ZERO,
        batch: bool = False,
    ) -> Traffic:
        """``total_tokens`` a month split input:output as ``input_parts:output_parts`` (by default
        the 800:250 shape of the default traffic). Without ``requests`` the request size is
        unknown, so long-context tiers are not applied (the cost says so in its notes)."""
        check_count("total_tokens", total_tokens, MAX_MONTHLY_TOKENS)
        check_count("input_parts", input_parts, MAX_REQUEST_TOKENS)
        check_count("output_parts", output_parts, MAX_REQUEST_TOKENS)
        if input_parts + output_parts == 0:
            raise InvalidWorkload("input_parts", "input and output parts cannot both be 0")
        input_tokens = total_tokens * input_parts // (input_parts + output_parts)
        return cls(input_tokens, total_tokens - input_tokens, requests, cached_share, batch)


DEFAULT_TRAFFIC = Traffic.per_request(1_000_000, 800, 250)
"""1M requests a month of 800 input and 250 output tokens: 800M in + 250M out."""

Workload = Usage | Traffic


@dataclass(frozen=True, slots=True)
class Cost:
    """What a workload costs on one offering, split by kind of token (USD, unrounded)."""

    total: Decimal
    input: Decimal
    """Uncached input tokens."""
    cached_input: Decimal
    cache_write: Decimal
    output: Decimal
    model_id: str
    provider_id: str
    price: PricePoint
    """The price in force on the date asked (its source and review date are the provenance)."""
    tier: int | None = None
    """Threshold of the long-context tier applied, if one was."""
    batch: bool = False
    notes: tuple[str, ...] = ()
    """Assumptions behind the figure (e.g. cached tokens billed at the input price)."""
    available: bool = True


@dataclass(frozen=True, slots=True)
class Unavailable:
    """A figure that cannot be computed, and why. Never shown as zero."""

    reason: str
    model_id: str
    provider_id: str | None = None
    available: bool = False


# The frozen dataclass __init__ sets each of Cost's twelve fields through object.__setattr__,
# which is most of the time a request's price takes (~1.7 µs of ~3). Setting the slots through
# their descriptors builds the same, still frozen object about three times faster; a test checks
# that it equals Cost(...) field for field.
_SLOT_SETTERS = tuple(Cost.__dict__[name].__set__ for name in Cost.__dataclass_fields__)
(
    _set_total,
    _set_input,
    _set_cached,
    _set_write,
    _set_output,
    _set_model,
    _set_provider,
    _set_price,
    _set_tier,
    _set_batch,
    _set_notes,
    _set_available,
) = _SLOT_SETTERS


def _new_cost(
    total: Decimal,
    input_cost: Decimal,
    cached: Decimal,
    written: Decimal,
    output: Decimal,
    model_id: str,
    provider_id: str,
    point: PricePoint,
    tier: int | None,
    batch: bool,
    notes: tuple[str, ...],
) -> Cost:
    cost = object.__new__(Cost)
    _set_total(cost, total)
    _set_input(cost, input_cost)
    _set_cached(cost, cached)
    _set_write(cost, written)
    _set_output(cost, output)
    _set_model(cost, model_id)
    _set_provider(cost, provider_id)
    _set_price(cost, point)
    _set_tier(cost, tier)
    _set_batch(cost, batch)
    _set_notes(cost, notes)
    _set_available(cost, True)
    return cost


def _where(offering: Offering) -> str:
    return f"{offering.model_id} on {offering.provider_id}"


def _cost(
    offering: Offering,
    point: PricePoint,
    input_tokens: int | Decimal,
    output_tokens: int | Decimal,
    cached: int | Decimal,
    written: int | Decimal,
    tier_basis: int | Decimal,
    batch: bool,
    notes: tuple[str, ...] = (),
) -> Cost | Unavailable:
    in_p, out_p, read_p, write_p = point.input, point.output, point.cache_read, point.cache_write
    tier = None
    for t in point.tiers:
        if tier_basis > t.above_input_tokens:
            tier = t.above_input_tokens
            in_p = in_p if t.input is None else t.input
            out_p = out_p if t.output is None else t.output
            read_p = read_p if t.cache_read is None else t.cache_read
            write_p = write_p if t.cache_write is None else t.cache_write
    if batch:
        if tier is not None:
            return Unavailable(
                f"no batch price is listed for requests over {tier:,} input tokens "
                f"({_where(offering)})",
                offering.model_id,
                offering.provider_id,
            )
        in_p, out_p = point.batch_input, point.batch_output
        if (in_p is None and input_tokens) or (out_p is None and output_tokens):
            return Unavailable(
                f"no batch price is listed for {_where(offering)}",
                offering.model_id,
                offering.provider_id,
            )
        if cached or written:
            notes = (*notes, "cache tokens are billed at the standard cache prices in batch mode")
    uncached = input_tokens - cached - written
    if cached and read_p is None:
        read_p = in_p
        notes = (*notes, "no cache-read price is listed: cached tokens billed at the input price")
    if written and write_p is None:
        write_p = in_p
        notes = (*notes, "no cache-write price is listed: written tokens billed at the input price")
    if in_p is None and (uncached or cached or written):
        return Unavailable(
            f"no input price is listed for {_where(offering)}",
            offering.model_id,
            offering.provider_id,
        )
    if out_p is None and output_tokens:
        return Unavailable(
            f"no output price is listed for {_where(offering)}",
            offering.model_id,
            offering.provider_id,
        )
    # The checks above leave a price wherever there are tokens to bill; scaleb shifts the
    # exponent, an exact division by one million. (Inline: this is the innermost loop.)
    c_in = (in_p * uncached).scaleb(-6) if uncached and in_p is not None else ZERO
    c_read = (read_p * cached).scaleb(-6) if cached and read_p is not None else ZERO
    c_write = (write_p * written).scaleb(-6) if written and write_p is not None else ZERO
    c_out = (out_p * output_tokens).scaleb(-6) if output_tokens and out_p is not None else ZERO
    return _new_cost(
        c_in + c_read + c_write + c_out,
        c_in,
        c_read,
        c_write,
        c_out,
        offering.model_id,
        offering.provider_id,
        point,
        tier,
        batch,
        notes,
    )


def no_price(offering: Offering, as_of: date | None) -> Unavailable:
    """The reason an offering has no price in force on ``as_of``."""
    where = f"{offering.model_id} on {offering.provider_id}"
    if not offering.prices:
        reason = f"no price is tracked for {where}"
    elif (
        as_of is not None
        and offering.prices[0].effective_from is not None
        and (as_of < offering.prices[0].effective_from)
    ):
        reason = (
            f"no price was in force for {where} on {as_of.isoformat()} "
            f"(prices are tracked from {offering.prices[0].effective_from.isoformat()})"
        )
    else:
        day = as_of.isoformat() if as_of else "the date asked"
        reason = f"no price was in force for {where} on {day}"
    return Unavailable(reason, offering.model_id, offering.provider_id)


def request_cost(offering: Offering, usage: Usage, as_of: date | None = None) -> Cost | Unavailable:
    """Cost of one request on ``offering`` at the price in force on ``as_of`` (None = newest)."""
    point = offering.price_on(as_of)
    if point is None:
        return no_price(offering, as_of)
    return _request_cost_at(offering, point, usage)


def price_request(
    catalog: Catalog, model: str, provider: str, usage: Usage, as_of: date | None = None
) -> Cost | Unavailable:
    """Cost of one request of ``model`` on ``provider``, both named as a user types them (id,
    alias or name): the same input ``genai_prices.calc_price`` takes. Raises
    :class:`~llmref.catalog.UnknownIdError` (a ``LookupError``) for an unknown model or
    provider; Unavailable when the provider does not list the model or has no price then."""
    offering = catalog.offering(model, provider)
    if offering is None:
        return Unavailable(f"{provider} does not list {model}", model, provider)
    return request_cost(offering, usage, as_of)


_UNKNOWN_SIZE = "request size unknown: long-context tiers not applied"


def _request_cost_at(offering: Offering, point: PricePoint, usage: Usage) -> Cost | Unavailable:
    return _cost(
        offering,
        point,
        usage.input_tokens,
        usage.output_tokens,
        usage.cached_input_tokens,
        usage.cache_write_tokens,
        usage.input_tokens,
        usage.batch,
    )


def monthly_cost(
    offering: Offering, traffic: Traffic = DEFAULT_TRAFFIC, as_of: date | None = None
) -> Cost | Unavailable:
    """Cost of a month of ``traffic`` on ``offering``."""
    point = offering.price_on(as_of)
    if point is None:
        return no_price(offering, as_of)
    return _monthly_cost_at(offering, point, traffic)


def _monthly_cost_at(offering: Offering, point: PricePoint, traffic: Traffic) -> Cost | Unavailable:
    notes: tuple[str, ...] = ()
    basis: Decimal = traffic.request_input_tokens or ZERO
    if traffic.request_input_tokens is None and point.tiers:
        notes = (_UNKNOWN_SIZE,)
    cached = traffic.input_tokens * traffic.cached_share
    return _cost(
        offering,
        point,
        traffic.input_tokens,
        traffic.output_tokens,
        cached,
        0,
        basis,
        traffic.batch,
        notes,
    )


def workload_cost(
    offering: Offering, workload: Workload, as_of: date | None = None
) -> Cost | Unavailable:
    """:func:`request_cost` for a :class:`Usage`, :func:`monthly_cost` for a :class:`Traffic`."""
    if isinstance(workload, Usage):
        return request_cost(offering, workload, as_of)
    return monthly_cost(offering, workload, as_of)


@dataclass(frozen=True, slots=True)
class Billing:
    """The token counts a workload bills, worked out once for all the offerings a model's
    routes price (:meth:`of`), then costed at each price (:meth:`cost`)."""

    input_tokens: int | Decimal
    output_tokens: int | Decimal
    cached: int | Decimal
    written: int | Decimal
    tier_basis: int | Decimal
    """Input tokens per request, which decide whether a long-context tier applies."""
    batch: bool
    size_known: bool
    """False for traffic without a request count: tiers are not applied, and a price with tiers
    says so in the cost's notes."""

    @classmethod
    def of(cls, workload: Workload) -> Billing:
        if isinstance(workload, Usage):
            return cls(
                workload.input_tokens,
                workload.output_tokens,
                workload.cached_input_tokens,
                workload.cache_write_tokens,
                workload.input_tokens,
                workload.batch,
                True,
            )
        per_request = workload.request_input_tokens
        return cls(
            workload.input_tokens,
            workload.output_tokens,
            workload.input_tokens * workload.cached_share,
            0,
            per_request or ZERO,
            workload.batch,
            per_request is not None,
        )

    def cost(self, offering: Offering, point: PricePoint) -> Cost | Unavailable:
        """:func:`workload_cost` at a price already looked up (``offering.price_on(as_of)``)."""
        notes = () if self.size_known or not point.tiers else (_UNKNOWN_SIZE,)
        return _cost(
            offering,
            point,
            self.input_tokens,
            self.output_tokens,
            self.cached,
            self.written,
            self.tier_basis,
            self.batch,
            notes,
        )
