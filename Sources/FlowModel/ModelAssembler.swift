import FlowYAML

/// Decodes sections from every document into one model, then checks what needs the whole
/// model: countries (after `jurisdictions:` overrides), categories and references.
struct ModelAssembler {
    var model: Model
    var decoder = NodeDecoder()
    private var flowIds = Set<String>()
    private var agreementIds = Set<String>()
    private var jurisdictionNodes: [(code: String, node: YAMLNode, key: SourceSpan)] = []

    static let sections = ["organizations", "data", "systems", "stores", "flows", "agreements", "jurisdictions", "waivers"]

    init(catalogue: Catalogue) {
        model = Model(catalogue: catalogue)
    }

    mutating func add(_ document: YAMLDocument) {
        if let root = document.root { add(root: root) }
    }

    mutating func add(root: YAMLNode) {
        guard !root.isNull else { return }
        guard decoder.expect(.mapping, root, what: "a model document") else { return }
        for entry in root.entries {
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
                jurisdictionNodes += entries(value, section: "jurisdictions").map { ($0.id, $0.node, $0.key) }
            case "flows":
                for item in items(value, section: "flows") { decodeFlow(item) }
            case "agreements":
                for item in items(value, section: "agreements") { decodeAgreement(item) }
            case "waivers":
                for item in items(value, section: "waivers") { decodeWaiver(item) }
            default:
                decoder.report(
                    "unknown section '\(entry.name)'\(DidYouMean.hint(entry.name, from: Self.sections)) (sections: \(Self.sections.joined(separator: ", ")))",
                    at: entry.key.span)
            }
        }
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
        return node.items
    }

    private mutating func register(_ id: String, kind: EntityKind, index: Int, at span: SourceSpan) -> Bool {
        if let existing = model.index[id] {
            let first = originSpan(existing)
            decoder.report(
                "id '\(id)' is defined twice: as \(kind.rawValue) here and as \(existing.kind.rawValue) at \(first); ids of organizations, data, systems and stores share one namespace",
                at: span)
            return false
        }
        model.index[id] = EntityRef(kind: kind, index: index)
        return true
    }

    private func originSpan(_ ref: EntityRef) -> SourceSpan {
        switch ref.kind {
        case .organization: model.organizations[ref.index].origin.span
        case .data: model.data[ref.index].origin.span
        case .system: model.systems[ref.index].origin.span
        case .store: model.stores[ref.index].origin.span
        case .flow: model.flows[ref.index].origin.span
        case .agreement: model.agreements[ref.index].origin.span
        case .waiver: model.waivers[ref.index].origin.span
        }
    }

    private mutating func decodeOrganization(_ id: String, _ node: YAMLNode, _ key: SourceSpan) {
        let context = "organization '\(id)'"
        guard let fields = decoder.fields(
            of: node, allowed: ["name", "country", "role", "sector", "certifications", "dpo"],
            required: ["name", "country"], context: context, requiredAt: key)
        else { return }
        let organization = Organization(
            id: id,
            name: decoder.string(fields["name"], field: "name") ?? id,
            country: decoder.string(fields["country"], field: "country") ?? "",
            role: decoder.vocabulary(fields["role"], field: "role", as: OrganizationRole.self),
            sector: decoder.vocabulary(fields["sector"], field: "sector", as: Sector.self) ?? .privateSector,
            certifications: decoder.strings(fields["certifications"], field: "certifications"),
            dpo: decoder.string(fields["dpo"], field: "dpo"),
            origin: EntityOrigin(span: key, node: node))
        if register(id, kind: .organization, index: model.organizations.count, at: key) {
            model.organizations.append(organization)
        }
    }

    private mutating func decodeData(_ id: String, _ node: YAMLNode, _ key: SourceSpan) {
        guard let fields = decoder.fields(
            of: node, allowed: ["name", "controller", "categories", "subjects", "records", "dpia"],
            required: ["controller", "categories"], context: "data set '\(id)'", requiredAt: key)
        else { return }
        let dataSet = DataSet(
            id: id,
            name: decoder.string(fields["name"], field: "name"),
            controller: decoder.string(fields["controller"], field: "controller") ?? "",
            categories: decoder.strings(fields["categories"], field: "categories"),
            subjects: decoder.strings(fields["subjects"], field: "subjects"),
            records: decoder.integer(fields["records"], field: "records"),
            dpia: decoder.string(fields["dpia"], field: "dpia"),
            origin: EntityOrigin(span: key, node: node))
        if register(id, kind: .data, index: model.data.count, at: key) {
            model.data.append(dataSet)
        }
    }

    private mutating func decodeSystem(_ id: String, _ node: YAMLNode, _ key: SourceSpan) {
        guard let fields = decoder.fields(
            of: node, allowed: ["name", "operator", "location", "accessed_by"],
            required: ["operator"], context: "system '\(id)'", requiredAt: key)
        else { return }
        let system = ProcessingSystem(
            id: id,
            name: decoder.string(fields["name"], field: "name"),
            operator_: decoder.string(fields["operator"], field: "operator") ?? "",
            location: decoder.string(fields["location"], field: "location"),
            accessedBy: decoder.strings(fields["accessed_by"], field: "accessed_by"),
            origin: EntityOrigin(span: key, node: node))
        if register(id, kind: .system, index: model.systems.count, at: key) {
            model.systems.append(system)
        }
    }

    private mutating func decodeStore(_ id: String, _ node: YAMLNode, _ key: SourceSpan) {
        guard let fields = decoder.fields(
            of: node,
            allowed: ["name", "operator", "location", "encryption_at_rest", "access", "retention", "holds", "accessed_by"],
            required: ["operator"], context: "store '\(id)'", requiredAt: key)
        else { return }
        let store = Store(
            id: id,
            name: decoder.string(fields["name"], field: "name"),
            operator_: decoder.string(fields["operator"], field: "operator") ?? "",
            location: decoder.string(fields["location"], field: "location"),
            encryptionAtRest: decoder.vocabulary(fields["encryption_at_rest"], field: "encryption_at_rest", as: EncryptionAtRest.self),
            access: decoder.vocabulary(fields["access"], field: "access", as: StoreAccess.self),
            retention: decoder.retention(fields["retention"], field: "retention"),
            holds: decoder.strings(fields["holds"], field: "holds"),
            accessedBy: decoder.strings(fields["accessed_by"], field: "accessed_by"),
            origin: EntityOrigin(span: key, node: node))
        if register(id, kind: .store, index: model.stores.count, at: key) {
            model.stores.append(store)
        }
    }

    private mutating func decodeFlow(_ node: YAMLNode) {
        guard let fields = decoder.fields(
            of: node,
            allowed: ["id", "from", "to", "data", "purpose", "legal_basis", "article9", "encrypted_in_transit", "derogation"],
            required: ["from", "to", "data"], context: "flow")
        else { return }
        let from = decoder.string(fields["from"], field: "from") ?? ""
        let to = decoder.string(fields["to"], field: "to") ?? ""
        let id = Self.uniqueId(explicit: decoder.string(fields["id"], field: "id"), fallback: "\(from)->\(to)",
                                 seen: &flowIds)
        model.flows.append(Flow(
            id: id, from: from, to: to,
            data: decoder.strings(fields["data"], field: "data"),
            purpose: decoder.string(fields["purpose"], field: "purpose"),
            legalBasis: decoder.vocabulary(fields["legal_basis"], field: "legal_basis", as: LegalBasis.self),
            article9: decoder.vocabulary(fields["article9"], field: "article9", as: Article9Condition.self),
            encryptedInTransit: decoder.bool(fields["encrypted_in_transit"], field: "encrypted_in_transit"),
            derogation: decoder.vocabulary(fields["derogation"], field: "derogation", as: Derogation.self),
            origin: EntityOrigin(span: node.span, node: node)))
    }

    /// Generated ids get `#2`, `#3` in file order; clashes of explicit ids are reported later.
    private static func uniqueId(explicit: String?, fallback: String, seen: inout Set<String>) -> String {
        if let explicit {
            seen.insert(explicit)
            return explicit
        }
        var candidate = fallback
        var counter = 2
        while !seen.insert(candidate).inserted {
            candidate = "\(fallback)#\(counter)"
            counter += 1
        }
        return candidate
    }

    private mutating func decodeAgreement(_ node: YAMLNode) {
        let allowed = ["id", "type", "controller", "processor", "subprocessors", "approved", "signed", "expires",
                       "exporter", "importer", "measures", "parties"]
        guard let fields = decoder.fields(of: node, allowed: allowed, required: ["type"], context: "agreement"),
              let type = decoder.vocabulary(fields["type"], field: "type", as: AgreementType.self)
        else { return }
        let (required, applicable): ([String], Set<String>) = switch type {
        case .dpa: (["controller", "processor"], ["controller", "processor", "subprocessors", "approved"])
        case .scc: (["exporter", "importer"], ["exporter", "importer", "measures"])
        case .bcr, .jointController: (["parties"], ["parties"])
        }
        let common: Set<String> = ["id", "type", "signed", "expires"]
        for name in fields.names.sorted() where !common.contains(name) && !applicable.contains(name) {
            decoder.report("field '\(name)' does not apply to an agreement of type '\(type.rawValue)'",
                           at: fields[name]?.span ?? node.span)
        }
        for name in required where fields[name] == nil {
            decoder.report("agreement of type '\(type.rawValue)' is missing required field '\(name)'", at: node.span)
        }
        let parties = decoder.strings(fields["parties"], field: "parties")
        if type == .bcr || type == .jointController, fields["parties"] != nil, parties.count < 2 {
            decoder.report("'parties' of a \(type.rawValue) agreement needs at least two organizations",
                           at: fields["parties"]?.span ?? node.span)
        }
        var agreement = Agreement(
            id: "",
            type: type,
            controller: decoder.string(fields["controller"], field: "controller"),
            processor: decoder.string(fields["processor"], field: "processor"),
            subprocessors: decoder.vocabulary(fields["subprocessors"], field: "subprocessors", as: SubprocessorAuthorisation.self) ?? .none,
            approved: decoder.strings(fields["approved"], field: "approved"),
            exporter: decoder.string(fields["exporter"], field: "exporter"),
            importer: decoder.string(fields["importer"], field: "importer"),
            parties: parties,
            measures: decoder.strings(fields["measures"], field: "measures"),
            signed: decoder.date(fields["signed"], field: "signed"),
            expires: decoder.date(fields["expires"], field: "expires"),
            origin: EntityOrigin(span: node.span, node: node))
        if agreement.subprocessors != .specific, !agreement.approved.isEmpty {
            decoder.report("'approved' lists sub-processors, but 'subprocessors' is not 'specific'",
                           at: fields["approved"]?.span ?? node.span)
        }
        let fallback = "\(type.rawValue):" + agreement.boundOrganizations.joined(separator: type == .dpa || type == .scc ? "->" : "+")
        agreement.id = Self.uniqueId(
            explicit: decoder.string(fields["id"], field: "id"), fallback: fallback,
            seen: &agreementIds)
        model.agreements.append(agreement)
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
        model.waivers.append(Waiver(
            id: "\(rule)@\(subject)", rule: rule, subject: subject, reason: reason,
            approvedBy: approvedBy, expires: expires, origin: EntityOrigin(span: node.span, node: node)))
    }

    // MARK: Whole-model checks

    mutating func resolve() {
        applyJurisdictions()
        checkExplicitIdsUnique()
        var references = ReferenceChecker(model: model)
        references.check()
        decoder.append(contentsOf: references.diagnostics)
    }

    private mutating func applyJurisdictions() {
        for (code, node, key) in jurisdictionNodes {
            guard let fields = decoder.fields(
                of: node, allowed: ["name", "eu", "eea", "adequacy", "authority"],
                context: "jurisdiction '\(code)'")
            else { continue }
            let isCode = code.count == 2 && code.allSatisfy { $0.isASCII && $0.isUppercase }
            if !isCode {
                decoder.report("'\(code)' is not an ISO 3166-1 alpha-2 code (two capital letters)", at: key)
                continue
            }
            var entry = model.jurisdictions[code]
                ?? Jurisdiction(code: code, name: code, eu: false, eea: false, adequacy: nil, authority: nil)
            if model.jurisdictions[code] == nil, fields["name"] == nil {
                decoder.report("jurisdiction '\(code)' is not in the built-in catalogue, so it needs a 'name'", at: key)
            }
            if let name = decoder.string(fields["name"], field: "name") { entry.name = name }
            if let eu = decoder.bool(fields["eu"], field: "eu") { entry.eu = eu }
            if let eea = decoder.bool(fields["eea"], field: "eea") { entry.eea = eea }
            if let authority = decoder.string(fields["authority"], field: "authority") { entry.authority = authority }
            if let adequacy = fields["adequacy"] {
                entry.adequacy = adequacy.isNull ? nil : CatalogueLoader.decodeAdequacy(adequacy, decoder: &decoder)
            }
            model.jurisdictions.set(entry)
        }
    }

    /// Positions are looked up only for a clash: the first definition's index is all we keep.
    private mutating func checkExplicitIdsUnique() {
        var firstFlow: [String: Int] = [:]
        for (index, flow) in model.flows.enumerated() {
            if let first = firstFlow[flow.id] {
                decoder.report("flow id '\(flow.id)' is defined twice; first at \(model.flows[first].origin.span(of: "id"))",
                               at: flow.origin.span(of: "id"))
            } else {
                firstFlow[flow.id] = index
            }
        }
        var firstAgreement: [String: Int] = [:]
        for (index, agreement) in model.agreements.enumerated() {
            if let first = firstAgreement[agreement.id] {
                decoder.report("agreement id '\(agreement.id)' is defined twice; first at \(model.agreements[first].origin.span(of: "id"))",
                               at: agreement.origin.span(of: "id"))
            } else {
                firstAgreement[agreement.id] = index
            }
        }
    }
}
