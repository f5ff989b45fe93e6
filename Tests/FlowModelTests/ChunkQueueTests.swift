import Testing
import FlowYAML
@testable import FlowModel

@Suite struct ChunkQueueTests {
    static func unit(_ file: Int) throws -> ChunkQueue.Unit {
        let source = try YAMLReader().source(bytes: Array("a: 1\n".utf8), file: "f\(file).yaml").get()
        return ChunkQueue.Unit(file: file, source: source, chunk: nil)
    }

    @Test func readersTakeUnitsAddedWhileTheyWaitAndResultsKeepTheirOrder() throws {
        let queue = ChunkQueue()
        let units = try (0..<50).map(Self.unit)
        Parallel.alongside {
            for unit in units { queue.add(unit) }
            queue.close()
        } consume: {
            while let (position, unit) = queue.take() {
                queue.finish(position, with: unit.file % 2 == 0 ? [ModelPart()] : nil)
            }
        }
        let results = try #require(queue.takeResults())
        #expect(results.map(\.unit.file) == Array(0..<50))
        #expect(results.map { $0.parts != nil } == (0..<50).map { $0 % 2 == 0 })
        // Handed over: the queue keeps none to give twice.
        #expect(queue.takeResults() == nil)
    }

    @Test func anAbandonedQueueHandsOutNothingMore() throws {
        let queue = ChunkQueue()
        queue.add(try Self.unit(0))
        queue.add(try Self.unit(1))
        let first = queue.take()
        #expect(first?.position == 0)
        queue.abandon()
        #expect(queue.take() == nil)
        if let first { queue.finish(first.position, with: [ModelPart()]) }
        #expect(queue.takeResults() == nil)
    }
}
