internal import CLibYAML
internal import Foundation

/// What reading one file gives: its documents, and every problem found.
/// Documents are returned only when there are no diagnostics.
package struct YAMLReadResult: Sendable {
    package var documents: [YAMLDocument]
    package var diagnostics: [Diagnostic]

    package init(documents: [YAMLDocument], diagnostics: [Diagnostic]) {
        self.documents = documents
        self.diagnostics = diagnostics
    }
}

/// The bytes of one file, within the file-size and line-length limits.
package struct YAMLSource: Sendable {
    package let file: String
    let bytes: [UInt8]

    package var byteCount: Int { bytes.count }
}

/// Reads YAML through libyaml's event API into located nodes, one loop and an explicit
/// stack (no recursion on user input), enforcing `YAMLLimits` as it goes.
package struct YAMLReader: Sendable {
    package var limits: YAMLLimits

    package init(limits: YAMLLimits = .default) {
        self.limits = limits
    }

    /// Reads a file from disk; `path` is also the name diagnostics use.
    package func read(path: String) -> YAMLReadResult {
        switch source(path: path) {
        case .success(let source): read(source)
        case .failure(let problem): failure(problem)
        }
    }

    /// Reads YAML text held in memory; `file` names it in spans and diagnostics.
    package func read(bytes: [UInt8], file: String) -> YAMLReadResult {
        switch source(bytes: bytes, file: file) {
        case .success(let source): read(source)
        case .failure(let problem): failure(problem)
        }
    }

    /// A file's bytes, once they pass the size and line limits.
    package func source(path: String) -> Result<YAMLSource, Diagnostic> {
        switch FileBytes.read(path, limit: limits.maxFileBytes) {
        case .success(let bytes):
            return source(bytes: bytes, file: path)
        case .failure(.tooLarge(let size)):
            return .failure(Diagnostic(
                "file is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes",
                file: path, position: nil))
        case .failure(.unreadable):
            return .failure(Diagnostic("cannot read file", file: path, position: nil))
        }
    }

    /// Bytes held in memory, once they pass the size and line limits. A UTF-8 byte order mark
    /// is dropped: editors on Windows write one, and the parser, held to UTF-8, would take it
    /// for text.
    package func source(bytes: [UInt8], file: String) -> Result<YAMLSource, Diagnostic> {
        let bytes = bytes.starts(with: Self.byteOrderMark) ? Array(bytes.dropFirst(Self.byteOrderMark.count)) : bytes
        if bytes.count > limits.maxFileBytes {
            return .failure(Diagnostic(
                "input is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes) bytes",
                file: file, position: nil))
        }
        let long = bytes.withUnsafeBufferPointer { Self.firstLongLine(in: $0, limit: limits.maxLineBytes) }
        if let long {
            return .failure(Diagnostic(
                "line \(long.line) is \(long.bytes) bytes long, over the limit of \(limits.maxLineBytes) bytes",
                file: file, position: SourcePosition(line: long.line, column: 1)))
        }
        return .success(YAMLSource(file: file, bytes: bytes))
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Parses a whole source.
    package func read(_ source: YAMLSource) -> YAMLReadResult {
        source.bytes.withUnsafeBufferPointer { buffer in
            var session = ParseSession(
                file: source.file, limits: limits, input: ParseInput(prefix: UnsafeBufferPointer(start: nil, count: 0), body: buffer),
                sink: DocumentBuilder(file: source.file, limits: limits, tracksExpansion: true, sizedFor: buffer.count))
            return session.run()
        }
    }

    /// Where `source` can be cut into pieces that parse in parallel (one piece when it cannot).
    /// A cut also goes before the first child of each section in `cutAtStart` (see `YAMLChunkPlanner.plan`).
    package func chunks(
        of source: YAMLSource, pieces: Int, minimumChunkBytes: Int = YAMLChunkPlanner.defaultMinimumChunkBytes,
        sections: Set<String>, cutAtStart: Set<String> = []
    ) -> [YAMLChunk] {
        source.bytes.withUnsafeBufferPointer {
            YAMLChunkPlanner.plan($0, pieces: pieces, minimumChunkBytes: minimumChunkBytes, sections: sections, cutAtStart: cutAtStart)
        }
    }

    /// The same chunks handed to `emit` while the file is still being scanned; false when the
    /// file is not cut (emitted chunks are then void, see `YAMLChunkPlanner.plan(_:pieces:minimumChunkBytes:sections:cutAtStart:emit:)`).
    package func chunks(
        of source: YAMLSource, pieces: Int, minimumChunkBytes: Int = YAMLChunkPlanner.defaultMinimumChunkBytes,
        sections: Set<String>, cutAtStart: Set<String> = [], emit: (YAMLChunk) -> Void
    ) -> Bool {
        source.bytes.withUnsafeBufferPointer {
            YAMLChunkPlanner.plan(
                $0, pieces: pieces, minimumChunkBytes: minimumChunkBytes, sections: sections, cutAtStart: cutAtStart, emit: emit)
        }
    }

    /// Parses one chunk into one document whose spans are the file's own. Nil when the chunk
    /// has any problem, or anchors (whose budget and scope are the file's): the caller then
    /// reads the file whole, which reports exactly what a whole read reports.
    package func read(_ source: YAMLSource, chunk: YAMLChunk) -> YAMLDocument? {
        guard chunk.continuedSection != nil || chunk.bytes.lowerBound == 0 || Self.startsTopLevelKey(chunk, in: source)
        else { return nil }
        let file = SourceSpan.unsharedFile(source.file)
        let result = Self.withInput(of: chunk, in: source) { input, lineOffset in
            var session = ParseSession(
                file: file, limits: limits, input: input, lineOffset: lineOffset, rejectsAnchors: true,
                followingToken: chunk.followingToken,
                sink: DocumentBuilder(
                    file: file, limits: limits, continuedSection: chunk.continuedSection, tracksExpansion: false,
                    sizedFor: input.count))
            return session.run()
        }
        guard result.diagnostics.isEmpty, result.documents.count == 1 else { return nil }
        return result.documents[0]
    }

    /// Hands one chunk's content to `visitor` instead of building nodes, as the events a read
    /// gives, with its positions (see `YAMLEventVisitor`, `TokenVisit`). False when the visitor
    /// stopped, or the chunk has anything a read would reject or treat specially (tags, anchors,
    /// limits, document markers): the caller then reads the chunk.
    package func visit(_ source: YAMLSource, chunk: YAMLChunk, with visitor: any YAMLEventVisitor) -> Bool {
        guard chunk.continuedSection != nil else { return false }
        return Self.withInput(of: chunk, in: source) { input, lineOffset in
            var walk = TokenVisit(
                visitor: visitor, positions: MarkPositions(lineOffset: lineOffset, followingToken: chunk.followingToken), limits: limits)
            return input.withParser { walk.run($0) } ?? false
        }
    }

    /// What is left of `chunk` from the file's line `line` on, where a top-level key starts (a
    /// visitor stopped there, at the section after the one the chunk continues): read as a
    /// chunk of its own, it gives what the rest of the whole chunk gives. Nil when the line is
    /// not inside the chunk or does not start with a key.
    package func rest(of chunk: YAMLChunk, fromLine line: Int, in source: YAMLSource) -> YAMLChunk? {
        guard line > chunk.firstLine else { return nil }
        // The planner cuts only files whose lines all end in LF or CRLF, as libyaml counts them.
        var offset = chunk.bytes.lowerBound
        var current = chunk.firstLine
        source.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while current < line, offset < chunk.bytes.upperBound,
                  let newline = memchr(base + offset, Int32(UInt8(ascii: "\n")), chunk.bytes.upperBound - offset) {
                offset = UnsafePointer(newline.assumingMemoryBound(to: UInt8.self)) - base + 1
                current += 1
            }
        }
        let rest = YAMLChunk(
            bytes: offset..<chunk.bytes.upperBound, continuedSection: nil, firstLine: line, followingToken: chunk.followingToken)
        guard current == line, offset < chunk.bytes.upperBound, Self.startsTopLevelKey(rest, in: source) else { return nil }
        return rest
    }

    /// A chunk that starts a line with a plain word (a section key at the top level), not inside
    /// a collection, nor at a document marker, directive or comment.
    private static func startsTopLevelKey(_ chunk: YAMLChunk, in source: YAMLSource) -> Bool {
        let start = chunk.bytes.lowerBound
        guard start > 0, start < source.bytes.count, source.bytes[start - 1] == UInt8(ascii: "\n") else { return false }
        let first = source.bytes[start]
        return (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
    }

    /// What a chunk parses as: its section's key, then its bytes in place (not copied after the
    /// key), with the line offset that numbers them as in the file.
    private static func withInput<Result>(
        of chunk: YAMLChunk, in source: YAMLSource, _ body: (ParseInput, Int) -> Result
    ) -> Result {
        var lineOffset = chunk.firstLine - 1
        var key: [UInt8] = []
        if let section = chunk.continuedSection {
            key = Array(section.utf8) + Array(":\n".utf8)
            lineOffset -= 1
        }
        return source.bytes.withUnsafeBufferPointer { whole in
            key.withUnsafeBufferPointer { key in
                body(ParseInput(prefix: key, body: UnsafeBufferPointer(rebasing: whole[chunk.bytes])), lineOffset)
            }
        }
    }

    package func read(text: String, file: String) -> YAMLReadResult {
        read(bytes: Array(text.utf8), file: file)
    }

    /// Looks only at the last newline of each window of `limit + 1` bytes: every line that starts
    /// before it ends within the window, so is short. A file is checked in (size / limit) steps
    /// instead of one per line (2.3 million at N = 20,000); lines are counted only for an error.
    static func firstLongLine(in buffer: UnsafeBufferPointer<UInt8>, limit: Int) -> (line: Int, bytes: Int)? {
        guard let base = buffer.baseAddress else { return nil }
        var lineStart = 0
        while buffer.count - lineStart > limit {
            // The window's last newline, searched from its end (usually a few bytes back).
            var last = lineStart + limit
            while last >= lineStart, buffer[last] != UInt8(ascii: "\n") { last -= 1 }
            guard last >= lineStart else {
                let end = memchr(base + lineStart, Int32(UInt8(ascii: "\n")), buffer.count - lineStart)
                    .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count
                return (lineNumber(of: lineStart, in: buffer), end - lineStart)
            }
            lineStart = last + 1
        }
        return nil
    }

    /// 1-based line of the byte at `offset`.
    private static func lineNumber(of offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = buffer.baseAddress else { return 1 }
        var line = 1
        var position = 0
        while position < offset, let found = memchr(base + position, Int32(UInt8(ascii: "\n")), offset - position) {
            line += 1
            position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        return line
    }

    private func failure(_ diagnostic: Diagnostic) -> YAMLReadResult {
        YAMLReadResult(documents: [], diagnostics: [diagnostic])
    }
}

extension YAMLTag {
    /// Where libyaml's resolved core-schema tags start (`!!str` is `tag:yaml.org,2002:str`).
    static let corePrefix = "tag:yaml.org,2002:"
}

/// One pass of libyaml over one buffer. Owns the C parser for its lifetime.
private struct ParseSession<Sink: EventSink> {
    let file: String
    let limits: YAMLLimits
    let input: ParseInput
    let positions: MarkPositions
    /// A chunk must not use anchors: their scope and expansion budget are the whole file's.
    let rejectsAnchors: Bool
    /// Builds nodes.
    let sink: Sink
    private var contentEnd = ContentEnd()

    init(file: String, limits: YAMLLimits, input: ParseInput, lineOffset: Int = 0,
         rejectsAnchors: Bool = false, followingToken: SourcePosition? = nil, sink: Sink) {
        self.file = file
        self.limits = limits
        self.input = input
        positions = MarkPositions(lineOffset: lineOffset, followingToken: followingToken)
        self.rejectsAnchors = rejectsAnchors
        self.sink = sink
    }

    mutating func run() -> YAMLReadResult {
        input.withParser { parser in runLoop(parser) }
            ?? YAMLReadResult(documents: [], diagnostics: [
                Diagnostic("libyaml could not start (out of memory)", file: file, position: nil),
            ])
    }

    private mutating func runLoop(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> YAMLReadResult {
        var event = yaml_event_t()
        do {
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else {
                    throw FatalYAMLError(diagnostic: libyamlDiagnostic(parser.pointee))
                }
                let finished = event.type == YAML_STREAM_END_EVENT
                do {
                    try handle(&event)
                } catch {
                    yaml_event_delete(&event)
                    throw error
                }
                yaml_event_delete(&event)
                if finished { break }
            }
        } catch let fatal as FatalYAMLError {
            return YAMLReadResult(documents: [], diagnostics: sink.diagnostics + [fatal.diagnostic])
        } catch {
            return YAMLReadResult(documents: [], diagnostics: [Diagnostic("\(error)", file: file, position: nil)])
        }
        if !sink.diagnostics.isEmpty {
            return YAMLReadResult(documents: [], diagnostics: sink.diagnostics)
        }
        return YAMLReadResult(documents: sink.documents, diagnostics: [])
    }

    private mutating func handle(_ event: inout yaml_event_t) throws {
        let start = position(event.start_mark)
        if rejectsAnchors, Self.hasAnchor(event) {
            throw fatal("anchors and aliases are read with the whole file", start)
        }
        let end = position(event.end_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            try sink.startDocument(at: start)
        case YAML_DOCUMENT_END_EVENT:
            sink.endDocument()
        case YAML_SCALAR_EVENT:
            let end = positions.scalarEnd(event.end_mark)
            let scalar = event.data.scalar
            if scalar.length > limits.maxScalarBytes {
                throw fatal("scalar of \(scalar.length) bytes is over the limit of \(limits.maxScalarBytes) bytes", start)
            }
            // Plain scalars, nearly all of a model, carry no tag.
            let tag = scalar.tag == nil ? .none : try scalarTag(scalar.tag, at: start)
            try sink.addScalar(
                UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), style: YAMLScalarStyle(scalar.style), tag: tag,
                anchor: scalar.anchor.map { String(cString: $0) }, start: start, end: end)
            contentEnd.content(start: start, end: end)
        case YAML_SEQUENCE_START_EVENT:
            let tag = try collectionTag(event.data.sequence_start.tag, expected: .sequence, at: start)
            try sink.open(.sequence, tag: tag, anchor: event.data.sequence_start.anchor.map { String(cString: $0) }, start: start)
        case YAML_MAPPING_START_EVENT:
            let tag = try collectionTag(event.data.mapping_start.tag, expected: .mapping, at: start)
            try sink.open(.mapping, tag: tag, anchor: event.data.mapping_start.anchor.map { String(cString: $0) }, start: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            try sink.close(end: contentEnd.close(at: end, block: event.start_mark.index == event.end_mark.index))
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            try sink.addAlias(name, at: start)
            contentEnd.content(start: start, end: end)
        default:
            break // stream start/end carry nothing we keep
        }
    }

    private static func hasAnchor(_ event: yaml_event_t) -> Bool {
        switch event.type {
        case YAML_ALIAS_EVENT: true
        case YAML_SCALAR_EVENT: event.data.scalar.anchor != nil
        case YAML_SEQUENCE_START_EVENT: event.data.sequence_start.anchor != nil
        case YAML_MAPPING_START_EVENT: event.data.mapping_start.anchor != nil
        default: false
        }
    }

    private func fatal(_ message: String, _ at: SourcePosition) -> FatalYAMLError {
        FatalYAMLError(diagnostic: Diagnostic(message, file: file, position: at))
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        positions.position(mark)
    }

    private static var corePrefix: String { YAMLTag.corePrefix }

    private func tagName(_ raw: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        raw.map { String(cString: $0) }
    }

    private func shortTag(_ tag: String) -> String {
        tag.hasPrefix(Self.corePrefix) ? "!!" + tag.dropFirst(Self.corePrefix.count) : tag
    }

    private func scalarTag(_ raw: UnsafeMutablePointer<yaml_char_t>?, at start: SourcePosition) throws -> YAMLTag {
        guard let tag = tagName(raw), tag != "!" else { return .none }
        switch tag {
        case Self.corePrefix + "str": return .string
        case Self.corePrefix + "int": return .integer
        case Self.corePrefix + "float": return .float
        case Self.corePrefix + "bool": return .boolean
        case Self.corePrefix + "null": return .null
        default:
            throw fatal("unsupported tag '\(shortTag(tag))': models use plain YAML scalars, lists and maps", start)
        }
    }

    private func collectionTag(_ raw: UnsafeMutablePointer<yaml_char_t>?, expected: YAMLTag, at start: SourcePosition) throws -> YAMLTag {
        guard let tag = tagName(raw), tag != "!" else { return .none }
        if expected == .mapping, tag == Self.corePrefix + "map" { return .mapping }
        if expected == .sequence, tag == Self.corePrefix + "seq" { return .sequence }
        throw fatal("unsupported tag '\(shortTag(tag))': models use plain YAML scalars, lists and maps", start)
    }

    private func libyamlDiagnostic(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch parser.error {
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a mark: count lines and code points up to it.
            let at = Self.position(ofByteOffset: Int(parser.problem_offset), in: input)
            var message = problem
            if parser.problem_value != -1 {
                message += " (byte 0x" + String(UInt8(truncatingIfNeeded: parser.problem_value), radix: 16, uppercase: true) + ")"
            }
            return Diagnostic(message, file: file, position: at)
        case YAML_MEMORY_ERROR:
            return Diagnostic("libyaml ran out of memory", file: file, position: nil)
        default:
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                message += " (\(context) that starts at \(position(parser.context_mark)))"
            }
            return Diagnostic(message, file: file, position: position(parser.problem_mark))
        }
    }

    /// Line and column of the byte at `offset` of what libyaml read: the key line, then the bytes.
    static func position(ofByteOffset offset: Int, in input: ParseInput) -> SourcePosition {
        var line = 1
        var column = 1
        func walk(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
            for byte in bytes {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
        }
        walk(input.prefix.prefix(offset))
        walk(input.body.prefix(max(0, offset - input.prefix.count)))
        return SourcePosition(line: line, column: column)
    }
}

extension YAMLScalarStyle {
    /// The style libyaml gives a scalar, in its tokens and its events alike.
    init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}
