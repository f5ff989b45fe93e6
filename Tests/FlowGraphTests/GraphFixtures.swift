import Testing
import FlowModel
import FlowGraph

/// Models and graphs from text, with the built-in catalogue.
enum GraphFixtures {
    static let catalogue: Catalogue = {
        do {
            return try CatalogueLoader.load(policiesDirectory: PolicyLocator.builtinDirectory() ?? "Policies")
        } catch {
            Issue.record("catalogue: \(error)")
            return Catalogue(jurisdictions: JurisdictionCatalogue(entries: [:]), categories: CategoryCatalogue(descriptions: [:]))
        }
    }()

    static let asOf = CivilDate("2026-11-25") ?? .epoch

    static func model(_ text: String, file: String = "m.yaml") throws -> Model {
        try ModelLoader(catalogue: catalogue).load(text: text, file: file)
    }

    static func graph(_ text: String, asOf: CivilDate = asOf) throws -> FlowGraph {
        try FlowGraph(model: try model(text), asOf: asOf)
    }
}
