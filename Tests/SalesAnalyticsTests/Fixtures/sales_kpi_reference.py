"""Reference sales KPIs on datasets/ computed independently with pandas.

Run from the package root:
    /work/pyenv/bin/python Tests/SalesAnalyticsTests/Fixtures/sales_kpi_reference.py
Writes sales_kpi_reference.json next to this script. Definitions as SalesKPIs documents: closed =
is_won 0/1; win rate by count and value; cycle = close_date - created_date days of closed deals
(numpy type-7 quantiles); bookings = won amount by close month; attainment = bookings / quota per
rep over the months of targets.csv; pipeline = sum of open amounts.
"""
import json
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
o = pd.read_csv(os.path.join(ROOT, "datasets", "opportunities.csv"), parse_dates=["created_date", "close_date"])
t = pd.read_csv(os.path.join(ROOT, "datasets", "targets.csv"))
closed = o[o["is_won"].notna()].copy()
closed["won"] = closed["is_won"] == 1
cycle = (closed["close_date"] - closed["created_date"]).dt.days
closed["month"] = closed["close_date"].dt.strftime("%Y-%m")
won = closed[closed["won"]]
book = won.groupby("month")["amount"].sum()
rep_book = won.groupby(["rep_id", "month"])["amount"].sum()
attain = {}
for rep, g in t.groupby("rep_id"):
    q = g["quota"].sum()
    b = sum(rep_book.get((rep, m), 0.0) for m in g["period"])
    attain[rep] = b / q
by_rep = {rep: {"closed": int(len(g)), "won": int(g["won"].sum()), "wonAmount": float(g.loc[g["won"], "amount"].sum())}
          for rep, g in closed.groupby("rep_id")}
out = {
    "source": f"pandas {pd.__version__}, numpy {np.__version__}",
    "closed": int(len(closed)), "won": int(closed["won"].sum()),
    "winRateByValue": float(won["amount"].sum() / closed["amount"].sum()),
    "averageDealSize": float(won["amount"].mean()),
    "cycleMedian": float(np.quantile(cycle, 0.5)), "cycleMean": float(cycle.mean()), "cycleP90": float(np.quantile(cycle, 0.9)),
    "bookings": {m: float(v) for m, v in book.items()},
    "attainment": attain, "byRep": by_rep,
    "pipelineValue": float(o.loc[o["is_won"].isna(), "amount"].sum()), "openDeals": int(o["is_won"].isna().sum()),
}
with open(os.path.join(HERE, "sales_kpi_reference.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
