public import FlowGraph
public import FlowPolicy
import FlowModel

/// The data-flow diagram: each organization a cluster (with its country and status) around the
/// systems and stores it runs; flows labelled with their data (and activity); access drawn from
/// the organization into what it reaches; DPAs between organizations, so that a chain of
/// processors shows; data a store holds drawn from its controller when no flow brings it. Edges
/// and nodes take the colour of their worst finding. DOT and Mermaid draw the same lines.
public struct DiagramRenderer: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case dot
        case mermaid
    }

    /// What the colours and line styles mean, for the page and the DOT output.
    public static let legend = "Clusters: green EEA, yellow adequate, red third country. Edges and outlined nodes take the colour "
        + "of their worst finding (critical dark red, high orange, medium yellow, low blue). Dashed flows are not encrypted in "
        + "transit, dotted ones do not say; grey dashed edges are access from an organization into a system or store; thin "
        + "grey edges are DPAs (controller to processor); grey dotted edges bring data a store holds from its controller."

    /// The legend in lines short enough not to widen a small diagram.
    static var wrappedLegend: String {
        var lines: [String] = []
        var current = ""
        for word in legend.split(separator: " ") {
            if !current.isEmpty, current.count + word.count + 1 > 90 {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        return (lines + [current]).joined(separator: "\n")
    }

    let graph: FlowGraph
    let worst: [String: Severity]
    /// Worst finding per edge of the graph (flows and access).
    let worstEdge: [Int: Severity]
    /// Worst finding per agreement, by index.
    let worstAgreement: [Int: Severity]
    let ids: [Int: String]

    public init(graph: FlowGraph, findings: [Finding]) {
        self.graph = graph
        let model = graph.model
        var accessEdges: [String: Int] = [:]
        for (index, edge) in graph.edges.enumerated() where !edge.isDeclaredFlow {
            accessEdges["\(graph.id(ofNode: edge.from))->\(graph.id(ofNode: edge.to))"] = index
        }
        let agreements = Dictionary(model.agreements.enumerated().map { ($1.id, $0) }) { first, _ in first }
        let flows = Dictionary(model.flows.enumerated().map { ($1.id, $0) }) { first, _ in first }
        var worst: [String: Severity] = [:]
        var worstEdge: [Int: Severity] = [:]
        var worstAgreement: [Int: Severity] = [:]
        func mark<Key: Hashable>(_ key: Key, _ severity: Severity, in table: inout [Key: Severity]) {
            if table[key].map({ severity > $0 }) ?? true { table[key] = severity }
        }
        for finding in findings where finding.isActive {
            let subject = finding.subject
            var nodes: [String] = []
            switch subject.kind {
            case "flow":
                if let flow = flows[subject.id] {
                    mark(graph.flowEdge[flow], finding.severity, in: &worstEdge)
                }
                nodes = finding.path.last.map { [$0] } ?? []
            case "access":
                if let edge = accessEdges[subject.key] { mark(edge, finding.severity, in: &worstEdge) }
                nodes = finding.path.last.map { [$0] } ?? []
            case "agreement":
                if let index = agreements[subject.id] {
                    mark(index, finding.severity, in: &worstAgreement)
                    let agreement = model.agreements[index]
                    // The party the agreement binds to its obligations: processor, importer, or the parties.
                    nodes = [agreement.processor ?? agreement.importer].compactMap { $0 } + (agreement.processor ?? agreement.importer == nil ? agreement.parties : [])
                }
            case "incident":
                nodes = model.incidents.first { $0.id == subject.id }?.affected ?? []
            default:
                nodes = graph.node(subject.id) != nil ? [subject.id] : finding.path.last.map { [$0] } ?? []
            }
            for id in nodes where graph.node(id) != nil { mark(id, finding.severity, in: &worst) }
        }
        self.worst = worst
        self.worstEdge = worstEdge
        self.worstAgreement = worstAgreement
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

    /// One line of the diagram, as both formats draw it.
    struct Line: Equatable {
        enum Style: Equatable {
            case solid
            case dashed
            case dotted
            /// Thin: context (agreements), not data moving.
            case thin
        }

        let from: Int
        let to: Int
        let label: String
        let style: Style
        /// A finding's colour, or grey for context lines; nil: the default.
        let color: String?
        let bold: Bool
    }

    static let grey = "#757575"

    /// Flows, access, DPAs and holdings, in that order.
    func lines() -> [Line] {
        var lines: [Line] = []
        var arrivals = Set<Int>()
        for (index, edge) in graph.edges.enumerated() {
            let severity = worstEdge[index]
            switch edge.origin {
            case .flow(let flow):
                arrivals.insert(edge.to)
                let encrypted = graph.model.flows[flow].encryptedInTransit
                let style: Line.Style = encrypted == false ? .dashed : (encrypted == nil ? .dotted : .solid)
                let color = severity.map(Self.color) ?? (encrypted == false ? Self.color(.critical) : nil)
                lines.append(Line(from: edge.from, to: edge.to, label: dataLabel(edge), style: style, color: color,
                                  bold: severity.map { $0 >= .high } ?? (encrypted == false)))
            case .access:
                // From the organization that reaches in, pointing at what it reaches.
                arrivals.insert(edge.from)
                lines.append(Line(from: edge.to, to: edge.from, label: "access", style: .dashed,
                                  color: severity.map(Self.color) ?? Self.grey, bold: severity.map { $0 >= .high } ?? false))
            }
        }
        for (index, agreement) in graph.model.agreements.enumerated() where agreement.type == .dpa {
            guard let controller = agreement.controller.flatMap(graph.node), let processor = agreement.processor.flatMap(graph.node)
            else { continue }
            let severity = worstAgreement[index]
            let label = severity == nil ? "DPA" : "DPA (\(agreement.id))"
            lines.append(Line(from: controller, to: processor, label: label, style: .thin, color: severity.map(Self.color) ?? Self.grey,
                              bold: false))
        }
        // Data at rest no flow brings: from its controller, so that the store is not left floating.
        let firstStore = graph.organizationCount + graph.systemCount
        for (offset, store) in graph.model.stores.enumerated() where !arrivals.contains(firstStore + offset) && !store.holds.isEmpty {
            let byController = Dictionary(grouping: store.holds.compactMap { id in graph.model.ref(id).flatMap { $0.kind == .data ? $0.index : nil } }) {
                graph.dataController[$0]
            }
            for controller in byController.keys.sorted() where controller != graph.nodeOperator[firstStore + offset] {
                let data = (byController[controller] ?? []).map { graph.model.data[$0].id }.joined(separator: ", ")
                lines.append(Line(from: controller, to: firstStore + offset, label: "holds " + data, style: .dotted, color: Self.grey, bold: false))
            }
        }
        return lines
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

    /// "MediCall Co. Ltd — TH (third country)".
    func clusterTitle(_ organization: Int) -> String {
        let entity = graph.model.organizations[organization]
        return "\(entity.name) — \(entity.country) (\(status(of: organization).rawValue))"
    }

    func dot() -> String {
        var lines = [
            "digraph flowaudit {",
            // Edge labels as xlabels: placed after layout, they never push into a cluster's title.
            "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, forcelabels=true, labelloc=b, labeljust=l,",
            "         label=\(Self.quote(Self.wrappedLegend))];",
            "  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=white];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
        for organization in 0..<graph.organizationCount {
            let status = status(of: organization)
            let id = ids[organization] ?? "org"
            lines.append("  subgraph cluster_\(id) {")
            lines.append("    label=\(Self.quote(clusterTitle(organization))); labeljust=l; labelloc=t; fontsize=11;")
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
        for line in self.lines() {
            var attributes = ["xlabel=\(Self.quote(line.label))"]
            if let color = line.color { attributes += ["color=\(Self.quote(color))", "fontcolor=\(Self.quote(color))"] }
            switch line.style {
            case .solid: break
            case .dashed: attributes.append("style=dashed")
            case .dotted: attributes.append("style=dotted")
            case .thin: attributes += ["penwidth=0.6", "arrowsize=0.6", "constraint=false"]
            }
            if line.bold { attributes.append("penwidth=2.5") }
            lines.append("  \(ids[line.from] ?? "n") -> \(ids[line.to] ?? "n") [\(attributes.joined(separator: ", "))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    func mermaid() -> String {
        func text(_ value: String) -> String {
            "\"" + value.replacingAll("\"", "#quot;").replacingAll("\n", "<br/>") + "\""
        }
        var lines = ["flowchart LR", "  %% " + Self.legend]
        var classes: [String: [String]] = [:]
        for organization in 0..<graph.organizationCount {
            let id = ids[organization] ?? "org"
            lines.append("  subgraph cluster_\(id)[\(text(clusterTitle(organization)))]")
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
            lines.append("  style cluster_\(id) fill:\(status(of: organization).fill)")
        }
        var styles: [String] = []
        for (position, line) in self.lines().enumerated() {
            let arrow = line.style == .solid || line.style == .thin ? "-->" : "-.->"
            lines.append("  \(ids[line.from] ?? "n") \(arrow)|\(text(line.label))| \(ids[line.to] ?? "n")")
            var style: [String] = []
            if let color = line.color { style.append("stroke:\(color)") }
            if line.bold { style.append("stroke-width:2.5px") } else if line.style == .thin { style.append("stroke-width:0.6px") }
            if !style.isEmpty { styles.append("  linkStyle \(position) \(style.joined(separator: ","))") }
        }
        for severity in Severity.allCases {
            guard let nodes = classes[severity.rawValue] else { continue }
            lines.append("  classDef \(severity.rawValue) stroke:\(Self.color(severity)),stroke-width:3px")
            lines.append("  class \(nodes.joined(separator: ",")) \(severity.rawValue)")
        }
        return (lines + styles).joined(separator: "\n") + "\n"
    }
}
