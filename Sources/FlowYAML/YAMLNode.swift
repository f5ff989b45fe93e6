internal import Foundation
import FlowRuntime

package enum YAMLNodeKind: UInt8, Sendable, Hashable, BitwiseCopyable {
    case scalar
    case sequence
    case mapping

    package var noun: String {
        switch self {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a map"
        }
    }
}

package enum YAMLScalarStyle: UInt8, Sendable, Hashable, BitwiseCopyable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// Explicit core-schema tags we accept; anything else (`!!binary`, `!custom`) is an error.
package enum YAMLTag: UInt8, Sendable, Hashable, BitwiseCopyable {
    case none
    case string
    case integer
    case float
    case boolean
    case null
    case mapping
    case sequence
}

/// One node in a document's arena. Children live in `YAMLDocumentStorage.children`
/// as a contiguous run; mappings store key and value indices alternately.
struct NodeRecord: Sendable, BitwiseCopyable {
    var kind: YAMLNodeKind
    var style: YAMLScalarStyle
    var tag: YAMLTag
    var startLine: Int32
    var startColumn: Int32
    var endLine: Int32
    var endColumn: Int32
    /// Scalar: first byte in `text`. Collection: first index into `children`.
    var payload: Int32
    /// Scalar: bytes in `text`. Collection: number of child slots (twice the entries for a mapping).
    var count: Int32
}

/// Immutable arena shared by all node views of one document; a class so that a view
/// costs one reference, and `Sendable` because nothing in it changes after parsing.
final class YAMLDocumentStorage: Sendable {
    let file: String
    let records: ArenaBuffer<NodeRecord>
    /// Every scalar's UTF-8 bytes, back to back. A `String` per scalar cost an allocation for
    /// each one longer than 15 bytes (most names and many keys) and 16 bytes for the others,
    /// and the model reads most scalars only to compare them with a field name or a vocabulary.
    let text: ArenaBuffer<UInt8>
    let children: ArenaBuffer<Int32>
    let root: Int32?
    let continuedSection: String?

    init(file: String, records: consuming ArenaBuffer<NodeRecord>, text: consuming ArenaBuffer<UInt8>,
         children: consuming ArenaBuffer<Int32>, root: Int32?, continuedSection: String? = nil) {
        self.file = file
        self.continuedSection = continuedSection
        self.records = records
        self.text = text
        self.children = children
        self.root = root
    }

    /// The text of the scalar `record`.
    func string(_ record: NodeRecord) -> String {
        YAMLText.string(Self.slice(text.buffer, record))
    }

    /// True when the scalar `record` is exactly `other`, compared as bytes.
    func equals(_ record: NodeRecord, _ other: String) -> Bool {
        let count = Int(record.count)
        guard count == other.utf8.count else { return false }
        guard count > 0 else { return true }
        guard let base = text.buffer.baseAddress else { return false }
        let start = base + Int(record.payload)
        return other.utf8.withContiguousStorageIfAvailable { $0.baseAddress.map { memcmp(start, $0, count) == 0 } ?? false }
            ?? UnsafeBufferPointer(start: start, count: count).elementsEqual(other.utf8)
    }

    @inline(__always)
    static func slice(_ buffer: UnsafeBufferPointer<UInt8>, _ record: NodeRecord) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[Int(record.payload)..<Int(record.payload) + Int(record.count)])
    }
}

/// One YAML document of a file.
package struct YAMLDocument: Sendable {
    let storage: YAMLDocumentStorage

    package var file: String { storage.file }

    /// Nil for a document with no content (`---` alone).
    package var root: YAMLNode? { storage.root.map { YAMLNode(storage: storage, index: $0) } }

    /// Set when the document is a chunk of its file: its root's first key is this section's
    /// name, added by the reader, and the rest of the section is in earlier chunks.
    package var continuedSection: String? { storage.continuedSection }

    /// Number of distinct nodes parsed (aliases share their target).
    package var nodeCount: Int { storage.records.count }
}

/// A view of one located node.
package struct YAMLNode: Sendable {
    let storage: YAMLDocumentStorage
    let index: Int32

    var record: NodeRecord { storage.records[Int(index)] }

    package var kind: YAMLNodeKind { record.kind }
    package var tag: YAMLTag { record.tag }
    package var style: YAMLScalarStyle { record.style }

    package var span: SourceSpan {
        let node = record
        return SourceSpan(
            file: storage.file,
            start: SourcePosition(line: Int(node.startLine), column: Int(node.startColumn)),
            end: SourcePosition(line: Int(node.endLine), column: Int(node.endColumn))
        )
    }

    /// The text of a scalar; nil for collections.
    package var scalar: String? {
        let node = record
        return node.kind == .scalar ? storage.string(node) : nil
    }

    /// A plain (unquoted, untagged) scalar: the only kind that may read as a boolean or null.
    package var isPlainScalar: Bool {
        let node = record
        return node.kind == .scalar && node.style == .plain && node.tag == .none
    }

    /// `null`, `~` or nothing, unquoted (see `YAMLScalar.isNull`); `"null"` stays a string.
    package var isNull: Bool {
        withScalar(\.isNull) ?? false
    }

    /// Items of a sequence; empty for other kinds. A view: nothing is copied or allocated.
    package var items: YAMLItems {
        let node = record
        guard node.kind == .sequence else { return YAMLItems(storage: storage, first: 0, count: 0) }
        return YAMLItems(storage: storage, first: Int(node.payload), count: Int(node.count))
    }

    /// Entries of a mapping in document order (merged entries after explicit ones); empty for other
    /// kinds. A view: nothing is copied or allocated.
    package var entries: YAMLEntries {
        let node = record
        guard node.kind == .mapping else { return YAMLEntries(storage: storage, first: 0, count: 0) }
        return YAMLEntries(storage: storage, first: Int(node.payload), count: Int(node.count) / 2)
    }

    /// Number of items or entries.
    package var count: Int {
        let node = record
        switch node.kind {
        case .scalar: return 0
        case .sequence: return Int(node.count)
        case .mapping: return Int(node.count) / 2
        }
    }

    /// The value under a scalar key of a mapping.
    package subscript(key: String) -> YAMLNode? {
        let node = record
        guard node.kind == .mapping else { return nil }
        let start = Int(node.payload)
        for slot in stride(from: start, to: start + Int(node.count), by: 2) {
            let keyRecord = storage.records[Int(storage.children[slot])]
            if keyRecord.kind == .scalar, storage.equals(keyRecord, key) {
                return YAMLNode(storage: storage, index: storage.children[slot + 1])
            }
        }
        return nil
    }
}

package struct YAMLEntry: Sendable {
    package let key: YAMLNode
    package let value: YAMLNode

    /// Keys are always scalars (the reader rejects others).
    package var name: String { key.scalar ?? "" }
}

/// The items of a sequence node, read in place from the document's arena.
package struct YAMLItems: RandomAccessCollection, Sendable {
    let storage: YAMLDocumentStorage
    let first: Int
    package let count: Int

    package var startIndex: Int { 0 }
    package var endIndex: Int { count }

    package subscript(position: Int) -> YAMLNode {
        YAMLNode(storage: storage, index: storage.children[first + position])
    }
}

/// The entries of a mapping node, read in place from the document's arena.
package struct YAMLEntries: RandomAccessCollection, Sendable {
    let storage: YAMLDocumentStorage
    let first: Int
    package let count: Int

    package var startIndex: Int { 0 }
    package var endIndex: Int { count }

    package subscript(position: Int) -> YAMLEntry {
        let slot = first + 2 * position
        return YAMLEntry(
            key: YAMLNode(storage: storage, index: storage.children[slot]),
            value: YAMLNode(storage: storage, index: storage.children[slot + 1]))
    }
}
