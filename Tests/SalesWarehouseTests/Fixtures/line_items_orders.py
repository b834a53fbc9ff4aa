"""Generates line_items_orders.csv, the warehouse equality tests' line-item export, from the
committed sample datasets/orders.csv (run from the package root:
`/work/pyenv/bin/python Tests/SalesWarehouseTests/Fixtures/line_items_orders.py`).

Deterministic (seed 18). Every order keeps its customer and date on all its lines; the file has
what the OrdersPurchasesRefunds definition must handle in the engine as in memory:
- orders split into 2-4 line items (amount = sum of the lines, to the cent), some with a return
  line inside an order that still nets positive;
- cancellations as separate negative invoices (own `C…` ids, 1-2 lines) a few days after a purchase;
- orders whose lines net negative (a bad-debt adjustment larger than the order);
- $0.00 orders (a free item; a purchase without revenue), one- and two-line;
- rows without an order id (each an order of its own), some of them refunds;
- customers whose only orders are refunds (counted apart, never segmented);
- lines listed out of order (an order's lines are not adjacent).
"""
import csv
import random
from pathlib import Path

root = Path(__file__).resolve().parents[3]
rng = random.Random(18)
orders = list(csv.DictReader(open(root / "datasets" / "orders.csv", newline="")))


def cents(x):
    return int(round(float(x) * 100))


def fmt(c):
    sign = "-" if c < 0 else ""
    c = abs(c)
    return f"{sign}{c // 100}.{c % 100:02d}"


def split(total, parts):
    """`parts` line amounts in cents summing to `total`."""
    if parts == 1 or abs(total) < parts:
        return [total]
    cuts = sorted(rng.sample(range(1, abs(total)), parts - 1))
    pieces = [b - a for a, b in zip([0] + cuts, cuts + [abs(total)])]
    return [p if total >= 0 else -p for p in pieces]


def day_after(date, days):
    import datetime
    return (datetime.date.fromisoformat(date) + datetime.timedelta(days=days)).isoformat()


rows = []
deferred = []
cancel = 0
for o in orders:
    total = cents(o["amount"])
    u = rng.random()
    oid, cust, date = o["order_id"], o["customer_id"], o["order_date"]
    if u < 0.03:
        # $0.00 order: a free item (one line) or an item and its full discount (two lines).
        lines = [0] if rng.random() < 0.5 else [1500, -1500]
    elif u < 0.05 and total > 0:
        # Lines netting negative: the order plus a larger adjustment.
        lines = [total, -(total + rng.randint(100, 5000))]
    elif u < 0.40 and total > 0:
        lines = split(total, rng.randint(2, 4))
        if rng.random() < 0.25:
            # A return line inside an order that still nets positive.
            back = rng.randint(1, max(1, total // 3))
            lines = lines + [-back]
            lines[0] += back
    else:
        lines = [total]
    if u > 0.97:
        oid = ""  # no order id: the row is an order of its own
        lines = [sum(lines)]
    for i, c in enumerate(lines):
        row = [oid, cust, date, fmt(c)]
        # Some lines of split orders come later in the file (not adjacent to their order).
        (deferred if i > 0 and rng.random() < 0.2 else rows).append(row)
    if total > 0 and rng.random() < 0.04:
        cancel += 1
        back = split(-rng.randint(1, total), rng.randint(1, 2))
        cancelled = day_after(date, rng.randint(1, 20))  # one date for all lines of the invoice
        for c in back:
            deferred.append([f"C{cancel}", cust, cancelled, fmt(c)])

# Customers whose only orders are refunds.
for k in range(25):
    cust = f"R{k + 1}"
    for j in range(rng.randint(1, 3)):
        cancel += 1
        date = day_after("2022-01-01", rng.randint(0, 900))
        oid = f"C{cancel}" if rng.random() < 0.8 else ""
        for c in split(-rng.randint(100, 20000), rng.randint(1, 2) if oid else 1):
            deferred.append([oid, cust, date, fmt(c)])

rng.shuffle(deferred)
out = rows[:]
for r in deferred:
    out.insert(rng.randint(len(out) // 2, len(out)), r)
with open(Path(__file__).with_name("line_items_orders.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["order_id", "customer_id", "order_date", "amount"])
    w.writerows(out)
print(len(out), "rows")
