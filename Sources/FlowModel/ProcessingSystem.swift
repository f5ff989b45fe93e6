public import FlowYAML

/// A system that processes data without keeping it at rest.
public struct ProcessingSystem: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var operator_: String
    /// Declared location; `nil` means the operator's country.
    public var location: String?
    public var accessedBy: [String]
    /// Where each `accessed_by` item is written: the spans of access edges.
    public var accessedBySpans: [SourceSpan]
    public var accessLogging: AccessLogging?
    public var authentication: Authentication?
    public var origin: EntityOrigin
}

extension ProcessingSystem: ModelEntity {
    package static let kind = EntityKind.system
    package static let fields = FieldTable<Self>("system", doc: "A system that processes data without keeping it at rest", in: { $0.systems }, [
        .text("name", \.name, doc: "Name"),
        .text("operator", \.operator_, .reference([.organization]), doc: "The organization running it"),
        .text("location", \.location, .country, doc: "Where it runs; default: the operator's country"),
        .list("accessed_by", \.accessedBy, of: .reference([.organization]), itemSpans: \ProcessingSystem.accessedBySpans,
              doc: "Organizations other than the operator with (remote) access"),
        .word("access_logging", \.accessLogging, doc: "Whether access is logged and the logs reviewed; absent = undeclared"),
        .word("authentication", \.authentication, doc: "How people sign in to it; absent = undeclared"),
    ])

    package init(id: String, origin: EntityOrigin) {
        self.init(id: id, name: nil, operator_: "", location: nil, accessedBy: [], accessedBySpans: [], accessLogging: nil, authentication: nil,
                  origin: origin)
    }

    package static func add(_ system: consuming Self, to part: inout ModelPart) {
        part.definitions.append(EntityRef(kind: kind, index: part.systems.count))
        part.systems.append(system)
    }
}
