import ArgumentParser
import Foundation
import SalesKit

/// `saleskit selftest …`: checks the numerics against certified reference values.
struct SelftestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Check the numerical core against certified reference results.",
        subcommands: [NISTSelftestCommand.self]
    )
}

/// `saleskit selftest nist`: fits the 11 NIST StRD linear least squares datasets (embedded in the
/// binary) through `LeastSquares.fit` and prints the log relative error (LRE, about the number of
/// correct significant digits, capped at 15) of every certified quantity.
struct NISTSelftestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nist",
        abstract: "Fit the NIST StRD linear least squares datasets and print the LRE table.",
        discussion: """
            LRE = -log10(|computed - certified| / |certified|) (absolute when the certified value is 0), \
            capped at 15. minLRE is the minimum over every coefficient, its standard deviation, the \
            residual standard deviation and R².
            """
    )

    enum MethodOption: String, ExpressibleByArgument, CaseIterable {
        case qr, normalEquations = "normal-equations", automatic

        var method: LeastSquares.Method {
            switch self {
            case .qr: return .qr
            case .normalEquations: return .normalEquations
            case .automatic: return .automatic
            }
        }
    }

    @Option(help: "Least-squares method: qr (default), normal-equations, or automatic.")
    var method: MethodOption = .qr

    @OptionGroup var output: OutputOptions

    func run() throws {
        let datasets = try NISTDataset.embedded()
        var rows: [NISTResult] = []
        for dataset in datasets {
            do {
                rows.append(try dataset.evaluate(method: method.method))
            } catch {
                // A dataset the chosen method cannot solve (e.g. Filip with forced normal equations)
                // is a finding of the self-test, reported with zero correct digits.
                output.notice("\(dataset.name): \(error)")
                rows.append(NISTResult.failed(dataset, reason: "\(error)"))
            }
        }
        let mean = rows.map(\.minLRE).reduce(0, +) / Double(max(rows.count, 1))
        let payload = NISTReport(datasets: rows, meanLRE: mean)
        try output.emit(json: payload, table: [payload.table()])
    }
}

/// One NIST dataset as embedded (format: the fixture's README).
private struct NISTDataset: Decodable {
    struct Certified: Decodable {
        let beta: [Double]
        let sd: [Double]
        let residualSD: Double
        let rSquared: Double
    }
    let name: String
    let difficulty: String
    let model: String
    let degree: Int?
    let intercept: Bool
    let x: [[Double]]
    let y: [Double]
    let certified: Certified

    static func embedded() throws -> [NISTDataset] {
        struct File: Decodable { let datasets: [NISTDataset] }
        return try JSONDecoder().decode(File.self, from: Data(NISTReferenceData.json.utf8)).datasets
    }

    /// The design: a column of ones when `intercept`, then the predictors or the powers x¹…x^degree.
    func design() throws -> Matrix {
        var columns: [[Double]] = intercept ? [[Double](repeating: 1, count: y.count)] : []
        if model == "polynomial", let degree {
            let base = x.map { $0.first ?? .nan }
            for k in 1...max(degree, 1) { columns.append(base.map { Foundation.pow($0, Double(k)) }) }
        } else {
            for j in 0..<(x.first?.count ?? 0) { columns.append(x.map { j < $0.count ? $0[j] : .nan }) }
        }
        return try Matrix(columnArrays: columns, rows: y.count)
    }

    func evaluate(method: LeastSquares.Method) throws -> NISTResult {
        let design = try design()
        let fit = try LeastSquares.fit(design: design, response: y, method: method)
        let beta = zip(fit.coefficients, certified.beta).map { LogRelativeError.of($0, certified: $1) }
        let sd = zip(fit.standardErrors, certified.sd).map { LogRelativeError.of($0, certified: $1) }
        let residual = LogRelativeError.of(fit.residualStandardDeviation, certified: certified.residualSD)
        let r2 = LogRelativeError.of(fit.rSquared(centred: intercept), certified: certified.rSquared)
        let minBeta = beta.min() ?? 0, minSD = sd.min() ?? 0
        return NISTResult(
            name: name, difficulty: difficulty, observations: design.rows, parameters: design.columns,
            method: fit.method == .qr ? "qr" : "normal-equations",
            minLRE: min(minBeta, minSD, residual, r2), betaLRE: minBeta, sdLRE: minSD,
            residualSDLRE: residual, rSquaredLRE: r2, conditionEstimate: fit.conditionEstimate, error: nil)
    }
}

/// One row of the report (JSON keys as in the CLI contract, plus per-quantity minima).
private struct NISTResult: Encodable {
    let name: String
    let difficulty: String
    let observations: Int
    let parameters: Int
    let method: String
    let minLRE: Double
    let betaLRE: Double
    let sdLRE: Double
    let residualSDLRE: Double
    let rSquaredLRE: Double
    let conditionEstimate: Double
    let error: String?

    static func failed(_ dataset: NISTDataset, reason: String) -> NISTResult {
        NISTResult(name: dataset.name, difficulty: dataset.difficulty, observations: dataset.y.count,
                   parameters: dataset.certified.beta.count, method: "-", minLRE: 0, betaLRE: 0, sdLRE: 0,
                   residualSDLRE: 0, rSquaredLRE: 0, conditionEstimate: .infinity, error: reason)
    }
}

private struct NISTReport: Encodable {
    let datasets: [NISTResult]
    let meanLRE: Double

    func table() -> TextTable {
        var table = TextTable(
            headers: ["dataset", "difficulty", "n", "p", "method", "cond", "beta", "sd", "resid SD", "R²", "min LRE"],
            alignments: [.left, .left, .right, .right, .left, .right, .right, .right, .right, .right, .right],
            title: "NIST StRD linear least squares: LRE (correct significant digits, max 15)")
        func lre(_ value: Double) -> String { Formatting.fixed(value, decimals: 1) }
        for row in datasets {
            table.append([row.name, row.difficulty, "\(row.observations)", "\(row.parameters)", row.method,
                          row.conditionEstimate.isFinite ? String(format: "%.1e", row.conditionEstimate) : "-",
                          lre(row.betaLRE), lre(row.sdLRE), lre(row.residualSDLRE), lre(row.rSquaredLRE),
                          lre(row.minLRE)])
        }
        table.append(["mean", "", "", "", "", "", "", "", "", "", lre(meanLRE)])
        return table
    }
}
