import FlowYAML
import FlowRuntime

/// Checks every id, country and category a model refers to.
struct ReferenceChecker {
    let model: Model
    let index: IdIndex
    private(set) var diagnostics: [Diagnostic] = []
    /// Unknown ids whose did-you-mean is still to be found (see `suggest`), by diagnostic.
    private(set) var unknownIds: [UnknownId] = []

    /// An unknown id reported in `diagnostics[diagnostic]`, and the kinds its field accepts.
    struct UnknownId {
        let diagnostic: Int
        let id: String
        let kinds: [EntityKind]
    }

    init(model: Model) {
        self.model = model
        index = model.index
    }


    /// Flows are most of a large model: their ids are resolved on every core, then checked in
    /// slices, after the definitions and the agreements, which go first so that neither is the
    /// last job left. (Diagnostics are sorted by place once the whole model is checked.) The
    /// flows' resolved ids come back for the graph.
    static func check(_ model: Model) -> (diagnostics: [Diagnostic], flowEnds: [FlowEnds]) {
        let (flows, index, dataIndex) = (model.flows, model.index, FlowEnds.dataIndex(of: model))
        let flowEnds = Parallel.concatenated(Parallel.mapSlices(flows.count, minimumSlice: 10_000) { range in
            ends(of: flows, in: range, index: index, dataIndex: dataIndex)
        })
        // Agreements, systems and stores in slices too: checked as one job, the definitions
        // were the last job left while the other core waited.
        let jobs: [Job] = [.organizationsAndData]
            + Parallel.slices(model.agreements.count, minimumSlice: 10_000).map(Job.agreements)
            + Parallel.slices(model.systems.count, minimumSlice: 10_000).map(Job.systems)
            + Parallel.slices(model.stores.count, minimumSlice: 10_000).map(Job.stores)
            + Parallel.slices(flows.count, minimumSlice: 10_000).map(Job.flows)
        let checked = Parallel.map(jobs.count) { job -> ([Diagnostic], [UnknownId]) in
            var checker = ReferenceChecker(model: model)
            switch jobs[job] {
            case .organizationsAndData:
                checker.checkOrganizationsAndData()
                checker.checkActivities()
                checker.checkIncidents()
            case .agreements(let range): checker.checkAgreements(range)
            case .systems(let range): checker.checkSystems(range)
            case .stores(let range): checker.checkStores(range)
            case .flows(let range): checker.checkFlows(range, ends: flowEnds)
            }
            return (checker.diagnostics, checker.unknownIds)
        }
        var diagnostics: [Diagnostic] = []
        var unknownIds: [UnknownId] = []
        for (found, unknown) in checked {
            unknownIds += unknown.map { UnknownId(diagnostic: $0.diagnostic + diagnostics.count, id: $0.id, kinds: $0.kinds) }
            diagnostics += found
        }
        suggest(for: unknownIds, in: &diagnostics, index: index)
        return (diagnostics, flowEnds)
    }

    /// The ends of the flows in `range`.
    private static func ends(of flows: [Flow], in range: Range<Int>, index: IdIndex, dataIndex: [String: Int]) -> [FlowEnds] {
        var ends: [FlowEnds] = []
        ends.reserveCapacity(range.count)
        for position in range {
            ends.append(FlowEnds(
                from: flows[position].from, to: flows[position].to, data: flows[position].data, index: index, dataIndex: dataIndex))
        }
        return ends
    }

    /// Adds did-you-mean to the unknown ids a report can show: the first `ModelLoader
    /// .maxDiagnostics` by place (ties at the last place included), which contain every one
    /// the loader shows. Each suggestion compares the id with every id of the kinds its field
    /// accepts: for every unknown id of a broken national model (tens of thousands, each against
    /// a hundred thousand ids) the check ran for minutes.
    private static func suggest(for unknownIds: [UnknownId], in diagnostics: inout [Diagnostic], index: IdIndex) {
        guard !unknownIds.isEmpty else { return }
        func place(_ unknown: UnknownId) -> (String, Int, Int) {
            let diagnostic = diagnostics[unknown.diagnostic]
            return (diagnostic.file, diagnostic.position?.line ?? 0, diagnostic.position?.column ?? 0)
        }
        let byPlace = unknownIds.sorted { place($0) < place($1) }
        let last = place(byPlace[min(byPlace.count, ModelLoader.maxDiagnostics) - 1])
        let shown = byPlace.prefix { place($0) <= last }
        var idsByKind: [EntityKind: [String]] = [:]
        for (id, ref) in index { idsByKind[ref.kind, default: []].append(id) }
        let candidates = idsByKind.mapValues { DidYouMean.Candidates($0.sorted()) }
        let hints = Parallel.map(shown.count) { position -> String in
            let unknown = shown[shown.startIndex + position]
            return DidYouMean.hint(unknown.id, from: unknown.kinds.compactMap { candidates[$0] })
        }
        for (position, unknown) in shown.enumerated() { diagnostics[unknown.diagnostic].message += hints[position] }
    }

    /// A share of the checks, run on any core.
    private enum Job {
        case organizationsAndData
        case agreements(Range<Int>)
        case systems(Range<Int>)
        case stores(Range<Int>)
        case flows(Range<Int>)
    }

    private mutating func checkOrganizationsAndData() {
        for organization in model.organizations {
            country(organization.country, field: "country", origin: organization.origin)
        }
        for dataSet in model.data {
            let owner = { "data set '\(dataSet.id)'" }
            reference(dataSet.controller, field: "controller", of: owner(), origin: dataSet.origin, kinds: [.organization])
            if dataSet.categories.isEmpty {
                diagnostics.append(Diagnostic("\(owner()) needs at least one category", at: dataSet.categoriesSpan))
            }
            for category in dataSet.categories where !model.categories.contains(category) {
                let hint = model.categories.suggestion(for: category).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(Diagnostic(
                    "unknown data category '\(category)'\(hint) (built-in keys, or keys the model declares below them in 'categories:')",
                    at: dataSet.categoriesSpan))
            }
        }
    }

    private mutating func checkActivities() {
        for activity in model.activities {
            let owner = { "activity '\(activity.id)'" }
            reference(activity.controller, field: "controller", of: owner(), origin: activity.origin, kinds: [.organization])
            references(activity.data, field: "data", of: owner(), origin: activity.origin, kinds: [.data])
            if activity.data.isEmpty {
                diagnostics.append(Diagnostic("\(owner()) needs at least one data set in 'data'", at: activity.origin.span(of: "data")))
            }
        }
    }

    private mutating func checkIncidents() {
        for incident in model.incidents {
            let owner = { "incident '\(incident.id)'" }
            references(incident.affected, field: "affected", of: owner(), origin: incident.origin, kinds: [.store, .system, .organization])
            references(incident.data, field: "data", of: owner(), origin: incident.origin, kinds: [.data])
            if incident.affected.isEmpty {
                diagnostics.append(Diagnostic("\(owner()) needs at least one store, system or organization in 'affected'",
                                              at: incident.origin.span(of: "affected")))
            }
        }
    }

    // Systems and stores are read field by field: binding each copied (and retained) all its fields.

    private mutating func checkSystems(_ range: Range<Int>) {
        let systems = model.systems
        for index in range {
            checkOperated("system", id: systems[index].id, operator: systems[index].operator_, location: systems[index].location,
                          accessedBy: systems[index].accessedBy, origin: systems[index].origin)
        }
    }

    private mutating func checkStores(_ range: Range<Int>) {
        let stores = model.stores
        for index in range {
            let origin = stores[index].origin
            checkOperated("store", id: stores[index].id, operator: stores[index].operator_, location: stores[index].location,
                          accessedBy: stores[index].accessedBy, origin: origin)
            references(stores[index].holds, field: "holds", of: "store '\(stores[index].id)'", origin: origin, kinds: [.data])
        }
    }

    /// What systems and stores share: the organization running them, where they are, who has access.
    private mutating func checkOperated(
        _ kind: String, id: String, operator operator_: String, location: String?, accessedBy: [String], origin: EntityOrigin
    ) {
        func owner() -> String { "\(kind) '\(id)'" }
        reference(operator_, field: "operator", of: owner(), origin: origin, kinds: [.organization])
        if let location { country(location, field: "location", origin: origin) }
        references(accessedBy, field: "accessed_by", of: owner(), origin: origin, kinds: [.organization])
    }

    /// Reports the flows whose ids do not resolve (`ends`, by flow).
    private mutating func checkFlows(_ range: Range<Int>, ends: [FlowEnds]) {
        let flows = model.flows
        for position in range {
            // The common case, a flow whose every id resolves, reads only what was resolved: the
            // diagnostic path below copied the whole model per flow even when it found nothing.
            if ends[position].from != nil || flows[position].from.isEmpty, ends[position].to != nil || flows[position].to.isEmpty,
               flows[position].from != flows[position].to, !flows[position].data.isEmpty, ends[position].allDataResolve,
               flows[position].activity.map({ Self.resolves($0, kinds: [.activity], in: index) }) ?? true {
                continue
            }
            let flow = flows[position]
            let owner = { "flow '\(flow.id)'" }
            let nodes: [EntityKind] = [.organization, .system, .store]
            reference(flow.from, field: "from", of: owner(), origin: flow.origin, kinds: nodes)
            reference(flow.to, field: "to", of: owner(), origin: flow.origin, kinds: nodes)
            if flow.from == flow.to, !flow.from.isEmpty {
                diagnostics.append(Diagnostic("\(owner()) goes from '\(flow.from)' to itself", at: flow.origin.span(of: "to")))
            }
            references(flow.data, field: "data", of: owner(), origin: flow.origin, kinds: [.data])
            if let activity = flow.activity {
                reference(activity, field: "activity", of: owner(), origin: flow.origin, kinds: [.activity])
            }
            // A flow naming an activity carries its data; an unknown activity is reported instead.
            if flow.data.isEmpty, flow.activity == nil {
                diagnostics.append(Diagnostic("\(owner()) needs at least one data set in 'data'", at: flow.origin.span(of: "data")))
            }
        }
    }

    private mutating func checkAgreements(_ range: Range<Int>) {
        let agreements = model.agreements
        for index in range {
            let origin = agreements[index].origin
            func owner() -> String { "agreement '\(agreements[index].id)'" }
            for (field, value) in [
                ("controller", agreements[index].controller), ("processor", agreements[index].processor),
                ("exporter", agreements[index].exporter), ("importer", agreements[index].importer),
            ] {
                if let value { reference(value, field: field, of: owner(), origin: origin, kinds: [.organization]) }
            }
            references(agreements[index].parties, field: "parties", of: owner(), origin: origin, kinds: [.organization])
            references(agreements[index].approved, field: "approved", of: owner(), origin: origin, kinds: [.organization])
        }
    }

    private mutating func country(_ code: String, field: String, origin: EntityOrigin) {
        guard !code.isEmpty, !model.jurisdictions.contains(code) else { return }
        // Edit distance means nothing between two-letter codes: only suggest a case fix.
        let hint = model.jurisdictions[code.uppercased()] != nil ? "; did you mean '\(code.uppercased())'?" : ""
        diagnostics.append(Diagnostic(
            "unknown country code '\(code)' in '\(field)' (ISO 3166-1 alpha-2, or add it under 'jurisdictions')\(hint)",
            at: origin.span(of: field)))
    }

    /// Unknown references reported for one list field before the rest are counted in one line:
    /// a list of thousands of wrong ids says no more with all of them.
    static let maxUnknownPerField = 20

    private mutating func references(_ ids: [String], field: String, of owner: @autoclosure () -> String, origin: EntityOrigin, kinds: [EntityKind]) {
        // The items' spans are looked up only for an error (most references resolve), once.
        var items: YAMLItems?
        var reported = 0
        for (offset, id) in ids.enumerated() where !Self.resolves(id, kinds: kinds, in: index) {
            reported += 1
            if reported > Self.maxUnknownPerField { continue }
            if items == nil { items = origin.node?[field]?.items }
            let span = items.flatMap { offset < $0.count ? $0[offset].span : nil } ?? origin.span(of: field)
            reference(id, field: field, of: owner(), span: span, kinds: kinds)
        }
        if reported > Self.maxUnknownPerField {
            diagnostics.append(Diagnostic(
                "\(owner()) has \(reported - Self.maxUnknownPerField) more wrong ids in '\(field)' than the \(Self.maxUnknownPerField) shown",
                at: origin.span(of: field)))
        }
    }

    /// Static, on the index alone: as a method of the (mutating) checker it copied the whole
    /// model for every reference.
    private static func resolves(_ id: String, kinds: [EntityKind], in index: IdIndex) -> Bool {
        id.isEmpty || index[id].map { kinds.contains($0.kind) } ?? false
    }

    private mutating func reference(_ id: String, field: String, of owner: @autoclosure () -> String, origin: EntityOrigin, kinds: [EntityKind]) {
        guard !Self.resolves(id, kinds: kinds, in: index) else { return }
        reference(id, field: field, of: owner(), span: origin.span(of: field), kinds: kinds)
    }

    private mutating func reference(_ id: String, field: String, of owner: @autoclosure () -> String, span: SourceSpan, kinds: [EntityKind]) {
        guard !id.isEmpty else { return }
        guard let ref = model.index[id] else {
            // Its did-you-mean is added once the whole model is checked (see `suggest`).
            unknownIds.append(UnknownId(diagnostic: diagnostics.count, id: id, kinds: kinds))
            diagnostics.append(Diagnostic(
                "\(owner()) refers to unknown id '\(id)' in '\(field)' (expected \(EntityKind.phrase(kinds)))", at: span))
            return
        }
        if !kinds.contains(ref.kind) {
            let wanted = EntityKind.phrase(kinds)
            diagnostics.append(Diagnostic(
                "'\(field)' of \(owner()) must name \(wanted), but '\(id)' is \(ref.kind.withArticle)",
                at: span))
        }
    }
}
