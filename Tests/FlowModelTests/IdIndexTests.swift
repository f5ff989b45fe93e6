import Testing
@testable import FlowModel

@Suite struct IdIndexTests {
    /// Ids of every length around the hash's eight-byte steps, non-ASCII and empty included.
    static let ids: [String] = [""] + (1...40).map { String(repeating: "x", count: $0) }
        + ["org-1", "org-10", "org-01", "Org-1", "org-1 ", "vårdgivare", "vardgivare", "store-123-4", "store-123-5"]
        + (0..<5000).map { "generated-\($0)" }

    @Test func findsWhatWasAddedAndNothingElse() {
        var index = IdIndex()
        for (position, id) in Self.ids.enumerated() {
            #expect(index.updateValue(EntityRef(kind: .store, index: position), forKey: id) == nil)
        }
        #expect(index.count == Self.ids.count)
        var misplaced: [String] = []
        for (position, id) in Self.ids.enumerated() where index[id] != EntityRef(kind: .store, index: position) {
            misplaced.append(id)
        }
        #expect(misplaced.isEmpty, "\(misplaced.prefix(5))")
        for absent in ["org-2", "org-1\u{0}", "x\u{301}", String(repeating: "x", count: 41), "generated-5000", "GENERATED-1"] {
            #expect(index[absent] == nil, "\(absent)")
        }
    }

    /// A lookup with a hash computed ahead finds what a plain lookup finds, present or absent.
    @Test func lookupsWithHashesComputedAheadAgree() {
        var index = IdIndex()
        for (position, id) in Self.ids.enumerated() where position % 2 == 0 {
            index.updateValue(EntityRef(kind: .system, index: position), forKey: id)
        }
        for id in Self.ids + ["org-2", "GENERATED-1"] {
            #expect(index[id, hash: IdIndex.hash(id)] == index[id], "\(id)")
        }
        #expect(IdIndex()["a", hash: IdIndex.hash("a")] == nil)
    }

    @Test func replacingKeepsOneEntryAndReturnsTheOldOne() {
        var index: IdIndex = ["a": EntityRef(kind: .organization, index: 0)]
        #expect(index.updateValue(EntityRef(kind: .system, index: 3), forKey: "a") == EntityRef(kind: .organization, index: 0))
        #expect(index.count == 1)
        #expect(index["a"] == EntityRef(kind: .system, index: 3))
    }

    @Test func iteratesEveryEntryOnce() {
        var index = IdIndex()
        index.reserveCapacity(100)
        for (position, id) in Self.ids.prefix(100).enumerated() { index.updateValue(EntityRef(kind: .data, index: position), forKey: id) }
        let entries = index.map { "\($0.key)=\($0.value.index)" }.sorted()
        #expect(entries == Self.ids.prefix(100).enumerated().map { "\($1)=\($0)" }.sorted())
    }

    @Test func anEmptyIndexHasNothing() {
        let index = IdIndex()
        #expect(index.isEmpty)
        #expect(index[""] == nil)
        #expect(index["a"] == nil)
        #expect(Array(index).isEmpty)
    }

    /// Equal ids hash alike whatever their storage; different ones (almost always) do not.
    @Test func hashesByContent() {
        let small = "org-1"
        let built = String(decoding: Array("org-".utf8) + Array("1".utf8), as: UTF8.self)
        let long = String(repeating: "store-", count: 5)
        let longBuilt = (0..<5).map { _ in "store-" }.joined()
        #expect(IdIndex.hash(small) == IdIndex.hash(built))
        #expect(IdIndex.hash(long) == IdIndex.hash(longBuilt))
        let hashes = Set(Self.ids.map(IdIndex.hash))
        #expect(hashes.count == Self.ids.count)
    }
}
