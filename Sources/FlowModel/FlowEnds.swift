/// A flow's ids looked up once, while references are checked, for the graph to build the flow's
/// edge from: looking them up again there hashed 600,000 ids at national scale.
public struct FlowEnds: Sendable {
    /// The sending and receiving nodes; nil where the id names no organization, system or store.
    public var from: EntityRef?
    public var to: EntityRef?
    /// Positions in `Model.data` of the ids that name data sets, sorted, each once.
    public var data: [Int]
    /// Whether every id in `data` names a data set (an empty id counts as resolved: it is
    /// reported as a missing value, not as an unknown id).
    public var allDataResolve: Bool

    public init(_ flow: Flow, index: [String: EntityRef]) {
        from = Self.node(flow.from, in: index)
        to = Self.node(flow.to, in: index)
        var data: [Int] = []
        data.reserveCapacity(flow.data.count)
        var allDataResolve = true
        for id in flow.data {
            if let ref = index[id], ref.kind == .data {
                data.append(ref.index)
            } else if !id.isEmpty {
                allDataResolve = false
            }
        }
        self.data = Self.sortedUnique(data)
        self.allDataResolve = allDataResolve
    }

    private static func node(_ id: String, in index: [String: EntityRef]) -> EntityRef? {
        guard let ref = index[id], ref.kind == .organization || ref.kind == .system || ref.kind == .store else { return nil }
        return ref
    }

    /// `items` sorted, each once.
    public static func sortedUnique(_ items: [Int]) -> [Int] {
        guard items.count > 1 else { return items }
        var sorted = items.sorted()
        var write = 1
        for read in 1..<sorted.count where sorted[read] != sorted[write - 1] {
            sorted[write] = sorted[read]
            write += 1
        }
        sorted.removeLast(sorted.count - write)
        return sorted
    }
}
