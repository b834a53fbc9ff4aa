"""Accuracy of SalesKit's forecasters against statsforecast's on real series (load_series.py):
the last year of every series (12 months / 4 quarters) is held out, every model forecasts it from
the rest, and the table gives mean MASE (scaled by the in-sample seasonal-naive MAE), mean sMAPE
(percent), the share of held-out values inside the 95 % interval, and the wall time per model.

SalesKit runs through the CLI's long-format batch (`saleskit forecast --series long.csv`), one
process per model over all series; statsforecast runs one StatsForecast per model and season length
(n_jobs as given; numba's JIT warm-up on one series is not timed). Combinations are means of the point forecasts (statsforecast's computed here).

--origin K moves the held-out year K years back (K = 1: train on all but the last two years, score
the year before the last), a second origin to decide on without looking at the last year.
--models a,b,… picks SalesKit's `--model` values (default ets,arima,theta,combination,auto).
Derived rows "SalesKit median/mean of …" combine SalesKit's member forecasts from the same run
(point forecasts: median or mean; 95 % bounds: the same statistic of the members' bounds; time: the
members' times added up): they are candidates for `--model auto`, not separate CLI runs.

--peers AutoETS,AutoARIMA,… limits statsforecast's models (default all five).

usage: python evaluate.py SALESKIT_BINARY [--jobs N] [--origin K] [--models LIST] [--peers LIST]
"""
import io, os, subprocess, sys, tempfile, time, warnings
import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_series import collect

warnings.filterwarnings("ignore")


def metrics(actual, forecast, train, m):
    scale = np.mean(np.abs(train[m:] - train[:-m])) if len(train) > m else np.nan
    if not scale > 0:
        scale = np.mean(np.abs(np.diff(train))) or 1.0
    mase = np.mean(np.abs(actual - forecast)) / scale
    denom = np.abs(actual) + np.abs(forecast)
    smape = np.mean(np.where(denom > 0, 200 * np.abs(actual - forecast) / np.where(denom > 0, denom, 1), 0))
    return mase, smape


def main():
    binary = sys.argv[1]
    jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 1
    origin = int(sys.argv[sys.argv.index("--origin") + 1]) if "--origin" in sys.argv else 0
    models = (sys.argv[sys.argv.index("--models") + 1] if "--models" in sys.argv
              else "ets,arima,theta,combination,auto").split(",")
    series = collect()
    if origin > 0:  # drop the last `origin` years: the held-out year is then the one before them
        series = [(sid, m, v[:len(v) - origin * m]) for sid, m, v in series]
    hold = {sid: (12 if m == 12 else 4) for sid, m, _ in series}
    rows = []
    for sid, m, v in series:
        train = v[:-hold[sid]]
        for i, x in enumerate(train):
            label = f"{1990 + i // 12}-{i % 12 + 1:02d}" if m == 12 else f"{1990 + i // 4}-Q{i % 4 + 1}"
            rows.append((sid, label, float(x)))
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "train_long.csv")
    pd.DataFrame(rows, columns=["series_id", "period", "value"]).to_csv(path, index=False)

    forecasts = {}  # model -> sid -> (mean, lo95, hi95)
    times = {}
    for model in models:
        t0 = time.perf_counter()
        out = subprocess.run([binary, "forecast", "--series", path, "--horizon", "12", "--model", model,
                              "--level", "95", "--format", "csv", "--quiet"], capture_output=True, text=True)
        times[f"SalesKit --model {model}"] = time.perf_counter() - t0
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            continue
        df = pd.read_csv(io.StringIO(out.stdout))
        d = {}
        for sid, g in df.groupby("series_id", sort=False):
            if (g["model"] == "failed").any():
                continue
            d[sid] = (g["mean"].to_numpy(float), g["lo-95"].to_numpy(float), g["hi-95"].to_numpy(float))
        forecasts[f"SalesKit --model {model}"] = d

    from statsforecast import StatsForecast
    from statsforecast.models import AutoARIMA, AutoETS, AutoTheta, AutoCES, SeasonalNaive
    peers = {"statsforecast AutoETS": AutoETS, "statsforecast AutoARIMA": AutoARIMA,
             "statsforecast AutoTheta": AutoTheta, "statsforecast AutoCES": AutoCES,
             "seasonal naive": SeasonalNaive}
    if "--peers" in sys.argv:
        keep = sys.argv[sys.argv.index("--peers") + 1].split(",")
        peers = {k: v for k, v in peers.items() if v.__name__ in keep}
    for name, cls in peers.items():
        d = {}
        elapsed = 0.0
        for m in (12, 4):
            frame = []
            for sid, mm, v in series:
                if mm != m:
                    continue
                train = v[:-hold[sid]]
                frame.append(pd.DataFrame({"unique_id": sid, "ds": np.arange(len(train)), "y": train}))
            df = pd.concat(frame)
            sf = StatsForecast(models=[cls(season_length=m)], freq=1, n_jobs=jobs)
            first = df[df["unique_id"] == df["unique_id"].iloc[0]]
            StatsForecast(models=[cls(season_length=m)], freq=1, n_jobs=1).forecast(df=first, h=m)  # numba JIT, untimed
            t0 = time.perf_counter()
            fc = sf.forecast(df=df, h=m, level=[95])
            elapsed += time.perf_counter() - t0
            col = [c for c in fc.columns if c not in ("unique_id", "ds") and "-lo-" not in c and "-hi-" not in c][0]
            for sid, g in fc.groupby("unique_id", sort=False):
                d[sid] = (g[col].to_numpy(float), g[f"{col}-lo-95"].to_numpy(float), g[f"{col}-hi-95"].to_numpy(float))
        forecasts[name] = d
        times[name] = elapsed

    def combo(names, statistic=np.mean):
        d = {}
        for sid in hold:
            if all(n in forecasts and sid in forecasts[n] for n in names):
                means = statistic([forecasts[n][sid][0] for n in names], axis=0)
                lo = statistic([forecasts[n][sid][1] for n in names], axis=0)
                hi = statistic([forecasts[n][sid][2] for n in names], axis=0)
                d[sid] = (means, lo, hi)
        return d
    trio = ["SalesKit --model ets", "SalesKit --model arima", "SalesKit --model theta"]
    if all(n in forecasts for n in trio):
        for label, names, stat in [("median of ets, arima, theta", trio, np.median),
                                   ("mean of ets, arima", trio[:2], np.mean),
                                   ("mean of ets, theta", [trio[0], trio[2]], np.mean),
                                   ("mean of arima, theta", trio[1:], np.mean)]:
            forecasts[f"SalesKit {label}"] = combo(names, stat)
            times[f"SalesKit {label}"] = sum(times[n] for n in names)
    forecasts["statsforecast mean of AutoETS, AutoARIMA"] = combo(["statsforecast AutoETS", "statsforecast AutoARIMA"])
    forecasts["statsforecast mean of AutoETS, AutoARIMA, AutoTheta"] = combo(
        ["statsforecast AutoETS", "statsforecast AutoARIMA", "statsforecast AutoTheta"])

    table = []
    for name, d in forecasts.items():
        mases, smapes, cover, missing = [], [], [], 0
        for sid, m, v in series:
            h = hold[sid]
            if sid not in d:
                missing += 1
                continue
            mean, lo, hi = (a[:h] for a in d[sid])
            actual = v[-h:]
            a, b = metrics(actual, mean, v[:-h], m)
            mases.append(a); smapes.append(b)
            cover.append(np.mean((actual >= lo) & (actual <= hi)))
        t = times.get(name)
        table.append((name, np.mean(mases), np.mean(smapes), np.mean(cover), missing, t))
    table.sort(key=lambda r: r[1])
    held = "last year" if origin == 0 else f"the year {origin} year(s) before the last"
    print(f"{len(series)} real series ({sum(1 for s in series if s[1] == 12)} monthly, "
          f"{sum(1 for s in series if s[1] == 4)} quarterly), {held} held out; statsforecast n_jobs={jobs}\n")
    print("| model | mean MASE | mean sMAPE (%) | 95 % coverage | series failed | time (s) |")
    print("|---|---|---|---|---|---|")
    for name, mase, smape, cov, missing, t in table:
        ts = f"{t:.2f}" if t is not None else "—"
        print(f"| {name} | {mase:.3f} | {smape:.2f} | {cov:.3f} | {missing} | {ts} |")


if __name__ == "__main__":
    main()
