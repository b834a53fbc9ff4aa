// The umbrella module: it only re-exports the library layers, so users write one import.
@_exported import SalesAnalytics
@_exported import SalesData
@_exported import SalesModels
@_exported import SalesNumerics
@_exported import SalesReport
