package import FlowModel

/// Interned node numbers: organizations `0..<O`, then systems, then stores. One definition,
/// shared by the graph and the passes that build it.
package struct NodeSpace: Sendable {
    package let model: Model
    package let organizationCount: Int
    package let systemCount: Int
    package let storeCount: Int
    /// Codes of EEA countries, asked about for every edge.
    private let eeaCodes: Set<String>

    init(model: Model) {
        self.model = model
        eeaCodes = Set(model.jurisdictions.entries.filter { $0.value.eea }.keys)
        organizationCount = model.organizations.count
        systemCount = model.systems.count
        storeCount = model.stores.count
    }

    package var nodeCount: Int { organizationCount + systemCount + storeCount }

    package func node(_ id: String) -> Int? {
        model.index[id].flatMap(node(ref:))
    }

    package func node(ref: EntityRef) -> Int? {
        switch ref.kind {
        case .organization: return ref.index
        case .system: return organizationCount + ref.index
        case .store: return organizationCount + systemCount + ref.index
        default: return nil
        }
    }

    package func kind(ofNode node: Int) -> EntityKind {
        if node < organizationCount { return .organization }
        if node < organizationCount + systemCount { return .system }
        return .store
    }

    /// Index of the node within its kind's array.
    package func localIndex(ofNode node: Int) -> Int {
        if node < organizationCount { return node }
        if node < organizationCount + systemCount { return node - organizationCount }
        return node - organizationCount - systemCount
    }

    package func id(ofNode node: Int) -> String {
        let local = localIndex(ofNode: node)
        switch kind(ofNode: node) {
        case .organization: return model.organizations[local].id
        case .system: return model.systems[local].id
        default: return model.stores[local].id
        }
    }

    package func isEEA(_ country: String) -> Bool { eeaCodes.contains(country) }

    /// The adequacy decision for `country` in force on `date` that covers this importer.
    package func adequacy(of country: String, for organization: Int, on date: CivilDate) -> AdequacyDecision? {
        guard let decision = model.jurisdictions[country]?.adequacy else { return nil }
        // Fields read in place: binding the organization copied (and retained) all of them.
        let covered = decision.covers(
            certifications: model.organizations[organization].certifications, sector: model.organizations[organization].sector, on: date)
        return covered ? decision : nil
    }
}
