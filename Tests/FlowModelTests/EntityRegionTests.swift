import FlowYAML
import Foundation
import Testing
@testable import FlowModel

/// An entity's region ends at its own last character: a code-scanning alert shows on a pull
/// request only when all its lines are in the diff, so a region must not run onto the next entry.
struct EntityRegionTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples").standardized

    static func spans(_ model: Model) -> [SourceSpan] {
        (model.organizations.map(\.origin.span) + model.data.map(\.origin.span) + model.systems.map(\.origin.span)
            + model.stores.map(\.origin.span) + model.flows.map(\.origin.span) + model.agreements.map(\.origin.span)
            + model.waivers.map(\.origin.span)).sorted()
    }

    /// Every entity of every example, read whole and in chunks, ends before the line the next
    /// entity of its file starts on, and within its file.
    @Test(arguments: ["1177", "telehealth-app", "compliant-clinic"], [ReadParallelism.wholeFiles, ChunkedReadTests.tiny])
    func regionsStopBeforeTheNextEntity(_ example: String, _ parallelism: ReadParallelism) throws {
        let model = try ModelLoader(catalogue: Fixtures.catalogue, parallelism: parallelism)
            .load(paths: [Self.examples.appendingPathComponent(example).path])
        let spans = Self.spans(model)
        #expect(spans.count > 10)
        for (span, next) in zip(spans, spans.dropFirst()) where span.file == next.file && span.start.line < next.start.line {
            #expect(span.lastLine < next.start.line, "\(span) ends at \(span.end), on the line of \(next)")
        }
        for span in spans {
            let lines = try String(contentsOfFile: span.file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            // A file ending in a line break splits into one empty line more than it has.
            #expect(span.lastLine <= lines.count - 1 && span.lastLine >= span.start.line, "\(span) ends at \(span.end)")
        }
    }

    @Test func blockScalarsAndFlowCollectionsEndWhereTheirTextEnds() throws {
        let text = """
            organizations:
              a: {name: A, country: SE}
              b: {name: B, country: SE}
              c: {name: C, country: SE}
            data:
              d: {controller: a, categories: [personal.voice]}
            flows:
              - from: a
                to: b
                data: [d]
                purpose: |
                  two
                  lines
              - {from: b, to: a, data: [d]}
              - from: a
                to: c
                data:
                  - d
            """ + "\n"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-regions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("m.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let model = try ModelLoader(catalogue: Fixtures.catalogue, parallelism: .wholeFiles).load(paths: [path])
        let spans = model.flows.map(\.origin.span)
        #expect(spans.map(\.lastLine) == [13, 14, 18])
        #expect(spans.map(\.lastColumn) == [nil, 32, 10])
    }
}
