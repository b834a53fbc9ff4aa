import Foundation

/// The reference files under Tests/SalesModelsTests/Fixtures (written by the scripts next to them).
enum FixtureFile {
    /// The Fixtures directory of this test target.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The URL of `Fixtures/name`.
    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Decodes the JSON fixture `Fixtures/name`.
    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: url(name)))
    }
}
