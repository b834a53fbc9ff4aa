import Testing
import SalesNumerics
@testable import SalesAnalytics

/// The radix sort against the standard library's sort on inputs that exercise every pass count,
/// negative values, the full Int64 range, duplicates and the small-input cutoff.
@Suite struct Int64RadixSortTests {
    @Test(arguments: [0, 1, 5, 511, 512, 10_000])
    func matchesTheStandardSort(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count) + 1)
        let ranges: [ClosedRange<Int64>] = [0...604_800, -5...5, -1_000_000_000_000...1_000_000_000_000, 7...7,
                                            Int64.min...Int64.max]
        for range in ranges {
            let width = UInt64(bitPattern: range.upperBound &- range.lowerBound)
            let values = (0..<count).map { _ -> Int64 in
                let r = generator.next()
                let offset = width == UInt64.max ? r : r % (width + 1)
                return range.lowerBound &+ Int64(bitPattern: offset)
            }
            #expect(Int64RadixSort.sorted(values) == values.sorted(), "range \(range)")
        }
        let extremes: [Int64] = Array(repeating: [Int64.min, Int64.max, 0, -1, 1], count: 200).flatMap { $0 }
        #expect(Int64RadixSort.sorted(extremes) == extremes.sorted())
    }
}
