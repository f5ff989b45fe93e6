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

    /// The ends of `flow`.
    public init(_ flow: Flow, index: [String: EntityRef]) {
        self.init(from: flow.from, to: flow.to, data: flow.data, index: index)
    }

    /// By fields, so that a flow read from an array is not copied whole (retaining every field).
    public init(from: String, to: String, data ids: [String], index: [String: EntityRef]) {
        self.from = Self.node(from, in: index)
        self.to = Self.node(to, in: index)
        var data: [Int] = []
        data.reserveCapacity(ids.count)
        var allDataResolve = true
        for id in ids {
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
