# Reference customer KPIs on the committed datasets/ (orders, customers, marketing_spend, surveys),
# computed independently with pandas from the definitions in Sources/SalesAnalytics/Customers/CustomerKPIs.swift.
#
# Run from this directory:   /work/pyenv/bin/python customer_kpis.py     (pandas; writes customer_kpis.json)
import json
import os

import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "../../../datasets")
orders = pd.read_csv(os.path.join(data, "orders.csv"), parse_dates=["order_date"])
customers = pd.read_csv(os.path.join(data, "customers.csv"), parse_dates=["signup_date"])
spend = pd.read_csv(os.path.join(data, "marketing_spend.csv"))
surveys = pd.read_csv(os.path.join(data, "surveys.csv"))

out = {"source": "pandas %s on datasets/*.csv" % pd.__version__}
purchases = orders[orders["amount"] >= 0]
first = purchases.groupby("customer_id")["order_date"].min()
last = purchases.groupby("customer_id")["order_date"].max()
count = purchases.groupby("customer_id").size()

for freq, label in (("M", "month"), ("Q", "quarter")):
    o = orders.assign(p=orders["order_date"].dt.to_period(freq))
    pu = o[o["amount"] >= 0]
    periods = pd.period_range(o["p"].min(), o["p"].max(), freq=freq)
    revenue = o.groupby("p")["amount"].sum().reindex(periods, fill_value=0.0)
    n_orders = pu.groupby("p").size().reindex(periods, fill_value=0)
    aov = pu.groupby("p")["amount"].mean().reindex(periods)
    active = pu.groupby("p")["customer_id"].apply(set).reindex(periods)
    firstp = first.dt.to_period(freq)
    new = firstp.value_counts().reindex(periods, fill_value=0)
    o["is_new"] = o["customer_id"].map(firstp) == o["p"]
    new_rev = o[o["is_new"]].groupby("p")["amount"].sum().reindex(periods, fill_value=0.0)
    rows, retained_total, base_total = [], 0, 0
    per_year = 12 if freq == "M" else 4
    for i, p in enumerate(periods):
        prev = revenue.iloc[i - 1] if i > 0 else None
        yoy = revenue.iloc[i - per_year] if i >= per_year else None
        a = active.iloc[i] if isinstance(active.iloc[i], set) else set()
        retention = None
        if i > 0:
            b = active.iloc[i - 1] if isinstance(active.iloc[i - 1], set) else set()
            if b:
                retention = len(a & b) / len(b)
                retained_total += len(a & b)
                base_total += len(b)
        rows.append({
            "period": str(p).replace("Q", "-Q") if freq == "Q" else str(p),
            "revenue": float(revenue.iloc[i]),
            "growth": None if prev is None or prev <= 0 else float(revenue.iloc[i] / prev - 1),
            "yoyGrowth": None if yoy is None or yoy <= 0 else float(revenue.iloc[i] / yoy - 1),
            "orders": int(n_orders.iloc[i]),
            "aov": None if pd.isna(aov.iloc[i]) else float(aov.iloc[i]),
            "activeCustomers": len(a),
            "newCustomers": int(new.iloc[i]),
            "newCustomerRevenue": float(new_rev.iloc[i]),
            "retentionRate": retention,
        })
    out[label] = {"periods": rows, "retentionRate": retained_total / base_total}

aov_all = purchases["amount"].sum() / len(purchases)
years = ((orders["order_date"].max() - orders["order_date"].min()).days + 1) / 365.2425
freq_year = len(purchases) / len(count) / years
lifespan = ((last - first).dt.days).mean() / 365.2425
spend["m"] = pd.PeriodIndex(spend["month"], freq="M")
months = set(spend["m"])
acq = customers.assign(m=customers["signup_date"].dt.to_period("M"))
acq = acq[acq["m"].isin(months)]
by_channel = []
paid = 0
for ch, s in spend.groupby("channel")["spend"].sum().sort_index().items():
    n = int((acq["acquisition_channel"] == ch).sum())
    paid += n
    by_channel.append({"channel": ch, "spend": float(s), "newCustomers": n, "cac": float(s / n) if n else None})
total_spend = float(spend["spend"].sum())
cac = total_spend / paid
nps = surveys[surveys["kind"] == "nps"]["score"]
csat = surveys[surveys["kind"] == "csat"]["score"]
out["whole"] = {
    "totalRevenue": float(orders["amount"].sum()),
    "totalOrders": int(len(purchases)),
    "customers": int(len(count)),
    "aov": float(aov_all),
    "purchaseFrequencyPerYear": float(freq_year),
    "lifespanYears": float(lifespan),
    "revenuePerCustomer": float(orders["amount"].sum() / len(count)),
    "repeatPurchaseRate": float((count >= 2).sum() / len(count)),
    "cacByChannel": by_channel,
    "cac": cac,
    "blendedCac": total_spend / len(acq),
    "paybackMonths": cac / (aov_all * freq_year / 12),
    "nps": float(100 * ((nps >= 9).sum() - (nps <= 6).sum()) / len(nps)),
    "npsAnswers": int(len(nps)),
    "csat": float(100 * (csat >= 4).sum() / len(csat)),
    "csatAnswers": int(len(csat)),
}
with open(os.path.join(here, "customer_kpis.json"), "w") as fh:
    json.dump(out, fh, indent=1)
print(json.dumps(out["whole"], indent=1)[:1500])
