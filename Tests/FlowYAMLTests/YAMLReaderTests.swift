import Foundation
import Testing
@testable import FlowYAML

private func read(_ text: String, limits: YAMLLimits = .default) -> YAMLReadResult {
    YAMLReader(limits: limits).read(text: text, file: "m.yaml")
}

private func root(_ text: String) throws -> YAMLNode {
    let result = read(text)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    return try #require(result.documents.first?.root)
}

@Suite struct YAMLSpanTests {
    @Test func nestedNodesCarryOneBasedSpans() throws {
        let node = try root("organizations:\n  medhelp:\n    name: Medhelp AB\n    country: SE\n")
        let medhelp = try #require(node["organizations"]?["medhelp"])
        #expect(medhelp.kind == .mapping)
        #expect(medhelp.span.start == SourcePosition(line: 3, column: 5))
        let country = try #require(medhelp["country"])
        #expect(country.scalar == "SE")
        #expect(country.span.start == SourcePosition(line: 4, column: 14))
        #expect(country.span.end == SourcePosition(line: 4, column: 16))
        #expect(country.span.file == "m.yaml")
    }

    @Test func columnsCountCodePointsNotBytes() throws {
        // "Södermanland" has a two-byte ö; "🙂" is four bytes but one code point:
        // counted in bytes these columns would be 29 and 38.
        let node = try root("a: {name: Södermanland, x: 🙂, y: z}\n")
        let x = try #require(node["a"]?["x"])
        #expect(x.span.start == SourcePosition(line: 1, column: 28))
        let y = try #require(node["a"]?["y"])
        #expect(y.span.start == SourcePosition(line: 1, column: 34))
    }

    @Test func severalDocumentsPerFile() {
        let result = read("a: 1\n---\nb: 2\n")
        #expect(result.documents.count == 2)
        #expect(result.documents[1].root?["b"]?.span.start.line == 3)
    }

    @Test func emptyFileHasNoDocuments() {
        let result = read("")
        #expect(result.diagnostics.isEmpty)
        #expect(result.documents.isEmpty)
    }

    @Test func scalarsStayStrings() throws {
        let node = try root("country: NO\nflag: yes\nquoted: \"true\"\nplain: true\nnothing:\n")
        #expect(node["country"]?.scalar == "NO")
        #expect(node["flag"]?.scalar == "yes")
        #expect(node["quoted"]?.isPlainScalar == false)
        #expect(node["plain"]?.isPlainScalar == true)
        #expect(node["nothing"]?.isNull == true)
        #expect(node["quoted"]?.isNull == false)
    }
}

@Suite struct YAMLErrorTests {
    @Test func duplicateKeyNamesBothPositions() {
        let result = read("org:\n  name: A\n  country: SE\n  name: B\n")
        #expect(result.diagnostics.map(\.description) == [
            "m.yaml:4:3: error: duplicate key 'name'; first defined at m.yaml:2:3",
        ])
    }

    @Test func duplicateKeyInLargeMappingIsFoundThroughTheIndex() {
        var text = ""
        for index in 0..<50 { text += "k\(index): v\n" }
        text += "k7: again\n"
        let result = read(text)
        #expect(result.diagnostics.map(\.description) == [
            "m.yaml:51:1: error: duplicate key 'k7'; first defined at m.yaml:8:1",
        ])
    }

    @Test func unclosedFlowMappingNamesTheLine() {
        let result = read("a: 1\nb: {c: 2, d: 3\n")
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.position?.line == 3)
        #expect(diagnostic?.description.contains("flow mapping") == true)
    }

    @Test func invalidUTF8IsLocated() {
        var bytes = Array("name: ok\nbad: ".utf8)
        bytes += [0xFF, 0x28]
        bytes += Array("\n".utf8)
        let result = YAMLReader().read(bytes: bytes, file: "m.yaml")
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.position == SourcePosition(line: 2, column: 6))
        #expect(diagnostic?.message.contains("UTF-8") == true)
    }

    @Test func binaryTagIsRejectedWithPosition() {
        let result = read("blob: !!binary aGVsbG8=\n")
        #expect(result.diagnostics.map(\.description) == [
            "m.yaml:1:7: error: unsupported tag '!!binary': models use plain YAML scalars, lists and maps",
        ])
    }

    @Test func customTagIsRejected() {
        #expect(read("x: !vault secret\n").diagnostics.first?.message.contains("'!vault'") == true)
    }

    @Test func coreTagsAreAccepted() throws {
        let node = try root("a: !!str 12\nb: !!map {c: 1}\n")
        #expect(node["a"]?.tag == .string)
        #expect(node["a"]?.isPlainScalar == false)
    }

    @Test func complexKeysAreRejected() {
        #expect(read("? [a, b]\n: 1\n").diagnostics.first?.message.contains("key must be a plain scalar") == true)
    }

    @Test func randomBytesGiveAnErrorNotACrash() {
        var generator = SplitMix(seed: 42)
        for _ in 0..<20 {
            let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let result = YAMLReader().read(bytes: bytes, file: "r.yaml")
            #expect(!result.diagnostics.isEmpty)
        }
    }
}

@Suite struct YAMLAliasTests {
    @Test func aliasesShareTheAnchoredNode() throws {
        let node = try root("base: &b {country: SE}\ncopy: *b\n")
        #expect(node["copy"]?["country"]?.scalar == "SE")
    }

    @Test func mergeKeysAddMissingEntries() throws {
        let node = try root("base: &b {country: SE, role: processor}\norg:\n  <<: *b\n  role: controller\n")
        let org = try #require(node["org"])
        #expect(org["country"]?.scalar == "SE")
        #expect(org["role"]?.scalar == "controller")
        #expect(org.count == 2)
    }

    @Test func mergeOfAScalarIsAnError() {
        #expect(read("a: &a x\nb:\n  <<: *a\n").diagnostics.first?.message == "merge key '<<' takes a map or a list of maps")
    }

    @Test func unknownAliasIsAnError() {
        #expect(read("a: *nope\n").diagnostics.first?.description.hasPrefix("m.yaml:1:4: error: alias '*nope'") == true)
    }
}

/// Every named limit, exercised just past its value.
@Suite struct YAMLLimitsTests {
    @Test func billionLaughsStopsAtTheExpansionBudget() {
        var text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(refs)]\n"
        }
        let result = read(text)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("aliases expand to more than 1000000 nodes") == true)
    }

    @Test func expansionBudgetIsExact() {
        let limits = YAMLLimits(maxFileBytes: 1 << 20, maxDepth: 10, maxScalarBytes: 100, maxAliasExpansion: 4)
        #expect(read("a: &a [1, 2]\nb: *a\n", limits: limits).diagnostics.isEmpty) // 3 nodes
        #expect(!read("a: &a [1, 2]\nb: *a\nc: *a\n", limits: limits).diagnostics.isEmpty) // 6 nodes
    }

    @Test func depthLimit() {
        let limits = YAMLLimits(maxFileBytes: 1 << 20, maxDepth: 3, maxScalarBytes: 100, maxAliasExpansion: 10)
        #expect(read("[[[x]]]", limits: limits).diagnostics.isEmpty)
        let deep = read("[[[[x]]]]", limits: limits)
        #expect(deep.diagnostics.map(\.description) == ["m.yaml:1:4: error: nesting deeper than the limit of 3 levels"])
    }

    @Test func hundredThousandBracketsAreRejectedEarly() {
        let text = String(repeating: "[", count: 100_000)
        let result = read(text)
        #expect(result.diagnostics.first?.message == "nesting deeper than the limit of \(YAMLLimits.defaultMaxDepth) levels")
    }

    @Test func scalarLimit() {
        let limits = YAMLLimits(maxFileBytes: 1 << 20, maxDepth: 10, maxScalarBytes: 8, maxAliasExpansion: 10, maxLineBytes: 100)
        #expect(read("a: 12345678\n", limits: limits).diagnostics.isEmpty)
        #expect(read("a: 123456789\n", limits: limits).diagnostics.first?.message
            == "scalar of 9 bytes is over the limit of 8 bytes")
    }

    @Test func lineLengthLimit() {
        let limits = YAMLLimits(maxFileBytes: 1 << 20, maxDepth: 10, maxScalarBytes: 100, maxAliasExpansion: 10, maxLineBytes: 8)
        #expect(read("a: 12345\nb: 1\n", limits: limits).diagnostics.isEmpty)
        #expect(read("a: 1\nb: 1234567\n", limits: limits).diagnostics.map(\.description)
            == ["m.yaml:2:1: error: line 2 is 10 bytes long, over the limit of 8 bytes"])
    }

    @Test func filesAreReadWholeWithinTheSizeLimit() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("m.yaml").path
        let text = "a: 1\n" + (0..<20_000).map { "k\($0): två\n" }.joined()
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let read = YAMLReader().read(path: path)
        #expect(read.diagnostics.count == 0)
        #expect(read.documents.first?.root?["a"]?.scalar == "1")
        #expect(read.documents.first?.root?["k19999"]?.scalar == "två")
        let limits = YAMLLimits(maxFileBytes: 100, maxDepth: 10, maxScalarBytes: 100, maxAliasExpansion: 10)
        #expect(YAMLReader(limits: limits).read(path: path).diagnostics.map(\.description)
            == ["\(path): error: file is \(text.utf8.count) bytes, over the limit of 100 bytes"])
        #expect(YAMLReader().read(path: directory.appendingPathComponent("missing.yaml").path).diagnostics.map(\.message)
            == ["cannot read file"])
    }

    /// A file of several megabytes reads back byte for byte.
    @Test func largeFilesReadWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("flowaudit-parts-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes: [UInt8] = []
        var state: UInt32 = 12345
        while bytes.count < 8 * 1024 * 1024 + 4097 {
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        guard case .success(let read) = FileBytes.read(path, limit: .max) else {
            Issue.record("could not read \(path)")
            return
        }
        // The first differing byte, not the arrays: a failure should not print 8 MB twice.
        try #require(read.count == bytes.count)
        #expect(read.indices.first { read[$0] != bytes[$0] } == nil)
    }

    /// The windowed scan must find the same first long line as looking at every line.
    @Test func longLineScanAgreesWithALineByLineCheck() {
        func naive(_ text: String, limit: Int) -> (Int, Int)? {
            for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
            where line.count > limit {
                return (index + 1, line.count)
            }
            return nil
        }
        var seed: UInt64 = 11
        for round in 0..<400 {
            var text = ""
            for _ in 0..<(round % 13) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += String(repeating: "x", count: Int(seed >> 59)) + (seed & 1 == 0 ? "\n" : "\r\n")
            }
            if round % 3 == 0 { text += String(repeating: "y", count: round % 20) }
            for limit in [1, 3, 8, 16, 40] {
                let bytes = Array(text.utf8)
                let found = bytes.withUnsafeBufferPointer { YAMLReader.firstLongLine(in: $0, limit: limit) }
                let expected = naive(text, limit: limit)
                #expect(found?.line == expected?.0 && found?.bytes == expected?.1, "round \(round), limit \(limit)")
            }
        }
    }

    @Test func fileSizeLimit() {
        let limits = YAMLLimits(maxFileBytes: 10, maxDepth: 10, maxScalarBytes: 100, maxAliasExpansion: 10)
        #expect(read("a: 1234567\n", limits: limits).diagnostics.first?.message
            == "input is 11 bytes, over the limit of 10 bytes")
        #expect(read("a: 123456\n", limits: limits).diagnostics.isEmpty)
    }

    @Test func defaultsAreWhatTheDocsSay() {
        #expect(YAMLLimits.default.maxDepth == 128)
        #expect(YAMLLimits.default.maxScalarBytes == 1 << 20)
        #expect(YAMLLimits.default.maxAliasExpansion == 1_000_000)
        #expect(YAMLLimits.default.maxFileBytes == 256 << 20)
        #expect(YAMLLimits.default.maxLineBytes == 1 << 20)
    }
}

/// Deterministic bytes for fuzz-style tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Scalars are kept as bytes in one buffer per document and compared without building strings.
@Suite struct YAMLScalarTextTests {
    @Test func scalarsReadBackExactlyFromTheSharedBuffer() throws {
        let node = try root("a: Södermanland\nb: ''\nc: 🙂 x\nd: \"line\\nbreak\"\ne: plain text that is longer than fifteen bytes\n")
        #expect(node["a"]?.scalar == "Södermanland")
        #expect(node["b"]?.scalar == "")
        #expect(node["c"]?.scalar == "🙂 x")
        #expect(node["d"]?.scalar == "line\nbreak")
        #expect(node["e"]?.scalar == "plain text that is longer than fifteen bytes")
        #expect(node.scalar == nil)
    }

    @Test func nullIsReadFromTheBytes() throws {
        let node = try root("a: ~\nb: null\nc: NULL\nd: 'null'\ne: nul\nf:\ng: Nulls\n")
        #expect(["a", "b", "c", "f"].allSatisfy { node[$0]?.isNull == true })
        #expect(["d", "e", "g"].allSatisfy { node[$0]?.isNull == false })
    }
}
