import Testing
import FlowGraph
import FlowModel
import FlowSynth
@testable import FlowPolicy

@Suite struct SubjectSliceTests {
    @Test func slicedRulesFindWhatWholeRulesFindInTheSameOrder() throws {
        // 600 organizations: 6,000 flows and 1,800 stores, so flow rules are cut in slices.
        let text = ModelGenerator(organizations: 600).files(1)[0]
        let graph = try Builtin.graph(text)
        let rules = Builtin.rules.filter { !$0.inspectsWaivers }
        let contexts = rules.map { EvaluationContext(graph: graph, rule: $0, waiverMatched: []) }
        let slices = SubjectSlice.slices(of: rules, contexts: contexts)
        #expect(slices.contains { $0.kind == .flow && $0.range.lowerBound > 0 })
        var total = 0
        for (index, rule) in rules.enumerated() {
            let own = slices.filter { $0.rule == index }
            // Each kind's subjects exactly once, in order.
            for kind in rule.kinds {
                let ranges = own.filter { $0.kind == kind }.map(\.range)
                #expect(ranges.first?.lowerBound == 0)
                #expect(ranges.last?.upperBound == contexts[index].count(of: kind))
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            }
            let sliced = own.flatMap { Evaluator.run(rule, contexts[index], $0.kind, $0.range) }
            let whole = Evaluator.run(rule, graph: graph, waiverMatched: [])
            #expect(sliced == whole, "\(rule.id)")
            total += whole.count
        }
        #expect(total > 100)
    }
}
