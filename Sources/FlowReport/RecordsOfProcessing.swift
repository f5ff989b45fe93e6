public import FlowGraph
import FlowModel

/// Art. 30 records derived from the model: under 30(1) one record per processing activity of each
/// controller (its personal data processed by no declared activity in one more, "activity not
/// declared", so that nothing disappears), and under 30(2) one record per processor for each
/// controller it serves.
public struct RecordsOfProcessing: Sendable {
    public struct Party: Sendable {
        public var id: String
        public var name: String
        public var country: String
        /// Contact of the data protection officer, if one is declared.
        public var dpo: String?
    }

    public struct TransferLine: Sendable {
        public var importer: String
        public var countries: [String]
        public var data: [String]
        /// adequacy, scc, bcr, derogation, or nil: none (a finding).
        public var safeguard: String?
        public var via: String
        public var subject: String
    }

    /// Art. 30(1)(a)-(g) for one processing activity.
    public struct ActivityRecord: Sendable {
        public var controller: Party
        /// The activity's id; nil for the controller's data no declared activity processes.
        public var activity: String?
        public var name: String
        public var purposes: [String]
        public var legalBases: [String]
        public var article9: [String]
        public var data: [String]
        public var subjects: [String]
        public var categories: [String]
        public var recipients: [String]
        public var transfers: [TransferLine]
        public var retention: [String]
        public var security: [String]
        public var dpia: String?
    }

    /// Art. 30(2)(a)-(d): a processor's record for one controller it serves.
    public struct ProcessorRecord: Sendable {
        public var processor: Party
        public var controller: Party
        /// The controller's activities it takes part in (or the data sets of no declared activity).
        public var processing: [String]
        public var transfers: [TransferLine]
        public var security: [String]
    }

    public static let undeclared = "activity not declared"

    public var activities: [ActivityRecord] = []
    public var processors: [ProcessorRecord] = []

    public init(graph: FlowGraph) {
        let model = graph.model
        func party(_ index: Int) -> Party {
            let organization = model.organizations[index]
            return Party(id: organization.id, name: organization.name, country: organization.country, dpo: organization.dpo)
        }
        func transferLine(_ transfer: Transfer) -> TransferLine {
            TransferLine(importer: model.organizations[transfer.importer].id, countries: transfer.countries,
                         data: transfer.data.map { model.data[$0].id }, safeguard: transfer.safeguard,
                         via: transfer.via.rawValue, subject: transfer.key)
        }
        let index = RecordIndex(graph: graph)
        let scopes = graph.activityReach
        let activitiesOf = Dictionary(grouping: model.activities.indices) { model.activities[$0].controller }
        for controller in index.controllers {
            var covered = Set<Int>()
            for activity in activitiesOf[model.organizations[controller].id] ?? [] {
                let declared = model.activities[activity]
                let data = declared.data.compactMap { id in model.index[id].flatMap { $0.kind == .data ? $0.index : nil } }
                    .filter { graph.dataPersonal[$0] }
                covered.formUnion(data)
                // Where its flows take the data: recipients, transfers and measures are those there.
                let scope = scopes[activity]
                activities.append(ActivityRecord(
                    controller: party(controller), activity: declared.id, name: declared.name ?? declared.id,
                    purposes: [declared.purpose], legalBases: declared.legalBasis.map { [$0.rawValue] } ?? [],
                    article9: declared.article9.map { [$0.rawValue] } ?? [], data: data.map { model.data[$0].id },
                    subjects: index.subjects(of: data), categories: graph.categories.names(in: graph.categories(of: data)),
                    recipients: index.recipients(of: controller, data: data, within: scope),
                    transfers: index.transfers(of: controller, data: data, within: scope).map(transferLine),
                    retention: index.retention(of: data, within: scope), security: index.security(of: data, within: scope),
                    dpia: declared.dpia))
            }
            // What no declared activity covers: data sets none processes, and flows that name
            // none (their data may be an activity's, processed here outside it).
            let uncovered = graph.controlledData[controller].filter { graph.dataPersonal[$0] && !covered.contains($0) }
            let outside = index.flowsNamingNoActivity(of: controller)
            let carried = Set(outside.flatMap { graph.edges[graph.flowEdge[$0]].data })
                .filter { graph.dataPersonal[$0] && graph.dataController[$0] == controller }
            let rest = Set(uncovered).union(carried).sorted()
            guard !rest.isEmpty else { continue }
            let scope = graph.reach(ofFlows: outside)
            func both<T: Hashable>(_ unscoped: [T], _ scoped: [T]) -> [T] {
                var seen = Set<T>()
                return (unscoped + scoped).filter { seen.insert($0).inserted }
            }
            var seenTransfers = Set<String>()
            let restTransfers = (index.transfers(of: controller, data: uncovered) + index.transfers(of: controller, data: rest, within: scope))
                .filter { seenTransfers.insert($0.key).inserted }
            activities.append(ActivityRecord(
                controller: party(controller), activity: nil, name: Self.undeclared,
                purposes: Array(Set(outside.compactMap { model.flows[$0].purpose })).sorted(),
                legalBases: Array(Set(outside.compactMap { model.flows[$0].legalBasis?.rawValue })).sorted(),
                article9: Array(Set(outside.compactMap { model.flows[$0].article9?.rawValue })).sorted(),
                data: rest.map { model.data[$0].id }, subjects: index.subjects(of: rest),
                categories: graph.categories.names(in: graph.categories(of: rest)),
                recipients: both(index.recipients(of: controller, data: uncovered), index.recipients(of: controller, data: rest, within: scope)),
                transfers: restTransfers.map(transferLine),
                retention: both(index.retention(of: uncovered), index.retention(of: rest, within: scope)),
                security: both(index.security(of: uncovered), index.security(of: rest, within: scope)),
                dpia: Set(uncovered.compactMap { model.data[$0].dpia }).sorted().first))
        }
        for recipient in graph.recipients.sorted(by: { ($0.organization, $0.controller) < ($1.organization, $1.controller) })
        where recipient.relation == .processor || recipient.relation == .subprocessor
            || (recipient.relation == .unlinked && model.organizations[recipient.organization].role == .processor) {
            // A processor without a contract still owes its record (and the contract is a finding).
            let data = recipient.data.filter { graph.dataPersonal[$0] }
            let controllerId = model.organizations[recipient.controller].id
            // The controller's activities whose flows reach this processor with their data.
            let receivedIds = Set(data.map { model.data[$0].id })
            let ofController = activitiesOf[controllerId] ?? []
            var processing = ofController.filter { activity in
                model.activities[activity].data.contains(where: receivedIds.contains)
                    && scopes[activity].organizations.contains(recipient.organization)
            }.map { "\(model.activities[$0].name ?? model.activities[$0].id) (\(model.activities[$0].id))" }
            let declared = Set(ofController.flatMap { model.activities[$0].data })
            let undeclared = data.filter { !declared.contains(model.data[$0].id) }.map { model.data[$0].name ?? model.data[$0].id }
            if !undeclared.isEmpty { processing.append("\(undeclared.joined(separator: ", ")) (\(Self.undeclared))") }
            processors.append(ProcessorRecord(
                processor: party(recipient.organization), controller: party(recipient.controller), processing: processing,
                transfers: index.transfers(from: recipient.organization, data: data).map(transferLine),
                security: index.security(of: data, operatedBy: recipient.organization)))
        }
    }
}

/// What a record gathers about a set of data sets, indexed once by data set and organization, so
/// that a record's work grows with what it holds, not with the model.
private struct RecordIndex {
    let graph: FlowGraph
    var model: Model { graph.model }
    /// Controllers of personal data, in model order.
    let controllers: [Int]
    private var storesHolding: [[Int]]
    private var systemsProcessing: [[Int]]
    private var flowsCarrying: [[Int]]
    private var recipientsOf: [Int: [Recipient]] = [:]
    private var transfersOf: [Int: [Int]] = [:]
    private var transfersFrom: [Int: [Int]] = [:]

    init(graph: FlowGraph) {
        self.graph = graph
        let model = graph.model
        controllers = graph.controlledData.indices.filter { graph.controlledData[$0].contains { graph.dataPersonal[$0] } }
        storesHolding = Array(repeating: [], count: model.data.count)
        systemsProcessing = Array(repeating: [], count: model.data.count)
        for node in 0..<graph.nodeCount where graph.kind(ofNode: node) != .organization {
            for data in graph.nodeData[node] {
                if graph.kind(ofNode: node) == .store { storesHolding[data].append(node) } else { systemsProcessing[data].append(node) }
            }
        }
        flowsCarrying = Array(repeating: [], count: model.data.count)
        for flow in model.flows.indices {
            for data in graph.edges[graph.flowEdge[flow]].data { flowsCarrying[data].append(flow) }
        }
        for recipient in graph.recipients { recipientsOf[recipient.controller, default: []].append(recipient) }
        for (index, transfer) in graph.transfers.enumerated() {
            for controller in Set(transfer.data.filter { graph.dataPersonal[$0] }.map { graph.dataController[$0] }) {
                transfersOf[controller, default: []].append(index)
            }
            for exporter in Set(transfer.exporters) { transfersFrom[exporter, default: []].append(index) }
        }
    }

    func subjects(of data: [Int]) -> [String] {
        Array(Set(data.flatMap { model.data[$0].subjects })).sorted()
    }

    /// Flows carrying the controller's personal data that name no processing activity.
    func flowsNamingNoActivity(of controller: Int) -> [Int] {
        Array(Set(graph.controlledData[controller].filter { graph.dataPersonal[$0] }.flatMap { flowsCarrying[$0] }))
            .filter { model.flows[$0].activity == nil }.sorted()
    }

    /// Organizations receiving any of the data (within `scope`), with how they stand with the controller.
    func recipients(of controller: Int, data: [Int], within scope: FlowReach? = nil) -> [String] {
        (recipientsOf[controller] ?? []).filter { recipient in
            recipient.data.contains { data.contains($0) } && (scope?.organizations.contains(recipient.organization) ?? true)
        }.map {
            let organization = model.organizations[$0.organization]
            return "\(organization.name) (\(organization.id), \($0.relation == .unlinked ? "no agreement" : $0.relation.rawValue))"
        }
    }

    /// Transfers of any of the data (made by the scope's flows, accesses and stores).
    func transfers(of controller: Int, data: [Int], within scope: FlowReach? = nil) -> [Transfer] {
        (transfersOf[controller] ?? []).map { graph.transfers[$0] }.filter { transfer in
            guard transfer.data.contains(where: { data.contains($0) }) else { return false }
            guard let scope else { return true }
            if let edge = transfer.edge { return scope.edges.contains(edge) }
            return scope.nodes.contains(transfer.destination)
        }
    }

    func transfers(from exporter: Int, data: [Int]) -> [Transfer] {
        (transfersFrom[exporter] ?? []).map { graph.transfers[$0] }.filter { $0.data.contains { data.contains($0) } }
    }

    func retention(of data: [Int], within scope: FlowReach? = nil) -> [String] {
        Array(Set(data.flatMap { storesHolding[$0] })).filter { scope?.nodes.contains($0) ?? true }.sorted().map { node in
            let store = model.stores[graph.localIndex(ofNode: node)]
            return "\(store.id): \(store.retention?.description ?? "undeclared")"
        }
    }

    /// The Art. 32 measures declared where the data rests or is processed (optionally only on
    /// one organization's nodes, or within a scope).
    func security(of data: [Int], operatedBy operator_: Int? = nil, within scope: FlowReach? = nil) -> [String] {
        let stores = Array(Set(data.flatMap { storesHolding[$0] })).sorted()
        let systems = Array(Set(data.flatMap { systemsProcessing[$0] })).sorted()
        let mine = { (node: Int) in
            (operator_.map { graph.nodeOperator[node] == $0 } ?? true) && (scope?.nodes.contains(node) ?? true)
        }
        return stores.filter(mine).map { node in
            let store = model.stores[graph.localIndex(ofNode: node)]
            return "\(store.id): encryption at rest \(store.encryptionAtRest?.rawValue ?? "undeclared"), access \(store.access?.rawValue ?? "undeclared"), "
                + "access logging \(store.accessLogging?.rawValue ?? "undeclared"), authentication \(store.authentication?.rawValue ?? "undeclared")"
        } + systems.filter(mine).map { node in
            let system = model.systems[graph.localIndex(ofNode: node)]
            return "\(system.id): access logging \(system.accessLogging?.rawValue ?? "undeclared"), "
                + "authentication \(system.authentication?.rawValue ?? "undeclared")"
        }
    }
}
