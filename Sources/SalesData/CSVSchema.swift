/// What a CSV file must contain: for each wanted column its contract name, type, whether it must
/// be present, and which header in the file holds it.
///
/// Columns of the file that the schema does not name are ignored. A column the schema marks
/// required but the header lacks fails the read with `CSVError.missingColumns`, which lists the
/// headers the file does have. Map contract names to a user's own headers with `mapped(_:)`
/// (`["customer_id": "客户ID"]`).
public struct CSVSchema: Sendable, Equatable {
    /// One wanted column.
    public struct Field: Sendable, Equatable {
        /// The contract name: the name of the column in the resulting `Table`.
        public var name: String
        /// The header in the file that holds this column (defaults to `name`).
        public var header: String
        /// The value type.
        public var type: ColumnType
        /// Whether the header must contain the column (an absent optional column is left out of the table).
        public var required: Bool
        /// Whether a field may be empty / a missing token (`false`: such a row is invalid).
        public var allowsMissing: Bool
        /// Numbers: accept thousands separators (`1,234,567.5`; groups of three digits).
        public var allowsThousandsSeparator: Bool
        /// Numbers: accept a leading currency symbol (`¥`, `￥`, `$`, `€`, `£`), before or after the sign.
        public var allowsCurrencySymbol: Bool
        /// Numbers: accept `NaN`, `inf` and `infinity` (default `true`; the contract's money and
        /// count columns say `false`, so such a field is rejected in the file's own spelling).
        public var allowsNonFinite: Bool
        /// A rule the parsed value must keep (a range, a set), or `nil`.
        public var rule: ValueRule?
        /// Category fields without a rule: keep only each value's 64-bit `IDFingerprint` (the
        /// column is then `.integer` fingerprints, missing rows invalid) instead of its text — for
        /// ids read only to learn whether they repeat. Default `false`.
        public var fingerprint: Bool = false

        /// Whether the reader keeps fingerprints for this field (`fingerprint` on a category field without a rule).
        var readsFingerprints: Bool { fingerprint && type == .category && rule == nil }

        /// A wanted column.
        /// - Parameters:
        ///   - name: Contract name (table column name).
        ///   - type: Value type.
        ///   - required: The header must have it (default `true`).
        ///   - allowsMissing: Empty/missing fields are allowed (default `true`).
        ///   - header: The file's header for it (default: `name`).
        ///   - allowsThousandsSeparator: Accept `1,234.5` in number columns (default `false`).
        ///   - allowsCurrencySymbol: Accept `¥12`, `-$3.50` in number columns (default `false`).
        ///   - allowsNonFinite: Accept `NaN`/`inf` in number columns (default `true`).
        ///   - rule: A range or set the value must keep (default none).
        public init(_ name: String, _ type: ColumnType, required: Bool = true, allowsMissing: Bool = true,
                    header: String? = nil, allowsThousandsSeparator: Bool = false,
                    allowsCurrencySymbol: Bool = false, allowsNonFinite: Bool = true, rule: ValueRule? = nil) {
            self.name = name
            self.header = header ?? name
            self.type = type
            self.required = required
            self.allowsMissing = allowsMissing
            self.allowsThousandsSeparator = allowsThousandsSeparator
            self.allowsCurrencySymbol = allowsCurrencySymbol
            self.allowsNonFinite = allowsNonFinite
            self.rule = rule
        }
    }

    /// The wanted columns, in the order of the resulting table.
    public var fields: [Field]
    /// Rules across the fields of a row (is_won vs stage, close after created), checked by the
    /// reader on every row with its line.
    public var rowRules: [RowRule]

    /// A schema from its fields.
    /// - Parameters:
    ///   - fields: The wanted columns (names must be distinct).
    ///   - rowRules: Rules across fields (default none).
    public init(_ fields: [Field], rowRules: [RowRule] = []) {
        self.fields = fields
        self.rowRules = rowRules
    }

    /// This schema with headers remapped: `mapping[contractName]` is the user's header for it.
    /// Names the schema does not have are ignored.
    /// - Parameter mapping: Contract name → the file's header.
    /// - Returns: The remapped schema.
    public func mapped(_ mapping: [String: String]) -> CSVSchema {
        var copy = self
        for i in copy.fields.indices {
            if let header = mapping[copy.fields[i].name] { copy.fields[i].header = header }
        }
        return copy
    }

    /// This schema without the field `name` (its rules across fields are kept; rules whose columns
    /// are absent are not checked).
    /// - Parameter name: The contract name of the field to drop.
    /// - Returns: The schema.
    public func removing(_ name: String) -> CSVSchema {
        CSVSchema(fields.filter { $0.name != name }, rowRules: rowRules)
    }

    /// This schema with the category field `name` read as fingerprints (`Field.fingerprint`).
    /// - Parameter name: The contract name of the field (absent names are ignored).
    /// - Returns: The schema.
    public func fingerprinting(_ name: String) -> CSVSchema {
        var copy = self
        for i in copy.fields.indices where copy.fields[i].name == name { copy.fields[i].fingerprint = true }
        return copy
    }

    /// The same schema with every number column accepting thousands separators and currency symbols.
    public func allowingFormattedNumbers() -> CSVSchema {
        var copy = self
        for i in copy.fields.indices where copy.fields[i].type == .double || copy.fields[i].type == .integer {
            copy.fields[i].allowsThousandsSeparator = true
            copy.fields[i].allowsCurrencySymbol = true
        }
        return copy
    }
}
