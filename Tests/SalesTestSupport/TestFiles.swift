import Foundation
import SalesData

/// Days since 1970-01-01 of an ISO date literal written in a test (a malformed literal is a bug in
/// the test and stops it).
public func isoDay(_ text: String) -> Int {
    guard let day = Day(iso: text)?.rawValue else { preconditionFailure("bad test date \(text)") }
    return day
}

/// Scratch files for tests, each in a fresh directory under the system's temporary directory.
public enum TemporaryFiles {
    /// A fresh, empty directory whose name starts with `prefix`.
    public static func directory(_ prefix: String = "saleskit-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in a fresh directory and returns its path.
    public static func file(_ text: String, name: String = "data.csv") throws -> String {
        let url = try directory().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
