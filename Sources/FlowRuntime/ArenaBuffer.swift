/// Growable storage for the plain values of a node arena (records, child indices, scalar
/// bytes). Appending is a capacity check and a store: an `Array` also checks that its buffer is
/// unique on every append, and a class would be retained around every access, millions of
/// times a parse. Not copyable: exactly one owner (the builder filling it, then the document
/// that only reads it) frees it, and only that owner writes to it: sendable because a
/// document's buffers are never written after parsing. Memory not yet written costs nothing.
package struct ArenaBuffer<Element: BitwiseCopyable>: ~Copyable, @unchecked Sendable {
    private var base: UnsafeMutablePointer<Element>
    package private(set) var count = 0
    private var capacity: Int

    package init(capacity: Int = 0) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The values written so far; valid while this buffer lives and does not grow.
    package var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    package subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "arena index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "arena index out of range")
            base[index] = newValue
        }
    }

    @inline(__always)
    package mutating func append(_ element: Element) {
        if count == capacity { grow(toAtLeast: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    package mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        if count + elements.count > capacity { grow(toAtLeast: count + elements.count) }
        (base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    /// Keeps the first `newCount` values.
    package mutating func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "arena truncated past its end")
        count = newCount
    }

    /// Gives the values written to a new owner and starts again, empty, with room for `capacity`.
    package mutating func handOver(startingAgainWith capacity: Int) -> ArenaBuffer<Element> {
        var filled = ArenaBuffer(capacity: capacity)
        swap(&self, &filled)
        return filled
    }

    private mutating func grow(toAtLeast minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        grown.initialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
