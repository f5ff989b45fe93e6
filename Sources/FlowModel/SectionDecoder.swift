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
struct ModelPart: Sendable {
    var organizations: [Organization] = []
    var data: [DataSet] = []
    var systems: [ProcessingSystem] = []
    var stores: [Store] = []
    /// Ids set (generated ones built here, in parallel); `ModelAssembler` makes them unique.
    var flows: [Flow] = []
    var flowIdOrigins: [IdOrigin] = []
    var agreements: [Agreement] = []
    var agreementIdOrigins: [IdOrigin] = []
    var waivers: [Waiver] = []
    var jurisdictions: [(code: String, node: YAMLNode, key: SourceSpan)] = []
    /// Organizations, data, systems and stores in the order written: duplicates are reported
    /// against the first definition.
    var definitions: [EntityRef] = []
    /// Top-level keys written in the document (not one a chunk's reader added).
    var sectionKeys: [(name: String, span: SourceSpan)] = []
    var diagnostics: [Diagnostic] = []
}

/// Decodes the sections of one document into a `ModelPart`.
struct SectionDecoder {
    var part = ModelPart()
    var decoder = NodeDecoder()
    /// Whether entities keep their YAML node (see `EntityOrigin.node`).
    var keepsNodes = true

    /// Decodes one document; `continuedSection` (a chunk's) names the key the reader added.
    static func decode(_ document: YAMLDocument) -> ModelPart {
        decode(document, keepingNodes: true)
    }

    static func decode(_ document: YAMLDocument, keepingNodes: Bool) -> ModelPart {
        var decoder = SectionDecoder()
        decoder.keepsNodes = keepingNodes
        if let root = document.root { decoder.add(root: root, continuedSection: document.continuedSection) }
        decoder.part.diagnostics = decoder.decoder.diagnostics
        return decoder.part
    }

    static func decode(root: YAMLNode) -> ModelPart {
        var decoder = SectionDecoder()
        decoder.add(root: root, continuedSection: nil)
        decoder.part.diagnostics = decoder.decoder.diagnostics
        return decoder.part
    }

    private mutating func add(root: YAMLNode, continuedSection: String?) {
        guard !root.isNull else { return }
        guard decoder.expect(.mapping, root, what: "a model document") else { return }
        for (position, entry) in root.entries.enumerated() {
            if position > 0 || continuedSection == nil {
                part.sectionKeys.append((entry.name, entry.key.span))
            }
            let value = entry.value
            switch entry.name {
            case "organizations":
                for (id, node, key) in entries(value, section: "organizations") { decodeOrganization(id, node, key) }
            case "data":
                for (id, node, key) in entries(value, section: "data") { decodeData(id, node, key) }
            case "systems":
                for (id, node, key) in entries(value, section: "systems") { decodeSystem(id, node, key) }
            case "stores":
                for (id, node, key) in entries(value, section: "stores") { decodeStore(id, node, key) }
            case "jurisdictions":
                part.jurisdictions += entries(value, section: "jurisdictions").map { ($0.id, $0.node, $0.key) }
            case "flows":
                for item in items(value, section: "flows") { decodeFlow(item) }
            case "agreements":
                for item in items(value, section: "agreements") { decodeAgreement(item) }
            case "waivers":
                for item in items(value, section: "waivers") { decodeWaiver(item) }
            default:
                decoder.report(
                    "unknown section '\(entry.name)'\(DidYouMean.hint(entry.name, from: ModelAssembler.sections)) (sections: \(ModelAssembler.sections.joined(separator: ", ")))",
                    at: entry.key.span)
            }
        }
    }

    private func origin(_ span: SourceSpan, _ node: YAMLNode) -> EntityOrigin {
        EntityOrigin(span: span, node: keepsNodes ? node : nil)
    }

    /// Spans of a list's items (none for anything else).
    private static func itemSpans(_ node: YAMLNode?) -> [SourceSpan] {
        guard let node, node.kind == .sequence else { return [] }
        return node.items.map(\.span)
    }

    // MARK: Sections

    /// Entries of a map section (id to definition); a null section is empty.
    private mutating func entries(_ node: YAMLNode, section: String) -> [(id: String, node: YAMLNode, key: SourceSpan)] {
        if node.isNull { return [] }
        guard decoder.expect(.mapping, node, what: "'\(section)'") else { return [] }
        return node.entries.map { ($0.name, $0.value, $0.key.span) }
    }

    /// Items of a list section; a null section is empty.
    private mutating func items(_ node: YAMLNode, section: String) -> [YAMLNode] {
        if node.isNull { return [] }
        guard decoder.expect(.sequence, node, what: "'\(section)'") else { return [] }
        return Array(node.items)
    }

    private mutating func decodeOrganization(_ id: String, _ node: YAMLNode, _ key: SourceSpan) {
        typealias Field = OrganizationField
        guard let fields = decoder.fields(
            of: node, allowed: Field.names, required: Field.required, context: "organization '\(id)'", requiredAt: key)
        else { return }
        let organization = Organization(
            id: id,
            name: decoder.string(fields[Field.name], field: "name") ?? id,
            country: decoder.string(fields[Field.country], field: "country") ?? "",
            role: decoder.vocabulary(fields[Field.role], field: "role", as: OrganizationRole.self),
            sector: decoder.vocabulary(fields[Field.sector], field: "sector", as: Sector.self) ?? .privateSector,
            certifications: decoder.strings(fields[Field.certifications], field: "certifications"),
            dpo: decoder.string(fields[Field.dpo], field: "dpo"),
            origin: origin(key, node))
        part.definitions.append(EntityRef(kind: .organization, index: part.organizations.count))
        part.organizations.append(organization)
    }

    private mutating func decodeData(_ id: String, _ node: YAMLNode, _ key: SourceSpan) {
        typealias Field = DataSetField
        guard let fields = decoder.fields(
            of: node, allowed: Field.names, required: Field.required, context: "data set '\(id)'", requiredAt: key)
        else { return }
        let dataSet = DataSet(
            id: id,
            name: decoder.string(fields[Field.name], field: "name"),
            controller: decoder.string(fields[Field.controller], field: "controller") ?? "",
            categories: decoder.strings(fields[Field.categories], field: "categories"),
            subjects: decoder.strings(fields[Field.subjects], field: "subjects"),
            records: decoder.integer(fields[Field.records], field: "records"),
            dpia: decoder.string(fields[Field.dpia], field: "dpia"),
            categoriesSpan: fields[Field.categories]?.span ?? key,
            origin: origin(key, node))
        part.definitions.append(EntityRef(kind: .data, index: part.data.count))
        part.data.append(dataSet)
    }

    private mutating func decodeSystem(_ id: String, _ node: YAMLNode, _ key: SourceSpan) {
        typealias Field = SystemField
        guard let fields = decoder.fields(
            of: node, allowed: Field.names, required: Field.required, context: "system '\(id)'", requiredAt: key)
        else { return }
        let system = ProcessingSystem(
            id: id,
            name: decoder.string(fields[Field.name], field: "name"),
            operator_: decoder.string(fields[Field.operator_], field: "operator") ?? "",
            location: decoder.string(fields[Field.location], field: "location"),
            accessedBy: decoder.strings(fields[Field.accessedBy], field: "accessed_by"),
            accessedBySpans: Self.itemSpans(fields[Field.accessedBy]),
            origin: origin(key, node))
        part.definitions.append(EntityRef(kind: .system, index: part.systems.count))
        part.systems.append(system)
    }

    private mutating func decodeStore(_ id: String, _ node: YAMLNode, _ key: SourceSpan) {
        typealias Field = StoreField
        guard let fields = decoder.fields(
            of: node, allowed: Field.names, required: Field.required, context: "store '\(id)'", requiredAt: key)
        else { return }
        let store = Store(
            id: id,
            name: decoder.string(fields[Field.name], field: "name"),
            operator_: decoder.string(fields[Field.operator_], field: "operator") ?? "",
            location: decoder.string(fields[Field.location], field: "location"),
            encryptionAtRest: decoder.vocabulary(fields[Field.encryptionAtRest], field: "encryption_at_rest", as: EncryptionAtRest.self),
            access: decoder.vocabulary(fields[Field.access], field: "access", as: StoreAccess.self),
            retention: decoder.retention(fields[Field.retention], field: "retention"),
            holds: decoder.strings(fields[Field.holds], field: "holds"),
            accessedBy: decoder.strings(fields[Field.accessedBy], field: "accessed_by"),
            accessedBySpans: Self.itemSpans(fields[Field.accessedBy]),
            origin: origin(key, node))
        part.definitions.append(EntityRef(kind: .store, index: part.stores.count))
        part.stores.append(store)
    }

    private mutating func decodeFlow(_ node: YAMLNode) {
        typealias Field = FlowField
        guard let fields = decoder.fields(of: node, allowed: Field.names, required: Field.required, context: "flow")
        else { return }
        let from = decoder.string(fields[Field.from], field: "from") ?? ""
        let to = decoder.string(fields[Field.to], field: "to") ?? ""
        let explicitId = decoder.string(fields[Field.id], field: "id")
        part.flowIdOrigins.append(explicitId == nil ? .generated : .explicit)
        part.flows.append(Flow(
            id: explicitId ?? IdOrigin.flow(from: from, to: to), from: from, to: to,
            data: decoder.strings(fields[Field.data], field: "data"),
            purpose: decoder.string(fields[Field.purpose], field: "purpose"),
            legalBasis: decoder.vocabulary(fields[Field.legalBasis], field: "legal_basis", as: LegalBasis.self),
            article9: decoder.vocabulary(fields[Field.article9], field: "article9", as: Article9Condition.self),
            encryptedInTransit: decoder.bool(fields[Field.encryptedInTransit], field: "encrypted_in_transit"),
            derogation: decoder.vocabulary(fields[Field.derogation], field: "derogation", as: Derogation.self),
            origin: origin(node.span, node)))
    }

    private mutating func decodeAgreement(_ node: YAMLNode) {
        typealias Field = AgreementField
        guard let fields = decoder.fields(of: node, allowed: Field.names, required: Field.required, context: "agreement"),
              let type = decoder.vocabulary(fields[Field.type], field: "type", as: AgreementType.self)
        else { return }
        // By position among the fields: by name, this check cost 13,000 instructions an agreement.
        let (required, applicable): ([Field], [Field]) = switch type {
        case .dpa: ([.controller, .processor], [.controller, .processor, .subprocessors, .approved])
        case .scc: ([.exporter, .importer], [.exporter, .importer, .measures])
        case .bcr, .jointController: ([.parties], [.parties])
        }
        let common: [Field] = [.id, .type, .signed, .expires]
        for name in fields.names(outside: (common + applicable).map(\.rawValue)).sorted() {
            decoder.report("field '\(name)' does not apply to an agreement of type '\(type.rawValue)'",
                           at: fields[name]?.span ?? node.span)
        }
        for field in required where !fields.isWritten(field.rawValue) {
            decoder.report(
                "agreement of type '\(type.rawValue)' is missing required field '\(Field.names.names[field.rawValue])'", at: node.span)
        }
        let parties = decoder.strings(fields[Field.parties], field: "parties")
        if type == .bcr || type == .jointController, fields[Field.parties] != nil, parties.count < 2 {
            decoder.report("'parties' of a \(type.rawValue) agreement needs at least two organizations",
                           at: fields[Field.parties]?.span ?? node.span)
        }
        var agreement = Agreement(
            id: "",
            type: type,
            controller: decoder.string(fields[Field.controller], field: "controller"),
            processor: decoder.string(fields[Field.processor], field: "processor"),
            subprocessors: decoder.vocabulary(fields[Field.subprocessors], field: "subprocessors", as: SubprocessorAuthorisation.self) ?? .none,
            approved: decoder.strings(fields[Field.approved], field: "approved"),
            exporter: decoder.string(fields[Field.exporter], field: "exporter"),
            importer: decoder.string(fields[Field.importer], field: "importer"),
            parties: parties,
            measures: decoder.strings(fields[Field.measures], field: "measures"),
            signed: decoder.date(fields[Field.signed], field: "signed"),
            expires: decoder.date(fields[Field.expires], field: "expires"),
            origin: origin(node.span, node))
        if agreement.subprocessors != .specific, !agreement.approved.isEmpty {
            decoder.report("'approved' lists sub-processors, but 'subprocessors' is not 'specific'",
                           at: fields[Field.approved]?.span ?? node.span)
        }
        let explicitId = decoder.string(fields[Field.id], field: "id")
        agreement.id = explicitId ?? IdOrigin.agreement(type, parties: agreement.boundOrganizations)
        part.agreementIdOrigins.append(explicitId == nil ? .generated : .explicit)
        part.agreements.append(agreement)
    }

    private mutating func decodeWaiver(_ node: YAMLNode) {
        guard let fields = decoder.fields(
            of: node, allowed: ["rule", "subject", "reason", "approved_by", "expires"],
            required: ["rule", "subject", "reason", "approved_by", "expires"], context: "waiver")
        else { return }
        guard let rule = decoder.string(fields["rule"], field: "rule"),
              let subject = decoder.string(fields["subject"], field: "subject"),
              let reason = decoder.string(fields["reason"], field: "reason"),
              let approvedBy = decoder.string(fields["approved_by"], field: "approved_by"),
              let expires = decoder.date(fields["expires"], field: "expires")
        else { return }
        part.waivers.append(Waiver(
            id: "\(rule)@\(subject)", rule: rule, subject: subject, reason: reason,
            approvedBy: approvedBy, expires: expires, origin: origin(node.span, node)))
    }
}
