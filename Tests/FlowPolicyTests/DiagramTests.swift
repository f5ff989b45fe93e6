import Testing
import FlowGraph
import FlowModel
@testable import FlowReport
import FlowPolicy

@Suite struct DiagramTests {
    @Test func nodeIdsNeverClashAfterSanitising() throws {
        let model = try Builtin.model("""
        organizations:
          a-b: {name: Same Name, country: SE}
          a_b: {name: Same Name, country: TH}
        stores:
          a.b: {operator: a-b}
        """)
        let graph = try FlowGraph(model: model, asOf: Builtin.asOf)
        let ids = DiagramRenderer.diagramIds(graph)
        #expect(Set(ids.values).count == 3)
        #expect(ids.values.sorted() == ["org_a_b", "org_a_b_2", "store_a_b"])
        let dot = DiagramRenderer(graph: graph, findings: []).render(.dot)
        #expect(dot.contains("subgraph cluster_org_a_b {"))
        #expect(dot.contains("subgraph cluster_org_a_b_2 {"))
        #expect(dot.contains("label=\"Same Name — TH (third country)\";"))
    }

    @Test func unencryptedFlowsAndFindingsAreMarked() throws {
        let model = try Builtin.model("""
        organizations:
          clinic: {name: Clinic AB, country: SE}
          lab: {name: Lab AB, country: SE}
        data:
          samples: {controller: clinic, categories: [special.health]}
        flows:
          - {from: clinic, to: lab, data: [samples], encrypted_in_transit: false}
        """)
        let graph = try FlowGraph(model: model, asOf: Builtin.asOf)
        let findings = Evaluator.evaluate(rules: Builtin.rules, graph: graph)
        let renderer = DiagramRenderer(graph: graph, findings: findings)
        let dot = renderer.render(.dot)
        #expect(dot.contains("org_clinic -> org_lab [label=\"samples\", color=\"#b00020\""))
        #expect(dot.contains("⚠ high"))
        let mermaid = renderer.render(.mermaid)
        #expect(mermaid.contains("org_clinic -.->|\"samples\"| org_lab"))
        #expect(mermaid.contains("linkStyle 0 stroke:#b00020"))
    }
}

@Suite struct CategoryLimitTests {
    @Test func tooManyCategoriesIsALocatedModelError() throws {
        // The catalogue brings 21 keys; 240 more in one data set go over the limit of 256.
        let keys = (0..<240).map { "personal.custom-\($0)" }.joined(separator: ", ")
        let model = try Builtin.model("""
        organizations: {o: {name: O, country: SE}}
        data:
          small: {controller: o, categories: [personal.contact]}
          huge: {controller: o, categories: [\(keys)]}
        """)
        do {
            _ = try FlowGraph(model: model, asOf: Builtin.asOf)
            Issue.record("expected the category limit to be reported")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "m.yaml:4:37: error: the model uses more than \(CategoryIndex.maxCategories) distinct data categories",
            ])
        }
        let fits = (0..<200).map { "personal.custom-\($0)" }.joined(separator: ", ")
        _ = try FlowGraph(model: try Builtin.model("organizations: {o: {name: O, country: SE}}\ndata:\n  d: {controller: o, categories: [\(fits)]}\n"), asOf: Builtin.asOf)
        #expect(CategoryIndex.maxCategories == 256)
    }
}
