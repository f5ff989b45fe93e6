import Testing
@testable import FlowModel

/// Processing activities: one purpose, legal basis and Art. 9 condition for the flows naming them.
@Suite struct ActivityTests {
    static let base = """
        organizations:
          clinic: {name: Clinic AB, country: SE, role: controller}
          host: {name: Host AB, country: SE, role: processor}
        data:
          notes: {controller: clinic, categories: [special.health]}
          invoices: {controller: clinic, categories: [personal.financial]}
        activities:
          care:
            name: Patient care
            controller: clinic
            purpose: treating patients
            legal_basis: public-task
            article9: health-care
            data: [notes]
            uses: [profiling, matching]
            dpia: DPIA-7

        """

    @Test func anActivityIsReadAndItsFlowsCarryItsData() throws {
        let model = try Fixtures.load(Self.base + "flows:\n  - {from: clinic, to: host, activity: care}\n")
        let activity = try #require(model.activities.first)
        #expect(activity.id == "care" && activity.name == "Patient care" && activity.controller == "clinic")
        #expect(activity.legalBasis == .publicTask && activity.article9 == .healthCare && activity.uses == [.profiling, .matching])
        #expect(model.ref("care") == EntityRef(kind: .activity, index: 0))
        // The flow names no data: it carries its activity's; it keeps what it writes (no purpose).
        #expect(model.flows.first?.data == ["notes"] && model.flows.first?.purpose == nil)
        #expect(model.counts.contains { $0.kind == .activity && $0.count == 1 })
    }

    /// A flow that names an activity and also writes its own purpose, basis or condition, or
    /// carries data the activity does not process, is an error naming both places.
    @Test func aFlowCannotOverrideItsActivity() {
        let errors = Fixtures.errors(Self.base + """
            flows:
              - {from: clinic, to: host, activity: care, purpose: billing, legal_basis: contract}
              - {from: clinic, to: host, activity: care, data: [notes, invoices]}

            """)
        #expect(errors == [
            "m.yaml:18:55: error: flow 'clinic->host' names activity 'care' (defined at m.yaml:8:3) and gives its own 'purpose'; its activity's applies to it, so write it there",
            "m.yaml:18:77: error: flow 'clinic->host' names activity 'care' (defined at m.yaml:8:3) and gives its own 'legal_basis'; its activity's applies to it, so write it there",
            "m.yaml:19:52: error: flow 'clinic->host#2' carries data set 'invoices', which its activity 'care' (defined at m.yaml:8:3) does not process (it processes: notes)",
        ])
    }

    @Test func referencesAreChecked() {
        #expect(Fixtures.errors(Self.base + "flows:\n  - {from: clinic, to: host, activity: cares}\n")
            == ["m.yaml:18:40: error: flow 'clinic->host' refers to unknown id 'cares' in 'activity' (expected an activity); did you mean 'care'?"])
        let wrong = Self.base.replacingOccurrences(of: "controller: clinic\n    purpose", with: "controller: clinik\n    purpose")
            .replacingOccurrences(of: "data: [notes]", with: "data: [note]")
        #expect(Fixtures.errors(wrong) == [
            "m.yaml:10:17: error: activity 'care' refers to unknown id 'clinik' in 'controller' (expected an organization); did you mean 'clinic'?",
            "m.yaml:14:12: error: activity 'care' refers to unknown id 'note' in 'data' (expected a data set); did you mean 'notes'?",
        ])
        #expect(Fixtures.errors(Self.base.replacingOccurrences(of: "    purpose: treating patients\n", with: ""))
            == ["m.yaml:8:3: error: activity 'care' is missing required field 'purpose'"])
        // One namespace: an activity cannot take an organization's id.
        #expect(Fixtures.errors(Self.base + "  host: {controller: clinic, purpose: p, data: [notes]}\n").first?
            .contains("id 'host' is defined twice: as activity here and as organization at m.yaml:3:3") == true)
    }
}
