// SalesAnalytics: the domain layer where CRM tables meet models — KPIs, RFM, CLV, cohorts,
// funnels, win probability, revenue and pipeline forecasts, rep performance.
@_exported import SalesData
@_exported import SalesModels
