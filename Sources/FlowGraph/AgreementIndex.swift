import FlowModel

/// Agreements as pair lookups between organization nodes (organizations are nodes `0..<O`).
struct AgreementIndex: Sendable {
    private var dpaPairs = Set<Pair>()
    private var sccPairs = Set<Pair>()
    private var jointPairs = Set<Pair>()
    private var bcrPairs = Set<Pair>()
    /// DPA edges controller -> [(processor, agreement index)], in file order.
    private(set) var dpaEdges: [Int: [(processor: Int, agreement: Int)]] = [:]

    struct Pair: Hashable {
        var first: Int
        var second: Int
        /// Order-free key for agreements between equals (joint controllers, BCR groups).
        static func unordered(_ a: Int, _ b: Int) -> Pair { Pair(first: min(a, b), second: max(a, b)) }
    }

    init() {}

    init(model: Model) {
        func org(_ id: String?) -> Int? {
            guard let id, let ref = model.index[id], ref.kind == .organization else { return nil }
            return ref.index
        }
        // Fields read by index: binding each agreement copied all of its fields.
        let agreements = model.agreements
        for index in agreements.indices {
            switch agreements[index].type {
            case .dpa:
                if let controller = org(agreements[index].controller), let processor = org(agreements[index].processor) {
                    dpaPairs.insert(Pair(first: controller, second: processor))
                    dpaEdges[controller, default: []].append((processor, index))
                }
            case .scc:
                if let exporter = org(agreements[index].exporter), let importer = org(agreements[index].importer) {
                    sccPairs.insert(Pair(first: exporter, second: importer))
                }
            case .bcr, .jointController:
                let parties = agreements[index].parties.compactMap(org)
                for a in parties {
                    for b in parties where a < b {
                        if agreements[index].type == .bcr {
                            bcrPairs.insert(.unordered(a, b))
                        } else {
                            jointPairs.insert(.unordered(a, b))
                        }
                    }
                }
            }
        }
    }

    func hasDPA(controller: Int, processor: Int) -> Bool { dpaPairs.contains(Pair(first: controller, second: processor)) }
    func hasSCC(exporter: Int, importer: Int) -> Bool { sccPairs.contains(Pair(first: exporter, second: importer)) }
    func hasBCR(_ a: Int, _ b: Int) -> Bool { bcrPairs.contains(.unordered(a, b)) }
    func jointControllers(_ a: Int, _ b: Int) -> Bool { jointPairs.contains(.unordered(a, b)) }
}
