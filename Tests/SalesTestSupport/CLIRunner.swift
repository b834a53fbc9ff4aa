import Foundation

/// Runs the built `saleskit` binary and captures its exit code, stdout and stderr.
public enum CLIRunner {
    /// What a run printed and how it ended.
    public struct Result: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
    }

    /// The `saleskit` executable of the current build: `$SALESKIT_BINARY` when set, else the
    /// `saleskit` in the build directory that holds the running test binary or bundle (found from
    /// the process's executable, its first argument and any loaded `.xctest` bundle, so it works with
    /// SwiftPM on Linux and macOS and with Xcode's bundles).
    public static let executable: URL = {
        if let given = ProcessInfo.processInfo.environment["SALESKIT_BINARY"], !given.isEmpty {
            return URL(fileURLWithPath: given)
        }
        var starts: [URL] = []
        if let main = Bundle.main.executableURL { starts.append(main) }
        if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first)) }
        starts += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        for start in starts {
            var directory = start.resolvingSymlinksInPath().deletingLastPathComponent()
            while directory.pathComponents.count > 1 {
                let candidate = directory.appendingPathComponent("saleskit")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        preconditionFailure("saleskit binary not found next to the test binary; build it (swift build) or set SALESKIT_BINARY")
    }()

    /// Runs `saleskit` with `arguments` in `directory` and waits for it; `stdin` (if given) is
    /// written to its standard input through a pipe.
    /// - Throws: When the scratch files for the output cannot be made or the process cannot start.
    public static func run(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let input = Pipe()
        if stdin != nil { process.standardInput = input }
        // Output goes to temporary files (not pipes), so a large output can never deadlock the child.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("saleskit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: scratch.path])
        }
        let outHandle = try FileHandle(forWritingTo: outURL), errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        if let stdin {
            signal(SIGPIPE, SIG_IGN)  // a child that exits before reading must not kill the tests
            // Written from another thread: a pipe holds 64 KiB, and the child reads while we write.
            let writer = input.fileHandleForWriting
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                writer.write(stdin)
                try? writer.close()
                done.signal()
            }
            done.wait()
        }
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
