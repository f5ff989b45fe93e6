public import FlowModel
public import FlowYAML

/// The model as a graph, with every derived fact the rules use computed once.
/// Nodes are interned: organizations `0..<O`, then systems, then stores.
public struct FlowGraph: Sendable {
    public let model: Model
    public let asOf: CivilDate
    public let categories: CategoryIndex
    package let space: NodeSpace

    public var organizationCount: Int { space.organizationCount }
    public var systemCount: Int { space.systemCount }
    public var storeCount: Int { space.storeCount }
    public var nodeCount: Int { space.nodeCount }

    /// Where each node is: its `location`, else its operator's country.
    public let nodeCountry: [String]
    /// The organization node that runs each node (an organization runs itself).
    public let nodeOperator: [Int]
    /// For each node: data held (stores), processed (systems) or received (organizations).
    public let nodeData: [[Int]]
    /// Nodes each organization operates.
    public let operatedNodes: [[Int]]

    public let dataController: [Int]
    public let dataCategories: [CategorySet]
    /// Any category under `personal`, `special` or `criminal`.
    public let dataPersonal: [Bool]
    /// Per organization: the data sets it is controller of.
    public let controlledData: [[Int]]

    public let edges: [Edge]
    /// Edge index of each declared flow.
    public let flowEdge: [Int]
    /// Edge indices leaving and entering each node.
    package let outgoing: Adjacency
    package let incoming: Adjacency

    /// Per flow: it hands personal data to an organization outside the controller's custody chain.
    public let flowDisclosure: [Bool]
    public let transfers: [Transfer]
    public let recipients: [Recipient]
    /// Per flow: the index of the transfer it makes, if it is one.
    public let transferOfFlow: [Int?]
    /// Per processing activity: the flows that name it.
    public let activityFlows: [[Int]]
    /// Per organization: the activities it is controller of.
    public let controlledActivities: [[Int]]
    /// Per data set: the activities that process it.
    public let dataActivities: [[Int]]
    /// Per processing activity: where its flows take the data.
    public let activityReach: [FlowReach]
    /// Per data set: each reached node's predecessor on a shortest path from the controller.
    let pathParents: [PathTree]
    /// Agreements as pair lookups between organizations.
    let agreements: AgreementIndex

    public init(model: Model, asOf: CivilDate) throws(DiagnosticList) {
        var builder = try GraphBuilder(model: model, asOf: asOf)
        builder.build()
        self.model = model
        self.asOf = asOf
        categories = builder.categories
        space = builder.space
        nodeCountry = builder.nodeCountry
        nodeOperator = builder.nodeOperator
        nodeData = builder.nodeData
        operatedNodes = builder.operatedNodes
        dataController = builder.dataController
        dataCategories = builder.dataCategories
        dataPersonal = builder.dataPersonal
        controlledData = builder.controlledData
        edges = builder.edges
        flowEdge = builder.flowEdge
        outgoing = builder.outgoing
        incoming = builder.incoming
        flowDisclosure = builder.flowDisclosure
        transfers = builder.transfers
        recipients = builder.recipients
        pathParents = builder.pathParents
        agreements = builder.agreements
        var transferOfFlow = [Int?](repeating: nil, count: model.flows.count)
        for (index, transfer) in builder.transfers.enumerated() {
            if let edge = transfer.edge, case .flow(let flow) = builder.edges[edge].origin { transferOfFlow[flow] = index }
        }
        self.transferOfFlow = transferOfFlow
        var activityFlows = [[Int]](repeating: [], count: model.activities.count)
        if !model.activities.isEmpty {
            for (index, flow) in model.flows.enumerated() {
                if let id = flow.activity, let ref = model.index[id], ref.kind == .activity { activityFlows[ref.index].append(index) }
            }
        }
        self.activityFlows = activityFlows
        var controlledActivities = [[Int]](repeating: [], count: model.activities.isEmpty ? 0 : model.organizations.count)
        var dataActivities = [[Int]](repeating: [], count: model.activities.isEmpty ? 0 : model.data.count)
        for (index, activity) in model.activities.enumerated() {
            if let ref = model.index[activity.controller], ref.kind == .organization { controlledActivities[ref.index].append(index) }
            for id in activity.data {
                if let ref = model.index[id], ref.kind == .data, dataActivities[ref.index].last != index { dataActivities[ref.index].append(index) }
            }
        }
        self.controlledActivities = controlledActivities
        self.dataActivities = dataActivities
        activityReach = activityFlows.map { flows in
            FlowReach(flowEdges: flows.map { builder.flowEdge[$0] }, edges: builder.edges, outgoing: builder.outgoing,
                      nodeOperator: builder.nodeOperator)
        }
    }

    /// Where `flows` take the data (see `FlowReach`).
    public func reach(ofFlows flows: [Int]) -> FlowReach {
        FlowReach(flowEdges: flows.map { flowEdge[$0] }, edges: edges, outgoing: outgoing, nodeOperator: nodeOperator)
    }

    // MARK: Nodes

    public func node(_ id: String) -> Int? { space.node(id) }

    public func node(organization index: Int) -> Int { index }
    public func node(system index: Int) -> Int { organizationCount + index }
    public func node(store index: Int) -> Int { organizationCount + systemCount + index }

    public func kind(ofNode node: Int) -> EntityKind { space.kind(ofNode: node) }

    /// Index of the node within its kind's array.
    public func localIndex(ofNode node: Int) -> Int { space.localIndex(ofNode: node) }

    public func id(ofNode node: Int) -> String { space.id(ofNode: node) }

    public func name(ofNode node: Int) -> String { model.name(of: id(ofNode: node)) }

    public func span(ofNode node: Int) -> SourceSpan {
        let local = localIndex(ofNode: node)
        switch kind(ofNode: node) {
        case .organization: return model.organizations[local].origin.span
        case .system: return model.systems[local].origin.span
        default: return model.stores[local].origin.span
        }
    }

    // MARK: Agreements

    /// Whether a DPA binds the processor to the controller (organizations by index).
    public func hasDPA(controller: Int, processor: Int) -> Bool { agreements.hasDPA(controller: controller, processor: processor) }

    /// Whether a joint-controller arrangement binds the two organizations.
    public func jointControllers(_ a: Int, _ b: Int) -> Bool { agreements.jointControllers(a, b) }

    // MARK: Jurisdictions

    public func isEEA(_ country: String) -> Bool { space.isEEA(country) }

    /// The adequacy decision for `country` in force on the as-of date that covers this importer.
    public func adequacy(of country: String, for organization: Int) -> AdequacyDecision? {
        space.adequacy(of: country, for: organization, on: asOf)
    }

    // MARK: Data

    public func categories(of data: [Int]) -> CategorySet {
        var set = CategorySet()
        for index in data { set.formUnion(dataCategories[index]) }
        return set
    }

    /// Ids from the data's controller to `node`, along flows, access and operation;
    /// the shortest such path for the first data set that reaches it.
    public func path(for data: [Int], to node: Int) -> [String] {
        for index in data {
            let parents = pathParents[index]
            guard parents.parent(of: node) != nil || node == dataController[index] else { continue }
            var ids: [String] = []
            var current = node
            var guardCount = 0
            while guardCount <= nodeCount {
                ids.append(id(ofNode: current))
                guard let parent = parents.parent(of: current), parent != current else { break }
                current = parent
                guardCount += 1
            }
            return ids.reversed()
        }
        guard let first = data.first else { return [id(ofNode: node)] }
        let controller = dataController[first]
        return controller == node ? [id(ofNode: node)] : [id(ofNode: controller), id(ofNode: node)]
    }
}
