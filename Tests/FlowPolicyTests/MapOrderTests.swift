import Testing
import FlowModel
@testable import FlowPolicy

/// The same model written with its maps in another order gives the same findings, word for word.
@Suite struct MapOrderTests {
    static func model(processors: [String]) -> String {
        """
        organizations:
          clinic: {name: Clinic, country: SE, role: controller}
        \(processors.map { "  \($0): {name: \($0.uppercased()), country: SE, role: processor}" }.joined(separator: "\n"))
          archive: {name: Archive, country: SE, role: processor}
        data:
          notes: {controller: clinic, categories: [special.health], records: 10}
        agreements:
          - {type: dpa, controller: clinic, processor: p1}
          - {type: dpa, controller: clinic, processor: p2}
        flows:
          - {from: clinic, to: p1, data: [notes], purpose: care, legal_basis: public-task, article9: health-care, encrypted_in_transit: true}
          - {from: clinic, to: p2, data: [notes], purpose: care, legal_basis: public-task, article9: health-care, encrypted_in_transit: true}
          - {from: p1, to: archive, data: [notes], purpose: care, legal_basis: public-task, article9: health-care, encrypted_in_transit: true}
          - {from: p2, to: archive, data: [notes], purpose: care, legal_basis: public-task, article9: health-care, encrypted_in_transit: true}
        """
    }

    @Test func processorsInEitherOrderGiveTheSameMessages() throws {
        let messages = try [["p1", "p2"], ["p2", "p1"]].map { order in
            try Builtin.findings(Self.model(processors: order)).filter { $0.rule == "subprocessor-without-contract" }.map(\.message)
        }
        #expect(!messages[0].isEmpty)
        #expect(messages[0] == messages[1])
        #expect(messages[0].allSatisfy { $0.contains("from processor P1") })
    }
}
