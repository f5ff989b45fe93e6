public import FlowGraph
public import FlowModel
public import FlowYAML

/// One run of the auditor: load the model and the policies, build the graph, evaluate.
public struct Audit: Sendable {
    public let model: Model
    public let graph: FlowGraph
    public let rules: [Rule]
    public let findings: [Finding]

    /// Throws `DiagnosticList` for an invalid model or policy: the caller exits 2.
    public static func run(
        catalogue: Catalogue, modelPaths: [String], policyDirectories: [String],
        asOf: CivilDate, parameterOverrides: [String: String] = [:], limits: YAMLLimits = .default
    ) throws -> Audit {
        let rules = try PolicyLoader(categories: catalogue.categories, parameterOverrides: parameterOverrides)
            .load(directories: policyDirectories)
        let model = try ModelLoader(catalogue: catalogue, limits: limits).load(paths: modelPaths)
        return try Audit(model: model, rules: rules, asOf: asOf)
    }

    public init(model: Model, rules: [Rule], asOf: CivilDate) throws(DiagnosticList) {
        self.model = model
        graph = try FlowGraph(model: model, asOf: asOf)
        self.rules = rules
        findings = Evaluator.evaluate(rules: rules, graph: graph)
    }
}
