@testable import SalesNumerics
import Testing

@Suite("Parallel loops", .serialized)
struct ParallelTests {
    @Test("forEach visits every index once, for more and fewer iterations than workers", arguments: [0, 1, 2, 3, 17, 1000])
    func forEachVisitsEveryIndexOnce(iterations: Int) {
        var visits = [Int](repeating: 0, count: max(iterations, 1))
        visits.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            Parallel.forEach(iterations) { i in shared[i] += 1 }
        }
        #expect(visits.prefix(iterations).allSatisfy { $0 == 1 })
    }

    @Test("map keeps input order")
    func mapKeepsOrder() {
        #expect(Parallel.map(500) { $0 * $0 } == (0..<500).map { $0 * $0 })
        #expect(Parallel.map(0) { $0 }.isEmpty)
    }

    @Test("chunks depend on the sizes only and cover the range")
    func chunksCoverRange() {
        let n = 1_000_003
        let parts = Parallel.mapChunks(count: n, minimumPerChunk: 65_536, maximumChunks: 8) { _, r in r }
        #expect(parts.count == 8)
        #expect(parts.first?.lowerBound == 0 && parts.last?.upperBound == n)
        for (a, b) in zip(parts, parts.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        #expect(Parallel.chunkCount(100, minimumPerChunk: 65_536, maximumChunks: 8) == 1)
    }

    @Test("a worker count of 1 runs serially and 0 restores the default")
    func workerSetting() {
        let before = Parallelism.workers
        defer { Parallelism.workers = 0 }
        Parallelism.workers = 1
        #expect(Parallelism.workers == 1)
        #expect(Parallel.map(10) { $0 + 1 } == Array(1...10))
        Parallelism.workers = 0
        #expect(Parallelism.workers == Parallelism.defaultWorkers)
        #expect(before >= 1)
    }

    @Test("withWorkers scopes the count to the calling task and leaves the setting alone")
    func scopedWorkers() {
        let outside = Parallelism.workers
        Parallelism.withWorkers(1) {
            #expect(Parallelism.workers == 1)
            Parallelism.withWorkers(3) { #expect(Parallelism.workers == 3) }
            #expect(Parallelism.workers == 1)
            #expect(Parallel.map(100) { $0 * 2 } == (0..<100).map { $0 * 2 })
        }
        Parallelism.withWorkers(0) { #expect(Parallelism.workers == 1) }
        #expect(Parallelism.workers == outside)
    }

    @Test("SharedBuffer shares empty buffers and counts elements")
    func sharedBufferShapes() {
        var values = [1, 2, 3]
        values.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            #expect(shared.count == 3)
            Parallel.forEach(3) { i in shared[i] *= 10 }
        }
        #expect(values == [10, 20, 30])
        let empty = [Double]()
        empty.withUnsafeBufferPointer { #expect(SharedBuffer(readOnly: $0).count == 0) }
    }
}
