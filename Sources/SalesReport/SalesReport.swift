// SalesReport: presentation of analytics results — aligned text tables, CSV/JSON writers,
// standalone SVG charts and the one-file HTML report. It computes nothing new.
@_exported import SalesAnalytics
