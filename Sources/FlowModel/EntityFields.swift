import FlowYAML

/// The fields of each kind of entity, read by position among the kind's names rather than by
/// name: hundreds of thousands of entities each look up every field. Cases are in the order
/// of `names` (a test holds each case to its name).
protocol EntityFields: RawRepresentable<Int>, CaseIterable {
    static var names: KeyNames { get }
    /// Positions of the required fields.
    static var required: [Int] { get }
}

enum OrganizationField: Int, EntityFields {
    case name, country, role, sector, certifications, dpo
    static let names = KeyNames(["name", "country", "role", "sector", "certifications", "dpo"])
    static let required = [Self.name, Self.country].map(\.rawValue)
}

enum DataSetField: Int, EntityFields {
    case name, controller, categories, subjects, records, dpia
    static let names = KeyNames(["name", "controller", "categories", "subjects", "records", "dpia"])
    static let required = [Self.controller, Self.categories].map(\.rawValue)
}

enum SystemField: Int, EntityFields {
    case name, operator_, location, accessedBy
    static let names = KeyNames(["name", "operator", "location", "accessed_by"])
    static let required = [Self.operator_].map(\.rawValue)
}

enum StoreField: Int, EntityFields {
    case name, operator_, location, encryptionAtRest, access, retention, holds, accessedBy
    static let names = KeyNames(["name", "operator", "location", "encryption_at_rest", "access", "retention", "holds", "accessed_by"])
    static let required = [Self.operator_].map(\.rawValue)
}

enum FlowField: Int, EntityFields {
    case id, from, to, data, purpose, legalBasis, article9, encryptedInTransit, derogation
    static let names = KeyNames(["id", "from", "to", "data", "purpose", "legal_basis", "article9", "encrypted_in_transit", "derogation"])
    static let required = [Self.from, Self.to, Self.data].map(\.rawValue)
}

enum AgreementField: Int, EntityFields {
    case id, type, controller, processor, subprocessors, approved, signed, expires, exporter, importer, measures, parties
    static let names = KeyNames([
        "id", "type", "controller", "processor", "subprocessors", "approved", "signed", "expires",
        "exporter", "importer", "measures", "parties",
    ])
    static let required = [Self.type].map(\.rawValue)
}
