import Synchronization
import Foundation
import Testing
@testable import FlowReport

@Suite struct JSONValueTests {
    static func item(_ index: Int) -> JSONValue {
        .object([
            "rule": .string("rule-\(index % 7)"), "index": .integer(index), "waived": .bool(index % 2 == 0),
            "path": .array((0..<(index % 4)).map { .string("node \"\($0)\"\n") }), "none": .null,
        ])
    }

    @Test(arguments: [0, 1, 5, 2047, 2048, 5001])
    func parallelSlicesGiveTheSameBytes(_ count: Int) throws {
        let value = JSONValue.object(["findings": .array((0..<count).map(Self.item)), "count": .integer(count)])
        let sequential = value.rendered(parallelArrayThreshold: .max)
        let parallel = value.rendered(parallelArrayThreshold: 2)
        #expect(parallel == sequential)
        #expect(value.rendered() == sequential)
        let parsed = try JSONSerialization.jsonObject(with: Data(parallel.utf8)) as? [String: Any]
        #expect((parsed?["findings"] as? [Any])?.count == count)
    }

    @Test func keysAreSortedAndStringsEscaped() {
        let text = JSONValue.object(["b": .string("tab\there \"q\" \\ \u{1}"), "a": .array([])]).rendered()
        #expect(text == "{\n  \"a\": [],\n  \"b\": \"tab\\there \\\"q\\\" \\\\ \\u0001\"\n}")
    }

    @Test func renderedFragmentsAndDocumentsGiveTheSameBytes() {
        // A report writes each finding at its depth (root, array, item) and splices the bytes in.
        let items = (0..<5).map(Self.item)
        let plain = JSONValue.object(["findings": .array(items), "count": .integer(5)])
        let spliced = JSONValue.object(["findings": .array(items.map { .rendered($0.rendered(indent: 2)) }), "count": .integer(5)])
        #expect(spliced.rendered() == plain.rendered())
        #expect(plain.renderedDocument() == plain.rendered() + "\n")
    }

    /// Items written slice by slice and spliced in lay out exactly as an array of them does,
    /// joined or left in chunks.
    @Test(arguments: [[0..<0], [0..<2, 2..<5], [0..<5], [0..<1, 1..<1, 1..<3, 3..<5]])
    func renderedItemsLayOutAsAnArray(_ slices: [Range<Int>]) {
        let items = (0..<(slices.last?.upperBound ?? 0)).map(Self.item)
        let written = slices.map { range -> [UInt8] in
            var bytes: [UInt8] = []
            for index in range {
                JSONValue.writeIndentation(2, to: &bytes)
                bytes += items[index].rendered(indent: 2)
                JSONValue.endItem(isLast: index == items.count - 1, to: &bytes)
            }
            return bytes
        }
        let array = JSONValue.object(["findings": .array(items), "count": .integer(items.count)])
        let spliced = JSONValue.object(["findings": .renderedItems(written), "count": .integer(items.count)])
        #expect(spliced.renderedDocumentBytes() == array.renderedDocumentBytes())
        let chunks = spliced.renderedDocumentChunks().written
        #expect(Array(chunks.joined()) == array.renderedDocumentBytes())
        // The slices are chunks of their own, between what comes before and after them.
        #expect(chunks.count == (items.isEmpty ? 1 : 2 + written.filter { !$0.isEmpty }.count))
        #expect(array.renderedDocumentChunks().joined == array.renderedDocumentBytes())
        // Rendered only as they are written, the same bytes again.
        let rendered = Mutex<[Int]>([])
        let lazy = JSONValue.object(["findings": .lazyItems(ItemSlices(slices) { range in
            let slice = slices.firstIndex(of: range) ?? -1
            rendered.withLock { $0.append(slice) }
            return written[slice]
        }), "count": .integer(items.count)])
        let pending = lazy.renderedDocumentChunks()
        #expect(rendered.withLock { $0.isEmpty })
        #expect(Array(pending.written.joined()) == array.renderedDocumentBytes())
        #expect(rendered.withLock { $0.sorted() } == (items.isEmpty ? [] : Array(written.indices)))
        #expect(lazy.renderedDocumentBytes() == array.renderedDocumentBytes())
    }

    /// The word-at-a-time scan finds every byte that needs escaping at every position (within
    /// and after the 8-byte words), and nothing in bytes next to those values or in UTF-8.
    @Test func escapingIsFoundAtEveryPositionAndOnlyThere() {
        let special: [UInt8] = Array(0..<0x20) + [UInt8(ascii: "\""), UInt8(ascii: "\\")]
        let harmless: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0xFF]
        var flagged = 0
        for length in [1, 7, 8, 9, 16, 21] {
            for position in 0..<length {
                for byte in special + harmless {
                    var text = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    text[position] = byte
                    let found = text.withUnsafeBufferPointer(JSONValue.needsEscaping)
                    #expect(found == special.contains(byte), "byte \(byte) at \(position) of \(length)")
                    if found { flagged += 1 }
                }
            }
        }
        #expect(flagged == special.count * [1, 7, 8, 9, 16, 21].reduce(0, +))
        #expect(!Array("Göteborg → 1177 ✓ [ok] #1".utf8).withUnsafeBufferPointer(JSONValue.needsEscaping))
    }

    @Test func nonASCIITextPassesThroughUnescaped() {
        #expect(JSONValue.string("Göteborg → 1177 ✓").rendered() == "\"Göteborg → 1177 ✓\"")
    }
}

/// `JSONWriter` writes findings straight to bytes; its layout must stay that of `JSONValue`.
@Suite struct JSONWriterTests {
    /// Writes `value` through the writer (members of objects in sorted order).
    static func write(_ value: JSONValue, to json: inout JSONWriter) {
        switch value {
        case .object(let members):
            json.openObject()
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                json.key(key)
                write(member, to: &json)
            }
            json.closeObject()
        case .array(let items):
            json.openArray()
            for item in items {
                json.item()
                write(item, to: &json)
            }
            json.closeArray()
        case .string(let text): json.string(text)
        case .integer(let number): json.integer(number)
        case .bool(let flag): json.bool(flag)
        case .null: json.null()
        case .rendered, .renderedItems, .lazyItems: Issue.record("not used here")
        }
    }

    @Test(arguments: [0, 1, 2])
    func writerMatchesTheTreeAtEveryLevel(_ level: Int) {
        let value = JSONValue.object([
            "empty list": .array([]), "empty map": .object([:]), "deep": .array([.object(["x": .array([.integer(-3)])])]),
            "text": .string("quote \" and \\ and \u{1}"), "items": .array((0..<5).map(JSONValueTests.item)),
        ])
        var json = JSONWriter(level: level)
        Self.write(value, to: &json)
        #expect(json.bytes == value.rendered(indent: level))
    }
}

extension ReportChunks {
    /// Every chunk, in the order written.
    var written: [[UInt8]] {
        var all: [[UInt8]] = []
        forEach { all.append($0) }
        return all
    }
}
