internal import Foundation

/// A piece of a file that libyaml can parse on its own: whole lines that continue the block
/// collection under a top-level key. The reader parses it behind a one-line prefix
/// (`section:`) and shifts its line numbers, so its nodes carry the file's own positions.
package struct YAMLChunk: Sendable, Hashable {
    /// Byte range of the file.
    package var bytes: Range<Int>
    /// The top-level key whose collection this chunk continues; nil for a chunk that starts the file.
    package var continuedSection: String?
    /// 1-based line of the chunk's first byte.
    package var firstLine: Int
    /// Where the next chunk's first token is (1-based), nil for the file's last chunk. A whole
    /// read ends the collections open at the cut there; this chunk's parse ends them at its
    /// end of input, column 1 of the same line, which the reader moves here.
    package var followingToken: SourcePosition?
    /// The line of the key of `continuedSection`, as the scan saw it: a reader checks that the
    /// chunks before it parse that line as the key (a quoted text may run onto a line that only
    /// looks like one).
    package var sectionLine: Int?

    package init(
        bytes: Range<Int>, continuedSection: String?, firstLine: Int, followingToken: SourcePosition? = nil,
        sectionLine: Int? = nil
    ) {
        self.bytes = bytes
        self.continuedSection = continuedSection
        self.firstLine = firstLine
        self.followingToken = followingToken
        self.sectionLine = sectionLine
    }
}

/// Finds where a large file can be cut so its pieces parse in parallel.
///
/// A cut goes only before a line that starts a child of a top-level collection named in
/// `sections` (`  - ...` in a list, `  key:` in a map) at exactly the indentation of that
/// collection's first child. Inside any multi-line construct such a line either cannot occur
/// (block scalars and plain continuations must be indented deeper) or leaves the piece before
/// it unterminated (quotes, flow collections), which fails its parse; callers then read the
/// file whole. Files with constructs the scan does not model (document markers, directives,
/// line breaks other than LF and CRLF, non-UTF-8 encodings) are not cut at all.
package enum YAMLChunkPlanner {
    /// Pieces smaller than this are not worth a parser of their own. It bounds the last pieces
    /// too, which must stay small for the cores to finish together.
    package static let defaultMinimumChunkBytes = 256 * 1024

    /// Pieces of `buffer`, about `pieces` of them at equal size, none under `minimumChunkBytes`;
    /// near the end each takes a `4/pieces` share of what is left (with eight pieces a core: half
    /// a core's share), so the last pieces are small. One whole piece when the file is not cut.
    /// Sections in `cutAtStart` (of `sections`) also get a cut before their first child, whatever
    /// the size, so that all their children are in chunks that continue them (see
    /// `YAMLReader.visit`).
    package static func plan(
        _ buffer: UnsafeBufferPointer<UInt8>, pieces: Int, minimumChunkBytes: Int, sections: Set<String>,
        cutAtStart: Set<String> = []
    ) -> [YAMLChunk] {
        var chunks: [YAMLChunk] = []
        let cut = plan(buffer, pieces: pieces, minimumChunkBytes: minimumChunkBytes, sections: sections, cutAtStart: cutAtStart) {
            chunks.append($0)
        }
        return cut ? chunks : [YAMLChunk(bytes: 0..<buffer.count, continuedSection: nil, firstLine: 1)]
    }

    /// The same pieces, each handed to `emit` as soon as the scan has passed its end, so that
    /// parsing can start while the rest of a large file is scanned. True when the file is cut;
    /// false when it is not, in which case any pieces already emitted are void (the scan met a
    /// construct it does not model) and the file is to be read whole.
    package static func plan(
        _ buffer: UnsafeBufferPointer<UInt8>, pieces: Int, minimumChunkBytes: Int, sections: Set<String>,
        cutAtStart: Set<String> = [], emit: (YAMLChunk) -> Void
    ) -> Bool {
        let target = max(minimumChunkBytes, buffer.count / max(pieces, 1))
        guard pieces > 1, buffer.count >= 2 * target, buffer.baseAddress != nil else { return false }
        let sizes = PieceSizes(target: target, minimum: minimumChunkBytes, tailShare: max(1, pieces / 4), total: buffer.count)
        // The encoding is checked after the scan, so that the first pieces go out at once; if
        // it fails, what was emitted is void.
        return cutPoints(buffer, sizes: sizes, sections: sections, cutAtStart: cutAtStart, emit: emit) && isPlainUTF8(buffer)
    }

    /// How long each piece should be: `target` bytes until the end of the file is near, then a
    /// `1/tailShare` share of what is left, never under `minimum`: with pieces of equal size one
    /// core would idle for up to a whole piece while another parsed the last one; shrinking
    /// pieces let the cores finish together (guided scheduling).
    struct PieceSizes {
        let target: Int
        let minimum: Int
        let tailShare: Int
        let total: Int

        func size(from start: Int) -> Int {
            min(target, max(minimum, (total - start) / tailShare))
        }
    }

    /// The chunks of a file cut before the first child line past each piece's size, emitted in
    /// order; false when the file cannot (or need not) be cut.
    private static func cutPoints(
        _ buffer: UnsafeBufferPointer<UInt8>, sizes: PieceSizes, sections: Set<String>, cutAtStart: Set<String>,
        emit: (YAMLChunk) -> Void
    ) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        var emitted = false
        var chunkStart = 0
        var chunkLine = 1
        var chunkSection: String?
        var chunkSectionLine: Int?
        var section: String?
        var sectionLine = 0
        var childIndent: Int?
        var childIsItem = false
        var offset = 0
        var line = 1
        func cut(before indent: Int, continuing section: String) {
            emit(YAMLChunk(
                bytes: chunkStart..<offset, continuedSection: chunkSection, firstLine: chunkLine,
                followingToken: SourcePosition(line: line, column: indent + 1), sectionLine: chunkSectionLine))
            emitted = true
            chunkStart = offset
            chunkLine = line
            chunkSection = section
            chunkSectionLine = sectionLine
        }
        while offset < buffer.count {
            let lineEnd = nextLineFeed(base, from: offset, end: buffer.count)
            // A line indented deeper than the section's children changes nothing: most lines of
            // a model are fields of an entity, and are passed over on their first bytes.
            if section != nil, let expected = childIndent, offset + expected < lineEnd,
               isSpaces(base + offset, count: expected + 1) {
                offset = lineEnd + 1
                line += 1
                continue
            }
            let text = UnsafeBufferPointer(rebasing: buffer[offset..<lineEnd])
            let indent = text.prefix { $0 == UInt8(ascii: " ") }.count
            let first = indent < text.count ? text[indent] : nil
            let blank = first == nil || first == UInt8(ascii: "#") || first == UInt8(ascii: "\r")
            if !blank, let first {
                let isEntry = first == UInt8(ascii: "-") && (indent + 1 == text.count || [UInt8(ascii: " "), UInt8(ascii: "\r")].contains(text[indent + 1]))
                if indent == 0, !isEntry {
                    if first == UInt8(ascii: "%") || startsDocumentMarker(text) { return false }
                    section = sectionKey(text).flatMap { sections.contains($0) ? $0 : nil }
                    sectionLine = line
                    childIndent = nil
                } else if let current = section {
                    if childIndent == nil {
                        childIndent = indent
                        childIsItem = isEntry
                        if !isEntry, indent == 0 {
                            section = nil
                        } else if cutAtStart.contains(current), offset > chunkStart {
                            cut(before: indent, continuing: current)
                        }
                    } else if let expected = childIndent, indent == expected {
                        let startsChild = childIsItem ? isEntry : startsKey(first)
                        let size = sizes.size(from: chunkStart)
                        if startsChild, offset - chunkStart >= size, buffer.count - offset >= size / 2 {
                            cut(before: indent, continuing: current)
                        } else if !startsChild {
                            section = nil
                        }
                    } else if let expected = childIndent, indent < expected {
                        section = nil
                    }
                }
            }
            offset = lineEnd + 1
            line += 1
        }
        guard emitted else { return false }
        emit(YAMLChunk(bytes: chunkStart..<buffer.count, continuedSection: chunkSection, firstLine: chunkLine,
                       sectionLine: chunkSectionLine))
        return true
    }

    /// The offset of the first LF at or after `start`, or `end`.
    static func nextLineFeed(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        guard start < end, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start) else { return end }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    private static func isSpaces(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
        for index in 0..<count where start[index] != UInt8(ascii: " ") { return false }
        return true
    }

    /// `name:` alone on a line (a comment may follow): a key whose value is the block below.
    static func sectionKey(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard let colon = text.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return nil }
        let name = text[..<colon]
        guard name.allSatisfy({ isKeyByte($0) }) else { return nil }
        let rest = text[(colon + 1)...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
        guard rest.isEmpty || rest.first == UInt8(ascii: "#") else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// A plain map key starts with a letter, digit, underscore or a quote.
    private static func startsKey(_ byte: UInt8) -> Bool {
        isKeyByte(byte) && byte != UInt8(ascii: "-") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static func startsDocumentMarker(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.count >= 3 && (text.prefix(3).allSatisfy { $0 == UInt8(ascii: "-") } || text.prefix(3).allSatisfy { $0 == UInt8(ascii: ".") })
    }

    /// UTF-8 (a BOM allowed) whose only line breaks are LF and CRLF: libyaml also breaks lines
    /// at a lone CR, NEL, LS and PS, which a newline count would miss.
    static func isPlainUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        if let first = buffer.first, first == 0 || first == 0xFE || first == 0xFF { return false }
        // memchr for the three lead bytes: models have almost none, and no parser starts before
        // this check.
        let followers: [(lead: UInt8, rejects: (UnsafeBufferPointer<UInt8>, Int) -> Bool)] = [
            (UInt8(ascii: "\r"), { $1 + 1 >= $0.count || $0[$1 + 1] != UInt8(ascii: "\n") }),
            (0xC2, { $1 + 1 < $0.count && $0[$1 + 1] == 0x85 }),
            (0xE2, { $1 + 2 < $0.count && $0[$1 + 1] == 0x80 && ($0[$1 + 2] == 0xA8 || $0[$1 + 2] == 0xA9) }),
        ]
        guard let base = buffer.baseAddress else { return true }
        for (lead, rejects) in followers {
            var offset = 0
            while offset < buffer.count,
                  let found = memchr(base + offset, Int32(lead), buffer.count - offset) {
                let index = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                if rejects(buffer, index) { return false }
                offset = index + 1
            }
        }
        return true
    }
}
