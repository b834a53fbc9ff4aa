import ArgumentParser
import SalesKit

/// `--as-of 2024-12-31`: a date option parsed into a `Day` before the command runs, so a bad date is a
/// usage error (exit 2) before any file is read.
extension Day: ExpressibleByArgument {
    /// The day of an ISO date `YYYY-MM-DD`, or `nil` (a usage error) for anything else.
    public init?(argument: String) { self.init(iso: argument) }

    /// The shape of the value in help: `YYYY-MM-DD`.
    public static var defaultValueDescription: String { "YYYY-MM-DD" }
}
