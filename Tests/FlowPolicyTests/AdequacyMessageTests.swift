import Testing
import FlowModel
@testable import FlowPolicy

/// A transfer to a country with an adequacy decision that does not cover the importer names the
/// decision and its scope, rather than saying there is none.
@Suite struct AdequacyMessageTests {
    static func model(certifications: String) -> String {
        """
        organizations:
          clinic: {name: Clinic AB, country: SE}
          cloud: {name: Cloud Inc, country: US, certifications: [\(certifications)]}
        data: {notes: {controller: clinic, categories: [personal.contact]}}
        flows: [{from: clinic, to: cloud, data: [notes]}]
        """
    }

    @Test func aUSImporterWithoutDPFIsOutsideTheDecision() throws {
        let findings = try Builtin.findings(Self.model(certifications: "")).filter { $0.rule == "third-country-transfer-without-safeguard" }
        #expect(findings.map(\.message) == [
            "personal data (personal.contact) goes from Clinic AB to Cloud Inc in US (flow) with an adequacy decision for US (Commission Implementing Decision (EU) 2023/1795), which covers only organisations certified under the EU-US Data Privacy Framework, not Cloud Inc, and no SCCs, BCRs or derogation",
        ])
        #expect(try Builtin.findings(Self.model(certifications: "dpf")).filter { $0.rule == "third-country-transfer-without-safeguard" }.isEmpty)
        // Before the decision was taken, there was none.
        let before = try Builtin.findings(Self.model(certifications: ""), asOf: CivilDate("2023-01-01") ?? .epoch)
            .filter { $0.rule == "third-country-transfer-without-safeguard" }
        #expect(before.first?.message.contains("with no adequacy decision, and no SCCs") == true)
    }
}
