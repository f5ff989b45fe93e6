import Testing
@testable import FlowModel

private struct Named: GeneratedIdEntity {
    var id: String
}

@Suite struct RepeatedIdsTests {
    @Test(arguments: [0, 1, 2, 50_000])
    func distinctIdsDoNotRepeat(_ count: Int) {
        let found = RepeatedIds.mayRepeat((0..<count).map { Named(id: "flow-\($0)") })
        #expect(!found)
    }

    /// A repeat is found wherever it is: at both ends, side by side, among long (heap) ids, and
    /// in lists long enough to be hashed in slices on every core.
    @Test(arguments: [(0, 49_999), (24_999, 25_000), (17, 31_017), (49_998, 49_999)])
    func aRepeatAnywhereIsFound(_ positions: (Int, Int)) {
        var ids = (0..<50_000).map { Named(id: "a flow id long enough to live on the heap \($0)") }
        ids[positions.1].id = ids[positions.0].id
        let found = RepeatedIds.mayRepeat(ids) // not inside #expect: a failure would print 50,000 ids
        #expect(found)
    }

    @Test func emptyIdsRepeatToo() {
        #expect(RepeatedIds.mayRepeat([Named(id: ""), Named(id: "x"), Named(id: "")]))
        #expect(!RepeatedIds.mayRepeat([Named(id: ""), Named(id: "x")]))
    }
}
