internal import Foundation

/// Work handed from the one thread that finds it to the threads that do it, as it is found, with
/// the results kept in the order the work was added: a model's first pieces are parsed while the
/// rest of its file is still being scanned.
package final class WorkQueue<Unit: Sendable, Output: Sendable>: @unchecked Sendable {
    // Everything below is read and written under `condition` only.
    private let condition = NSCondition()
    private var units: [Unit] = []
    private var next = 0
    private var closed = false
    private var abandoned = false
    private var outputs: [Int: Output?] = [:]

    package init() {}

    /// Adds a unit; its output comes back in the order units were added.
    package func add(_ unit: Unit) {
        condition.lock()
        units.append(unit)
        condition.signal()
        condition.unlock()
    }

    /// No more units will be added.
    package func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Nothing more is to be done: the work is done another way.
    package func abandon() {
        condition.lock()
        abandoned = true
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next unit with its position, waiting for more to be added; nil when there is none left.
    package func take() -> (position: Int, unit: Unit)? {
        condition.lock()
        defer { condition.unlock() }
        while next == units.count, !closed { condition.wait() }
        guard !abandoned, next < units.count else { return nil }
        next += 1
        return (next - 1, units[next - 1])
    }

    /// What the unit at `position` gave (nil: it could not be done this way).
    package func finish(_ position: Int, with result: Output?) {
        condition.lock()
        outputs[position] = result
        condition.unlock()
    }

    /// Every unit with its output, in the order added, handed over (the queue keeps none: outputs
    /// held twice would be copied where they are meant to be moved); nil when abandoned or
    /// taken before. Call after the workers have returned.
    package func takeResults() -> [(unit: Unit, output: Output?)]? {
        condition.lock()
        defer { condition.unlock() }
        guard !abandoned, outputs.count == units.count else { return nil }
        var results: [(unit: Unit, output: Output?)] = []
        results.reserveCapacity(units.count)
        for position in units.indices { results.append((units[position], outputs.removeValue(forKey: position) ?? nil)) }
        return results
    }
}
