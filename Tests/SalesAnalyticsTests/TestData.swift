import Foundation
@testable import SalesAnalytics
import SalesData

/// Paths to the bundled datasets and fixtures, and helpers shared by the tests.
enum TestData {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static func dataset(_ name: String) -> String { packageRoot.appendingPathComponent("datasets/\(name)").path }
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    static func day(_ iso: String) -> Int {
        guard let d = Day(iso: iso) else { preconditionFailure("bad test date \(iso)") }
        return d.rawValue
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "series.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("salesanalytics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
