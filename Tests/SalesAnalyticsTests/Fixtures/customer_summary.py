# Reference customer summaries (frequency, recency, T, monetary, holdout purchases) from lifetimes.
#
# Run from this directory:   /work/pyenv/bin/python customer_summary.py
# (lifetimes 0.11.3, pandas; reads ./cdnow_sample_transactions.csv and ../../../datasets/orders.csv)
#
# cdnow_sample_transactions.csv (the one committed copy: the CDNOW sample of Fader, Hardie & Lee 2005 as shipped in lifetimes/datasets/CDNOW_sample.txt,
# extracted by Tests/SalesModelsTests/Fixtures/cdnow.py).
#
# Each case runs lifetimes.utils.calibration_and_holdout_data (which calls
# summary_data_from_transaction_data on the orders dated <= the calibration end) and writes every
# customer's frequency_cal, recency_cal, T_cal, monetary_value_cal, frequency_holdout and the
# duration_holdout, with the arguments used. Writes customer_summary.json.
import json
import os

import lifetimes
import pandas as pd
from lifetimes.utils import calibration_and_holdout_data

here = os.path.dirname(os.path.abspath(__file__))
cdnow = pd.read_csv(os.path.join(here, "cdnow_sample_transactions.csv"), dtype={"customer_id": str})
orders = pd.read_csv(os.path.join(here, "../../../datasets/orders.csv"))
purchases = orders[orders["amount"] >= 0]  # SalesKit's RefundPolicy.exclude

cases = [
    # name, frame, id column, date column, calibration end, observation end, freq, multiplier, SalesKit grouping/unit
    ("cdnow_day_in_weeks", cdnow, "customer_id", "date", "1997-09-30", "1998-06-30", "D", 7, "day", "week"),
    ("cdnow_weekly", cdnow, "customer_id", "date", "1997-09-30", "1998-06-30", "W", 1, "week", "week"),
    ("datasets_daily_purchases", purchases, "customer_id", "order_date", "2024-06-30", "2024-12-31", "D", 1, "day", "day"),
]
out = {"source": "lifetimes %s calibration_and_holdout_data, pandas %s" % (lifetimes.__version__, pd.__version__),
       "cases": []}
for name, frame, cid, date, cal, obs, freq, mult, grouping, unit in cases:
    s = calibration_and_holdout_data(
        frame, cid, date, calibration_period_end=cal, observation_period_end=obs,
        freq=freq, freq_multiplier=mult, monetary_value_col="amount",
    ).sort_index()
    out["cases"].append({
        "name": name,
        "arguments": {"calibration_period_end": cal, "observation_period_end": obs, "freq": freq,
                      "freq_multiplier": mult},
        "grouping": grouping,
        "unit": unit,
        "calibrationEnd": cal,
        "holdoutEnd": obs,
        "durationHoldout": float(s["duration_holdout"].iloc[0]),
        "customers": [
            {"id": str(i), "frequency": int(r.frequency_cal), "recency": float(r.recency_cal), "T": float(r.T_cal),
             "monetary": float(r.monetary_value_cal), "holdout": int(r.frequency_holdout)}
            for i, r in s.iterrows()
        ],
    })
# Holdout validation reference on cdnow_day_in_weeks: lifetimes' BG/NBD fitted on the calibration
# summary, expected purchases over the holdout duration, totals and means per calibration frequency
# bucket 0..6 and 7+.
from lifetimes import BetaGeoFitter

s = calibration_and_holdout_data(cdnow, "customer_id", "date", calibration_period_end="1997-09-30",
                                 observation_period_end="1998-06-30", freq="D", freq_multiplier=7)
bgf = BetaGeoFitter(penalizer_coef=0.0).fit(s["frequency_cal"], s["recency_cal"], s["T_cal"])
s["expected"] = bgf.conditional_expected_number_of_purchases_up_to_time(
    s["duration_holdout"], s["frequency_cal"], s["recency_cal"], s["T_cal"])
s["bucket"] = s["frequency_cal"].clip(upper=7)
buckets = s.groupby("bucket").agg(customers=("expected", "size"), meanExpected=("expected", "mean"),
                                  meanActual=("frequency_holdout", "mean"))
out["holdout"] = {
    "params": {k: float(v) for k, v in bgf.params_.items()},
    "actualTotal": int(s["frequency_holdout"].sum()),
    "expectedTotal": float(s["expected"].sum()),
    "meanAbsoluteError": float((s["expected"] - s["frequency_holdout"]).abs().mean()),
    "buckets": [{"frequency": int(b), "customers": int(r.customers), "meanExpected": float(r.meanExpected),
                 "meanActual": float(r.meanActual)} for b, r in buckets.iterrows()],
}
print(out["holdout"])
with open(os.path.join(here, "customer_summary.json"), "w") as fh:
    json.dump(out, fh)
for c in out["cases"]:
    print(c["name"], len(c["customers"]), c["durationHoldout"])
