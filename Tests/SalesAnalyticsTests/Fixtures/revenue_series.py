"""Reference revenue series for SalesAnalyticsTests (RevenueAggregationTests).

Run from anywhere (paths are relative to this file):
    /work/pyenv/bin/python Tests/SalesAnalyticsTests/Fixtures/revenue_series.py
Reads datasets/orders.csv with pandas and writes revenue_series.json next to this script: net
revenue (refunds are negative amounts) per day, week (Monday..Sunday, labelled by the Monday),
calendar month and quarter over the full range from the first to the last order (empty periods 0
and listed), plus monthly revenue split by a derived group "bucket" = "b" + (order_id number mod 3),
a rule the Swift test rebuilds. Sums are exact: amounts are summed as integer cents.
"""
import json
import pathlib

import pandas as pd

root = pathlib.Path(__file__).resolve().parents[3]
orders = pd.read_csv(root / "datasets" / "orders.csv", dtype={"order_id": str, "customer_id": str})
orders["order_date"] = pd.to_datetime(orders["order_date"], format="%Y-%m-%d")
orders["cents"] = (orders["amount"] * 100).round().astype("int64")


def series(freq: str, label) -> dict:
    grouped = orders.groupby(orders["order_date"].dt.to_period(freq))["cents"].sum()
    full = pd.period_range(grouped.index.min(), grouped.index.max(), freq=freq)
    counts = orders.groupby(orders["order_date"].dt.to_period(freq)).size().reindex(full, fill_value=0)
    grouped = grouped.reindex(full, fill_value=0)
    return {
        "labels": [label(p) for p in full],
        "cents": [int(v) for v in grouped.values],
        "emptyPeriods": [label(p) for p, c in zip(full, counts.values) if c == 0],
    }


out = {
    "source": "pandas " + pd.__version__ + " groupby on datasets/orders.csv (integer cents)",
    "orders": int(len(orders)),
    "day": series("D", lambda p: p.strftime("%Y-%m-%d")),
    # W-SUN periods run Monday..Sunday; label them by their Monday.
    "week": series("W-SUN", lambda p: p.start_time.strftime("%Y-%m-%d")),
    "month": series("M", lambda p: p.strftime("%Y-%m")),
    "quarter": series("Q", lambda p: f"{p.year}-Q{p.quarter}"),
}
orders["bucket"] = "b" + (orders["order_id"].str[1:].astype(int) % 3).astype(str)
months = pd.period_range(orders["order_date"].min().to_period("M"), orders["order_date"].max().to_period("M"), freq="M")
groups = {}
for name, part in orders.groupby("bucket"):
    g = part.groupby(part["order_date"].dt.to_period("M"))["cents"].sum().reindex(months, fill_value=0)
    groups[name] = [int(v) for v in g.values]
out["monthByBucket"] = {"labels": [p.strftime("%Y-%m") for p in months], "groups": groups}
(pathlib.Path(__file__).with_suffix(".json")).write_text(json.dumps(out, indent=1) + "\n")
print("wrote", pathlib.Path(__file__).with_suffix(".json"))
