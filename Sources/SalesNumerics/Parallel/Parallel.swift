import Dispatch
import Foundation
import Synchronization

/// How much of the machine SalesKit's concurrent loops may use.
///
/// Every concurrent loop in SalesKit (CSV reading, group-bys, cross products, model fits, batch
/// forecasts) asks ``workers`` how many threads it may run on; nothing else decides a worker count.
/// The `saleskit` command sets it from `--parallelism`; a library user sets it once before starting
/// work. Results never depend on it: loops that sum cut their input into chunks by size alone
/// (``Parallel/chunkCount(_:minimumPerChunk:maximumChunks:)``) and add the chunks in order.
public enum Parallelism {
    private static let setting = Atomic<Int>(0)
    @TaskLocal private static var scoped: Int? = nil

    /// The number of worker threads concurrent loops may use (at least 1).
    ///
    /// Defaults to the active processor count; `0` restores that default. Inside
    /// ``withWorkers(_:_:)`` it is that call's count instead (on the calling task).
    public static var workers: Int {
        get {
            if let scoped { return scoped }
            let chosen = setting.load(ordering: .relaxed)
            return chosen > 0 ? chosen : defaultWorkers
        }
        set { setting.store(max(0, newValue), ordering: .relaxed) }
    }

    /// Runs `body` with ``workers`` equal to `count` (at least 1) on the calling task only, leaving
    /// the process-wide setting alone — for code (and tests) that must not change other callers'
    /// worker count. Loops nested inside the workers of a concurrent loop see the process-wide
    /// setting.
    /// - Parameters:
    ///   - count: Worker threads for loops started by `body`.
    ///   - body: The work.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public static func withWorkers<R>(_ count: Int, _ body: () throws -> R) rethrows -> R {
        try $scoped.withValue(max(1, count), operation: body)
    }

    /// The active processor count of this machine (at least 1).
    public static var defaultWorkers: Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}

/// A buffer shared with the workers of a ``Parallel`` loop, each writing slots no other worker
/// writes (or none: read-only input). This is the only place SalesKit vouches for sendability by
/// hand; the owner keeps the storage alive until the loop returns.
///
/// Hot loops take ``buffer`` into a local before their loop (a stored property: no call per element).
package struct SharedBuffer<Element>: @unchecked Sendable {
    /// The shared storage.
    package let buffer: UnsafeMutableBufferPointer<Element>

    /// Shares `buffer`.
    @inlinable package init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    /// Shares `count` elements at `pointer`.
    @inlinable package init(_ pointer: UnsafeMutablePointer<Element>, count: Int) {
        buffer = UnsafeMutableBufferPointer(start: pointer, count: count)
    }

    /// Shares read-only input: the workers must not write through it.
    @inlinable package init(readOnly buffer: UnsafeBufferPointer<Element>) {
        self.buffer = UnsafeMutableBufferPointer(mutating: buffer)
    }

    /// Shares `count` elements of read-only input at `pointer`.
    @inlinable package init(readOnly pointer: UnsafePointer<Element>, count: Int) {
        buffer = UnsafeMutableBufferPointer(start: UnsafeMutablePointer(mutating: pointer), count: count)
    }

    /// The first element's address (the buffer must not be empty).
    @inlinable package var base: UnsafeMutablePointer<Element> {
        guard let start = buffer.baseAddress else { preconditionFailure("SharedBuffer of an empty buffer") }
        return start
    }

    /// The number of elements.
    @inlinable package var count: Int { buffer.count }

    /// The element at `index`.
    @inlinable package subscript(index: Int) -> Element {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }
}

/// Concurrent loops over index ranges: the one parallelism helper every SalesKit loop uses.
package enum Parallel {
    /// The number of chunks `count` items are cut into: 1 below `2·minimumPerChunk`, otherwise
    /// `count / minimumPerChunk`, at most `maximumChunks`. Depends on the sizes only (never on the
    /// machine), so sums over chunks are added in the same order everywhere.
    package static func chunkCount(_ count: Int, minimumPerChunk: Int, maximumChunks: Int) -> Int {
        max(1, min(maximumChunks, count / max(1, minimumPerChunk)))
    }

    /// `0..<count` cut into `parts` contiguous ranges of nearly equal length (at least one range).
    package static func ranges(count: Int, parts: Int) -> [Range<Int>] {
        let pieces = max(1, min(parts, count))
        return (0..<pieces).map { i in (count * i / pieces)..<(count * (i + 1) / pieces) }
    }

    /// Calls `body(i)` for every `i` in `0..<iterations`, on up to ``Parallelism/workers`` threads;
    /// returns when all calls have returned.
    /// - Complexity: the calls' work spread over the workers.
    package static func forEach(_ iterations: Int, _ body: @Sendable (Int) -> Void) {
        if iterations <= 0 { return }
        let workers = min(iterations, Parallelism.workers)
        if workers == 1 {
            for i in 0..<iterations { body(i) }
            return
        }
        if workers == iterations {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
            return
        }
        // More iterations than workers: each worker takes the next iteration as it frees up.
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= iterations { return }
                body(i)
            }
        }
    }

    /// `[body(0), …, body(iterations − 1)]`, computed on up to ``Parallelism/workers`` threads.
    /// - Complexity: the calls' work spread over the workers.
    package static func map<T>(_ iterations: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if iterations <= 0 { return [] }
        return [T](unsafeUninitializedCapacity: iterations) { buffer, initialized in
            let slots = SharedBuffer(buffer)
            forEach(iterations) { i in (slots.base + i).initialize(to: body(i)) }
            initialized = iterations
        }
    }

    /// Cuts `0..<count` into chunks by ``chunkCount(_:minimumPerChunk:maximumChunks:)`` and returns
    /// `[body(chunk, range)]` in chunk order, the chunks run concurrently.
    /// - Complexity: O(count) work spread over the workers.
    package static func mapChunks<T>(
        count: Int, minimumPerChunk: Int, maximumChunks: Int = 64,
        _ body: @Sendable (Int, Range<Int>) -> T
    ) -> [T] {
        let cut = ranges(count: count, parts: chunkCount(count, minimumPerChunk: minimumPerChunk,
                                                         maximumChunks: maximumChunks))
        if cut.count == 1 { return [body(0, cut[0])] }
        return map(cut.count) { c in body(c, cut[c]) }
    }
}

