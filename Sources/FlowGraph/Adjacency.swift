/// Edge indices per node in one flat array (compressed sparse rows): a national model has
/// hundreds of thousands of nodes, and an array per node cost an allocation each.
package struct Adjacency: Sendable {
    /// `targets[offsets[node]..<offsets[node + 1]]` are the node's edge indices, in edge order.
    private let offsets: [Int]
    private let targets: [Int]

    /// Groups `count` items by the node `key` gives each (nil: the item is in no group).
    init(nodes: Int, count: Int, key: (Int) -> Int?) {
        var offsets = [Int](repeating: 0, count: nodes + 1)
        for item in 0..<count {
            if let node = key(item) { offsets[node + 1] += 1 }
        }
        for node in 0..<nodes { offsets[node + 1] += offsets[node] }
        var next = offsets
        var targets = [Int](repeating: 0, count: offsets[nodes])
        for item in 0..<count {
            guard let node = key(item) else { continue }
            targets[next[node]] = item
            next[node] += 1
        }
        self.offsets = offsets
        self.targets = targets
    }

    package var nodeCount: Int { offsets.count - 1 }

    package subscript(node: Int) -> ArraySlice<Int> {
        targets[offsets[node]..<offsets[node + 1]]
    }
}
