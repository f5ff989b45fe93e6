import FlowModel
import FlowYAML
import FlowRuntime

/// Computes the graph's derived facts in passes over nodes and edges (no pass is quadratic).
struct GraphBuilder {
    let model: Model
    let asOf: CivilDate
    let categories: CategoryIndex
    let space: NodeSpace
    /// Data sets by id: a few thousand entries that stay in cache (see `FlowEnds.dataIndex(of:)`).
    let dataIds: [String: Int]
    var organizationCount: Int { space.organizationCount }
    var systemCount: Int { space.systemCount }

    var nodeCountry: [String] = []
    var nodeOperator: [Int] = []
    var nodeData: [[Int]] = []
    var operatedNodes: [[Int]] = []
    var dataController: [Int] = []
    var dataCategories: [CategorySet] = []
    var dataPersonal: [Bool] = []
    var controlledData: [[Int]] = []
    var edges: [Edge] = []
    var flowEdge: [Int] = []
    var outgoing = Adjacency(nodes: 0, count: 0) { _ in nil }
    var incoming = Adjacency(nodes: 0, count: 0) { _ in nil }
    var flowDisclosure: [Bool] = []
    var transfers: [Transfer] = []
    var recipients: [Recipient] = []
    var pathParents: [PathTree] = []
    var agreements: AgreementIndex
    var custody: CustodyIndex

    init(model: Model, asOf: CivilDate) throws(DiagnosticList) {
        self.model = model
        self.asOf = asOf
        categories = try CategoryIndex(catalogue: model.categories, model: model)
        space = NodeSpace(model: model)
        dataIds = FlowEnds.dataIndex(of: model)
        agreements = AgreementIndex()
        custody = CustodyIndex()
    }

    func node(_ id: String) -> Int? { space.node(id) }

    func dataIndex(_ id: String) -> Int? { dataIds[id] }

    func isOrganization(_ node: Int) -> Bool { node < organizationCount }
    func isEEA(_ country: String) -> Bool { space.isEEA(country) }

    mutating func build() {
        // The agreement index reads only agreements: built on another core while this one
        // numbers nodes and data sets.
        let model = model
        let index = Parallel.background { AgreementIndex(model: model) }
        buildNodes()
        buildData()
        agreements = index.value
        buildFlowEdges()
        collectNodeData()
        buildAccessEdges()
        buildAdjacency()
        // Paths are read only to describe findings: searched alongside what follows, which
        // leaves a core idle at every step's single-threaded joins.
        let pathSearch = self
        let paths = Parallel.background { pathSearch.shortestPaths() }
        custody = CustodyIndex(model: model, agreements: agreements, controllers: Set(dataController))
        buildRecipients()
        buildDisclosures()
        var transferBuilder = TransferBuilder(graph: self)
        transferBuilder.build()
        transfers = transferBuilder.transfers
        pathParents = paths.value
    }

    private mutating func buildNodes() {
        // Fields read by index: binding each entity copied (and retained) all its fields.
        let (organizations, systems, stores, space) = (model.organizations, model.systems, model.stores, space)
        let organizationCount = organizationCount
        // Operators looked up on every core (80,000 hashed ids at national scale), then each
        // node's country and each organization's nodes, on every core too: appended one node
        // at a time, they kept the other core idle at the start of every graph.
        let runners = Parallel.array(systems.count + stores.count, minimumSlice: 4096) { offset in
            space.node(offset < systems.count ? systems[offset].operator_ : stores[offset - systems.count].operator_) ?? 0
        }
        nodeOperator = Array(organizations.indices) + runners
        let deployed = model.deployment.map { deployment in
            stores.indices.map { deployment.countries(ofStore: $0) }
        }
        nodeCountry = Parallel.array(organizationCount + runners.count, minimumSlice: 8192) { node -> String in
            guard node >= organizationCount else { return organizations[node].country }
            let offset = node - organizationCount
            // Where a plan deploys a store, its data is there: outside the EEA if any of it is.
            if offset >= systems.count, let countries = deployed?[offset - systems.count] {
                if let abroad = countries.first(where: { !space.isEEA($0) }) { return abroad }
                if let declared = stores[offset - systems.count].location, countries.contains(declared) { return declared }
                if let first = countries.first { return first }
            }
            let location = offset < systems.count ? systems[offset].location : stores[offset - systems.count].location
            return location ?? organizations[runners[offset]].country
        }
        let operated = Adjacency(nodes: organizationCount, count: runners.count) { runners[$0] }
        operatedNodes = Parallel.array(organizationCount, minimumSlice: 4096) { organization in
            operated[organization].map { organizationCount + $0 }
        }
    }

    private mutating func buildData() {
        let personalMask = categories.personal
        controlledData = Array(repeating: [], count: organizationCount)
        for (index, dataSet) in model.data.enumerated() {
            let controller = node(dataSet.controller) ?? 0
            dataController.append(controller)
            controlledData[controller].append(index)
            let set = categories.set(of: dataSet.categories)
            dataCategories.append(set)
            dataPersonal.append(set.intersects(personalMask))
        }
    }

    private mutating func buildFlowEdges() {
        // The slices capture only what they read: capturing the builder copied the whole model
        // (a retain of each of its arrays, contended between cores) for every flow.
        let flows = model.flows
        let space = space
        let index = model.index
        // Resolved while references were checked; a model put together by hand resolves here.
        let ends = model.flowEnds.count == flows.count ? model.flowEnds : flows.map { FlowEnds($0, index: index) }
        // The nodes at both ends (-1 where an id names none), then an edge for each flow with
        // both, written in place on every core (see `Parallel.array`).
        let nodes = Parallel.array(flows.count, minimumSlice: 5000) { position -> (from: Int, to: Int) in
            (ends[position].from.flatMap(space.node(ref:)) ?? -1, ends[position].to.flatMap(space.node(ref:)) ?? -1)
        }
        let drawn = nodes.indices.filter { nodes[$0].from >= 0 && nodes[$0].to >= 0 }
        let built = Parallel.array(drawn.count, minimumSlice: 5000) { edge in
            let position = drawn[edge]
            return Edge(
                origin: .flow(position), from: nodes[position].from, to: nodes[position].to, data: ends[position].data,
                span: flows[position].origin.span)
        }
        flowEdge.append(contentsOf: edges.count..<(edges.count + built.count))
        if edges.isEmpty { edges = built } else { edges += built }
    }

    /// Stores hold `holds` plus what flows into them; systems process what flows in or out;
    /// organizations receive what flows to them (access edges are added after this).
    private mutating func collectNodeData() {
        // Per node on every core, from the flow edges grouped by node: a node's data is sorted
        // and deduplicated, so the order things are gathered in does not matter.
        let (edges, stores, dataIds) = (edges, model.stores, dataIds)
        let (organizationCount, firstStore, nodeCount) = (organizationCount, organizationCount + systemCount, nodeCount)
        // Systems process what they send as well as what they receive. Both groupings at once.
        let groupings = Parallel.map(2) { grouping in
            Adjacency(nodes: nodeCount, count: edges.count) { item -> Int? in
                if grouping == 0 { return edges[item].to }
                let from = edges[item].from
                return from >= organizationCount && from < firstStore ? from : nil
            }
        }
        let (into, outOfSystems) = (groupings[0], groupings[1])
        let edgeData = EdgeData(edges)
        let dataCount = model.data.count
        nodeData = Parallel.concatenated(Parallel.mapSlices(nodeCount, minimumSlice: 4096) { range in
            // Each data set taken once per node, marked with the node it was last taken for:
            // gathering every edge's list and then sorting out repeats built and copied arrays.
            var takenFor = [Int](repeating: -1, count: dataCount)
            return edgeData.starts.withUnsafeBufferPointer { starts in
                edgeData.items.withUnsafeBufferPointer { items in
                    range.map { node -> [Int] in
                        var collected: [Int] = []
                        func take(_ data: Int) {
                            if takenFor[data] != node {
                                takenFor[data] = node
                                collected.append(data)
                            }
                        }
                        if node >= firstStore {
                            for id in stores[node - firstStore].holds {
                                if let data = dataIds[id] { take(data) }
                            }
                        }
                        for edge in into[node] {
                            for item in starts[edge]..<starts[edge + 1] { take(items[item]) }
                        }
                        for edge in outOfSystems[node] {
                            for item in starts[edge]..<starts[edge + 1] { take(items[item]) }
                        }
                        collected.sort()
                        return collected
                    }
                }
            }
        })
    }

    static func sortedUnique(_ items: consuming [Int]) -> [Int] { FlowEnds.sortedUnique(consume items) }

    var nodeCount: Int { space.nodeCount }

    private mutating func buildAccessEdges() {
        func add(_ node: Int, _ accessors: [String], _ spans: [SourceSpan], _ origin: EntityOrigin) {
            guard !accessors.isEmpty else { return }
            for (offset, id) in accessors.enumerated() {
                guard let organization = self.node(id) else { continue }
                let span = offset < spans.count ? spans[offset] : origin.span(of: "accessed_by")
                edges.append(Edge(origin: .access, from: node, to: organization, data: nodeData[node], span: span))
            }
        }
        let (systems, stores) = (model.systems, model.stores)
        let firstAccess = edges.count
        for offset in systems.indices where !systems[offset].accessedBy.isEmpty {
            add(organizationCount + offset, systems[offset].accessedBy, systems[offset].accessedBySpans, systems[offset].origin)
        }
        for offset in stores.indices where !stores[offset].accessedBy.isEmpty {
            add(organizationCount + systemCount + offset, stores[offset].accessedBy, stores[offset].accessedBySpans, stores[offset].origin)
        }
        // Organizations receive what reaches them through access as well. (Only the access edges,
        // read in place: copying every edge to ask retained its data list and file name.)
        for edge in firstAccess..<edges.count {
            let to = edges[edge].to
            nodeData[to] = Self.sortedUnique(nodeData[to] + edges[edge].data)
        }
    }

    private mutating func buildAdjacency() {
        let (edges, nodeCount) = (edges, nodeCount)
        // The two directions share nothing: one per core.
        let built = Parallel.map(2) { direction in
            Adjacency(nodes: nodeCount, count: edges.count) { direction == 0 ? edges[$0].from : edges[$0].to }
        }
        outgoing = built[0]
        incoming = built[1]
    }

    /// One breadth-first search per data set over the edges that carry it, plus operation links
    /// (an organization reaches the nodes it runs, a node its operator). Each edge is visited once
    /// per data set it carries, so the total work is linear in the size of the model.
    private func shortestPaths() -> [PathTree] {
        // The edges carrying each data set, in edge order, as one flat list counted out in two
        // passes: a list per data set grew (and copied) itself a dozen times over.
        let dataCount = model.data.count
        var starts = [Int](repeating: 0, count: dataCount + 1)
        for index in edges.indices {
            for data in edges[index].data { starts[data + 1] += 1 }
        }
        for data in 0..<dataCount { starts[data + 1] += starts[data] }
        var next = starts
        var carrying = [Int](repeating: 0, count: starts[dataCount])
        for index in edges.indices {
            for data in edges[index].data {
                carrying[next[data]] = index
                next[data] += 1
            }
        }
        // The searches of different data sets share nothing: they run on every core, each
        // slice reusing one scratch space the size of the graph instead of hashing node numbers.
        // Both ends of every edge side by side: each search reads them in no particular order,
        // and from the edges themselves that was a cache miss per edge.
        var ends = [Int](repeating: 0, count: 2 * edges.count)
        for index in edges.indices {
            ends[2 * index] = edges[index].from
            ends[2 * index + 1] = edges[index].to
        }
        let builder = self
        let (byData, bounds, edgeEnds) = (carrying, starts, ends)
        return Parallel.mapSlices(dataCount, minimumSlice: 16) { range in
            var scratch = PathScratch(nodeCount: builder.nodeCount)
            return range.map {
                builder.shortestPathParents(data: $0, edges: byData[bounds[$0]..<bounds[$0 + 1]], ends: edgeEnds, scratch: &scratch)
            }
        }.flatMap { $0 }
    }

    /// Per-node arrays for one search at a time, reset through the list of nodes each touched.
    private struct PathScratch {
        /// Neighbour lists as linked entries, kept in insertion order (the order decides
        /// which of two equally short paths is reported).
        var first: [Int]
        var last: [Int]
        var parent: [Int]
        var next: [Int] = []
        var target: [Int] = []
        var touched: [Int] = []

        init(nodeCount: Int) {
            first = Array(repeating: -1, count: nodeCount)
            last = Array(repeating: -1, count: nodeCount)
            parent = Array(repeating: -1, count: nodeCount)
        }

        mutating func link(_ from: Int, _ to: Int) {
            let entry = target.count
            target.append(to)
            next.append(-1)
            if first[from] < 0 {
                first[from] = entry
                touched.append(from)
            } else {
                next[last[from]] = entry
            }
            last[from] = entry
        }

        mutating func reset() {
            for node in touched {
                first[node] = -1
                last[node] = -1
            }
            touched.removeAll(keepingCapacity: true)
            next.removeAll(keepingCapacity: true)
            target.removeAll(keepingCapacity: true)
        }
    }

    private func shortestPathParents(
        data: Int, edges dataEdges: ArraySlice<Int>, ends: [Int], scratch: inout PathScratch
    ) -> PathTree {
        for index in dataEdges {
            let (from, to) = (ends[2 * index], ends[2 * index + 1])
            scratch.link(from, to)
            if !isOrganization(from) {
                scratch.link(nodeOperator[from], from)
            }
        }
        let start = dataController[data]
        scratch.parent[start] = start
        var queue = [start]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            var entry = scratch.first[current]
            while entry >= 0 {
                let target = scratch.target[entry]
                if scratch.parent[target] < 0 {
                    scratch.parent[target] = current
                    queue.append(target)
                }
                entry = scratch.next[entry]
            }
            if !isOrganization(current) {
                let runner = nodeOperator[current]
                if scratch.parent[runner] < 0 {
                    scratch.parent[runner] = current
                    queue.append(runner)
                }
            }
        }
        let tree = PathTree(reached: queue, parent: scratch.parent)
        for node in queue {
            scratch.parent[node] = -1
        }
        scratch.reset()
        return tree
    }

    /// Every (controller, organization) pair where personal data of the controller reaches the organization.
    /// Deliveries are listed per edge (in parallel), sorted by pair, and each pair's run becomes one
    /// recipient: sorting flat tuples is far cheaper than a dictionary of sets per pair.
    private mutating func buildRecipients() {
        let builder = self
        let alongEdges = Parallel.mapSlices(edges.count, minimumSlice: 5000) { range in
            var found: [Delivery] = []
            for index in range {
                let receiver = builder.nodeOperator[builder.edges[index].to]
                let sender = builder.nodeOperator[builder.edges[index].from]
                for data in builder.edges[index].data { builder.note(data, receiver: receiver, sender: sender, into: &found) }
            }
            return found
        }
        // Data declared at rest in a store reaches its operator even when no flow is drawn.
        // Looked up on every core too: a hundred thousand held ids at national scale.
        let (stores, firstStore) = (model.stores, organizationCount + systemCount)
        let atRest = Parallel.mapSlices(stores.count, minimumSlice: 4096) { range in
            var found: [Delivery] = []
            for offset in range where !stores[offset].holds.isEmpty {
                let receiver = builder.nodeOperator[firstStore + offset]
                for id in stores[offset].holds {
                    if let data = builder.dataIndex(id) { builder.note(data, receiver: receiver, sender: nil, into: &found) }
                }
            }
            return found
        }
        var deliveries = (alongEdges + atRest).flatMap { $0 }
        // Grouped by controller in linear time, then each controller's few sorted, on every core:
        // one sort of all deliveries was the longest single-threaded step of the graph.
        let unsorted = deliveries
        let nodeCount = nodeCount
        let byController = Adjacency(nodes: organizationCount, count: unsorted.count) { unsorted[$0].pair / nodeCount }
        deliveries = Parallel.mapSlices(organizationCount, minimumSlice: 512) { range in
            range.flatMap { controller in
                byController[controller].map { unsorted[$0] }
                    .sorted { ($0.pair, $0.data, $0.source) < ($1.pair, $1.data, $1.source) }
            }
        }.flatMap { $0 }
        var runs: [Range<Int>] = []
        var start = 0
        for index in deliveries.indices.dropFirst() where deliveries[index].pair != deliveries[index - 1].pair {
            runs.append(start..<index)
            start = index
        }
        if !deliveries.isEmpty { runs.append(start..<deliveries.count) }
        let sorted = deliveries
        let groups = runs
        recipients = Parallel.mapSlices(groups.count, minimumSlice: 500) { slice in
            slice.map { run -> Recipient in
                let group = sorted[groups[run]]
                let pair = group[group.startIndex].pair
                return builder.makeRecipient(
                    controller: pair / builder.nodeCount, organization: pair % builder.nodeCount,
                    data: Self.sortedUnique(group.map(\.data)), direct: group.contains { $0.source == Delivery.direct },
                    sources: Self.sortedUnique(group.compactMap { $0.source == Delivery.direct ? nil : $0.source }))
            }
        }.flatMap { $0 }
    }

    /// Personal data reaching an organization other than its controller, from a sender.
    private struct Delivery: Sendable {
        /// Sent by the controller or a node it operates.
        static let direct = -1
        var pair: Int
        var data: Int
        var source: Int
    }

    private func note(_ data: Int, receiver: Int, sender: Int?, into deliveries: inout [Delivery]) {
        guard dataPersonal[data] else { return }
        let controller = dataController[data]
        guard receiver != controller else { return }
        let source = sender.flatMap { $0 == controller ? nil : $0 } ?? Delivery.direct
        deliveries.append(Delivery(pair: controller * nodeCount + receiver, data: data, source: source))
    }

    private func makeRecipient(controller: Int, organization: Int, data: [Int], direct: Bool, sources: [Int]) -> Recipient {
        let chain = custody.chain(from: controller, to: organization)
        let relation: Recipient.Relation
        if agreements.jointControllers(controller, organization) {
            relation = .jointController
        } else if model.organizations[organization].role == .thirdParty {
            relation = .thirdParty
        } else if let chain {
            relation = chain.organizations.count == 2 ? .processor : .subprocessor
        } else {
            relation = .unlinked
        }
        // By id, not by place in the model: the message must not change with the order of a map.
        let viaProcessor = sources.lazy.filter { source in
            custody.isMember(source, of: controller) && !agreements.hasDPA(controller: source, processor: organization)
        }.min { model.organizations[$0].id < model.organizations[$1].id }
        return Recipient(
            key: "\(model.organizations[controller].id)/\(model.organizations[organization].id)",
            controller: controller, organization: organization, data: data, direct: direct, sources: sources,
            relation: relation,
            dpaWithController: agreements.hasDPA(controller: controller, processor: organization),
            inChain: chain != nil,
            chain: chain?.organizations ?? [],
            chainAuthorised: chain.map {
                custody.isAuthorised($0, organizationId: model.organizations[organization].id, agreements: model.agreements)
            } ?? false,
            viaProcessor: viaProcessor)
    }

    private mutating func buildDisclosures() {
        let (edges, flowEdge, nodeOperator) = (edges, flowEdge, nodeOperator)
        let (dataPersonal, dataController, custody) = (dataPersonal, dataController, custody)
        let found = Parallel.mapSlices(flowEdge.count, minimumSlice: 5000) { range in
            range.compactMap { position -> (flow: Int, discloses: Bool)? in
                let edge = flowEdge[position]
                guard case .flow(let flow) = edges[edge].origin else { return nil }
                let receiver = nodeOperator[edges[edge].to]
                return (flow, edges[edge].data.contains { data in
                    guard dataPersonal[data] else { return false }
                    let controller = dataController[data]
                    return receiver != controller && !custody.isMember(receiver, of: controller)
                })
            }
        }
        flowDisclosure = Array(repeating: false, count: model.flows.count)
        for (flow, discloses) in found.joined() { flowDisclosure[flow] = discloses }
    }
}
