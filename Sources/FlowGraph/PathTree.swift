/// Where one data set's shortest paths come from: each node it reaches, with the node before
/// it (the start is its own parent). Kept as two sorted lists, searched by halving: a
/// dictionary per data set hashed every reached node, a million insertions at national scale.
struct PathTree: Sendable {
    private let nodes: [Int]
    private let parents: [Int]

    /// `reached` lists each node once; `parent` holds the node before each of them.
    init(reached: [Int], parent: [Int]) {
        let order = reached.sorted()
        nodes = order
        parents = order.map { parent[$0] }
    }

    /// The node before `node` on its shortest path; nil where the data does not reach it.
    func parent(of node: Int) -> Int? {
        var (low, high) = (0, nodes.count)
        while low < high {
            let middle = (low + high) / 2
            if nodes[middle] < node { low = middle + 1 } else { high = middle }
        }
        return low < nodes.count && nodes[low] == node ? parents[low] : nil
    }
}
