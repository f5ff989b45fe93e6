package import FlowGraph
import FlowModel

/// What a compiled condition reads while it evaluates one rule over one graph. A class: every
/// compiled condition and fact takes it, and as a struct (the whole graph inline) it was copied
/// into each call that went through a closure.
package final class EvaluationContext: Sendable {
    package let graph: FlowGraph
    /// Per `covers` predicate of the rule (by slot): the bits it matches in this graph.
    let categoryMasks: [CategorySet]
    /// The rule's parameters with user overrides, plus `as_of`.
    let parameters: [String: FactValue]
    /// Per waiver: whether it matches a finding of the first evaluation phase.
    let waiverMatched: [Bool]

    init(graph: FlowGraph, rule: Rule, waiverMatched: [Bool]) {
        self.graph = graph
        categoryMasks = rule.coverSlots.map { graph.categories.mask(covering: $0) }
        var parameters = rule.parameters
        parameters["as_of"] = .date(graph.asOf)
        self.parameters = parameters
        self.waiverMatched = waiverMatched
    }

    var model: Model { graph.model }

    /// Number of entities of a kind in this graph.
    func count(of kind: SubjectKind) -> Int {
        switch kind {
        case .organization: model.organizations.count
        case .data: model.data.count
        case .activity: model.activities.count
        case .system: model.systems.count
        case .store: model.stores.count
        case .flow: model.flows.count
        case .agreement: model.agreements.count
        case .incident: model.incidents.count
        case .waiver: model.waivers.count
        case .transfer: graph.transfers.count
        case .recipient: graph.recipients.count
        case .resource: model.deployment?.all.count ?? 0
        }
    }

    /// The graph node of an organization, system or store entity.
    func node(_ kind: SubjectKind, _ index: Int) -> Int? {
        switch kind {
        case .organization: graph.node(organization: index)
        case .system: graph.node(system: index)
        case .store: graph.node(store: index)
        default: nil
        }
    }

    /// The rule-language kind and index of a graph node.
    func subject(ofNode node: Int) -> (SubjectKind, Int) {
        let local = graph.localIndex(ofNode: node)
        switch graph.kind(ofNode: node) {
        case .organization: return (.organization, local)
        case .system: return (.system, local)
        default: return (.store, local)
        }
    }
}
