# Extracts the CDNOW reference fixtures for the BG/NBD, Gamma-Gamma and CLV tests.
#
# Run from this directory:   /work/pyenv/bin/python cdnow.py
# (needs `lifetimes` 0.11.3: /work/pyenv/bin/pip install lifetimes)
#
# Source: the CDNOW sample (Fader, Hardie & Lee 2005) as shipped inside the `lifetimes` PyPI package
# (lifetimes/datasets/CDNOW_sample.txt: 6,919 transactions of 2,357 customers, 1997-01-01..1998-06-30;
# and lifetimes/datasets/cdnow_customers_summary_with_transactions.csv: the 39-week calibration
# summary x, t_x, T in weeks with zbar = mean value of the repeat purchases).
#
# Writes:
#   cdnow_summary.csv                 id, frequency, recency, T, monetary, monetary_exact (weeks;
#                                     monetary = the shipped zbar, rounded to cents, 0 when x = 0;
#                                     monetary_exact = the same mean recomputed from the raw sample:
#                                     purchases on one day summed, first purchase excluded, dates up to
#                                     1997-09-30 — the published Gamma-Gamma fit uses unrounded means)
#   cdnow_lifetimes.json              lifetimes' fitted BG/NBD and Gamma-Gamma parameters and predictions
#   ../../SalesAnalyticsTests/Fixtures/cdnow_sample_transactions.csv
#                                     customer_id, date (YYYY-MM-DD), amount — the raw sample, one row per
#                                     line of CDNOW_sample.txt (customer_id = the sample's 2nd column);
#                                     the one committed copy, read by the analytics and CLI tests
import json
import os

import numpy as np
import pandas as pd
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter
from lifetimes.datasets import load_dataset

here = os.path.dirname(os.path.abspath(__file__))

summary = load_dataset("cdnow_customers_summary_with_transactions.csv")
summary = summary.rename(columns={"x": "frequency", "t_x": "recency", "zbar": "monetary"})
raw = load_dataset(
    "CDNOW_sample.txt",
    header=None,
    sep=r"\s+",
    names=["master_id", "customer_id", "date", "quantity", "amount"],
    dtype={"date": str},
)
raw["date"] = raw["date"].str.slice(0, 4) + "-" + raw["date"].str.slice(4, 6) + "-" + raw["date"].str.slice(6, 8)
raw[["customer_id", "date", "amount"]].to_csv(
    os.path.join(here, "../../SalesAnalyticsTests/Fixtures/cdnow_sample_transactions.csv"), index=False, float_format="%.2f"
)

cal = raw[raw["date"] <= "1997-09-30"].groupby(["customer_id", "date"], as_index=False)["amount"].sum()
cal = cal.sort_values(["customer_id", "date"])
repeat = cal[cal.groupby("customer_id").cumcount() > 0]
exact = repeat.groupby("customer_id")["amount"].mean()
summary["monetary_exact"] = summary["ID"].map(exact).fillna(0.0)
assert (summary["ID"].map(repeat.groupby("customer_id").size()).fillna(0).astype(int) == summary["frequency"]).all()
summary[["ID", "frequency", "recency", "T", "monetary", "monetary_exact"]].rename(columns={"ID": "id"}).to_csv(
    os.path.join(here, "cdnow_summary.csv"), index=False, float_format="%.10g"
)

f, r, T, m = summary["frequency"], summary["recency"], summary["T"], summary["monetary"]

bgf = BetaGeoFitter(penalizer_coef=0.0)
bgf.fit(f, r, T)
bgp = {k: float(v) for k, v in bgf.params_.items()}

returning = summary[summary["frequency"] > 0]
ggf = GammaGammaFitter(penalizer_coef=0.0)
ggf.fit(returning["frequency"], returning["monetary"])
ggp = {k: float(v) for k, v in ggf.params_.items()}
gge = GammaGammaFitter(penalizer_coef=0.0)
gge.fit(returning["frequency"], returning["monetary_exact"])
ggp_exact = {k: float(v) for k, v in gge.params_.items()}

# A few customers: the paper's example (x=2, t_x=30.43, T=38.86) and rows spanning x = 0 .. large x.
cases = [
    (2, 30.43, 38.86),
    (0, 0.0, 38.86),
    (1, 1.71, 38.86),
    (7, 29.43, 35.14),
    (0, 0.0, 32.0),
    (14, 37.0, 38.0),
    (3, 5.0, 36.0),
]
conditional = []
for x, tx, TT in cases:
    conditional.append(
        {
            "frequency": x,
            "recency": tx,
            "T": TT,
            "t": 39.0,
            "expected": float(np.ravel(bgf.conditional_expected_number_of_purchases_up_to_time(39.0, x, tx, TT))[0]),
            "p_alive": float(np.ravel(bgf.conditional_probability_alive(x, tx, TT))[0]),
        }
    )

unconditional = [
    {"t": t, "expected": float(np.ravel(bgf.expected_number_of_purchases_up_to_time(t))[0])} for t in (1.0, 10.0, 39.0, 78.0)
]
prob_n = [
    {"t": 39.0, "n": n, "probability": float(np.ravel(bgf.probability_of_n_purchases_up_to_time(39.0, n))[0])}
    for n in (0, 1, 2, 5)
]

ggm = []
for x, mv in ((1, 10.0), (2, 22.35), (5, 40.0), (10, 15.0)):
    ggm.append({"frequency": x, "monetary": mv,
                "expected": float(np.ravel(ggf.conditional_expected_average_profit(x, mv))[0])})

# CLV exactly as lifetimes defines it: time=12 "months" of factor=4.345 weeks (freq="W"),
# discount_rate=0.01 per month, monetary = Gamma-Gamma conditional expected average profit.
clv_args = {"time": 12, "discount_rate": 0.01, "freq": "W", "period_length_weeks": 4.345}
clv_rows = returning.head(10)
clv = ggf.customer_lifetime_value(
    bgf,
    clv_rows["frequency"],
    clv_rows["recency"],
    clv_rows["T"],
    clv_rows["monetary"],
    time=clv_args["time"],
    discount_rate=clv_args["discount_rate"],
    freq=clv_args["freq"],
)
clv_cases = [
    {"frequency": int(a), "recency": float(b), "T": float(c), "monetary": float(d), "clv": float(e)}
    for a, b, c, d, e in zip(clv_rows["frequency"], clv_rows["recency"], clv_rows["T"], clv_rows["monetary"], clv)
]

pnbd = ParetoNBDFitter(penalizer_coef=0.0)
pnbd.fit(f, r, T)
pnbd_params = {k: float(v) for k, v in pnbd.params_.items()}
pnbd_conditional = []
for x, tx, TT in cases:
    pnbd_conditional.append(
        {
            "frequency": x, "recency": tx, "T": TT, "t": 39.0,
            "expected": float(np.ravel(pnbd.conditional_expected_number_of_purchases_up_to_time(39.0, x, tx, TT))[0]),
            "p_alive": float(np.ravel(pnbd.conditional_probability_alive(x, tx, TT))[0]),
        }
    )

out = {
    "source": "lifetimes %s on the CDNOW sample shipped in the package (cdnow_customers_summary_with_transactions.csv)"
    % lifetimes.__version__,
    "bgnbd": {"params": bgp, "conditional": conditional, "unconditional": unconditional, "probability_of_n": prob_n},
    "gamma_gamma": {"params": ggp, "params_exact_monetary": ggp_exact, "conditional_expected_average_profit": ggm},
    "clv": {"arguments": clv_args, "cases": clv_cases},
    "pareto_nbd": {"params": pnbd_params, "conditional": pnbd_conditional},
}
with open(os.path.join(here, "cdnow_lifetimes.json"), "w") as fh:
    json.dump(out, fh, indent=1)
print(json.dumps({"bgnbd": bgp, "gg": ggp}, indent=1))
