import FlowModel

/// Agreements as pair lookups between organization nodes (organizations are nodes `0..<O`).
/// Pairs are kept sorted and found by halving, and DPA edges as rows per controller: sets and
/// dictionaries hashed every pair with SipHash, for each of a national model's flows and
/// recipients.
struct AgreementIndex: Sendable {
    private var dpaPairs: [Pair] = []
    private var sccPairs: [Pair] = []
    private var jointPairs: [Pair] = []
    private var bcrPairs: [Pair] = []
    /// SCCs and BCRs by pair (as in `sccPairs`, `bcrPairs`) with the agreement's index, sorted:
    /// a transfer rule reads the clauses and measures of what covers the transfer.
    private var sccAgreements: [(pair: Pair, agreement: Int)] = []
    private var bcrAgreements: [(pair: Pair, agreement: Int)] = []
    /// `dpaTargets[dpaStarts[controller]..<dpaStarts[controller + 1]]`: the controller's DPAs,
    /// as (processor, agreement index), in file order.
    private var dpaStarts: [Int] = [0]
    private var dpaTargets: [(processor: Int, agreement: Int)] = []

    struct Pair: Hashable, Comparable {
        var first: Int
        var second: Int
        /// Order-free key for agreements between equals (joint controllers, BCR groups).
        static func unordered(_ a: Int, _ b: Int) -> Pair { Pair(first: min(a, b), second: max(a, b)) }

        static func < (lhs: Pair, rhs: Pair) -> Bool { (lhs.first, lhs.second) < (rhs.first, rhs.second) }
    }

    init() {}

    init(model: Model) {
        func org(_ id: String?) -> Int? {
            guard let id, let ref = model.index[id], ref.kind == .organization else { return nil }
            return ref.index
        }
        var dpaEdges: [(controller: Int, processor: Int, agreement: Int)] = []
        // Fields read by index: binding each agreement copied all of its fields.
        let agreements = model.agreements
        for index in agreements.indices {
            switch agreements[index].type {
            case .dpa:
                if let controller = org(agreements[index].controller), let processor = org(agreements[index].processor) {
                    dpaPairs.append(Pair(first: controller, second: processor))
                    dpaEdges.append((controller, processor, index))
                }
            case .scc:
                if let exporter = org(agreements[index].exporter), let importer = org(agreements[index].importer) {
                    sccPairs.append(Pair(first: exporter, second: importer))
                    sccAgreements.append((Pair(first: exporter, second: importer), index))
                }
            case .bcr, .jointController:
                let parties = agreements[index].parties.compactMap(org)
                for a in parties {
                    for b in parties where a < b {
                        if agreements[index].type == .bcr {
                            bcrPairs.append(.unordered(a, b))
                            bcrAgreements.append((.unordered(a, b), index))
                        } else {
                            jointPairs.append(.unordered(a, b))
                        }
                    }
                }
            }
        }
        for pairs in [\Self.dpaPairs, \Self.sccPairs, \Self.jointPairs, \Self.bcrPairs] {
            self[keyPath: pairs].sort()
        }
        sccAgreements.sort { ($0.pair, $0.agreement) < ($1.pair, $1.agreement) }
        bcrAgreements.sort { ($0.pair, $0.agreement) < ($1.pair, $1.agreement) }
        // Rows by controller, counted out in two passes so that each keeps file order.
        var starts = [Int](repeating: 0, count: model.organizations.count + 1)
        for edge in dpaEdges { starts[edge.controller + 1] += 1 }
        for organization in model.organizations.indices { starts[organization + 1] += starts[organization] }
        var next = starts
        var targets = [(processor: Int, agreement: Int)](repeating: (0, 0), count: dpaEdges.count)
        for edge in dpaEdges {
            targets[next[edge.controller]] = (edge.processor, edge.agreement)
            next[edge.controller] += 1
        }
        dpaStarts = starts
        dpaTargets = targets
    }

    /// The controller's DPAs, as (processor, agreement index), in file order.
    func dpaEdges(from controller: Int) -> ArraySlice<(processor: Int, agreement: Int)> {
        guard controller >= 0, controller + 1 < dpaStarts.count else { return [] }
        return dpaTargets[dpaStarts[controller]..<dpaStarts[controller + 1]]
    }

    func hasDPA(controller: Int, processor: Int) -> Bool { Self.contains(dpaPairs, Pair(first: controller, second: processor)) }
    func hasSCC(exporter: Int, importer: Int) -> Bool { Self.contains(sccPairs, Pair(first: exporter, second: importer)) }
    func hasBCR(_ a: Int, _ b: Int) -> Bool { Self.contains(bcrPairs, .unordered(a, b)) }
    func jointControllers(_ a: Int, _ b: Int) -> Bool { Self.contains(jointPairs, .unordered(a, b)) }

    /// The SCCs between exporter and importer, by agreement index.
    func sccs(exporter: Int, importer: Int) -> [Int] { Self.agreements(sccAgreements, Pair(first: exporter, second: importer)) }
    /// The BCRs binding both organizations, by agreement index.
    func bcrs(_ a: Int, _ b: Int) -> [Int] { Self.agreements(bcrAgreements, .unordered(a, b)) }

    private static func agreements(_ sorted: [(pair: Pair, agreement: Int)], _ pair: Pair) -> [Int] {
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].pair < pair { low = middle + 1 } else { high = middle }
        }
        var found: [Int] = []
        while low < sorted.count, sorted[low].pair == pair {
            found.append(sorted[low].agreement)
            low += 1
        }
        return found
    }

    private static func contains(_ sorted: [Pair], _ pair: Pair) -> Bool {
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < pair { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == pair
    }
}
