// saleskit-bench — runs one SalesKit workload (or the floors) in-process on given files and prints
// one JSON object per line, the shape compare/compare.py reads (see compare/README.md):
//   {"workload","implementation":"saleskit","status":"ok|unavailable|error","reason"?,
//    "loadSeconds","computeSeconds","answer":{…},"extra":{…}}
//
//   saleskit-bench floors [--gemm-n 4000] [--syrk-rows 1000000] [--syrk-cols 50]
//                         [--bandwidth-mib 1024] [--read-file PATH]
//   saleskit-bench make-design --kind ols|logistic --rows N --features P --seed S --out FILE
//   saleskit-bench make-series --count N --length L --seed S --out FILE
//   saleskit-bench run WORKLOAD --data DIR [--design FILE --rows N --features P] [--series FILE]
//                         [--details FILE]   (autoets: per-series chosen model, parameters, AICc)
import BenchmarkSupport
import Foundation

func emit(_ object: [String: Any]) {
    if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
       let text = String(data: data, encoding: .utf8) {
        print(text)
    }
}

struct Options {
    var positional: [String] = []
    var named: [String: String] = [:]

    init(_ arguments: ArraySlice<String>) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument.hasPrefix("--") {
                guard let value = iterator.next() else { throw BenchmarkError.usage("\(argument) needs a value") }
                named[String(argument.dropFirst(2))] = value
            } else {
                positional.append(argument)
            }
        }
    }

    func int(_ name: String, default value: Int? = nil) throws -> Int {
        guard let text = named[name] else {
            if let value { return value }
            throw BenchmarkError.usage("--\(name) is required")
        }
        guard let number = Int(text), number > 0 else { throw BenchmarkError.usage("--\(name) \(text): not a positive integer") }
        return number
    }

    func string(_ name: String) throws -> String {
        guard let text = named[name] else { throw BenchmarkError.usage("--\(name) is required") }
        return text
    }
}

func floors(_ options: Options) throws {
    let n = try options.int("gemm-n", default: 4000)
    let gemm = try Floors.dgemm(n: n)
    emit(["workload": "floor-dgemm", "implementation": "saleskit", "status": "ok",
          "computeSeconds": gemm.seconds, "extra": ["n": n, "gflops": gemm.gflops]])
    let rows = try options.int("syrk-rows", default: 1_000_000)
    let cols = try options.int("syrk-cols", default: 50)
    let syrk = try Floors.dsyrk(rows: rows, cols: cols)
    emit(["workload": "floor-syrk", "implementation": "saleskit", "status": "ok",
          "computeSeconds": syrk.seconds, "extra": ["rows": rows, "cols": cols, "gflops": syrk.gflops]])
    let mib = try options.int("bandwidth-mib", default: 1024)
    let bandwidth = Floors.memoryBandwidth(mebibytes: mib)
    emit(["workload": "floor-membw", "implementation": "saleskit", "status": "ok",
          "extra": ["mebibytes": mib, "readGBps": bandwidth.readGBps, "copyGBps": bandwidth.copyGBps]])
    if let path = options.named["read-file"] {
        let read = try Floors.fileRead(path: path)
        emit(["workload": "floor-fileread", "implementation": "saleskit", "status": "ok",
              "computeSeconds": read.seconds,
              "extra": ["file": path, "bytes": read.bytes, "megabytesPerSecond": read.megabytesPerSecond]])
    }
}

func run(_ options: Options) throws {
    guard let id = options.positional.dropFirst().first else { throw BenchmarkError.usage("run WORKLOAD") }
    guard let workload = WorkloadRegistry.workload(id: id) else {
        if let reason = WorkloadRegistry.pending[id] {
            emit(["workload": id, "implementation": "saleskit", "status": "unavailable", "reason": reason])
            return
        }
        throw BenchmarkError.usage("unknown workload \(id); known: \(WorkloadRegistry.allIDs.joined(separator: ", "))")
    }
    var inputs = WorkloadInputs(dataDirectory: try options.string("data"))
    if let design = options.named["design"] {
        inputs.designPath = design
        inputs.designShape = (try options.int("rows"), try options.int("features"))
    }
    inputs.seriesPath = options.named["series"]
    inputs.detailsPath = options.named["details"]
    do {
        let result = try workload.run(inputs)
        emit(["workload": id, "implementation": "saleskit", "status": "ok",
              "loadSeconds": result.loadSeconds, "computeSeconds": result.computeSeconds,
              "answer": result.answer, "extra": result.extra])
    } catch {
        emit(["workload": id, "implementation": "saleskit", "status": "error", "reason": "\(error)"])
    }
}

do {
    let options = try Options(CommandLine.arguments.dropFirst())
    BenchmarkSettings.applyThreads()
    switch options.positional.first {
    case "floors": try floors(options)
    case "make-design":
        guard let kind = SyntheticInputs.DesignKind(rawValue: try options.string("kind")) else {
            throw BenchmarkError.usage("--kind ols|logistic")
        }
        try SyntheticInputs.writeDesign(kind: kind, rows: try options.int("rows"), features: try options.int("features"),
                                        seed: UInt64(try options.int("seed")), to: try options.string("out"))
    case "make-series":
        try SyntheticInputs.writeSeries(count: try options.int("count"), length: try options.int("length"),
                                        seed: UInt64(try options.int("seed")), to: try options.string("out"))
    case "run": try run(options)
    default: throw BenchmarkError.usage("saleskit-bench floors|make-design|make-series|run …")
    }
} catch {
    FileHandle.standardError.write(Data("saleskit-bench: \(error)\n".utf8))
    exit(error is BenchmarkError ? 2 : 1)
}
