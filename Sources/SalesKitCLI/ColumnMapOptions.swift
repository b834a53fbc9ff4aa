import ArgumentParser
import SalesKit

/// `--map [FILE:]contract_name=their_name`, repeatable: column names as the user's export spells
/// them. Without `FILE:` a mapping applies to every file the command reads that has the contract
/// column; with it (`--map events:user_id=uid`, `--map breakdown:user_id=customer`) to that file only.
///
/// Every entry is checked before any file is read: a malformed entry, a file the command does not
/// read, a contract name none of its files has, and the same column mapped twice are usage errors
/// (exit 2) that list the valid names.
struct ColumnMapOptions: ParsableArguments {
    @Option(name: .customLong("map"), help: ArgumentHelp(
        "Map a contract column to the file's own header: [file:]contract_name=their_name (repeatable; file is "
            + "orders, customers, opportunities, stage_history, events, marketing_spend, targets, surveys, or a "
            + "command's extra file such as breakdown).",
        valueName: "[file:]contract=theirs"))
    var mappings: [String] = []

    /// One file a command reads: its name in `--map FILE:` and its contract column names.
    struct Scope: Sendable {
        var name: String
        var columns: [String]

        /// A contract file and its schema's columns.
        static func contract(_ file: ContractFile) -> Scope {
            Scope(name: file.rawValue, columns: file.schema.fields.map(\.name))
        }
    }

    /// The mapping for the file `scope`, after checking every entry against all of `scopes`.
    /// - Parameters:
    ///   - scope: The file being read (one of `scopes`).
    ///   - scopes: Every file the command reads.
    /// - Returns: Contract name → the file's header, for `scope`.
    /// - Throws: `ValidationError` (exit 2) for a malformed entry, an unknown file or contract
    ///   name, or a column mapped twice.
    func mapping(for scope: String, among scopes: [Scope]) throws -> [String: String] {
        try resolved(scopes)[scope] ?? [:]
    }

    /// Every entry checked and resolved per file.
    /// - Throws: `ValidationError` as for ``mapping(for:among:)``.
    func resolved(_ scopes: [Scope]) throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        let fileNames = scopes.map(\.name)
        for entry in mappings {
            guard let equals = entry.firstIndex(of: "=") else {
                throw ValidationError("--map expects [file:]contract_name=their_name, got \"\(entry)\"")
            }
            var key = String(entry[..<equals])
            let header = String(entry[entry.index(after: equals)...])
            var targets = scopes
            if let colon = key.firstIndex(of: ":") {
                let file = String(key[..<colon])
                key = String(key[key.index(after: colon)...])
                guard let scope = scopes.first(where: { $0.name == file }) else {
                    throw ValidationError("--map \(entry): this command reads no \"\(file)\" file; "
                                          + "files: \(fileNames.joined(separator: ", "))")
                }
                targets = [scope]
            }
            guard !key.isEmpty, !header.isEmpty else {
                throw ValidationError("--map expects [file:]contract_name=their_name, got \"\(entry)\"")
            }
            let matching = targets.filter { $0.columns.contains(key) }
            guard !matching.isEmpty else {
                let valid = Array(Set(targets.flatMap(\.columns))).sorted()
                throw ValidationError("--map \(entry): no contract column \"\(key)\" in "
                                      + "\(targets.count == 1 ? targets[0].name : "the files of this command"); "
                                      + "valid names: \(valid.joined(separator: ", "))")
            }
            for scope in matching {
                if let earlier = result[scope.name]?[key] {
                    throw ValidationError("--map maps \(scope.name) column \"\(key)\" twice (\"\(earlier)\" and \"\(header)\")")
                }
                result[scope.name, default: [:]][key] = header
            }
        }
        return result
    }
}
