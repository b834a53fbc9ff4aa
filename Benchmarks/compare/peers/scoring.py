"""Workload scoring: win probability for every open opportunity (WORKLOADS.md): an unpenalized
logistic model on closed opportunities (features: log1p(amount), num_activities, num_meetings,
one-hot source/industry/region with the first level in sorted order dropped), then the scores of
all open ones. computeSeconds is the scoring (feature build + predict); training is in extra.

Run: python scoring.py --peer sklearn --data DIR
"""
from common import now, run_main


def features(frame, levels):
    import numpy as np
    columns = [np.log1p(frame["amount"].to_numpy(float)), frame["num_activities"].to_numpy(float),
               frame["num_meetings"].to_numpy(float)]
    for name, values in levels.items():
        codes = frame[name].astype(str).to_numpy()
        for level in values[1:]:
            columns.append((codes == level).astype(float))
    return np.column_stack(columns)


def body(args):
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    start = now()
    opps = pd.read_csv(f"{args.data}/opportunities.csv", engine="pyarrow",
                       usecols=["source", "industry", "region", "amount", "is_won", "num_activities", "num_meetings"])
    load = now() - start
    closed = opps[opps["is_won"].notna()]
    # Same rule as SalesKit's ScoringWorkload: the first 1,000,000 rows when the file has that many
    # (issue 4's 1 M scored opportunities), else the open opportunities.
    open_ = opps.iloc[:1_000_000] if len(opps) >= 1_000_000 else opps[opps["is_won"].isna()]
    levels = {name: sorted(closed[name].astype(str).unique()) for name in ("source", "industry", "region")}
    train = now()
    model = LogisticRegression(C=np.inf, solver="lbfgs", tol=1e-10, max_iter=1000).fit(
        features(closed, levels), closed["is_won"].astype(int).to_numpy())
    train = now() - train
    start = now()
    probability = model.predict_proba(features(open_, levels))[:, 1]
    compute = now() - start
    return load, compute, {"scored": int(len(probability)), "meanProbability": float(probability.mean())}, \
        {"trainSeconds": train, "rowsPerSecond": len(probability) / compute}


run_main("scoring", ["sklearn"], body)
