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
