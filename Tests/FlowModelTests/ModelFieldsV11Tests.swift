import Testing
@testable import FlowModel

/// The fields of model v1.1 read as their tables say, and their mistakes are reported where written.
@Suite struct ModelFieldsV11Tests {
    static let parties = """
        organizations:
          clinic: {name: Clinic AB, country: SE}
          host: {name: Host AB, country: SE}
          cloud: {name: Cloud Inc, country: US, representative: "Rep Ltd, Dublin"}

        """

    /// Absent clauses are not recorded; `[]` records a contract without any; null is absent.
    @Test func clausesAbsentEmptyAndNullDiffer() throws {
        let model = try Fixtures.load(Self.parties + """
            agreements:
              - {id: a, type: dpa, controller: clinic, processor: host}
              - {id: b, type: dpa, controller: clinic, processor: host, clauses: []}
              - {id: c, type: dpa, controller: clinic, processor: host, clauses: null}
              - id: d
                type: dpa
                controller: clinic
                processor: host
                clauses:
                  - instructions
                  - audits
            """)
        #expect(model.agreements.map(\.clauses) == [nil, [], nil, [.instructions, .audits]])
        #expect(model.organizations[2].representative == "Rep Ltd, Dublin")
    }

    @Test func aMisspeltClauseIsNamedWithTheNearestWord() {
        let errors = Fixtures.errors(Self.parties + """
            agreements:
              - {type: dpa, controller: clinic, processor: host, clauses: [instructions, audit]}
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("m.yaml:6:78: error: invalid value 'audit' for 'clauses'; did you mean 'audits'?") == true, "\(errors)")
    }

    @Test func tiaAndClausesBelongToTheirAgreementTypes() {
        let errors = Fixtures.errors(Self.parties + """
            agreements:
              - {type: dpa, controller: clinic, processor: host, tia: TIA-1}
              - {type: scc, exporter: clinic, importer: cloud, clauses: [audits]}
            """)
        #expect(errors == [
            "m.yaml:6:59: error: field 'tia' does not apply to an agreement of type 'dpa'",
            "m.yaml:7:61: error: field 'clauses' does not apply to an agreement of type 'scc'",
        ])
    }

    @Test func anIncidentReadsDatesAndTimes() throws {
        let model = try Fixtures.load(Self.parties + """
            data: {journal: {controller: clinic, categories: [special.health], vulnerable: true}}
            stores: {db: {operator: host, holds: [journal], authentication: password, deletion: unsupported}}
            incidents:
              - id: leak
                affected: [db, host]
                discovered: 2024-03-01T09:00:00+01:00
                risk: high
                notified_authority: 2024-03-04
            """)
        let incident = try #require(model.incidents.first)
        #expect(incident.affected == ["db", "host"] && incident.risk == .high)
        #expect(incident.discovered?.minutes != nil && incident.notifiedAuthority?.minutes == nil && incident.notifiedSubjects == nil)
        #expect(model.stores[0].authentication == .password && model.stores[0].deletion == .unsupported)
        #expect(model.data[0].vulnerable == true)
    }

    @Test func anIncidentsMistakesAreReportedWhereWritten() {
        let errors = Fixtures.errors(Self.parties + """
            stores: {db: {operator: host}}
            incidents:
              - {id: leak, affected: [dbb], discovered: 2024-03-01T25:00, risk: severe}
              - {id: leak, affected: [clinic]}
            """)
        #expect(errors == [
            "m.yaml:8:10: error: incident id 'leak' is defined twice; first at m.yaml:7:10",
            "m.yaml:8:5: error: incident is missing required field 'discovered'",
            "m.yaml:7:45: error: invalid date '2024-03-01T25:00' for 'discovered'; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM with an optional Z or offset",
            "m.yaml:7:69: error: invalid value 'severe' for 'risk' (allowed: none, risk, high)",
            "m.yaml:7:27: error: incident 'leak' refers to unknown id 'dbb' in 'affected' (expected a store, a system or an organization); did you mean 'db'?",
        ].sorted(by: Self.byPlace), "\(errors)")
    }

    @Test func anIncidentIdIsWrittenOnce() {
        let errors = Fixtures.errors(Self.parties + """
            incidents:
              - {id: leak, affected: [clinic], discovered: 2024-03-01}
              - {id: leak, affected: [host], discovered: 2024-03-02}
            """)
        #expect(errors == ["m.yaml:7:10: error: incident id 'leak' is defined twice; first at m.yaml:6:10"], "\(errors)")
    }

    /// A model's government access replaces the catalogue's as a whole; null removes it.
    @Test func governmentAccessIsReplacedOrRemoved() throws {
        let catalogue = try #require(Fixtures.catalogue.jurisdictions["US"]?.governmentAccess)
        #expect(catalogue.assessment == .problematic && catalogue.holds(on: CivilDate("2022-01-01") ?? .epoch))
        #expect(!catalogue.holds(on: CivilDate("2023-07-10") ?? .epoch) && catalogue.holds(on: CivilDate("2023-07-09") ?? .epoch))
        let replaced = try Fixtures.load(Self.parties + """
            jurisdictions:
              US: {government_access: {assessment: essentially-equivalent, source: "TIA-2024-03 of Clinic AB"}}
              IN: {government_access: {assessment: problematic, since: 2024-01-01, source: "TIA-2024-04 of Clinic AB"}}
              TH: {government_access: null}
            """)
        #expect(replaced.jurisdictions["US"]?.governmentAccess == GovernmentAccess(
            assessment: .essentiallyEquivalent, since: nil, until: nil, source: "TIA-2024-03 of Clinic AB"))
        #expect(replaced.jurisdictions["IN"]?.governmentAccess?.since == CivilDate("2024-01-01"))
        #expect(replaced.jurisdictions["TH"]?.governmentAccess == nil)
        #expect(replaced.jurisdictions["US"]?.adequacy != nil, "other fields stay the catalogue's")
        let errors = Fixtures.errors(Self.parties + """
            jurisdictions:
              US: {government_access: {assessment: problematik}}
            """)
        #expect(errors.contains { $0.contains("invalid value 'problematik' for 'assessment'; did you mean 'problematic'?") }, "\(errors)")
        #expect(errors.contains { $0.contains("missing required field 'source'") }, "\(errors)")
    }

    private static func byPlace(_ a: String, _ b: String) -> Bool {
        func place(_ text: String) -> [Int] { text.split(separator: ":").dropFirst().prefix(2).compactMap { Int($0) } }
        return place(a).lexicographicallyPrecedes(place(b))
    }
}
