#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The names a mapping's keys are read against, laid out once as bytes: a key is matched by
/// its length and its first eight bytes (one comparison of two words), and only a longer one
/// by the rest of its bytes, with no `String` built or compared (matching every key of hundreds
/// of thousands of entities against `[String]` took 150 instructions a key).
public struct KeyNames: Sendable {
    public let names: [String]
    /// Per name: its length, where its bytes start in `bytes`, and its first eight bytes.
    private let entries: [Entry]
    private let bytes: [UInt8]

    private struct Entry: Sendable {
        let length: Int
        let offset: Int
        let head: UInt64
    }

    public init(_ names: [String]) {
        self.names = names
        var entries: [Entry] = []
        var bytes: [UInt8] = []
        for name in names {
            let utf8 = Array(name.utf8)
            let head = utf8.withUnsafeBufferPointer { Self.head(of: $0) }
            entries.append(Entry(length: utf8.count, offset: bytes.count, head: head))
            bytes.append(contentsOf: utf8)
        }
        self.entries = entries
        self.bytes = bytes
    }

    public var count: Int { names.count }

    /// Where `name` is among the names.
    public func position(of name: String) -> Int? {
        names.firstIndex(of: name)
    }

    /// Where the bytes `key` are among the names. `expected` is tried first: an entity's keys
    /// mostly come in the order its fields are listed, and the first guess then saves comparing
    /// the key with every name before it.
    public func position(of key: UnsafeBufferPointer<UInt8>, expected: Int = 0) -> Int? {
        let (count, head) = (key.count, Self.head(of: key))
        return entries.withUnsafeBufferPointer { entries in
            if expected < entries.count, matches(key, count, head, entries[expected]) { return expected }
            for position in entries.indices where position != expected && matches(key, count, head, entries[position]) {
                return position
            }
            return nil
        }
    }

    @inline(__always)
    private func matches(_ key: UnsafeBufferPointer<UInt8>, _ count: Int, _ head: UInt64, _ entry: Entry) -> Bool {
        guard entry.length == count, entry.head == head else { return false }
        guard count > 8, let keyBase = key.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { table in
            guard let name = table.baseAddress.map({ $0 + entry.offset }) else { return false }
            return memcmp(name + 8, keyBase + 8, count - 8) == 0
        }
    }

    /// The first eight bytes (fewer in a shorter key, the rest zero) as one word.
    @inline(__always)
    private static func head(of key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        if key.count >= 8 {
            return UnsafeRawBufferPointer(key).loadUnaligned(as: UInt64.self)
        }
        var head: UInt64 = 0
        for position in 0..<key.count {
            head |= UInt64(key[position]) << (8 * UInt64(position))
        }
        return head
    }
}
