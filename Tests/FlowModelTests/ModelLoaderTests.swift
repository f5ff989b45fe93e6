import Testing
import FlowYAML
@testable import FlowModel

enum Fixtures {
    static let catalogue: Catalogue = {
        guard let directory = PolicyLocator.builtinDirectory(),
              let catalogue = try? CatalogueLoader.load(policiesDirectory: directory) else {
            Issue.record("built-in catalogue not found")
            return Catalogue(jurisdictions: JurisdictionCatalogue(entries: [:]), categories: CategoryCatalogue(descriptions: [:]))
        }
        return catalogue
    }()

    static func load(_ text: String) throws(DiagnosticList) -> Model {
        try ModelLoader(catalogue: catalogue).load(text: text, file: "m.yaml")
    }

    /// The printed diagnostics of a model that must fail.
    static func errors(_ text: String) -> [String] {
        do {
            _ = try load(text)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    static let base = """
    organizations:
      medhelp: {name: Medhelp AB, country: SE, role: controller}
      voice: {name: Voice Integrate Nordic AB, country: SE, role: processor}
    data:
      calls: {controller: medhelp, categories: [special.health, personal.voice]}
    """
}

@Suite struct ModelLoadingTests {
    @Test func loadsAndTypesAWholeModel() throws {
        let model = try Fixtures.load(Fixtures.base + """

        systems:
          biz: {operator: voice, accessed_by: [medhelp]}
        stores:
          nas: {operator: voice, encryption_at_rest: none, access: public, retention: P6Y, holds: [calls]}
        flows:
          - {from: medhelp, to: biz, data: [calls], encrypted_in_transit: false, legal_basis: public-task}
        agreements:
          - {type: dpa, controller: medhelp, processor: voice, subprocessors: specific, approved: [medhelp], expires: 2027-03-01}
        """)
        #expect(model.organizations.map(\.id) == ["medhelp", "voice"])
        #expect(model.stores[0].encryptionAtRest == EncryptionAtRest.none)
        #expect(model.stores[0].access == .public)
        #expect(model.stores[0].retention == .duration(try #require(ISODuration("P6Y"))))
        #expect(model.flows[0].id == "medhelp->biz")
        #expect(model.flows[0].encryptedInTransit == false)
        #expect(model.agreements[0].id == "dpa:medhelp->voice")
        #expect(model.agreements[0].expires == CivilDate("2027-03-01"))
        #expect(model.stores[0].origin.span.start == SourcePosition(line: 9, column: 3))
    }

    @Test func countryNOIsNorway() throws {
        let model = try Fixtures.load("organizations:\n  o: {name: O, country: NO}\n")
        #expect(model.organizations[0].country == "NO")
        #expect(model.jurisdictions["NO"]?.name == "Norway")
    }

    @Test func emptyModelIsValid() throws {
        let model = try Fixtures.load("")
        #expect(model.organizations.isEmpty)
    }

    @Test func absentSecurityFieldsStayUndeclared() throws {
        let model = try Fixtures.load(Fixtures.base + "\nstores:\n  nas: {operator: voice}\n")
        #expect(model.stores[0].encryptionAtRest == nil)
        #expect(model.stores[0].access == nil)
        #expect(model.stores[0].retention == nil)
    }

    @Test func generatedFlowIdsAreMadeUnique() throws {
        let model = try Fixtures.load(Fixtures.base + """

        flows:
          - {from: medhelp, to: voice, data: [calls]}
          - {from: medhelp, to: voice, data: [calls]}
        """)
        #expect(model.flows.map(\.id) == ["medhelp->voice", "medhelp->voice#2"])
    }

    /// An explicit flow or agreement id written twice names both places.
    @Test func explicitIdsWrittenTwiceNameBothPlaces() {
        let text = Fixtures.base + """

        flows:
          - {id: f1, from: medhelp, to: voice, data: [calls]}
          - {id: f1, from: voice, to: medhelp, data: [calls]}
        agreements:
          - {id: a1, type: dpa, controller: medhelp, processor: voice}
          - {id: a1, type: dpa, controller: medhelp, processor: voice}
        """
        var messages: [String] = []
        do {
            _ = try Fixtures.load(text)
        } catch {
            messages = error.diagnostics.map(\.description)
        }
        #expect(messages == [
            "m.yaml:8:10: error: flow id 'f1' is defined twice; first at m.yaml:7:10",
            "m.yaml:11:10: error: agreement id 'a1' is defined twice; first at m.yaml:10:10",
        ])
    }

    @Test func jurisdictionsSectionOverridesAndExtends() throws {
        let model = try Fixtures.load("""
        jurisdictions:
          TH: {adequacy: {decision: test, since: 2020-01-01}}
          XK: {name: Kosovo}
        organizations:
          o: {name: O, country: XK}
        """)
        #expect(model.jurisdictions["TH"]?.adequacy?.decision == "test")
        #expect(model.jurisdictions["XK"]?.name == "Kosovo")
    }
}

@Suite struct ModelErrorTests {
    @Test func misspelledField() {
        #expect(Fixtures.errors("organizations:\n  o: {name: O, contry: SE, country: SE}\n") == [
            "m.yaml:2:16: error: unknown field 'contry' in organization 'o'; did you mean 'country'?",
        ])
    }

    @Test func misspelledSection() {
        #expect(Fixtures.errors("organisations: {}\n") == [
            "m.yaml:1:1: error: unknown section 'organisations'; did you mean 'organizations'? (sections: organizations, data, activities, systems, stores, flows, agreements, incidents, jurisdictions, categories, waivers)",
        ])
    }

    @Test func missingRequiredField() {
        #expect(Fixtures.errors("organizations:\n  o: {name: O}\n") == [
            "m.yaml:2:3: error: organization 'o' is missing required field 'country'",
        ])
    }

    @Test func listWhereAMapIsDue() {
        #expect(Fixtures.errors("organizations:\n  - name: O\n") == [
            "m.yaml:2:3: error: 'organizations' must be a map, not a list",
        ])
    }

    @Test func valueNotInEnumListsTheAllowedOnes() {
        let errors = Fixtures.errors(Fixtures.base + "\nstores:\n  nas: {operator: voice, encryption_at_rest: maybe}\n")
        #expect(errors == [
            "m.yaml:7:46: error: invalid value 'maybe' for 'encryption_at_rest' (allowed: none, provider-managed, customer-managed)",
        ])
    }

    @Test func unknownCountry() {
        #expect(Fixtures.errors("organizations:\n  o: {name: O, country: XX}\n") == [
            "m.yaml:2:25: error: unknown country code 'XX' in 'country' (ISO 3166-1 alpha-2, or add it under 'jurisdictions')",
        ])
        #expect(Fixtures.errors("organizations:\n  o: {name: O, country: se}\n").first?.hasSuffix("did you mean 'SE'?") == true)
    }

    @Test func invalidDate() {
        let errors = Fixtures.errors(Fixtures.base + "\nagreements:\n  - {type: dpa, controller: medhelp, processor: voice, signed: 2024-13-45}\n")
        #expect(errors == ["m.yaml:7:64: error: invalid date '2024-13-45' for 'signed'; expected YYYY-MM-DD"])
    }

    @Test func invalidDuration() {
        let errors = Fixtures.errors(Fixtures.base + "\nstores:\n  nas: {operator: voice, retention: six years}\n")
        #expect(errors == [
            "m.yaml:7:37: error: invalid retention 'six years'; expected an ISO 8601 duration such as P6Y or P18M, or 'unlimited'",
        ])
    }

    @Test func danglingReferenceWithSuggestion() {
        let errors = Fixtures.errors(Fixtures.base + "\nflows:\n  - {from: medhelp, to: voise, data: [calls]}\n")
        #expect(errors == [
            "m.yaml:7:25: error: flow 'medhelp->voise' refers to unknown id 'voise' in 'to' (expected an organization, a system or a store); did you mean 'voice'?",
        ])
    }

    @Test func referenceToTheWrongKind() {
        let errors = Fixtures.errors(Fixtures.base + "\nsystems:\n  biz: {operator: calls}\n")
        #expect(errors == [
            "m.yaml:7:19: error: 'operator' of system 'biz' must name an organization, but 'calls' is a data set",
        ])
        let dataErrors = Fixtures.errors(Fixtures.base + "\nflows:\n  - {from: medhelp, to: voice, data: [voice]}\n")
        #expect(dataErrors == [
            "m.yaml:7:39: error: 'data' of flow 'medhelp->voice' must name a data set, but 'voice' is an organization",
        ])
    }

    @Test func idDefinedTwiceNamesBothPlaces() {
        let errors = Fixtures.errors(Fixtures.base + "\nstores:\n  medhelp: {operator: voice}\n")
        #expect(errors == [
            "m.yaml:7:3: error: id 'medhelp' is defined twice: as store here and as organization at m.yaml:2:3; ids of organizations, data, activities, systems and stores share one namespace",
        ])
    }

    @Test func booleansAreOnlyTrueAndFalse() {
        let errors = Fixtures.errors(Fixtures.base + "\nflows:\n  - {from: medhelp, to: voice, data: [calls], encrypted_in_transit: yes}\n")
        #expect(errors == ["m.yaml:7:69: error: invalid boolean 'yes' for 'encrypted_in_transit'; write true or false"])
    }

    @Test func unknownCategory() {
        let errors = Fixtures.errors("organizations:\n  o: {name: O, country: SE}\ndata:\n  d: {controller: o, categories: [specail.health]}\n")
        #expect(errors.first?.contains("unknown data category 'specail.health'") == true)
        // A key below a built-in one is known once the model declares it.
        let mental = "organizations:\n  o: {name: O, country: SE}\ndata:\n  d: {controller: o, categories: [special.health.mental]}\n"
        #expect(Fixtures.errors(mental).first?.contains("unknown data category 'special.health.mental'") == true)
        #expect(Fixtures.errors(mental + "categories:\n  special.health.mental: Mental health\n").isEmpty)
    }

    @Test func errorsAreSortedAndAllReported() {
        let errors = Fixtures.errors("organizations:\n  b: {name: B, country: XX}\n  a: {name: A, contry: SE}\n")
        // Line, then column, as numbers: 3:3 comes before 3:16.
        #expect(errors.map { $0.split(separator: " ")[0] } == ["m.yaml:2:25:", "m.yaml:3:3:", "m.yaml:3:16:"])
    }

    @Test func errorCapIsANamedLimit() {
        var text = "organizations:\n"
        for index in 0..<(ModelLoader.maxDiagnostics + 10) { text += "  o\(index): {name: O, country: XX}\n" }
        let errors = Fixtures.errors(text)
        #expect(errors.count == ModelLoader.maxDiagnostics + 1)
        #expect(errors.last?.hasSuffix("10 more errors not shown") == true)
    }
}

@Suite struct CatalogueFactTests {
    let jurisdictions = Fixtures.catalogue.jurisdictions
    let date = CivilDate(year: 2026, month: 11, day: 25)!

    @Test func everyISOCodeIsThere() {
        #expect(jurisdictions.entries.count == 249)
        #expect(jurisdictions["GR"]?.name == "Greece")
        #expect(jurisdictions["TH"]?.name == "Thailand")
    }

    @Test func eeaIsEUPlusThree() {
        #expect(jurisdictions.entries.values.filter(\.eu).count == 27)
        #expect(jurisdictions.entries.values.filter(\.eea).count == 30)
        #expect(jurisdictions["NO"]?.eea == true)
        #expect(jurisdictions["NO"]?.eu == false)
        #expect(jurisdictions["CH"]?.eea == false)
    }

    @Test func unitedStatesNeedsDPF() throws {
        let us = try #require(jurisdictions["US"]?.adequacy)
        #expect(us.decision.contains("(EU) 2023/1795"))
        #expect(us.covers(certifications: ["dpf"], sector: .privateSector, on: date))
        #expect(!us.covers(certifications: [], sector: .privateSector, on: date))
    }

    @Test func unitedKingdomAdequateUntil2031() throws {
        let gb = try #require(jurisdictions["GB"]?.adequacy)
        #expect(gb.until == CivilDate("2031-12-27"))
        #expect(gb.inForce(on: date))
        #expect(!gb.inForce(on: try #require(CivilDate("2031-12-28"))))
    }

    @Test func thailandHasNoDecision() {
        #expect(jurisdictions["TH"]?.adequacy == nil)
    }

    @Test func brazilFrom2026AndCanadaPrivateSectorOnly() throws {
        let brazil = try #require(jurisdictions["BR"]?.adequacy)
        #expect(!brazil.inForce(on: try #require(CivilDate("2025-12-31"))))
        #expect(brazil.inForce(on: date))
        let canada = try #require(jurisdictions["CA"]?.adequacy)
        #expect(!canada.covers(certifications: [], sector: .publicSector, on: date))
    }

    @Test func swedishAuthorityIsIMY() {
        #expect(jurisdictions["SE"]?.authority == "Integritetsskyddsmyndigheten (IMY)")
    }
}

@Suite struct ValueTests {
    @Test func dates() {
        #expect(CivilDate("2024-02-29") != nil)
        #expect(CivilDate("2023-02-29") == nil)
        #expect(CivilDate("2024-13-45") == nil)
        #expect(CivilDate("24-01-01") == nil)
        #expect(CivilDate("2024-1-01") == nil)
    }

    @Test func durations() {
        #expect(ISODuration("P6Y")?.approximateDays == 2190)
        #expect(ISODuration("P1Y6M") != nil)
        #expect(ISODuration("PT12H") != nil)
        #expect(ISODuration("P2W")?.approximateDays == 14)
        #expect(ISODuration("P") == nil)
        #expect(ISODuration("six years") == nil)
        #expect(ISODuration("P6H") == nil)
        // Decimals with a point or a comma, every unit, and nothing outside ASCII.
        #expect(ISODuration("P1,5Y")?.approximateDays == 547.5)
        #expect(ISODuration("P1Y2M3W4DT12H36M8.64S")?.approximateDays == 365 + 60 + 21 + 4 + 0.5 + 0.025 + 0.0001)
        #expect(ISODuration("P1YT")?.approximateDays == 365)
        #expect(ISODuration("P1.2.3Y") == nil)
        #expect(ISODuration("PTT1H") == nil)
        #expect(ISODuration("P\u{0661}Y") == nil)
        #expect(ISODuration("P6Y\u{301}") == nil)
        #expect(ISODuration("P6\u{301}Y") == nil)
        #expect(ISODuration("p6Y") == nil)
    }

    @Test func didYouMean() {
        #expect(DidYouMean.suggest("contry", from: ["country", "name"]) == "country")
        #expect(DidYouMean.suggest("zzz", from: ["country", "name"]) == nil)
    }
}

