"""Workload logistic: unpenalized logistic regression with intercept on the deterministic design
file (WORKLOADS.md). Agreement is on the log-likelihood (1e-8 relative).

Run: python logistic.py --peer statsmodels|sklearn --design FILE --rows N --features P
"""
from common import now, read_design, run_main


def log_likelihood(x, y, coef):
    import numpy as np
    eta = coef[0] + x @ coef[1:]
    return float(np.sum(y * eta - np.logaddexp(0.0, eta)))


def body(args):
    import numpy as np
    start = now()
    x, y = read_design(args.design, args.rows, args.features)
    load = now() - start
    start = now()
    extra = {}
    if args.peer == "statsmodels":
        import statsmodels.api as sm
        fit = sm.Logit(y, sm.add_constant(x, prepend=True)).fit(method="newton", tol=1e-10, maxiter=50, disp=0)
        coef = np.asarray(fit.params)
        extra["iterations"] = int(fit.mle_retvals["iterations"])
    else:
        from sklearn.linear_model import LogisticRegression
        model = LogisticRegression(C=np.inf, solver="lbfgs", tol=1e-10, max_iter=1000).fit(x, y)
        coef = np.concatenate([model.intercept_, model.coef_[0]])
        extra["iterations"] = int(model.n_iter_[0])
    compute = now() - start
    return load, compute, {"coefficients": [float(v) for v in coef],
                           "logLikelihood": log_likelihood(x, y, coef)}, extra


run_main("logistic", ["statsmodels", "sklearn"], body)
