public import FlowGraph
import FlowModel

/// The due-diligence checklist a buyer works through before signing with a vendor, each item
/// marked by what the model already answers: answered, a gap (the model shows a problem), or
/// unanswered (the model does not say: ask).
public struct VendorChecklist: Sendable {
    public enum Status: String, Sendable {
        case answered
        case gap
        case unanswered
        case notApplicable = "not applicable"
    }

    /// What a buyer asks about, with the provision it comes from.
    public enum Topic: String, Sendable, CaseIterable {
        case contract, confidentiality, breachNotice, deletion, audits, security, remoteAccess, subprocessors, transfer

        public var title: String {
            switch self {
            case .contract: "Processor contract"
            case .confidentiality: "Confidentiality of its staff"
            case .breachNotice: "Breach notice and help with security and DPIAs"
            case .deletion: "Deletion or return at the end"
            case .audits: "Audits and inspections"
            case .security: "Security of what it runs"
            case .remoteAccess: "Remote access into others' systems"
            case .subprocessors: "Its own sub-processors"
            case .transfer: "Transfer impact assessment and government access"
            }
        }

        public var basis: String {
            switch self {
            case .contract: "Art. 28(3)(a)-(h)"
            case .confidentiality: "Art. 28(3)(b)"
            case .breachNotice: "Art. 33(2), 28(3)(f)"
            case .deletion: "Art. 28(3)(g)"
            case .audits: "Art. 28(3)(h)"
            case .security: "Art. 32(1)"
            case .remoteAccess: "Art. 32(1)(b)"
            case .subprocessors: "Art. 28(2), 28(4)"
            case .transfer: "Art. 46, CJEU C-311/18"
            }
        }
    }

    public struct Item: Sendable {
        public let topic: Topic
        public let status: Status
        public let detail: String

        public var title: String { topic.title }
        public var basis: String { topic.basis }
    }

    public let items: [Item]

    /// `downstream`: organizations that get personal data through the vendor, with whether a
    /// DPA binds each to it.
    init(organization index: Int, graph: FlowGraph, downstream: [(organization: Int, bound: Bool)]) {
        let model = graph.model
        let vendor = model.organizations[index]
        let dpas = model.agreements.filter { $0.type == .dpa && $0.processor == vendor.id }
        let processes = graph.recipients.contains { $0.organization == index && $0.controller != index } || !dpas.isEmpty
        var items: [Item] = []
        items.append(Self.contract(dpas, processes: processes))
        for (clause, topic) in [
            (Article28Clause.confidentiality, Topic.confidentiality), (.assistanceSecurity, .breachNotice),
            (.deletionReturn, .deletion), (.audits, .audits),
        ] {
            items.append(Self.clause(clause, topic: topic, in: dpas, processes: processes))
        }
        let operated = graph.operatedNodes[index]
        items.append(Self.measures(of: operated, topic: .security, graph: graph))
        let reached = (0..<graph.nodeCount).filter { node in
            graph.kind(ofNode: node) != .organization && graph.nodeOperator[node] != index
                && (Self.accessedBy(node, graph: graph).contains(vendor.id))
        }
        items.append(Self.measures(of: reached, topic: .remoteAccess, graph: graph))
        items.append(Self.subprocessors(downstream, graph: graph))
        items.append(Self.transfer(index, graph: graph))
        self.items = items
    }

    private static func accessedBy(_ node: Int, graph: FlowGraph) -> [String] {
        let local = graph.localIndex(ofNode: node)
        return graph.kind(ofNode: node) == .store ? graph.model.stores[local].accessedBy : graph.model.systems[local].accessedBy
    }

    private static func contract(_ dpas: [Agreement], processes: Bool) -> Item {
        let topic = Topic.contract
        guard processes else { return Item(topic: topic, status: .notApplicable, detail: "processes no one's personal data") }
        guard !dpas.isEmpty else { return Item(topic: topic, status: .gap, detail: "no DPA binds it as processor") }
        var details: [String] = []
        var status = Status.answered
        for dpa in dpas {
            guard let clauses = dpa.clauses else {
                details.append("\(dpa.id): clauses not recorded")
                if status == .answered { status = .unanswered }
                continue
            }
            let missing = Article28Clause.values.filter { !clauses.contains($0) }
            if missing.isEmpty {
                details.append("\(dpa.id): all eight clauses")
            } else {
                details.append("\(dpa.id) lacks " + missing.map(\.rawValue).joined(separator: ", "))
                status = .gap
            }
        }
        return Item(topic: topic, status: status, detail: details.joined(separator: "; "))
    }

    private static func clause(_ clause: Article28Clause, topic: Topic, in dpas: [Agreement], processes: Bool) -> Item {
        guard processes else { return Item(topic: topic, status: .notApplicable, detail: "processes no one's personal data") }
        guard !dpas.isEmpty else { return Item(topic: topic, status: .gap, detail: "no DPA to hold the clause") }
        let recorded = dpas.filter { $0.clauses != nil }
        let lacking = recorded.filter { !($0.clauses ?? []).contains(clause) }.map(\.id)
        if !lacking.isEmpty { return Item(topic: topic, status: .gap, detail: "not in " + lacking.joined(separator: ", ")) }
        if recorded.count < dpas.count {
            let unknown = dpas.filter { $0.clauses == nil }.map(\.id)
            return Item(topic: topic, status: .unanswered, detail: "clauses of \(unknown.joined(separator: ", ")) not recorded")
        }
        return Item(topic: topic, status: .answered, detail: "in " + dpas.map(\.id).joined(separator: ", "))
    }

    /// Encryption, access, logging and sign-in of stores and systems: weak ones are gaps,
    /// undeclared ones unanswered.
    private static func measures(of nodes: [Int], topic: Topic, graph: FlowGraph) -> Item {
        guard !nodes.isEmpty else { return Item(topic: topic, status: .notApplicable, detail: "none") }
        var gaps: [String] = []
        var unknown: [String] = []
        for node in nodes {
            let local = graph.localIndex(ofNode: node)
            let id = graph.id(ofNode: node)
            let logging: AccessLogging?, authentication: Authentication?
            if graph.kind(ofNode: node) == .store {
                let store = graph.model.stores[local]
                (logging, authentication) = (store.accessLogging, store.authentication)
                switch store.encryptionAtRest {
                case nil: unknown.append("\(id) encryption at rest")
                case .none?: gaps.append("\(id) unencrypted at rest")
                default: break
                }
                switch store.access {
                case nil: unknown.append("\(id) access")
                case .public?: gaps.append("\(id) open to the public")
                default: break
                }
            } else {
                let system = graph.model.systems[local]
                (logging, authentication) = (system.accessLogging, system.authentication)
            }
            switch logging {
            case nil: unknown.append("\(id) access logging")
            case .none?: gaps.append("\(id) logs no access")
            default: break
            }
            switch authentication {
            case nil: unknown.append("\(id) sign-in")
            case .none?: gaps.append("\(id) needs no sign-in")
            case .password?: gaps.append("\(id) signs in with a password only")
            default: break
            }
        }
        if !gaps.isEmpty { return Item(topic: topic, status: .gap, detail: (gaps + unknown.map { $0 + " undeclared" }).joined(separator: "; ")) }
        if !unknown.isEmpty { return Item(topic: topic, status: .unanswered, detail: unknown.map { $0 + " undeclared" }.joined(separator: "; ")) }
        return Item(topic: topic, status: .answered, detail: nodes.map { graph.id(ofNode: $0) }.joined(separator: ", ") + ": all declared")
    }

    private static func subprocessors(_ downstream: [(organization: Int, bound: Bool)], graph: FlowGraph) -> Item {
        let topic = Topic.subprocessors
        guard !downstream.isEmpty else { return Item(topic: topic, status: .notApplicable, detail: "passes personal data to no one") }
        let unbound = downstream.filter { !$0.bound }.map { graph.model.organizations[$0.organization].name }
        if !unbound.isEmpty { return Item(topic: topic, status: .gap, detail: "no DPA with " + unbound.joined(separator: ", ")) }
        return Item(topic: topic, status: .answered,
                    detail: "DPAs with " + downstream.map { graph.model.organizations[$0.organization].name }.joined(separator: ", "))
    }

    private static func transfer(_ index: Int, graph: FlowGraph) -> Item {
        let topic = Topic.transfer
        let model = graph.model
        let vendor = model.organizations[index]
        if graph.isEEA(vendor.country) { return Item(topic: topic, status: .notApplicable, detail: "established in the EEA") }
        if let decision = graph.adequacy(of: vendor.country, for: index) {
            return Item(topic: topic, status: .notApplicable, detail: "covered by \(decision.decision)")
        }
        let sccs = model.agreements.filter { $0.type == .scc && $0.importer == vendor.id }
        let access = model.jurisdictions[vendor.country]?.governmentAccess.flatMap { $0.holds(on: graph.asOf) ? $0 : nil }
        let government = access.map { "; government access \($0.assessment.rawValue) (\($0.source))" } ?? ""
        guard !sccs.isEmpty else { return Item(topic: topic, status: .gap, detail: "no SCCs with it as importer" + government) }
        let without = sccs.filter { $0.tia == nil }.map(\.id)
        if !without.isEmpty {
            return Item(topic: topic, status: .unanswered, detail: "no TIA recorded for " + without.joined(separator: ", ") + government)
        }
        let effective = sccs.flatMap(\.measures).filter(Agreement.effectiveMeasures.contains)
        if access?.assessment == .problematic, effective.isEmpty {
            return Item(topic: topic, status: .gap,
                        detail: "TIA " + sccs.compactMap(\.tia).joined(separator: ", ") + government + "; no effective supplementary measure")
        }
        return Item(topic: topic, status: .answered,
                    detail: "TIA " + sccs.compactMap(\.tia).joined(separator: ", ") + government
                        + (effective.isEmpty ? "" : "; measures " + effective.joined(separator: ", ")))
    }
}
