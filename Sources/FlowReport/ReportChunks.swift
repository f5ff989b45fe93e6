import FlowRuntime

/// The items of a JSON array rendered slice by slice only when they are written: each slice's
/// bytes laid out as `.renderedItems` lays out its slices. A class, so that a document holding
/// it compares and hashes it by identity.
package final class ItemSlices: Sendable, Hashable {
    let ranges: [Range<Int>]
    private let renderRange: @Sendable (Range<Int>) -> [UInt8]

    /// Items in consecutive `ranges`; `render` writes the items of one range.
    package init(_ ranges: [Range<Int>], render: @escaping @Sendable (Range<Int>) -> [UInt8]) {
        self.ranges = ranges
        renderRange = render
    }

    var count: Int { ranges.count }

    /// The bytes of slice `index`.
    func render(_ index: Int) -> [UInt8] { renderRange(ranges[index]) }

    /// No items at all: the array is written `[]`.
    var isEmpty: Bool { ranges.allSatisfy(\.isEmpty) }

    package static func == (lhs: ItemSlices, rhs: ItemSlices) -> Bool { lhs === rhs }
    package func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// A report's bytes in the order they are written: pieces already rendered, and array slices
/// rendered a core's worth at a time just before they are written, so that a report's findings
/// are never all in memory as bytes at once.
package struct ReportChunks: Sendable {
    enum Piece: Sendable {
        case bytes([UInt8])
        case slices(ItemSlices)
    }

    let pieces: [Piece]

    init(pieces: [Piece]) {
        self.pieces = pieces
    }

    package init(bytes: [UInt8]) {
        pieces = [.bytes(bytes)]
    }

    /// Each chunk in order; slices are rendered on every core, a batch at a time.
    package func forEach<Failure: Error>(_ body: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        for piece in pieces {
            switch piece {
            case .bytes(let bytes):
                if !bytes.isEmpty { try body(bytes) }
            case .slices(let slices):
                var next = 0
                while next < slices.count {
                    let batch = next..<min(next + Parallel.cores, slices.count)
                    for bytes in Parallel.map(batch.count, { slices.render(batch.lowerBound + $0) }) where !bytes.isEmpty {
                        try body(bytes)
                    }
                    next = batch.upperBound
                }
            }
        }
    }

    /// All of it in one buffer (tests, and documents small enough to hold).
    package var joined: [UInt8] {
        var all: [UInt8] = []
        forEach { all += $0 }
        return all
    }
}
