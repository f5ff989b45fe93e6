internal import CLibYAML

/// Turns libyaml's marks (0-based, counted from the start of what it read) into the file's
/// 1-based positions, for a whole file or a chunk of one.
struct MarkPositions {
    /// Added to libyaml's lines: a chunk's first line is the file's line `lineOffset + 1`.
    let lineOffset: Int
    /// A chunk's end of input stands for the next chunk's first token (see `YAMLChunk`).
    let followingToken: SourcePosition?
    /// The line of `followingToken` in libyaml's numbering (0-based, before `lineOffset`), -1
    /// when there is none: every mark is checked against it.
    private let followingMarkLine: Int

    init(lineOffset: Int = 0, followingToken: SourcePosition? = nil) {
        self.lineOffset = lineOffset
        self.followingToken = followingToken
        followingMarkLine = followingToken.map { $0.line - 1 - lineOffset } ?? -1
    }

    func position(_ mark: yaml_mark_t) -> SourcePosition {
        if Int(mark.line) == followingMarkLine, mark.column == 0, let followingToken {
            return followingToken
        }
        return inFile(mark)
    }

    /// Where a scalar ends. A block scalar ends after its last line break, at the start of the
    /// next line: that is in the file even where the chunk ends, never the next chunk's token.
    func scalarEnd(_ mark: yaml_mark_t) -> SourcePosition {
        inFile(mark)
    }

    private func inFile(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1)
    }
}
