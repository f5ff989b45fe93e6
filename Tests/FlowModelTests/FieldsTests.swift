import Testing
import FlowYAML
@testable import FlowModel

/// `NodeDecoder.fields` finds every allowed field in one pass over the keys; these pin down what a
/// lookup returns around the edges of that scheme.
@Suite struct FieldsTests {
    private func map(_ text: String) throws -> YAMLNode {
        let result = YAMLReader().read(text: text, file: "f.yaml")
        #expect(result.diagnostics.isEmpty)
        return try #require(result.documents.first?.root)
    }

    @Test func unknownKeysAreReportedAndNeverFields() throws {
        var decoder = NodeDecoder()
        let node = try map("name: A\nnmae: B\ncountry: SE\n")
        let found = decoder.fields(of: node, allowed: ["name", "country"], context: "organization 'a'")
        let fields = try #require(found)
        #expect(fields["name"]?.scalar == "A")
        #expect(fields["country"]?.scalar == "SE")
        #expect(fields["nmae"] == nil)
        #expect(fields.names == ["name", "country"])
        #expect(fields.has("country"))
        #expect(!fields.has("role"))
        #expect(decoder.diagnostics.map(\.message) == ["unknown field 'nmae' in organization 'a'; did you mean 'name'?"])
    }

    @Test func fieldsPastTheInlineSlotsAreStillFound() throws {
        var decoder = NodeDecoder()
        let allowed = (0..<20).map { "field\($0)" }
        let node = try map("field19: last\nfield0: first\nfield16: past\n")
        let found = decoder.fields(of: node, allowed: allowed, context: "a map")
        let fields = try #require(found)
        #expect(fields["field0"]?.scalar == "first")
        #expect(fields["field16"]?.scalar == "past")
        #expect(fields["field19"]?.scalar == "last")
        #expect(fields["field17"] == nil)
        #expect(fields.names == ["field19", "field0", "field16"])
        #expect(decoder.diagnostics.isEmpty)
    }

    @Test func requiredNullFieldsAreMissing() throws {
        var decoder = NodeDecoder()
        let node = try map("from: a\nto: ~\n")
        _ = decoder.fields(of: node, allowed: ["from", "to"], required: ["from", "to"], context: "flow")
        #expect(decoder.diagnostics.map(\.message) == ["flow is missing required field 'to'"])
    }

    @Test func vocabularyValuesMatchWholeWords() throws {
        var decoder = NodeDecoder()
        let node = try map("a: health-care\nb: health\nc: 'health-care'\n")
        #expect(decoder.vocabulary(node["a"], field: "a", as: Article9Condition.self) == .healthCare)
        #expect(decoder.vocabulary(node["c"], field: "c", as: Article9Condition.self) == .healthCare)
        #expect(decoder.vocabulary(node["b"], field: "b", as: Article9Condition.self) == nil)
        #expect(decoder.diagnostics.count == 1)
        #expect(Article9Condition.values == Article9Condition.allCases)
    }
}

@Suite struct AgreementFieldTests {
    /// Fields of another agreement type are each reported at their own value.
    @Test func fieldsOfAnotherTypeAreReportedByName() {
        let errors = Fixtures.errors(Fixtures.base + """

        agreements:
          - type: dpa
            controller: medhelp
            processor: voice
            measures: [encryption]
            exporter: medhelp
            signed: 2024-01-01
        """)
        #expect(errors == [
            "m.yaml:11:15: error: field 'exporter' does not apply to an agreement of type 'dpa'",
            "m.yaml:10:15: error: field 'measures' does not apply to an agreement of type 'dpa'",
        ].sorted())
    }
}

/// Entities read their fields by position: each case must sit at its own name's position.
@Suite struct EntityFieldsTests {
    /// `legalBasis` is written `legal_basis`; `operator_` is `operator`.
    static func keyName(_ field: some EntityFields) -> String {
        var name = ""
        for character in String(describing: field) where character != "_" {
            name += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
        return name
    }

    static func check<Field: EntityFields>(_: Field.Type) {
        #expect(Field.names.count == Field.allCases.count)
        for field in Field.allCases {
            #expect(Field.names.names[field.rawValue] == keyName(field), "\(Field.self).\(field)")
        }
    }

    @Test func casesMatchTheirNames() {
        Self.check(OrganizationField.self)
        Self.check(DataSetField.self)
        Self.check(SystemField.self)
        Self.check(StoreField.self)
        Self.check(FlowField.self)
        Self.check(AgreementField.self)
        #expect(FlowField.required.map { FlowField.names.names[$0] } == ["from", "to", "data"])
    }

    /// Keys are matched as bytes: same length, other text, is no match; an empty key matches only
    /// an empty name.
    @Test func keyNamesMatchWholeKeys() throws {
        let names = KeyNames(["to", "id", "", "from"])
        let result = YAMLReader().read(text: "to: 1\nid: 2\nio: 3\n'': 4\nfrom: 5\nfro: 6\n", file: "f.yaml")
        let root = try #require(result.documents.first?.root)
        #expect((0..<root.count).map { root.keyPosition(entry: $0, in: names) } == [0, 1, nil, 2, 3, nil])
        #expect(names.position(of: "from") == 3)
        #expect(names.position(of: "fro") == nil)
    }
}
