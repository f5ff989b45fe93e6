import Testing
import FlowGraph
import FlowModel

@Suite struct StorageTransferTests {
    /// Data at rest abroad is a transfer of its own, except the data a flow already carried
    /// there (that flow is the transfer); a flow into a system abroad does not excuse a store.
    @Test func storageCountsOnlyWhatNoFlowTransferred() throws {
        let graph = try GraphFixtures.graph("""
        organizations:
          clinic: {name: Clinic AB, country: SE, role: controller}
          offshore: {name: Offshore Ltd, country: TH}
        data:
          calls: {controller: clinic, categories: [personal.voice]}
          notes: {controller: clinic, categories: [special.health]}
          stats: {controller: clinic, categories: [non-personal]}
        systems:
          desk: {operator: offshore, location: TH}
        stores:
          spare: {operator: offshore, location: TH, holds: [calls]}
          archive: {operator: offshore, location: TH, holds: [calls, notes, stats]}
        flows:
          - {id: to-archive, from: clinic, to: archive, data: [calls]}
          - {id: to-desk, from: clinic, to: desk, data: [notes, calls]}
        """)
        let byKey = Dictionary(uniqueKeysWithValues: graph.transfers.map { ($0.key, $0) })
        let dataIds = { (transfer: Transfer?) in transfer?.data.map { graph.model.data[$0].id } ?? [] }
        #expect(graph.transfers.map(\.key) == ["to-archive", "to-desk", "spare", "archive"])
        #expect(byKey["to-archive"]?.via == .flow)
        #expect(dataIds(byKey["archive"]) == ["notes"])
        #expect(byKey["archive"]?.via == .storage)
        #expect(dataIds(byKey["spare"]) == ["calls"])
    }
}
