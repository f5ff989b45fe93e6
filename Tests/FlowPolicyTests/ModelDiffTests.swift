import Testing
import FlowModel
import FlowPolicy
import FlowSynth
@testable import FlowReport

/// `flowaudit diff` on pairs of models: each change a reviewer must see, and nothing for none.
@Suite struct ModelDiffTests {
    static let base = """
        organizations:
          clinic: {name: Clinic AB, country: SE, role: controller, dpo: dpo@clinic.example}
          host: {name: Host AB, country: SE, role: processor, dpo: dpo@host.example}
        data:
          notes: {controller: clinic, categories: [special.health], records: 10}
        systems:
          portal: {name: Portal, operator: host}
        stores:
          archive: {operator: host, location: SE, encryption_at_rest: customer-managed, access: internal, retention: P1Y, holds: [notes], access_logging: reviewed}
        agreements:
          - {id: dpa-host, type: dpa, controller: clinic, processor: host, subprocessors: general}
        flows:
          - {from: clinic, to: portal, data: [notes], purpose: care, legal_basis: public-task, article9: health-care, encrypted_in_transit: true}

        """

    static func diff(_ old: String, _ new: String, since: CivilDate? = nil) throws -> ModelDiff {
        let audits = try [old, new].map { try Audit(model: try Builtin.model($0), rules: Builtin.rules, asOf: Builtin.asOf) }
        return ModelDiff(old: audits[0], new: audits[1], expiredSince: since)
    }

    @Test func anUnchangedModelGivesAnEmptyDiff() throws {
        let diff = try Self.diff(Self.base, Self.base)
        #expect(diff.isEmpty)
        #expect(ModelDiffRenderer.text(diff, heading: .init(old: "a", new: "b", asOf: "2026-11-25")).hasSuffix("no change to the data's journey and no new or resolved finding\n"))
    }

    /// A processor's new sub-processor is the Art. 28(2) notice: who, where, which data, under
    /// which agreement; with no DPA, the new findings name it as their cause.
    @Test func addingASubprocessor() throws {
        let added = Self.base.replacingOccurrences(of: "organizations:\n", with: "organizations:\n  backup: {name: Backup Oy, country: FI, role: processor, dpo: dpo@backup.example}\n")
            + "  - {from: portal, to: backup, data: [notes], purpose: care, legal_basis: public-task, article9: health-care, encrypted_in_transit: true}\n"
        let diff = try Self.diff(Self.base, added)
        let notice = try #require(diff.subprocessors.first)
        #expect(diff.subprocessors.count == 1 && notice.change == .added)
        #expect(notice.processor.id == "host" && notice.subprocessor.id == "backup" && notice.subprocessor.country == "FI")
        #expect(notice.controllers.map(\.id) == ["clinic"] && notice.data == ["notes"] && notice.categories == ["special.health"])
        #expect(notice.agreement == nil)
        #expect(diff.recipients.map(\.organization.id) == ["backup"])
        #expect(diff.reach.contains { $0.place == .country && $0.id == "FI" && $0.special })
        #expect(diff.transfers.isEmpty) // Finland is in the EEA
        let new = diff.findings.filter { $0.change == .added }
        #expect(!new.isEmpty)
        #expect(new.allSatisfy { $0.cause == "new sub-processor Backup Oy of Host AB" }, "\(new.map(\.cause))")

        let contracted = added.replacingOccurrences(of: "agreements:\n", with: "agreements:\n  - {id: dpa-backup, type: dpa, controller: host, processor: backup}\n")
        let covered = try Self.diff(Self.base, contracted)
        #expect(covered.subprocessors.first?.agreement == "dpa-backup")
        #expect(covered.agreements.map(\.id) == ["dpa-backup"] && covered.agreements.first?.change == .added)
    }

    /// A store moved to a third country: its location changes, storage there is a new transfer,
    /// and the country is newly reached by special-category data.
    @Test func movingAStoreToAThirdCountry() throws {
        let moved = Self.base.replacingOccurrences(of: "location: SE", with: "location: IN")
        let diff = try Self.diff(Self.base, moved)
        #expect(diff.stores.map { "\($0.store) \($0.field) \($0.before ?? "-") \($0.after ?? "-")" } == ["archive location SE IN"])
        let transfer = try #require(diff.transfers.first)
        #expect(transfer.change == .added && transfer.via == "storage" && transfer.countries == ["IN"] && transfer.safeguard == nil)
        #expect(diff.reach.first?.id == "IN" && diff.reach.first?.special == true)
        let critical = diff.findings.filter { $0.change == .added && $0.finding.severity == .critical }
        #expect(!critical.isEmpty)
        #expect(critical.allSatisfy { $0.cause == "new transfer archive to IN" })
        // Back again: the same changes the other way, findings resolved.
        let back = try Self.diff(moved, Self.base)
        #expect(back.transfers.first?.change == .removed)
        #expect(back.findings.contains { $0.change == .removed && $0.finding.severity == .critical })
        #expect(back.reach.isEmpty)
    }

    /// Removing the SCC that covered a transfer: the transfer stays, its safeguard goes.
    @Test func removingAnSCC() throws {
        let scc = "  - {id: scc-host, type: scc, exporter: clinic, importer: host}\n"
        let offshore = Self.base.replacingOccurrences(of: "location: SE", with: "location: IN")
            .replacingOccurrences(of: "agreements:\n", with: "agreements:\n" + scc)
        let diff = try Self.diff(offshore, offshore.replacingOccurrences(of: scc, with: ""))
        let transfer = try #require(diff.transfers.first)
        #expect(diff.transfers.count == 1 && transfer.change == .changed)
        #expect(transfer.previousSafeguard == "scc" && transfer.safeguard == nil)
        #expect(diff.agreements.map { "\($0.change) \($0.id)" } == ["removed scc-host"])
        let new = diff.findings.filter { $0.change == .added }
        #expect(new.contains { $0.finding.rule == "third-country-transfer-without-safeguard" && $0.cause == "transfer archive now under no safeguard (was scc)" })
    }

    /// Ids are what a diff compares: a renamed organization is one removed and one added.
    @Test func renamingAnIdIsARemovalAndAnAddition() throws {
        let renamed = Self.base.replacingOccurrences(of: "host", with: "hosting")
        let diff = try Self.diff(Self.base, renamed)
        #expect(diff.recipients.map { "\($0.change) \($0.organization.id)" } == ["added hosting", "removed host"])
        #expect(diff.agreements.map { "\($0.change) \($0.id)" } == ["added dpa-hosting", "removed dpa-host"])
        #expect(!diff.isEmpty)
    }

    /// An agreement that expired between the old revision's commit and the day judged.
    @Test func agreementsExpiredSinceTheOldRevision() throws {
        let expiring = Self.base.replacingOccurrences(of: "subprocessors: general}", with: "subprocessors: general, expires: 2026-01-31}")
        let diff = try Self.diff(expiring, expiring, since: CivilDate("2025-12-01"))
        #expect(diff.agreements.map { "\($0.change) \($0.id) \($0.expires ?? "")" } == ["expired dpa-host 2026-01-31"])
        #expect(try Self.diff(expiring, expiring, since: CivilDate("2026-02-01")).agreements.isEmpty)
    }

    @Test func newFindingsGateBySeverity() throws {
        let moved = Self.base.replacingOccurrences(of: "location: SE", with: "location: IN")
        let diff = try Self.diff(Self.base, moved)
        #expect(!diff.newFindings(atLeast: .critical).isEmpty)
        let json = ModelDiffRenderer.json(diff, heading: .init(old: "a", new: "b", asOf: "2026-11-25"))
        #expect(json.contains("\"previousSafeguard\": null") && json.contains("\"cause\": \"new transfer archive to IN\""))
    }

    /// A national change still fits a pull-request comment: the details stop short of GitHub's
    /// limit and say how many were left out.
    @Test func markdownStaysWithinAComment() throws {
        let empty = "organizations:\n  nobody: {name: Nobody, country: SE}\n"
        let diff = try Self.diff(empty, FlowSynth.ModelGenerator(organizations: 300).files(1)[0])
        let heading = ModelDiffRenderer.Heading(old: "a", new: "b", asOf: "2026-11-25")
        let full = ModelDiffRenderer.markdown(diff, heading: heading, limit: .max)
        #expect(full.utf8.count > ModelDiffRenderer.markdownLimit)
        let comment = ModelDiffRenderer.markdown(diff, heading: heading)
        #expect(comment.utf8.count < ModelDiffRenderer.markdownLimit)
        #expect(comment.contains("| new findings"))
        #expect(comment.range(of: "more changes are left out to keep this comment within GitHub's size limit", options: []) != nil)
    }
}
