public import FlowYAML

/// Storage of data at rest. Absent security fields stay `nil`: undeclared is not a value.
public struct Store: Sendable, Equatable {
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
    public var accessLogging: AccessLogging?
    public var authentication: Authentication?
    public var deletion: Deletion?
    /// Terraform addresses of the resources it is deployed as (`[*]`: every instance).
    public var deployedAs: [String]
    public var origin: EntityOrigin
}

extension Store: ModelEntity {
    package static let kind = EntityKind.store
    package static let fields = FieldTable<Self>("store", doc: "Storage of data at rest", in: { $0.stores }, [
        .text("name", \.name, doc: "Name"),
        .text("operator", \.operator_, .reference([.organization]), doc: "The organization running it"),
        .text("location", \.location, .country, doc: "Where the data rests; default: the operator's country"),
        .word("encryption_at_rest", \.encryptionAtRest, doc: "Who holds the keys to the data at rest; absent = undeclared"),
        .word("access", \.access, doc: "Who can reach the storage; absent = undeclared"),
        .retention("retention", \.retention, doc: "How long data is kept; absent = undeclared"),
        .list("holds", \.holds, of: .reference([.data]), doc: "Data at rest here (flows into the store add to it)"),
        .list("accessed_by", \.accessedBy, of: .reference([.organization]), itemSpans: \Store.accessedBySpans,
              doc: "Organizations other than the operator with (remote) access"),
        .word("access_logging", \.accessLogging, doc: "Whether access is logged and the logs reviewed; absent = undeclared"),
        .word("authentication", \.authentication, doc: "How people sign in to it; absent = undeclared"),
        .word("deletion", \.deletion, doc: "Whether single records can be erased; absent = undeclared"),
        .list("deployed_as", \.deployedAs,
              doc: "Terraform addresses of the resources it is deployed as (`module.audio.aws_s3_bucket.recordings`; `[*]` matches every instance)"),
    ])

    package init(id: String, origin: EntityOrigin) {
        self.init(id: id, name: nil, operator_: "", location: nil, encryptionAtRest: nil, access: nil, retention: nil,
                  holds: [], accessedBy: [], accessedBySpans: [], accessLogging: nil, authentication: nil, deletion: nil, deployedAs: [],
                  origin: origin)
    }

    package static func add(_ store: consuming Self, to part: inout ModelPart) {
        part.definitions.append(EntityRef(kind: kind, index: part.stores.count))
        part.stores.append(store)
    }
}
