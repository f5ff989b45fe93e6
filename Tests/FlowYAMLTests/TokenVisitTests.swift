import Testing
@testable import FlowYAML

/// `YAMLReader.visit` walks libyaml's tokens instead of its events: what it hands a visitor must
/// be exactly what a read of the same chunk gives (nodes, styles, texts and spans), or it must
/// stop (the chunk is then read). A read's nodes are the reference here.
@Suite struct TokenVisitTests {
    /// Writes down every call, and stops at call `stopAt` when given.
    final class Recorder: YAMLEventVisitor {
        var calls: [String] = []
        let stopAt: Int?

        init(stopAt: Int? = nil) {
            self.stopAt = stopAt
        }

        private func record(_ call: String) -> Bool {
            calls.append(call)
            return calls.count != stopAt
        }

        func scalar(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, start: SourcePosition, end: SourcePosition) -> Bool {
            record("scalar \(style) \(String(reflecting: String(decoding: text, as: UTF8.self))) \(start)-\(end)")
        }

        func open(_ kind: YAMLNodeKind, start: SourcePosition) -> Bool {
            record("open \(kind) \(start)")
        }

        func close(end: SourcePosition) -> Bool {
            record("close \(end)")
        }
    }

    /// The calls a read's nodes stand for, in document order.
    static func calls(of node: YAMLNode) -> [String] {
        let span = node.span
        switch node.kind {
        case .scalar:
            return ["scalar \(node.style) \(String(reflecting: node.scalar ?? "")) \(span.start)-\(span.end)"]
        case .sequence:
            return ["open sequence \(span.start)"] + node.items.flatMap(calls) + ["close \(span.end)"]
        case .mapping:
            return ["open mapping \(span.start)"] + node.entries.flatMap { calls(of: $0.key) + calls(of: $0.value) } + ["close \(span.end)"]
        }
    }

    static let reader = YAMLReader()

    /// `section:` and `body` as one chunk continuing the section, from line 2 (as a chunk is
    /// read): the calls of the walk and whether it finished, and the calls of a read (nil when
    /// the read has a problem).
    static func bothWays(
        _ body: String, section: String = "flows", reader: YAMLReader = reader, followingToken: SourcePosition? = nil
    ) throws -> (walked: [String], finished: Bool, read: [String]?) {
        let text = section + ":\n" + body
        let source = try reader.source(bytes: Array(text.utf8), file: "t.yaml").get()
        let chunk = YAMLChunk(
            bytes: section.utf8.count + 2..<text.utf8.count, continuedSection: section, firstLine: 2, followingToken: followingToken)
        let recorder = Recorder()
        let finished = reader.visit(source, chunk: chunk, with: recorder)
        let read = reader.read(source, chunk: chunk)?.root.map(calls)
        return (recorder.calls, finished, read)
    }

    static let supported: [String] = [
        // Block mappings in a block sequence, every scalar style.
        "  - id: f1\n    from: a\n    to: 'b c'\n    purpose: \"care \\u00e9\"\n",
        "  - note: |\n      two\n      lines\n    other: >-\n      folded\n      text\n    last: x\n",
        "  - plain: a multi\n      line plain\n    after: y\n",
        // Empty values: before another key, at a mapping's end, at the chunk's end.
        "  - a:\n    b: 1\n    c:\n  - d: ~\n    e:\n",
        // Indentless and indented lists, with empty items.
        "  - data:\n    - x\n    - y\n    to: b\n",
        "  - data:\n      - x\n      -\n      - z\n",
        "  - data:\n    -\n    - y\n",
        "  - data:\n    - x\n  - data:\n    - z\n",
        // Flow sequences: empty, trailing comma, nested, over lines.
        "  - data: [a, 'b', \"c\"]\n    none: []\n    trail: [a, b,]\n    nested: [[a], [], b]\n",
        "  - data: [a,\n      b,\n      c]\n",
        // Flow mappings: whole entities, nested, empty values, trailing comma.
        "  - {from: a, to: b, data: [d]}\n  - {id: x, purpose: , note: }\n  - {}\n  - {a: {b: c}, d: [e, {f: g}],}\n",
        // Comments and blank lines everywhere.
        "  # first\n  - id: f1 # trailing\n\n    # between\n    to: b\n  # last\n",
        // An explicit key that is a scalar gives the same events as a plain one.
        "  - ? explicit\n    : key\n    plain: key\n",
        // Lists of mappings and scalars mixed, sequences of sequences.
        "  - - a\n    - b\n  - c\n  -\n  - [d]\n",
    ]

    @Test(arguments: supported) func walksWhatAReadGives(_ body: String) throws {
        let (walked, finished, read) = try Self.bothWays(body)
        #expect(finished)
        #expect(walked == read)
    }

    @Test func keyedSectionsAndTheNextSection() throws {
        let body = "  s1:\n    name: S\n    holds: [a]\n  s2: {name: T}\n  s3:\nagreements:\n  - type: dpa\nwaivers: []\n"
        let (walked, finished, read) = try Self.bothWays(body, section: "stores")
        #expect(finished)
        #expect(walked == read)
        #expect(walked.contains("scalar plain \"agreements\" 7:1-7:11"))
    }

    @Test func lineBreaksOfEitherKind() throws {
        let (walked, finished, read) = try Self.bothWays("  - id: f1\r\n    to: b\r\n    data:\r\n    - x\r\n")
        #expect(finished)
        #expect(walked == read)
    }

    /// Block collections end at their last character, not where the next chunk's first token is;
    /// flow collections at their bracket.
    @Test func blockCollectionsEndAtTheirLastCharacter() throws {
        let following = SourcePosition(line: 5, column: 3)
        let (walked, finished, read) = try Self.bothWays("  - id: f1\n    data:\n    - x\n", followingToken: following)
        #expect(finished)
        #expect(walked == read)
        #expect(walked.suffix(3) == ["close 4:8", "close 4:8", "close 4:8"])
        let flow = try Self.bothWays("  - {id: f1, data: [x] }  \n  - id: f2\n    notes: |\n      two\n      lines\n\n", followingToken: following)
        #expect(flow.finished && flow.walked == flow.read)
        #expect(flow.walked.contains("close 2:23") && flow.walked.contains("close 2:25"))
        // A block scalar ends at the start of the line after the blank lines it takes in.
        #expect(flow.walked.suffix(3) == ["close 8:1", "close 8:1", "close 8:1"])
    }

    /// Chunks of a generated national model, cut as a check cuts them.
    @Test func generatedChunksWalkAsTheyRead() throws {
        var text = "flows:\n"
        for index in 0..<400 {
            text += "  - id: flow-\(index)\n    from: org-\(index % 7)\n    to: 'sys-\(index % 11)'\n"
            text += index % 3 == 0 ? "    data: [d\(index % 5), d\(index % 4)]\n" : "    data:\n    - d\(index % 5)\n"
            text += index % 5 == 0 ? "    encrypted_in_transit: false\n" : "    purpose:\n"
        }
        text += "stores:\n"
        for index in 0..<300 {
            text += "  store-\(index):\n    name: Store \(index)\n    holds: [d\(index % 5)]\n    accessed_by:\n      - org-\(index % 3)\n"
        }
        let source = try Self.reader.source(bytes: Array(text.utf8), file: "g.yaml").get()
        let chunks = Self.reader.chunks(of: source, pieces: 8, minimumChunkBytes: 2048, sections: ["flows", "stores"])
        let continuing = chunks.filter { $0.continuedSection != nil }
        #expect(continuing.count >= 4)
        for chunk in continuing {
            let recorder = Recorder()
            #expect(Self.reader.visit(source, chunk: chunk, with: recorder), "chunk at line \(chunk.firstLine)")
            let read = try #require(Self.reader.read(source, chunk: chunk)?.root.map(Self.calls))
            #expect(recorder.calls == read, "chunk at line \(chunk.firstLine)")
        }
    }

    /// What models are not written in stops the walk, after nothing a read would not give.
    static let unsupported: [String] = [
        "  - id: &a f1\n    to: *a\n",
        "  - id: !!str f1\n",
        "  - ? [complex]\n    : key\n",
        "  - : no key\n",
        "  - data: [a: b]\n",
        "  - {a}\n",
        "  - id: f1\n---\n- second\n",
        "  - id: f1\n...\n",
        "  - id: \"unterminated\n",
        // Collections left open: the scanner takes them, only the parser refuses them.
        "  - data: [a, b\n",
        "  - {from: a, to: b\n",
        "  - data: [a, b\n  - id: f2\n",
        "  - id: f1\n     to: b\n",
        "  - id: f1\n  id2\n",
    ]

    @Test(arguments: unsupported) func stopsOnWhatItDoesNotWalk(_ body: String) throws {
        let (walked, finished, read) = try Self.bothWays(body)
        #expect(!finished)
        if let read {
            #expect(Array(read.prefix(walked.count)) == walked)
        }
    }

    @Test func stopsAtTheLimits() throws {
        let deep = YAMLReader(limits: YAMLLimits(maxFileBytes: 1 << 20, maxDepth: 3, maxScalarBytes: 8, maxAliasExpansion: 10))
        #expect(try Self.bothWays("  - id: f1\n", reader: deep).finished)
        #expect(try !Self.bothWays("  - data: [x]\n", reader: deep).finished)
        #expect(try Self.bothWays("  - id: 12345678\n", reader: deep).finished)
        #expect(try !Self.bothWays("  - id: 123456789\n", reader: deep).finished)
    }

    /// A visitor that stops is not called again, wherever it stops.
    @Test func theVisitorStopsTheWalk() throws {
        let body = "  - id: f1\n    data: [a, b]\n    to:\n  - {x: y}\n"
        let text = "flows:\n" + body
        let source = try Self.reader.source(bytes: Array(text.utf8), file: "s.yaml").get()
        let chunk = YAMLChunk(bytes: 7..<text.utf8.count, continuedSection: "flows", firstLine: 2)
        let all = try Self.bothWays(body).walked
        #expect(all.count == 20)
        for stop in 1...all.count {
            let recorder = Recorder(stopAt: stop)
            #expect(!Self.reader.visit(source, chunk: chunk, with: recorder))
            #expect(recorder.calls == Array(all.prefix(stop)))
        }
    }
}
