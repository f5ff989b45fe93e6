#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The names a mapping's keys are read against, laid out once as bytes: a key is matched by its
/// length and then its bytes, with no `String` built for any of a model's millions of keys.
package struct KeyNames: Sendable {
    package let names: [String]
    /// Per name: its length and where its bytes start in `bytes`.
    private let entries: [(length: Int, offset: Int)]
    private let bytes: [UInt8]

    package init(_ names: [String]) {
        self.names = names
        var entries: [(length: Int, offset: Int)] = []
        var bytes: [UInt8] = []
        for name in names {
            entries.append((name.utf8.count, bytes.count))
            bytes.append(contentsOf: name.utf8)
        }
        self.entries = entries
        self.bytes = bytes
    }

    package var count: Int { names.count }

    /// Where `name` is among the names.
    package func position(of name: String) -> Int? {
        names.firstIndex(of: name)
    }

    /// Where the bytes `key` are among the names. `expected` is tried first: an entity's keys
    /// mostly come in the order its fields are listed, and the first guess then saves comparing
    /// the key with every name before it.
    package func position(of key: UnsafeBufferPointer<UInt8>, expected: Int = 0) -> Int? {
        entries.withUnsafeBufferPointer { entries in
            bytes.withUnsafeBufferPointer { table in
                func matches(_ position: Int) -> Bool {
                    let entry = entries[position]
                    guard entry.length == key.count else { return false }
                    guard entry.length > 0, let name = table.baseAddress, let bytes = key.baseAddress else { return true }
                    return memcmp(name + entry.offset, bytes, entry.length) == 0
                }
                if expected < entries.count, matches(expected) { return expected }
                return entries.indices.first { $0 != expected && matches($0) }
            }
        }
    }
}
