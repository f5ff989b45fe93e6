/// Where a set of flows (a processing activity's) takes the data: the nodes at their ends, the
/// organizations reaching those nodes by access, the edges that do it, and every organization
/// running or reaching one of the nodes. Records, vendor profiles and diffs ask it per activity.
public struct FlowReach: Sendable {
    public private(set) var nodes: Set<Int> = []
    public private(set) var edges: Set<Int> = []
    public private(set) var organizations: Set<Int> = []

    init(flowEdges: [Int], edges all: [Edge], outgoing: Adjacency, nodeOperator: [Int]) {
        for edge in flowEdges {
            edges.insert(edge)
            nodes.formUnion([all[edge].from, all[edge].to])
        }
        for node in nodes {
            for edge in outgoing[node] where all[edge].origin == .access {
                edges.insert(edge)
                nodes.insert(all[edge].to)
            }
        }
        organizations = Set(nodes.map { nodeOperator[$0] })
    }
}
