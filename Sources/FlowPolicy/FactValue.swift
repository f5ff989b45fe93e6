public import FlowModel
public import FlowGraph

/// What rules inspect: model entities and the graph's derived relations.
public enum SubjectKind: String, Sendable, Hashable, CaseIterable {
    case organization
    case data
    case activity
    case system
    case store
    case flow
    case agreement
    case incident
    case waiver
    /// A third-country transfer (a flow, an access edge, offshore storage).
    case transfer
    /// An organization receiving a controller's personal data.
    case recipient
    /// A data-holding resource of a Terraform plan given with the model.
    case resource

    /// "1 flow", "3 data sets", "2 transfers".
    public func counted(_ count: Int) -> String {
        if let entity = EntityKind(rawValue: rawValue) { return entity.counted(count) }
        return "\(count) \(rawValue)\(count == 1 ? "" : "s")"
    }
}

/// The static type of a fact, checked when a rule is compiled.
public indirect enum FactType: Sendable, Hashable, CustomStringConvertible {
    /// A list of texts or references: `.count` counts its items.
    var isList: Bool {
        switch self {
        case .strings, .refs: true
        default: false
        }
    }

    case bool
    case number
    case string
    case date
    case strings
    case categories
    case ref(SubjectKind)
    case refs(SubjectKind)

    public var description: String {
        switch self {
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "text"
        case .date: "a date"
        case .strings: "a list of text"
        case .categories: "data categories"
        case .ref(let kind): "a reference to \(kind.rawValue)"
        case .refs(let kind): "a list of \(kind.rawValue) references"
        }
    }
}

/// A fact's value for one entity. `absent` is an undeclared field, never a default.
public enum FactValue: Sendable, Hashable {
    case absent
    case bool(Bool)
    case number(Double)
    case string(String)
    case date(CivilDate)
    case strings([String])
    case categories(CategorySet)
    case ref(SubjectKind, Int)
    case refs(SubjectKind, [Int])
}
