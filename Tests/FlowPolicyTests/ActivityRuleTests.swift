import Testing
import FlowModel
@testable import FlowPolicy

/// Purpose, legal basis and Art. 9 condition are judged once per processing activity, and per
/// flow only for flows that name none.
@Suite struct ActivityRuleTests {
    /// A processor's internal hop (both ends run by it) carries the controller's recordings.
    static func model(activity: String?, flowFields: String = "") -> String {
        let named = activity.map { ", activity: \($0)" } ?? ""
        return """
            organizations:
              medhelp: {name: Medhelp AB, country: SE, role: controller, dpo: dpo@medhelp.example}
              vi: {name: Voice Integrate AB, country: SE, role: processor, dpo: dpo@vi.example}
            data:
              calls: {controller: medhelp, categories: [special.health, personal.voice, personal.contact], records: 100}
            activities:
              advice: {controller: medhelp, purpose: out-of-hours advice, legal_basis: public-task, article9: health-care, data: [calls]}
              triage: {controller: medhelp, purpose: triage, data: [calls]}
            systems:
              call-platform: {operator: vi}
            stores:
              call-archive: {operator: vi, encryption_at_rest: customer-managed, access: internal, retention: P1Y, access_logging: reviewed}
            agreements:
              - {type: dpa, controller: medhelp, processor: vi}
            flows:
              - {from: medhelp, to: call-platform, data: [calls], purpose: advice, legal_basis: public-task, article9: health-care, encrypted_in_transit: true}
              - {from: call-platform, to: call-archive, encrypted_in_transit: true\(named)\(flowFields)}
            """
    }

    static let judged = ["missing-purpose", "missing-legal-basis", "special-category-without-article9-condition"]

    @Test func anInternalHopNamingAnActivityNeedsNoLegalFieldsOfItsOwn() throws {
        let without = try Builtin.findings(Self.model(activity: nil, flowFields: ", data: [calls]")).filter { Self.judged.contains($0.rule) }
        #expect(Set(without.map(\.rule)) == Set(Self.judged))
        let named = try Builtin.findings(Self.model(activity: "advice")).filter { Self.judged.contains($0.rule) }
        // Only the unused, incomplete `triage` activity is judged; no flow is.
        #expect(named.allSatisfy { $0.subject.id == "triage" }, "\(named.map(\.fingerprint))")
    }

    /// An activity without a legal basis or Art. 9 condition is one finding each, on the
    /// activity, whatever number of flows name it; the Art. 9 message lists only special data.
    @Test func anIncompleteActivityIsOneFindingNotOnePerFlow() throws {
        let text = Self.model(activity: "triage") + "\n  - {from: call-archive, to: call-platform, encrypted_in_transit: true, activity: triage}\n"
        let findings = try Builtin.findings(text).filter { Self.judged.contains($0.rule) }
        #expect(findings.map(\.fingerprint).sorted() == [
            "missing-legal-basis@triage", "special-category-without-article9-condition@triage",
        ])
        let article9 = try #require(findings.first { $0.rule == "special-category-without-article9-condition" })
        #expect(article9.message == "activity triage processes special-category data (special.health) for triage with no Art. 9(2) condition")
        #expect(article9.subject.kind == "activity")
        let basis = try #require(findings.first { $0.rule == "missing-legal-basis" })
        #expect(basis.message.contains("(personal.contact, personal.voice, special.health)"))
    }
}
