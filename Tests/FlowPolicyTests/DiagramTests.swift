import Foundation
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
        #expect(dot.contains("label=\"Same Name — TH (third country)\"; labeljust=l; labelloc=t;"))
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
        // The flow's worst finding (unencrypted special-category data: high) colours it.
        #expect(dot.contains("org_clinic -> org_lab [xlabel=\"samples\", color=\"#e65100\", fontcolor=\"#e65100\", style=dashed, penwidth=2.5]"))
        #expect(dot.contains("⚠ high"))
        let mermaid = renderer.render(.mermaid)
        #expect(mermaid.contains("org_clinic -.->|\"samples\"| org_lab"))
        #expect(mermaid.contains("linkStyle 0 stroke:#e65100,stroke-width:2.5px"))
    }

    static func rendered(_ example: String) throws -> (dot: String, mermaid: String) {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/\(example)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let model = try ModelLoader(catalogue: Builtin.catalogue).load(paths: files.map { directory.appendingPathComponent($0).path })
        let graph = try FlowGraph(model: model, asOf: Builtin.asOf)
        let renderer = DiagramRenderer(graph: graph, findings: Evaluator.evaluate(rules: Builtin.rules, graph: graph))
        return (renderer.render(.dot), renderer.render(.mermaid))
    }

    /// Nodes and edges (`from -> to: label`) as each format writes them.
    static func shape(dot: String) -> (nodes: Set<String>, edges: [String]) {
        var nodes = Set<String>(), edges: [String] = []
        for line in dot.split(separator: "\n").map(String.init) {
            if line.hasPrefix("    "), let bracket = line.range(of: " [label=") { nodes.insert(String(line.dropFirst(4)[..<bracket.lowerBound])) }
            if let arrow = line.range(of: " -> "), let label = line.range(of: "[xlabel=\"") {
                let end = line[label.upperBound...].firstIndex(of: "\"") ?? line.endIndex
                edges.append("\(line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)) -> \(line[arrow.upperBound..<label.lowerBound].trimmingCharacters(in: .whitespaces)): \(line[label.upperBound..<end])")
            }
        }
        return (nodes, edges)
    }

    static func shape(mermaid: String) -> (nodes: Set<String>, edges: [String]) {
        var nodes = Set<String>(), edges: [String] = []
        for line in mermaid.split(separator: "\n").map(String.init) {
            if line.hasPrefix("    "), let open = line.firstIndex(where: { $0 == "[" || $0 == "(" }) {
                nodes.insert(String(line.dropFirst(4)[..<open]))
            }
            for arrow in [" -->|\"", " -.->|\""] {
                guard let head = line.range(of: arrow), let tail = line.range(of: "\"| ") else { continue }
                edges.append("\(line[..<head.lowerBound].trimmingCharacters(in: .whitespaces)) -> \(line[tail.upperBound...]): \(line[head.upperBound..<tail.lowerBound])")
            }
        }
        return (nodes, edges)
    }

    /// Mermaid and DOT draw the same graph: the same nodes, and the same edges in the same directions.
    @Test(arguments: ["1177", "telehealth-app", "compliant-clinic"])
    func mermaidAndDotAreTheSameGraph(_ example: String) throws {
        let (dot, mermaid) = try Self.rendered(example)
        let (dotShape, mermaidShape) = (Self.shape(dot: dot), Self.shape(mermaid: mermaid))
        #expect(!dotShape.nodes.isEmpty && !dotShape.edges.isEmpty)
        #expect(dotShape.nodes == mermaidShape.nodes)
        #expect(dotShape.edges == mermaidShape.edges)
        // Clusters carry the country in both.
        #expect(mermaid.contains("— SE (EEA)") && dot.contains("— SE (EEA)"))
    }

    @Test func theStoryShows() throws {
        let (dot, mermaid) = try Self.rendered("1177")
        // The Thai transfer in the colour of its critical finding; access from MediCall into Medhelp's system.
        #expect(dot.contains("org_medhelp -> org_medicall [xlabel=\"call-recordings, patient-records (out-of-hours-advice)\", color=\"#b00020\""))
        #expect(dot.contains("org_medicall -> sys_patient_record_system [xlabel=\"access\""))
        #expect(mermaid.contains("org_medicall -.->|\"access\"| sys_patient_record_system"))
        #expect(!dot.contains("dir=back"))
        let (telehealth, _) = try Self.rendered("telehealth-app")
        // Relay Media and its cache hang on the chain that brings them the data.
        #expect(telehealth.contains("org_vidcall -> org_relay [xlabel=\"DPA\""))
        #expect(telehealth.contains("org_docnow -> store_media_cache [xlabel=\"holds consultations\""))
        // SkyCloud's expired DPA outlines SkyCloud and colours the agreement.
        #expect(telehealth.contains("org_skycloud [label=\"SkyCloud Inc (US)\\n⚠ high\""))
        #expect(telehealth.contains("org_docnow -> org_skycloud [xlabel=\"DPA (dpa-docnow-skycloud)\", color=\"#e65100\""))
        // Every organization that receives data has a line to it.
        let shape = Self.shape(dot: telehealth)
        for organization in ["org_skycloud", "org_helpline", "org_vidcall", "org_relay", "org_metrics"] {
            #expect(shape.edges.contains { $0.contains("-> \(organization):") || $0.hasPrefix("\(organization) ->") }, "\(organization)")
        }
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
