/// Rebuilding a fitted encoding from its parts, as a model file stores them.
extension DesignEncoding {
    /// Why stored encoding parts do not form an encoding.
    package struct RestoreError: Error, CustomStringConvertible, Sendable {
        /// What is inconsistent.
        package let reason: String
        package var description: String { reason }
    }

    /// One feature from its stored parts.
    package static func feature(name: String, term: DesignSpecification.Term, levels: [String], reference: String?,
                                pooledLevels: [String], operands: [Int], columns: Range<Int>) -> Feature {
        Feature(name: name, term: term, levels: levels, reference: reference, pooledLevels: pooledLevels,
                operands: operands, columns: columns)
    }

    /// An encoding from stored parts, checked for consistency so that a damaged file is refused here
    /// rather than producing wrong columns at scoring.
    /// - Throws: `RestoreError` naming the first inconsistency (array lengths, a feature's columns
    ///   outside the design, operands that are not earlier main features, a feature whose name does
    ///   not match its term).
    /// - Complexity: O(columns + features).
    package static func restored(specification: DesignSpecification, features: [Feature], columnNames: [String],
                                 columnFeature: [Int], centers: [Double], scales: [Double]) throws -> DesignEncoding {
        let count = columnNames.count
        guard columnFeature.count == count, centers.count == count, scales.count == count else {
            throw RestoreError(reason: "design arrays differ in length (\(count) column names, \(columnFeature.count) owners, "
                               + "\(centers.count) centers, \(scales.count) scales)")
        }
        guard features.count == specification.terms.count else {
            throw RestoreError(reason: "\(features.count) features for \(specification.terms.count) terms")
        }
        var next = 0
        for (index, feature) in features.enumerated() {
            guard feature.term == specification.terms[index], feature.name == DesignSpecification.featureName(feature.term) else {
                throw RestoreError(reason: "feature \(index) (\(feature.name)) does not match its term")
            }
            guard feature.columns.lowerBound == next, feature.columns.upperBound <= count else {
                throw RestoreError(reason: "feature \(feature.name): columns \(feature.columns) do not follow on from column \(next)")
            }
            for j in feature.columns where columnFeature[j] != index {
                throw RestoreError(reason: "column \(columnNames[j]) is not owned by feature \(feature.name)")
            }
            for operand in feature.operands where !(0..<index).contains(operand) || !features[operand].operands.isEmpty {
                throw RestoreError(reason: "feature \(feature.name): operand \(operand) is not an earlier main feature")
            }
            next = feature.columns.upperBound
        }
        guard next == count else { throw RestoreError(reason: "columns \(next)..<\(count) belong to no feature") }
        for (j, scale) in scales.enumerated() where !(scale > 0 && scale.isFinite) || !centers[j].isFinite {
            throw RestoreError(reason: "column \(columnNames[j]): center \(centers[j]) / scale \(scale) is not usable")
        }
        return DesignEncoding(specification: specification, features: features, columnNames: columnNames,
                              columnFeature: columnFeature, centers: centers, scales: scales)
    }
}
