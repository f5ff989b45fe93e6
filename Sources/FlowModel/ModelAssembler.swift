import FlowYAML
import FlowRuntime

/// Merges decoded parts, in file order, into one model, then checks what needs the whole
/// model: unique ids, countries (after `jurisdictions:` overrides), categories and references.
struct ModelAssembler: Sendable {
    var model: Model
    var decoder = NodeDecoder()
    /// Set when an explicit id was seen before: only then are ids checked pair by pair.
    private var explicitIdClashes = false
    private var jurisdictionNodes: [(code: String, node: YAMLNode, key: SourceSpan)] = []
    private var categoryDeclarations: [(key: String, description: String, span: SourceSpan)] = []


    init(catalogue: Catalogue) {
        model = Model(catalogue: catalogue)
    }

    /// Merges parts in file order. Definitions, flows and agreements share nothing until the
    /// whole-model checks, so the three merge at once: copying 200,000 flows and checking their
    /// ids was the longest single-threaded step of a national read.
    mutating func add(_ parts: consuming [ModelPart]) {
        var parts = parts
        // Flows and agreements are taken out of the parts, to be moved into the model: a copy
        // retained every flow's strings and lists, and freeing the parts released them again.
        var flows: [[Flow]] = []
        var agreements: [[Agreement]] = []
        var definitions = DefinitionLists()
        for index in parts.indices {
            definitions.take(from: &parts[index])
            decoder.append(contentsOf: parts[index].diagnostics)
            model.waivers.append(contentsOf: parts[index].waivers)
            model.incidents.append(contentsOf: parts[index].incidents)
            jurisdictionNodes += parts[index].jurisdictions
            categoryDeclarations += parts[index].categories
            flows.append(parts[index].flows)
            parts[index].flows = []
            agreements.append(parts[index].agreements)
            parts[index].agreements = []
        }
        let (flowLists, agreementLists) = (Handover(consume flows), Handover(consume agreements))
        let definitionLists = Handover(consume definitions)
        let start = self
        let remaining = consume parts
        let merged = Parallel.map(3) { job -> Merged in
            switch job {
            case 0:
                var definer = start
                definer.defineAll(remaining, definitionLists.take() ?? DefinitionLists())
                return .definitions(definer.model, definer.decoder)
            case 1:
                let (flows, clash) = Self.mergeIds(flowLists.take() ?? [], remaining.map(\.flowIdOrigins))
                return .flows(flows, clash)
            default:
                let (agreements, clash) = Self.mergeIds(agreementLists.take() ?? [], remaining.map(\.agreementIdOrigins))
                return .agreements(agreements, clash)
            }
        }
        // What is left of the parts (diagnostics, ids' origins) is freed on another core.
        Parallel.release(consume remaining)
        for result in merged {
            switch result {
            case .definitions(let defined, let definer):
                model.organizations = defined.organizations
                model.data = defined.data
                model.activities = defined.activities
                model.systems = defined.systems
                model.stores = defined.stores
                model.index = defined.index
                decoder = definer
            case .flows(let flows, let clash):
                model.flows = flows
                explicitIdClashes = explicitIdClashes || clash
            case .agreements(let agreements, let clash):
                model.agreements = agreements
                explicitIdClashes = explicitIdClashes || clash
            }
        }
    }

    private enum Merged: Sendable {
        case definitions(Model, NodeDecoder)
        case flows([Flow], Bool)
        case agreements([Agreement], Bool)
    }

    private mutating func defineAll(_ parts: [ModelPart], _ lists: consuming DefinitionLists) {
        // Kept before room is made, so that the index's first insertion does not copy it.
        let before = model.index
        // Room for every definition at once: the index would otherwise regrow (and rehash) a
        // dozen times.
        model.index.reserveCapacity(model.index.count + parts.reduce(0) { $0 + $1.definitions.count })
        if registerAll(parts, lists) {
            // No id defined twice: each list is the parts' lists one after another, moved.
            Self.append(DefinitionLists.moved(&lists.organizations), to: &model.organizations)
            Self.append(DefinitionLists.moved(&lists.data), to: &model.data)
            Self.append(DefinitionLists.moved(&lists.activities), to: &model.activities)
            Self.append(DefinitionLists.moved(&lists.systems), to: &model.systems)
            Self.append(DefinitionLists.moved(&lists.stores), to: &model.stores)
            return
        }
        // An id defined twice: one definition at a time, each repeat reported and left out.
        model.index = before
        for (position, part) in parts.enumerated() {
            for definition in part.definitions {
                switch definition.kind {
                case .organization: define(lists.organizations[position][definition.index], .organization, in: \.organizations)
                case .data: define(lists.data[position][definition.index], .data, in: \.data)
                case .activity: define(lists.activities[position][definition.index], .activity, in: \.activities)
                case .system: define(lists.systems[position][definition.index], .system, in: \.systems)
                case .store: define(lists.stores[position][definition.index], .store, in: \.stores)
                case .flow, .agreement, .incident, .waiver:
                    continue
                }
            }
        }
    }

    /// Indexes every definition in file order, where it will stand in its list; false at the
    /// first id defined twice (the index is then incomplete).
    private mutating func registerAll(_ parts: [ModelPart], _ lists: borrowing DefinitionLists) -> Bool {
        // Where the next organization, data set, system, store and activity will stand.
        var next = [model.organizations.count, model.data.count, model.systems.count, model.stores.count, model.activities.count]
        for (position, part) in parts.enumerated() {
            for definition in part.definitions {
                let slot = switch definition.kind {
                case .organization: 0
                case .data: 1
                case .system: 2
                case .store: 3
                case .activity: 4
                case .flow, .agreement, .incident, .waiver: -1
                }
                guard slot >= 0, let id = lists.id(of: definition, inPart: position) else { continue }
                guard model.index.updateValue(EntityRef(kind: definition.kind, index: next[slot]), forKey: id) == nil else { return false }
                next[slot] += 1
            }
        }
        return true
    }

    /// `existing` followed by every list in `lists`, moved (see `Parallel.concatenated`).
    private static func append<Entity>(_ lists: consuming [[Entity]], to existing: inout [Entity]) {
        var all = lists
        all.insert(DefinitionLists.moved(&existing), at: 0)
        existing = Parallel.concatenated(all)
    }

    /// Flows or agreements of every part in order, generated ids made unique (`#2`, `#3`);
    /// true when an explicit id is written twice (reported later, naming both places).
    private static func mergeIds<Entity: GeneratedIdEntity>(_ lists: consuming [[Entity]], _ origins: [[IdOrigin]]) -> ([Entity], Bool) {
        var merged = Parallel.concatenated(lists)
        // Generated ids are renamed by their place in the files, explicit ones reported.
        var seen = Set<String>(minimumCapacity: merged.count)
        var clash = false
        // Appended as decoded; only a generated id that is taken is rewritten, in place.
        for (index, origin) in origins.joined().enumerated() {
            if let unique = uniqueId(merged[index].id, origin, seen: &seen, clash: &clash) {
                merged[index].id = unique
            }
        }
        return (merged, clash)
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
            model.index.updateValue(existing, forKey: id)
            let first = originSpan(existing)
            let here = span()
            // In another folder, it is most often another model (or another version of this one).
            let folders = [first.file, here.file].map { file in file.lastIndex(of: "/").map { String(file[..<$0]) } ?? "." }
            let hint = folders[0] != folders[1]
                ? " (\(folders[0]) and \(folders[1]) may be two models, or two versions of one: give one of them at a time)" : ""
            decoder.report(
                "id '\(id)' is defined twice: as \(kind.rawValue) here and as \(existing.kind.rawValue) at \(first); ids of organizations, data, activities, systems and stores share one namespace\(hint)",
                at: here)
            return false
        }
        return true
    }

    private func originSpan(_ ref: EntityRef) -> SourceSpan {
        switch ref.kind {
        case .organization: model.organizations[ref.index].origin.span
        case .data: model.data[ref.index].origin.span
        case .activity: model.activities[ref.index].origin.span
        case .system: model.systems[ref.index].origin.span
        case .store: model.stores[ref.index].origin.span
        case .flow: model.flows[ref.index].origin.span
        case .agreement: model.agreements[ref.index].origin.span
        case .incident: model.incidents[ref.index].origin.span
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
        applyCategories()
        if explicitIdClashes { checkExplicitIdsUnique() }
        // Incidents are a register of a few entries with required ids: always checked.
        reportRepeated("incident", ids: model.incidents.map(\.id), origins: model.incidents.map(\.origin))
        decoder.append(contentsOf: ActivityLinks.apply(to: &model))
        let (diagnostics, flowEnds) = ReferenceChecker.check(model)
        decoder.append(contentsOf: diagnostics)
        model.flowEnds = flowEnds
    }

    /// A declared key lies below a built-in or declared one (parents first, wherever written),
    /// is written once, and is new.
    private mutating func applyCategories() {
        guard !categoryDeclarations.isEmpty else { return }
        let builtIn = model.categories
        var declared: [String: (description: String, span: SourceSpan)] = [:]
        let byDepth = categoryDeclarations.enumerated().sorted {
            ($0.element.key.filter { $0 == "." }.count, $0.offset) < ($1.element.key.filter { $0 == "." }.count, $1.offset)
        }.map(\.element)
        for (key, description, span) in byDepth {
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count > 1, parts.allSatisfy({ part in
                !part.isEmpty && part.allSatisfy { ($0.isLowercase || $0.isNumber || $0 == "-") && $0.isASCII }
            }) else {
                decoder.report("category '\(key)' must be lower-case words joined by '.' below a built-in key (such as 'special.health.mental')", at: span)
                continue
            }
            if builtIn.contains(key) {
                decoder.report("category '\(key)' is built in: declare only keys below built-in ones", at: span)
                continue
            }
            if let first = declared[key] {
                decoder.report("category '\(key)' is declared twice; first at \(first.span)", at: span)
                continue
            }
            guard builtIn.descriptions.count + declared.count < CategoryCatalogue.maxCategories else {
                decoder.report("category '\(key)' is one too many: built-in and declared categories come to at most \(CategoryCatalogue.maxCategories)", at: span)
                continue
            }
            let parent = parts.dropLast().joined(separator: ".")
            guard builtIn.contains(parent) || declared[parent] != nil else {
                let hint = builtIn.suggestion(for: parent).map { "; did you mean '\($0)'?" } ?? ""
                decoder.report("category '\(key)' is below '\(parent)', which is neither built in nor declared\(hint)", at: span)
                continue
            }
            declared[key] = (description, span)
        }
        model.categories = builtIn.adding(declared.mapValues(\.description))
    }

    private mutating func applyJurisdictions() {
        for (code, node, key) in jurisdictionNodes {
            let isCode = code.count == 2 && code.allSatisfy { $0.isASCII && $0.isUppercase }
            if !isCode {
                decoder.report("'\(code)' is not an ISO 3166-1 alpha-2 code (two capital letters)", at: key)
                continue
            }
            let known = model.jurisdictions[code]
            var entry = known ?? Jurisdiction(code: code, name: code, eu: false, eea: false, adequacy: nil, authority: nil)
            guard let written = decoder.read(node, into: &entry, context: "jurisdiction '\(code)'") else { continue }
            if known == nil, !written.contains(Jurisdiction.fields.position(of: "name")) {
                decoder.report("jurisdiction '\(code)' is not in the built-in catalogue, so it needs a 'name'", at: key)
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
extension ProcessingActivity: NamespacedEntity {}

/// Entities whose id may be generated from their fields when none is written.
/// A value handed to exactly one other core, which takes it whole: captured directly, it would
/// be shared with the capturing closure, and taking its elements apart would copy them all.
private final class Handover<Value>: @unchecked Sendable {
    // Set once before the handover, taken once after it, by one thread at a time.
    private var value: Value?

    init(_ value: consuming Value) {
        self.value = value
    }

    /// The value; nil if it was taken before.
    func take() -> Value? {
        value.take()
    }
}

protocol GeneratedIdEntity: Sendable {
    var id: String { get set }
}

extension Flow: GeneratedIdEntity {}
extension Agreement: GeneratedIdEntity {}
