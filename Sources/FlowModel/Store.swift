public import FlowYAML

/// Storage of data at rest. Absent security fields stay `nil`: undeclared is not a value.
public struct Store: Sendable {
    public var id: String
    public var name: String?
    public var operator_: String
    public var location: String?
    public var encryptionAtRest: EncryptionAtRest?
    public var access: StoreAccess?
    public var retention: Retention?
    public var holds: [String]
    public var accessedBy: [String]
    /// Where each `accessed_by` item is written: the spans of access edges.
    public var accessedBySpans: [SourceSpan]
    public var origin: EntityOrigin
}
