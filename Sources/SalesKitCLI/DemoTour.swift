import Foundation
import SalesKit

/// The terminal tour of `saleskit demo`: headline KPIs, top RFM segments, the forecast, the win
/// model's accuracy, the funnels and the top reps, each in a few lines.
struct DemoTour {
    let highlights: ReportHighlights
    let currency: String
    /// What the demo read: the directory (with a trailing slash) or "the generated sample …".
    let datasets: String

    func render() -> String {
        let h = highlights
        var out = "SalesKit demo on \(datasets)\n"
        func money(_ v: Double, _ decimals: Int = 0) -> String { Formatting.money(v, currency: currency, decimals: decimals) }
        func count(_ v: Int) -> String { Formatting.grouped(Double(v), decimals: 0) }

        if let k = h.kpis {
            var t = TextTable(headers: ["KPI", "value"], title: "\nHeadline KPIs")
            t.append(["revenue", money(k.totalRevenue)])
            t.append(["orders / customers", "\(count(k.totalOrders)) / \(count(k.customers))"])
            if let aov = k.aov { t.append(["average order value", money(aov, 2)]) }
            if let r = k.retentionRate { t.append(["monthly retention", Formatting.percent(r)]) }
            if let r = k.repeatPurchaseRate { t.append(["repeat purchase rate", Formatting.percent(r)]) }
            if let r = k.revenuePerCustomer { t.append(["revenue per customer to date", money(r, 2)]) }
            if let p = k.predictedCLV {
                t.append(["predicted CLV, new customer (\(p.horizonMonths) months, \(Formatting.fixed(p.discountRatePerMonth * 100, decimals: 1)) %/month)",
                          money(p.perNewCustomer, 2)])
            }
            if let c = k.cac ?? k.blendedCac { t.append(["CAC", money(c, 2)]) }
            if let r = k.clvToCac { t.append(["predicted CLV / CAC", Formatting.fixed(r, decimals: 2)]) }
            if let nps = k.surveys?.nps { t.append(["NPS", Formatting.fixed(nps, decimals: 1)]) }
            if let w = h.sales?.overall.byCount { t.append(["win rate", Formatting.percent(w)]) }
            if let c = h.sales?.salesCycle.medianDays { t.append(["sales cycle (median)", Formatting.fixed(c, decimals: 0) + " days"]) }
            out += t.renderAligned()
        }
        if let rfm = h.rfm {
            let top = RFMSection(result: rfm, currency: currency).segmentsByRevenue().prefix(4)
            var t = TextTable(headers: ["segment", "customers", "share", "revenue share"],
                              title: "\nTop RFM segments (as of \(rfm.asOf))")
            for s in top {
                t.append([s.segment, count(s.customers), Formatting.percent(s.share), Formatting.percent(s.revenueShare)])
            }
            out += t.renderAligned()
        }
        if let f = h.revenueForecast {
            if f.horizon > 0 {
                var t = f.table()
                t.title = "\nRevenue forecast (\(f.model)), next \(f.horizon) months"
                out += t.renderAligned()
            } else {
                out += "\n" + f.caption + "\n"
            }
        }
        if let model = h.winModel {
            out += "\nWin model: \(count(model.training.closedDeals)) closed deals"
            if let cv = model.crossValidation {
                out += ", \(cv.folds)-fold cross-validated AUC \(Formatting.fixed(cv.auc, decimals: 3)), "
                    + "log-loss \(Formatting.fixed(cv.logLoss, decimals: 3)), Brier \(Formatting.fixed(cv.brier, decimals: 3))"
            }
            out += "\n"
        }
        if let s = h.stageFunnel {
            out += "\nPipeline funnel: " + s.stages.map { "\($0.name) \(count($0.entered))" }.joined(separator: " → ")
            if let stage = s.mostLossesStage { out += "\n  most deals are lost at \(stage)" }
            if let rate = s.conversion.leadToWon { out += "; lead → won \(Formatting.percent(rate))" }
            out += "\n"
        }
        if let e = h.eventFunnel {
            out += "\nProduct funnel: " + e.steps.enumerated().map { i, step in
                i == 0 ? "\(step.name) \(count(step.users))"
                    : "\(step.name) \(count(step.users)) (\(step.conversionFromPrevious.map { Formatting.percent($0) } ?? "–"))"
            }.joined(separator: " → ") + "\n"
        }
        let board = LeaderboardSection(reps: h.leaderboard, currency: currency)
        if !h.leaderboard.isEmpty {
            let top = board.ranked().prefix(3)
            if board.hasExpectedWins {
                out += "\nTop reps by wins above expected: " + top.map {
                    "\($0.rep) \(($0.winsAboveExpected ?? 0) >= 0 ? "+" : "")\(Formatting.fixed($0.winsAboveExpected ?? 0, decimals: 1))"
                }.joined(separator: ", ") + "\n"
            } else {
                out += "\nTop reps by won revenue: " + top.map { "\($0.rep) \(money($0.rate.wonAmount))" }.joined(separator: ", ") + "\n"
            }
        }
        return out
    }
}
