import FlowModel
import FlowRuntime

/// Every edge's data sets in one flat list (compressed sparse rows), for passes that visit edges
/// out of order: reading an edge's list from the edge itself touched the edge and its own
/// array, two cache misses each in a national model's tens of megabytes of edges, where these
/// two small arrays mostly stay in cache.
struct EdgeData: Sendable {
    /// `items[starts[edge]..<starts[edge + 1]]` are the edge's data sets.
    let starts: [Int]
    let items: [Int]

    init(_ edges: [Edge]) {
        // Each slice's lists joined in edge order, on every core; then the starts from their counts.
        let slices = Parallel.mapSlices(edges.count, minimumSlice: 16_384) { range in
            var items: [Int] = []
            items.reserveCapacity(range.count * 2)
            for edge in range {
                for data in edges[edge].data { items.append(data) }
            }
            return items
        }
        items = Parallel.concatenated(slices)
        var starts = [Int](repeating: 0, count: edges.count + 1)
        for edge in edges.indices {
            starts[edge + 1] = starts[edge] + edges[edge].data.count
        }
        self.starts = starts
    }
}
