"""True win probabilities of the open deals in datasets/opportunities.csv, and the expected won
amount per month they imply when each deal closes on its close_date (the generator writes the true
future close date of open deals). Reference for PipelineTruthTests.

Run from anywhere (paths are relative to this file):
    /work/pyenv/bin/python Tests/SalesAnalyticsTests/Fixtures/pipeline_truth.py
Writes pipeline_truth.json next to this script. The probabilities come from the logistic model in
datasets/truth.json (winModel), evaluated with numpy; the monthly sums with pandas.
"""
import json
import pathlib

import numpy as np
import pandas as pd

root = pathlib.Path(__file__).resolve().parents[3]
coefficients = {c["term"]: c["estimate"] for c in json.loads((root / "datasets" / "truth.json").read_text())["winModel"]["coefficients"]}
o = pd.read_csv(root / "datasets" / "opportunities.csv")
z = (coefficients["intercept"] + coefficients["ln_amount"] * np.log(o["amount"])
     + coefficients["num_activities"] * o["num_activities"] + coefficients["num_meetings"] * o["num_meetings"])
for column in ["source", "industry", "region"]:
    z = z + o[column].map(lambda v: coefficients.get(f"{column}={v}", 0.0))
o["probability"] = 1 / (1 + np.exp(-z))
open_deals = o[o["is_won"].isna()]
by_month = (open_deals["amount"] * open_deals["probability"]).groupby(
    pd.to_datetime(open_deals["close_date"]).dt.to_period("M")).sum()
out = {
    "source": f"numpy {np.__version__} / pandas {pd.__version__}: logistic winModel of datasets/truth.json on open deals",
    "probabilities": {i: float(p) for i, p in zip(open_deals["opportunity_id"], open_deals["probability"])},
    "months": [str(p) for p in by_month.index],
    "expected": [float(v) for v in by_month.values],
}
pathlib.Path(__file__).with_suffix(".json").write_text(json.dumps(out, indent=1) + "\n")
print("wrote", pathlib.Path(__file__).with_suffix(".json"))
