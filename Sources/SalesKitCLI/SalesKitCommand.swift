import ArgumentParser
import Foundation
import SalesKit

/// The `saleskit` command: CRM data into the numbers a sales team runs on.
struct SalesKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saleskit",
        abstract: "Turn CRM exports into sales KPIs, forecasts, segments and win probabilities.",
        version: SalesKitVersion.string,
        subcommands: [
            GenerateCommand.self,
            SelftestCommand.self,
            CLVCommand.self,
            KPICommand.self,
            RFMCommand.self,
            CohortCommand.self,
            FunnelCommand.self,
            WinprobCommand.self,
            ReportCommand.self,
            DemoCommand.self,
            ValidateCommand.self,
            ForecastCommand.self,
        ]
    )
}

/// Entry point with the exit codes of the CLI contract: 0 success, 1 data error, 2 usage error.
/// A user's mistake never ends in a crash trace: every error is caught and printed as one message.
@main
enum SalesKitMain {
    static func main() async {
        do {
            // `--source` on rfm/cohort/clv/kpi: the warehouse variants (WarehouseSourceOptions.swift).
            if try await WarehouseDispatch.run(Array(CommandLine.arguments.dropFirst())) { return }
            var command = try SalesKitCommand.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withContractCodeFor: error)
        }
    }

    /// Prints `error` the way ArgumentParser would and exits with the contract's code.
    static func exit(withContractCodeFor error: Error) -> Never {
        let code = SalesKitCommand.exitCode(for: error)
        if code == .success {
            // --help, --version and CleanExit: ArgumentParser's own text on stdout.
            SalesKitCommand.exit(withError: error)
        }
        let isUsageError = code == .validationFailure || isMappingMistake(error)
        let message = isUsageError ? SalesKitCommand.fullMessage(for: error) : "error: \(error)"
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(isUsageError ? 2 : (code.rawValue == 0 ? 1 : code.rawValue))
    }

    /// A `--map` naming a header the file does not have: the command line is wrong, not the data,
    /// so it exits 2 like the other `--map` mistakes (unknown contract name, a column mapped twice).
    static func isMappingMistake(_ error: Error) -> Bool {
        if case .mappedColumnsAbsent? = error as? CSVError { return true }
        return false
    }
}
