#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The names a mapping's keys are read against, laid out once as bytes: a key is matched by
/// its length and then its bytes, with no `String` built or compared (matching every key of
/// hundreds of thousands of entities against `[String]` took 150 instructions a key).
public struct KeyNames: Sendable {
    public let names: [String]
    private let lengths: [Int]
    private let offsets: [Int]
    private let bytes: [UInt8]

    public init(_ names: [String]) {
        self.names = names
        lengths = names.map(\.utf8.count)
        var offsets: [Int] = []
        var bytes: [UInt8] = []
        for name in names {
            offsets.append(bytes.count)
            bytes.append(contentsOf: name.utf8)
        }
        self.offsets = offsets
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
        if expected < lengths.count, matches(key, at: expected) { return expected }
        for position in lengths.indices where position != expected && matches(key, at: position) {
            return position
        }
        return nil
    }

    @inline(__always)
    private func matches(_ key: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let count = key.count
        guard lengths[position] == count else { return false }
        guard count > 0, let keyBase = key.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { table in
            guard let name = table.baseAddress.map({ $0 + offsets[position] }) else { return false }
            // The first byte rules out nearly every other name of the same length without a call.
            guard name[0] == keyBase[0] else { return false }
            // memcmp: a byte loop cost about 3 instructions a byte, for 300,000 keys and values a file.
            return memcmp(name, keyBase, count) == 0
        }
    }
}
