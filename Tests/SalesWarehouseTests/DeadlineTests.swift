import Dispatch
import Synchronization
import Testing
@testable import SalesWarehouse

/// `withDeadline` returns at its limit even when the work ignores cancellation (a connect to a
/// silent server on a loaded machine did), hands a value that arrives too late to `onLateResult`,
/// and passes the work's own value and error through when it ends in time. No server needed.
///
/// The checks are causal, not wall-clock bounds: the work is held until the test releases it
/// after `withDeadline` has returned, so a deadline that waited for its work (the old task group)
/// could only return after the release — which the test sees. (Wall-clock bounds failed inside
/// the full parallel suite, where the test's own continuation waits behind every queued test on
/// the two-thread cooperative pool.) A fallback releases the work after `fallback` so that a broken
/// deadline fails the test instead of hanging it.
@Suite struct DeadlineTests {
    static let fallback = 300.0

    /// Work that ignores cancellation: it ends only when `release()` is called (or the fallback fires).
    final class HeldWork: Sendable {
        private let state = Mutex<(released: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))
        /// Whether the work has ended.
        var ended: Bool { state.withLock { $0.released } }

        init() {
            DispatchQueue.global().asyncAfter(deadline: .now() + DeadlineTests.fallback) { [weak self] in self?.release() }
        }

        func run(returning value: Int) async -> Int {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { s -> Bool in
                    if s.released { return true }
                    s.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
            return value
        }

        func release() {
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                s.released = true
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume()
        }
    }

    @Test func returnsAtTheLimitWhenTheWorkIgnoresCancellation() async throws {
        let work = HeldWork()
        await #expect { try await withDeadline(.milliseconds(200), source: "test", what: "waiting") {
            await work.run(returning: 1)
        } } throws: { error in
            (error as? WarehouseError)?.kind == .timeout
        }
        #expect(!work.ended, "withDeadline returned only after its work ended")
        work.release()
    }

    @Test func aLateValueGoesToOnLateResult() async throws {
        let work = HeldWork()
        let late = Mutex<[Int]>([])
        await #expect(throws: WarehouseError.self) {
            try await withDeadline(.milliseconds(100), source: "test", what: "waiting",
                                   onLateResult: { value in late.withLock { $0.append(value) } }) {
                await work.run(returning: 42)
            }
        }
        #expect(!work.ended)
        work.release()
        for _ in 0..<6_000 where late.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(late.withLock { $0 } == [42])
    }

    @Test func valueAndErrorPassThroughInTime() async throws {
        let value = try await withDeadline(.seconds(600), source: "test", what: "waiting") { 7 }
        #expect(value == 7)
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            try await withDeadline(.seconds(600), source: "test", what: "waiting") { () async throws -> Int in throw Failure() }
        }
    }

    @Test func cancellingTheCallerEndsTheCall() async throws {
        let work = HeldWork()
        let call = Task {
            try await withDeadline(.seconds(600), source: "test", what: "waiting") {
                await work.run(returning: 1)
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(!work.ended, "the cancelled call returned only after its work ended")
        work.release()
    }
}
