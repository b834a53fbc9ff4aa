import ArgumentParser
import Foundation
import SalesKit

/// What the report's analyses found, for the terminal tour of `saleskit demo`.
struct ReportHighlights {
    var kpis: CustomerKPIs?
    var sales: SalesKPIs.Report?
    var rfm: RFMResult?
    var cohorts: CohortResult?
    var eventFunnel: FunnelResult?
    var stageFunnel: StageFunnel.Report?
    var winModel: WinProbabilityModel?
    var leaderboard: [SalesKPIs.RepPerformance] = []
    var revenueForecast: RevenueForecastSection?
}

/// Runs every analysis its inputs allow and turns the results into report sections (the sections
/// themselves live in SalesReport; this type only reads files and calls the analytics).
struct ReportAnalyses {
    let inputs: ReportInputOptions
    /// Writes a notice on stderr (skipped rows, fall-backs) unless quiet.
    let notice: (String) -> Void
    /// No reader notices (a sniffed delimiter) on stderr.
    var quiet = false

    /// The number of progress steps `run` announces.
    static let stepCount = 6

    /// Reads the inputs, runs the analyses and assembles the document.
    /// - Returns: The document and the highlights.
    /// - Throws: Data errors from the readers and analyses (file, line, column), usage errors for options.
    func run(progress: inout Progress) throws -> (document: SalesReportDocument, highlights: ReportHighlights) {
        let maps = try inputs.columns.resolved(inputs.contractFiles.map(ColumnMapOptions.Scope.contract))
        func mapping(_ file: ContractFile) -> [String: String] { maps[file.rawValue] ?? [:] }
        let policy: CSVErrorPolicy = inputs.skipInvalid ? .skipInvalidRows : .strict
        let readOptions = try inputs.format.readOptions(policy: policy, notices: quiet ? nil : CSVNotices { message in
            FileHandle.standardError.write(Data(("notice: " + message + "\n").utf8))
        })
        let asOf = try inputs.asOf.map { try parseISODate($0, option: "--as-of") }
        let currency = inputs.currency
        var sections: [any ReportSection] = []
        var h = ReportHighlights()

        func rejected(_ rows: [RejectedRow], _ file: String) {
            for row in rows { notice("\(row) (skipped)") }
        }
        func readTable(_ kind: ContractFile, _ path: String) throws -> Table {
            let read = try ContractReader.read(kind, file: path, mapping: mapping(kind), policy: policy, options: readOptions)
            rejected(read.quality.rejected, path)
            return read.table
        }

        // Customers: KPIs, RFM, cohorts.
        progress.step("customer analyses (KPIs, RFM, cohorts)")
        var opportunityTable: Table?
        if let path = inputs.opportunities {
            let table = try WinFeatures.addingDealAge(to: readTable(.opportunities, path), asOf: asOf)
            opportunityTable = table
        }
        // The key figures show win rate and sales cycle from the one `SalesKPIs` sheet computed with
        // the leaderboard below, so their section is inserted here once that sheet exists.
        var keyFiguresIndex: Int?
        var reportAsOf = asOf
        if let path = inputs.orders {
            let input = try OrderLog.readOrders(file: path, mapping: mapping(.orders), policy: policy, options: readOptions,
                                                ids: inputs.refundOptions.ids)
            rejected(input.rejected, path)
            for id in input.ids { notice("note: " + id.description) }
            let (log, refundFacts) = input.log.applyingRefunds(inputs.refundOptions.refunds)
            for line in OrderInputFacts(lines: input.lines, refunds: refundFacts).notices { notice("note: " + line) }
            let customerRecords = try inputs.customers.map { p in
                let r = try CustomerRecords.read(file: p, mapping: mapping(.customers), policy: policy, options: readOptions)
                rejected(r.rejected, p)
                return r.customers
            }
            let spendRows = try inputs.spend.map { p in
                let r = try MarketingSpend.read(file: p, mapping: mapping(.marketingSpend), policy: policy, options: readOptions)
                rejected(r.rejected, p)
                return r.spend
            }
            let answers = try inputs.surveys.map { p in
                let r = try SurveyAnswers.read(file: p, mapping: mapping(.surveys), policy: policy, options: readOptions)
                rejected(r.rejected, p)
                return r.surveys
            }
            let kpis = try CustomerKPIs.run(orders: log, period: inputs.period, customers: customerRecords,
                                                spend: spendRows, surveys: answers)
            h.kpis = kpis
            keyFiguresIndex = sections.count

            // One as-of date for every section: the one given, else the last order day.
            reportAsOf = asOf ?? log.lastDay.map { Day($0) }
            var cohortOptions = CohortOptions(period: inputs.period)
            cohortOptions.asOf = asOf?.int32
            var rfmOptions = RFMOptions()
            rfmOptions.asOf = reportAsOf
            let cohorts = try CohortAnalysis.run(log, options: cohortOptions)
            let rfm = try RFMAnalysis.run(log, options: rfmOptions)
            h.cohorts = cohorts
            h.rfm = rfm
            progress.step("revenue forecast")
            let revenueSection = revenueSection(kpis: kpis)
            h.revenueForecast = revenueSection
            sections.append(revenueSection)
            sections.append(CohortSection(result: cohorts))
            sections.append(RFMSection(result: rfm, currency: currency))
        } else {
            progress.step("revenue forecast")
            sections.append(OmittedSection(title: "Key figures", reason: "needs --orders"))
            sections.append(OmittedSection(title: "Revenue forecast", reason: "needs --orders"))
            sections.append(OmittedSection(title: "Cohort retention", reason: "needs --orders"))
            sections.append(OmittedSection(title: "RFM segments", reason: "needs --orders"))
        }

        // Funnels.
        progress.step("funnels")
        if let path = inputs.stageHistory {
            let history = try readTable(.stageHistory, path)
            let report = try StageFunnel.run(history: history, opportunities: opportunityTable)
            h.stageFunnel = report
            sections.append(FunnelSection(stageFunnel: report))
        } else {
            sections.append(OmittedSection(title: "Sales pipeline funnel", reason: "needs --stage-history"))
        }
        if let path = inputs.events {
            let log = try EventLog.from(table: try readTable(.events, path))
            let steps = inputs.funnelSteps.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let definition = FunnelDefinition(steps: steps, windowSeconds: FunnelDefinition.parseDuration(inputs.window) ?? 0)
            let result = try EventFunnel.run(definition, on: log)
            for name in result.absentEvents {
                notice("warning: no event is named \"\(name)\"; events in the file: " + result.knownEvents.joined(separator: ", "))
            }
            h.eventFunnel = result
            sections.append(FunnelSection(eventFunnel: result))
        } else {
            sections.append(OmittedSection(title: "Product funnel", reason: "needs --events"))
        }

        // Win model and leaderboard.
        progress.step("win probability model (training and cross-validation)")
        if let table = opportunityTable {
            // A model the data cannot support (one outcome, a constant feature in a fold) omits its
            // section with the reason; the rest of the report does not depend on it.
            var probabilities: [Double?]? = nil
            do {
                let model = try WinProbabilityModel.train(opportunities: table, options: .init(asOf: asOf))
                h.winModel = model
                let (labels, scores) = try model.closedDealPredictions(table)
                let roc = try RankingMetrics.rocCurve(labels: labels, scores: scores)
                let auc = try RankingMetrics.rocAUC(labels: labels, scores: scores)
                sections.append(WinModelSection(
                    model: model, roc: roc, rocAUC: auc,
                    rocSource: "the fitted model on its \(Formatting.grouped(Double(labels.count), decimals: 0)) closed training deals "
                        + "(in-sample; the cross-validated AUC is in the tiles)", rocLabel: "in-sample"))
                let all = try model.score(table, rows: .all, topDrivers: 0)
                var aligned = [Double?](repeating: nil, count: table.rowCount)
                for s in all.scores { aligned[s.row] = s.probability }
                probabilities = aligned
            } catch let error as WinModelError {
                notice("note: win probability model omitted: \(error)")
                sections.append(OmittedSection(title: "Win probability model", reason: "the model could not be fitted: \(error)"))
            }

            progress.step("sales KPIs and rep leaderboard")
            let targets = try inputs.targets.map { try readTable(.targets, $0) }
            let sales = try SalesKPIs.run(opportunities: table, targets: targets, probabilities: probabilities,
                                              options: .init(asOf: asOf))
            h.sales = sales
            h.leaderboard = sales.leaderboard
            if sales.leaderboard.contains(where: { $0.rate.closed > 0 }) {
                sections.append(LeaderboardSection(reps: sales.leaderboard, currency: currency))
            } else {
                // Open deals only (or a header-only file): nothing to rank reps by.
                sections.append(OmittedSection(title: "Rep leaderboard",
                                               reason: "no closed deals in --opportunities"))
            }
        } else {
            progress.step("sales KPIs and rep leaderboard")
            sections.append(OmittedSection(title: "Win probability model", reason: "needs --opportunities"))
            sections.append(OmittedSection(title: "Rep leaderboard", reason: "needs --opportunities (and --targets for quota attainment)"))
        }

        if let index = keyFiguresIndex, let kpis = h.kpis {
            sections.insert(KPISection(kpis: kpis, sales: h.sales, currency: currency,
                                       trend: h.revenueForecast?.trendChart()), at: index)
        }

        var subtitle = "Inputs: " + inputs.fileList.joined(separator: ", ")
        if let day = reportAsOf { subtitle += " · as of \(day)" }
        subtitle += " · SalesKit \(SalesKitVersion.string)"
        return (SalesReportDocument(title: "Sales report", subtitle: subtitle, sections: sections), h)
    }
}
