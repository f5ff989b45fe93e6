import FlowGraph
import FlowModel
import FlowPolicy
import FlowReport
import FlowYAML

/// One input of the fuzzer: a model file. Read whole and in tiny chunks (so that small inputs
/// reach the chunk planner, the token walk and the event decoders), the two reads must agree
/// on every entity or on every error; a model that loads goes through the whole check. The same
/// bytes are read as a Terraform plan too, deployed with a small model and checked.
enum FuzzTarget {
    static let catalogue: Catalogue? = PolicyLocator.builtinDirectory().flatMap { try? CatalogueLoader.load(policiesDirectory: $0) }
    static let rules: [Rule] = {
        guard let directory = PolicyLocator.builtinDirectory(), let catalogue else { return [] }
        return (try? PolicyLoader(categories: catalogue.categories).load(directories: [directory + "/gdpr"])) ?? []
    }()
    static let asOf = CivilDate(year: 2026, month: 1, day: 1) ?? .epoch
    static let tiny = ReadParallelism(pieces: 16, minimumChunkBytes: 64)

    static func run(_ bytes: [UInt8]) {
        guard let catalogue else { fatalError("the fuzz target cannot find Policies/ (set FLOWAUDIT_BUILTIN_POLICIES)") }
        let text = String(decoding: bytes, as: UTF8.self)
        let whole = load(text, ModelLoader(catalogue: catalogue, parallelism: .wholeFiles))
        let chunked = load(text, ModelLoader(catalogue: catalogue, parallelism: tiny))
        switch (whole, chunked) {
        case (.success(let model), .success(let other)):
            guard same(model, other) else { fatalError("whole and chunked reads give different models") }
            check(model)
        case (.failure(let errors), .failure(let others)):
            guard errors.diagnostics == others.diagnostics else { fatalError("whole and chunked reads give different errors") }
        default:
            fatalError("one read loads the model and the other does not")
        }
        if let plan = try? TerraformPlanReader.read(bytes: bytes, file: "fuzz.json", regions: catalogue.regions),
           var model = try? load(deployedModel, ModelLoader(catalogue: catalogue, parallelism: .wholeFiles)).get() {
            // A binding may be refused (a resource claimed twice, a tag naming no store); it may not trap.
            if let deployment = try? Deployment(model: model, plans: [plan]) {
                model.deployment = deployment
                check(model)
            }
        }
    }

    /// Stores deployed as resources a plan may have, by address and by instance.
    static let deployedModel = """
        organizations: {host: {name: Host AB, country: SE}}
        data: {calls: {controller: host, categories: [special.health]}}
        stores:
          bucket: {operator: host, location: SE, encryption_at_rest: customer-managed, access: internal, retention: P1Y,
                   holds: [calls], deployed_as: ["aws_s3_bucket.b", "module.m.aws_s3_bucket.b[*]"]}
        """

    static func load(_ text: String, _ loader: ModelLoader) -> Result<Model, DiagnosticList> {
        Result { () throws(DiagnosticList) in try loader.load(text: text, file: "fuzz.yaml") }
    }

    static func same(_ model: Model, _ other: Model) -> Bool {
        model.organizations == other.organizations && model.data == other.data && model.systems == other.systems
            && model.stores == other.stores && model.flows == other.flows && model.agreements == other.agreements
            && model.waivers == other.waivers && model.incidents == other.incidents && model.activities == other.activities
    }

    /// The graph, the rules and the JSON report: none may trap.
    static func check(_ model: Model) {
        guard let graph = try? FlowGraph(model: model, asOf: asOf) else { return }
        let findings = Evaluator.evaluate(rules: rules, graph: graph)
        let report = AuditReport(version: "fuzz", asOf: asOf, findings: findings, rules: rules)
        _ = JSONReporter.renderBytes(report)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
