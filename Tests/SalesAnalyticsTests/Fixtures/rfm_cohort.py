"""Reference RFM scores/segments and cohort tables, computed with pandas independently of SalesKit.

Run from the package root:
    /work/pyenv/bin/python Tests/SalesAnalyticsTests/Fixtures/rfm_cohort.py
It reads datasets/orders.csv and Tests/SalesAnalyticsTests/Fixtures/tiny_orders.csv and writes
Tests/SalesAnalyticsTests/Fixtures/rfm_cohort.json (pandas version recorded inside).

Definitions (the ones SalesKit documents in RFMAnalysis / CohortResult):
- amounts -> integer cents round(amount * 100); a purchase is a row with amount >= 0, a refund a
  row with amount < 0 (the OrdersPurchasesRefunds article); refunds "net" keep refund rows, which
  reduce the monetary value but never count as purchases, "exclude" drops them first; orders after
  as-of are dropped; customers are those with a purchase.
- recency = as_of - last purchase date (days); frequency = purchases; monetary = sum cents of all
  used rows (total) or that sum / frequency (average).
- score = 1 + (bins * (rank_min - 1)) // n, recency ranked descending, F and M ascending.
- segments: the 11-segment R x F table below.
- cohorts: cohort = period of the first purchase; period = periods since; active = distinct customers
  with a purchase in the period; on-or-after = customers whose last active period >= N; revenue =
  net cents (a refund before the cohort period is dropped); capped = sum over the customers with
  rows in N of min(net cents in N, net cents in period 0); repeat = customers with >= 2 purchases.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent

SEGMENT = [
    ["Lost", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
    ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
    ["About to Sleep", "About to Sleep", "Need Attention", "Loyal", "Loyal"],
    ["Promising", "Potential Loyalist", "Potential Loyalist", "Loyal", "Loyal"],
    ["New Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"],
]


def load(path):
    frame = pd.read_csv(path, dtype={"customer_id": str, "order_id": str})
    frame["order_date"] = pd.to_datetime(frame["order_date"], format="%Y-%m-%d")
    # Half away from zero, as SalesKit rounds (numpy's round is half to even).
    scaled = frame["amount"].to_numpy() * 100
    frame["cents"] = (np.sign(scaled) * np.floor(np.abs(scaled) + 0.5)).astype(np.int64)
    return frame


def rfm(frame, as_of=None, refunds="net", monetary="total", bins=5):
    f = frame if refunds == "net" else frame[frame["amount"] >= 0]
    if as_of is not None:
        as_of = pd.Timestamp(as_of)
        future = int((f["order_date"] > as_of).sum())
        f = f[f["order_date"] <= as_of]
    else:
        future = 0
        as_of = f["order_date"].max() + pd.Timedelta(days=1)
    buys = f[f["amount"] >= 0]
    g = buys.groupby("customer_id", sort=False).agg(last=("order_date", "max"), frequency=("order_date", "size"))
    g["cents"] = f.groupby("customer_id")["cents"].sum().reindex(g.index)
    n = len(g)
    recency = (as_of - g["last"]).dt.days
    value = g["cents"] if monetary == "total" else g["cents"] / g["frequency"]
    score = lambda s, asc: (1 + (bins * (s.rank(method="min", ascending=asc).astype(np.int64) - 1)) // n)
    r, fr, m = score(recency, False), score(g["frequency"], True), score(value, True)
    out = {}
    for cid in g.index:
        entry = {"recency": int(recency[cid]), "frequency": int(g["frequency"][cid]), "cents": int(g["cents"][cid]),
                 "r": int(r[cid]), "f": int(fr[cid]), "m": int(m[cid])}
        if bins == 5:
            entry["segment"] = SEGMENT[entry["r"] - 1][entry["f"] - 1]
        out[cid] = entry
    return {"asOf": as_of.strftime("%Y-%m-%d"), "futureOrders": future, "customers": out}


def period_index(dates, grain):
    if grain == "month":
        return dates.dt.year * 12 + dates.dt.month - 1
    if grain == "quarter":
        return dates.dt.year * 4 + (dates.dt.month - 1) // 3
    days = (dates - pd.Timestamp("1970-01-01")).dt.days
    return (days + 3) // 7


def label(index, grain):
    if grain == "month":
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if grain == "quarter":
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    return (pd.Timestamp("1970-01-01") + pd.Timedelta(days=7 * int(index) - 3)).strftime("%Y-%m-%d")


def cohorts(frame, grain):
    f = frame.copy()
    f["p"] = period_index(f["order_date"], grain)
    f["purchase"] = f["amount"] >= 0
    f["cohort"] = f["customer_id"].map(f[f["purchase"]].groupby("customer_id")["p"].min())
    f = f[f["cohort"].notna()].copy()          # customers with refunds only have no cohort
    f["cohort"] = f["cohort"].astype(np.int64)
    f["n"] = f["p"] - f["cohort"]
    f = f[f["n"] >= 0]                          # a refund before the cohort period is dropped
    per = f.groupby(["customer_id", "cohort", "n"], as_index=False).agg(cents=("cents", "sum"), buys=("purchase", "sum"))
    per["active"] = (per["buys"] > 0).astype(np.int64)
    base = per[per["n"] == 0].set_index("customer_id")["cents"]
    per["capped"] = np.minimum(per["cents"], per["customer_id"].map(base).fillna(0).astype(np.int64))
    cells = per.groupby(["cohort", "n"]).agg(active=("active", "sum"), cents=("cents", "sum"),
                                             capped=("capped", "sum"))
    last = per[per["active"] == 1].groupby(["customer_id", "cohort"])["n"].max().reset_index()
    sizes = last.groupby("cohort").size()
    orders = f[f["purchase"]].groupby(["customer_id", "cohort"]).size().reset_index(name="orders")
    repeats = orders[orders["orders"] >= 2].groupby("cohort").size()
    end = int(f["p"].max())
    result = {}
    for cohort, size in sizes.items():
        lasts = last[last["cohort"] == cohort]["n"].to_numpy()
        rows = []
        for n in range(end - int(cohort) + 1):
            key = (cohort, n)
            active, cents, capped = (cells.loc[key].tolist() if key in cells.index else [0, 0, 0])
            rows.append([int(active), int((lasts >= n).sum()), int(cents), int(capped)])
        result[label(int(cohort), grain)] = {"size": int(size), "repeat": int(repeats.get(cohort, 0)), "cells": rows}
    return result


def main():
    orders = load(ROOT / "datasets/orders.csv")
    tiny = load(HERE / "tiny_orders.csv")
    fixture = {
        "source": f"pandas {pd.__version__}, numpy {np.__version__}; {Path(sys.argv[0]).name}",
        "datasets": {
            "rfmDefault": rfm(orders),
            "rfmVariant": rfm(orders, as_of="2024-06-30", refunds="exclude", monetary="average", bins=4),
            "cohortMonth": cohorts(orders, "month"),
            "cohortQuarter": cohorts(orders, "quarter"),
            "cohortWeek": cohorts(orders, "week"),
        },
        "tiny": {
            "rfmDefault": rfm(tiny),
            "rfmExcludeAverage": rfm(tiny, as_of="2024-03-31", refunds="exclude", monetary="average", bins=5),
            "cohortMonth": cohorts(tiny, "month"),
        },
    }
    (HERE / "rfm_cohort.json").write_text(json.dumps(fixture, sort_keys=True, separators=(",", ":")) + "\n")


main()
