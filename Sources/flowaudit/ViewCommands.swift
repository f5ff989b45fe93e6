import ArgumentParser
import FlowGraph
import FlowModel
import FlowPolicy
import FlowReport
import FlowYAML

/// What the DPO and procurement views share: the model, the date, and the rules for findings.
struct ViewOptions: ParsableArguments {
    @Argument(help: "Model files or directories (default: paths from the configuration).")
    var paths: [String] = []

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge dates on this day (YYYY-MM-DD; default today, UTC).", valueName: "date"))
    var asOf: DateOption?

    @OptionGroup var policy: PolicyOptions

    func audit() throws -> Audit {
        let model = try Environment.loadModel(paths: paths)
        let rules = try PolicyLoader(categories: try Environment.catalogue().categories, parameterOverrides: try policy.parameterOverrides())
            .load(directories: try policy.directories())
        return try Audit(model: model, rules: rules, asOf: asOf?.date ?? DateOption.today)
    }

    func graph() throws -> FlowGraph {
        let model = try Environment.loadModel(paths: paths)
        return try FlowGraph(model: model, asOf: asOf?.date ?? DateOption.today)
    }
}

enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

/// A node or organization id that is not in the model, with did-you-mean.
func unknownId(_ id: String, in graph: FlowGraph, kinds: [EntityKind]) -> ValidationError {
    if let ref = graph.model.ref(id), !kinds.contains(ref.kind) {
        return ValidationError("'\(id)' is \(ref.kind.withArticle), not \(EntityKind.phrase(kinds)); give the id of \(EntityKind.phrase(kinds))")
    }
    let candidates = graph.model.index.filter { kinds.contains($0.value.kind) }.map(\.key)
    return ValidationError("no \(kinds.map(\.rawValue).joined(separator: ", ")) '\(id)' in the model\(DidYouMean.hint(id, from: candidates))")
}

struct Vendor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vendor",
        abstract: "Procurement's profile of one organization, with questions to ask it.")

    @Argument(help: "The organization's id.")
    var organization: String

    @OptionGroup var options: ViewOptions

    @Option(help: "text, markdown or json.")
    var format: DocumentFormat = .text

    func run() throws {
        let audit = try options.audit()
        guard let profile = VendorProfile(organization: organization, graph: audit.graph, findings: audit.findings) else {
            throw unknownId(organization, in: audit.graph, kinds: [.organization])
        }
        switch format {
        case .text: Output.write(VendorRenderer.text(profile))
        case .markdown: Output.write(VendorRenderer.markdown(profile))
        case .json: Output.write(VendorRenderer.json(profile))
        }
    }
}

struct Impact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "If this store, system or organization is breached: what is exposed and who must notify whom.")

    @Argument(help: "The id of a store, system or organization.")
    var node: String

    @OptionGroup var options: ViewOptions

    @Option(help: "text, markdown or json.")
    var format: DocumentFormat = .text

    func run() throws {
        let graph = try options.graph()
        let threshold = try options.policy.parameterOverrides()["large_scale_records"].flatMap(Int.init) ?? ImpactAnalysis.largeScaleRecords
        guard let impact = ImpactAnalysis(node: node, graph: graph, largeScaleRecords: threshold) else {
            throw unknownId(node, in: graph, kinds: [.store, .system, .organization])
        }
        switch format {
        case .text: Output.write(ImpactRenderer.text(impact))
        case .markdown: Output.write(ImpactRenderer.markdown(impact))
        case .json: Output.write(ImpactRenderer.json(impact))
        }
    }
}

struct Ropa: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ropa",
        abstract: "Records of processing activities: Art. 30(1) per controller, Art. 30(2) per processor.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, markdown, json }

    @OptionGroup var options: ViewOptions

    @Option(help: "csv, markdown or json.")
    var format: Format = .markdown

    func run() throws {
        let records = RecordsOfProcessing(graph: try options.graph())
        switch format {
        case .csv: Output.write(RecordsRenderer.csv(records))
        case .markdown: Output.write(RecordsRenderer.markdown(records))
        case .json: Output.write(RecordsRenderer.json(records))
        }
    }
}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "The data-flow diagram as Graphviz DOT or Mermaid.")

    @OptionGroup var options: ViewOptions

    @Option(help: "dot or mermaid.")
    var format: DiagramRenderer.Format = .dot

    func run() throws {
        let audit = try options.audit()
        Output.write(DiagramRenderer(graph: audit.graph, findings: audit.findings).render(format))
    }
}

extension DiagramRenderer.Format: ExpressibleByArgument {}
