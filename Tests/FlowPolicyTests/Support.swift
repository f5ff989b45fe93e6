import Testing
import FlowYAML
import FlowModel
import FlowGraph
@testable import FlowPolicy

enum Builtin {
    static let policies: String = PolicyLocator.builtinDirectory() ?? "Policies"

    static let catalogue: Catalogue = {
        do {
            return try CatalogueLoader.load(policiesDirectory: policies)
        } catch {
            Issue.record("catalogue: \(error)")
            return Catalogue(jurisdictions: JurisdictionCatalogue(entries: [:]), categories: CategoryCatalogue(descriptions: [:]))
        }
    }()

    static let rules: [Rule] = {
        do {
            return try PolicyLoader(categories: catalogue.categories).load(directories: [policies + "/gdpr"])
        } catch {
            Issue.record("built-in rules: \(error)")
            return []
        }
    }()

    static let asOf = CivilDate("2026-11-25") ?? .epoch

    static func model(_ text: String, file: String = "m.yaml") throws -> Model {
        try ModelLoader(catalogue: catalogue).load(text: text, file: file)
    }

    /// The graph of a model given as text, on `asOf`.
    static func graph(_ text: String, asOf: CivilDate = asOf) throws -> FlowGraph {
        try FlowGraph(model: try model(text), asOf: asOf)
    }

    static func findings(_ text: String, rules: [Rule] = rules, asOf: CivilDate = asOf) throws -> [Finding] {
        Evaluator.evaluate(rules: rules, graph: try graph(text, asOf: asOf))
    }

    /// Rules compiled from text, for language tests; throws the diagnostics.
    static func compile(_ text: String, file: String = "rule.yaml", overrides: [String: String] = [:]) throws(DiagnosticList) -> Rule? {
        let result = YAMLReader().read(text: text, file: file)
        guard result.diagnostics.isEmpty, let root = result.documents.first?.root else { throw DiagnosticList(result.diagnostics) }
        var decoder = NodeDecoder()
        let rule = PolicyLoader(categories: catalogue.categories, parameterOverrides: overrides).compile(root, decoder: &decoder)
        guard decoder.diagnostics.isEmpty else { throw DiagnosticList(decoder.diagnostics.sorted()) }
        return rule
    }
}
