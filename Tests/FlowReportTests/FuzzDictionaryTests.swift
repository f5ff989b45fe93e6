import Foundation
import Testing
import FlowModel

/// The fuzzer's dictionary holds every section and field name of the model, so that a field
/// added to a table is fuzzed too.
@Suite struct FuzzDictionaryTests {
    @Test func everyNameIsInTheDictionary() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/model.dict")
        let entries = Set(try String(contentsOf: path, encoding: .utf8).split(separator: "\n").map(String.init))
        var names = ModelSections.names
        for section in ModelSections.all {
            names += section.fields.fields.map(\.name)
            for case .object(let nested) in section.fields.fields.map(\.kind) { names += nested.fields.map(\.name) }
        }
        for name in Set(names) {
            #expect(entries.contains("\"\(name):\""), "Tests/Fuzz/model.dict lacks \"\(name):\"")
        }
    }
}
