import Dispatch
import Synchronization
import Testing
@testable import SalesWarehouse

/// `withDeadline` returns at its limit even when the work ignores cancellation (a connect to a
/// silent server on a loaded machine did), hands a value that arrives too late to `onLateResult`,
/// and passes the work's own value and error through when it ends in time. No server needed.
@Suite struct DeadlineTests {
    /// Work that ignores cancellation: resumes only when a dispatch timer fires.
    private static func uncancellableWork(seconds: Double, value: Int) async -> Int {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { continuation.resume(returning: value) }
        }
    }

    @Test func returnsAtTheLimitWhenTheWorkIgnoresCancellation() async throws {
        let start = ContinuousClock.now
        await #expect { try await withDeadline(.milliseconds(200), source: "test", what: "waiting") {
            await Self.uncancellableWork(seconds: 4, value: 1)
        } } throws: { error in
            (error as? WarehouseError)?.kind == .timeout
        }
        #expect(ContinuousClock.now - start < .seconds(3))
    }

    @Test func aLateValueGoesToOnLateResult() async throws {
        let late = Mutex<[Int]>([])
        await #expect(throws: WarehouseError.self) {
            try await withDeadline(.milliseconds(100), source: "test", what: "waiting",
                                   onLateResult: { value in late.withLock { $0.append(value) } }) {
                await Self.uncancellableWork(seconds: 0.5, value: 42)
            }
        }
        for _ in 0..<100 where late.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(late.withLock { $0 } == [42])
    }

    @Test func valueAndErrorPassThroughInTime() async throws {
        let value = try await withDeadline(.seconds(10), source: "test", what: "waiting") { 7 }
        #expect(value == 7)
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            try await withDeadline(.seconds(10), source: "test", what: "waiting") { () async throws -> Int in throw Failure() }
        }
    }

    @Test func cancellingTheCallerEndsTheCall() async throws {
        let start = ContinuousClock.now
        let call = Task {
            try await withDeadline(.seconds(30), source: "test", what: "waiting") {
                await Self.uncancellableWork(seconds: 5, value: 1)
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(ContinuousClock.now - start < .seconds(4))
    }
}
