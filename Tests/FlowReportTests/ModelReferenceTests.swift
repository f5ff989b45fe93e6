import Foundation
import Testing
@testable import FlowReport

/// docs/model-format.md carries the field reference the tables give, word for word.
@Suite struct ModelReferenceTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/model-format.md")

    @Test func theDocsCarryTheGeneratedFieldReference() throws {
        let text = try String(contentsOf: Self.docs, encoding: .utf8)
        let begin = try #require(text.range(of: ModelReference.begin), "no '\(ModelReference.begin)' in \(Self.docs.path)")
        let end = try #require(text.range(of: ModelReference.end, range: begin.upperBound..<text.endIndex))
        let written = String(text[begin.upperBound..<end.lowerBound]).trimmingCharacters(in: .newlines)
        #expect(written == ModelReference.markdown().trimmingCharacters(in: .newlines),
                "docs/model-format.md is out of date: replace its field tables with `flowaudit schema --format markdown`")
    }

    @Test func everyFieldIsListed() {
        let text = ModelReference.markdown()
        for name in ["encryption_at_rest", "legal_basis", "subprocessors", "approved_by", "adequacy", "sectors"] {
            #expect(text.contains("| `\(name)` |"), "\(name)")
        }
    }
}
