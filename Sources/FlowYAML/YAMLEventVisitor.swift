/// Takes a chunk's events as they are parsed, without nodes being built (see
/// `YAMLReader.visit`). It sees only untagged scalars and collections, with no anchors or
/// aliases, of one document; positions are the file's, as a read's spans give them. Each
/// method returns false to stop: the chunk is then read into nodes, which reports whatever
/// the visitor did not expect exactly as a read does.
public protocol YAMLEventVisitor: AnyObject {
    /// `text` is valid only during the call.
    func scalar(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, start: SourcePosition, end: SourcePosition) -> Bool
    func open(_ kind: YAMLNodeKind, start: SourcePosition) -> Bool
    func close(end: SourcePosition) -> Bool
}

/// Passes events to a visitor; anything it does not take stops the session. The visitor is
/// held as an existential: a generic sink, instantiated from another module, ran the whole
/// parse loop unspecialized.
final class VisitingSink: EventSink {
    let visitor: any YAMLEventVisitor
    let file: String
    let maxDepth: Int
    private var depth = 0
    private var documentCount = 0
    let documents: [YAMLDocument] = []
    let diagnostics: [Diagnostic] = []

    init(visitor: any YAMLEventVisitor, file: String, maxDepth: Int) {
        self.visitor = visitor
        self.file = file
        self.maxDepth = maxDepth
    }

    private func stop(_ position: SourcePosition) -> FatalYAMLError {
        FatalYAMLError(diagnostic: Diagnostic("the visitor stopped", file: file, position: position))
    }

    func startDocument(at position: SourcePosition) throws {
        documentCount += 1
        if documentCount > 1 { throw stop(position) }
    }

    func endDocument() {}

    func addScalar(
        _ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, tag: YAMLTag, anchor: String?,
        start: SourcePosition, end: SourcePosition
    ) throws {
        guard tag == .none, anchor == nil, visitor.scalar(bytes, style: style, start: start, end: end) else { throw stop(start) }
    }

    func open(_ kind: YAMLNodeKind, tag: YAMLTag, anchor: String?, start: SourcePosition) throws {
        depth += 1
        guard depth <= maxDepth, tag == .none, anchor == nil, visitor.open(kind, start: start) else { throw stop(start) }
    }

    func close(end: SourcePosition) throws {
        depth -= 1
        guard visitor.close(end: end) else { throw stop(end) }
    }

    func addAlias(_ name: String, at position: SourcePosition) throws {
        throw stop(position)
    }
}
