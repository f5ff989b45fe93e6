import FlowModel
import FlowYAML
import FlowRuntime

/// Finds every transfer of personal data to a third country and what, if anything, covers it.
struct TransferBuilder {
    let graph: GraphBuilder
    private(set) var transfers: [Transfer] = []

    init(graph: GraphBuilder) {
        self.graph = graph
    }

    private var model: Model { graph.model }

    /// Per node: it is located outside the EEA, or its operator is established outside it. An
    /// edge to any other node is no transfer, decided before anything is allocated for it.
    private var reachesThirdCountry: [Bool] = []

    mutating func build() {
        // An organization's node country is where it is established: one lookup per node, on
        // every core (a hashed country code per node, 100,000 at national scale).
        let graph = graph
        let organizationInEEA = Parallel.array(graph.organizationCount, minimumSlice: 8192) { graph.isEEA(graph.nodeCountry[$0]) }
        reachesThirdCountry = Parallel.array(graph.nodeCount, minimumSlice: 8192) { node in
            let runnerInEEA = organizationInEEA[graph.nodeOperator[node]]
            return !runnerInEEA || (!graph.isOrganization(node) && !graph.isEEA(graph.nodeCountry[node]))
        }
        // Each edge is judged on its own: slices of edges on every core, kept in edge order,
        // then moved into one list (a copy retained a transfer's strings, and freeing the slices
        // released them again, on one core).
        let builder = self
        let (edges, firstStore) = (graph.edges, graph.organizationCount + graph.systemCount)
        // Room for the storage transfers, at most one per store reaching a third country: added
        // to a full list, they moved every transfer into new memory, on one core.
        let storesAbroad = reachesThirdCountry[firstStore...].reduce(0) { $0 + ($1 ? 1 : 0) }
        // Most edges stay in the EEA: judged on their end before the edge is read (copying one
        // retained its data list and file name, on every core at once).
        let edgeTransfers = Parallel.concatenated(Parallel.mapSlices(edges.count, minimumSlice: 5000) { range in
            range.compactMap { builder.reachesThirdCountry[edges[$0].to] ? builder.edgeTransfer(edges[$0], index: $0) : nil }
        }, reserving: storesAbroad)
        // What transfers delivered matters only where storage is judged: into stores. Grouped by
        // store in two passes over the transfers, with no set built per store.
        let intoStore = Adjacency(nodes: model.stores.count, count: edgeTransfers.count) { index in
            edgeTransfers[index].edge.flatMap { edges[$0].to >= firstStore ? edges[$0].to - firstStore : nil }
        }
        // Stores are judged on their own too: on every core, in store order after the edges'.
        let storageTransfers = Parallel.concatenated(Parallel.mapSlices(model.stores.count, minimumSlice: 4096) { range in
            range.compactMap { offset -> Transfer? in
                guard builder.reachesThirdCountry[firstStore + offset] else { return nil }
                let arrivals = intoStore[offset]
                return builder.storageTransfer(node: firstStore + offset, offset: offset) { data in
                    arrivals.contains { edgeTransfers[$0].data.contains(data) }
                }
            }
        })
        transfers = consume edgeTransfers
        transfers.append(contentsOf: storageTransfers)
    }

    /// Countries outside the EEA on the receiving side: where the node is, where the importer is
    /// established (its node's country), each once.
    private func thirdCountries(node: Int, importer: Int) -> [String] {
        let (located, established) = (graph.nodeCountry[node], graph.nodeCountry[importer])
        let locatedOutside = !graph.isEEA(located)
        if located == established { return locatedOutside ? [located] : [] }
        switch (locatedOutside, !graph.isEEA(established)) {
        case (true, true): return [located, established]
        case (true, false): return [located]
        case (false, true): return [established]
        case (false, false): return []
        }
    }

    private func edgeTransfer(_ edge: Edge, index: Int) -> Transfer? {
        guard reachesThirdCountry[edge.to] else { return nil }
        let importer = graph.nodeOperator[edge.to]
        let exporter = graph.nodeOperator[edge.from]
        // Moving data within one organization is not a transfer between exporter and importer.
        guard importer != exporter, edge.data.contains(where: { graph.dataPersonal[$0] }) else { return nil }
        let countries = thirdCountries(node: edge.to, importer: importer)
        guard !countries.isEmpty else { return nil }
        let personal = edge.data.filter { graph.dataPersonal[$0] }
        let controllers = GraphBuilder.sortedUnique(personal.map { graph.dataController[$0] })
        var safeguard = findSafeguard(exporters: [exporter], controllers: controllers, importer: importer, countries: countries)
        var key: String
        var via: Transfer.Via
        var subjectKind: String
        var subjectName: String
        var destination = edge.to
        switch edge.origin {
        case .flow(let flowIndex):
            // Fields read in place: binding the flow copied (and retained) all of them.
            if safeguard == nil, graph.model.flows[flowIndex].derogation != nil { safeguard = "derogation" }
            key = graph.model.flows[flowIndex].id
            via = .flow
            subjectKind = "flow"
            subjectName = key
        case .access:
            // The path runs to the accessed node; the importer is appended after it.
            destination = edge.from
            key = "\(idOf(edge.from))->\(idOf(edge.to))"
            via = .access
            subjectKind = "access"
            subjectName = "\(model.name(of: idOf(edge.to))) access to \(model.name(of: idOf(edge.from)))"
        }
        return Transfer(
            via: via, key: key, subjectKind: subjectKind, subjectName: subjectName, span: edge.span,
            exporters: [exporter], importer: importer, countries: countries, data: personal,
            safeguard: safeguard,
            agreements: safeguardAgreements(safeguard, exporters: [exporter], controllers: controllers, importer: importer),
            destination: destination, edge: index)
    }

    /// Personal data at rest in a store located, or run from, outside the EEA is a transfer from each
    /// controller to the operator, even when no flow is drawn; data that arrived through a flow
    /// already counted as a transfer is not counted twice.
    private func storageTransfer(node: Int, offset: Int, alreadyTransferred: (Int) -> Bool) -> Transfer? {
        let importer = graph.nodeOperator[node]
        let countries = thirdCountries(node: node, importer: importer)
        guard !countries.isEmpty else { return nil }
        let data = graph.nodeData[node].filter {
            graph.dataPersonal[$0] && !alreadyTransferred($0) && graph.dataController[$0] != importer
        }
        guard !data.isEmpty else { return nil }
        let exporters = Array(Set(data.map { graph.dataController[$0] })).sorted()
        let covered = exporters.map { findSafeguard(exporters: [$0], controllers: [$0], importer: importer, countries: countries) }
        let safeguard = covered.contains(where: { $0 == nil }) ? nil : covered.compactMap { $0 }.first
        let store = model.stores[offset]
        return Transfer(
            via: .storage, key: store.id, subjectKind: "store", subjectName: store.name ?? store.id,
            span: store.origin.span, exporters: exporters, importer: importer, countries: countries,
            data: data, safeguard: safeguard, agreements: safeguardAgreements(safeguard, exporters: exporters, controllers: exporters, importer: importer),
            destination: node, edge: nil)
    }

    /// Adequacy for every destination country, else SCCs (with the exporter or the data's controller),
    /// else BCRs binding both sides. Lists, not sets: there are one or two of each.
    private func findSafeguard(exporters: [Int], controllers: [Int], importer: Int, countries: [String]) -> String? {
        if countries.allSatisfy({ graph.adequacy(of: $0, for: importer) != nil }) { return "adequacy" }
        if exporters.contains(where: { graph.agreements.hasSCC(exporter: $0, importer: importer) })
            || controllers.contains(where: { graph.agreements.hasSCC(exporter: $0, importer: importer) }) {
            return "scc"
        }
        if exporters.allSatisfy({ graph.agreements.hasBCR($0, importer) }) { return "bcr" }
        return nil
    }

    /// The SCCs or BCRs behind a safeguard, by agreement index, each once.
    private func safeguardAgreements(_ safeguard: String?, exporters: [Int], controllers: [Int], importer: Int) -> [Int] {
        switch safeguard {
        case "scc": GraphBuilder.sortedUnique((exporters + controllers).flatMap { graph.agreements.sccs(exporter: $0, importer: importer) })
        case "bcr": GraphBuilder.sortedUnique(exporters.flatMap { graph.agreements.bcrs($0, importer) })
        default: []
        }
    }

    private func idOf(_ node: Int) -> String { graph.space.id(ofNode: node) }
}

extension GraphBuilder {
    func adequacy(of country: String, for organization: Int) -> AdequacyDecision? {
        space.adequacy(of: country, for: organization, on: asOf)
    }
}
