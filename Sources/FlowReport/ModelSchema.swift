import FlowModel

/// A JSON Schema (draft-07) of model format v1, for editors with the YAML language server.
/// Enumerations come from the model's own vocabularies, so the schema cannot drift from the loader.
public enum ModelSchema {
    public static let id = "urn:flowaudit:schema:model-v1"

    public static func render() -> String {
        JSONValue.object(schema).renderedDocument()
    }

    static func values<Value: ModelVocabulary>(_ type: Value.Type) -> JSONValue {
        .object(["type": .string("string"), "enum": .array(Value.allCases.map { .string($0.rawValue) })])
    }

    static func string(_ description: String) -> JSONValue {
        .object(["type": .string("string"), "description": .string(description)])
    }

    static func strings(_ description: String) -> JSONValue {
        .object(["type": .string("array"), "items": .object(["type": .string("string")]), "description": .string(description)])
    }

    static let country: JSONValue = .object(["type": .string("string"), "pattern": .string("^[A-Z]{2}$"),
                                             "description": .string("ISO 3166-1 alpha-2 code")])
    static let date: JSONValue = .object(["type": .string("string"), "pattern": .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
                                          "description": .string("YYYY-MM-DD")])

    static func object(_ properties: [String: JSONValue], required: [String] = [], description: String) -> JSONValue {
        .object(["type": .string("object"), "description": .string(description), "properties": .object(properties),
                 "required": .array(required.map(JSONValue.string)), "additionalProperties": .bool(false)])
    }

    static func map(of item: JSONValue, description: String) -> JSONValue {
        .object(["type": .array([.string("object"), .string("null")]), "description": .string(description),
                 "additionalProperties": item])
    }

    static func list(of item: JSONValue, description: String) -> JSONValue {
        .object(["type": .array([.string("array"), .string("null")]), "description": .string(description), "items": item])
    }

    static var schema: [String: JSONValue] {
        let organization = object([
            "name": string("Legal name"), "country": country, "role": values(OrganizationRole.self),
            "sector": values(Sector.self), "certifications": strings("Free strings; `dpf` = EU-US Data Privacy Framework"),
            "dpo": string("Contact of the data protection officer"),
        ], required: ["name", "country"], description: "An organization")
        let data = object([
            "name": string("Name"), "controller": string("Organization id"),
            "categories": .object(["type": .string("array"), "minItems": .integer(1), "items": .object([
                "type": .string("string"), "pattern": .string("^(personal|special|criminal|non-personal)(\\.[a-z0-9-]+)*$")])]),
            "subjects": strings("Data subjects (`children`, `patients`, `employees` are known to rules)"),
            "records": .object(["type": .array([.string("integer"), .string("string")]), "description": .string("Approximate number of records")]),
            "dpia": string("Reference to a DPIA"),
        ], required: ["controller", "categories"], description: "A data set")
        let system = object([
            "name": string("Name"), "operator": string("Organization id"), "location": country,
            "accessed_by": strings("Organizations with remote access"),
        ], required: ["operator"], description: "A processing system")
        let store = object([
            "name": string("Name"), "operator": string("Organization id"), "location": country,
            "encryption_at_rest": values(EncryptionAtRest.self), "access": values(StoreAccess.self),
            "retention": .object(["type": .string("string"), "pattern": .string("^(unlimited|P.+)$"),
                                  "description": .string("ISO 8601 duration or `unlimited`")]),
            "holds": strings("Data set ids at rest here"), "accessed_by": strings("Organizations with remote access"),
        ], required: ["operator"], description: "Storage of data at rest")
        let flow = object([
            "id": string("Flow id (default `from->to`)"), "from": string("Node id"), "to": string("Node id"),
            "data": strings("Data set ids"), "purpose": string("Art. 5(1)(b)"), "legal_basis": values(LegalBasis.self),
            "article9": values(Article9Condition.self), "encrypted_in_transit": .object(["type": .string("boolean")]),
            "derogation": values(Derogation.self),
        ], required: ["from", "to", "data"], description: "Data moving between nodes")
        let agreement = object([
            "id": string("Agreement id"), "type": values(AgreementType.self), "controller": string("DPA: instructing party"),
            "processor": string("DPA: processing party"), "subprocessors": values(SubprocessorAuthorisation.self),
            "approved": strings("Authorised sub-processors"), "signed": date, "expires": date,
            "exporter": string("SCC exporter"), "importer": string("SCC importer"), "measures": strings("Supplementary measures"),
            "parties": strings("BCR or joint-controller parties"),
        ], required: ["type"], description: "A DPA, SCC, BCR or joint-controller agreement")
        let adequacy = object([
            "decision": string("Decision number"), "since": date, "until": date, "requires": strings("Certifications"),
            "sectors": .object(["type": .string("array"), "items": values(Sector.self)]), "scope": string("Scope"),
        ], required: ["decision"], description: "An adequacy decision")
        let jurisdiction = object([
            "name": string("Name"), "eu": .object(["type": .string("boolean")]), "eea": .object(["type": .string("boolean")]),
            "adequacy": .object(["oneOf": .array([adequacy, .object(["type": .string("null")])])]),
            "authority": string("Supervisory authority"),
        ], description: "Override or extension of the jurisdiction catalogue")
        let waiver = object([
            "rule": string("Rule id or glob"), "subject": string("Subject id, key or glob"), "reason": string("Why"),
            "approved_by": string("Who accepted it"), "expires": date,
        ], required: ["rule", "subject", "reason", "approved_by", "expires"], description: "An accepted finding")
        return [
            "$schema": .string("http://json-schema.org/draft-07/schema#"),
            "$id": .string(id),
            "title": .string("flowaudit model v1"),
            "description": .string("A data-flow and subcontractor model audited by flowaudit"),
            "type": .array([.string("object"), .string("null")]),
            "additionalProperties": .bool(false),
            "properties": .object([
                "organizations": map(of: organization, description: "Organizations by id"),
                "data": map(of: data, description: "Data sets by id"),
                "systems": map(of: system, description: "Processing systems by id"),
                "stores": map(of: store, description: "Stores by id"),
                "flows": list(of: flow, description: "Data flows"),
                "agreements": list(of: agreement, description: "Agreements"),
                "jurisdictions": .object(["type": .array([.string("object"), .string("null")]),
                                          "propertyNames": .object(["pattern": .string("^[A-Z]{2}$")]),
                                          "additionalProperties": jurisdiction]),
                "waivers": list(of: waiver, description: "Waivers"),
            ]),
        ]
    }
}
