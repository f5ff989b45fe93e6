public import FlowYAML

/// Kinds of things a model defines; organizations, data, activities, systems and stores share one
/// id namespace.
public enum EntityKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case organization
    case data
    case activity
    case system
    case store
    case flow
    case agreement
    case incident
    case waiver

    /// Organizations, data, activities, systems and stores: their ids share one namespace.
    public var sharesNamespace: Bool {
        switch self {
        case .organization, .data, .activity, .system, .store: true
        case .flow, .agreement, .incident, .waiver: false
        }
    }

    /// "an organization", "a data set": for messages.
    public var withArticle: String {
        switch self {
        case .organization: "an organization"
        case .data: "a data set"
        case .activity: "an activity"
        case .system: "a system"
        case .store: "a store"
        case .flow: "a flow"
        case .agreement: "an agreement"
        case .incident: "an incident"
        case .waiver: "a waiver"
        }
    }

    /// "organization", "data set".
    public var singular: String { self == .data ? "data set" : rawValue }

    /// "organizations", "data sets", "activities": for docs.
    public var plural: String { self == .activity ? "activities" : singular + "s" }

    /// "1 organization", "3 data sets".
    public func counted(_ count: Int) -> String { "\(count) \(count == 1 ? singular : plural)" }

    /// "an organization, a system or a store".
    public static func phrase(_ kinds: [EntityKind]) -> String {
        let nouns = kinds.map(\.withArticle)
        guard nouns.count > 1, let last = nouns.last else { return nouns.first ?? "" }
        return nouns.dropLast().joined(separator: ", ") + " or " + last
    }

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Where an entity is defined, with lazy access to the spans of its fields
/// (kept as the YAML node rather than a table per entity, which would cost memory at scale).
public struct EntityOrigin: Sendable, Equatable {
    /// The id key for map entries, the item itself for list entries.
    public let span: SourceSpan
    /// Nil when the file was read in chunks: a large model's nodes were a third of its memory,
    /// and a model with any error is read again whole, with its nodes, for exact diagnostics.
    /// Spans needed after loading are kept on the entity (`DataSet.categoriesSpan`,
    /// `accessedBySpans`).
    package let node: YAMLNode?

    package init(span: SourceSpan, node: YAMLNode?) {
        self.span = span
        self.node = node
    }

    /// Equal where defined at the same place: whether the node is kept depends on how the file
    /// was read, never on what the model says.
    public static func == (lhs: EntityOrigin, rhs: EntityOrigin) -> Bool {
        lhs.span == rhs.span
    }

    /// The span of a field's value, or of the entity when the field is absent.
    public func span(of field: String) -> SourceSpan {
        node?[field]?.span ?? span
    }
}
