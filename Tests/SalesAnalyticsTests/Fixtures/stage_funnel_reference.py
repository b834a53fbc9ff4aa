"""Reference CRM stage funnel on datasets/ computed independently with pandas.

Run from the package root:
    /work/pyenv/bin/python Tests/SalesAnalyticsTests/Fixtures/stage_funnel_reference.py
Writes stage_funnel_reference.json next to this script. Definitions (StageFunnel's documentation):
furthest open stage per deal (won deals passed all four), outcome from opportunities.csv is_won
(else its stage); entered = furthest >= k (or won), advanced = furthest > k (or won), lost = lost
deals with furthest == k, still open = open deals at k; days in stage = next entered_at - this one
for open-stage entries, median and p90 with numpy's default (linear, type 7) quantiles; leakage:
won/lost per source, rep_id, industry.
"""
import json
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OPEN = ["prospecting", "qualification", "proposal", "negotiation"]

hist = pd.read_csv(os.path.join(ROOT, "datasets", "stage_history.csv"))
opps = pd.read_csv(os.path.join(ROOT, "datasets", "opportunities.csv"))
hist["t"] = pd.to_datetime(hist["entered_at"], utc=True).astype("int64") // 10**9
hist["row"] = np.arange(len(hist))
hist = hist.sort_values(["opportunity_id", "t", "row"])
hist["k"] = hist["stage"].map({s: i for i, s in enumerate(OPEN)})
hist["next_t"] = hist.groupby("opportunity_id")["t"].shift(-1)
durations = hist[hist["k"].notna() & hist["next_t"].notna()]
furthest = hist.groupby("opportunity_id")["k"].max()
opps = opps.set_index("opportunity_id")
outcome = opps["is_won"].map({1.0: "won", 0.0: "lost"}).fillna("open")
deals = pd.DataFrame({"furthest": furthest}).join(outcome.rename("outcome")).join(opps[["source", "rep_id", "industry"]])
deals.loc[deals["outcome"] == "won", "furthest"] = 3
stages = []
for k, name in enumerate(OPEN):
    d = durations.loc[durations["k"] == k, "next_t"] - durations.loc[durations["k"] == k, "t"]
    stages.append({
        "name": name,
        "entered": int(((deals["furthest"] >= k) | (deals["outcome"] == "won")).sum()),
        "advanced": int(((deals["furthest"] > k) | (deals["outcome"] == "won")).sum()),
        "lost": int(((deals["furthest"] == k) & (deals["outcome"] == "lost")).sum()),
        "stillOpen": int(((deals["furthest"] == k) & (deals["outcome"] == "open")).sum()),
        "medianDays": float(np.quantile(d, 0.5) / 86400),
        "p90Days": float(np.quantile(d, 0.9) / 86400),
    })
leakage = []
for column in ["source", "rep_id", "industry"]:
    for value, g in deals.groupby(column):
        leakage.append({"column": column, "value": value, "deals": int(len(g)),
                        "won": int((g["outcome"] == "won").sum()), "lost": int((g["outcome"] == "lost").sum())})
out = {"source": f"pandas {pd.__version__}, numpy {np.__version__}", "stages": stages,
       "won": int((deals["outcome"] == "won").sum()), "deals": int(len(deals)), "leakage": leakage}
with open(os.path.join(HERE, "stage_funnel_reference.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
