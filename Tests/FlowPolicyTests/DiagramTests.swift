import Testing
import FlowGraph
import FlowModel
import FlowYAML
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
    static func model(declaring count: Int) -> String {
        let keys = (0..<count).map { "personal.custom-\($0)" }
        return """
        organizations: {o: {name: O, country: SE}}
        categories:
        \(keys.map { "  \($0): Custom \($0)" }.joined(separator: "\n"))
        data:
          huge: {controller: o, categories: [\(keys.joined(separator: ", "))]}
        """
    }

    /// The catalogue brings 21 keys; a model declaring 240 more goes over the limit of 256 at
    /// the declaration that crosses it.
    @Test func tooManyCategoriesIsALocatedModelError() throws {
        do throws(DiagnosticList) {
            _ = try ModelLoader(catalogue: Builtin.catalogue).load(text: Self.model(declaring: 240), file: "m.yaml")
            Issue.record("expected the category limit to be reported")
        } catch {
            #expect(error.diagnostics.first?.description.hasPrefix("m.yaml:238:3: error: category 'personal.custom-235' is one too many") == true,
                    "\(error.diagnostics.first?.description ?? "")")
        }
        _ = try FlowGraph(model: try Builtin.model(Self.model(declaring: 200)), asOf: Builtin.asOf)
        #expect(CategoryIndex.maxCategories == 256)
    }
}
