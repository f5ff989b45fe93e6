/// What a field holds. Both read paths parse by it (through the field's reader), the schema
/// and the docs describe by it, and a value that does not read is reported from it.
package indirect enum FieldKind: Sendable {
    case text
    /// The id of an entity of one of these kinds.
    case reference([EntityKind])
    /// An ISO 3166-1 alpha-2 code, checked against the jurisdictions once the model is whole.
    case country
    case word(VocabularyDescription)
    case date
    /// A date, or a date and time (ISO 8601).
    case moment
    /// A whole number, `_` allowed between digits.
    case count
    case flag
    /// An ISO 8601 duration or `unlimited`.
    case retention
    /// A data category key (`special.health`).
    case category
    case list(FieldKind)
    /// A map read by a table of its own (only on the node path: the event path reads entities
    /// whose values are scalars and lists).
    case object(FieldTableDescription)

    /// The message for a value that does not read as this kind.
    package func invalid(_ text: String, field: String) -> String {
        switch self {
        case .word(let vocabulary):
            "invalid value '\(text)' for '\(field)'\(DidYouMean.hint(text, from: vocabulary.values)) (allowed: \(vocabulary.values.joined(separator: ", ")))"
        case .date: "invalid date '\(text)' for '\(field)'; expected YYYY-MM-DD"
        case .moment: "invalid date '\(text)' for '\(field)'; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM with an optional Z or offset"
        case .count: "invalid number '\(text)' for '\(field)'; expected a whole number"
        case .flag: "invalid boolean '\(text)' for '\(field)'; write true or false"
        case .retention: "invalid retention '\(text)'; expected an ISO 8601 duration such as P6Y or P18M, or 'unlimited'"
        case .list(let item): item.invalid(text, field: field)
        case .text, .reference, .country, .category, .object: "invalid value '\(text)' for '\(field)'"
        }
    }

    package var isList: Bool {
        if case .list = self { true } else { false }
    }

    /// How the docs name the kind of value.
    package var summary: String {
        switch self {
        case .text: "text"
        case .reference(let kinds): "id of " + EntityKind.phrase(kinds)
        case .country: "country code (ISO 3166-1 alpha-2)"
        case .word(let vocabulary): vocabulary.values.map { "`\($0)`" }.joined(separator: " \\| ")
        case .date: "date (YYYY-MM-DD)"
        case .moment: "date (YYYY-MM-DD) or date and time (ISO 8601: YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])"
        case .count: "whole number"
        case .flag: "`true` or `false`"
        case .retention: "ISO 8601 duration (`P6Y`) or `unlimited`"
        case .category: "data category key"
        case .list(.reference(let kinds)): "list of ids of " + kinds.map(\.plural).joined(separator: ", ")
        case .list(let item): "list of " + item.summary
        case .object(let table): "map (\(table.name))"
        }
    }
}

/// A closed vocabulary's words and what each means, for messages, the schema and the docs.
package struct VocabularyDescription: Sendable {
    package let values: [String]
    package let meanings: [String]

    package init<Value: ModelVocabulary>(_: Value.Type) {
        values = Value.values.map(\.rawValue)
        meanings = Value.values.map(\.meaning)
    }
}
