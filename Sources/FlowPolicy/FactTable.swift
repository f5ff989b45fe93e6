import FlowGraph
import FlowModel

typealias FactGetter = @Sendable (EvaluationContext, Int) -> FactValue

struct FactDefinition: Sendable {
    let type: FactType
    let help: String
    let get: FactGetter
}

/// The facts each subject kind offers to rules: model fields by their YAML names, plus the
/// graph's derived facts. Adding a fact here makes it available to every rule.
enum FactTable {
    static func facts(for kind: SubjectKind) -> [String: FactDefinition] {
        tables[kind] ?? [:]
    }

    static let tables: [SubjectKind: [String: FactDefinition]] = [
        .organization: organization, .data: data, .activity: activity, .system: system, .store: store, .flow: flow,
        .agreement: agreement, .incident: IncidentFacts.table, .waiver: waiver, .transfer: transfer, .recipient: recipient, .resource: DeploymentFacts.resource,
    ]

    // MARK: Helpers

    private static func text(_ value: String?) -> FactValue { value.map(FactValue.string) ?? .absent }
    private static func date(_ value: CivilDate?) -> FactValue { value.map(FactValue.date) ?? .absent }
    private static func number(_ value: Int?) -> FactValue { value.map { .number(Double($0)) } ?? .absent }
    private static func bool(_ value: Bool?) -> FactValue { value.map(FactValue.bool) ?? .absent }

    private static func organizationRef(_ context: EvaluationContext, _ id: String?) -> FactValue {
        guard let id, let ref = context.model.index[id], ref.kind == .organization else { return .absent }
        return .ref(.organization, ref.index)
    }

    private static func organizationRefs(_ context: EvaluationContext, _ ids: [String]) -> FactValue {
        .refs(.organization, ids.compactMap { id in
            guard let ref = context.model.index[id], ref.kind == .organization else { return nil }
            return ref.index
        })
    }

    private static func dataRefs(_ context: EvaluationContext, _ ids: [String]) -> FactValue {
        .refs(.data, ids.compactMap { id in
            guard let ref = context.model.index[id], ref.kind == .data else { return nil }
            return ref.index
        })
    }

    static func personal(_ context: EvaluationContext, _ data: [Int]) -> [Int] {
        data.filter { context.graph.dataPersonal[$0] }
    }

    static func records(_ context: EvaluationContext, _ data: [Int]) -> FactValue {
        var sum: Int?
        for index in data {
            // Saturating: two data sets declared near Int.max must not stop the check.
            if let records = context.model.data[index].records {
                let (total, overflow) = (sum ?? 0).addingReportingOverflow(records)
                sum = overflow ? Int.max : total
            }
        }
        return sum.map { .number(Double($0)) } ?? .absent
    }

    private static func anyPersonal(_ context: EvaluationContext, _ data: [Int]) -> Bool {
        data.contains { context.graph.dataPersonal[$0] }
    }

    private static func location(_ context: EvaluationContext, node: Int) -> [String: FactValue] {
        let country = context.graph.nodeCountry[node]
        return [
            "location": .string(country),
            "eea": .bool(context.graph.isEEA(country)),
        ]
    }

    /// Facts every node kind shares, by graph node.
    private static func nodeFacts(_ node: @escaping @Sendable (EvaluationContext, Int) -> Int) -> [String: FactDefinition] {
        [
            "eea": FactDefinition(type: .bool, help: "located in the EEA") { context, index in
                .bool(context.graph.isEEA(context.graph.nodeCountry[node(context, index)]))
            },
            "data": FactDefinition(type: .refs(.data), help: "data held, processed or received") { context, index in
                .refs(.data, context.graph.nodeData[node(context, index)])
            },
            "personal_data": FactDefinition(type: .refs(.data), help: "the personal data among `data`") { context, index in
                .refs(.data, personal(context, context.graph.nodeData[node(context, index)]))
            },
            "categories": FactDefinition(type: .categories, help: "categories of `data`") { context, index in
                .categories(context.graph.categories(of: context.graph.nodeData[node(context, index)]))
            },
            "records": FactDefinition(type: .number, help: "sum of `records` of the personal data") { context, index in
                records(context, personal(context, context.graph.nodeData[node(context, index)]))
            },
            "personal": FactDefinition(type: .bool, help: "any personal data in `data`") { context, index in
                .bool(anyPersonal(context, context.graph.nodeData[node(context, index)]))
            },
        ]
    }

    // MARK: Kinds

    static let organization: [String: FactDefinition] = FieldFacts.facts(.organization)
        .merging(nodeFacts { _, index in index }) { _, new in new }.merging([
        "id": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.organizations[index].id) },
        "location": FactDefinition(type: .string, help: "country of establishment") { context, index in
            .string(context.model.organizations[index].country)
        },
        "controlled_data": FactDefinition(type: .refs(.data), help: "data sets it is controller of") { context, index in
            .refs(.data, context.graph.controlledData[index])
        },
        "operates": FactDefinition(type: .strings, help: "ids of systems and stores it runs") { context, index in
            .strings(context.graph.operatedNodes[index].map { context.graph.id(ofNode: $0) })
        },
    ]) { _, new in new }.merging(ObligationFacts.organization) { _, new in new }

    static let data: [String: FactDefinition] = FieldFacts.facts(.data).merging([
        "id": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.data[index].id) },
        "name": FactDefinition(type: .string, help: "name") { context, index in .string(context.model.name(of: context.model.data[index].id)) },
        "categories": FactDefinition(type: .categories, help: "categories") { context, index in
            .categories(context.graph.dataCategories[index])
        },
        "personal": FactDefinition(type: .bool, help: "personal data") { context, index in .bool(context.graph.dataPersonal[index]) },
    ]) { _, new in new }

    static let activity: [String: FactDefinition] = FieldFacts.facts(.activity).merging([
        "id": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.activities[index].id) },
        "name": FactDefinition(type: .string, help: "name") { context, index in
            .string(context.model.name(of: context.model.activities[index].id))
        },
        "categories": FactDefinition(type: .categories, help: "categories of the data it processes") { context, index in
            .categories(context.graph.categories(of: activityData(context, index)))
        },
        "personal": FactDefinition(type: .bool, help: "processes personal data") { context, index in
            .bool(anyPersonal(context, activityData(context, index)))
        },
        "personal_categories": FactDefinition(type: .categories, help: "the personal categories of the data it processes") { context, index in
            masked(context.graph.categories(of: activityData(context, index)), context.graph.categories.personal)
        },
        "special_categories": FactDefinition(type: .categories, help: "the special (Art. 9) and criminal (Art. 10) categories of its data") { context, index in
            masked(context.graph.categories(of: activityData(context, index)), context.graph.categories.special)
        },
        "disclosure": FactDefinition(type: .bool, help: "one of its flows hands personal data outside the controller's custody chain") { context, index in
            .bool(context.graph.activityFlows[index].contains { context.graph.flowDisclosure[$0] })
        },
    ]) { _, new in new }.merging(ObligationFacts.activity) { _, new in new }

    /// The categories of `set` within `mask`.
    private static func masked(_ set: CategorySet, _ mask: CategorySet) -> FactValue {
        .categories(CategorySet(bits: set.bits & mask.bits))
    }

    /// "no adequacy decision", or the decision in force for a destination that does not cover
    /// the importer, with its scope (a US importer without DPF certification).
    private static func adequacyStanding(_ context: EvaluationContext, _ transfer: Transfer) -> String {
        let importer = context.model.organizations[transfer.importer]
        for country in transfer.countries {
            guard let decision = context.model.jurisdictions[country]?.adequacy,
                  decision.since.map({ $0 <= context.graph.asOf }) ?? true,
                  decision.until.map({ context.graph.asOf <= $0 }) ?? true,
                  context.graph.adequacy(of: country, for: transfer.importer) == nil else { continue }
            let scope = decision.scope.map { ", which covers \($0)" } ?? ""
            return "an adequacy decision for \(country) (\(decision.decision))\(scope), not \(importer.name)"
        }
        return "no adequacy decision"
    }

    /// The data sets an activity processes, by index.
    static func activityData(_ context: EvaluationContext, _ index: Int) -> [Int] {
        context.model.activities[index].data.compactMap { id in
            context.model.index[id].flatMap { $0.kind == .data ? $0.index : nil }
        }
    }

    static let system: [String: FactDefinition] = FieldFacts.facts(.system)
        .merging(nodeFacts { context, index in context.graph.node(system: index) }) { _, new in new }.merging([
        "id": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.systems[index].id) },
        "name": FactDefinition(type: .string, help: "name") { context, index in .string(context.model.name(of: context.model.systems[index].id)) },
        "location": FactDefinition(type: .string, help: "location, else the operator's country") { context, index in
            .string(context.graph.nodeCountry[context.graph.node(system: index)])
        },
        "undeclared_measures": ObligationFacts.undeclaredMeasures(.system),
    ]) { _, new in new }

    static let store: [String: FactDefinition] = FieldFacts.facts(.store)
        .merging(nodeFacts { context, index in context.graph.node(store: index) }) { _, new in new }.merging([
        "id": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.stores[index].id) },
        "name": FactDefinition(type: .string, help: "name") { context, index in .string(context.model.name(of: context.model.stores[index].id)) },
        "location": FactDefinition(type: .string, help: "location, else the operator's country") { context, index in
            .string(context.graph.nodeCountry[context.graph.node(store: index)])
        },
        "retention_days": FactDefinition(type: .number, help: "retention in days; absent when undeclared or unlimited") { context, index in
            guard case .duration(let duration) = context.model.stores[index].retention else { return .absent }
            return .number(duration.approximateDays)
        },
        "holds": FactDefinition(type: .refs(.data), help: "data at rest (holds and flows in)") { context, index in
            .refs(.data, context.graph.nodeData[context.graph.node(store: index)])
        },
        "undeclared_measures": ObligationFacts.undeclaredMeasures(.store),
    ]) { _, new in new }.merging(DeploymentFacts.store) { _, new in new }

    static let flow: [String: FactDefinition] = FieldFacts.facts(.flow).merging([
        "id": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.flows[index].id) },
        "name": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.flows[index].id) },
        "sender": FactDefinition(type: .ref(.organization), help: "the sending organization (operator of `from`)") { context, index in
            guard let node = context.graph.node(context.model.flows[index].from) else { return .absent }
            return .ref(.organization, context.graph.nodeOperator[node])
        },
        "receiver": FactDefinition(type: .ref(.organization), help: "the receiving organization (operator of `to`)") { context, index in
            guard let node = context.graph.node(context.model.flows[index].to) else { return .absent }
            return .ref(.organization, context.graph.nodeOperator[node])
        },
        "categories": FactDefinition(type: .categories, help: "categories carried") { context, index in
            .categories(context.graph.categories(of: context.graph.edges[context.graph.flowEdge[index]].data))
        },
        "personal": FactDefinition(type: .bool, help: "carries personal data") { context, index in
            .bool(context.graph.edges[context.graph.flowEdge[index]].data.contains { context.graph.dataPersonal[$0] })
        },
        "personal_categories": FactDefinition(type: .categories, help: "the personal categories carried") { context, index in
            masked(context.graph.categories(of: context.graph.edges[context.graph.flowEdge[index]].data), context.graph.categories.personal)
        },
        "special_categories": FactDefinition(type: .categories, help: "the special (Art. 9) and criminal (Art. 10) categories carried") { context, index in
            masked(context.graph.categories(of: context.graph.edges[context.graph.flowEdge[index]].data), context.graph.categories.special)
        },
        "disclosure": FactDefinition(type: .bool, help: "hands personal data outside the controller's custody chain") { context, index in
            .bool(context.graph.flowDisclosure[index])
        },
        "transfer": FactDefinition(type: .bool, help: "a transfer to a third country") { context, index in
            .bool(context.graph.transferOfFlow[index] != nil)
        },
    ]) { _, new in new }

    static let agreement: [String: FactDefinition] = FieldFacts.facts(.agreement).merging([
        "id": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.agreements[index].id) },
        "name": FactDefinition(type: .string, help: "id") { context, index in .string(context.model.agreements[index].id) },
        "approved": FactDefinition(type: .strings, help: "approved sub-processors") { context, index in
            .strings(context.model.agreements[index].approved)
        },
    ]) { _, new in new }.merging(ObligationFacts.agreement) { _, new in new }

    static let waiver: [String: FactDefinition] = FieldFacts.facts(.waiver).merging([
        "id": FactDefinition(type: .string, help: "rule@subject") { context, index in .string(context.model.waivers[index].id) },
        "name": FactDefinition(type: .string, help: "rule@subject") { context, index in .string(context.model.waivers[index].id) },
        "expired": FactDefinition(type: .bool, help: "past its end date on the as-of date") { context, index in
            .bool(context.model.waivers[index].expires < context.graph.asOf)
        },
        "matched": FactDefinition(type: .bool, help: "matches a finding") { context, index in
            .bool(index < context.waiverMatched.count && context.waiverMatched[index])
        },
    ]) { _, new in new }

    static let transfer: [String: FactDefinition] = [
        "id": FactDefinition(type: .string, help: "subject key") { context, index in .string(context.graph.transfers[index].key) },
        "name": FactDefinition(type: .string, help: "subject name") { context, index in .string(context.graph.transfers[index].subjectName) },
        "via": FactDefinition(type: .string, help: "flow, access or storage") { context, index in .string(context.graph.transfers[index].via.rawValue) },
        "exporter": FactDefinition(type: .ref(.organization), help: "first exporting organization") { context, index in
            context.graph.transfers[index].exporters.first.map { .ref(.organization, $0) } ?? .absent
        },
        "exporters": FactDefinition(type: .refs(.organization), help: "exporting organizations") { context, index in
            .refs(.organization, context.graph.transfers[index].exporters)
        },
        "importer": FactDefinition(type: .ref(.organization), help: "importing organization") { context, index in
            .ref(.organization, context.graph.transfers[index].importer)
        },
        "countries": FactDefinition(type: .strings, help: "destination countries outside the EEA") { context, index in
            .strings(context.graph.transfers[index].countries)
        },
        "data": FactDefinition(type: .refs(.data), help: "personal data transferred") { context, index in
            .refs(.data, context.graph.transfers[index].data)
        },
        "categories": FactDefinition(type: .categories, help: "categories transferred") { context, index in
            .categories(context.graph.categories(of: context.graph.transfers[index].data))
        },
        "safeguard": FactDefinition(type: .string, help: "adequacy, scc, bcr or derogation") { context, index in
            text(context.graph.transfers[index].safeguard)
        },
        "adequacy": FactDefinition(type: .string, help: "how adequacy stands: no decision, or a decision in force that does not cover the importer") { context, index in
            .string(adequacyStanding(context, context.graph.transfers[index]))
        },
        "covered": FactDefinition(type: .bool, help: "a safeguard applies") { context, index in
            .bool(context.graph.transfers[index].safeguard != nil)
        },
    ].merging(ObligationFacts.transfer) { _, new in new }

    static let recipient: [String: FactDefinition] = [
        "id": FactDefinition(type: .string, help: "organization id") { context, index in
            .string(context.model.organizations[context.graph.recipients[index].organization].id)
        },
        "name": FactDefinition(type: .string, help: "organization name") { context, index in
            .string(context.model.organizations[context.graph.recipients[index].organization].name)
        },
        "controller": FactDefinition(type: .ref(.organization), help: "whose data it is") { context, index in
            .ref(.organization, context.graph.recipients[index].controller)
        },
        "organization": FactDefinition(type: .ref(.organization), help: "who receives it") { context, index in
            .ref(.organization, context.graph.recipients[index].organization)
        },
        "data": FactDefinition(type: .refs(.data), help: "personal data received") { context, index in
            .refs(.data, context.graph.recipients[index].data)
        },
        "categories": FactDefinition(type: .categories, help: "categories received") { context, index in
            .categories(context.graph.categories(of: context.graph.recipients[index].data))
        },
        "relation": FactDefinition(type: .string, help: "joint-controller, third-party, processor, subprocessor or unlinked") { context, index in
            .string(context.graph.recipients[index].relation.rawValue)
        },
        "direct": FactDefinition(type: .bool, help: "received from the controller or a node it runs") { context, index in
            .bool(context.graph.recipients[index].direct)
        },
        "dpa_with_controller": FactDefinition(type: .bool, help: "a DPA with the controller") { context, index in
            .bool(context.graph.recipients[index].dpaWithController)
        },
        "in_chain": FactDefinition(type: .bool, help: "reached from the controller through DPAs") { context, index in
            .bool(context.graph.recipients[index].inChain)
        },
        "chain_length": FactDefinition(type: .number, help: "DPAs between controller and organization") { context, index in
            let chain = context.graph.recipients[index].chain
            return chain.isEmpty ? .absent : .number(Double(chain.count - 1))
        },
        "chain_authorised": FactDefinition(type: .bool, help: "every DPA on the chain authorises it") { context, index in
            .bool(context.graph.recipients[index].chainAuthorised)
        },
        "via_processor": FactDefinition(type: .ref(.organization), help: "a processor in the chain that passed the data on without a DPA") { context, index in
            context.graph.recipients[index].viaProcessor.map { .ref(.organization, $0) } ?? .absent
        },
        "sources": FactDefinition(type: .refs(.organization), help: "organizations it received the data from") { context, index in
            .refs(.organization, context.graph.recipients[index].sources)
        },
    ].merging(ObligationFacts.recipient) { _, new in new }
}
