internal import Foundation

/// Work spread across cores with results in input order: what reading files, chunks and
/// evaluating rules need, without each building its own locking.
public enum Parallel {
    /// `body(0..<count)` on all cores; results in index order.
    package static func map<Value: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<Value>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.set(index, body(index))
        }
        return slots.values
    }

    /// `body` for every index of `0..<count`, in slices on every core, each value written in
    /// place into the one array returned: joining arrays per slice afterwards is work for one
    /// core while the others wait.
    package static func array<Element: Sendable>(
        _ count: Int, minimumSlice: Int, _ body: @Sendable (Int) -> Element
    ) -> [Element] {
        let ranges = slices(count, minimumSlice: minimumSlice)
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each slice initializes its own indices only; all have when `concurrentPerform` returns.
            nonisolated(unsafe) let base = buffer.baseAddress
            DispatchQueue.concurrentPerform(iterations: ranges.count) { slice in
                guard let base else { return }
                for index in ranges[slice] { (base + index).initialize(to: body(index)) }
            }
            initialized = count
        }
    }

    /// `produce` on one core and `consume` on each of the others, and once more on the
    /// producer's core when `produce` returns: for work handed over as it is found (the
    /// consumers wait for it). Iterations start in order, so the producer always runs.
    package static func alongside(produce: @Sendable () -> Void, consume: @Sendable () -> Void) {
        DispatchQueue.concurrentPerform(iterations: cores + 1) { iteration in
            if iteration == 0 { produce() } else { consume() }
        }
    }

    /// `body` over consecutive ranges covering `0..<count`, a few per core (none shorter than
    /// `minimumSlice` unless `count` is), results in range order.
    package static func mapSlices<Value: Sendable>(
        _ count: Int, minimumSlice: Int, _ body: @Sendable (Range<Int>) -> Value
    ) -> [Value] {
        let ranges = slices(count, minimumSlice: minimumSlice)
        return map(ranges.count) { body(ranges[$0]) }
    }

    /// Slices a core gets at most. While the last slice of a step runs, the other cores wait,
    /// so slices are small.
    package static let slicesPerCore = 8

    /// Consecutive ranges covering `0..<count`, `slicesPerCore` per core, none shorter than
    /// `minimumSlice` unless there is only one.
    package static func slices(_ count: Int, minimumSlice: Int) -> [Range<Int>] {
        let slices = max(1, min(cores * slicesPerCore, count / max(minimumSlice, 1)))
        let size = (count + slices - 1) / slices
        return (0..<slices).map { min($0 * size, count)..<min(($0 + 1) * size, count) }
    }

    /// Read once: each reading opens the cgroup's CPU quota files.
    package static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// The parts (what `map` returned) one after another, each element moved, not copied: for
    /// elements holding many references (findings: a dozen strings each) `flatMap` retained
    /// them all and freeing the parts released them again. Elements with few references copy
    /// faster than they move one by one: use `flatMap` for those. Inlinable, to be specialised in
    /// each caller: unspecialised, each element goes through its type's copy and destroy
    /// witnesses, a copy after all.
    /// Lists of at least `parallelJoinMinimum` elements are moved a part per core, each part
    /// straight into its place, so that no core waits on one doing it all.
    /// `reserving` makes room for that many more elements, to be appended without a copy.
    @inlinable
    public static func concatenated<Element>(_ parts: consuming [[Element]], reserving extra: Int = 0) -> [Element] {
        var parts = parts
        var starts: [Int] = []
        starts.reserveCapacity(parts.count)
        var total = 0
        for part in parts.indices {
            starts.append(total)
            total += parts[part].count
        }
        let ends = starts
        return [Element](unsafeUninitializedCapacity: total + max(0, extra)) { buffer, initialized in
            parts.withUnsafeMutableBufferPointer { lists in
                // Each part fills its own range, from the back: `popLast` hands over the element.
                nonisolated(unsafe) let target = buffer.baseAddress
                nonisolated(unsafe) let sources = lists.baseAddress
                let counts = lists.map(\.count)
                let move: @Sendable (Int) -> Void = { part in
                    guard let target, let sources else { return }
                    var index = ends[part] + counts[part]
                    while let element = sources[part].popLast() {
                        index -= 1
                        (target + index).initialize(to: element)
                    }
                }
                if total >= parallelJoinMinimum, lists.count > 1 {
                    forEach(lists.count, move)
                } else {
                    for part in lists.indices { move(part) }
                }
            }
            initialized = total
        }
    }

    /// See `concatenated`: below this many elements, moving them costs less than sharing out.
    @usableFromInline static let parallelJoinMinimum = 16384

    /// `body` for every index of `0..<count`, on every core.
    @usableFromInline static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }

    /// Frees `value` on another thread: dropping a structure of a million small allocations
    /// takes tens of milliseconds that need not hold up the next step.
    package static func release<Value: Sendable>(_ value: consuming Value) {
        let box = ReleaseBox(value)
        DispatchQueue.global().async { box.empty() }
    }

    /// Starts `work` on another thread; its `value` waits for it. For a step that shares nothing
    /// with what the caller does meanwhile.
    package static func background<Value: Sendable>(_ work: @escaping @Sendable () -> Value) -> Pending<Value> {
        let pending = Pending<Value>()
        pending.group.enter()
        DispatchQueue.global().async {
            pending.set(work())
            pending.group.leave()
        }
        return pending
    }
}

/// The result of `Parallel.background`.
package final class Pending<Value: Sendable>: @unchecked Sendable {
    fileprivate let group = DispatchGroup()
    private let lock = NSLock()
    private var result: Value?

    fileprivate init() {}

    fileprivate func set(_ value: Value) {
        lock.lock()
        result = value
        lock.unlock()
    }

    /// Waits for the work to finish.
    package var value: Value {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        guard let result else { preconditionFailure("background work finished without a value") }
        return result
    }
}

/// One slot per index, each written by exactly one iteration of `concurrentPerform`.
private final class Slots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

/// Holds a value until `empty`, which frees it on the thread that calls it.
private final class ReleaseBox<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let lock = NSLock()

    init(_ value: consuming Value) { self.value = value }

    func empty() {
        lock.lock()
        value = nil
        lock.unlock()
    }
}
