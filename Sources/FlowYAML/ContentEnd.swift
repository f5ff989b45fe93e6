/// Where the last character read so far ends. libyaml ends a block collection where it notices
/// the collection is over — the start of the next entry, often a line below — so a block
/// collection is given the end of its last child instead; flow collections end at their bracket.
struct ContentEnd {
    private(set) var position = SourcePosition(line: 1, column: 1)

    /// A scalar or alias; an empty scalar (a missing value) has no characters and moves nothing.
    mutating func content(start: SourcePosition, end: SourcePosition) {
        if end != start { position = end }
    }

    /// The end to give a collection that closes at `end`: a flow collection's bracket, or for a
    /// block collection (whose end libyaml marks with no width) its last child's end.
    mutating func close(at end: SourcePosition, block: Bool) -> SourcePosition {
        if !block { position = end }
        return position
    }
}
