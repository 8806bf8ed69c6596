"""One sentence saying how a cheapest route was chosen: how many routes were considered under
the route policy, and which were set aside and why (see :mod:`llmref.pricing.policy`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmref.formatting import join_and, plural

if TYPE_CHECKING:
    from llmref.pricing import RouteAssessment

NAMED = 4
"""Set-aside routes named in full; the rest are counted."""


def route_policy_sentence(assessment: RouteAssessment) -> str:
    """E.g. "Chosen among 9 of 24 priced routes (trusted route policy); set aside as cheaper-
    looking: Poe (consumer app or subscription, not a pay-per-token API) and 2 more."."""
    considered = assessment.considered
    policy = assessment.policy
    if considered == 0:
        return f"No priced pay-per-token route to consider ({policy} route policy)."
    excluded = assessment.excluded
    included = considered - len(excluded)
    if not excluded:
        if considered == 1:
            return f"The only priced route ({policy} route policy)."
        flagged = [a for a in assessment.routes if a.outlier is not None]
        text = f"Chosen among all {plural(considered, 'priced route')} ({policy} route policy)"
        if flagged:
            names = [
                f"{a.route.provider_name} ({a.outlier.reason})"
                for a in flagged[:NAMED]
                if a.outlier is not None
            ]
            more = len(flagged) - len(names)
            text += "; outliers kept: " + join_and(names + ([f"{more} more"] if more else []))
        return text + "."
    cheaper = assessment.set_aside_cheaper
    shown = cheaper if cheaper else excluded
    names = [f"{a.route.provider_name} ({a.excluded_reason})" for a in shown[:NAMED]]
    more = len(excluded) - len(names)
    if more and cheaper:
        names.append(f"{more} more set aside")
        more = 0
    label = "set aside as cheaper-looking" if cheaper else "set aside"
    return (
        f"Chosen among {included} of {plural(considered, 'priced route')} ({policy} route "
        f"policy); {label}: " + join_and(names + ([f"{more} more"] if more else [])) + "."
    )
