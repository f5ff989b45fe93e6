import Foundation
import Testing
import FlowModel
import FlowGraph
@testable import FlowPolicy
@testable import FlowReport

/// The questions for a vendor start from what the model already says.
@Suite struct VendorQuestionTests {
    static func questions(withSCC: Bool) throws -> [String] {
        let scc = withSCC ? "agreements:\n  - {id: scc-clinic-helpdesk, type: scc, exporter: clinic, importer: helpdesk}\n" : ""
        let graph = try Builtin.graph("""
            organizations:
              clinic: {name: Clinic AB, country: SE, role: controller}
              helpdesk: {name: Helpdesk Pvt Ltd, country: IN, role: processor}
            data: {tickets: {controller: clinic, categories: [personal.contact]}}
            flows: [{from: clinic, to: helpdesk, data: [tickets]}]
            """ + "\n" + scc)
        let findings = Evaluator.evaluate(rules: Builtin.rules, graph: graph)
        return try #require(VendorProfile(organization: "helpdesk", graph: graph, findings: findings)).questions
    }

    @Test func anImporterUnderSCCsIsAskedForItsTransferImpactAssessment() throws {
        let without = try Self.questions(withSCC: false)
        #expect(without.contains { $0.hasPrefix("You are established in India, which has no adequacy decision covering you: will you sign SCCs") })
        let with = try Self.questions(withSCC: true)
        #expect(!with.contains { $0.contains("will you sign SCCs") })
        #expect(with.contains("Under scc-clinic-helpdesk: what does your transfer impact assessment (Clause 14) conclude about public authorities' access to data in India, and which supplementary measures do you apply?"))
    }
}

/// The buyer's checklist, marked by what the model answers, and the vendor's part of `check`.
@Suite struct VendorChecklistTests {
    static func profile(_ id: String, example: String) throws -> VendorProfile {
        let (graph, findings) = try Self.audit(example)
        return try #require(VendorProfile(organization: id, graph: graph, findings: findings))
    }

    static func audit(_ example: String) throws -> (FlowGraph, [Finding]) {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/\(example)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let model = try ModelLoader(catalogue: Builtin.catalogue).load(paths: files.map { directory.appendingPathComponent($0).path })
        let graph = try FlowGraph(model: model, asOf: Builtin.asOf)
        return (graph, Evaluator.evaluate(rules: Builtin.rules, graph: graph))
    }

    static func status(_ profile: VendorProfile, _ topic: VendorChecklist.Topic) -> VendorChecklist.Status? {
        profile.checklist.items.first { $0.topic == topic }?.status
    }

    @Test func everyTopicIsMarked() throws {
        let profile = try Self.profile("voice-integrate", example: "1177")
        #expect(profile.checklist.items.map(\.topic) == VendorChecklist.Topic.allCases)
        #expect(Self.status(profile, .contract) == .unanswered)
        #expect(Self.status(profile, .security) == .gap)
        #expect(Self.status(profile, .subprocessors) == .gap)
        #expect(Self.status(profile, .transfer) == .notApplicable)
        let clinic = try Self.profile("nordhost", example: "compliant-clinic")
        #expect(clinic.checklist.items.allSatisfy { $0.status == .answered || $0.status == .notApplicable })
        let skycloud = try Self.profile("skycloud", example: "telehealth-app")
        #expect(Self.status(skycloud, .transfer) == .unanswered)
        #expect(skycloud.questions.contains { $0.hasPrefix("Under scc-docnow-skycloud: what does your transfer impact assessment") })
    }

    /// Voice Integrate exports to MediCall: the transfer is its finding, and MediCall its
    /// sub-processor in fact, though no DPA says so.
    @Test func aVendorsFindingsAndSubProcessorsFollowTheData() throws {
        let profile = try Self.profile("voice-integrate", example: "1177")
        #expect(profile.findings.contains { $0.fingerprint == "third-country-transfer-without-safeguard@biz->medicall" })
        #expect(profile.subprocessors.map(\.id) == ["medicall"])
        #expect(profile.subprocessors.first?.authorisation == "no DPA with it")
        #expect(profile.questions.contains { $0.contains("Which contracts bind the organizations you pass personal data to (no DPA with MediCall Co. Ltd") })
        // `vendor medicall` holds every finding `check` clears by changes made with MediCall.
        let (graph, findings) = try Self.audit("1177")
        let medicall = try #require(VendorProfile(organization: "medicall", graph: graph, findings: findings))
        let cleared = findings.filter { $0.fix.target.key == "organization:medicall" }.map(\.fingerprint)
        #expect(!cleared.isEmpty && Set(cleared).isSubset(of: Set(medicall.findings.map(\.fingerprint))))
        #expect(medicall.questions.contains { $0.hasPrefix("How do your staff sign in when they reach Medhelp patient-record system remotely") })
    }
}
