import ArgumentParser
import SalesKit

/// `--parallelism N`: the worker threads of the command's concurrent loops (CSV reading,
/// group-bys, model fits, batch forecasts). Validated with the other arguments, before any file is
/// read, and applied to `Parallelism.workers` there, so it holds for the whole command.
struct ParallelismOption: ParsableArguments {
    @Option(help: ArgumentHelp("Worker threads for the parallel parts (default: all cores).", valueName: "n"))
    var parallelism: Int?

    func validate() throws {
        if let parallelism, parallelism < 1 {
            throw ValidationError("--parallelism must be at least 1, got \(parallelism)")
        }
        Parallelism.workers = parallelism ?? 0
    }
}
