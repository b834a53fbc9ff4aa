#!/usr/bin/env python3
"""Realistic small CRM exports in the layouts real tools write, and their expected readings.

Writes, next to this script:
  - one orders file per export style (timestamps in several zones, US / European / Chinese date
    styles, semicolon + decimal comma, GBK, Windows-1252, UTF-16, accounting amounts, gzip);
  - bad inputs (a truncated gzip, a date that fits only a format that is not given, a GBK file);
  - expected.json: for every good file, how it must read (the arguments that read it, and per row
    the calendar date, the instant where the column is a timestamp, the customer and the amount)
    plus monthly revenue, order and customer counts — computed here with pandas, independently of
    SalesKit (pandas parses the dates with the explicit format or its ISO 8601 parser, converts
    zones with the tz database, and reads numbers with decimal=/thousands=).

Run: python3 make_exports.py  (pandas; deterministic, no randomness).
"""
import codecs
import gzip
import io
import json
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))

# The orders: customer, instant in UTC, amount. Some instants sit near midnight so that the
# calendar date depends on the zone.
ORDERS = [
    ("C1", "2024-01-05T09:15:00Z", 120.50),
    ("C2", "2024-01-05T23:45:30Z", 80.00),
    ("C3", "2024-01-17T16:00:00Z", 1234.56),
    ("C1", "2024-01-31T20:30:00Z", 45.25),
    ("C4", "2024-02-01T02:10:00Z", 300.00),
    ("C2", "2024-02-14T12:00:00Z", 99.99),
    ("C5", "2024-02-29T18:05:00Z", 2500.00),
    ("C3", "2024-02-29T22:59:59Z", 10.10),
    ("C6", "2024-03-01T00:30:00Z", 75.00),
    ("C1", "2024-03-12T07:45:00Z", 18.40),
    ("C4", "2024-03-31T23:59:00Z", 640.00),
    ("C7", "2024-03-31T15:20:00Z", 27.50),
]
CHINESE_IDS = {"C1": "张三", "C2": "李四", "C3": "王五", "C4": "赵六", "C5": "孙七", "C6": "周八", "C7": "吴九"}
WESTERN_IDS = {"C1": "Müller", "C2": "Café Olé", "C3": "Øresund AB", "C4": "Señor Núñez", "C5": "François",
               "C6": "Jürgen", "C7": "Ærø"}


def utc():
    return pd.to_datetime(pd.Series([o[1] for o in ORDERS]), utc=True)


def write(name, text, encoding="utf-8"):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(codecs.encode(text, encoding))


def expected(name, frame, args, date_col, amount_col, id_col, zone="UTC", timestamps=None):
    """The expected reading of `frame` (as pandas read it) in `zone`."""
    rows = []
    for i, r in frame.iterrows():
        entry = {"customer": r[id_col], "date": r[date_col].strftime("%Y-%m-%d"), "amount": float(r[amount_col])}
        if timestamps is not None:
            entry["instant"] = int(timestamps.iloc[i].timestamp())
        rows.append(entry)
    df = pd.DataFrame(rows)
    df["month"] = df["date"].str[:7]
    monthly = df.groupby("month").agg(revenue=("amount", "sum"), orders=("amount", "size"),
                                      customers=("customer", "nunique")).reset_index()
    return {"file": name, "args": args, "zone": zone, "rows": rows,
            "months": [{"period": m, "revenue": round(float(v), 6), "orders": int(o), "customers": int(c)}
                       for m, v, o, c in monthly.itertuples(index=False)]}


def calendar_dates(instants, zone):
    return instants.dt.tz_convert(zone).dt.tz_localize(None).dt.normalize()


cases = []

# 1. ISO timestamps written in several zones (Z, -05:00, +08:00, +0530, fractional seconds) in
#    the order_date column; the calendar date is taken in UTC and, read again, in Asia/Shanghai.
instants = utc()
offsets = ["Z", "-05:00", "+08:00", "+05:30", "Z", "-08:00", "+01:00", "+09:00", "-03:00", "Z", "+08:00", "-07:00"]
lines = ["customer_id,order_date,amount"]
for (cid, _, amount), t, off in zip(ORDERS, instants, offsets):
    if off == "Z":
        text = t.strftime("%Y-%m-%dT%H:%M:%S") + (".250Z" if cid == "C1" else "Z")
    else:
        sign = 1 if off[0] == "+" else -1
        hh, mm = int(off[1:3]), int(off[-2:])
        local = t + pd.Timedelta(hours=sign * hh, minutes=sign * mm)
        text = local.strftime("%Y-%m-%d %H:%M:%S") + off.replace(":", "" if cid == "C4" else ":")
    lines.append(f"{cid},{text},{amount:.2f}")
write("orders_zones.csv", "\n".join(lines) + "\n")
frame = pd.read_csv(os.path.join(HERE, "orders_zones.csv"))
parsed = pd.to_datetime(frame["order_date"], format="ISO8601", utc=True)
for zone, args in [("UTC", []), ("Asia/Shanghai", ["--timezone", "Asia/Shanghai"]),
                   ("America/New_York", ["--timezone", "America/New_York"])]:
    f = frame.copy()
    f["order_date"] = calendar_dates(parsed, zone)
    cases.append(expected("orders_zones.csv", f, args, "order_date", "amount", "customer_id", zone))

# 2. Naive timestamps (no offset) are wall-clock times in --timezone: dates as written, instants
#    shifted by the zone (an events file, where the column is a timestamp).
lines = ["user_id,event,timestamp"]
for i, (cid, _, _) in enumerate(ORDERS):
    t = instants.iloc[i]
    lines.append(f"{cid},{'visit' if i % 2 == 0 else 'purchase'},{t.strftime('%Y-%m-%d %H:%M:%S')}")
write("events_naive.csv", "\n".join(lines) + "\n")
events = pd.read_csv(os.path.join(HERE, "events_naive.csv"))
for zone in ["UTC", "Europe/Berlin", "+08:00"]:
    tz = "Etc/GMT-8" if zone == "+08:00" else zone
    local = pd.to_datetime(events["timestamp"]).dt.tz_localize(tz)
    cases.append({"file": "events_naive.csv", "zone": zone, "args": [] if zone == "UTC" else ["--timezone", zone],
                  "instants": [int(x.timestamp()) for x in local]})

# 3. US style: 12/01/2010 08:26 (month first), read with --date-format "%m/%d/%Y %H:%M".
lines = ["CustomerID,InvoiceDate,Amount"]
for cid, _, amount in ORDERS:
    pass
for (cid, _, amount), t in zip(ORDERS, instants):
    lines.append(f"{cid},{t.strftime('%m/%d/%Y %H:%M')},{amount:.2f}")
write("orders_us.csv", "\n".join(lines) + "\n")
frame = pd.read_csv(os.path.join(HERE, "orders_us.csv"))
frame["InvoiceDate"] = pd.to_datetime(frame["InvoiceDate"], format="%m/%d/%Y %H:%M")
cases.append(expected("orders_us.csv", frame,
                      ["--date-format", "%m/%d/%Y %H:%M", "--map", "customer_id=CustomerID",
                       "--map", "order_date=InvoiceDate", "--map", "amount=Amount"],
                      "InvoiceDate", "Amount", "CustomerID"))

# 4. European style: semicolon, 01.12.2010, decimal comma with "." thousands (1.234,56).
def european(x):
    whole, cents = f"{x:,.2f}".split(".")
    return whole.replace(",", ".") + "," + cents
lines = ["Kunde;Datum;Betrag"]
for (cid, _, amount), t in zip(ORDERS, instants):
    lines.append(f"{cid};{t.strftime('%d.%m.%Y')};{european(amount)}")
write("orders_eu.csv", "\n".join(lines) + "\n")
frame = pd.read_csv(os.path.join(HERE, "orders_eu.csv"), sep=";", decimal=",", thousands=".", dtype={"Datum": str, "Kunde": str})
frame["Datum"] = pd.to_datetime(frame["Datum"], format="%d.%m.%Y")
cases.append(expected("orders_eu.csv", frame,
                      ["--delimiter", "semicolon", "--date-format", "%d.%m.%Y", "--decimal-comma", "--thousands", ".",
                       "--map", "customer_id=Kunde", "--map", "order_date=Datum", "--map", "amount=Betrag"],
                      "Datum", "Betrag", "Kunde"))

# 5. Chinese Excel: GBK, Chinese headers and names, 2024年1月5日 dates, ¥ amounts.
lines = ["客户ID,订单日期,金额"]
for (cid, _, amount), t in zip(ORDERS, instants):
    lines.append(f"{CHINESE_IDS[cid]},{t.year}年{t.month}月{t.day}日,￥{amount:.2f}")
write("orders_cn_gbk.csv", "\r\n".join(lines) + "\r\n", "gbk")
frame = pd.read_csv(os.path.join(HERE, "orders_cn_gbk.csv"), encoding="gbk")
frame["订单日期"] = pd.to_datetime(frame["订单日期"], format="%Y年%m月%d日")
frame["金额"] = frame["金额"].str.lstrip("￥").astype(float)
cn_args = ["--encoding", "gbk", "--amount-format", "currency", "--map", "customer_id=客户ID",
           "--map", "order_date=订单日期", "--map", "amount=金额"]
cases.append(expected("orders_cn_gbk.csv", frame, cn_args, "订单日期", "金额", "客户ID"))
# The same content as GB18030 (a superset of GBK: the bytes are the same for these characters).
write("orders_cn_gb18030.csv", "\r\n".join(lines) + "\r\n", "gb18030")
cases.append(expected("orders_cn_gb18030.csv", frame, ["--encoding", "gb18030"] + cn_args[2:], "订单日期", "金额", "客户ID"))

# 6. Western Excel: Windows-1252, semicolon, day-first dates 05/01/2024, "1.234,56 €".
lines = ["Customer;Date;Amount"]
for (cid, _, amount), t in zip(ORDERS, instants):
    lines.append(f"{WESTERN_IDS[cid]};{t.strftime('%d/%m/%Y')};{european(amount)} €")
write("orders_win1252.csv", "\r\n".join(lines) + "\r\n", "cp1252")
frame = pd.read_csv(os.path.join(HERE, "orders_win1252.csv"), sep=";", encoding="cp1252")
frame["Date"] = pd.to_datetime(frame["Date"], format="%d/%m/%Y")
frame["Amount"] = frame["Amount"].str.rstrip(" €").str.replace(".", "", regex=False).str.replace(",", ".").astype(float)
cases.append(expected("orders_win1252.csv", frame,
                      ["--encoding", "windows-1252", "--date-format", "%d/%m/%Y", "--decimal-comma", "--thousands", ".",
                       "--amount-format", "currency", "--map", "customer_id=Customer", "--map", "order_date=Date",
                       "--map", "amount=Amount"],
                      "Date", "Amount", "Customer"))

# 7. Accounting export: $1,234.56 and negatives in parentheses; compact dates 20240105; pipe.
lines = ["customer_id|order_date|amount"]
for i, ((cid, _, amount), t) in enumerate(zip(ORDERS, instants)):
    value = f"${amount:,.2f}"
    if i == 11:
        value = f"(${amount:,.2f})"  # a refund
    lines.append(f"{cid}|{t.strftime('%Y%m%d')}|\"{value}\"")
write("orders_accounting.csv", "\n".join(lines) + "\n")
frame = pd.read_csv(os.path.join(HERE, "orders_accounting.csv"), sep="|", dtype={"order_date": str})
frame["order_date"] = pd.to_datetime(frame["order_date"], format="%Y%m%d")
negative = frame["amount"].str.startswith("(")
frame["amount"] = frame["amount"].str.strip("()$").str.replace(",", "").astype(float).where(~negative, lambda s: -s)
frame.loc[negative, "amount"] = -frame.loc[negative, "amount"].abs()
cases.append(expected("orders_accounting.csv", frame,
                      ["--delimiter", "pipe", "--date-format", "%Y%m%d", "--amount-format", "accounting",
                       "--thousands", ","],
                      "order_date", "amount", "customer_id"))

# 8. UTF-16 with a byte-order mark (what Excel's "Unicode text" writes), tab-separated.
lines = ["customer_id\torder_date\tamount"]
for (cid, _, amount), t in zip(ORDERS, instants):
    lines.append(f"{CHINESE_IDS[cid]}\t{t.strftime('%Y-%m-%d')}\t{amount:.2f}")
write("orders_utf16.csv", "\ufeff" + "\r\n".join(lines) + "\r\n", "utf-16-le")
frame = pd.read_csv(os.path.join(HERE, "orders_utf16.csv"), sep="\t", encoding="utf-16")
frame["order_date"] = pd.to_datetime(frame["order_date"])
cases.append(expected("orders_utf16.csv", frame, ["--encoding", "utf-16"], "order_date", "amount", "customer_id"))
cases.append(expected("orders_utf16.csv", frame, [], "order_date", "amount", "customer_id"))  # the BOM alone

# 9. gzip of the plain ISO file (read by content, not by name).
lines = ["customer_id,order_date,amount"]
for (cid, _, amount), t in zip(ORDERS, instants):
    lines.append(f"{cid},{t.strftime('%Y-%m-%d')},{amount:.2f}")
plain = "\n".join(lines) + "\n"
write("orders_plain.csv", plain)
with open(os.path.join(HERE, "orders_plain.csv.gz"), "wb") as f:
    f.write(gzip.compress(plain.encode(), mtime=0))
frame = pd.read_csv(os.path.join(HERE, "orders_plain.csv.gz"))
frame["order_date"] = pd.to_datetime(frame["order_date"])
cases.append(expected("orders_plain.csv.gz", frame, [], "order_date", "amount", "customer_id"))
cases.append(expected("orders_plain.csv", frame, [], "order_date", "amount", "customer_id"))

# Bad inputs.
# A gzip cut short (the last 40 bytes, and with them the end of the deflate stream, are gone).
big = plain + "".join(f"C{i % 50},2024-04-{1 + i % 28:02d},{i}.25\n" for i in range(2000))
data = gzip.compress(big.encode(), mtime=0)
with open(os.path.join(HERE, "bad_truncated.csv.gz"), "wb") as f:
    f.write(data[: len(data) // 2])
# Day-first dates with a day above 12 on line 4: only %d/%m/%Y reads the file.
write("bad_dayfirst.csv", "customer_id,order_date,amount\nC1,05/01/2024,10\nC2,07/01/2024,20\nC3,13/01/2024,30\n")
# An ambiguous date on line 2 (01/02/2024: January 2 or February 1).
write("bad_ambiguous.csv", "customer_id,order_date,amount\nC1,01/02/2024,10\n")
# Decimal comma without the option.
write("bad_decimal_comma.csv", "customer_id;order_date;amount\nC1;2024-01-05;12,50\n")

with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
    json.dump({"generator": "make_exports.py (pandas " + pd.__version__ + ")", "cases": cases}, f,
              ensure_ascii=False, indent=1)
print(f"wrote {len(cases)} cases")
