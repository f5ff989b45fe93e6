import FlowModel

/// A JSON Schema (draft-07) of model format v1, for editors with the YAML language server. Every
/// section and property comes from the model's field tables, so the schema cannot drift from the
/// loader: descriptions are the fields' doc lines, and each word of a vocabulary is listed with
/// its meaning.
public enum ModelSchema {
    public static let id = "urn:flowaudit:schema:model-v1"

    /// `categoryRoots`: the top-level keys of the categories catalogue, when it is at hand.
    public static func render(categoryRoots: [String]? = nil) -> String {
        JSONValue.object(schema(categoryRoots: categoryRoots)).renderedDocument()
    }

    static func schema(categoryRoots: [String]?) -> [String: JSONValue] {
        var sections: [String: JSONValue] = [:]
        for section in ModelSections.all {
            let entry = object(section.fields, categoryRoots: categoryRoots)
            let nullable: JSONValue = .array([.string(section.layout == .list ? "array" : "object"), .string("null")])
            var property: [String: JSONValue] = ["type": nullable, "description": .string(section.doc)]
            switch section.layout {
            case .keyed: property["additionalProperties"] = entry
            case .list: property["items"] = entry
            case .descriptions:
                property["additionalProperties"] = .object(["type": .string("string"), "description": .string(section.fields.doc)])
                if let categoryRoots, !categoryRoots.isEmpty {
                    let roots = categoryRoots.joined(separator: "|")
                    property["propertyNames"] = .object(["pattern": .string("^(\(roots))(\\.[a-z0-9-]+)+$")])
                }
            }
            if section.name == "jurisdictions" { property["propertyNames"] = .object(["pattern": .string("^[A-Z]{2}$")]) }
            sections[section.name] = .object(property)
        }
        return [
            "$schema": .string("http://json-schema.org/draft-07/schema#"),
            "$id": .string(id),
            "title": .string("flowaudit model v1"),
            "description": .string("A data-flow and subcontractor model audited by flowaudit"),
            "type": .array([.string("object"), .string("null")]),
            "additionalProperties": .bool(false),
            "properties": .object(sections),
        ]
    }

    /// An entry of a table: its properties, required ones, and per variant (an agreement's type)
    /// the fields it requires and those it does not allow.
    static func object(_ table: FieldTableDescription, categoryRoots: [String]?) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for field in table.fields {
            var description = field.doc
            if let variants = field.variants, let variantField = table.variantField {
                description += " (\(variantField) \(variants.map { "`\($0)`" }.joined(separator: ", ")) only"
                    + (field.requiredInVariants ? ", required)" : ")")
            }
            properties[field.name] = value(field.kind, description: description, categoryRoots: categoryRoots)
        }
        var schema: [String: JSONValue] = [
            "type": .string("object"), "description": .string(table.doc), "properties": .object(properties),
            "required": .array(table.fields.filter(\.required).map { .string($0.name) }), "additionalProperties": .bool(false),
        ]
        if let variantField = table.variantField, let selector = table.fields.first(where: { $0.name == variantField }),
           case .word(let vocabulary) = selector.kind {
            schema["allOf"] = .array(vocabulary.values.map { word in
                let own = table.fields.filter { $0.variants?.contains(word) ?? false }
                let others = table.fields.filter { !($0.variants?.contains(word) ?? true) }
                return .object([
                    "if": .object(["properties": .object([variantField: .object(["const": .string(word)])]),
                                   "required": .array([.string(variantField)])]),
                    "then": .object([
                        "required": .array(own.filter(\.requiredInVariants).map { .string($0.name) }),
                        "properties": .object(Dictionary(uniqueKeysWithValues: others.map { ($0.name, JSONValue.bool(false)) })),
                    ]),
                ])
            })
        }
        return .object(schema)
    }

    static func value(_ kind: FieldKind, description: String, categoryRoots: [String]?) -> JSONValue {
        var schema: [String: JSONValue]
        var description = description
        switch kind {
        case .text, .reference:
            schema = ["type": .string("string")]
            if case .reference(let kinds) = kind { description += ". Id of " + EntityKind.phrase(kinds) }
        case .country:
            schema = ["type": .string("string"), "pattern": .string("^[A-Z]{2}$")]
            description += ". ISO 3166-1 alpha-2 code"
        case .word(let vocabulary):
            schema = ["type": .string("string"), "enum": .array(vocabulary.values.map(JSONValue.string)),
                      "enumDescriptions": .array(vocabulary.meanings.map(JSONValue.string))]
            description += ": " + zip(vocabulary.values, vocabulary.meanings).map { "`\($0)` \($1)" }.joined(separator: "; ")
        case .date:
            schema = ["type": .string("string"), "pattern": .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
            description += ". YYYY-MM-DD"
        case .moment:
            schema = ["type": .string("string"),
                      "pattern": .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?$")]
            description += ". YYYY-MM-DD, or a date and time in ISO 8601"
        case .count:
            schema = ["type": .array([.string("integer"), .string("string")]), "pattern": .string("^[0-9][0-9_]*$")]
        case .flag:
            schema = ["type": .string("boolean")]
        case .retention:
            schema = ["type": .string("string"), "pattern": .string("^(unlimited|P.+)$")]
            description += ". ISO 8601 duration (`P6Y`) or `unlimited`"
        case .category:
            let roots = categoryRoots.map { "(" + $0.sorted().joined(separator: "|") + ")" } ?? "[a-z0-9-]+"
            schema = ["type": .string("string"), "pattern": .string("^\(roots)(\\.[a-z0-9-]+)*$")]
        case .list(let item):
            schema = ["type": .array([.string("array"), .string("null")]),
                      "items": value(item, description: item.summary, categoryRoots: categoryRoots)]
        case .object(let table):
            return .object(["oneOf": .array([object(table, categoryRoots: categoryRoots), .object(["type": .string("null")])]),
                            "description": .string(description)])
        }
        schema["description"] = .string(description)
        return .object(schema)
    }
}
