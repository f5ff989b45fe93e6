/// A node id's kind and position in its kind's array.
public struct EntityRef: Sendable, Hashable, Comparable {
    public var kind: EntityKind
    public var index: Int

    public init(kind: EntityKind, index: Int) {
        self.kind = kind
        self.index = index
    }

    public static func < (lhs: EntityRef, rhs: EntityRef) -> Bool {
        (lhs.kind, lhs.index) < (rhs.kind, rhs.index)
    }
}

/// A whole, validated model: every reference resolves, every value is typed.
public struct Model: Sendable {
    public var organizations: [Organization] = []
    public var data: [DataSet] = []
    public var systems: [ProcessingSystem] = []
    public var stores: [Store] = []
    public var flows: [Flow] = []
    public var agreements: [Agreement] = []
    public var waivers: [Waiver] = []
    /// The built-in catalogue with the model's `jurisdictions:` applied.
    public var jurisdictions: JurisdictionCatalogue
    public var categories: CategoryCatalogue
    public var files: [String] = []
    /// Ids of organizations, data, systems and stores: one namespace.
    public var index = IdIndex()
    /// Each flow's ids resolved, in flow order; filled when references are checked (empty in a
    /// model put together by hand: the graph then resolves them itself).
    public var flowEnds: [FlowEnds] = []

    public init(catalogue: Catalogue) {
        self.jurisdictions = catalogue.jurisdictions
        self.categories = catalogue.categories
    }

    public func ref(_ id: String) -> EntityRef? { index[id] }

    /// Display name of a node id (its `name`, else the id).
    public func name(of id: String) -> String {
        guard let ref = index[id] else { return id }
        switch ref.kind {
        case .organization: return organizations[ref.index].name
        case .data: return data[ref.index].name ?? id
        case .system: return systems[ref.index].name ?? id
        case .store: return stores[ref.index].name ?? id
        default: return id
        }
    }

    /// Entities per kind, in a fixed order, for summaries.
    public var counts: [(kind: EntityKind, count: Int)] {
        [
            (.organization, organizations.count), (.data, data.count), (.system, systems.count),
            (.store, stores.count), (.flow, flows.count), (.agreement, agreements.count), (.waiver, waivers.count),
        ]
    }
}
