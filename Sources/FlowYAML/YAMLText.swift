/// Strings from text libyaml has read: its reader already refused input that is not UTF-8.
package enum YAMLText {
    /// `String(decoding:as:)` validated every byte again (over a hundred instructions for a
    /// ten-byte id, for millions of ids and words in a national model). Built in place, short
    /// ASCII text (nearly all of a model) is checked a word at a time instead; anything else is
    /// still validated, and repaired, by the standard library.
    package static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return 0 }
            target.initialize(from: source, count: bytes.count)
            return bytes.count
        }
    }
}
