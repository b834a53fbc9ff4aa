// SalesModels: statistical models on SalesNumerics matrices and vectors — linear and logistic
// regression, ETS / Holt-Winters, seasonal regression, BG/NBD, Gamma-Gamma, k-means, metrics.
// It does not import SalesData: models take matrices and vectors, never tables or files.
@_exported import SalesNumerics
