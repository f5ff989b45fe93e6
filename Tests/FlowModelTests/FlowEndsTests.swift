import Testing
import FlowYAML
@testable import FlowModel

@Suite struct FlowEndsTests {
    /// Checking references hands the graph each flow's ids as positions: nodes by kind, data
    /// sets sorted and each once, whatever order and repeats the YAML has.
    @Test func loadingResolvesEveryFlow() throws {
        let model = try Fixtures.load(Fixtures.base + """

          notes: {controller: medhelp, categories: [personal.contact]}
        systems:
          phone: {operator: voice}
        flows:
          - {from: medhelp, to: phone, data: [notes, calls, notes]}
          - {from: phone, to: voice, data: [calls]}
        """)
        #expect(model.flowEnds.count == 2)
        #expect(model.flowEnds[0].from == EntityRef(kind: .organization, index: 0))
        #expect(model.flowEnds[0].to == EntityRef(kind: .system, index: 0))
        #expect(model.flowEnds[0].data == [0, 1])
        #expect(model.flowEnds[1].from == EntityRef(kind: .system, index: 0))
        #expect(model.flowEnds[1].to == EntityRef(kind: .organization, index: 1))
        #expect(model.flowEnds.allSatisfy { $0.allDataResolve })
    }

    /// Only organizations, systems and stores are ends; an unknown data id is noted, an empty one
    /// is not (it is reported as missing).
    @Test func idsOfOtherKindsOrUnknownDoNotResolve() {
        let index: IdIndex = [
            "o": EntityRef(kind: .organization, index: 0), "s": EntityRef(kind: .store, index: 3),
            "d": EntityRef(kind: .data, index: 2),
        ]
        func flow(_ from: String, _ to: String, _ data: [String]) -> Flow {
            Flow(id: "f", from: from, to: to, data: data, activity: nil, purpose: nil, legalBasis: nil, article9: nil,
                 encryptedInTransit: nil, derogation: nil, origin: EntityOrigin(span: SourceSpan(file: "m.yaml", start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 2)), node: nil))
        }
        let toStore = FlowEnds(flow("o", "s", ["d"]), index: index)
        #expect(toStore.from == EntityRef(kind: .organization, index: 0))
        #expect(toStore.to == EntityRef(kind: .store, index: 3))
        #expect(toStore.data == [2] && toStore.allDataResolve)
        let fromData = FlowEnds(flow("d", "nowhere", ["d", "unknown"]), index: index)
        #expect(fromData.from == nil && fromData.to == nil)
        #expect(fromData.data == [2] && !fromData.allDataResolve)
        #expect(FlowEnds(flow("o", "s", ["", "d"]), index: index).allDataResolve)
    }

    @Test(arguments: [[], [5], [3, 1, 3, 2, 1], [1, 1, 1]])
    func sortedUniqueSortsAndDropsRepeats(_ items: [Int]) {
        #expect(FlowEnds.sortedUnique(items) == Array(Set(items)).sorted())
    }
}
