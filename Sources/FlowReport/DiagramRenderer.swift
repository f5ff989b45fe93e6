public import FlowGraph
public import FlowPolicy
import FlowModel

/// The data-flow diagram: each organization a cluster around the systems and stores it runs,
/// coloured by its country's status; flows labelled with their data (and activity), unencrypted ones drawn red
/// and dashed; nodes with findings outlined by their worst severity.
public struct DiagramRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case dot
        case mermaid
    }

    let graph: FlowGraph
    let worst: [String: Severity]
    let ids: [Int: String]

    public init(graph: FlowGraph, findings: [Finding]) {
        self.graph = graph
        var worst: [String: Severity] = [:]
        for finding in findings where finding.isActive {
            // A finding marks its subject node, or the organization a recipient finding names.
            let id = graph.node(finding.subject.id) != nil ? finding.subject.id : (finding.path.last ?? "")
            if graph.node(id) != nil, worst[id].map({ finding.severity > $0 }) ?? true { worst[id] = finding.severity }
        }
        self.worst = worst
        ids = Self.diagramIds(graph)
    }

    /// `kind_id` with anything but letters, digits and `_` replaced; clashes get `_2`, `_3`.
    static func diagramIds(_ graph: FlowGraph) -> [Int: String] {
        var used = Set<String>()
        var result: [Int: String] = [:]
        for node in 0..<graph.nodeCount {
            let prefix = switch graph.kind(ofNode: node) {
            case .organization: "org"
            case .system: "sys"
            default: "store"
            }
            let base = prefix + "_" + String(graph.id(ofNode: node).map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
            var candidate = base
            var counter = 2
            while !used.insert(candidate).inserted {
                candidate = "\(base)_\(counter)"
                counter += 1
            }
            result[node] = candidate
        }
        return result
    }

    enum Status: String {
        case eea = "EEA"
        case adequate = "adequate"
        case third = "third country"

        var fill: String {
            switch self {
            case .eea: "#e8f4ea"
            case .adequate: "#fff6d6"
            case .third: "#fde2e1"
            }
        }
    }

    func status(of organization: Int) -> Status {
        let country = graph.model.organizations[organization].country
        if graph.isEEA(country) { return .eea }
        return graph.adequacy(of: country, for: organization) != nil ? .adequate : .third
    }

    static func color(_ severity: Severity) -> String {
        switch severity {
        case .critical: "#b00020"
        case .high: "#e65100"
        case .medium: "#f9a825"
        case .low: "#1565c0"
        case .info: "#607d8b"
        }
    }

    func label(_ node: Int) -> String {
        let id = graph.id(ofNode: node)
        var text = graph.name(ofNode: node)
        if graph.kind(ofNode: node) == .organization {
            text += " (\(graph.model.organizations[node].country))"
        } else if graph.nodeCountry[node] != graph.model.organizations[graph.nodeOperator[node]].country {
            text += " [\(graph.nodeCountry[node])]"
        }
        if let severity = worst[id] { text += "\n⚠ \(severity.rawValue)" }
        return text
    }

    /// A flow's data, and the processing activity it serves when it names one.
    func dataLabel(_ edge: Edge) -> String {
        let data = edge.data.map { graph.model.data[$0].id }.joined(separator: ", ")
        guard case .flow(let flow) = edge.origin, let activity = graph.model.flows[flow].activity else { return data }
        return "\(data) (\(activity))"
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .dot: dot()
        case .mermaid: mermaid()
        }
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingAll("\\", "\\\\").replacingAll("\"", "\\\"").replacingAll("\n", "\\n") + "\""
    }

    func dot() -> String {
        var lines = [
            "digraph flowaudit {",
            "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11];",
            "  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=white];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
        for organization in 0..<graph.organizationCount {
            let status = status(of: organization)
            let id = ids[organization] ?? "org"
            lines.append("  subgraph cluster_\(id) {")
            lines.append("    label=\(Self.quote(graph.model.organizations[organization].name + " — " + graph.model.organizations[organization].country + " (" + status.rawValue + ")"));")
            lines.append("    style=filled; fillcolor=\(Self.quote(status.fill)); color=\"#9e9e9e\";")
            for node in [organization] + graph.operatedNodes[organization] {
                let shape = switch graph.kind(ofNode: node) {
                case .organization: "box"
                case .system: "component"
                default: "cylinder"
                }
                var attributes = "label=\(Self.quote(label(node))), shape=\(shape)"
                if let severity = worst[graph.id(ofNode: node)] {
                    attributes += ", color=\(Self.quote(Self.color(severity))), penwidth=2.5"
                }
                lines.append("    \(ids[node] ?? "n") [\(attributes)];")
            }
            lines.append("  }")
        }
        for edge in graph.edges {
            var attributes: [String] = []
            switch edge.origin {
            case .flow(let flow):
                attributes.append("label=\(Self.quote(dataLabel(edge)))")
                switch graph.model.flows[flow].encryptedInTransit {
                case false?: attributes += ["color=\"#b00020\"", "fontcolor=\"#b00020\"", "style=dashed", "penwidth=2"]
                case nil: attributes.append("style=dotted")
                default: break
                }
            case .access:
                attributes += ["label=\"access\"", "style=dashed", "color=\"#757575\"", "fontcolor=\"#757575\"", "dir=back"]
            }
            // Access is drawn from the organization that reaches in, arrow pointing at the node.
            let (from, to) = edge.isDeclaredFlow ? (edge.from, edge.to) : (edge.to, edge.from)
            lines.append("  \(ids[from] ?? "n") -> \(ids[to] ?? "n") [\(attributes.joined(separator: ", "))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    func mermaid() -> String {
        func text(_ value: String) -> String {
            "\"" + value.replacingAll("\"", "#quot;").replacingAll("\n", "<br/>") + "\""
        }
        var lines = ["flowchart LR"]
        var classes: [String: [String]] = [:]
        for organization in 0..<graph.organizationCount {
            let status = status(of: organization)
            let id = ids[organization] ?? "org"
            lines.append("  subgraph cluster_\(id)[\(text(graph.model.organizations[organization].name + " — " + status.rawValue))]")
            for node in [organization] + graph.operatedNodes[organization] {
                let nodeId = ids[node] ?? "n"
                let shape = switch graph.kind(ofNode: node) {
                case .organization: "[\(text(label(node)))]"
                case .system: "[[\(text(label(node)))]]"
                default: "[(\(text(label(node))))]"
                }
                lines.append("    \(nodeId)\(shape)")
                if let severity = worst[graph.id(ofNode: node)] { classes[severity.rawValue, default: []].append(nodeId) }
            }
            lines.append("  end")
            lines.append("  style cluster_\(id) fill:\(status.fill)")
        }
        var unencrypted: [Int] = []
        for (position, edge) in graph.edges.enumerated() {
            let (from, to) = edge.isDeclaredFlow ? (edge.from, edge.to) : (edge.to, edge.from)
            switch edge.origin {
            case .flow(let flow):
                let arrow = graph.model.flows[flow].encryptedInTransit == false ? "-.->" : "-->"
                if graph.model.flows[flow].encryptedInTransit == false { unencrypted.append(position) }
                lines.append("  \(ids[from] ?? "n") \(arrow)|\(text(dataLabel(edge)))| \(ids[to] ?? "n")")
            case .access:
                lines.append("  \(ids[from] ?? "n") -.->|access| \(ids[to] ?? "n")")
            }
        }
        for severity in Severity.allCases {
            guard let nodes = classes[severity.rawValue] else { continue }
            lines.append("  classDef \(severity.rawValue) stroke:\(Self.color(severity)),stroke-width:3px")
            lines.append("  class \(nodes.joined(separator: ",")) \(severity.rawValue)")
        }
        for position in unencrypted { lines.append("  linkStyle \(position) stroke:#b00020,stroke-width:2px") }
        return lines.joined(separator: "\n") + "\n"
    }
}
