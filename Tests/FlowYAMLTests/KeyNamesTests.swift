import Testing
import FlowYAML

/// Keys are matched by length, then their bytes: every
/// name must be found, from any first guess, and nothing that differs in any byte.
@Suite struct KeyNamesTests {
    static let names = [
        "", "a", "id", "to", "from", "data", "purpose", "article9", "article8", "legal_basis",
        "encrypted_in_transit", "encrypted_in_transfer", "encrypted_at_rest", "ünïcode", "12345678", "123456789",
    ]

    private func position(_ key: String, in names: KeyNames, expected: Int = 0) -> Int? {
        Array(key.utf8).withUnsafeBufferPointer { names.position(of: $0, expected: expected) }
    }

    @Test func everyNameFromAnyGuess() {
        let names = KeyNames(Self.names)
        for (position, name) in Self.names.enumerated() {
            for expected in 0...Self.names.count {
                #expect(self.position(name, in: names, expected: expected) == position, "\(name) guessing \(expected)")
            }
        }
    }

    @Test func aByteOffAnywhereIsNoMatch() {
        let names = KeyNames(Self.names)
        for name in Self.names where !name.isEmpty {
            let bytes = Array(name.utf8)
            for index in bytes.indices {
                var changed = bytes
                changed[index] ^= 0x01
                let key = String(decoding: changed, as: UTF8.self)
                guard !Self.names.contains(key) else { continue }
                #expect(changed.withUnsafeBufferPointer { names.position(of: $0) } == nil, "\(name) with byte \(index) changed")
            }
            // Longer and shorter by a byte.
            #expect(position(name + "x", in: names) == Self.names.firstIndex(of: name + "x"))
            #expect(position(String(name.dropLast()), in: names) == Self.names.firstIndex(of: String(name.dropLast())))
        }
    }
}
