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
    public var activities: [ProcessingActivity] = []
    public var systems: [ProcessingSystem] = []
    public var stores: [Store] = []
    public var flows: [Flow] = []
    public var agreements: [Agreement] = []
    /// The breach register (Art. 33(5)).
    public var incidents: [Incident] = []
    public var waivers: [Waiver] = []
    /// The built-in catalogue with the model's `jurisdictions:` applied.
    public var jurisdictions: JurisdictionCatalogue
    public var categories: CategoryCatalogue
    public var files: [String] = []
    /// What Terraform plans say is deployed, when plans are given with the model.
    public var deployment: Deployment?
    /// Ids of organizations, data, systems and stores: one namespace.
    package var index = IdIndex()
    /// Each flow's ids resolved, in flow order; filled when references are checked (empty in a
    /// model put together by hand: the graph then resolves them itself).
    package var flowEnds: [FlowEnds] = []

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
        case .activity: return activities[ref.index].name ?? id
        case .system: return systems[ref.index].name ?? id
        case .store: return stores[ref.index].name ?? id
        default: return id
        }
    }

    /// The address of the entity at `index` of a kind, for the duration of `body`: how facts
    /// read a field of every subject without copying the entity out of its list.
    @inlinable
    package func withEntity<Result>(_ kind: EntityKind, at index: Int, _ body: (UnsafeRawPointer) -> Result) -> Result {
        switch kind {
        case .organization: Self.withElement(organizations, index, body)
        case .data: Self.withElement(data, index, body)
        case .activity: Self.withElement(activities, index, body)
        case .system: Self.withElement(systems, index, body)
        case .store: Self.withElement(stores, index, body)
        case .flow: Self.withElement(flows, index, body)
        case .agreement: Self.withElement(agreements, index, body)
        case .incident: Self.withElement(incidents, index, body)
        case .waiver: Self.withElement(waivers, index, body)
        }
    }

    @inlinable
    static func withElement<Element, Result>(
        _ list: [Element], _ index: Int, _ body: (UnsafeRawPointer) -> Result
    ) -> Result {
        list.withUnsafeBufferPointer { buffer in
            precondition(buffer.indices.contains(index), "no entity \(index) of \(buffer.count)")
            return body(UnsafeRawPointer(buffer.baseAddress.unsafelyUnwrapped + index))
        }
    }

    /// Entities per kind, in a fixed order, for summaries.
    public var counts: [(kind: EntityKind, count: Int)] {
        // Activities and incidents are optional: a model without them is summarised as before they existed.
        [
            (.organization, organizations.count), (.data, data.count), (.activity, activities.count), (.system, systems.count),
            (.store, stores.count), (.flow, flows.count), (.agreement, agreements.count), (.incident, incidents.count),
            (.waiver, waivers.count),
        ].filter { ($0.kind != .activity && $0.kind != .incident) || $0.count > 0 }
    }
}
