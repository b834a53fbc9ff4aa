import Foundation
import SalesData
import SalesModels

/// Saving and loading the win model: a JSON document with its own explicit schema.
///
/// The file is written from ``WinModelFile``, whose keys are spelled out here and nowhere else — no
/// synthesized `Codable` of library types takes part, so renaming a Swift property never changes the
/// format. Version 2 (this code) is documented in the article "Win-model files"; version 1 files
/// (written by saleskit before 0.3, from synthesized `Codable`) are refused with a message to retrain.
extension WinProbabilityModel {
    /// The model-file schema version this code writes and reads.
    public static let fileVersion = 2
    /// The `kind` tag of a model file.
    public static let fileKind = "saleskit.winprob"

    /// The model as a version-``fileVersion`` model file: pretty-printed JSON with sorted keys.
    /// - Returns: UTF-8 JSON text.
    /// - Throws: `WinModelError.modelFile` for a non-finite number (a successful fit does not produce one).
    /// - Complexity: O(coefficients + design columns + category levels).
    public func jsonData() throws -> Data {
        do { return try WinModelFile.encoder.encode(WinModelFile(self)) } catch {
            throw WinModelError.modelFile(path: "(in memory)", reason: "cannot encode: \(error)")
        }
    }

    /// Writes the model file (``jsonData()``) to `path`, replacing it; ``load(from:)`` reads it back.
    /// - Parameter path: The destination file.
    /// - Throws: `WinModelError.modelFile` naming the path when it cannot be written.
    public func save(to path: String) throws {
        let data = try jsonData()
        do { try data.write(to: URL(fileURLWithPath: path)) } catch {
            throw WinModelError.modelFile(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Reads a model file written by ``save(to:)``.
    /// - Parameter path: The JSON file.
    /// - Returns: The model, identical to the saved one.
    /// - Throws: `WinModelError.modelFile` when the file cannot be read or parsed, is not a SalesKit
    ///   win model, has a version this code does not read, or is internally inconsistent.
    public static func load(from path: String) throws -> WinProbabilityModel {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw WinModelError.modelFile(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try model(fromJSON: data, path: path)
    }

    /// The model in model-file JSON, as ``jsonData()`` writes it (the in-memory pair of ``load(from:)``).
    /// - Parameters:
    ///   - jsonData: The file's bytes.
    ///   - path: The name used in errors.
    /// - Throws: As ``load(from:)``.
    public init(jsonData: Data, path: String = "(in memory)") throws {
        self = try Self.model(fromJSON: jsonData, path: path)
    }

    /// The model in model-file JSON (``init(jsonData:path:)`` under its former name).
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - path: The name used in errors.
    /// - Throws: As ``load(from:)``.
    public static func model(fromJSON data: Data, path: String = "(in memory)") throws -> WinProbabilityModel {
        struct Header: Decodable {
            let kind: String?
            let version: Int?
            let schemaVersion: Int?  // version 1's key
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw WinModelError.modelFile(path: path, reason: "not JSON")
        }
        guard header.kind == fileKind else {
            throw WinModelError.modelFile(path: path, reason: "not a SalesKit win-probability model (kind \(header.kind ?? "missing"))")
        }
        guard header.version == fileVersion else {
            let found = header.version.map(String.init) ?? header.schemaVersion.map(String.init) ?? "missing"
            throw WinModelError.modelFile(path: path, reason: "model-file version \(found) is not supported (this saleskit reads "
                + "version \(fileVersion)); retrain with `saleskit winprob train`")
        }
        let file: WinModelFile
        do { file = try WinModelFile.decoder.decode(WinModelFile.self, from: data) } catch {
            throw WinModelError.modelFile(path: path, reason: "malformed model: \(error)")
        }
        do { return try file.model() } catch {
            throw WinModelError.modelFile(path: path, reason: "inconsistent model: \(error)")
        }
    }
}

/// The version-2 win-model file, key by key: the file's keys are these property names in snake_case
/// (``encoder`` and ``decoder`` convert them, so no key is spelled twice). See the "Win-model files" article.
struct WinModelFile: Codable {
    /// Writes model files: snake_case keys, pretty-printed, sorted.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }

    /// Reads model files: snake_case keys.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    struct Method: Codable {
        /// `maximum_likelihood`, `firth` or `l2`.
        let name: String
        /// λ for `l2`.
        let lambda: Double?
    }

    struct Term: Codable {
        /// `numeric`, `categorical` or `interaction`.
        let kind: String
        /// The table column (numeric, categorical).
        let column: String?
        /// `identity`, `log` or `log1p` (numeric).
        let transform: String?
        /// The requested reference level (categorical; absent: the first level).
        let reference: String?
        /// The two operand feature names (interaction).
        let operands: [String]?
    }

    struct Feature: Codable {
        let name: String
        let term: Term
        let levels: [String]
        let reference: String?
        let pooledLevels: [String]
        let operandFeatures: [Int]
        let firstColumn: Int
        let columnCount: Int
    }

    struct UnseenLevels: Codable {
        /// `error` or `other`.
        let policy: String
        let label: String?
        let minimumCount: Int?
    }

    struct Design: Codable {
        let intercept: Bool
        let standardize: Bool
        let unseenLevels: UnseenLevels
        let features: [Feature]
        let columnNames: [String]
        let columnFeature: [Int]
        let centers: [Double]
        let scales: [Double]
    }

    struct Training: Codable {
        let closedDeals: Int
        let fittedDeals: Int
        let wins: Int
        let losses: Int
        let logLikelihood: Double
        let asOf: String?
        let notes: [String]
    }

    struct Bin: Codable {
        let lower: Double
        let upper: Double
        let count: Int
        let meanPredicted: Double
        let observedRate: Double
    }

    struct CrossValidation: Codable {
        let folds: Int
        let auc: Double
        let logLoss: Double
        let brier: Double
        let calibrationIntercept: Double
        let calibrationSlope: Double
        let calibrationBins: [Bin]
    }

    let kind: String
    let version: Int
    let terms: [String]
    let coefficients: [Double]
    let standardErrors: [Double]
    let pValues: [Double]
    let method: Method
    let averageRow: [Double]
    let design: Design
    let training: Training
    let crossValidation: CrossValidation?

    struct Inconsistent: Error, CustomStringConvertible {
        let description: String
    }

    init(_ model: WinProbabilityModel) {
        kind = WinProbabilityModel.fileKind
        version = WinProbabilityModel.fileVersion
        terms = model.terms
        coefficients = model.coefficients
        standardErrors = model.standardErrors
        pValues = model.pValues
        switch model.method {
        case .maximumLikelihood: method = Method(name: "maximum_likelihood", lambda: nil)
        case .firth: method = Method(name: "firth", lambda: nil)
        case let .ridge(lambda): method = Method(name: "l2", lambda: lambda)
        }
        averageRow = model.averageRow
        let encoding = model.encoding
        let unseen: UnseenLevels
        switch encoding.specification.unseenLevels {
        case .error: unseen = UnseenLevels(policy: "error", label: nil, minimumCount: nil)
        case let .other(label, minimumCount): unseen = UnseenLevels(policy: "other", label: label, minimumCount: minimumCount)
        }
        design = Design(
            intercept: encoding.specification.intercept, standardize: encoding.specification.standardize,
            unseenLevels: unseen,
            features: encoding.features.map { feature in
                Feature(name: feature.name, term: Self.term(feature.term), levels: feature.levels,
                        reference: feature.reference, pooledLevels: feature.pooledLevels,
                        operandFeatures: feature.operands, firstColumn: feature.columns.lowerBound,
                        columnCount: feature.columns.count)
            },
            columnNames: encoding.columnNames, columnFeature: encoding.columnFeature,
            centers: encoding.centers, scales: encoding.scales)
        let t = model.training
        training = Training(closedDeals: t.closedDeals, fittedDeals: t.fittedDeals, wins: t.wins, losses: t.losses,
                            logLikelihood: t.logLikelihood, asOf: t.asOf?.description,
                            notes: t.notes)
        crossValidation = model.crossValidation.map { cv in
            CrossValidation(folds: cv.folds, auc: cv.auc, logLoss: cv.logLoss, brier: cv.brier,
                            calibrationIntercept: cv.calibrationIntercept, calibrationSlope: cv.calibrationSlope,
                            calibrationBins: cv.calibrationBins.map {
                                Bin(lower: $0.lower, upper: $0.upper, count: $0.count, meanPredicted: $0.meanPredicted,
                                    observedRate: $0.observedRate)
                            })
        }
    }

    static func term(_ term: DesignSpecification.Term) -> Term {
        switch term {
        case let .numeric(column, transform):
            return Term(kind: "numeric", column: column, transform: transform.rawValue, reference: nil, operands: nil)
        case let .categorical(column, reference):
            return Term(kind: "categorical", column: column, transform: nil, reference: reference, operands: nil)
        case let .interaction(a, b):
            return Term(kind: "interaction", column: nil, transform: nil, reference: nil, operands: [a, b])
        }
    }

    static func term(_ term: Term) throws -> DesignSpecification.Term {
        switch term.kind {
        case "numeric":
            guard let column = term.column, let transform = DesignSpecification.NumericTransform(rawValue: term.transform ?? "") else {
                throw Inconsistent(description: "numeric term without a column or with transform \(term.transform ?? "missing")")
            }
            return .numeric(column: column, transform: transform)
        case "categorical":
            guard let column = term.column else { throw Inconsistent(description: "categorical term without a column") }
            return .categorical(column: column, reference: term.reference)
        case "interaction":
            guard let operands = term.operands, operands.count == 2 else {
                throw Inconsistent(description: "interaction term without two operands")
            }
            return .interaction(operands[0], operands[1])
        default:
            throw Inconsistent(description: "unknown term kind \"\(term.kind)\" (numeric, categorical or interaction)")
        }
    }

    func model() throws -> WinProbabilityModel {
        let p = design.columnNames.count
        guard terms.count == p + 1, coefficients.count == p + 1, standardErrors.count == p + 1, pValues.count == p + 1 else {
            throw Inconsistent(description: "\(terms.count) terms, \(coefficients.count) coefficients, \(standardErrors.count) "
                               + "standard errors and \(pValues.count) p-values for \(p) design columns plus the intercept")
        }
        guard averageRow.count == p else {
            throw Inconsistent(description: "average row has \(averageRow.count) values for \(p) design columns")
        }
        guard coefficients.allSatisfy(\.isFinite), averageRow.allSatisfy(\.isFinite) else {
            throw Inconsistent(description: "a coefficient or average-row value is not a finite number")
        }
        let fittedMethod: WinProbabilityModel.Method
        switch (method.name, method.lambda) {
        case ("maximum_likelihood", _): fittedMethod = .maximumLikelihood
        case ("firth", _): fittedMethod = .firth
        case let ("l2", lambda?) where lambda > 0: fittedMethod = .ridge(lambda: lambda)
        default: throw Inconsistent(description: "method \(method.name) (maximum_likelihood, firth, or l2 with lambda > 0)")
        }
        let unseen: DesignSpecification.UnseenLevelPolicy
        switch (design.unseenLevels.policy, design.unseenLevels.label, design.unseenLevels.minimumCount) {
        case ("error", _, _): unseen = .error
        case let ("other", label?, count?): unseen = .other(label: label, minimumCount: count)
        default: throw Inconsistent(description: "unseen-level policy \(design.unseenLevels.policy) (error, or other with label and minimum_count)")
        }
        let specTerms = try design.features.map { try Self.term($0.term) }
        let specification = DesignSpecification(terms: specTerms, intercept: design.intercept,
                                                standardize: design.standardize, unseenLevels: unseen)
        var features: [DesignEncoding.Feature] = []
        for (index, feature) in design.features.enumerated() {
            guard feature.firstColumn >= 0, feature.columnCount >= 0,
                  feature.firstColumn <= p - feature.columnCount else {
                throw Inconsistent(description: "feature \(feature.name): columns outside the design")
            }
            features.append(DesignEncoding.feature(
                name: feature.name, term: specTerms[index], levels: feature.levels, reference: feature.reference,
                pooledLevels: feature.pooledLevels, operands: feature.operandFeatures,
                columns: feature.firstColumn..<(feature.firstColumn + feature.columnCount)))
        }
        let encoding = try DesignEncoding.restored(specification: specification, features: features,
                                                   columnNames: design.columnNames, columnFeature: design.columnFeature,
                                                   centers: design.centers, scales: design.scales)
        var asOfDay: Day? = nil
        if let asOf = training.asOf {
            guard let value = Day(iso: asOf) else {
                throw Inconsistent(description: "training as_of \"\(asOf)\" is not a YYYY-MM-DD date")
            }
            asOfDay = value
        }
        return WinProbabilityModel(
            encoding: encoding, terms: terms, coefficients: coefficients, standardErrors: standardErrors, pValues: pValues,
            method: fittedMethod, averageRow: averageRow,
            training: .init(closedDeals: training.closedDeals, fittedDeals: training.fittedDeals, wins: training.wins,
                            losses: training.losses, logLikelihood: training.logLikelihood, asOf: asOfDay,
                            notes: training.notes),
            crossValidation: crossValidation.map { cv in
                .init(folds: cv.folds, auc: cv.auc, logLoss: cv.logLoss, brier: cv.brier,
                      calibrationIntercept: cv.calibrationIntercept, calibrationSlope: cv.calibrationSlope,
                      calibrationBins: cv.calibrationBins.map {
                          .init(lower: $0.lower, upper: $0.upper, count: $0.count, meanPredicted: $0.meanPredicted,
                                observedRate: $0.observedRate)
                      })
            })
    }
}
