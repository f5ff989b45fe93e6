/// Takes a chunk's content as it is scanned, without nodes being built (see `YAMLReader.visit`
/// and `TokenVisit`): the calls are the events a read would give, in its order and with its
/// positions (a read's spans). It sees only untagged scalars and collections, with no anchors
/// or aliases, of one implicit document. Each method returns false to stop: the chunk is then
/// read into nodes, which reports whatever the visitor did not expect exactly as a read does.
package protocol YAMLEventVisitor: AnyObject {
    /// `text` is valid only during the call.
    func scalar(_ text: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle, start: SourcePosition, end: SourcePosition) -> Bool
    func open(_ kind: YAMLNodeKind, start: SourcePosition) -> Bool
    func close(end: SourcePosition) -> Bool
}
