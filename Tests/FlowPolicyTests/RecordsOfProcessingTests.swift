import Testing
import FlowGraph
@testable import FlowReport

@Suite struct RecordsOfProcessingTests {
    /// Each controller's record holds the purposes, recipients and transfers of its own personal
    /// data only, a transfer carrying two controllers' data in both records once, and each
    /// processor's record the transfers it exports, in the graph's order.
    @Test func recordsGroupFlowsRecipientsAndTransfersByOrganization() throws {
        let graph = try Builtin.graph("""
        organizations:
          clinic: {name: Clinic AB, country: SE, role: controller}
          lab: {name: Lab AB, country: SE, role: controller}
          cloud: {name: Cloud AB, country: SE, role: processor}
          offshore: {name: Offshore Ltd, country: TH, role: processor}
        data:
          records: {controller: clinic, categories: [special.health]}
          samples: {controller: lab, categories: [special.genetic]}
          stats: {controller: lab, categories: [non-personal]}
        systems:
          ehr: {operator: cloud}
          desk: {operator: offshore, location: TH}
        flows:
          - {id: clinic-to-ehr, from: clinic, to: ehr, data: [records], purpose: care}
          - {id: lab-to-ehr, from: lab, to: ehr, data: [samples, stats], purpose: analysis}
          - {id: stats-out, from: lab, to: desk, data: [stats], purpose: reporting}
          - {id: ehr-to-desk, from: ehr, to: desk, data: [records, samples], purpose: support}
        agreements:
          - {type: dpa, controller: clinic, processor: cloud}
          - {type: dpa, controller: lab, processor: cloud}
        """)
        let records = RecordsOfProcessing(graph: graph)
        let clinic = try #require(records.controllers.first { $0.id == "clinic" })
        let lab = try #require(records.controllers.first { $0.id == "lab" })
        #expect(clinic.purposes == ["care", "support"])
        #expect(lab.purposes == ["analysis", "support"])
        #expect(clinic.transfers.map(\.subject) == ["ehr-to-desk"])
        #expect(lab.transfers.map(\.subject) == ["ehr-to-desk"])
        #expect(clinic.recipients.count == graph.recipients.filter { $0.controller == graph.node("clinic") }.count)
        #expect(clinic.recipients.allSatisfy { !$0.contains("Lab AB") })
        let cloud = try #require(records.processors.first { $0.id == "cloud" })
        #expect(cloud.controllers == ["clinic", "lab"])
        #expect(cloud.transfers.map(\.subject) == ["ehr-to-desk"])
    }
}
