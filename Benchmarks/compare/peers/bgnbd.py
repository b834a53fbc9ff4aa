"""Workload bgnbd: BG/NBD + Gamma-Gamma on the customers of orders.csv (WORKLOADS.md): daily
periods, observation end = last order date (over all rows), refunds (negative amounts) excluded
before the summary — a refund is not a purchase (issue 9), while lifetimes would count a refund's
day as a purchase day — Gamma-Gamma on customers with frequency > 0 and
monetary value > 0; expected purchases over the next 30 days.

Run: python bgnbd.py --peer lifetimes --data DIR
"""
from common import now, run_main


def body(args):
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data
    start = now()
    orders = pd.read_csv(f"{args.data}/orders.csv", engine="pyarrow", usecols=["customer_id", "order_date", "amount"],
                         parse_dates=["order_date"])
    load = now() - start
    start = now()
    end = orders["order_date"].max()
    purchases = orders[orders["amount"] >= 0]
    summary = summary_data_from_transaction_data(
        purchases, "customer_id", "order_date", monetary_value_col="amount",
        observation_period_end=end, freq="D")
    bg = BetaGeoFitter(penalizer_coef=0.0).fit(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    gg = GammaGammaFitter(penalizer_coef=0.0).fit(repeat["frequency"], repeat["monetary_value"])
    expected = bg.conditional_expected_number_of_purchases_up_to_time(
        30, summary["frequency"], summary["recency"], summary["T"])
    compute = now() - start
    p = bg.params_
    q = gg.params_
    return load, compute, {
        "customers": int(len(summary)), "repeatCustomers": int(len(repeat)),
        "bgnbd": {"r": float(p["r"]), "alpha": float(p["alpha"]), "a": float(p["a"]), "b": float(p["b"])},
        "gammaGamma": {"p": float(q["p"]), "q": float(q["q"]), "gamma": float(q["v"])},
        "expectedPurchases30Sum": float(expected.sum())}, {}


run_main("bgnbd", ["lifetimes"], body)
