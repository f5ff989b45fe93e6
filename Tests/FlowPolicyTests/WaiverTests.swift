import Testing
import FlowModel
@testable import FlowPolicy

@Suite struct WaiverTests {
    static let stores = """
    organizations: {host: {name: Host AB, country: SE}}
    data: {calls: {controller: host, categories: [personal.voice]}}
    stores:
      nas-1: {operator: host, encryption_at_rest: none, holds: [calls]}
      nas-2: {operator: host, encryption_at_rest: none, holds: [calls]}
      db: {operator: host, encryption_at_rest: none, holds: [calls]}

    """

    @Test func globsInRuleAndSubject() throws {
        let findings = try Builtin.findings(Self.stores + """
        waivers:
          - {rule: "retention-*", subject: "nas-*", reason: schedule pending, approved_by: dpo, expires: 2030-01-01}
          - {rule: unencrypted-at-rest, subject: db, reason: migrating, approved_by: cio, expires: 2030-01-01}
        """)
        let waived = findings.filter(\.isWaived).map(\.fingerprint).sorted()
        #expect(waived == ["retention-undefined@nas-1", "retention-undefined@nas-2", "unencrypted-at-rest@db"])
        #expect(findings.first { $0.fingerprint == "unencrypted-at-rest@db" }?.acceptance?.approvedBy == "cio")
        #expect(!findings.contains { $0.rule == "unused-waiver" })
    }

    @Test func expiredWaiverNoLongerAccepts() throws {
        let findings = try Builtin.findings(Self.stores + """
        waivers:
          - {rule: unencrypted-at-rest, subject: "*", reason: old, approved_by: dpo, expires: 2020-01-01}
        """)
        #expect(findings.filter(\.isWaived).isEmpty)
        #expect(findings.filter { $0.rule == "unencrypted-at-rest" }.count == 3)
        #expect(findings.map(\.fingerprint).contains("expired-waiver@unencrypted-at-rest@*"))
        #expect(!findings.contains { $0.rule == "unused-waiver" })
    }
}
