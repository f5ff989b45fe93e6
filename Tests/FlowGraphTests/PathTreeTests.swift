import Testing
@testable import FlowGraph

@Suite struct PathTreeTests {
    /// A search from node 4 that reached 4, 9, 1, 7 and 0 in that order.
    private let tree: PathTree = {
        var parent = [Int](repeating: -1, count: 12)
        parent[4] = 4
        parent[9] = 4
        parent[1] = 9
        parent[7] = 9
        parent[0] = 1
        return PathTree(reached: [4, 9, 1, 7, 0], parent: parent)
    }()

    @Test func everyReachedNodeHasItsParent() {
        #expect(tree.parent(of: 4) == 4)
        #expect(tree.parent(of: 9) == 4)
        #expect(tree.parent(of: 1) == 9)
        #expect(tree.parent(of: 7) == 9)
        #expect(tree.parent(of: 0) == 1)
    }

    @Test func nodesNotReachedHaveNone() {
        for node in [2, 3, 5, 6, 8, 10, 11, -1, 100] {
            #expect(tree.parent(of: node) == nil, "node \(node)")
        }
    }

    @Test func emptySearchReachesNothing() {
        let empty = PathTree(reached: [], parent: [])
        #expect(empty.parent(of: 0) == nil)
    }
}
