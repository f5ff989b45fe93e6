internal import Foundation
import FlowYAML

/// Pieces of model files handed from the scan that finds them to the cores that parse them, as
/// they are found: parsing a national model's first pieces starts while the rest of the file is
/// still being scanned (the scan alone kept one core waiting 50–60 ms of a two-second check).
final class ChunkQueue: @unchecked Sendable {
    /// A piece to read: a chunk of a file, or a whole file (`chunk` nil).
    struct Unit: Sendable {
        let file: Int
        let source: YAMLSource
        let chunk: YAMLChunk?
    }

    // Everything below is read and written under `condition` only.
    private let condition = NSCondition()
    private var units: [Unit] = []
    private var next = 0
    private var closed = false
    private var abandoned = false
    private var parts: [Int: [ModelPart]?] = [:]

    /// Adds a unit; its parts come back in the order units were added.
    func add(_ unit: Unit) {
        condition.lock()
        units.append(unit)
        condition.signal()
        condition.unlock()
    }

    /// No more units will be added.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Nothing more is to be read: the files are read whole instead.
    func abandon() {
        condition.lock()
        abandoned = true
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next unit to read with its position, waiting for the scan; nil when there is none left.
    func take() -> (position: Int, unit: Unit)? {
        condition.lock()
        defer { condition.unlock() }
        while next == units.count, !closed { condition.wait() }
        guard !abandoned, next < units.count else { return nil }
        next += 1
        return (next - 1, units[next - 1])
    }

    /// What reading the unit at `position` gave (nil: it must be read whole).
    func finish(_ position: Int, with result: [ModelPart]?) {
        condition.lock()
        parts[position] = result
        condition.unlock()
    }

    /// Every unit with its parts, in the order added, handed over (the queue keeps none: parts
    /// held twice would be copied where they are meant to be moved); nil when abandoned or
    /// taken before. Call after the readers have returned.
    func takeResults() -> [(unit: Unit, parts: [ModelPart]?)]? {
        condition.lock()
        defer { condition.unlock() }
        guard !abandoned, parts.count == units.count else { return nil }
        var results: [(unit: Unit, parts: [ModelPart]?)] = []
        results.reserveCapacity(units.count)
        for position in units.indices { results.append((units[position], parts.removeValue(forKey: position) ?? nil)) }
        return results
    }
}
