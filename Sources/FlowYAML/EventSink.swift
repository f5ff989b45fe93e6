/// Where a parse session sends the events of its buffer, checked against the limits and with
/// the file's positions: into nodes (`DocumentBuilder`).
/// A class: the session calls it for every event.
protocol EventSink: AnyObject {
    var documents: [YAMLDocument] { get }
    var diagnostics: [Diagnostic] { get }
    func startDocument(at position: SourcePosition) throws
    func endDocument()
    func addScalar(
        _ bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, tag: YAMLTag, anchor: String?,
        start: SourcePosition, end: SourcePosition) throws
    func open(_ kind: YAMLNodeKind, tag: YAMLTag, anchor: String?, start: SourcePosition) throws
    func close(end: SourcePosition) throws
    func addAlias(_ name: String, at position: SourcePosition) throws
}
