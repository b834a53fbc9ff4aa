# The full CDNOW master log and lifetimes' BG/NBD and Gamma-Gamma fits on it.
#
# Run from this directory:   /work/pyenv/bin/python cdnow_master.py
# (lifetimes 0.11.3 and pandas; reads lifetimes/datasets/CDNOW_master.txt from the installed package)
#
# Source: CDNOW_master.txt as shipped inside the `lifetimes` PyPI package: 69,659 transactions of
# 23,570 customers, 1997-01-01..1998-06-30, whitespace-aligned columns
# customer id, date (YYYYMMDD), number of CDs, dollar value. 80 rows have a dollar value of 0.00.
#
# Writes:
#   cdnow_master_transactions.csv  customer_id, order_date, number_of_cds, amount: every row of the
#                                  master, in file order, with the columns converted only (the date
#                                  written YYYY-MM-DD; id, count and amount copied as written — the
#                                  0.00 rows stay)
#   cdnow_master_lifetimes.json    lifetimes' summary_data_from_transaction_data with
#                                  observation_period_end 1997-09-30, freq "D" (one purchase per
#                                  customer and day), freq_multiplier 7 (times in weeks), monetary
#                                  value = mean of the repeat days' sums; BetaGeoFitter on every
#                                  customer; GammaGammaFitter on the customers with frequency > 0 and
#                                  monetary value > 0 (the model needs positive spend)
import json
import os

import pandas as pd
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data

here = os.path.dirname(os.path.abspath(__file__))
source = os.path.join(os.path.dirname(lifetimes.__file__), "datasets", "CDNOW_master.txt")

rows = []
with open(source) as fh:
    header = fh.readline().split()
    assert header == ["customer_id", "date", "number_of_cds", "dollar_value"], header
    for line in fh:
        cid, date, cds, value = line.split()
        rows.append((cid, f"{date[0:4]}-{date[4:6]}-{date[6:8]}", cds, value))
with open(os.path.join(here, "cdnow_master_transactions.csv"), "w", newline="") as out:
    out.write("customer_id,order_date,number_of_cds,amount\n")
    for r in rows:
        out.write(",".join(r) + "\n")

tx = pd.DataFrame(rows, columns=["customer_id", "order_date", "number_of_cds", "amount"])
tx["order_date"] = pd.to_datetime(tx["order_date"])
tx["amount"] = tx["amount"].astype(float)
summary = summary_data_from_transaction_data(
    tx, "customer_id", "order_date", monetary_value_col="amount",
    observation_period_end="1997-09-30", freq="D", freq_multiplier=7,
)

bgf = BetaGeoFitter(penalizer_coef=0.0)
bgf.fit(summary["frequency"], summary["recency"], summary["T"])
returning = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
ggf = GammaGammaFitter(penalizer_coef=0.0)
ggf.fit(returning["frequency"], returning["monetary_value"])

doc = {
    "source": "lifetimes %s, CDNOW_master.txt" % lifetimes.__version__,
    "rows": len(tx),
    "zeroAmountRows": int((tx["amount"] == 0).sum()),
    "calibrationEnd": "1997-09-30",
    "customers": int(len(summary)),
    "repeatCustomers": int((summary["frequency"] > 0).sum()),
    "gammaGammaCustomers": int(len(returning)),
    "excludedFromSpendModel": int(((summary["frequency"] > 0) & ~(summary["monetary_value"] > 0)).sum()),
    "bgnbd": {k: float(v) for k, v in bgf.params_.items()},
    "gammaGamma": {k: float(v) for k, v in ggf.params_.items()},
    # lifetimes keeps the mean negative log-likelihood of the fit (no penalty here).
    "gammaGammaLogLikelihood": float(-ggf._negative_log_likelihood_ * len(returning)),
    "frequencySum": int(summary["frequency"].sum()),
    "recencySum": float(summary["recency"].sum()),
    "ageSum": float(summary["T"].sum()),
}
with open(os.path.join(here, "cdnow_master_lifetimes.json"), "w") as fh:
    json.dump(doc, fh, indent=1)
    fh.write("\n")
print(json.dumps(doc, indent=1))
