public import FlowYAML

/// A system that processes data without keeping it at rest.
public struct ProcessingSystem: Sendable {
    public var id: String
    public var name: String?
    public var operator_: String
    /// Declared location; `nil` means the operator's country.
    public var location: String?
    public var accessedBy: [String]
    /// Where each `accessed_by` item is written: the spans of access edges.
    public var accessedBySpans: [SourceSpan]
    public var origin: EntityOrigin
}
