"""Route-policy report on the bundled catalogue: how many models' default (trusted) route is
priced under half their vendor's list price — must be 0 — against the same count under the
'all' policy, and how providers are classified. Run: .venv/bin/python bench/route_report.py"""

from __future__ import annotations

from collections import Counter

from llmref.catalog import load_catalog_dir
from llmref.pricing import DEFAULT_TRAFFIC, OUTLIER_LOW, vendor_undercuts


def main() -> None:
    catalog = load_catalog_dir()
    closed = [m for m in catalog.models.values() if m.value("open_weights") is False]
    classes = Counter(p.route_class for p in catalog.providers.values())
    print("providers by route class:", ", ".join(f"{c} {n}" for c, n in sorted(classes.items())))
    for policy in ("trusted", "all"):
        found = vendor_undercuts(catalog, closed, DEFAULT_TRAFFIC, policy=policy)
        print(
            f"closed-weights models whose {policy} cheapest route is under "
            f"{OUTLIER_LOW:.0%} of the vendor's blended price: {len(found)}"
        )
        for u in found[:10]:
            print(f"  {u.model_id}: {u.route.provider_id} at {u.ratio:.1%}")


if __name__ == "__main__":
    main()
