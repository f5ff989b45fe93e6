/// A flow's ids looked up once, while references are checked, for the graph to build the flow's
/// edge from: looking them up again there hashed 600,000 ids at national scale.
package struct FlowEnds: Sendable {
    /// The sending and receiving nodes; nil where the id names no organization, system or store.
    package var from: EntityRef?
    package var to: EntityRef?
    /// Positions in `Model.data` of the ids that name data sets, sorted, each once.
    package var data: [Int]
    /// Whether every id in `data` names a data set (an empty id counts as resolved: it is
    /// reported as a missing value, not as an unknown id).
    package var allDataResolve: Bool

    /// The ends of `flow`.
    package init(_ flow: Flow, index: IdIndex) {
        self.init(from: flow.from, to: flow.to, data: flow.data, index: index)
    }

    /// By fields, so that a flow read from an array is not copied whole (retaining every field).
    /// `dataIndex`, when given, holds the data sets' ids alone (`dataIndex(of:)`): a few
    /// thousand entries stay in cache, where a lookup in the whole index was a miss or two.
    package init(from: String, to: String, data ids: [String], index: IdIndex, dataIndex: [String: Int]? = nil) {
        self.init(
            from: from, fromHash: IdIndex.hash(from), to: to, toHash: IdIndex.hash(to), data: ids, index: index, dataIndex: dataIndex)
    }

    /// With the ends' hashes computed.
    init(from: String, fromHash: UInt64, to: String, toHash: UInt64, data ids: [String], index: IdIndex, dataIndex: [String: Int]?) {
        self.from = Self.node(index[from, hash: fromHash])
        self.to = Self.node(index[to, hash: toHash])
        var data: [Int] = []
        data.reserveCapacity(ids.count)
        var allDataResolve = true
        for id in ids {
            if let position = dataIndex.map({ $0[id] }) ?? Self.data(id, in: index) {
                data.append(position)
            } else if !id.isEmpty {
                allDataResolve = false
            }
        }
        self.data = Self.sortedUnique(data)
        self.allDataResolve = allDataResolve
    }

    /// Positions in `model.data` by id: what `model.index` says of data sets alone.
    package static func dataIndex(of model: Model) -> [String: Int] {
        Dictionary(model.data.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private static func data(_ id: String, in index: IdIndex) -> Int? {
        guard let ref = index[id], ref.kind == .data else { return nil }
        return ref.index
    }

    private static func node(_ ref: EntityRef?) -> EntityRef? {
        guard let ref, ref.kind == .organization || ref.kind == .system || ref.kind == .store else { return nil }
        return ref
    }

    /// `items` sorted, each once.
    /// Consuming: a list handed over (a flow's ids just looked up, a group just gathered) is
    /// sorted in place, where `sorted()` allocated a second one.
    package static func sortedUnique(_ items: consuming [Int]) -> [Int] {
        guard items.count > 1 else { return items }
        items.sort()
        var write = 1
        for read in 1..<items.count where items[read] != items[write - 1] {
            items[write] = items[read]
            write += 1
        }
        items.removeLast(items.count - write)
        return items
    }
}
