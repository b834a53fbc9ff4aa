import Foundation

/// Runs the built `saleskit` binary (it sits next to the test bundle in the build directory)
/// and captures its exit code, stdout and stderr.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `saleskit` executable of the current build.
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // On Linux the test binary is `<build>/SalesKitPackageTests.xctest`; on macOS it sits inside a bundle.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("saleskit").path),
              directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("saleskit")
    }

    /// The package root (for the bundled `datasets/`).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `saleskit` with `arguments` in `directory` and waits for it; `stdin` (if given) is
    /// written to its standard input through a pipe.
    static func run(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil) throws -> Result {
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
