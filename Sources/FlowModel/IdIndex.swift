/// Ids of organizations, data sets, systems and stores, to where each stands: a hash table of
/// its own, probed in order. A national model looks ids up a million times (each flow's ends,
/// operators, accessors, parties); a `Dictionary` hashed each with SipHash and read its key and
/// its value from two arrays, two cache misses in a table of a hundred thousand. Here a slot
/// holds the key, the value and a few bits of the hash (which rule out other keys without
/// comparing them): a lookup reads one cache line.
///
/// Iteration order depends on a seed drawn per process, as a `Dictionary`'s does: reports
/// never depend on it.
package struct IdIndex: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    private struct Slot {
        var key: String
        var ref: EntityRef
        /// 0 when the slot is empty, else the top bits of the key's hash with the high bit set.
        var tag: UInt8
    }

    private var slots: [Slot]
    package private(set) var count = 0

    /// Slots are at least twice the ids: probes stay short.
    static let minimumSlotsPerId = 2
    private static let emptySlot = Slot(key: "", ref: EntityRef(kind: .organization, index: -1), tag: 0)
    /// Drawn once per process: ids are user input, and a fixed hash would let a model be written
    /// whose ids all collide (as `Hasher` is seeded per process for the same reason).
    private static let seed = UInt64.random(in: .min ... .max)

    package init() {
        slots = []
    }

    package init(dictionaryLiteral elements: (String, EntityRef)...) {
        self.init()
        for (id, ref) in elements { updateValue(ref, forKey: id) }
    }

    package var isEmpty: Bool { count == 0 }

    /// Makes room for `capacity` ids in all, so that adding them never rebuilds the table.
    package mutating func reserveCapacity(_ capacity: Int) {
        let needed = Self.slotCount(for: capacity)
        if needed > slots.count { rebuild(slotCount: needed) }
    }

    package subscript(id: String) -> EntityRef? {
        self[id, hash: Self.hash(id)]
    }

    /// `self[id]` with `id`'s hash already computed.
    package subscript(id: String, hash hash: UInt64) -> EntityRef? {
        guard let slot = find(id, hash: hash).found else { return nil }
        return slots[slot].ref
    }

    /// Sets `id`'s entry; the one it replaces, if any.
    @discardableResult
    package mutating func updateValue(_ ref: EntityRef, forKey id: String) -> EntityRef? {
        if (count + 1) * Self.minimumSlotsPerId > slots.count {
            rebuild(slotCount: Self.slotCount(for: count + 1))
        }
        let hash = Self.hash(id)
        let (found, free) = find(id, hash: hash)
        if let found {
            let old = slots[found].ref
            slots[found].ref = ref
            return old
        }
        slots[free] = Slot(key: id, ref: ref, tag: Self.tag(hash))
        count += 1
        return nil
    }

    package func makeIterator() -> AnyIterator<(key: String, value: EntityRef)> {
        var position = 0
        let slots = slots
        return AnyIterator {
            while position < slots.count {
                defer { position += 1 }
                if slots[position].tag != 0 { return (slots[position].key, slots[position].ref) }
            }
            return nil
        }
    }

    /// The slot holding `id`, or the free slot where it would go.
    private func find(_ id: String, hash: UInt64) -> (found: Int?, free: Int) {
        guard !slots.isEmpty else { return (nil, 0) }
        let mask = slots.count - 1
        let tag = Self.tag(hash)
        var position = Int(truncatingIfNeeded: hash) & mask
        while true {
            let current = slots[position].tag
            if current == 0 { return (nil, position) }
            if current == tag, slots[position].key == id { return (position, position) }
            position = (position + 1) & mask
        }
    }

    private mutating func rebuild(slotCount: Int) {
        let old = slots
        slots = [Slot](repeating: Self.emptySlot, count: slotCount)
        let mask = slotCount - 1
        for slot in old where slot.tag != 0 {
            var position = Int(truncatingIfNeeded: Self.hash(slot.key)) & mask
            while slots[position].tag != 0 { position = (position + 1) & mask }
            slots[position] = slot
        }
    }

    /// A power of two at least `minimumSlotsPerId` times `ids`.
    private static func slotCount(for ids: Int) -> Int {
        var slots = 16
        while slots < ids * minimumSlotsPerId { slots *= 2 }
        return slots
    }

    private static func tag(_ hash: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: hash >> 57) | 0x80
    }

    /// The id's UTF-8 bytes, eight at a time, mixed with the seed.
    static func hash(_ id: String) -> UInt64 {
        var id = id
        return id.withUTF8 { bytes in
            var hash = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
            var offset = 0
            while offset + 8 <= bytes.count {
                hash = mix(hash ^ UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            if offset < bytes.count {
                var tail: UInt64 = 0
                for position in offset..<bytes.count {
                    tail |= UInt64(bytes[position]) << (8 * UInt64(position - offset))
                }
                hash = mix(hash ^ tail)
            }
            return mix(hash)
        }
    }

    /// A 64-bit finalizer (as in MurmurHash3's and SplitMix64's): every input bit moves every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
