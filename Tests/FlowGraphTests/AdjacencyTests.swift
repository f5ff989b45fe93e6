import Testing
@testable import FlowGraph

@Suite struct AdjacencyTests {
    @Test func groupsItemsByNodeInItemOrder() {
        let owners: [Int?] = [2, 0, 2, nil, 3, 2, 0]
        let adjacency = Adjacency(nodes: 5, count: owners.count) { owners[$0] }
        #expect(adjacency.nodeCount == 5)
        #expect(Array(adjacency[0]) == [1, 6])
        #expect(Array(adjacency[1]).isEmpty)
        #expect(Array(adjacency[2]) == [0, 2, 5])
        #expect(Array(adjacency[3]) == [4])
        #expect(Array(adjacency[4]).isEmpty)
    }

    @Test func emptyGraph() {
        let adjacency = Adjacency(nodes: 0, count: 0) { _ in nil }
        #expect(adjacency.nodeCount == 0)
    }
}
