import Testing
@testable import FlowYAML

@Suite struct YAMLChunkPlannerTests {
    static let sections: Set<String> = ["items", "things"]

    static func plan(_ text: String, minimum: Int = 16) -> [YAMLChunk] {
        Array(text.utf8).withUnsafeBufferPointer {
            YAMLChunkPlanner.plan($0, pieces: 64, minimumChunkBytes: minimum, sections: sections)
        }
    }

    static func lineStarts(_ text: String, _ chunks: [YAMLChunk]) -> [String] {
        let bytes = Array(text.utf8)
        return chunks.map { chunk in
            String(decoding: bytes[chunk.bytes].prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        }
    }

    @Test func cutsOnlyBeforeChildrenOfNamedSections() {
        let text = "items:\n" + (0..<6).map { "  - id: \($0)\n    note: x\n" }.joined()
            + "other:\n" + (0..<6).map { "  k\($0): v\n" }.joined()
            + "things:\n" + (0..<6).map { "  t\($0):\n    a: 1\n" }.joined()
        let chunks = Self.plan(text)
        #expect(chunks.count > 3)
        for (chunk, start) in zip(chunks.dropFirst(), Self.lineStarts(text, chunks).dropFirst()) {
            #expect(chunk.continuedSection == "items" ? start.hasPrefix("  - id:") : start.hasPrefix("  t"), "\(start)")
            #expect(chunk.continuedSection != "other")
        }
        // Chunks tile the file and know their first line.
        #expect(chunks.first?.bytes.lowerBound == 0)
        #expect(chunks.last?.bytes.upperBound == text.utf8.count)
        for (left, right) in zip(chunks, chunks.dropFirst()) {
            #expect(left.bytes.upperBound == right.bytes.lowerBound)
            let lines = text.utf8.prefix(right.bytes.lowerBound).filter { $0 == UInt8(ascii: "\n") }.count
            #expect(right.firstLine == lines + 1)
        }
    }

    /// A section named in `cutAtStart` gets a cut before its first child, however small the
    /// piece before it: all its children are then in chunks that continue it.
    @Test func cutsWhereAnEventSectionStarts() {
        let text = "things:\n" + (0..<40).map { "  t\($0):\n    a: 1\n" }.joined()
            + "items:\n# first\n" + (0..<40).map { "  - id: \($0)\n" }.joined()
        func plan(_ cutAtStart: Set<String>) -> [YAMLChunk] {
            Array(text.utf8).withUnsafeBufferPointer {
                YAMLChunkPlanner.plan($0, pieces: 2, minimumChunkBytes: 64, sections: Self.sections, cutAtStart: cutAtStart)
            }
        }
        let plain = Self.lineStarts(text, plan([]))
        let cut = plan(["items"])
        let starts = Self.lineStarts(text, cut)
        #expect(!plain.contains("  - id: 0"))
        #expect(starts.contains("  - id: 0"))
        let first = try? #require(cut.first { $0.continuedSection == "items" })
        #expect(first.map { Self.lineStarts(text, [$0]) } == ["  - id: 0"])
        #expect(first?.firstLine == 84)
        // The piece before ends with the section's key (and the comment under it).
        let before = cut.first { $0.bytes.upperBound == first?.bytes.lowerBound }
        #expect(before.map { String(decoding: Array(text.utf8)[$0.bytes], as: UTF8.self).hasSuffix("  t39:\n    a: 1\nitems:\n# first\n") } == true)
        #expect(before?.followingToken == SourcePosition(line: 84, column: 3))
        #expect(cut.count == plain.count + 1)
    }

    /// Pieces keep the target size until the end is near, then shrink towards the minimum, so
    /// that no core waits long for another's last piece.
    @Test func lineFeedsAreFound() {
        // Every position of the first LF in 0..<24 bytes, among bytes near it, and none.
        let fillers: [UInt8] = [0x0B, 0x8A, 0x09, 0x20, 0xFF, 0x00, 0x0A ^ 0x80]
        for length in 0..<24 {
            for target in 0...length {
                for filler in fillers {
                    var bytes = [UInt8](repeating: filler, count: length)
                    if target < length { bytes[target] = UInt8(ascii: "\n") }
                    if target + 1 < length { bytes[target + 1] = UInt8(ascii: "\n") }
                    let found = bytes.withUnsafeBufferPointer { buffer in
                        buffer.baseAddress.map { YAMLChunkPlanner.nextLineFeed($0, from: 0, end: length) } ?? 0
                    }
                    #expect(found == target, "length \(length), LF at \(target), filler \(filler)")
                }
            }
        }
        let text = Array("ab\ncd\n".utf8)
        #expect(text.withUnsafeBufferPointer { YAMLChunkPlanner.nextLineFeed($0.baseAddress!, from: 3, end: 7) } == 5)
    }

    @Test func deepLinesDoNotEndASection() {
        // Lines deeper than the children (fields, block scalars, list items of a field) are
        // passed over; a line less deep than the children stops cuts in that section.
        let deep = "items:\n" + (0..<8).map { "  - id: \($0)\n    tags:\n    - a\n    note: |\n      - b: c\n" }.joined()
        let chunks = Self.plan(deep)
        #expect(chunks.count > 2)
        #expect(Self.lineStarts(deep, chunks).dropFirst().allSatisfy { $0.hasPrefix("  - id:") })
        let shallow = "items:\n  - id: 0\n note\n" + (1..<8).map { "  - id: \($0)\n    note: x\n" }.joined()
        #expect(Self.plan(shallow).count == 1)
    }

    @Test func piecesShrinkTowardsTheEnd() {
        let line = 19 // "  - id: item10000\n"
        let text = "items:\n" + (0..<2000).map { "  - id: item\($0 + 10000)\n" }.joined()
        let (pieces, minimum) = (16, 256)
        let target = text.utf8.count / pieces
        let sizes = Array(text.utf8).withUnsafeBufferPointer {
            YAMLChunkPlanner.plan($0, pieces: pieces, minimumChunkBytes: minimum, sections: Self.sections).map(\.bytes.count)
        }
        #expect(sizes.count > pieces)
        #expect(sizes.reduce(0, +) == text.utf8.count)
        // Cuts fall on item lines, so a size may run over its goal by one line.
        #expect(sizes.dropLast().allSatisfy { $0 >= minimum && $0 < max(target, minimum) + 2 * line })
        for (current, next) in zip(sizes.dropLast(), sizes.dropLast().dropFirst()) {
            #expect(next <= current + line)
        }
        #expect(sizes.dropLast().last.map { $0 < target / 4 } == true)
        #expect(sizes[0] >= target)
    }

    @Test func smallFilesAndUnmodelledSyntaxStayWhole() {
        let items = "items:\n" + (0..<20).map { "  - id: \($0)\n" }.joined()
        #expect(Self.plan(items).count > 1)
        #expect(Self.plan(items, minimum: 1 << 20).count == 1)
        #expect(Self.plan("---\n" + items).count == 1)
        #expect(Self.plan("%YAML 1.1\n" + items).count == 1)
        #expect(Self.plan(items.replacingOccurrences(of: "\n", with: "\r")).count == 1)
        // A child at a shallower indentation than the first ends cutting in that section.
        let uneven = "items:\n    - id: 0\n" + (0..<20).map { "  - id: \($0)\n" }.joined()
        #expect(Self.plan(uneven).count == 1)
    }

    @Test func chunksParseWithTheFilesOwnPositions() throws {
        let text = "items:\n" + (0..<30).map { "  - id: \($0)\n    name: \"n\($0)\"\n" }.joined()
        let reader = YAMLReader()
        guard case .success(let source) = reader.source(bytes: Array(text.utf8), file: "f.yaml") else {
            Issue.record("no source")
            return
        }
        let chunks = reader.chunks(of: source, pieces: 4, minimumChunkBytes: 64, sections: Self.sections)
        #expect(chunks.count == 4)
        let whole = try #require(reader.read(source).documents.first?.root?["items"]?.items)
        var pieces: [YAMLNode] = []
        for chunk in chunks {
            let document = try #require(reader.read(source, chunk: chunk))
            #expect(document.continuedSection == chunk.continuedSection)
            pieces += document.root?["items"]?.items.map { $0 } ?? []
        }
        #expect(pieces.count == whole.count)
        for (piece, original) in zip(pieces, whole) {
            #expect(piece.span == original.span)
            #expect(piece["name"]?.span == original["name"]?.span)
            #expect(piece.span.end == original.span.end)
            #expect(piece["name"]?.scalar == original["name"]?.scalar)
        }
    }

    /// `text` as a source, cut in four small pieces.
    static func pieces(_ text: String) throws -> (reader: YAMLReader, source: YAMLSource, chunks: [YAMLChunk]) {
        let reader = YAMLReader()
        let source = try reader.source(bytes: Array(text.utf8), file: "f.yaml").get()
        let chunks = reader.chunks(of: source, pieces: 4, minimumChunkBytes: 64, sections: sections)
        #expect(chunks.count > 1)
        return (reader, source, chunks)
    }

    @Test func chunksWithAnchorsOrErrorsAreReadWhole() throws {
        let text = "items:\n  - &a {id: 0}\n" + (1..<30).map { "  - id: \($0)\n" }.joined() + "  - *a\n"
        let (reader, source, chunks) = try Self.pieces(text)
        #expect(reader.read(source, chunk: chunks[0]) == nil)
        #expect(reader.read(source, chunk: chunks[chunks.count - 1]) == nil)
        #expect(reader.read(source, chunk: chunks[1]) != nil)
    }

    @Test func chunksWithMergeKeysAreReadWhole() throws {
        // A merge copies entries and counts against the file's expansion budget, which no piece
        // can judge alone: the piece with the merge key refuses, the others still parse.
        let text = "items:\n" + (0..<29).map { "  - id: \($0)\n" }.joined() + "  - <<: {id: 29}\n    name: last\n"
        let (reader, source, chunks) = try Self.pieces(text)
        #expect(reader.read(source, chunk: chunks[chunks.count - 1]) == nil)
        #expect(reader.read(source, chunk: chunks[0]) != nil)
        let whole = reader.read(source)
        #expect(whole.diagnostics.isEmpty)
        #expect(whole.documents.first?.root?["items"]?.items.last?["id"]?.scalar == "29")
    }
}
