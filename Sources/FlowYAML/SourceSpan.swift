/// A 1-based line and column; columns count Unicode code points, as libyaml's marks do.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Where a node, entity or finding comes from: a file and the range within it.
public struct SourceSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var start: SourcePosition
    public var end: SourcePosition

    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// `file` in string storage of its own, for the spans of one chunk. Every span holds its file
    /// name, and with one string object behind all of a national model's spans, every copy of
    /// a span on any core was an atomic retain of that one object, contended between cores.
    public static func unsharedFile(_ file: String) -> String {
        String(decoding: Array(file.utf8), as: UTF8.self)
    }

    /// A span for something that has a file but no position (an empty stream, a CLI argument).
    public static func wholeFile(_ file: String) -> SourceSpan {
        SourceSpan(file: file, start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
    }

    /// The last line holding a character of the span. A block scalar ends after its line break,
    /// at the start of the next line, which holds none of it.
    public var lastLine: Int { endsAtLineStart ? end.line - 1 : max(end.line, start.line) }

    /// The column after the span's last character on `lastLine`; nil when the span runs to the
    /// end of that line.
    public var lastColumn: Int? {
        if endsAtLineStart { return nil }
        return end.line > start.line ? end.column : max(end.column, start.column)
    }

    private var endsAtLineStart: Bool { end.column == 1 && end.line > start.line }

    public static func < (lhs: SourceSpan, rhs: SourceSpan) -> Bool {
        (lhs.file, lhs.start, lhs.end) < (rhs.file, rhs.start, rhs.end)
    }

    /// `file:line:col`, the prefix every diagnostic and finding uses.
    public var description: String { "\(file):\(start.line):\(start.column)" }
}
