public import FlowGraph
import FlowModel

/// "If this node is breached": what is exposed, who must notify whom, and through which chain.
public struct ImpactAnalysis: Sendable {
    public struct ExposedData: Sendable {
        public var id: String
        public var name: String
        public var controller: String
        public var categories: [String]
        public var subjects: [String]
        public var records: Int?
        public var special: Bool
        /// The controller's processing activities that bring it to the breached node.
        public var activities: [String]
    }

    public struct Notifier: Sendable {
        public var id: String
        public var name: String
        public var country: String
        /// The supervisory authority to notify within 72 hours (Art. 33(1)).
        public var authority: String?
        /// The DPAs from the controller to the operator of the breached node, then the data path.
        public var chain: [String]
        public var dataPath: [String]
    }

    public var node: String
    public var kind: String
    public var name: String
    public var operatorId: String
    public var location: String
    public var encryptionAtRest: String?
    public var exposed: [ExposedData]
    public var controllers: [Notifier]
    /// Processors that must tell their controller without undue delay (Art. 33(2)).
    public var processors: [String]
    public var totalRecords: Int
    public var subjectGroups: [String]
    /// Art. 34: whether telling the data subjects is likely required, and why.
    public var subjectsLikely: Bool
    public var reasons: [String]

    public static let largeScaleRecords = 100_000

    /// Nil when `id` names no organization, system or store.
    public init?(node id: String, graph: FlowGraph, largeScaleRecords: Int = largeScaleRecords) {
        guard let node = graph.node(id) else { return nil }
        let model = graph.model
        self.node = id
        kind = graph.kind(ofNode: node).rawValue
        name = graph.name(ofNode: node)
        let runner = graph.nodeOperator[node]
        operatorId = model.organizations[runner].id
        location = graph.nodeCountry[node]
        var dataIndices = Set(graph.nodeData[node])
        if graph.kind(ofNode: node) == .organization {
            // An organization's breach exposes what it received and what its systems and stores hold.
            for operated in graph.operatedNodes[node] { dataIndices.formUnion(graph.nodeData[operated]) }
            dataIndices.formUnion(graph.controlledData[node])
        }
        let personal = dataIndices.filter { graph.dataPersonal[$0] }.sorted()
        let specialMask = graph.categories.special
        // The nodes the breach reaches: the node, or everything an organization runs.
        let breached = Set([node] + (graph.kind(ofNode: node) == .organization ? graph.operatedNodes[node] : []))
        exposed = personal.map { index in
            let dataSet = model.data[index]
            let activities = model.activities.indices.filter { activity in
                model.activities[activity].data.contains(dataSet.id) && graph.activityFlows[activity].contains { flow in
                    breached.contains(graph.edges[graph.flowEdge[flow]].from) || breached.contains(graph.edges[graph.flowEdge[flow]].to)
                }
            }.map { model.activities[$0].id }
            return ExposedData(
                id: dataSet.id, name: dataSet.name ?? dataSet.id, controller: dataSet.controller,
                categories: graph.categories.names(in: graph.dataCategories[index]), subjects: dataSet.subjects,
                records: dataSet.records, special: graph.dataCategories[index].intersects(specialMask), activities: activities)
        }
        totalRecords = exposed.compactMap(\.records).reduce(0, +)
        subjectGroups = Array(Set(exposed.flatMap(\.subjects))).sorted()
        var encryption: String?
        if graph.kind(ofNode: node) == .store {
            encryption = model.stores[graph.localIndex(ofNode: node)].encryptionAtRest?.rawValue ?? "undeclared"
        }
        encryptionAtRest = encryption
        let controllerNodes = Array(Set(personal.map { graph.dataController[$0] })).sorted()
        controllers = controllerNodes.map { controller in
            let organization = model.organizations[controller]
            let chain = graph.recipients.first { $0.controller == controller && $0.organization == runner }?.chain ?? []
            let data = personal.filter { graph.dataController[$0] == controller }
            return Notifier(
                id: organization.id, name: organization.name, country: organization.country,
                authority: model.jurisdictions[organization.country]?.authority,
                chain: chain.map { model.organizations[$0].id },
                dataPath: graph.path(for: data, to: node))
        }
        // Everyone between the controller and the breached node who processes on its behalf.
        var processors = Set<String>()
        if !controllerNodes.contains(runner), !personal.isEmpty { processors.insert(operatorId) }
        for notifier in controllers { processors.formUnion(notifier.chain.dropFirst()) }
        self.processors = processors.subtracting(controllers.map(\.id)).sorted()
        var reasons: [String] = []
        let special = exposed.contains(where: \.special)
        if special { reasons.append("special-category or criminal data") }
        if totalRecords >= largeScaleRecords { reasons.append("large scale (\(totalRecords) records)") }
        if subjectGroups.contains("children") { reasons.append("children among the data subjects") }
        let unprotected = encryption.map { $0 == "none" || $0 == "undeclared" } ?? true
        if unprotected { reasons.append(encryption == "none" ? "not encrypted at rest" : "encryption at rest not shown") }
        // Art. 34(3)(a): encryption that makes the data unintelligible removes the duty.
        subjectsLikely = !personal.isEmpty && unprotected && (special || totalRecords >= largeScaleRecords)
        self.reasons = reasons
    }
}
