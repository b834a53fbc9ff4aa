import Foundation

/// Files of this package's checkout that tests read: the committed `datasets/` and any path from the
/// package root. The one place tests find the checkout (from this file's own path, so it works from
/// any working directory and on any machine).
public enum PackageFiles {
    /// The package root (the directory holding Package.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The path of `datasets/name`.
    public static func dataset(_ name: String) -> String { root.appendingPathComponent("datasets/\(name)").path }

    /// The path of `relative` under the package root.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The contents of every ```swift fenced block of a DocC article, in order (for the tests that
    /// keep an article's code identical to code the package compiles).
    /// - Parameter relative: The article's path under the package root.
    public static func swiftBlocks(ofArticle relative: String) throws -> [String] {
        let article = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]? = nil
        for line in article.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append((current ?? []).joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return blocks
    }
}

/// The `Fixtures/` directory of one test target (the reference files and the scripts that wrote them).
public struct FixtureDirectory: Sendable {
    /// The directory.
    public let url: URL

    /// The fixtures of test target `target` (`Tests/<target>/Fixtures`).
    public init(_ target: String) {
        url = PackageFiles.root.appendingPathComponent("Tests/\(target)/Fixtures")
    }

    /// The URL of `Fixtures/name`.
    public func url(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The path of `Fixtures/name`.
    public func path(_ name: String) -> String { url(name).path }

    /// Decodes the JSON fixture `Fixtures/name`.
    public func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: url(name)))
    }
}
