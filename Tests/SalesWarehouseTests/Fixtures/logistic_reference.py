"""Reference fit for the warehouse logistic-regression test: statsmodels' Logit (Newton, tol 1e-14)
of is_won ~ 1 + amount/1000 + num_activities + num_meetings over the closed opportunities of
datasets/opportunities.csv. Writes logistic_reference.json next to this script.
Run: /path/to/python Tests/SalesWarehouseTests/Fixtures/logistic_reference.py (needs numpy, statsmodels)."""
import csv
import json
import os

import numpy as np
import statsmodels.api as sm

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", ".."))
rows = [r for r in csv.DictReader(open(os.path.join(root, "datasets", "opportunities.csv"))) if r["is_won"] in ("0", "1")]
y = np.array([float(r["is_won"]) for r in rows])
x = np.column_stack([
    np.ones(len(rows)),
    [float(r["amount"]) / 1000 for r in rows],
    [float(r["num_activities"]) for r in rows],
    [float(r["num_meetings"]) for r in rows],
])
fit = sm.Logit(y, x).fit(disp=0, method="newton", tol=1e-14, maxiter=100)
out = {
    "source": "statsmodels %s Logit(method=newton, tol=1e-14)" % sm.__version__ if hasattr(sm, "__version__") else "statsmodels Logit",
    "terms": ["intercept", "amount_k", "num_activities", "num_meetings"],
    "rows": int(len(rows)),
    "coefficients": [float(v) for v in fit.params],
    "standardErrors": [float(v) for v in fit.bse],
    "logLikelihood": float(fit.llf),
}
with open(os.path.join(here, "logistic_reference.json"), "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
