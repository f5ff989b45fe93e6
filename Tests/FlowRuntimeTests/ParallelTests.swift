import Foundation
import Testing
@testable import FlowRuntime

@Suite struct ParallelTests {
    @Test func arraysAreWrittenInPlaceInOrder() {
        // Strings hold references: an index written twice or never would leak or crash here.
        for count in [0, 1, 5, 10_000] {
            let expected = (0..<count).map { "item \($0) of a list long enough to be on the heap" }
            #expect(Parallel.array(count, minimumSlice: 7) { "item \($0) of a list long enough to be on the heap" } == expected)
        }
        #expect(Parallel.array(3, minimumSlice: 100) { $0 * 2 } == [0, 2, 4])
    }

    @Test(arguments: [0, 1, 2, 1000])
    func mapKeepsIndexOrder(_ count: Int) {
        #expect(Parallel.map(count) { $0 * $0 } == (0..<count).map { $0 * $0 })
    }

    /// Slices tile `0..<count` in order, none shorter than the minimum unless there is one slice.
    @Test(arguments: [(0, 5), (1, 5), (7, 5), (10_001, 100), (10_001, 1), (64, 1_000_000)])
    func slicesCoverEveryIndexOnceInOrder(_ count: Int, _ minimum: Int) {
        let slices = Parallel.mapSlices(count, minimumSlice: minimum) { $0 }
        #expect(slices.flatMap { Array($0) } == Array(0..<count))
        if slices.count > 1 {
            #expect(slices.dropLast().allSatisfy { $0.count >= minimum })
        }
        #expect(slices.count <= max(1, Parallel.cores * Parallel.slicesPerCore))
    }

    /// Enough work gives every core its full share of slices, each as long as the others but the last.
    @Test func manyItemsFillEveryCoresSlices() {
        let slices = Parallel.slices(1_000_000, minimumSlice: 100)
        #expect(slices.count == Parallel.cores * Parallel.slicesPerCore)
        #expect(Set(slices.dropLast().map(\.count)).count == 1)
    }

    /// Background work runs while the caller goes on, and its value can be read more than once.
    @Test func backgroundWorkGivesItsValue() {
        let pending = Parallel.background { (0..<100_000).reduce(0, +) }
        let here = (0..<1000).reduce(0, +)
        #expect(pending.value == 4_999_950_000)
        #expect(pending.value == 4_999_950_000)
        #expect(here == 499_500)
    }

    /// Concatenating by moving keeps every part's elements, in order, parts in order: on one
    /// core and (past `parallelJoinMinimum` elements) a part per core, with parts shared (copied
    /// before their elements move) or handed over.
    @Test(arguments: [[], [0], [3], [0, 2, 0], [1, 4, 2, 0, 5], [20_000, 0, 15_000, 1], [Parallel.parallelJoinMinimum]])
    func concatenatedKeepsPartsInOrder(_ sizes: [Int]) {
        func parts() -> [[String]] {
            var next = 0
            return sizes.map { size in
                (0..<size).map { _ in
                    next += 1
                    return "element number \(next), long enough to live on the heap"
                }
            }
        }
        let shared = parts()
        let expected = shared.flatMap { $0 }
        let joinedShared = Parallel.concatenated(shared)
        let joinedHandedOver = Parallel.concatenated(parts())
        // Compared outside #expect: a failure would print every element.
        let (sharedJoined, handedOverJoined, sharedIntact) =
            (joinedShared == expected, joinedHandedOver == expected, shared.flatMap { $0 } == expected)
        #expect(sharedJoined)
        #expect(handedOverJoined)
        #expect(sharedIntact)
    }

    /// Room reserved while joining takes the elements appended after, in place.
    @Test(arguments: [[0], [3, 4], [20_000, 1]])
    func concatenatedReservesRoomToAppend(_ sizes: [Int]) {
        let parts = sizes.map { size in (0..<size).map { "item \($0)" } }
        let total = sizes.reduce(0, +)
        var joined = Parallel.concatenated(parts, reserving: 5)
        #expect(joined.count == total)
        #expect(joined.capacity >= total + 5)
        let before = joined.withUnsafeBufferPointer { $0.baseAddress }
        joined.append(contentsOf: (0..<5).map { "extra \($0)" })
        #expect(joined.withUnsafeBufferPointer { $0.baseAddress } == before)
        #expect(joined == parts.flatMap { $0 } + (0..<5).map { "extra \($0)" })
    }

    /// A released value is freed, on another thread than the caller's.
    @Test func releasedValuesAreFreedElsewhere() {
        let freed = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        let freedOnCaller = Flag()
        Parallel.release([Tracked(onDeinit: {
            freedOnCaller.set(pthread_equal(pthread_self(), caller) != 0)
            freed.signal()
        })])
        #expect(freed.wait(timeout: .now() + 10) == .success)
        #expect(freedOnCaller.value == false)
    }
}

/// Runs its closure when freed.
private final class Tracked: Sendable {
    let onDeinit: @Sendable () -> Void
    init(onDeinit: @escaping @Sendable () -> Void) { self.onDeinit = onDeinit }
    deinit { onDeinit() }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool?
    func set(_ value: Bool) { lock.withLock { stored = value } }
    var value: Bool? { lock.withLock { stored } }
}
