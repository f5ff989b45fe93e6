import Testing
import FlowYAML
import FlowModel
import FlowGraph
@testable import FlowPolicy

/// The derived facts of rule pack v2, read as rules read them.
@Suite struct ObligationFactTests {
    /// A one-off rule over `kind` matching `condition`.
    static func rule(_ kind: String, _ condition: String) throws -> Rule {
        try #require(try Builtin.compile("""
            id: probe
            title: Probe
            severity: low
            articles: []
            rationale: r
            remediation: r
            message: "{id}"
            examples: {trigger: [{}], clean: [{}]}
            for: \(kind)
            when: \(condition)
            """))
    }

    static func subjects(_ model: String, _ kind: String, _ condition: String, asOf: CivilDate = Builtin.asOf) throws -> [String] {
        try Builtin.findings(model, rules: [rule(kind, condition)], asOf: asOf).map(\.subject.key).sorted()
    }

    static let activities = """
        organizations:
          school: {name: School, country: DK, sector: public}
          vendor: {name: Vendor Ltd, country: IE}
        data:
          pupils: {controller: school, categories: [personal.behaviour], records: 800, vulnerable: true}
          health: {controller: school, categories: [special.health], records: 50}
        stores: {platform: {operator: vendor, holds: [pupils]}}
        agreements: [{type: dpa, controller: school, processor: vendor}]
        activities:
          lessons: {controller: school, purpose: Teaching, data: [pupils], uses: [profiling, evaluation-scoring]}
          nurse: {controller: school, purpose: Care, data: [health, pupils], uses: [matching], dpia: DPIA-1}
          ads: {controller: vendor, purpose: Advertising, data: [pupils]}
        """

    /// A list fact's `.count`; one criterion however many uses meet it.
    @Test func countsCriteria() throws {
        #expect(try Self.subjects(Self.activities, "activity", "{fact: high_risk_criteria.count, at_least: 3}") == ["nurse"])
        #expect(try Self.subjects(Self.activities, "activity", "{fact: high_risk_criteria.count, equals: 2}") == ["lessons"])
        #expect(try Self.subjects(Self.activities, "activity", "{fact: high_risk_criteria, contains: vulnerable-subjects}") == ["ads", "lessons", "nurse"])
        #expect(try Self.subjects(Self.activities, "activity", "{fact: high_risk_criteria, contains: special-data}") == ["nurse"])
        #expect(try Self.subjects(Self.activities, "activity", "{fact: uses.count, equals: 0}") == ["ads"])
    }

    @Test func countFollowsOnlyALists() {
        #expect(throws: DiagnosticList.self) { try Self.rule("activity", "{fact: purpose.count, at_least: 1}") }
    }

    @Test func processorAndDPIAFacts() throws {
        #expect(try Self.subjects(Self.activities, "activity", "{fact: processor_for, present: true}") == ["ads"])
        #expect(try Self.subjects(Self.activities, "activity", "{fact: dpia_covered, equals: true}") == ["nurse"])
        #expect(try Self.subjects(Self.activities, "organization", "{fact: controlled_activities.count, equals: 1}") == ["vendor"])
        // The vendor holds the pupils' data: it processes it, and every activity on it.
        #expect(try Self.subjects(Self.activities, "organization", "{fact: activities.count, equals: 3}") == ["school", "vendor"])
    }

    static let transfer = """
        organizations:
          shop: {name: Shop AB, country: SE}
          support: {name: Support Pvt Ltd, country: IN}
        data: {customers: {controller: shop, categories: [personal.contact]}}
        flows: [{from: shop, to: support, data: [customers]}]
        agreements:
          - {type: scc, exporter: shop, importer: support, tia: TIA-1, measures: [pseudonymisation, training]}
          - {id: group, type: bcr, parties: [shop, support]}
        """

    /// An exporter's own assessment makes a country problematic from its date on.
    @Test func governmentAccessComesFromTheModelOnTheAsOfDate() throws {
        let model = Self.transfer + "\n" + """
            jurisdictions:
              IN: {government_access: {assessment: problematic, since: 2025-01-01, source: "TIA-1 of Shop AB"}}
            """
        let condition = "{fact: government_access, equals: problematic}"
        #expect(try Self.subjects(model, "transfer", condition) == ["shop->support"])
        #expect(try Self.subjects(model, "transfer", condition, asOf: CivilDate("2024-12-31") ?? .epoch).isEmpty)
        #expect(try Self.subjects(Self.transfer, "transfer", condition).isEmpty)
        #expect(try Self.subjects(model, "transfer", "{fact: government_access_source, matches: '^IN: TIA-1'}") == ["shop->support"])
    }

    @Test func whatCoversATransfer() throws {
        #expect(try Self.subjects(Self.transfer, "transfer", "{fact: effective_measures, contains: pseudonymisation}") == ["shop->support"])
        #expect(try Self.subjects(Self.transfer, "transfer", "{fact: effective_measures.count, equals: 1}") == ["shop->support"])
        #expect(try Self.subjects(Self.transfer, "transfer", "{fact: tia, equals: TIA-1}") == ["shop->support"])
        // SCCs come first; the BCR is not what covers it.
        #expect(try Self.subjects(Self.transfer, "transfer", "{fact: agreements.count, equals: 1}") == ["shop->support"])
    }

    @Test func missingClausesAreNamedInOrder() throws {
        let model = """
            organizations:
              a: {name: A, country: SE}
              b: {name: B, country: SE}
            agreements:
              - {id: some, type: dpa, controller: a, processor: b, clauses: [audits, instructions]}
              - {id: unrecorded, type: dpa, controller: a, processor: b}
            """
        let findings = try Builtin.findings(model, rules: Builtin.rules.filter { $0.id == "dpa-missing-article28-clauses" })
        #expect(findings.map(\.message) == [
            "the DPA some lacks Art. 28(3) clauses: confidentiality, security, subprocessors, assistance-rights, assistance-security, deletion-return",
        ])
    }

    /// A sub-processor's finding shows the data passing through the processor that handed it on.
    @Test func subprocessorPathRunsThroughTheProcessor() throws {
        let model = """
            organizations:
              clinic: {name: Clinic AB, country: SE}
              cloud: {name: Cloud AB, country: SE}
              support: {name: Support AB, country: SE}
            data: {records: {controller: clinic, categories: [special.health]}}
            systems: {ehr: {operator: cloud}}
            flows:
              - {from: clinic, to: ehr, data: [records]}
              - {from: ehr, to: support, data: [records]}
            agreements: [{type: dpa, controller: clinic, processor: cloud}]
            """
        let findings = try Builtin.findings(model).filter { $0.rule == "subprocessor-without-contract" }
        #expect(findings.map(\.path) == [["clinic", "ehr", "cloud", "support"]])
        #expect(try Builtin.findings(model).filter { $0.rule == "processor-without-dpa" }.isEmpty)
    }

    @Test func breachNoticeInWords() throws {
        let model = """
            organizations: {shop: {name: Shop AB, country: SE}}
            data: {customers: {controller: shop, categories: [personal.contact], records: 1200}}
            stores: {crm: {operator: shop, holds: [customers]}}
            incidents:
              - {id: timed, affected: [crm], discovered: "2024-03-01T09:00+01:00", risk: risk, notified_authority: "2024-03-05T09:30+01:00"}
              - {id: dated, affected: [shop], discovered: 2024-03-01, risk: high, notified_authority: 2024-03-08}
              - {id: never, affected: [crm], discovered: 2024-03-01, risk: high}
            """
        let findings = try Builtin.findings(model, rules: Builtin.rules.filter { $0.id == "breach-notified-late" })
        #expect(findings.map(\.message).sorted() == [
            "incident dated (personal.contact, risk: high) was not notified to the supervisory authority within 72 hours: notified 7 days after discovery (2024-03-01 to 2024-03-08)",
            "incident never (personal.contact, risk: high) was not notified to the supervisory authority within 72 hours: the supervisory authority was never notified",
            "incident timed (personal.contact, risk: risk) was not notified to the supervisory authority within 72 hours: notified 96.5 hours after discovery (2024-03-01T09:00+01:00 to 2024-03-05T09:30+01:00)",
        ])
        #expect(try Self.subjects(model, "incident", "{fact: records, equals: 1200}") == ["dated", "never", "timed"])
    }
}
