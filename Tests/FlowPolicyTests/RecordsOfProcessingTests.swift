import Testing
import FlowGraph
@testable import FlowReport

@Suite struct RecordsOfProcessingTests {
    static let model = """
        organizations:
          clinic: {name: Clinic AB, country: SE, role: controller, dpo: dpo@clinic.example}
          lab: {name: Lab AB, country: SE, role: controller}
          cloud: {name: Cloud AB, country: SE, role: processor}
          offshore: {name: Offshore Ltd, country: TH, role: processor}
        data:
          records: {controller: clinic, categories: [special.health], subjects: [patients]}
          invoices: {controller: clinic, categories: [personal.financial]}
          samples: {controller: lab, categories: [special.genetic]}
          stats: {controller: lab, categories: [non-personal]}
        activities:
          care: {name: Care, controller: clinic, purpose: care, legal_basis: public-task, article9: health-care, data: [records]}
        systems:
          ehr: {operator: cloud}
          desk: {operator: offshore, location: TH}
        stores:
          archive: {operator: cloud, retention: P10Y, encryption_at_rest: customer-managed, access: internal, holds: [records]}
        flows:
          - {id: clinic-to-ehr, from: clinic, to: ehr, activity: care}
          - {id: ehr-to-archive, from: ehr, to: archive, activity: care}
          - {id: billing, from: clinic, to: ehr, data: [invoices], purpose: billing, legal_basis: contract}
          - {id: lab-to-ehr, from: lab, to: ehr, data: [samples, stats], purpose: analysis}
          - {id: ehr-to-desk, from: ehr, to: desk, data: [records, samples], purpose: support}
        agreements:
          - {type: dpa, controller: clinic, processor: cloud}
          - {type: dpa, controller: lab, processor: cloud}
        """

    /// A record per activity; the controller's data no activity processes in a record of its own;
    /// each processor's record per controller it serves.
    @Test func recordsPerActivityAndPerProcessor() throws {
        let records = RecordsOfProcessing(graph: try Builtin.graph(Self.model))
        #expect(records.activities.map { "\($0.controller.id) \($0.activity ?? "-")" } == ["clinic care", "clinic -", "lab -"])
        let care = records.activities[0]
        #expect(care.purposes == ["care"] && care.legalBases == ["public-task"] && care.article9 == ["health-care"])
        #expect(care.subjects == ["patients"] && care.categories == ["special.health"] && care.controller.dpo == "dpo@clinic.example")
        #expect(care.retention == ["archive: P10Y"])
        #expect(care.recipients == ["Cloud AB (cloud, processor)"])
        // The support flow to Thailand names no activity: it is in the undeclared record, not in care's.
        #expect(care.transfers.isEmpty)
        let rest = records.activities[1]
        #expect(rest.name == RecordsOfProcessing.undeclared && rest.data == ["records", "invoices"])
        #expect(rest.purposes == ["billing", "support"] && rest.legalBases == ["contract"])
        #expect(rest.transfers.map(\.subject) == ["ehr-to-desk"])
        #expect(records.processors.map { "\($0.processor.id) for \($0.controller.id)" } == ["cloud for clinic", "cloud for lab", "offshore for clinic", "offshore for lab"])
        #expect(records.processors[0].processing == ["Care (care)", "invoices (activity not declared)"])
        #expect(records.processors[0].transfers.map(\.subject) == ["ehr-to-desk"])
        let markdown = RecordsRenderer.markdown(records)
        #expect(markdown.contains("| Care (`care`) | care | public-task | health-care | patients | special.health |"))
        let csv = RecordsRenderer.csv(records)
        #expect(csv.hasPrefix("record,controller (a),controller's DPO (a),activity,purposes (b),legal basis (Art. 6(1))"))
    }
}
