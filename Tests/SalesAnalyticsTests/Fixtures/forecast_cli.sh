#!/bin/sh
# The CLI output that CombinedRevenueForecastTests compares the library call against: the JSON that
# `saleskit forecast` printed for the bundled datasets before the combination of order and deal
# forecasts moved from ForecastCommand.run into CombinedRevenueForecaster (built at commit 9db2244).
# Run from the package root with the saleskit of that commit on PATH.
set -e
out=Tests/SalesAnalyticsTests/Fixtures
saleskit forecast --orders datasets/orders.csv --opportunities datasets/opportunities.csv \
    --stage-history datasets/stage_history.csv --horizon 3 --format json > $out/forecast_cli_both.json
saleskit forecast --opportunities datasets/opportunities.csv --stage-history datasets/stage_history.csv \
    --horizon 3 --format json > $out/forecast_cli_combined.json
saleskit forecast --opportunities datasets/opportunities.csv --stage-history datasets/stage_history.csv \
    --horizon 3 --pipeline-only --quota-quantile 0.4 --format json > $out/forecast_cli_pipeline.json
saleskit forecast --orders datasets/orders.csv --opportunities datasets/opportunities.csv \
    --horizon 3 --quota-quantile 0.4 --format json > $out/forecast_cli_both_quota.json
