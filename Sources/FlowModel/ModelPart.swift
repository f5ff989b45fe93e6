import FlowYAML

/// How an entity got its id: written in the model, or generated from its fields (`from->to`),
/// which only the whole model can make unique (`#2`, `#3` in file order).
enum IdOrigin: Sendable {
    case explicit
    case generated

    static func flow(from: String, to: String) -> String { "\(from)->\(to)" }

    static func agreement(_ type: AgreementType, parties: [String]) -> String {
        "\(type.rawValue):" + parties.joined(separator: type == .dpa || type == .scc ? "->" : "+")
    }
}

/// What one document (or one chunk of a file) declares, before ids are registered across
/// the model. Parts decode in parallel; `ModelAssembler` merges them in file order.
package struct ModelPart: Sendable {
    var organizations: [Organization] = []
    var data: [DataSet] = []
    var activities: [ProcessingActivity] = []
    var systems: [ProcessingSystem] = []
    var stores: [Store] = []
    /// Ids set (generated ones built here, in parallel); `ModelAssembler` makes them unique.
    var flows: [Flow] = []
    var flowIdOrigins: [IdOrigin] = []
    var agreements: [Agreement] = []
    var agreementIdOrigins: [IdOrigin] = []
    var incidents: [Incident] = []
    var waivers: [Waiver] = []
    var jurisdictions: [(code: String, node: YAMLNode, key: SourceSpan)] = []
    /// Data categories the document declares below built-in ones, with their descriptions.
    var categories: [(key: String, description: String, span: SourceSpan)] = []
    /// Organizations, data, activities, systems and stores in the order written: duplicates are reported
    /// against the first definition.
    var definitions: [EntityRef] = []
    /// Top-level keys written in the document (not one a chunk's reader added).
    var sectionKeys: [(name: String, span: SourceSpan)] = []
    var diagnostics: [Diagnostic] = []

    /// Room for `count` more entities of `kind`.
    mutating func reserve(_ kind: EntityKind, _ count: Int) {
        switch kind {
        case .organization: organizations.reserveCapacity(count)
        case .data: data.reserveCapacity(count)
        case .activity: activities.reserveCapacity(count)
        case .system: systems.reserveCapacity(count)
        case .store: stores.reserveCapacity(count)
        case .flow: flows.reserveCapacity(count); flowIdOrigins.reserveCapacity(count)
        case .agreement: agreements.reserveCapacity(count); agreementIdOrigins.reserveCapacity(count)
        case .incident: incidents.reserveCapacity(count)
        case .waiver: waivers.reserveCapacity(count)
        }
        if kind.sharesNamespace { definitions.reserveCapacity(count) }
    }
}
