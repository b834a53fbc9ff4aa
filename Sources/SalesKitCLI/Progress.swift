import Foundation

/// Progress lines on standard error for long work: shown only when stderr is a terminal
/// (`isatty(2)`) and `--quiet` was not given, so scripts and pipes stay silent.
///
/// Usage: `var progress = Progress(steps: 5, quiet: output.quiet)` then `progress.step("reading orders")`
/// before each stage and `progress.finish()` at the end.
struct Progress {
    /// Whether lines are written at all.
    let isEnabled: Bool
    /// The number of steps announced (0 when unknown).
    let steps: Int
    private var current = 0
    private let started = ContinuousClock.now

    /// Creates the helper.
    /// - Parameters:
    ///   - steps: How many `step` calls will follow (0 when unknown: no `[i/n]` counter).
    ///   - quiet: `--quiet` was given.
    ///   - isTerminal: Whether stderr is a terminal (default: `isatty(2)`); tests pass `true`.
    init(steps: Int = 0, quiet: Bool, isTerminal: Bool = isatty(2) != 0) {
        self.steps = steps
        self.isEnabled = isTerminal && !quiet
    }

    /// Announces the next stage of the work.
    /// - Parameter message: What is being done, e.g. "reading orders.csv".
    mutating func step(_ message: String) {
        current += 1
        guard isEnabled else { return }
        let counter = steps > 0 ? "[\(current)/\(steps)] " : ""
        FileHandle.standardError.write(Data("\(counter)\(message)…\n".utf8))
    }

    /// Reports the elapsed time.
    func finish() {
        guard isEnabled else { return }
        let seconds = (ContinuousClock.now - started).seconds
        FileHandle.standardError.write(Data("done in \(String(format: "%.1f", seconds)) s\n".utf8))
    }
}
