import Testing
@testable import FlowRuntime

@Suite struct WorkQueueTests {
    @Test func workersTakeUnitsAddedWhileTheyWaitAndResultsKeepTheirOrder() throws {
        let queue = WorkQueue<Int, String>()
        Parallel.alongside {
            for unit in 0..<50 { queue.add(unit) }
            queue.close()
        } consume: {
            while let (position, unit) = queue.take() {
                queue.finish(position, with: unit % 2 == 0 ? "\(unit)" : nil)
            }
        }
        let results = try #require(queue.takeResults())
        #expect(results.map(\.unit) == Array(0..<50))
        #expect(results.map(\.output) == (0..<50).map { $0 % 2 == 0 ? "\($0)" : nil })
        // Handed over: the queue keeps none to give twice.
        #expect(queue.takeResults() == nil)
    }

    @Test func anAbandonedQueueHandsOutNothingMore() {
        let queue = WorkQueue<Int, String>()
        queue.add(0)
        queue.add(1)
        let first = queue.take()
        #expect(first?.position == 0)
        queue.abandon()
        #expect(queue.take() == nil)
        if let first { queue.finish(first.position, with: "done") }
        #expect(queue.takeResults() == nil)
    }
}
