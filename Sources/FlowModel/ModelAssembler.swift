import FlowYAML

/// Merges decoded parts, in file order, into one model, then checks what needs the whole
/// model: unique ids, countries (after `jurisdictions:` overrides), categories and references.
struct ModelAssembler {
    var model: Model
    var decoder = NodeDecoder()
    private var flowIds = Set<String>()
    private var agreementIds = Set<String>()
    /// Set when an explicit id was seen before: only then are ids checked pair by pair.
    private var explicitIdClashes = false
    private var jurisdictionNodes: [(code: String, node: YAMLNode, key: SourceSpan)] = []

    static let sections = ["organizations", "data", "systems", "stores", "flows", "agreements", "jurisdictions", "waivers"]
    /// Sections a file may be cut inside: their entries are independent, and duplicates among
    /// them are reported by the model (jurisdictions would silently merge instead).
    static let splittableSections: Set<String> = ["organizations", "data", "systems", "stores", "flows", "agreements", "waivers"]

    init(catalogue: Catalogue) {
        model = Model(catalogue: catalogue)
    }

    /// Room for every part at once: a national model would otherwise regrow (and rehash) the
    /// index and id sets a dozen times.
    mutating func reserve<Parts: Sequence<ModelPart>>(for parts: Parts) {
        var definitions = 0, flows = 0, agreements = 0
        for part in parts {
            definitions += part.definitions.count
            flows += part.flows.count
            agreements += part.agreements.count
        }
        model.index.reserveCapacity(definitions)
        model.flows.reserveCapacity(flows)
        model.agreements.reserveCapacity(agreements)
        flowIds.reserveCapacity(flows)
        agreementIds.reserveCapacity(agreements)
    }

    mutating func add(_ part: ModelPart) {
        decoder.append(contentsOf: part.diagnostics)
        for definition in part.definitions {
            switch definition.kind {
            case .organization: define(part.organizations[definition.index], .organization, in: \.organizations)
            case .data: define(part.data[definition.index], .data, in: \.data)
            case .system: define(part.systems[definition.index], .system, in: \.systems)
            case .store: define(part.stores[definition.index], .store, in: \.stores)
            case .flow, .agreement, .waiver:
                continue
            }
        }
        // Appended as decoded; only a generated id that is taken is rewritten, in place.
        let firstFlow = model.flows.count
        model.flows.append(contentsOf: part.flows)
        for (offset, origin) in part.flowIdOrigins.enumerated() {
            let index = firstFlow + offset
            if let unique = Self.uniqueId(model.flows[index].id, origin, seen: &flowIds, clash: &explicitIdClashes) {
                model.flows[index].id = unique
            }
        }
        let firstAgreement = model.agreements.count
        model.agreements.append(contentsOf: part.agreements)
        for (offset, origin) in part.agreementIdOrigins.enumerated() {
            let index = firstAgreement + offset
            if let unique = Self.uniqueId(model.agreements[index].id, origin, seen: &agreementIds, clash: &explicitIdClashes) {
                model.agreements[index].id = unique
            }
        }
        model.waivers.append(contentsOf: part.waivers)
        jurisdictionNodes += part.jurisdictions
    }

    /// Appends an organization, data set, system or store unless its id is taken.
    private mutating func define<Entity: NamespacedEntity>(_ entity: Entity, _ kind: EntityKind, in list: WritableKeyPath<Model, [Entity]>) {
        if register(entity.id, kind: kind, index: model[keyPath: list].count, at: entity.origin.span) {
            model[keyPath: list].append(entity)
        }
    }

    private mutating func register(_ id: String, kind: EntityKind, index: Int, at span: @autoclosure () -> SourceSpan) -> Bool {
        // One hash for the usual new id; a repeated one puts the first definition back.
        if let existing = model.index.updateValue(EntityRef(kind: kind, index: index), forKey: id) {
            model.index[id] = existing
            let first = originSpan(existing)
            decoder.report(
                "id '\(id)' is defined twice: as \(kind.rawValue) here and as \(existing.kind.rawValue) at \(first); ids of organizations, data, systems and stores share one namespace",
                at: span())
            return false
        }
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

    /// Generated ids get `#2`, `#3` in file order (the new id is returned); clashes of explicit
    /// ids are reported later.
    private static func uniqueId(_ id: String, _ origin: IdOrigin, seen: inout Set<String>, clash: inout Bool) -> String? {
        if seen.insert(id).inserted { return nil }
        guard origin == .generated else {
            clash = true
            return nil
        }
        var counter = 2
        while true {
            let candidate = "\(id)#\(counter)"
            if seen.insert(candidate).inserted { return candidate }
            counter += 1
        }
    }

    // MARK: Whole-model checks

    mutating func resolve() {
        applyJurisdictions()
        if explicitIdClashes { checkExplicitIdsUnique() }
        decoder.append(contentsOf: ReferenceChecker.diagnostics(of: model))
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

    private mutating func checkExplicitIdsUnique() {
        reportRepeated("flow", ids: model.flows.map(\.id), origins: model.flows.map(\.origin))
        reportRepeated("agreement", ids: model.agreements.map(\.id), origins: model.agreements.map(\.origin))
    }

    /// Positions are looked up only for a clash: the first definition's index is all we keep.
    private mutating func reportRepeated(_ noun: String, ids: [String], origins: [EntityOrigin]) {
        var first: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            if let earlier = first[id] {
                decoder.report("\(noun) id '\(id)' is defined twice; first at \(origins[earlier].span(of: "id"))",
                               at: origins[index].span(of: "id"))
            } else {
                first[id] = index
            }
        }
    }
}

/// Entities whose ids share one namespace (organizations, data, systems, stores).
protocol NamespacedEntity {
    var id: String { get }
    var origin: EntityOrigin { get }
}

extension Organization: NamespacedEntity {}
extension DataSet: NamespacedEntity {}
extension ProcessingSystem: NamespacedEntity {}
extension Store: NamespacedEntity {}
