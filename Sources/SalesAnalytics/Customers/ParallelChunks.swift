import Dispatch

/// Runs work over contiguous index ranges on several threads (`DispatchQueue.concurrentPerform`).
enum ParallelChunks {
    /// Shares a raw pointer with workers that write disjoint slots.
    struct Shared<T>: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<T>
    }

    /// `0..<count` cut into at most `parts` contiguous ranges of nearly equal length (at least one range).
    static func ranges(count: Int, parts: Int) -> [Range<Int>] {
        let pieces = max(1, min(parts, count))
        return (0..<pieces).map { i in (count * i / pieces)..<(count * (i + 1) / pieces) }
    }

    /// Calls `body(part, range)` for each range, concurrently when there is more than one, and
    /// returns the results in range order.
    static func map<T>(count: Int, parts: Int, minimumPerPart: Int = 1 << 16,
                       _ body: @Sendable (Int, Range<Int>) -> T) -> [T] {
        let pieces = max(1, min(parts, count / max(1, minimumPerPart)))
        let cut = ranges(count: count, parts: pieces)
        if cut.count == 1 { return [body(0, cut[0])] }
        let results = UnsafeMutablePointer<T?>.allocate(capacity: cut.count)
        results.initialize(repeating: nil, count: cut.count)
        defer { results.deinitialize(count: cut.count); results.deallocate() }
        let shared = Shared(pointer: results)
        DispatchQueue.concurrentPerform(iterations: cut.count) { i in
            shared.pointer[i] = body(i, cut[i])
        }
        return (0..<cut.count).map { i in
            guard let value = results[i] else { preconditionFailure("worker \(i) produced no result") }
            return value
        }
    }
}
