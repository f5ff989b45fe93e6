import Foundation
import Testing
import FlowSynth
import FlowYAML
@testable import FlowModel

/// Reading a file in parallel chunks must give exactly what reading it whole gives: the same
/// entities with the same spans, or the same diagnostics.
@Suite struct ChunkedReadTests {
    static let tiny = ReadParallelism(pieces: 16, minimumChunkBytes: 64)

    /// Loads `text` from a file whole and in tiny chunks; both outcomes as text to compare.
    static func bothWays(_ text: String, name: String = "chunks.yaml") throws -> (whole: [String], chunked: [String]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-chunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return bothWays(paths: [path])
    }

    static func bothWays(paths: [String]) -> (whole: [String], chunked: [String]) {
        func outcome(_ parallelism: ReadParallelism) -> [String] {
            do {
                return describe(try ModelLoader(catalogue: Fixtures.catalogue, parallelism: parallelism).load(paths: paths))
            } catch {
                return error.diagnostics.map(\.description)
            }
        }
        return (outcome(.wholeFiles), outcome(tiny))
    }

    static func cuts(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer {
            YAMLChunkPlanner.plan($0, pieces: tiny.pieces, minimumChunkBytes: tiny.minimumChunkBytes,
                                  sections: ModelSections.splittable).count
        }
    }

    /// Every entity with its id, references and the spans reports use after loading (a chunked
    /// read keeps no nodes: field spans are only needed for errors, which are read again whole).
    static func describe(_ model: Model) -> [String] {
        func spans(_ spans: [SourceSpan]) -> String { spans.map { "\($0)-\($0.end)" }.joined(separator: " ") }
        var lines: [String] = []
        lines += model.organizations.map { "org \($0.id) \($0.country) \(spans([$0.origin.span]))" }
        lines += model.data.map { "data \($0.id) \($0.controller) \($0.categories) \(spans([$0.origin.span, $0.categoriesSpan]))" }
        lines += model.systems.map { "system \($0.id) \($0.operator_) \($0.accessedBy) \(spans([$0.origin.span] + $0.accessedBySpans))" }
        lines += model.stores.map { "store \($0.id) \($0.operator_) \($0.holds) \(String(describing: $0.access)) \(spans([$0.origin.span] + $0.accessedBySpans))" }
        lines += model.flows.map(SectionEventDecoderTests.describe)
        lines += model.agreements.map { "agreement \($0.id) \($0.type) \(String(describing: $0.expires)) \(spans([$0.origin.span]))" }
        lines += model.waivers.map { "waiver \($0.id) \(spans([$0.origin.span]))" }
        lines += model.index.sorted { $0.key < $1.key }.map { "index \($0.key) \($0.value.kind) \($0.value.index)" }
        return lines
    }

    /// Entities read in chunks keep no YAML node (the arenas are freed as each chunk is decoded);
    /// read whole they keep it, for the field spans of diagnostics.
    @Test func chunkedReadsKeepNoNodes() throws {
        let text = Self.base + Self.fillerOrganizations + "systems:\n  s: {operator: a, accessed_by: [b, a]}\n" + Self.fillerFlows
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-nodes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("m.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let whole = try ModelLoader(catalogue: Fixtures.catalogue, parallelism: .wholeFiles).load(paths: [path])
        let chunked = try ModelLoader(catalogue: Fixtures.catalogue, parallelism: Self.tiny).load(paths: [path])
        #expect(Self.cuts(text) > 1)
        #expect(whole.organizations.allSatisfy { $0.origin.node != nil } && whole.flows.allSatisfy { $0.origin.node != nil })
        #expect(chunked.organizations.allSatisfy { $0.origin.node == nil } && chunked.flows.allSatisfy { $0.origin.node == nil })
        // What reports need after loading is kept either way.
        let system = try #require(chunked.systems.first)
        #expect(system.accessedBySpans.map(\.start.column) == [34, 37])
        #expect(system.accessedBySpans == whole.systems.first?.accessedBySpans)
        #expect(chunked.data.first?.categoriesSpan == whole.data.first?.categoriesSpan)
        #expect(chunked.data.first?.categoriesSpan.start.column == 34)
    }

    @Test func generatedModelReadsTheSameInChunks() throws {
        let text = ModelGenerator(organizations: 200).files(1)[0]
        #expect(Self.cuts(text) > 8)
        let (whole, chunked) = try Self.bothWays(text)
        #expect(whole.count > 2500)
        #expect(whole == chunked)
    }

    /// Definitions of many parts are moved into the model's lists whole: the index must still
    /// name each one where it ends up, in files read at once as in files cut into chunks.
    @Test func theIndexNamesEveryDefinitionWhereItStands() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try ModelGenerator(organizations: 200).files(3).enumerated().map { index, text in
            let path = directory.appendingPathComponent("part-\(index).yaml").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        for parallelism in [ReadParallelism.wholeFiles, Self.tiny] {
            let model = try ModelLoader(catalogue: Fixtures.catalogue, parallelism: parallelism).load(paths: paths)
            let ids: [EntityKind: [String]] = [
                .organization: model.organizations.map(\.id), .data: model.data.map(\.id),
                .system: model.systems.map(\.id), .store: model.stores.map(\.id),
            ]
            #expect(model.index.count == ids.values.reduce(0) { $0 + $1.count })
            let misplaced = model.index.filter { id, ref in ids[ref.kind].map { ref.index < $0.count && $0[ref.index] == id } != true }
            #expect(misplaced.isEmpty, "\(misplaced.prefix(5))")
            #expect(model.stores.count == 600 && model.organizations.count == 200)
        }
    }

    @Test func examplesReadTheSameInChunks() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples").standardized
        for name in ["1177", "telehealth-app", "compliant-clinic"] {
            let directory = examples.appendingPathComponent(name).path
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }
            let cut = try files.map { try String(contentsOfFile: directory + "/" + $0, encoding: .utf8) }.map(Self.cuts)
            #expect(cut.contains { $0 > 1 }, "no file of \(name) is cut")
            let (whole, chunked) = Self.bothWays(paths: [directory])
            #expect(whole.count > 10)
            #expect(whole == chunked, "\(name)")
        }
    }

    /// Each text puts something a cut must not break right where cuts go; chunked and whole
    /// reads must agree on the model or on every error.
    @Test(arguments: [
        ("a section written twice", base + fillerOrganizations + fillerFlows + "flows:\n  - {from: b, to: a, data: [d]}\n"),
        ("a section reopened in a later chunk", base + fillerOrganizations + fillerFlows + "organizations:\n  zz: {name: Z, country: SE}\n"),
        ("an id defined in two chunks", "organizations:\n" + fillerOrganizations + "  filler-1: {name: Again, country: SE}\n"),
        ("an alias to an anchor in another chunk", "organizations:\n  a: &org {name: A, country: SE}\n" + fillerOrganizations + "  z: *org\n"),
        ("a quoted scalar over a cut", "organizations:\n  a:\n    name: \"A\n  b: {name: B, country: SE}\"\n    country: SE\n" + fillerOrganizations),
        ("a flow map over a cut", "organizations:\n  a: {name: A,\n  b: x, country: SE}\n" + fillerOrganizations),
        ("a top-level block scalar", "notes: |\n  - from: a\n" + String(repeating: "  - to: b\n", count: 40) + "organizations:\n" + fillerOrganizations),
        ("CRLF line ends", (base + fillerOrganizations + fillerFlows).replacingOccurrences(of: "\n", with: "\r\n")),
        ("a flow to an unknown id in a later chunk", base + fillerOrganizations + fillerFlows + "  - {from: a, to: nowhere, data: [d]}\n"),
        ("a clean model", base + fillerOrganizations + fillerFlows),
        ("a merge key in a later chunk", "organizations:\n" + fillerOrganizations + "  z:\n    <<: {name: Z}\n    country: SE\n"),
    ])
    func trickyTextsAgree(_ name: String, _ text: String) throws {
        #expect(Self.cuts(text) > 1, "\(name) is not cut")
        let (whole, chunked) = try Self.bothWays(text)
        #expect(!whole.isEmpty)
        #expect(whole == chunked, "\(name)")
    }

    @Test func cleanTextsLoad() throws {
        for text in [Self.base + Self.fillerOrganizations + Self.fillerFlows, ModelGenerator(organizations: 200).files(1)[0]] {
            let (whole, _) = try Self.bothWays(text)
            #expect(whole.first?.hasPrefix("org ") == true, "\(whole.prefix(2))")
        }
    }

    /// The scan hands out chunks as it goes; when it gives up late (a line break it does not
    /// model, a second document), what was read from them is dropped and the file read whole.
    @Test(arguments: [
        ("a NEL near the end", base + fillerOrganizations + fillerFlows + "  - {from: a, to: b, data: [d], purpose: \"x\u{85}y\"}\n"),
        ("a second document near the end", base + fillerOrganizations + fillerFlows + "---\norganizations:\n  c: {name: C, country: SE}\n"),
    ])
    func lateGiveUpsAgree(_ name: String, _ text: String) throws {
        var emitted = 0
        let cut = Array(text.utf8).withUnsafeBufferPointer {
            YAMLChunkPlanner.plan($0, pieces: Self.tiny.pieces, minimumChunkBytes: Self.tiny.minimumChunkBytes,
                                  sections: ModelSections.splittable) { _ in emitted += 1 }
        }
        #expect(!cut && emitted > 1, "\(name): \(emitted) chunks handed out")
        let (whole, chunked) = try Self.bothWays(text)
        #expect(!whole.isEmpty)
        #expect(whole == chunked, "\(name)")
    }

    @Test func unusualLineBreaksAreNeverCut() {
        let text = Self.base + Self.fillerOrganizations
        #expect(Self.cuts(text) > 1)
        #expect(Self.cuts(text.replacingOccurrences(of: "\n", with: "\r")) == 1)
        #expect(Self.cuts(text + "  zz: {name: \"a\u{85}b\", country: SE}\n") == 1)
        #expect(Self.cuts(text + "  zz: {name: \"a\u{2028}b\", country: SE}\n") == 1)
        #expect(Self.cuts("%YAML 1.1\n---\n" + text) == 1)
    }

    static let base = "data:\n  d: {controller: a, categories: [special.health]}\norganizations:\n  a: {name: A, country: SE}\n  b: {name: B, country: NO}\n"
    /// Entries that continue an `organizations:` section.
    static let fillerOrganizations = (0..<40).map { "  filler-\($0):\n    name: Filler \($0)\n    country: DK\n" }.joined()
    static let fillerFlows = "flows:\n" + (0..<40).map { "  - from: a\n    to: b\n    data: [d]\n    purpose: filler \($0)\n" }.joined()
}
