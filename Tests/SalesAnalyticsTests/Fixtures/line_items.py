# Expected answers for line_items_with_cancellations.csv (an Online Retail-style export: one row per
# line item, cancellation invoices "C…", an order whose lines net negative, a return line inside an
# order, a refund-only customer, a $0.00 order, a row without order_id), computed with pandas from
# the definitions of Sources/SalesAnalytics/Documentation.docc/OrdersPurchasesRefunds.md:
# - rows sharing an order_id are one order: amount = sum of its lines, customer and date = its first
#   line (file order); a row with an empty order_id is an order of its own;
# - a purchase is an order with net amount >= 0, a refund one with net amount < 0;
# - customers = customers with a purchase; repeat customers = with >= 2 purchases; customers with
#   refunds only are counted apart;
# - --refunds net: revenue = sum of every order; exclude/separate: sum of the purchases;
# - RFM (as-of = the day after the last order): recency = as-of - last purchase, frequency =
#   purchases, monetary = net sum; cohorts (month of the first purchase): size and repeat customers.
#
# Run from this directory:   /work/pyenv/bin/python line_items.py     (pandas; writes line_items.json)
import json
import os

import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
lines = pd.read_csv(os.path.join(here, "line_items_with_cancellations.csv"),
                    dtype={"order_id": str, "customer_id": str}, keep_default_na=False)
lines["order_date"] = pd.to_datetime(lines["order_date"], format="%Y-%m-%d")
lines["row"] = range(len(lines))
# An empty order_id is an order of its own.
lines["key"] = [oid if oid != "" else f"row-{r}" for oid, r in zip(lines["order_id"], lines["row"])]
orders = lines.groupby("key", sort=False).agg(customer_id=("customer_id", "first"), order_date=("order_date", "first"),
                                              amount=("amount", "sum"), first_row=("row", "min"))
orders = orders.sort_values("first_row").reset_index()
orders["purchase"] = orders["amount"] >= 0
buys = orders[orders["purchase"]]
refunds = orders[~orders["purchase"]]
per_customer = buys.groupby("customer_id").size()
everyone = set(orders["customer_id"])

as_of = orders["order_date"].max() + pd.Timedelta(days=1)
rfm = {}
for cid, g in orders.groupby("customer_id"):
    b = g[g["purchase"]]
    if len(b) == 0:
        continue
    rfm[cid] = {"recency": int((as_of - b["order_date"].max()).days), "frequency": int(len(b)),
                "monetary": round(float(g["amount"].sum()), 2)}

first = buys.groupby("customer_id")["order_date"].min().dt.strftime("%Y-%m")
cohorts = {}
for month, ids in first.groupby(first):
    cohorts[month] = {"size": int(len(ids)), "repeat": int(sum(per_customer[c] >= 2 for c in ids.index))}

doc = {
    "source": f"pandas {pd.__version__}; line_items.py",
    "rows": int(len(lines)),
    "orders": int(len(orders)),
    "purchases": int(len(buys)),
    "refunds": int(len(refunds)),
    "refundAmount": round(float(refunds["amount"].sum()), 2),
    "customers": int(len(per_customer)),
    "repeatCustomers": int((per_customer >= 2).sum()),
    "repeatPurchaseRate": float((per_customer >= 2).sum() / len(per_customer)),
    "customersWithoutPurchase": int(len(everyone - set(per_customer.index))),
    "revenueNet": round(float(orders["amount"].sum()), 2),
    "revenueExcludingRefunds": round(float(buys["amount"].sum()), 2),
    "aov": float(buys["amount"].sum() / len(buys)),
    "asOf": as_of.strftime("%Y-%m-%d"),
    "rfm": rfm,
    "cohorts": cohorts,
}
with open(os.path.join(here, "line_items.json"), "w") as fh:
    json.dump(doc, fh, indent=1, sort_keys=True)
    fh.write("\n")
print(json.dumps(doc, indent=1, sort_keys=True))
