import Testing
import FlowModel
@testable import FlowReport

/// The schema is derived from the field tables: every section and property described, every
/// word of a vocabulary listed with its meaning.
@Suite struct ModelSchemaTests {
    static let schema = ModelSchema.schema(categoryRoots: ["personal", "special"])

    /// Every property of every object in the schema, with its path.
    static func properties(_ value: JSONValue, path: String = "") -> [(String, [String: JSONValue])] {
        switch value {
        case .object(let members):
            var found: [(String, [String: JSONValue])] = []
            if case .object(let properties)? = members["properties"] {
                for (name, property) in properties {
                    if case .object(let fields) = property { found.append((path + "." + name, fields)) }
                }
            }
            for (name, member) in members { found += properties(member, path: path + "/" + name) }
            return found
        case .array(let items):
            return items.flatMap { properties($0, path: path) }
        default:
            return []
        }
    }

    @Test func everyPropertyIsDescribed() {
        let all = Self.properties(.object(Self.schema)).filter { $0.1 != [:] && !$0.0.contains("/then") && !$0.0.contains("/if") }
        #expect(all.count > 60)
        for (path, property) in all {
            #expect(property["description"] != nil, "\(path)")
        }
    }

    @Test func vocabulariesListTheirMeanings() throws {
        let all = Self.properties(.object(Self.schema))
        let legalBasis = try #require(all.first { $0.0.hasSuffix(".legal_basis") }?.1)
        #expect(legalBasis["enum"] == .array(LegalBasis.values.map { .string($0.rawValue) }))
        #expect(legalBasis["enumDescriptions"] == .array(LegalBasis.values.map { .string($0.meaning) }))
        guard case .string(let description)? = legalBasis["description"] else { Issue.record("no description"); return }
        #expect(description.contains("`public-task` Art. 6(1)(e)"))
    }

    @Test func sectionsAreTheModelsSections() throws {
        guard case .object(let sections)? = Self.schema["properties"] else { Issue.record("no sections"); return }
        #expect(sections.keys.sorted() == ModelSections.names.sorted())
    }
}
