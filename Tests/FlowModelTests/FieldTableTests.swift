import Testing
import FlowYAML
@testable import FlowModel

/// `NodeDecoder.fields` reads the small maps of policies and settings.
@Suite struct FieldsTests {
    static func map(_ text: String) throws -> YAMLNode {
        let result = YAMLReader().read(text: text, file: "f.yaml")
        #expect(result.diagnostics.isEmpty)
        return try #require(result.documents.first?.root)
    }

    @Test func unknownKeysAreReportedAndNeverFields() throws {
        var decoder = NodeDecoder()
        let node = try Self.map("name: A\nnmae: B\ncountry: SE\n")
        let found = decoder.fields(of: node, allowed: ["name", "country"], context: "organization 'a'")
        let fields = try #require(found)
        #expect(fields["name"]?.scalar == "A")
        #expect(fields["country"]?.scalar == "SE")
        #expect(fields["nmae"] == nil)
        #expect(fields.has("country"))
        #expect(!fields.has("role"))
        #expect(decoder.diagnostics.map(\.message) == ["unknown field 'nmae' in organization 'a'; did you mean 'name'?"])
    }

    @Test func requiredNullFieldsAreMissing() throws {
        var decoder = NodeDecoder()
        let node = try Self.map("from: a\nto: ~\n")
        _ = decoder.fields(of: node, allowed: ["from", "to"], required: ["from", "to"], context: "flow")
        #expect(decoder.diagnostics.map(\.message) == ["flow is missing required field 'to'"])
    }
}

/// A map read by its field table: what each kind of field takes and what it reports.
@Suite struct FieldTableTests {
    static func read(_ text: String) throws -> (Flow, [String]) {
        var decoder = NodeDecoder()
        var flow = Flow(id: "", origin: EntityOrigin(span: SourceSpan(file: "f.yaml", start: .init(line: 1, column: 1),
                                                                      end: .init(line: 1, column: 1)), node: nil))
        _ = decoder.read(try FieldsTests.map(text), into: &flow, context: "flow")
        return (flow, decoder.diagnostics.map(\.description))
    }

    @Test func vocabularyValuesMatchWholeWords() throws {
        #expect(try Self.read("{from: a, to: b, data: [d], article9: health-care}").0.article9 == .healthCare)
        #expect(try Self.read("{from: a, to: b, data: [d], article9: 'health-care'}").0.article9 == .healthCare)
        for typo in ["health", "helth-care"] {
            let (flow, errors) = try Self.read("{from: a, to: b, data: [d], article9: \(typo)}")
            #expect(flow.article9 == nil)
            #expect(errors.count == 1)
            #expect(errors.first?.contains("invalid value '\(typo)' for 'article9'") == true)
        }
        #expect(try Self.read("{from: a, to: b, data: [d], article9: helth-care}").1.first?.contains("did you mean 'health-care'?") == true)
    }

    /// Null leaves a field without a value: an error for a required one, an empty list for a list.
    @Test func nullIsNoValue() throws {
        let (flow, errors) = try Self.read("{from: a, to: ~, data: ~, purpose: null}")
        #expect(flow.purpose == nil && flow.data.isEmpty)
        // `data` may come from the flow's activity: the model says when there is none.
        #expect(errors == ["f.yaml:1:1: error: flow is missing required field 'to'"])
        #expect(try Self.read("{from: a, to: b, data: [d, ~, e]}") == (Self.read("{from: a, to: b, data: [d, e]}")))
    }

    /// Booleans are only `true` and `false`; a quoted one is text.
    @Test func flagsAreOnlyTrueAndFalse() throws {
        #expect(try Self.read("{from: a, to: b, data: [d], encrypted_in_transit: true}").0.encryptedInTransit == true)
        for text in ["yes", "'true'", "on", "1"] {
            let (flow, errors) = try Self.read("{from: a, to: b, data: [d], encrypted_in_transit: \(text)}")
            #expect(flow.encryptedInTransit == nil)
            #expect(errors.count == 1, "\(text)")
        }
    }

    @Test func shapesAreChecked() throws {
        // A value of the wrong shape is that field's error, not a missing field.
        #expect(try Self.read("{from: a, to: b, data: d}").1 == ["f.yaml:1:24: error: 'data' must be a list, not a scalar"])
        #expect(try Self.read("{from: [a], to: b, data: [d]}").1 == ["f.yaml:1:8: error: 'from' must be a scalar, not a list"])
        #expect(try Self.read("{from: a, to: b, data: [{x: 1}]}").1 == ["f.yaml:1:25: error: 'data' must be a scalar, not a map"])
        #expect(try Self.read("{from: a, to: b, data: [d], fromm: c}").1
            == ["f.yaml:1:29: error: unknown field 'fromm' in flow; did you mean 'from'?"])
    }

    /// Every table: names unique and laid out in order, required fields as documented.
    @Test func tablesAreConsistent() {
        for section in ModelSections.all {
            let names = section.fields.fields.map(\.name)
            #expect(Set(names).count == names.count, "\(section.name)")
            #expect(section.fields.fields.allSatisfy { !$0.doc.isEmpty }, "\(section.name)")
        }
        #expect(Flow.fields.fields.filter(\.required).map(\.name) == ["from", "to"])
        #expect(ProcessingActivity.fields.fields.filter(\.required).map(\.name) == ["controller", "purpose", "data"])
        #expect(Flow.fields.names.names == Flow.fields.fields.map(\.name))
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
